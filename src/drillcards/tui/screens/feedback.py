"""The feedback screen: how the answer did, the model answer, and the rating.

The app builds this screen once per run and `show`s every later answer on it: building
its fifty-odd widgets (and styling them) took most of a second per answer, while
updating them takes a few milliseconds.
"""

from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from drillcards.matcher import Grade
from drillcards.rating import Rating
from drillcards.tui.messages import Attempt, EditAnswer, Rated, UndoRating
from drillcards.tui.screens.restyled import RestyledWhenNeeded
from drillcards.tui.widgets.answer_highlight import AnswerHighlight
from drillcards.tui.widgets.flagged_mistakes import FlaggedMistakes
from drillcards.tui.widgets.idea_list import IdeaList
from drillcards.tui.widgets.key_footer import KeyFooter
from drillcards.tui.widgets.model_answer import ANSWER_FRAMEWORK, KEY_POINTS, ModelAnswer
from drillcards.tui.widgets.prompt_card import PromptCard
from drillcards.tui.widgets.rating_bar import RatingBar
from drillcards.tui.widgets.score_bar import ScoreBar
from drillcards.tui.widgets.session_header import SessionHeader
from drillcards.tui.widgets.term_checklist import TermChecklist

if TYPE_CHECKING:
    from drillcards.models import Question

TALL_TERMINAL = 36
"""From this many rows, more of the model answer starts open."""


def _heading(text: str, *, id: str | None = None) -> Static:
    return Static(Text(text), markup=False, classes="heading", id=id)


def _terms_heading(grade: Grade) -> str:
    required = [term for term in grade.key_terms if not term.optional]
    found = sum(term.matched for term in required)
    extra = sum(term.matched for term in grade.key_terms if term.optional)
    bonus = f"  + {extra} optional" if extra else ""
    return f"Key terms  {found} of {len(required)}{bonus}"


def _ideas_heading(grade: Grade) -> str:
    covered = sum(idea.matched for idea in grade.ideas)
    return f"Ideas of the model answer  {covered} of {len(grade.ideas)}"


WidgetType = TypeVar("WidgetType", bound=Widget)


def _parts_shown(grade: Grade) -> tuple[bool, bool, bool]:
    """Whether the grade has key terms, ideas and flagged mistakes to show."""
    has_mistakes = any(mistake.flagged for mistake in grade.mistakes)
    return bool(grade.key_terms), bool(grade.ideas), has_mistakes


def _shown(widget: WidgetType, shown: bool) -> WidgetType:
    """`widget`, displayed only when `shown`."""
    widget.display = shown
    return widget


class FeedbackScreen(RestyledWhenNeeded):
    """Show the grade of an answer next to the model answer; take the user's rating."""

    AUTO_FOCUS = "#feedback-body"
    """The scrolling body has the focus, so arrows scroll and Enter or Space rates."""

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
        self._take(attempt, grade, intervals, status)
        self._model_answer: ModelAnswer | None = None
        """The model answer, once composed."""

    def _take(
        self, attempt: Attempt, grade: Grade, intervals: dict[Rating, timedelta], status: str
    ) -> None:
        """Hold a new answer's feedback (not yet shown), ready to be rated."""
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
                    yield Static(Text(self.grade.explanation), markup=False, id="explanation")
                    yield _heading("Your answer")
                    yield AnswerHighlight(self.attempt.answer, self.grade, id="your-answer")
                    # Mistakes first: a handful of lines at most, they stay in view above a
                    # long key-term list (on 100x30 a dozen terms push them off the screen).
                    # (always composed, shown only when the grade has some: see `show`)
                    has_terms, has_ideas, has_mistakes = _parts_shown(self.grade)
                    yield _shown(_heading("Mistakes to avoid", id="mistakes-heading"), has_mistakes)
                    yield _shown(FlaggedMistakes(self.grade.mistakes, id="mistakes"), has_mistakes)
                    yield _shown(
                        _heading(_terms_heading(self.grade), id="terms-heading"), has_terms
                    )
                    yield _shown(TermChecklist(self.grade.key_terms, id="terms"), has_terms)
                    yield _shown(
                        _heading(_ideas_heading(self.grade), id="ideas-heading"), has_ideas
                    )
                    yield _shown(IdeaList(self.grade.ideas, id="ideas"), has_ideas)
                with Vertical(id="model"):
                    yield _heading("Model answer")
                    self._model_answer = ModelAnswer(
                        question, expanded=self._expanded_sections(), id="model-answer"
                    )
                    yield self._model_answer
        yield RatingBar(self._intervals, self.grade.suggested_rating, id="rating")
        yield KeyFooter()

    def _expanded_sections(self) -> frozenset[str]:
        """The framework always; the key points too when the terminal is tall."""
        if self.app.size.height >= TALL_TERMINAL:
            return frozenset({ANSWER_FRAMEWORK, KEY_POINTS})
        return frozenset({ANSWER_FRAMEWORK})

    def show(
        self,
        attempt: Attempt,
        grade: Grade,
        intervals: dict[Rating, timedelta],
        *,
        status: str,
    ) -> None:
        """Show the feedback on another answer, updating the widgets in place."""
        self._take(attempt, grade, intervals, status)
        question = attempt.card.question
        header = self.query_one(SessionHeader)
        header.title = attempt.card.pack.title
        header.set_status(status)
        self.query_one(PromptCard).show(question)
        self.query_one(ScoreBar).show(grade.score)
        self.query_one("#explanation", Static).update(Text(grade.explanation))
        self.query_one(AnswerHighlight).show(attempt.answer, grade)
        self.query_one("#terms-heading", Static).update(Text(_terms_heading(grade)))
        self.query_one(TermChecklist).show(grade.key_terms)
        self.query_one("#ideas-heading", Static).update(Text(_ideas_heading(grade)))
        self.query_one(IdeaList).show(grade.ideas)
        self.query_one(FlaggedMistakes).show(grade.mistakes)
        self.query_one(ModelAnswer).show(question, expanded=self._expanded_sections())
        self.query_one(RatingBar).show(intervals, grade.suggested_rating)
        self._show_parts()
        body = self.query_one("#feedback-body")
        body.scroll_home(animate=False, immediate=True)
        body.focus()

    def draw_ahead(self, question: "Question") -> None:
        """Prepare the model answer of `question`, asked now, for its feedback (called
        from the warm-up thread while the question is read: see `ModelAnswer`)."""
        if self._model_answer is not None:
            self._model_answer.draw_ahead(question)

    def _show_parts(self) -> None:
        """The key terms, ideas and mistakes sections only when the grade has any."""
        has_terms, has_ideas, has_mistakes = _parts_shown(self.grade)
        for part, shown in (
            ("#terms-heading", has_terms),
            ("#terms", has_terms),
            ("#ideas-heading", has_ideas),
            ("#ideas", has_ideas),
            ("#mistakes-heading", has_mistakes),
            ("#mistakes", has_mistakes),
        ):
            self.query_one(part).display = shown

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
