"""Styled text without Rich, and how Rich's Console prints it to a pipe.

Importing Rich's console takes ~25 ms, a good part of a short command such as `drill
check`. Text is built here as Rich's `Text` holds it (the plain string, a base style,
styled spans); `to_rich` makes the `Text`. Where Rich would print no styles and every
character is one cell wide (output to a pipe or file, nothing forcing a terminal),
`plain_width` gives the width Rich would wrap at and `wrap` wraps a line as Rich does
(`rich._wrap.divide_line` with fold overflow), so the output is the same bytes.
"""

import os
import re
import sys
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

ONE_CELL = frozenset(
    [
        *map(chr, range(0x20, 0x7F)),
        *map(chr, range(0xA0, 0xAD)),
        *map(chr, range(0xAE, 0x300)),
        *"‐‑‒–—―‘’‚“”„†‡•…‰′″‹›€™←↑→↓−✓✗○⚠\ufffd",
    ]
)
"""Characters Rich measures as one cell in every Unicode version (Rich's own list of
single-cell ranges, Latin to U+02FF, and the punctuation and marks reports use); text
with any other character is printed by Rich."""

_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
_TRAILING_SPACE = re.compile(r"\s+$")
_RICH_SETTINGS = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "UNICODE_VERSION")


@dataclass
class Styled:
    """Text with a base style and styled spans (start, end, style), as `rich.text.Text`."""

    plain: str = ""
    style: str = ""
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def append(self, text: str, style: str = "") -> "Styled":
        """Add text at the end, styled if `style` is given (`Text.append`)."""
        if text:
            if style:
                self.spans.append((len(self.plain), len(self.plain) + len(text), style))
            self.plain += text
        return self

    def stylize(self, style: str, start: int, end: int) -> None:
        """Style the characters from `start` to `end` (`Text.stylize`)."""
        if style and start < len(self.plain) and end > start:
            self.spans.append((start, min(len(self.plain), end), style))

    def rstrip(self) -> None:
        """Drop trailing white space, and the spans past the end (`Text.rstrip`)."""
        self.plain = self.plain.rstrip()
        end = len(self.plain)
        self.spans = [
            (start, min(stop, end), style) for start, stop, style in self.spans if start < end
        ]

    def to_rich(self) -> "Text":
        """The same text as a Rich `Text`."""
        from rich.text import Span, Text

        return Text(self.plain, style=self.style, spans=[Span(*span) for span in self.spans])


def plain_width(texts: list[Styled], stream: IO[str]) -> int | None:
    """The width Rich's `Console()` would wrap `texts` at when printing them to `stream`
    with no styles; None when Rich would print styles (a terminal, or a setting forcing
    one), or would measure some character otherwise than as one cell."""
    if sys.platform == "win32" or any(name in os.environ for name in _RICH_SETTINGS):
        return None
    try:
        if stream.isatty() or stream.encoding.lower().replace("-", "") != "utf8":
            return None
    except (AttributeError, ValueError):
        return None
    if not all(ONE_CELL.issuperset(text.plain.replace("\n", "")) for text in texts):
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        width = int(columns)
    else:
        width = 0
        for descriptor in (0, 1, 2):
            try:
                width = os.get_terminal_size(descriptor).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return width if width >= 1 else None


def wrap(line: str, width: int) -> list[str]:
    """One line (no line break in it) wrapped to `width` as Rich wraps one-cell text."""
    breaks: list[int] = []
    offset = 0
    for found in _WORD.finditer(line):
        start, word = found.start(), found.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            pieces = [word[index : index + width] for index in range(0, len(word), width)]
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = len(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    lines = [line[start:end] for start, end in zip([0, *breaks], [*breaks, len(line)], strict=True)]
    return [_fit(piece, width) for piece in lines]


def _fit(line: str, width: int) -> str:
    """`Text.rstrip_end` then `Text.truncate` with fold overflow."""
    if len(line) > width:
        spaces = _TRAILING_SPACE.search(line)
        if spaces is not None:
            line = line[: len(line) - min(len(spaces.group()), len(line) - width)]
    return line[:width]


def print_texts(texts: list[Styled], stream: IO[str] | None = None) -> None:
    """Print each text on its own lines, as `rich.console.Console().print(Group(...))`."""
    stream = stream or sys.stdout
    width = plain_width(texts, stream)
    if width is None:
        from rich.console import Console, Group

        Console(file=stream).print(Group(*(text.to_rich() for text in texts)))
        return
    lines = [
        piece for text in texts for line in text.plain.split("\n") for piece in wrap(line, width)
    ]
    stream.write("".join(f"{line}\n" for line in lines))
