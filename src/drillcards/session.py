"""A drill session: the queue of cards and the recording of ratings, for any front end.

The queue holds the cards due now (lowest retrievability first), then new cards up to
the day's limit (in pack order). A card rated into a learning step (a new card, or one
rated Again) comes back in the same session once its step has passed: learning cards
that are due go before the rest of the queue, and when the queue is empty, learning
cards due within `LEARN_AHEAD` are shown early (as in Anki), so with a fixed clock
(`DRILL_NOW`) a card rated Again still comes back before the session ends.

A practice-ahead ("cram") session goes through the cards already studied, lowest
retrievability first. Its reviews are logged, flagged as practice, and never change the
schedule. Every rating is stored in one transaction before `record` returns.

A session opens fast however many cards are due: it reads the first due card and how
many there are, and the others (in the order they had when the session opened) only
when the first has been done. A card's question is read without pydantic when its pack
was indexed from validated models (`Catalog.plain_card`).

Suspended cards are never queued. A card whose lapses reach the leech threshold (see
`card_flags.py`) is tagged a leech and suspended when it is rated, and leaves the
session; `record` says so, for the front end to tell the user.
"""

from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from drillcards import clock
from drillcards.card_filter import CardFilter
from drillcards.card_flags import CardFlags, flags_of, is_leech_lapse, set_flags
from drillcards.catalog import Catalog
from drillcards.home import database_path
from drillcards.library import Library
from drillcards.missed_terms import record_missed_terms
from drillcards.plan import plan_day
from drillcards.preferences import global_preferences, pack_overrides, pack_preferences
from drillcards.rating import Rating
from drillcards.scheduler import Phase, study_day_start
from drillcards.store import (
    Store,
    due_cards,
    due_count,
    first_due,
    from_ms,
    introduced_since,
    new_cards,
    next_due,
    practice_cards,
    to_ms,
)

if TYPE_CHECKING:
    from drillcards.matcher import Grade
    from drillcards.models import Pack, Question
    from drillcards.question_data import PackData, QuestionData

LEARN_AHEAD = timedelta(minutes=20)
"""When nothing else is left, learning cards due within this time are shown early."""

MISSED_TERMS_SHOWN = 5


@dataclass(frozen=True)
class SessionCard:
    """A card as a session presents it."""

    key: str
    """`pack id/question id`."""
    pack: "Pack | PackData"
    """The card's pack: its header, with `questions` holding only this card's question
    (sessions never load whole packs)."""
    question: "Question | QuestionData"
    """The model, or its pydantic-free twin for a validated pack (see `Catalog.plain_card`):
    they have the same fields and grade alike."""
    is_new: bool
    """True when the card has never been reviewed."""
    due: datetime | None
    """When the card fell due; None for a new card."""


@dataclass(frozen=True)
class SessionSummary:
    """What a session did."""

    cards: int
    """Different cards reviewed."""
    reviews: int
    """Ratings recorded (a card rated Again and seen again counts twice)."""
    ratings: dict[Rating, int]
    """Reviews per rating, every rating present."""
    average_score: float | None
    """Mean grade score of the graded reviews, None when none was graded."""
    missed_terms: tuple[tuple[str, int], ...]
    """The key terms missed most often, with how many times, most missed first."""
    next_due: tuple[datetime, int] | None
    """When the next card is due after now and how many fall due that day."""
    due_now: int
    """Cards of the session's packs due now, left when the session ended early (`--limit`,
    or the user stopped)."""
    cram: bool
    """A practice-ahead session: the schedule was not changed."""


@dataclass(frozen=True)
class _Queued:
    key: str
    is_new: bool
    due_ms: int | None
    """When the card fell due, in epoch milliseconds (converted only when shown)."""


class _Queue:
    """The cards still to come, in order: those loaded (a card put back comes first),
    then `later` due cards, loaded only when they are reached, then those added at the end.

    `later` is how many cards its loader is expected to give; the count is corrected
    when they are loaded (another process may have reviewed some meanwhile).
    """

    def __init__(
        self,
        loaded: Iterable[_Queued],
        later: tuple[int, Callable[[], list[_Queued]]] | None = None,
    ) -> None:
        self._loaded = deque(loaded)
        self._later_count, self._load_later = later or (0, list)
        self._end: deque[_Queued] = deque()
        self._new = sum(queued.is_new for queued in self._loaded)

    def __len__(self) -> int:
        return len(self._loaded) + self._later_count + len(self._end)

    @property
    def new(self) -> int:
        """How many of the cards are new."""
        return self._new

    def popleft(self) -> _Queued | None:
        """The next card, taken off the queue; None when it is empty."""
        if not self._loaded and self._later_count > 0:
            self._loaded.extend(self._load_later())
            self._later_count = 0
        source = self._loaded or self._end
        if not source:
            return None
        queued = source.popleft()
        self._new -= queued.is_new
        return queued

    def appendleft(self, queued: _Queued) -> None:
        """Put a card back at the front."""
        self._loaded.appendleft(queued)
        self._new += queued.is_new

    def extend(self, cards: Iterable[_Queued]) -> None:
        """Add cards at the end."""
        for queued in cards:
            self._end.append(queued)
            self._new += queued.is_new


