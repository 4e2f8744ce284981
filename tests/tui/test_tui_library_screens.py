"""The browser and the stats screen: reached from home with `b` / `s` and from the
command palette; search as you type; a card's history; Pilot tests and SVG snapshots."""

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from tui_helpers import settle

from drillcards.card_flags import set_suspended
from drillcards.matcher import grade
from drillcards.rating import Rating
from drillcards.session import open_session
from drillcards.store import Store
from drillcards.tui.app import DrillApp
from drillcards.tui.screens.browser import BrowserScreen
from drillcards.tui.screens.home import HomeScreen
from drillcards.tui.screens.question import QuestionScreen
from drillcards.tui.screens.stats import StatsScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
Compare = Callable[..., bool]
START = datetime(2026, 11, 20, 9, tzinfo=UTC)


@pytest.fixture
def reviewed(installed: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample pack with a few days of graded reviews before DRILL_NOW."""
    answers = {
        "tui-sample/rate-limiting": (
            "A token bucket in Redis [bold]with[/] HTTP 429.",
            Rating.GOOD,
        ),
        "tui-sample/cap-theorem": ("Consistency or availability.", Rating.AGAIN),
    }
    for day in range(0, 10, 3):
        monkeypatch.setenv("DRILL_NOW", (START + timedelta(days=day)).isoformat())
        with open_session(installed, ["tui-sample"], new_limit=2) as session:
            failed: set[str] = set()  # Again once a session, else the card comes back forever
            while (card := session.next_card()) is not None:
                answer, rating = answers.get(card.key, ("", Rating.GOOD))
                if rating == Rating.AGAIN and (day == 0 or card.key in failed):
                    rating = Rating.GOOD
                failed.add(card.key)
                result = grade(card.question, answer)
                session.record(card, rating, grade=result, answer=answer, duration_ms=4200)
    monkeypatch.setenv("DRILL_NOW", "2026-12-01T09:00:00+00:00")
    with Store.open(installed / "drill.db") as store:
        set_suspended(store, ["tui-sample/tell-me-about-yourself"], True)
    return installed


def rows(app: DrillApp) -> list[str]:
    table = app.screen.query_one("#browser-cards", DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


def plain_text(app: DrillApp, selector: str) -> str:
    """What a Static shows, as plain text at a width where nothing wraps."""
    console = Console(width=400, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


def panel(app: DrillApp) -> str:
    return plain_text(app, "#browser-card")


async def press_and_settle(pilot: Pilot[None], *keys: str) -> None:
    """Press `keys`, then let the app finish what they started."""
    await pilot.press(*keys)
    await settle(pilot)


@pytest.mark.asyncio
async def test_b_opens_the_browser_and_search_filters_as_you_type(
    make_app: Callable[..., DrillApp], reviewed: Path
) -> None:
    app = make_app(pack_ids=None, start_at_once=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "b")
        assert isinstance(app.screen, BrowserScreen)
        assert "tui-sample/rate-limiting" in rows(app)
        assert app.screen.query_one("#browser-search", Input).has_focus
        await press_and_settle(pilot, *"cap")
        assert rows(app) == ["tui-sample/cap-theorem"]
        await press_and_settle(pilot, *"zzz")
        assert rows(app) == [] and "No question matches." in panel(app)
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.asyncio
async def test_the_browser_shows_the_highlighted_cards_history(
    make_app: Callable[..., DrillApp], reviewed: Path
) -> None:
    app = make_app(pack_ids=None, start_at_once=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "b")
        await press_and_settle(pilot, *"tui-sample/", "enter")  # enter: to the table
        keys = rows(app)
        assert keys[:2] == ["tui-sample/rate-limiting", "tui-sample/cap-theorem"]
        text = panel(app)
        assert "A token bucket in Redis [bold]with[/] HTTP 429." in text  # literal, not markup
        assert re.search(r"good  score \d+%  4s", text)
        await press_and_settle(pilot, "down")
        text = panel(app)
        assert text.startswith("tui-sample/cap-theorem")
        assert "again" in text and "missed:" in text
        index = keys.index("tui-sample/tell-me-about-yourself")
        for _ in range(index - 1):
            await pilot.press("down")
        await settle(pilot)
        assert panel(app).startswith("tui-sample/tell-me-about-yourself  review (suspended)")


@pytest.mark.asyncio
async def test_s_and_the_palette_open_the_stats_screen(
    make_app: Callable[..., DrillApp], reviewed: Path
) -> None:
    app = make_app(pack_ids=None, start_at_once=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "s")
        assert isinstance(app.screen, StatsScreen)
        charts = plain_text(app, "#stats-charts")
        assert "Reviews, last year" in charts and "True retention" in charts
        assert "Key terms missed most" in charts
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        for command, screen in (("Statistics", StatsScreen), ("Browse cards", BrowserScreen)):
            await press_and_settle(pilot, "ctrl+p")
            await press_and_settle(pilot, *command)
            await press_and_settle(pilot, "enter")
            assert isinstance(app.screen, screen)
            await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.asyncio
async def test_b_and_s_do_nothing_during_a_session(make_app: Callable[..., DrillApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("tab")  # out of the answer
        await pilot.press("b", "s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)


@pytest.mark.asyncio
async def test_a_leech_is_announced_in_the_app(
    make_app: Callable[..., DrillApp], installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from drillcards.preferences import set_preference

    with Store.open(installed / "drill.db") as store:
        set_preference(store, "leech_threshold", 1, None)
    with open_session(installed, ["tui-sample"], limit=1) as session:
        card = session.next_card()
        assert card is not None
        session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
    monkeypatch.setenv("DRILL_NOW", "2027-06-01T09:00:00+00:00")
    app = make_app(due_only=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
        assert any(
            m.startswith("Leech: tui-sample/rate-limiting keeps being forgotten") for m in messages
        )


@pytest.mark.parametrize("size", SIZES)
def test_browser_snapshot(
    snap_compare: Compare, make_app: Callable[..., DrillApp], reviewed: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press(*"rate", "enter")
        await settle(pilot)

    assert snap_compare(
        make_app(pack_ids=None, start_at_once=False), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", SIZES)
def test_stats_snapshot(
    snap_compare: Compare, make_app: Callable[..., DrillApp], reviewed: Path, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(
        make_app(pack_ids=None, start_at_once=False), terminal_size=size, run_before=run_before
    )
