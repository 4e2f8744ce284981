"""Review statistics from the log (`drill stats`).

- `reviews` counts the reviews that shape the schedule; practice-ahead reviews are
  counted apart (`practice_reviews`).
- `retention` is the share of reviews of previously seen cards (every review but a
  card's first) not rated Again; None when there is no such review yet.
- `due_now` counts scheduled cards (their question still in its pack) due now.
- `streak_days` counts consecutive study days, up to today, with at least one review
  (practice included); a day without reviews yet today does not break it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from drillcards.catalog import Catalog
from drillcards.library import Library
from drillcards.rating import Rating
from drillcards.scheduler import DAY_ROLLOVER_HOUR, study_day_start
from drillcards.store import Store, due_count, next_due, to_ms

_DAY_MS = 86_400_000
_QUARTER_MS = 900_000
"""`review_quarters` counts reviews per quarter of an hour: every time zone's study days
start on one, so a day's reviews are the sum of its quarters (the log has no time index)."""


@dataclass(frozen=True)
class Stats:
    """Review statistics of all packs, or of one."""

    pack: str | None
    reviews: int
    practice_reviews: int
    cards_seen: int
    due_now: int
    retention: float | None
    ratings: dict[Rating, int]
    reviews_today: int
    new_today: int
    average_score: float | None
    """Mean grade score of graded reviews (practice included); None when none."""
    streak_days: int
    next_due: datetime | None
    """When the next scheduled card falls due after now."""

    def to_json(self) -> dict[str, Any]:
        """The statistics as the JSON document of `drill stats --json`."""
        return {
            "pack": self.pack,
            "reviews": self.reviews,
            "practice_reviews": self.practice_reviews,
            "cards_seen": self.cards_seen,
            "due_now": self.due_now,
            "retention": None if self.retention is None else round(self.retention, 4),
            "ratings": {rating.value: count for rating, count in self.ratings.items()},
            "reviews_today": self.reviews_today,
            "new_today": self.new_today,
            "average_score": (None if self.average_score is None else round(self.average_score, 4)),
            "streak_days": self.streak_days,
            "next_due": self.next_due.isoformat() if self.next_due else None,
        }


def collect_stats(
    store: Store,
    library: Library,
    now: datetime,
    pack_id: str | None,
    *,
    due_now: int | None = None,
) -> Stats:
    """Statistics of the review log, of one pack or (None) of all.

    `due_now` is the count of the cards due now when the caller has it already (the
    packs table of `stats_detail` counts them): counting them reads every card again.
    """
    catalog = Catalog(store, library)
    if pack_id is not None and pack_id not in library.pack_ids():
        known = store.db.execute("SELECT 1 FROM cards WHERE pack_id = ? LIMIT 1", (pack_id,))
        if known.fetchone() is None:
            library.path_of(pack_id)  # raises the "unknown pack" UserError
    pack_ids = catalog.refresh(None)
    if pack_id is not None:
        pack_ids = [p for p in pack_ids if p == pack_id]
    totals = _Totals.of(store, pack_id)
    db = store.db
    today = study_day_start(now)
    reviews_today = _reviews_since(store, to_ms(today), pack_id)
    card_where = "+pack_id = ?" if pack_id is not None else "1"  # (+: by introduction)
    new_today = db.execute(
        f"SELECT count(*) FROM cards WHERE introduced >= ? AND {card_where}",
        (to_ms(today), *([pack_id] if pack_id is not None else [])),
    ).fetchone()[0]
    upcoming = next_due(store, now, pack_ids)
    reviews = sum(totals.by_rating.values())
    cards_seen = sum(totals.first_ratings.values())
    later = reviews - cards_seen
    again = Rating.AGAIN.number
    later_again = totals.by_rating.get(again, 0) - totals.first_ratings.get(again, 0)
    return Stats(
        pack=pack_id,
        reviews=reviews,
        practice_reviews=totals.practice,
        cards_seen=cards_seen,
        due_now=due_count(store, now, pack_ids) if due_now is None else due_now,
        retention=(later - later_again) / later if later else None,
        ratings={rating: totals.by_rating.get(rating.number, 0) for rating in Rating},
        reviews_today=reviews_today,
        new_today=new_today,
        average_score=totals.score_sum / totals.scored if totals.scored else None,
        streak_days=_streak(store, now, pack_id),
        next_due=upcoming[0] if upcoming else None,
    )


