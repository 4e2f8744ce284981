"""What the screens ask of the app, which owns the session and decides what comes next.

Screens never call the domain to change anything: they post one of these messages and
the app (the one controller) grades, records, undoes and switches screens.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from drillcards.rating import Rating
from drillcards.session import SessionCard

if TYPE_CHECKING:  # the matcher is imported after the first paint (app.py)
    from drillcards.matcher import Grade


@dataclass
class Attempt:
    """An answer to one card, as far as it got."""

    card: SessionCard
    """The card answered."""
    answer: str
    """The answer as typed (possibly empty)."""
    duration_ms: int
    """Time spent answering, in milliseconds."""
    seconds_left: int | None = None
    """What was left of the time limit when the answer was submitted, if there was one."""


class StartSession(Message):
    """Start drilling: one pack, or all packs when `pack_ids` is None."""

    def __init__(self, pack_ids: list[str] | None) -> None:
        super().__init__()
        self.pack_ids = pack_ids
        """The packs to drill, or None for all."""


class AnswerSubmitted(Message):
    """The user submitted an answer (or asked to see the model answer)."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__()
        self.attempt = attempt
        """The card and the answer."""


class EditAnswer(Message):
    """Back from the feedback to the question, to change the answer."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__()
        self.attempt = attempt
        """The card and the answer as submitted."""


class Rated(Message):
    """The user rated a graded answer: record it and show the next card."""

    def __init__(self, attempt: Attempt, grade: "Grade", rating: Rating) -> None:
        super().__init__()
        self.attempt = attempt
        """The card and the answer."""
        self.grade = grade
        """The matcher's grade of the answer."""
        self.rating = rating
        """The user's rating."""


class DraftChanged(Message):
    """The answer being typed changed (reported a moment after typing pauses): keep it."""

    def __init__(self, card: SessionCard, answer: str) -> None:
        super().__init__()
        self.card = card
        """The card answered."""
        self.answer = answer
        """The answer as typed so far."""


class UndoRating(Message):
    """Remove the last review of this session and show its card again."""


class LeaveSession(Message):
    """Stop drilling and go back to the home screen (everything rated is stored)."""


class GradingReady(Message):
    """The background warm-up graded a question once (sent from its thread)."""

    def __init__(self, grade: "Grade") -> None:
        super().__init__()
        self.grade = grade
        """The warm-up's grade (of the question's prompt as an answer)."""
