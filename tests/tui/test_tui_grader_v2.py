"""The feedback screen shows how grader v2 reached a score; answers changed after the
model answer was shown are marked and suggested at most "hard"."""

from collections.abc import Callable

import pytest
from textual.widgets import Static
from tui_helpers import GOOD_ANSWER, screen_text, settle, type_answer

from drillcards.rating import Rating
from drillcards.tui.app import DrillApp
from drillcards.tui.screens.feedback import FeedbackScreen
from drillcards.tui.screens.question import QuestionScreen
from drillcards.tui.widgets.idea_list import IdeaList

AppFactory = Callable[..., DrillApp]

pytestmark = pytest.mark.asyncio


async def submit(pilot, answer: str) -> FeedbackScreen:  # type: ignore[no-untyped-def]
    await type_answer(pilot, answer)
    await pilot.press("ctrl+s")
    await settle(pilot)
    feedback = pilot.app.screen
    assert isinstance(feedback, FeedbackScreen)
    return feedback


async def test_feedback_shows_the_explanation_and_the_ideas(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        feedback = await submit(pilot, GOOD_ANSWER)
        explanation = str(feedback.query_one("#explanation", Static).render())
        assert explanation == feedback.grade.explanation
        assert "key terms 3 of 4" in explanation
        assert f"score {feedback.grade.score:.0%}" in explanation
        ideas = feedback.query_one(IdeaList)
        assert ideas.display and ideas.ideas == feedback.grade.ideas
        text = screen_text(app)
        assert "Ideas of the model answer" in text
        assert "✓ covered:" in text and "✗ missed:" in text


async def test_an_answer_changed_after_the_model_answer_was_shown_is_at_most_hard(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")  # show the model answer without answering
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert not app.screen.grade.aided
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        feedback = await submit(pilot, GOOD_ANSWER + " Retry-After too.")
        assert feedback.grade.aided
        assert feedback.grade.suggested_rating in (Rating.AGAIN, Rating.HARD)
        assert "after the model answer was shown" in str(
            feedback.query_one("#explanation", Static).render()
        )


async def test_an_answer_resubmitted_unchanged_is_not_aided(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = await submit(pilot, GOOD_ANSWER)
        suggested = first.grade.suggested_rating
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, FeedbackScreen)
        assert not again.grade.aided
        assert again.grade.suggested_rating == suggested
