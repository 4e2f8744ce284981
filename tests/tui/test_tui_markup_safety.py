"""Pack and answer texts are plain text everywhere: markup shows literally and does nothing.

The hostile pack (data/hostile.yaml) puts Rich/Textual markup in every field: a style
(`[bold red]x[/]`), a stray closing tag (`[/bold]`, which crashes a markup-parsing
widget), a click action (`[@click=app.quit]quit[/]`) and an OSC escape (removed on load).
"""

from collections.abc import Callable

import pytest
from textual.widgets import Collapsible
from tui_helpers import screen_text, settle, type_answer

from drillcards.tui.app import DrillApp
from drillcards.tui.screens.feedback import FeedbackScreen
from drillcards.tui.screens.home import HomeScreen
from drillcards.tui.screens.question import QuestionScreen
from drillcards.tui.widgets.pack_table import PackTable

pytestmark = pytest.mark.asyncio

HOSTILE_ANSWER = "[bold]trigger[/] and [/i] and [@click=app.quit]x[/] and \x1b]0;pwned\x07 done"


async def test_hostile_question_and_feedback_show_markup_literally(
    make_app: Callable[..., DrillApp],
) -> None:
    app = make_app(pack_ids=["hostile"])
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        shown = screen_text(app)
        assert "Why [bold red]x[/] and a stray [/bold] and [@click=app.quit]quit[/]?" in shown
        assert "[reverse]category[/]" in shown
        assert "#[blink]tag[/]" in shown
        assert "[bold red]Hostile[/] pack" in shown  # the pack title in the header

        # clicking the text of a click action must not run it
        await pilot.click(".question-prompt", offset=(45, 0))
        await settle(pilot)
        assert app.is_running

        await type_answer(pilot, HOSTILE_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        for collapsible in app.screen.query(Collapsible):
            collapsible.collapsed = False
        await settle(pilot)
        shown = screen_text(app)
        assert "[bold]trigger[/] and [/i] and [@click=app.quit]x[/]" in shown
        assert "\ufffd]0;pwned\ufffd done" in shown  # control characters replaced, one for one
        assert "✗ [i]term[/i]" in shown
        assert "Escape  title" in shown  # the OSC sequence was removed when the pack loaded
        assert "[link=https://example.com]link[/link]" in shown
        assert "• [@click=app.bell]bell[/]" in shown
        assert "• [b]point" in shown
        assert "• [red]look[/red]" in shown
        assert "• [@click=app.quit]mistake[/]" in shown
        await pilot.click("#your-answer", offset=(30, 0))
        await settle(pilot)
        assert app.is_running


async def test_hostile_pack_title_on_the_home_screen(make_app: Callable[..., DrillApp]) -> None:
    app = make_app(pack_ids=None, start_at_once=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(PackTable)
        assert (
            str(table.get_row("hostile")[0]) == "[bold red]Hostile[/] pack [@click=app.quit]quit[/]"
        )
        assert "[bold red]Hostile[/] pack [@click=app.quit]quit[/]" in screen_text(app)
        await pilot.click(PackTable, offset=(40, 1))
        await settle(pilot)
        assert app.is_running


async def test_an_answer_with_control_characters_keeps_its_highlights(
    make_app: Callable[..., DrillApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        answer = "\x1b[2J\x07 Redis"
        await type_answer(pilot, answer)
        await pilot.press("ctrl+s")
        await settle(pilot)
        highlighted = app.screen.query_one("#your-answer").render()
        assert highlighted.plain == "\ufffd[2J\ufffd Redis"
        [span] = highlighted.spans
        assert highlighted.plain[span.start : span.end] == "Redis"