@dataclass
class _Totals:
    """The review totals of all packs or one, from the `review_counts` table."""

    by_rating: dict[int, int] = field(default_factory=dict)
    """Scheduling reviews by rating number."""
    first_ratings: dict[int, int] = field(default_factory=dict)
    """Cards' first (scheduling) reviews by rating number."""
    practice: int = 0
    score_sum: float = 0.0
    scored: int = 0
    """Graded reviews, practice included."""

    @classmethod
    def of(cls, store: Store, pack_id: str | None) -> "_Totals":
        where, params = ("pack_id = ?", (pack_id,)) if pack_id is not None else ("1", ())
        totals = cls()
        for rating, cram, first, reviews, score_sum, scored in store.db.execute(
            "SELECT rating, cram, first, sum(reviews), sum(score_sum), sum(scored) "
            f"FROM review_counts WHERE {where} GROUP BY rating, cram, first",
            params,
        ):
            totals.score_sum += score_sum
            totals.scored += scored
            if cram:
                totals.practice += reviews
                continue
            totals.by_rating[rating] = totals.by_rating.get(rating, 0) + reviews
            if first:
                totals.first_ratings[rating] = totals.first_ratings.get(rating, 0) + reviews
        return totals


def _review_filter(pack_id: str | None) -> tuple[str, tuple[str, ...]]:
    """SQL condition on `reviews.card_key` for one pack (a key range: `pack/` to `pack0`)."""
    if pack_id is None:
        return "1", ()
    return "card_key >= ? AND card_key < ?", (f"{pack_id}/", f"{pack_id}0")


def _quarter_filter(pack_id: str | None) -> tuple[str, tuple[str, ...]]:
    """SQL condition on `review_quarters.pack_id` for one pack (None: every pack)."""
    return ("pack_id = ?", (pack_id,)) if pack_id is not None else ("1", ())


def _reviews_since(store: Store, start: int, pack_id: str | None) -> int:
    """Scheduling reviews (not practice) at or after `start` (epoch ms): from the
    quarter-hour totals, or, for a start inside a quarter (a time zone offset that is no
    multiple of 15 minutes), from the whole log."""
    if start % _QUARTER_MS:
        where, params = _review_filter(pack_id)
        query = f"SELECT count(*) FROM reviews WHERE cram = 0 AND reviewed_at >= ? AND {where}"
        return int(store.db.execute(query, (start, *params)).fetchone()[0])
    where, params = _quarter_filter(pack_id)
    row = store.db.execute(
        f"SELECT total(reviews - practice) FROM review_quarters WHERE quarter >= ? AND {where}",
        (start // _QUARTER_MS, *params),
    ).fetchone()
    return int(row[0])


def _streak(store: Store, now: datetime, pack_id: str | None) -> int:
    """Consecutive study days up to today with a review: one probe of the quarter-hour
    totals per day (or, for days that do not start on a quarter, one pass over the log)."""
    offset = now.astimezone().utcoffset() or timedelta(0)
    shift_ms = int(offset.total_seconds() * 1000) - DAY_ROLLOVER_HOUR * 3_600_000
    studied: Callable[[int], bool]
    if shift_ms % _QUARTER_MS:
        where, params = _review_filter(pack_id)
        days = store.db.execute(
            f"SELECT DISTINCT (reviewed_at + ?) / {_DAY_MS} FROM reviews WHERE {where}",
            (shift_ms, *params),
        )
        studied = {day for (day,) in days}.__contains__
    else:
        where, params = _quarter_filter(pack_id)
        query = (
            "SELECT EXISTS (SELECT 1 FROM review_quarters WHERE quarter >= ? AND quarter < ? "
            f"AND reviews > 0 AND {where})"
        )

        def studied(day: int) -> bool:
            start = (day * _DAY_MS - shift_ms) // _QUARTER_MS
            end = start + _DAY_MS // _QUARTER_MS
            return bool(store.db.execute(query, (start, end, *params)).fetchone()[0])

    day = (to_ms(now) + shift_ms) // _DAY_MS
    if not studied(day):
        day -= 1  # no review yet today: the streak may still run to yesterday
    streak = 0
    while studied(day):
        streak += 1
        day -= 1
    return streak
