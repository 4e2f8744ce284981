"""The model answer is rendered Markdown with highlighted code, and still plain text in
every way that matters for safety: no console markup, no escape sequences, no links."""

import pytest
from rich.console import Console
from rich.segment import Segment
from textual.app import App, ComposeResult

from drillcards.models import Question
from drillcards.tui.widgets.drawn_ahead import DrawnAhead
from drillcards.tui.widgets.model_answer import ModelAnswer, markdown_answer

FRAMEWORK = (
    "Use **a token bucket**; see [the RFC](https://example.com/rfc) and "
    "[bold]not bold[/bold] or [@click=app.quit]quit[/] and `List<String>` and Map<K, V>.\n\n"
    "```python\ndef allow(key: str) -> bool:\n    return bucket.take(key)\n```\n\n"
    "- one\n- two \x1b[31mred\x1b[0m"
)


def _segments(text: str) -> list[Segment]:
    console = Console(width=200, force_terminal=True, color_system="truecolor")
    return list(console.render(markdown_answer(text)))


def test_markdown_is_rendered_and_markup_shows_literally():
    segments = _segments(FRAMEWORK)
    shown = "".join(segment.text for segment in segments)
    assert "a token bucket" in shown and "**" not in shown
    assert "[bold]not bold[/bold]" in shown
    assert "[@click=app.quit]quit[/]" in shown
    assert "List<String>" in shown and "Map<K, V>" in shown  # raw HTML is text, not dropped
    assert "the RFC (https://example.com/rfc)" in shown  # a link shows its address
    assert "• one" in shown
    assert "\x1b" not in shown and "\ufffd[31mred" in shown
    bold = [s for s in segments if s.style and s.style.bold and "token bucket" in s.text]
    assert bold
    code = [s for s in segments if "allow" in s.text or "bucket.take" in s.text]
    assert any(s.style and s.style.color for s in code)  # highlighted


def test_nothing_in_the_answer_is_clickable():
    for segment in _segments(FRAMEWORK):
        style = segment.style
        assert style is None or (not style.link and "@click" not in style.meta)


class _AnswerApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ModelAnswer(Question(id="q", prompt="Why?", framework=FRAMEWORK))


@pytest.mark.asyncio
async def test_clicking_the_links_and_actions_in_an_answer_does_nothing() -> None:
    app = _AnswerApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for row in range(1, 6):
            for column in range(0, 100, 7):
                await pilot.click(offset=(column, row))
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("width", [40, 41])
def test_drawn_ahead_the_lines_are_those_of_the_markdown(width: int) -> None:
    console = Console(width=100, force_terminal=True, color_system="truecolor")
    drawn = DrawnAhead(markdown_answer(FRAMEWORK))
    drawn.draw(console, console.options, [40])  # 41: not drawn ahead, drawn when shown
    options = console.options.update_width(width)
    assert console.render_lines(drawn, options) == console.render_lines(
        markdown_answer(FRAMEWORK), options
    )
    assert (width in drawn._lines) is (width == 40)
