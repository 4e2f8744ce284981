"""Spaced-repetition scheduling: a thin wrapper over the `fsrs` package (FSRS-6, as in Anki).

Everything here is deterministic: review times are cut to whole milliseconds (what the
store keeps), and the random "fuzz" fsrs adds to long intervals is drawn from a random
generator seeded with the card's key and review count, as Anki does. Replaying a card's
review log therefore gives exactly the due times that were stored.
"""

import random
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any

from drillcards.rating import Rating

if TYPE_CHECKING:  # fsrs takes ~5 ms to import: commands that schedule nothing never need it
    import fsrs

DEFAULT_PARAMETERS: tuple[float, ...] = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip
"""FSRS-6 default weights (`fsrs.scheduler.DEFAULT_PARAMETERS`, written out so that
importing this module does not import fsrs); `drill optimize` may store a user's own in
the settings."""

DAY_ROLLOVER_HOUR = 4
"""A study day starts at 04:00 local time (as in Anki), so late-night reviews count for
the day before."""


class Phase(IntEnum):
    """Where a card stands in its learning; the numbers are those of `fsrs.State`."""

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True)
class SchedulerSettings:
    """Everything that shapes the schedule; stored in the database's settings table."""

    desired_retention: float = 0.9
    """The probability of recall a review is scheduled for."""
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    """Short steps of a new card before it graduates to day intervals."""
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    """Short steps of a card that was forgotten (rated Again in review)."""
    maximum_interval_days: int = 36500
    parameters: tuple[float, ...] = field(default=DEFAULT_PARAMETERS)
    """The 21 FSRS-6 weights."""

    def to_json_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data (steps in seconds)."""
        return {
            "desired_retention": self.desired_retention,
            "learning_steps_seconds": [int(s.total_seconds()) for s in self.learning_steps],
            "relearning_steps_seconds": [int(s.total_seconds()) for s in self.relearning_steps],
            "maximum_interval_days": self.maximum_interval_days,
            "parameters": list(self.parameters),
        }

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> "SchedulerSettings":
        """Settings from `to_json_dict` data; missing keys take the defaults.

        Raises ValueError when a value is out of range.
        """
        defaults = cls()
        settings = cls(
            desired_retention=float(data.get("desired_retention", defaults.desired_retention)),
            learning_steps=_steps(data.get("learning_steps_seconds"), defaults.learning_steps),
            relearning_steps=_steps(
                data.get("relearning_steps_seconds"), defaults.relearning_steps
            ),
            maximum_interval_days=int(
                data.get("maximum_interval_days", defaults.maximum_interval_days)
            ),
            parameters=tuple(float(p) for p in data.get("parameters", defaults.parameters)),
        )
        if not 0.5 <= settings.desired_retention < 1:
            raise ValueError("desired_retention must be at least 0.5 and below 1")
        if settings.maximum_interval_days < 1:
            raise ValueError("maximum_interval_days must be at least 1")
        if settings.parameters != defaults.parameters:  # fsrs's own defaults are valid
            import fsrs  # ~10 ms: every database stores the settings, few change the weights

            fsrs.Scheduler(parameters=settings.parameters)  # validates count and bounds
        return settings


def _steps(seconds: Any, default: tuple[timedelta, ...]) -> tuple[timedelta, ...]:
    if seconds is None:
        return default
    steps = tuple(timedelta(seconds=int(value)) for value in seconds)
    if any(step <= timedelta(0) for step in steps):
        raise ValueError("learning and relearning steps must be positive")
    return steps


@dataclass(frozen=True)
class CardState:
    """A card's memory state after at least one review (a new card has none)."""

    phase: Phase
    step: int | None
    """The learning or relearning step, None in the review phase."""
    stability: float
    """Days until recall probability falls to 90%."""
    difficulty: float
    """1 (easy) to 10 (hard)."""
    due: datetime
    last_review: datetime


