"""Pilot tests of the home, help and quit screens, the countdown, themes and NO_COLOR."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.filter import Monochrome
from textual.pilot import Pilot
from textual.widgets import Static, TextArea
from tui_helpers import GOOD_ANSWER, screen_text, settle, stored_reviews, type_answer

from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.session import open_session
from drillcards.tui.app import DrillApp
from drillcards.tui.screens.feedback import FeedbackScreen
from drillcards.tui.screens.help import HelpScreen
from drillcards.tui.screens.home import HomeScreen
from drillcards.tui.screens.practice_offer import PracticeOfferScreen
from drillcards.tui.screens.question import QuestionScreen
from drillcards.tui.widgets.countdown import Countdown
from drillcards.tui.widgets.pack_table import PackTable
from drillcards.tui.widgets.session_header import SessionHeader

pytestmark = pytest.mark.asyncio

AppFactory = Callable[..., DrillApp]


async def test_home_lists_packs_and_enter_drills_the_highlighted_one(
    make_app: AppFactory,
) -> None:
    app = make_app(pack_ids=None, start_at_once=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(PackTable)
        assert app.focused is table
        rows = {key.value: [str(cell) for cell in table.get_row(key)] for key in table.rows}
        assert rows["tui-sample"] == ["TUI Sample Pack", "tui-sample", "3", "0", "3"]
        assert rows["senior-fullstack"][4] == "10"  # 15 unseen, 10 new a day
        assert rows["senior-fullstack"][0] == "Senior Fullstack Developer Interview"
        assert "Today: 0 reviews, 0 new cards · 0 due now" in screen_text(app)

        await pilot.press("down", "down")
        assert table.cursor_row == 2
        description = app.screen.query_one("#pack-description", Static)
        assert "Three short questions" in str(description.render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.card.key.startswith("tui-sample/")
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("escape")  # back home: the counts are read again
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(PackTable)
        assert [str(cell) for cell in table.get_row("tui-sample")] == [
            "TUI Sample Pack",
            "tui-sample",
            "3",
            "0",
            "2",
        ]
        assert "Today: 1 review, 1 new card · 0 due now · next card due in" in screen_text(app)


async def test_a_long_pack_title_is_cut_and_the_counts_stay_on_screen(
    make_app: AppFactory, installed: Path
) -> None:
    long_title = "Distributed Systems and Cloud Architecture Deep Dive for Staff Engineers"
    Library(installed).install(
        [
            parse_pack_text(
                f"id: distributed-systems-deep-dive\ntitle: {long_title}\n"
                "questions:\n  - {id: a, prompt: What is a?}\n"
            )
        ]
    )
    app = make_app(pack_ids=None, start_at_once=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        [header] = [line for line in lines if "Pack" in line and "New" in line]
        [row] = [line for line in lines if "Distributed" in line]
        assert len(row.rstrip()) <= 80 and "…" in row and long_title not in row
        assert row.rstrip().endswith("1") and header.index("New") < 80
        assert "distributed-systems-" in row  # the id is shown too, cut to fit


async def test_home_new_counts_what_today_allows(make_app: AppFactory, installed: Path) -> None:
    app = make_app(pack_ids=None, start_at_once=False, new_limit=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PackTable)
        assert str(table.get_row("senior-fullstack")[4]) == "2"
        assert app.screen.query_one(SessionHeader).status == "0 due · 2 new"


async def test_home_counts_down_to_the_next_card_then_counts_it_due(
    make_app: AppFactory, installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_session(installed, ["tui-sample"]) as session:
        card = session.next_card()
        assert card is not None
        session.record(card, Rating.AGAIN, grade=None, answer="", duration_ms=1)  # due in 1m
    app = make_app(pack_ids=None, start_at_once=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "0 due now · next card due in 1m" in screen_text(app)
        monkeypatch.setenv("DRILL_NOW", "2026-12-01T09:00:30+00:00")
        home.tick()
        await settle(pilot)
        assert "0 due now · next card due in 30s" in screen_text(app)
        monkeypatch.setenv("DRILL_NOW", "2026-12-01T09:01:30+00:00")
        home.tick()
        await settle(pilot)
        assert "· 1 due now" in screen_text(app)
        assert home.query_one(SessionHeader).status.startswith("1 due · ")


async def test_flagged_mistakes_stay_in_view_above_many_key_terms(
    make_app: AppFactory, installed: Path
) -> None:
    terms = ", ".join(f"Term Number {n}" for n in range(1, 15))
    Library(installed).install(
        [
            parse_pack_text(
                "id: many-terms\ntitle: Many terms\nquestions:\n"
                "  - id: q\n    prompt: Name the terms.\n"
                f"    key_terms: [{terms}]\n"
                "    mistakes:\n      - {text: Guessing wildly, triggers: [wild guess]}\n"
            )
        ]
    )
    app = make_app(pack_ids=["many-terms"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_answer(pilot, "A wild guess: term number 1.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        shown = screen_text(app)
        assert "⚠ Guessing wildly" in shown  # on the first screen, no scrolling
        assert shown.index("Mistakes to avoid") < shown.index("Key terms")


async def _shows(pilot: Pilot[None], text: str, seconds: float = 5.0) -> bool:
    """Whether `text` appears on the screen within `seconds`."""
    for _ in range(round(seconds / 0.1)):
        if text in screen_text(pilot.app):
            return True
        await pilot.pause(0.1)
    return False


async def test_the_command_palette_offers_the_apps_own_commands(make_app: AppFactory) -> None:
    app = make_app(pack_ids=None, start_at_once=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        for command in ("Drill all packs", "Switch dark / light theme", "Help"):
            assert await _shows(pilot, command)  # the palette gathers hits in the background
        await pilot.press(*"drill tui sample")
        assert await _shows(pilot, "Drill TUI Sample Pack (tui-sample)")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.pack_ids == ["tui-sample"]


async def test_a_drills_every_pack(make_app: AppFactory) -> None:
    app = make_app(pack_ids=None, start_at_once=False, new_limit=30)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None
        assert set(app.session.pack_ids) == {"hostile", "senior-fullstack", "tui-sample"}
        assert app.session.total == 1 + 15 + 3


async def test_review_due_only_and_nothing_to_drill(
    make_app: AppFactory, installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_session(installed, ["tui-sample"]) as session:
        card = session.next_card()
        assert card is not None
        session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
        due = session.summary().next_due
    assert due is not None
    app = make_app(due_only=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # nothing due: stays home and says so
        [notice] = [n.message for n in app._notifications]
        assert notice.startswith("Nothing to drill now. Next: 1 card due in ")

    later = due[0] + timedelta(hours=1)
    monkeypatch.setenv("DRILL_NOW", later.isoformat())
    app = make_app(due_only=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.card.key == card.key
        assert app.session is not None and app.session.total == 1


async def test_practice_ahead_when_nothing_is_left(make_app: AppFactory, installed: Path) -> None:
    with open_session(installed, ["tui-sample"]) as session:
        while (card := session.next_card()) is not None:
            session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PracticeOfferScreen)  # offered, not started unasked
        assert app.session is None
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(PackTable)
        table.move_cursor(row=table.get_row_index("tui-sample"))
        await pilot.press("enter")  # the sample pack again: offered again, and taken
        await settle(pilot)
        assert isinstance(app.screen, PracticeOfferScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.cram
        assert app.screen.query_one(SessionHeader).status.startswith("practice · 0 done")


async def test_practice_flag_starts_practice_at_once(make_app: AppFactory, installed: Path) -> None:
    with open_session(installed, ["tui-sample"]) as session:
        card = session.next_card()
        assert card is not None
        session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
    app = make_app(practice=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.cram and app.session.total == 1


async def test_help_lists_the_keys_of_the_screen_below(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")  # f1 works while typing; ? would be typed
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "ctrl+s" in shown and "Submit" in shown
        assert "ctrl+r" in shown and "Show answer" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)

        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "1" in shown and "Again" in shown and "4" in shown and "Easy" in shown
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)


async def test_ctrl_t_switches_between_dark_and_light(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark


async def test_no_color_makes_the_app_monochrome(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    assert any(isinstance(line_filter, Monochrome) for line_filter in app._filters)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)


async def test_countdown_submits_the_answer_at_zero(make_app: AppFactory, installed: Path) -> None:
    app = make_app(time_limit=3)
    async with app.run_test() as pilot:
        await settle(pilot)
        countdown = app.screen.query_one(Countdown)
        countdown.pause()  # the test ticks it: the real timer would race on a busy machine
        countdown.remaining = 3  # (and may have ticked once while the app started)
        await settle(pilot)
        assert str(countdown.render()) == "⏱ 0:03"
        await type_answer(pilot, GOOD_ANSWER)
        countdown.tick()
        countdown.tick()
        await settle(pilot)
        assert str(countdown.render()) == "⏱ 0:01"
        assert countdown.has_class("-warning")
        assert isinstance(app.screen, QuestionScreen)
        countdown.tick()
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert feedback.attempt.answer == GOOD_ANSWER
        assert feedback.attempt.seconds_left == 0
        await pilot.press("escape")  # time is up: the answer can no longer be edited
        await settle(pilot)
        assert app.screen is feedback
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        # A fresh limit of 3 s (the last card's ran out); a busy machine may tick it once.
        assert app.screen.query_one(Countdown).remaining >= 2
        assert len(stored_reviews(installed)) == 1


async def test_tab_indents_the_answer_and_shift_tab_leaves_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        question = app.screen
        assert isinstance(question, QuestionScreen)
        await pilot.press(*"def f():", "enter", "tab", *"return 1")
        assert question.answer == "def f():\n    return 1"
        assert isinstance(app.focused, TextArea)
        await pilot.press("shift+tab")
        assert not isinstance(app.focused, TextArea)
        await pilot.press("f1")
        await settle(pilot)
        assert "shift+tab" in screen_text(app)  # the help says how to leave the answer box


async def test_countdown_waits_while_help_is_open(make_app: AppFactory) -> None:
    # A roomy limit: settling waits for the warm-up worker (word lists, semantic model),
    # which on a loaded machine can take a couple of seconds of the limit.
    app = make_app(time_limit=8)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        question = app.screen_stack[-2]
        assert isinstance(question, QuestionScreen)
        left = question.query_one(Countdown).remaining
        assert left >= 1
        await pilot.pause(3)  # a real wait: a running countdown would lose 3 seconds
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)  # not submitted under the help
        # (a second may have ticked while the help was opening on a loaded machine)
        assert question.query_one(Countdown).remaining >= left - 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is question
        for _ in range(150):  # and it counts on once the help is closed (real seconds)
            if isinstance(app.screen, FeedbackScreen):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.attempt.seconds_left == 0


async def test_countdown_runs_on_the_clock_and_pauses_while_editing(
    make_app: AppFactory,
) -> None:
    app = make_app(time_limit=1)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")  # submitted with a second left ...
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.attempt.seconds_left == 1
        await pilot.press("escape")  # ... so it can be edited, with that second left
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert str(app.screen.query_one(Countdown).render()) == "⏱ 0:01"
        await pilot.pause(1.3)  # the only real wait: the timer itself
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.attempt.seconds_left == 0


async def test_an_unknown_pack_says_so_on_the_home_screen(make_app: AppFactory) -> None:
    app = make_app(pack_ids=["no-such-pack"])
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        [notice] = list(app._notifications)
        assert notice.severity == "error"
        assert notice.message.startswith("unknown pack 'no-such-pack'")
