"""Review statistics from the log (`drill stats`).

- `reviews` counts the reviews that shape the schedule; practice-ahead reviews are
  counted apart (`practice_reviews`).
- `retention` is the share of reviews of previously seen cards (every review but a
  card's first) not rated Again; None when there is no such review yet.
- `due_now` counts scheduled cards (their question still in its pack) due now.
- `streak_days` counts consecutive study days, up to today, with at least one review
  (practice included); a day without reviews yet today does not break it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from drillcards.catalog import Catalog
from drillcards.library import Library
from drillcards.rating import Rating
from drillcards.scheduler import DAY_ROLLOVER_HOUR, study_day_start
from drillcards.store import Store, due_cards, next_due, to_ms

_DAY_MS = 86_400_000


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


def collect_stats(store: Store, library: Library, now: datetime, pack_id: str | None) -> Stats:
    """Statistics of the review log, of one pack or (None) of all."""
    catalog = Catalog(store, library)
    if pack_id is not None and pack_id not in library.pack_ids():
        known = store.db.execute("SELECT 1 FROM cards WHERE pack_id = ? LIMIT 1", (pack_id,))
        if known.fetchone() is None:
            library.path_of(pack_id)  # raises the "unknown pack" UserError
    pack_ids = catalog.refresh(None)
    if pack_id is not None:
        pack_ids = [p for p in pack_ids if p == pack_id]
    where, params = _review_filter(pack_id)
    db = store.db
    by_rating = dict(
        db.execute(
            f"SELECT rating, count(*) FROM reviews WHERE cram = 0 AND {where} GROUP BY rating",
            params,
        ).fetchall()
    )
    reviews = sum(by_rating.values())
    practice, average_score = db.execute(
        "SELECT count(*) FILTER (WHERE cram = 1), avg(score) FROM reviews WHERE " + where,
        params,
    ).fetchone()
    first_ratings = dict(
        db.execute(
            "SELECT rating, count(*) FROM reviews WHERE id IN "
            f"(SELECT min(id) FROM reviews WHERE cram = 0 AND {where} GROUP BY card_key) "
            "GROUP BY rating",
            params,
        ).fetchall()
    )
    cards_seen = sum(first_ratings.values())
    later = reviews - cards_seen
    later_again = by_rating.get(Rating.AGAIN.number, 0) - first_ratings.get(Rating.AGAIN.number, 0)
    today = study_day_start(now)
    reviews_today = db.execute(
        f"SELECT count(*) FROM reviews WHERE cram = 0 AND reviewed_at >= ? AND {where}",
        (to_ms(today), *params),
    ).fetchone()[0]
    card_where = "pack_id = ?" if pack_id is not None else "1"
    new_today = db.execute(
        f"SELECT count(*) FROM cards WHERE introduced >= ? AND {card_where}",
        (to_ms(today), *([pack_id] if pack_id is not None else [])),
    ).fetchone()[0]
    upcoming = next_due(store, now, pack_ids)
    return Stats(
        pack=pack_id,
        reviews=reviews,
        practice_reviews=practice,
        cards_seen=cards_seen,
        due_now=len(due_cards(store, now, pack_ids)),
        retention=(later - later_again) / later if later else None,
        ratings={rating: by_rating.get(rating.number, 0) for rating in Rating},
        reviews_today=reviews_today,
        new_today=new_today,
        average_score=average_score,
        streak_days=_streak(store, now, where, params),
        next_due=upcoming[0] if upcoming else None,
    )


def _review_filter(pack_id: str | None) -> tuple[str, tuple[str, ...]]:
    """SQL condition on `reviews.card_key` for one pack (a key range: `pack/` to `pack0`)."""
    if pack_id is None:
        return "1", ()
    return "card_key >= ? AND card_key < ?", (f"{pack_id}/", f"{pack_id}0")


def _streak(store: Store, now: datetime, where: str, params: tuple[str, ...]) -> int:
    offset = now.astimezone().utcoffset() or timedelta(0)
    shift_ms = int(offset.total_seconds() * 1000) - DAY_ROLLOVER_HOUR * 3_600_000
    days = {
        day
        for (day,) in store.db.execute(
            f"SELECT DISTINCT (reviewed_at + ?) / {_DAY_MS} FROM reviews WHERE {where}",
            (shift_ms, *params),
        )
    }
    day = (to_ms(now) + shift_ms) // _DAY_MS
    if day not in days:
        day -= 1  # no review yet today: the streak may still run to yesterday
    streak = 0
    while day in days:
        streak += 1
        day -= 1
    return streak