@dataclass(frozen=True)
class _Done:
    review_id: int
    card: SessionCard
    rating: Rating
    grade: "Grade | None"
    flags_before: CardFlags | None
    """The card's marks before this rating made it a leech; None when it did not."""


class Session:
    """The cards of one drill session; built by `open_session`."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        pack_ids: list[str],
        queue: _Queue,
        *,
        cram: bool,
        matching: CardFilter | None = None,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.pack_ids = pack_ids
        """The packs the session draws from, in order."""
        self.cram = cram
        """A practice-ahead session: ratings are logged but do not change the schedule."""
        self.matching = matching
        """The tags and categories the session's cards were chosen by (None: all)."""
        self._scheduler = store.scheduler()
        self._queue = queue
        self._learning: dict[str, _Queued] = {}
        self._current: SessionCard | None = None
        self._done: list[_Done] = []
        self._shown = 0

    # --- the queue ------------------------------------------------------------

    def next_card(self) -> SessionCard | None:
        """The card to show now (the same one until it is recorded); None when done."""
        while self._current is None:
            queued = self._take_next(clock.now())
            if queued is None:
                return None
            self._current = self._present(queued)
            if self._current is not None:
                self._shown += 1
        return self._current

    def _take_next(self, now: datetime) -> _Queued | None:
        # Stable sort: among cards due at the same time, the one failed first comes first.
        learning = sorted(self._learning.values(), key=lambda q: q.due_ms or 0)
        first_due = (learning[0].due_ms or 0) if learning else None
        if first_due is not None and first_due <= to_ms(now):
            return self._learning.pop(learning[0].key)
        queued = self._queue.popleft()
        if queued is not None:
            return queued
        if first_due is not None and first_due <= to_ms(now + LEARN_AHEAD):
            return self._learning.pop(learning[0].key)
        return None

    def _present(self, queued: _Queued) -> SessionCard | None:
        found = self.catalog.plain_card(queued.key)
        if found is None:  # the question left its pack since the session began
            return None
        due = from_ms(queued.due_ms) if queued.due_ms is not None else None
        return SessionCard(queued.key, found.pack, found.question, queued.is_new, due)

    def _learning_within_reach(self) -> list[_Queued]:
        horizon = to_ms(clock.now() + LEARN_AHEAD)
        return [q for q in self._learning.values() if (q.due_ms or 0) <= horizon]

    @property
    def position(self) -> int:
        """1-based index of the current card among the cards shown so far."""
        return self._shown

    @property
    def total(self) -> int:
        """Cards planned: those shown, plus those left (learning cards coming back too)."""
        return self._shown + len(self._queue) + len(self._learning_within_reach())

    @property
    def due_left(self) -> int:
        """Due cards still to come, learning cards coming back included."""
        due = len(self._queue) - self._queue.new
        return due + len(self._learning_within_reach())

    @property
    def new_left(self) -> int:
        """New cards still to come."""
        return self._queue.new

    @property
    def done(self) -> int:
        """Ratings recorded in this session (a card rated Again and seen again counts twice)."""
        return len(self._done)

    def remaining(self) -> tuple[int, int]:
        """Cards still to rate, the one showing included: (due, new).

        Due counts learning cards coming back, so `done` plus both only grows when a card
        is rated Again (it is then one more card to do), never by itself.
        """
        current = self._current
        due = self.due_left + (current is not None and not current.is_new)
        new = self.new_left + (current is not None and current.is_new)
        return due, new

    # --- ratings --------------------------------------------------------------

    def preview_intervals(self, card: SessionCard) -> dict[Rating, timedelta]:
        """The interval until the card is due again for each rating, if rated now.

        In a practice-ahead session these are what the ratings would do; they are
        not applied.
        """
        stored = self.store.card(card.key)
        return self._scheduler.preview(
            card.key,
            stored.state if stored else None,
            stored.reps if stored else 0,
            clock.now(),
        )

    def record(
        self,
        card: SessionCard,
        rating: Rating,
        *,
        grade: "Grade | None",
        answer: str,
        duration_ms: int,
    ) -> bool:
        """Store the rating of the current card (committed before this returns).

        A card left in a learning step comes back later in the session. Returns True
        when the rating made the card a leech: it is now tagged and suspended.
        """
        if self._current is None or card.key != self._current.key:
            raise ValueError(f"{card.key} is not the current card of the session")
        before = None if self.cram else self.store.card(card.key)
        review_id, stored = self.store.record_review(
            self._scheduler,
            card.key,
            rating,
            clock.now(),
            score=grade.score if grade else None,
            answer=answer,
            duration_ms=duration_ms,
            cram=self.cram,
        )
        if grade is not None:
            record_missed_terms(self.store, review_id, card.key, grade)
        flags_before = None
        lapsed = before is not None and stored is not None and stored.lapses > before.lapses
        if lapsed and stored is not None:
            threshold = pack_preferences(self.store, card.pack.id).leech_threshold
            if is_leech_lapse(stored.lapses, threshold):
                flags_before = flags_of(self.store, card.key)
                set_flags(self.store, card.key, CardFlags(suspended=True, leech=True))
        learning = (Phase.LEARNING, Phase.RELEARNING)
        left_in_step = stored is not None and stored.state.phase in learning
        if flags_before is None and not self.cram and stored is not None and left_in_step:
            self._learning[card.key] = _Queued(card.key, False, to_ms(stored.state.due))
        self._done.append(_Done(review_id, card, rating, grade, flags_before))
        self._current = None
        return flags_before is not None

    def draft(self, card: SessionCard) -> str:
        """The unrated answer typed to this card before (in this or an earlier session)."""
        return self.store.draft(card.key) or ""

    def save_draft(self, card: SessionCard, answer: str) -> None:
        """Keep the answer being typed, so leaving, quitting or a crash loses nothing;
        recording the card's rating removes it. An empty answer removes the draft."""
        self.store.save_draft(card.key, answer, clock.now())

    def undo(self) -> SessionCard | None:
        """Remove the session's last review and restore the card's state before it.

        The card becomes the current card again (the one `next_card` returns) and is
        returned; None when the session has recorded nothing (left to undo).
        """
        if not self._done:
            return None
        done = self._done.pop()
        restored = self.store.remove_review(done.review_id)
        if done.flags_before is not None:
            set_flags(self.store, done.card.key, done.flags_before)
        self._learning.pop(done.card.key, None)
        if self._current is not None:
            current = self._current
            due_ms = to_ms(current.due) if current.due is not None else None
            self._queue.appendleft(_Queued(current.key, current.is_new, due_ms))
            self._shown -= 1
        card = SessionCard(
            done.card.key,
            done.card.pack,
            done.card.question,
            is_new=restored is None,
            due=restored.state.due if restored else None,
        )
        self._current = card
        return card

    # --- the end --------------------------------------------------------------

    def summary(self) -> SessionSummary:
        """What the session did so far."""
        ratings = Counter(done.rating for done in self._done)
        scores = [done.grade.score for done in self._done if done.grade is not None]
        missed = Counter(
            term.term
            for done in self._done
            if done.grade is not None
            for term in done.grade.key_terms
            if not term.matched
        )
        return SessionSummary(
            cards=len({done.card.key for done in self._done}),
            reviews=len(self._done),
            ratings={rating: ratings[rating] for rating in Rating},
            average_score=sum(scores) / len(scores) if scores else None,
            missed_terms=tuple(missed.most_common(MISSED_TERMS_SHOWN)),
            next_due=self.next_due(),
            due_now=due_count(self.store, clock.now(), self.pack_ids),
            cram=self.cram,
        )

    def next_due(self) -> tuple[datetime, int] | None:
        """When the next card of the session's packs falls due after now, and how many
        fall due that day; None when no card is scheduled."""
        return next_due(self.store, clock.now(), self.pack_ids, self.matching)

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def check_ready(home: Path, pack_ids: list[str] | None = None) -> None:
    """UserError unless a session can run: the clock (`DRILL_NOW`) reads, the database
    opens and can be written, and every pack (and each of `pack_ids`) loads.

    A front end calls this before it takes over the terminal, so that any of these
    problems is one line on stderr rather than a failure inside the app.
    """
    clock.now()
    with Store.open(database_path(home)) as store:
        store.check_writable()
        catalog = Catalog(store, Library(home))
        catalog.refresh(None)
        if pack_ids:
            catalog.refresh(pack_ids)


