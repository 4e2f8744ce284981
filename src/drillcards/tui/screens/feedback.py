"""The feedback screen: how the answer did, the model answer, and the rating."""

from datetime import timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from drillcards.matcher import Grade
from drillcards.rating import Rating
from drillcards.tui.messages import Attempt, EditAnswer, Rated, UndoRating
from drillcards.tui.widgets.answer_highlight import AnswerHighlight
from drillcards.tui.widgets.flagged_mistakes import FlaggedMistakes
from drillcards.tui.widgets.model_answer import ANSWER_FRAMEWORK, KEY_POINTS, ModelAnswer
from drillcards.tui.widgets.prompt_card import PromptCard
from drillcards.tui.widgets.rating_bar import RatingBar
from drillcards.tui.widgets.score_bar import ScoreBar
from drillcards.tui.widgets.session_header import SessionHeader
from drillcards.tui.widgets.term_checklist import TermChecklist

TALL_TERMINAL = 36
"""From this many rows, more of the model answer starts open."""


def _heading(text: str) -> Static:
    return Static(Text(text), markup=False, classes="heading")


class FeedbackScreen(Screen[None]):
    """Show the grade of an answer next to the model answer; take the user's rating."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding(
            "enter,space",
            "accept",
            "Rate selected",
            tooltip="rate with the selected rating (the suggested one unless moved)",
            id="accept",
        ),
        Binding(
            "left,h",
            "move(-1)",
            "Choose",
            tooltip="move the selected rating left or right",
            priority=True,
            show=False,
        ),
        Binding("right,l", "move(1)", "Choose", priority=True, show=False),
        Binding("escape", "edit", "Edit answer", id="edit"),
        Binding(
            "u",
            "undo",
            "Undo rating",
            tooltip="undo the previous card's rating and show that card again",
            id="undo",
        ),
    ]

    def __init__(
        self,
        attempt: Attempt,
        grade: Grade,
        intervals: dict[Rating, timedelta],
        *,
        status: str,
    ) -> None:
        """Feedback on `attempt`; `intervals` is what each rating would schedule."""
        super().__init__()
        self.attempt = attempt
        self.grade = grade
        self._intervals = intervals
        self._status = status
        self._rated = False

    def compose(self) -> ComposeResult:
        """Header, the graded answer beside the model answer, the rating bar, footer."""
        question = self.attempt.card.question
        yield SessionHeader(self.attempt.card.pack.title, self._status)
        with VerticalScroll(id="feedback-body"):
            yield PromptCard(question, id="prompt")
            with Horizontal(id="feedback-columns"):
                with Vertical(id="graded"):
                    yield ScoreBar(self.grade.score, label="Score", id="score")
                    yield _heading("Your answer")
                    yield AnswerHighlight(self.attempt.answer, self.grade, id="your-answer")
                    # Mistakes first: a handful of lines at most, they stay in view above a
                    # long key-term list (on 100x30 a dozen terms push them off the screen).
                    if any(mistake.flagged for mistake in self.grade.mistakes):
                        yield _heading("Mistakes to avoid")
                        yield FlaggedMistakes(self.grade.mistakes, id="mistakes")
                    if self.grade.key_terms:
                        found = sum(term.matched for term in self.grade.key_terms)
                        yield _heading(f"Key terms  {found} of {len(self.grade.key_terms)}")
                        yield TermChecklist(self.grade.key_terms, id="terms")
                with Vertical(id="model"):
                    yield _heading("Model answer")
                    yield ModelAnswer(
                        question, expanded=self._expanded_sections(), id="model-answer"
                    )
        yield RatingBar(self._intervals, self.grade.suggested_rating, id="rating")
        yield Footer()

    def _expanded_sections(self) -> frozenset[str]:
        """The framework always; the key points too when the terminal is tall."""
        if self.app.size.height >= TALL_TERMINAL:
            return frozenset({ANSWER_FRAMEWORK, KEY_POINTS})
        return frozenset({ANSWER_FRAMEWORK})

    def on_mount(self) -> None:
        """Focus the scrolling body, so arrows scroll and Enter or Space rates."""
        self.query_one("#feedback-body").focus()

    @property
    def selected_rating(self) -> Rating:
        """The rating Enter or Space would give."""
        return self.query_one(RatingBar).selected

    def action_rate(self, number: int) -> None:
        """Rate the card 1 again, 2 hard, 3 good or 4 easy."""
        self._rate(Rating.from_number(number))

    def action_accept(self) -> None:
        """Rate the card with the selected rating (the suggestion unless moved)."""
        self._rate(self.selected_rating)

    def action_move(self, step: int) -> None:
        """Move the rating selection left or right."""
        self.query_one(RatingBar).move(step)

    @on(RatingBar.Chosen)
    def _chosen(self, message: RatingBar.Chosen) -> None:
        self._rate(message.rating)

    def _rate(self, rating: Rating) -> None:
        if self._rated:
            return
        self._rated = True
        self.post_message(Rated(self.attempt, self.grade, rating))

    def allow_rating(self) -> None:
        """Take a rating again (the last one could not be saved)."""
        self._rated = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing is over once a time limit ran out."""
        if action == "edit":
            return self.attempt.seconds_left != 0
        return True

    def action_edit(self) -> None:
        """Back to the question to change the answer."""
        self.post_message(EditAnswer(self.attempt))

    def action_undo(self) -> None:
        """Undo the previous card's rating (this card stays unrated)."""
        self.post_message(UndoRating())
