"""The report of a mock interview, and the rating of each answer into the schedule.

Answers are rated in order: 1-4 rates the answer marked `▶`, enter takes the suggested
rating, q stops (the answers not rated yet stay unrecorded).
"""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from drillcards.interview import InterviewReport
from drillcards.interview_render import report_text
from drillcards.rating import Rating


class AnswerRated(Message):
    """The user confirmed (or changed) the rating of one answer."""

    def __init__(self, position: int, rating: Rating) -> None:
        super().__init__()
        self.position = position
        """0-based index of the answer."""
        self.rating = rating


class InterviewReportScreen(Screen[None]):
    """The whole report, then a line of ratings, one per answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(1)", "Again", id="again"),
        Binding("2", "rate(2)", "Hard", id="hard"),
        Binding("3", "rate(3)", "Good", id="good"),
        Binding("4", "rate(4)", "Easy", id="easy"),
        Binding("enter", "rate(0)", "Suggested", id="suggested"),
        Binding("q", "app.quit", "Stop", id="stop"),
    ]

    def __init__(self, report: InterviewReport) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        """The report (plain text), the ratings line, the footer."""
        with VerticalScroll(id="interview-report"):
            yield Static(Text(report_text(self.report)), id="report-text")
        yield Static(self._ratings_text(), id="interview-ratings")
        yield Footer()

    @property
    def position(self) -> int | None:
        """The first answer not rated yet; None when all are."""
        for position, question in enumerate(self.report.questions):
            if question.rating is None:
                return position
        return None

    def _ratings_text(self) -> Text:
        text = Text("Ratings: ")
        for position, question in enumerate(self.report.questions):
            if question.rating is not None:
                text.append(f"{position + 1} {question.rating}  ")
            elif position == self.position:
                text.append(
                    f"▶ {position + 1} ? (enter = {question.suggested_rating})  ", style="bold"
                )
            else:
                text.append(f"{position + 1} ?  ")
        if self.position is None:
            text.append("· all rated into the schedule; q to quit")
        return text

    def show_report(self, report: InterviewReport) -> None:
        """Show the report again with the ratings recorded so far."""
        self.report = report
        self.query_one("#interview-ratings", Static).update(self._ratings_text())

    def action_rate(self, number: int) -> None:
        """Rate the marked answer (`0`: its suggested rating)."""
        position = self.position
        if position is None:
            return
        question = self.report.questions[position]
        rating = question.suggested_rating if number == 0 else Rating.from_number(number)
        self.post_message(AnswerRated(position, rating))
