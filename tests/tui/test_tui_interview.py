"""The full-screen mock interview: questions without feedback, the clock, the report
and a rating per answer into the schedule."""

from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import GOOD_ANSWER, settle, stored_reviews, type_answer

from drillcards.home import database_path
from drillcards.interview import interview_history, open_interview
from drillcards.rating import Rating
from drillcards.store import Store
from drillcards.tui.interview_app import InterviewApp
from drillcards.tui.screens.interview_question import InterviewQuestionScreen
from drillcards.tui.screens.interview_report import InterviewReportScreen
from drillcards.tui.widgets.countdown import Countdown

pytestmark = pytest.mark.asyncio

STORY = (
    "At my last company we had a release that slipped. My goal was to ship on time. "
    "I proposed a smaller scope and I ran daily check-ins. As a result we shipped 2 weeks early."
)


def make_interview_app(home: Path, questions: int = 3, time_limit: int | None = None):
    interview = open_interview(home, ["tui-sample"], questions=questions, time_limit=time_limit)
    return InterviewApp(interview)


async def answer_all(pilot: Pilot[None], answers: list[str]) -> None:
    for answer in answers:
        await settle(pilot)
        assert isinstance(pilot.app.screen, InterviewQuestionScreen)
        await type_answer(pilot, answer)
        await pilot.press("ctrl+s")
    await settle(pilot)


async def test_interview_asks_all_then_reports_and_rates_each(installed: Path) -> None:
    app = make_interview_app(installed)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewQuestionScreen)
        assert "Question 1 of 3" in str(screen.query_one("#interview-progress").render())
        assert "elapsed" in str(screen.query_one("#interview-elapsed").render())
        await answer_all(pilot, [GOOD_ANSWER, "no idea", STORY])
        report_screen = app.screen
        assert isinstance(report_screen, InterviewReportScreen)
        assert stored_reviews(installed) == []  # nothing rated before the user confirms
        text = str(report_screen.query_one("#report-text").render())
        assert "Work on:" in text and "words/min" in text
        suggested = report_screen.report.questions[0].suggested_rating
        await pilot.press("enter")  # the suggested rating of answer 1
        await pilot.press("2")  # answer 2: hard, whatever was suggested
        await pilot.press("q")  # stop: answer 3 stays unrated
    reviews = stored_reviews(installed)
    assert [r.rating for r in reviews] == [suggested, Rating.HARD]
    with Store.open(database_path(installed)) as store:
        [saved] = interview_history(store)
    assert [q.rating for q in saved.questions] == [suggested, Rating.HARD, None]
    assert saved.questions[2].answer == STORY


async def test_countdown_submits_at_zero(installed: Path) -> None:
    app = make_interview_app(installed, questions=1, time_limit=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_answer(pilot, "token bucket")
        countdown = app.screen.query_one(Countdown)
        countdown.remaining = 1
        countdown.tick()  # the last second passes
        await settle(pilot)
        await pilot.pause(0.1)
        assert isinstance(app.screen, InterviewReportScreen)
        assert app.screen.report.questions[0].answer == "token bucket"


@pytest.mark.parametrize("size", [(100, 40)])
@pytest.mark.filterwarnings("ignore::pytest.PytestWarning")
def test_report_snapshot(snap_compare, installed: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await answer_all(pilot, [GOOD_ANSWER, "Consistency and availability.", STORY])
        # The time taken varies: pin it so the snapshot is stable.
        screen = pilot.app.screen
        assert isinstance(screen, InterviewReportScreen)
        app = pilot.app
        interview = app.interview  # type: ignore[attr-defined]
        pinned = [
            type(q).from_json(
                q.to_json().replace(f'"duration_ms": {q.duration_ms}', '"duration_ms": 60000'), None
            )
            for q in screen.report.questions
        ]
        report = type(screen.report)(
            screen.report.id, screen.report.started_at, screen.report.packs, None, tuple(pinned)
        )
        interview.report = report
        screen.show_report(report)
        await screen.recompose()
        await settle(pilot)

    assert snap_compare(make_interview_app(installed), terminal_size=size, run_before=run_before)
