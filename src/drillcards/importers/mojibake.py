"""Repair of mojibake: UTF-8 text that was once decoded with the wrong code page.

Two kinds are repaired, for every character (not only the usual bullet icons):

* UTF-8 read as Windows-874 (Thai), with Windows-1252 for the bytes that code page
  leaves undefined, as scraped pages often are: "โ€ข" is "•", "๐Ÿš€" is "🚀".
* UTF-8 read as Windows-1252 or Latin-1 ("cafÃ©", "donâ€™t"), which `ftfy` repairs.

Real Thai text is left alone: a run of characters is re-decoded only when the bytes
they stand for are valid UTF-8, and a piece of a run only when it holds a character
that Thai text never has next to Thai letters.
"""

import re
from functools import cache

_THAI_LETTERS = re.compile(r"^[\u0e01-\u0e5b]+$")
# What text misread as Thai letters alone may decode to: accented Latin, Greek, Cyrillic.
# (Thai words can happen to be valid UTF-8 too, but then decode to rare symbols.)
_LETTERS_OF_EUROPE = re.compile(r"^[\u00a0-\u024f\u0370-\u04ff]+$")
_C1_OR_ASCII = re.compile(r"[\x00-\x7f\x80-\x9f]")


@cache
def _thai_table() -> dict[str, int]:
    """Each character Windows-874 (else 1252, else Latin-1) gives a byte >= 0x80, to that byte."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        for encoding in ("cp874", "cp1252", "latin-1"):
            try:
                table[bytes([byte]).decode(encoding)] = byte
                break
            except UnicodeDecodeError:
                continue
    return table


@cache
def _thai_run() -> re.Pattern[str]:
    characters = "".join(re.escape(ch) for ch in _thai_table())
    return re.compile(f"[{characters}]{{2,}}")


def _decode(characters: str) -> str | None:
    """The UTF-8 text that `characters` are a Windows-874 misreading of, or None."""
    table = _thai_table()
    try:
        decoded = bytes(table[ch] for ch in characters).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _C1_OR_ASCII.search(decoded):
        return None
    return decoded


def _sequence_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _repair_run(match: re.Match[str]) -> str:
    run = match.group()
    whole = _decode(run)
    if whole is not None and (not _THAI_LETTERS.match(run) or _LETTERS_OF_EUROPE.match(whole)):
        return whole
    table = _thai_table()
    out: list[str] = []
    index = 0
    while index < len(run):
        length = _sequence_length(table[run[index]])
        piece = run[index : index + length] if length else ""
        decoded = _decode(piece) if len(piece) == length and length else None
        if decoded is not None and not _THAI_LETTERS.match(piece):
            out.append(decoded)
            index += length
        else:
            out.append(run[index])
            index += 1
    return "".join(out)


_LIKELY_LATIN1_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]")


def repair_mojibake(text: str) -> str:
    """`text` with Windows-874, Windows-1252 and Latin-1 mojibake turned back into UTF-8."""
    if text.isascii():
        return text
    text = _thai_run().sub(_repair_run, text)
    if not _LIKELY_LATIN1_MOJIBAKE.search(text):
        return text
    import ftfy  # 40 ms to import; only text that looks broken needs it

    lines = text.splitlines(keepends=True)
    return "".join(
        ftfy.fix_encoding(line) if _LIKELY_LATIN1_MOJIBAKE.search(line) else line for line in lines
    )
