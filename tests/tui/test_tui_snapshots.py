"""SVG snapshots of the home, question, feedback and summary screens at 80×24 and 120×40,
the light theme, a long pack title and the practice-ahead offer.

The data is fixed (the sample pack, DRILL_NOW, a fresh DRILL_HOME) and the cursor does not
blink, so a change in a snapshot is a change in what the user sees. After an intended
change: `pytest tests/tui/test_tui_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import GOOD_ANSWER, settle, type_answer

from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.session import open_session
from drillcards.tui.app import DrillApp
from drillcards.tui.screens.summary import SummaryScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

Compare = Callable[..., bool]


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Compare, make_app: Callable[..., DrillApp], size: tuple[int, int]):
    assert snap_compare(
        make_app(pack_ids=None, start_at_once=False), terminal_size=size, run_before=settle
    )


@pytest.mark.parametrize("size", SIZES)
def test_question(
    snap_compare: Compare, make_app: Callable[..., DrillApp], size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await type_answer(pilot, "I'd put a token bucket in front of the API,\nper client.")

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_feedback(
    snap_compare: Compare, make_app: Callable[..., DrillApp], size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await type_answer(pilot, GOOD_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_summary(
    snap_compare: Compare, make_app: Callable[..., DrillApp], size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await type_answer(pilot, GOOD_ANSWER)
        # Easy takes a new card out of the session; Again brings the last one back once.
        for key in ("ctrl+s", "4", "ctrl+r", "4", "ctrl+r", "1", "ctrl+r", "4"):
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(pilot.app.screen, SummaryScreen)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_feedback_light_theme(snap_compare: Compare, make_app: Callable[..., DrillApp]) -> None:
    """drillcards' own light theme, readable (WCAG AA), with the selected rating marked."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await type_answer(pilot, GOOD_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


def test_home_long_title(
    snap_compare: Compare, make_app: Callable[..., DrillApp], installed: Path
) -> None:
    """A long pack title is cut with an ellipsis; the id and the counts stay on screen."""
    Library(installed).install(
        [
            parse_pack_text(
                "id: distributed-systems-deep-dive\n"
                "title: Distributed Systems and Cloud Architecture Deep Dive for Staff Engineers\n"
                "questions:\n  - {id: a, prompt: What is a?}\n"
            )
        ]
    )
    assert snap_compare(
        make_app(pack_ids=None, start_at_once=False), terminal_size=(80, 24), run_before=settle
    )


def test_practice_offer(
    snap_compare: Compare, make_app: Callable[..., DrillApp], installed: Path
) -> None:
    """Nothing due, no new card left: practice ahead is offered, not started."""
    with open_session(installed, ["tui-sample"]) as session:
        while (card := session.next_card()) is not None:
            session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settle)
