"""Pilot tests of a whole drill: answer, submit, feedback, rate, next card, summary, undo,
quit mid-session; every review must be in the database before the next card shows."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, Collapsible, TextArea
from tui_helpers import GOOD_ANSWER, screen_text, settle, stored_reviews, type_answer

from drillcards.rating import Rating
from drillcards.tui.app import DrillApp
from drillcards.tui.screens.confirm_quit import ConfirmQuitScreen
from drillcards.tui.screens.feedback import FeedbackScreen
from drillcards.tui.screens.home import HomeScreen
from drillcards.tui.screens.question import QuestionScreen
from drillcards.tui.screens.summary import SummaryScreen
from drillcards.tui.widgets.answer_highlight import AnswerHighlight
from drillcards.tui.widgets.rating_bar import RatingBar
from drillcards.tui.widgets.session_header import SessionHeader

AppFactory = Callable[..., DrillApp]

pytestmark = pytest.mark.asyncio


async def test_answer_submit_feedback_rate_next(make_app: AppFactory, installed: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        question = app.screen
        assert isinstance(question, QuestionScreen)
        assert question.card.key == "tui-sample/rate-limiting"
        assert app.focused is question.query_one("#answer", TextArea)
        assert question.query_one(SessionHeader).status == "0 done · 3 left (0 due, 3 new)"

        await pilot.press(*"token bucket")
        assert question.answer == "token bucket"
        assert str(question.query_one("#answer", TextArea).border_subtitle) == "2 words"
        question.query_one("#answer", TextArea).clear()
        await type_answer(pilot, GOOD_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)

        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        shown = screen_text(app)
        assert "✓ Token Bucket" in shown
        assert "✓ Redis" in shown
        assert "✓ HTTP 429" in shown
        assert "✗ Retry-After" in shown
        assert "⚠ Rate limiting in each instance's memory only" in shown
        assert "you wrote “per-instance counter”" in shown
        highlighted = feedback.query_one(AnswerHighlight).render()
        assert highlighted.plain == GOOD_ANSWER
        styled = {highlighted.plain[span.start : span.end] for span in highlighted.spans}
        assert {"token bucket", "Redis", "HTTP 429", "per-instance counter"} <= styled
        # the suggested rating is preselected; the intervals come from the session
        assert feedback.selected_rating == feedback.grade.suggested_rating
        labels = [str(choice.render()) for choice in feedback.query_one(RatingBar).children]
        assert labels[0].startswith("1 Again") and labels[3].startswith("4 Easy")
        assert all(label.strip(" ▶◀").split()[-1][-1] in "smhdoy" for label in labels)
        suggested = feedback.grade.suggested_rating
        marked = [label for label in labels if label.startswith("▶ ") and label.endswith(" ◀")]
        assert marked == [labels[suggested.number - 1]]  # in text, not only colour
        assert [c.title for c in feedback.query(Collapsible)][:2] == [
            "Answer framework",
            "STAR example",
        ]
        assert assert_reviews(installed, 0)

        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.card.key == "tui-sample/cap-theorem"
        [review] = stored_reviews(installed)
        assert review.card_key == "tui-sample/rate-limiting"
        assert review.rating is Rating.GOOD
        assert review.answer == GOOD_ANSWER
        assert review.score == feedback.grade.score
        assert review.duration_ms > 0


def assert_reviews(home: Path, count: int) -> bool:
    """True when the database holds `count` reviews (no database counts as none)."""
    if not (home / "drill.db").exists():
        return count == 0
    return len(stored_reviews(home)) == count


async def test_enter_accepts_the_suggested_rating_and_arrows_move_it(
    make_app: AppFactory, installed: Path
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, GOOD_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert feedback.selected_rating is Rating.HARD
        await pilot.press("right", "right", "right")
        assert feedback.selected_rating is Rating.EASY
        await pilot.press("left")
        assert feedback.selected_rating is Rating.GOOD
        selected = feedback.query_one(RatingBar).query(".-selected")
        assert [choice.id for choice in selected] == ["rating-good"]
        await pilot.press("enter")
        await settle(pilot)
        assert [review.rating for review in stored_reviews(installed)] == [Rating.GOOD]


async def test_space_accepts_and_a_click_rates(make_app: AppFactory, installed: Path) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("space")  # an empty answer suggests Again
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.click("#rating-easy")
        await settle(pilot)
        ratings = [review.rating for review in stored_reviews(installed)]
        assert ratings == [Rating.AGAIN, Rating.EASY]


async def test_show_answer_grades_an_empty_answer(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, "token bucket")
        await pilot.press("ctrl+r")
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert feedback.attempt.answer == ""
        assert feedback.grade.score == 0
        assert feedback.selected_rating is Rating.AGAIN
        assert str(feedback.query_one(AnswerHighlight).render()) == "(no answer given)"


async def test_ctrl_j_and_the_button_submit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, "Redis")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.attempt.answer == "Redis"
        await pilot.press("escape")  # back to the question, the answer kept
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.answer == "Redis"
        await type_answer(pilot, " and HTTP 429")
        await pilot.click("#submit")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.attempt.answer == "Redis and HTTP 429"


async def test_whole_session_ends_in_a_summary(make_app: AppFactory, installed: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await type_answer(pilot, GOOD_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("3")  # Good: a new card goes to a learning step
        for _ in range(10):
            await settle(pilot)
            if isinstance(app.screen, SummaryScreen):
                break
            if isinstance(app.screen, QuestionScreen):
                await pilot.press("ctrl+r")
            else:
                await pilot.press("4")
        summary_screen = app.screen
        assert isinstance(summary_screen, SummaryScreen)
        summary = summary_screen.summary
        assert summary.cards == 3
        assert summary.reviews == len(stored_reviews(installed))
        assert summary.missed_terms[0] == ("Retry-After", 2)  # missed in both answers
        text = " ".join(str(static.render()) for static in summary_screen.query("Static"))
        assert "3 cards reviewed" in text
        assert "Retry-After" in text
        assert "due in" in text
        reviews = len(stored_reviews(installed))
        await pilot.press("u")  # the last rating is undone: its card is shown again
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert len(stored_reviews(installed)) == reviews - 1
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert len(stored_reviews(installed)) == reviews
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.session is None


async def test_undo_removes_the_review_and_restores_the_card(
    make_app: AppFactory, installed: Path
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, GOOD_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert len(stored_reviews(installed)) == 1
        question = app.screen
        assert isinstance(question, QuestionScreen)
        assert question.card.key == "tui-sample/cap-theorem"
        await pilot.press("u")  # typed into the answer while the editor has the focus
        assert question.answer == "u"
        assert len(stored_reviews(installed)) == 1
        question.query_one("#answer", TextArea).clear()
        await pilot.press("shift+tab", "u")  # off the editor, u undoes
        await settle(pilot)
        assert stored_reviews(installed) == []
        restored = app.screen
        assert isinstance(restored, QuestionScreen)
        assert restored.card.key == "tui-sample/rate-limiting"
        assert restored.answer == GOOD_ANSWER
        assert restored.query_one(SessionHeader).status.startswith("0 done · ")
        # rate it again: the card that was current comes next, as before the undo
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.card.key == "tui-sample/cap-theorem"
        assert [review.rating for review in stored_reviews(installed)] == [Rating.EASY]


async def test_undo_from_feedback_and_with_nothing_to_undo(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert [n.message for n in app._notifications] == ["Nothing to undo in this session."]
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.card.key == "tui-sample/rate-limiting"


async def test_quit_mid_session_keeps_every_review(make_app: AppFactory, installed: Path) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, GOOD_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("ctrl+q")  # the answer box is empty: no question asked
        await pilot.pause()
    assert app.return_code == 0
    assert app.session is None
    reviews = stored_reviews(installed)
    assert [(r.card_key, r.rating) for r in reviews] == [
        ("tui-sample/rate-limiting", Rating.GOOD),
        ("tui-sample/cap-theorem", Rating.AGAIN),
    ]


async def test_quit_asks_only_while_an_answer_is_typed(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await type_answer(pilot, "half an answer")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmQuitScreen)
        assert app.focused is app.screen.query_one("#stay", Button)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.answer == "half an answer"
        assert app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_escape_on_a_question_goes_home_and_keeps_the_card_due(
    make_app: AppFactory, installed: Path
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.session is None
        assert assert_reviews(installed, 0)


async def test_a_rating_that_cannot_be_saved_can_be_given_again(
    make_app: AppFactory, installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.session is not None
        record = app.session.record

        def locked(*args: object, **kwargs: object) -> None:
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(app.session, "record", locked)
        await pilot.press("2")
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)  # still rating the same card
        [notice] = [n.message for n in app._notifications]
        assert notice == "The rating was not saved (database is locked); rate again to retry."
        monkeypatch.setattr(app.session, "record", record)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert [review.rating for review in stored_reviews(installed)] == [Rating.HARD]