def exact_instant(moment: datetime) -> datetime:
    """`moment` in UTC (exactly `timezone.utc`, as fsrs requires), cut to whole milliseconds."""
    moment = moment.astimezone(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def study_day_start(moment: datetime) -> datetime:
    """The start (in UTC) of the local study day containing `moment`."""
    local = moment.astimezone()
    start = local.replace(hour=DAY_ROLLOVER_HOUR, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    return start.astimezone(UTC)


class Scheduler:
    """Computes the next state of a card from a rating, with FSRS."""

    def __init__(self, settings: SchedulerSettings | None = None) -> None:
        self.settings = settings or SchedulerSettings()

    @cached_property
    def _fsrs(self) -> "fsrs.Scheduler":
        """fsrs's scheduler for these settings, made when first used: a session opens, and
        shows its first card, before fsrs is imported (~10 ms)."""
        import fsrs

        return fsrs.Scheduler(
            parameters=self.settings.parameters,
            desired_retention=self.settings.desired_retention,
            learning_steps=self.settings.learning_steps,
            relearning_steps=self.settings.relearning_steps,
            maximum_interval=self.settings.maximum_interval_days,
            enable_fuzzing=True,
        )

    def review(
        self, key: str, state: CardState | None, reps: int, rating: Rating, when: datetime
    ) -> CardState:
        """The state of card `key` after it is rated `rating` at `when`.

        `state` is None for a new card; `reps` counts the card's earlier reviews (it seeds
        the interval fuzz, so the same history always gives the same due time).
        """
        import fsrs

        when = exact_instant(when)
        card = _to_fsrs(key, state, when)
        # fsrs fuzzes with `from random import random`: the global generator. Seed it for
        # this one review, then give it back its state so nobody else is affected.
        saved = random.getstate()
        random.seed(zlib.crc32(f"{key}#{reps}".encode()))
        try:
            card, _ = self._fsrs.review_card(card, fsrs.Rating(rating.number), when)
        finally:
            random.setstate(saved)
        assert card.stability is not None and card.difficulty is not None
        assert card.last_review is not None
        return CardState(
            phase=Phase(card.state.value),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
        )

    def preview(
        self, key: str, state: CardState | None, reps: int, when: datetime
    ) -> dict[Rating, timedelta]:
        """The interval each rating would give the card if it were rated at `when`."""
        when = exact_instant(when)
        return {rating: self.review(key, state, reps, rating, when).due - when for rating in Rating}

    def retrievability(self, state: CardState | None, when: datetime) -> float:
        """The predicted probability of recalling the card at `when` (0 for a new card)."""
        if state is None:
            return 0.0
        card = _to_fsrs("", state, exact_instant(when))
        return float(self._fsrs.get_card_retrievability(card, exact_instant(when)))


class PackScheduler(Scheduler):
    """A scheduler whose desired retention may differ per pack (`drill config --pack`).

    Cards are told apart by their key's pack id; every other setting is shared.
    """

    def __init__(self, settings: SchedulerSettings, retention_by_pack: dict[str, float]) -> None:
        super().__init__(settings)
        self._by_pack = {
            pack_id: Scheduler(replace(settings, desired_retention=retention))
            for pack_id, retention in retention_by_pack.items()
        }

    def review(
        self, key: str, state: CardState | None, reps: int, rating: Rating, when: datetime
    ) -> CardState:
        """As `Scheduler.review`, with the desired retention of the card's pack."""
        own = self._by_pack.get(key.split("/", 1)[0])
        if own is not None:
            return own.review(key, state, reps, rating, when)
        return super().review(key, state, reps, rating, when)


def _to_fsrs(key: str, state: CardState | None, when: datetime) -> "fsrs.Card":
    import fsrs

    card_id = zlib.crc32(key.encode())  # explicit: without one, fsrs sleeps 1 ms per card
    if state is None:
        return fsrs.Card(card_id=card_id, due=when)
    return fsrs.Card(
        card_id=card_id,
        state=fsrs.State(state.phase.value),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=exact_instant(state.due),
        last_review=exact_instant(state.last_review),
    )
