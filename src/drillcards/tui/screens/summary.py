"""The summary at the end of a session: what was done and what comes next."""

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from drillcards.humanize import format_due, plural
from drillcards.session import SessionSummary
from drillcards.tui.messages import LeaveSession, UndoRating
from drillcards.tui.widgets.rating_counts import RatingCounts
from drillcards.tui.widgets.score_bar import ScoreBar
from drillcards.tui.widgets.session_header import SessionHeader


def missed_terms_text(summary: SessionSummary) -> Text:
    """The key terms missed most this session, with how often."""
    if not summary.missed_terms:
        return Text("None: every key term was found.")
    return Text("\n").join(
        Text(f"✗ {term}" + (f"  ×{count}" if count > 1 else ""))
        for term, count in summary.missed_terms
    )


def next_due_text(summary: SessionSummary, now: datetime) -> Text:
    """ "3 cards due now.", "3 cards due in 10m." or that nothing is scheduled."""
    if summary.due_now:  # the session ended early (--limit, or the user went home)
        return Text(f"Next review: {plural(summary.due_now, 'card')} due now.")
    if summary.next_due is None:
        return Text("No card is scheduled.")
    when, count = summary.next_due
    return Text(f"Next review: {plural(count, 'card')} due {format_due(when, now)}.")


class SummaryScreen(Screen[None]):
    """Cards done, average score, ratings, most-missed key terms, next due."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "home", "Home", id="home"),
        Binding("u", "undo", "Undo rating", id="undo"),
    ]

    def __init__(self, summary: SessionSummary, *, now: datetime) -> None:
        """The summary of a session, with due times relative to `now`."""
        super().__init__()
        self.summary = summary
        self._now = now

    def compose(self) -> ComposeResult:
        """Header, the numbers of the session, footer."""
        summary = self.summary
        yield SessionHeader("Session complete", plural(summary.reviews, "rating"))
        with VerticalScroll(id="summary-body"):
            done = f"{plural(summary.cards, 'card')} reviewed, {plural(summary.reviews, 'rating')}."
            yield Static(Text(done), markup=False, id="summary-title")
            if summary.cram:
                yield Static(
                    Text("Practice session: the schedule was not changed."),
                    markup=False,
                    classes="summary-note",
                )
            yield Static(next_due_text(summary, self._now), markup=False, id="next-due")
            if summary.average_score is not None:
                yield ScoreBar(summary.average_score, label="Average score", id="average-score")
            yield Static(Text("Ratings"), markup=False, classes="heading")
            yield RatingCounts(summary.ratings, id="ratings")
            yield Static(Text("Key terms missed most"), markup=False, classes="heading")
            yield Static(missed_terms_text(summary), markup=False, id="missed-terms")
        yield Footer()

    def action_home(self) -> None:
        """Back to the home screen."""
        self.post_message(LeaveSession())

    def action_undo(self) -> None:
        """Undo the last rating and see its card again."""
        self.post_message(UndoRating())
