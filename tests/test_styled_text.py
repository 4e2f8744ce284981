"""Styled text printed without Rich is the bytes Rich prints to a pipe (`styled_text`)."""

import io
import random

import pytest
from rich.cells import cell_len
from rich.console import Console, Group
from rich.text import Text

from drillcards import styled_text
from drillcards.grade_view import grade_report, report_texts
from drillcards.home import data_home
from drillcards.library import Library
from drillcards.matcher import grade
from drillcards.styled_text import ONE_CELL, Styled, plain_width, print_texts, wrap

WORDS = ["a", "cache", "aside", "idempotent", "x" * 23, "✓", "→", "naïve", "—", "don’t", "…"]
SPACES = [" ", " ", " ", "  ", "   ", "\u00a0"]


class Pipe(io.StringIO):
    """Standard output sent to a pipe: not a terminal, UTF-8."""

    encoding = "utf-8"  # type: ignore[assignment]

    def isatty(self) -> bool:
        return False


def rich_print(texts: list[Text], width: int) -> str:
    stream = io.StringIO()
    Console(file=stream, width=width, color_system=None).print(Group(*texts))
    return stream.getvalue()


def random_line(chooser: random.Random) -> str:
    parts = [chooser.choice(SPACES) if chooser.random() < 0.2 else ""]
    for _ in range(chooser.randrange(0, 25)):
        parts += [chooser.choice(WORDS), chooser.choice(SPACES)]
    return "".join(parts)[: chooser.randrange(0, 200)]


def test_every_one_cell_character_is_one_cell_for_rich() -> None:
    assert all(cell_len(character) == 1 for character in ONE_CELL)


@pytest.mark.parametrize("seed", range(40))
def test_lines_wrap_as_rich_wraps_them(seed: int) -> None:
    chooser = random.Random(seed)
    width = chooser.choice([1, 2, 5, 9, 17, 23, 40, 80])
    text = "\n".join(random_line(chooser) for _ in range(chooser.randrange(1, 6)))
    plain = "".join(f"{line}\n" for part in text.split("\n") for line in wrap(part, width))
    assert plain == rich_print([Text(text)], width)


@pytest.fixture
def pipe_width(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "UNICODE_VERSION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.usefixtures("pipe_width")
def test_every_report_of_the_bundled_pack_prints_as_rich_prints_it() -> None:
    answers = [
        "I'd use the strangler fig pattern behind an API gateway, with CDC; a big bang "
        "rewrite is fine.",
        "Cache-aside with a TTL: read the cache, on a miss read the database and store it.",
        "Situation: our deploys broke. Task: fix them. Action: I added canaries. Result: "
        "no outage for a year, and I learned to measure first." * 3,
        "",
    ]
    pack = Library(data_home()).get("senior-fullstack")
    for question in pack.questions[:25]:
        for answer in answers:
            result = grade(question, answer)
            stream = Pipe()
            print_texts(report_texts(answer, result), stream)
            assert stream.getvalue() == rich_print([grade_report(answer, result)], 80)


@pytest.mark.usefixtures("pipe_width")
def test_rich_prints_whatever_it_would_print_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    simple = [Styled("Score ", "bold").append("58%", "bold")]
    assert plain_width(simple, Pipe()) == 80
    assert plain_width([Styled("日本語")], Pipe()) is None  # two cells a character
    assert plain_width([Styled("a\tb")], Pipe()) is None
    terminal = Pipe()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    assert plain_width(simple, terminal) is None
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert plain_width(simple, Pipe()) is None
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(styled_text.os, "get_terminal_size", _no_terminal)
    assert plain_width(simple, Pipe()) == 80


def _no_terminal(descriptor: int) -> object:
    raise OSError("not a terminal")


def test_styled_text_becomes_the_rich_text_rich_would_build() -> None:
    built = Styled("Your answer", "bold underline")
    rich = Text("Your answer", style="bold underline")
    assert built.to_rich() == rich
    lines = Styled().append("✓ ", "bold green").append("Redis").append("  (redis)\n", "dim")
    lines.stylize("red", 2, 99)
    lines.rstrip()
    expected = Text()
    expected.append("✓ ", style="bold green").append("Redis").append("  (redis)\n", style="dim")
    expected.stylize("red", 2, 99)
    expected.rstrip()
    assert lines.to_rich() == expected
    assert lines.to_rich().spans == expected.spans
