"""A typed answer is never lost (drafts survive esc, quit, a failure and a new app), and a
storage fault inside the app closes it with one reason instead of a traceback."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_helpers import settle, type_answer

from drillcards.home import database_path
from drillcards.store import Store
from drillcards.tui.app import DrillApp
from drillcards.tui.screens.feedback import FeedbackScreen
from drillcards.tui.screens.home import HomeScreen
from drillcards.tui.screens.question import DRAFT_DELAY, QuestionScreen

AppFactory = Callable[..., DrillApp]
FIRST_CARD = "tui-sample/rate-limiting"

pytestmark = pytest.mark.asyncio


def stored_draft(home: Path, key: str = FIRST_CARD) -> str | None:
    with Store.open(database_path(home)) as store:
        return store.draft(key)


async def test_typing_is_saved_as_a_draft_after_a_pause(
    make_app: AppFactory, installed: Path
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, "a token bucket")
        assert stored_draft(installed) is None  # not on every keystroke
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert stored_draft(installed) == "a token bucket"  # a crash now loses nothing


async def test_escape_keeps_the_answer_and_the_next_visit_restores_it(
    make_app: AppFactory, installed: Path
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, "half an answer")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert stored_draft(installed) == "half an answer"
        app.start_session(["tui-sample"])  # the same pack again: the same card first
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.card.key == FIRST_CARD
        assert app.screen.answer == "half an answer"


async def test_quit_keeps_the_draft_for_the_next_session(
    make_app: AppFactory, installed: Path
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, "typed before quitting")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert stored_draft(installed) == "typed before quitting"
    again = make_app()
    async with again.run_test() as pilot:
        await settle(pilot)
        assert isinstance(again.screen, QuestionScreen)
        assert again.screen.answer == "typed before quitting"


async def test_a_submitted_answer_is_a_draft_until_rated_then_cleared(
    make_app: AppFactory, installed: Path
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, "token bucket in Redis")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert stored_draft(installed) == "token bucket in Redis"  # quitting here loses nothing
        await pilot.press("3")
        await settle(pilot)
        assert stored_draft(installed) is None


async def test_a_storage_fault_inside_the_app_exits_1_with_the_reason(
    make_app: AppFactory, installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.session is not None

        def disk_full(*args: object, **kwargs: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(app.session, "preview_intervals", disk_full)
        await type_answer(pilot, "an answer typed when the disk filled up")
        question = app.screen
        assert isinstance(question, QuestionScreen)
        question.action_submit()  # not pilot.press: it would wait for the closed app
    assert app.return_code == 1
    assert app.failure is not None
    assert app.failure.endswith("the disk is full; free some space and try again")
    assert str(database_path(installed)) in app.failure
    assert stored_draft(installed) == "an answer typed when the disk filled up"
