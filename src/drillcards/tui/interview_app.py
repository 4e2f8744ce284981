"""The full-screen mock interview (`drill interview`): questions, then the report.

The app owns the `Interview`; screens post messages, the app records the answers and
ratings (each rating is committed before the next can be given).
"""

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, CSSPathType

from drillcards.interview import Interview, open_interview
from drillcards.tui.screens.interview_question import InterviewAnswered, InterviewQuestionScreen
from drillcards.tui.screens.interview_report import AnswerRated, InterviewReportScreen


class InterviewApp(App[None]):
    """Ask the interview's questions one after another, then show the report."""

    CSS_PATH: ClassVar[CSSPathType | None] = ["drill.tcss", "screens.tcss"]
    TITLE = "drillcards interview"

    def __init__(self, interview: Interview) -> None:
        super().__init__()
        self.interview = interview

    def on_mount(self) -> None:
        """The first question, once Textual's start-up is over (see `DrillApp.on_mount`)."""
        self.call_later(self._ask_next)

    def _ask_next(self) -> None:
        number = self.interview.answered
        if number == len(self.interview.cards):
            self.switch_screen(InterviewReportScreen(self.interview.finish()))
            return
        screen = InterviewQuestionScreen(
            self.interview.cards[number],
            number=number + 1,
            total=len(self.interview.cards),
            seconds=self.interview.time_limit,
        )
        if number == 0:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    @on(InterviewAnswered)
    def _answered(self, message: InterviewAnswered) -> None:
        self.interview.answer(message.answer, message.duration_ms)
        self._ask_next()

    @on(AnswerRated)
    def _rated(self, message: AnswerRated) -> None:
        self.interview.rate(message.position, message.rating)
        screen = self.screen
        if isinstance(screen, InterviewReportScreen) and self.interview.report is not None:
            screen.show_report(self.interview.report)


def run_interview(
    home: Path, pack_ids: list[str] | None, *, questions: int, time_limit: int | None
) -> None:
    """Run a mock interview until the user quits."""
    with open_interview(home, pack_ids, questions=questions, time_limit=time_limit) as interview:
        InterviewApp(interview).run()