def open_session(
    home: Path,
    pack_ids: list[str] | None = None,
    *,
    new_limit: int | None = None,
    limit: int | None = None,
    due_only: bool = False,
    cram: bool = False,
    matching: CardFilter | None = None,
) -> Session:
    """Open a session on the packs `pack_ids` (all when None) of the data dir `home`.

    `new_limit` caps the new cards introduced per study day, counting those already
    introduced today in every pack (None: the `new-per-day` setting); a pack with a
    `new-per-day` of its own also keeps within that. `limit` caps the cards of the
    session; `due_only` leaves new cards out; `cram` makes a practice-ahead session;
    `matching` keeps only the questions with these tags or categories. Packs under an
    interview plan (`drillcards.plan`) take the day's new cards from the plan's target
    instead, and get the reviews it brings forward as due cards.
    """
    store = Store.open(database_path(home))
    try:
        catalog = Catalog(store, Library(home))
        selected = catalog.refresh(pack_ids)
        now = clock.now()
        if cram:
            queue = _Queue(
                _Queued(key, False, due)
                for key, due in practice_cards(store, now, selected, limit, matching)
            )
        else:
            plan = plan_day(store, now, selected)
            planned = plan.pack_ids if plan is not None and plan.days_left else ()
            if plan is not None and planned:
                listed = [
                    _Queued(key, False, due)
                    for key, due in due_cards(store, now, selected, limit, matching)
                ]
                queued = {q.key for q in listed}
                listed.extend(
                    _Queued(k, False, d) for k, d in plan.bring_forward if k not in queued
                )
                queue = _Queue(listed[:limit] if limit is not None else listed)
            else:
                queue = _due_queue(store, now, selected, limit, matching)
            if not due_only:
                queue.extend(
                    _new_cards(store, now, selected, new_limit, limit, matching, queue, planned)
                )
    except BaseException:
        store.close()
        raise
    return Session(store, catalog, selected, queue, cram=cram, matching=matching)


def _due_queue(
    store: Store,
    now: datetime,
    pack_ids: list[str],
    limit: int | None,
    matching: CardFilter | None,
) -> _Queue:
    """The cards due at `now` (at most `limit`) as `due_cards` orders them: the first read
    now with how many there are, the others when the queue reaches them.

    The others are read with the same `now`, so in the same order; a card already taken
    from the queue is left out of them (one that was undone is due again, but it is back
    in the queue already).
    """
    count, first = first_due(store, now, pack_ids, matching)
    if limit is not None:
        count = min(count, limit)
    loaded = [_Queued(first[0], False, first[1])] if first is not None and count else []
    taken = {queued.key for queued in loaded}
    expected = count - len(loaded)

    def others() -> list[_Queued]:
        rows = due_cards(store, now, pack_ids, limit, matching)
        return [_Queued(key, False, due) for key, due in rows if key not in taken][:expected]

    return _Queue(loaded, (expected, others))


def _new_cards(
    store: Store,
    now: datetime,
    pack_ids: list[str],
    new_limit: int | None,
    limit: int | None,
    matching: CardFilter | None,
    queue: list[_Queued],
    planned: Sequence[str] = (),
) -> list[_Queued]:
    """The new cards a session takes, within the day's limits and the session's room.

    The `planned` packs (under an interview plan) take the plan's target for the day
    instead of the daily limits, and their new cards do not count against those.
    """
    day = study_day_start(now)
    if new_limit is None:
        new_limit = global_preferences(store).new_per_day
    introduced = introduced_since(store, day, None) - introduced_since(store, day, planned)
    quota = max(0, new_limit - introduced)
    session_room = limit - len(queue) if limit is not None else None
    taken: list[_Queued] = []
    for pack_id in pack_ids:
        if pack_id in planned:
            pack_plan = plan_day(store, now, [pack_id], reviews=False)
            room = pack_plan.new_left if pack_plan is not None else 0
        else:
            room = quota
            own = pack_overrides(store, pack_id).get("new_per_day")
            if own is not None:
                room = min(room, max(0, int(own) - introduced_since(store, day, [pack_id])))
        if session_room is not None:
            room = min(room, session_room - len(taken))
        keys = new_cards(store, pack_id, room, matching) if room > 0 else []
        taken.extend(_Queued(key, True, None) for key in keys)
        if pack_id not in planned:
            quota -= len(keys)
    return taken
