"""The key terms a user misses across sessions (`drill stats`).

When a graded review is recorded, the key terms its answer did not mention are stored
with the review's id (`missed_terms`); undoing the review removes them with it. Reviews
logged before this table existed have none.
"""

from typing import TYPE_CHECKING

from drillcards.store import Store

if TYPE_CHECKING:
    from drillcards.matcher import Grade


def record_missed_terms(store: Store, review_id: int, grade: "Grade") -> None:
    """Store the key terms the graded answer of review `review_id` missed."""
    missed = [term.term for term in grade.key_terms if not term.matched]
    if not missed:
        return
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO missed_terms (review_id, term) VALUES (?, ?)",
            ((review_id, term) for term in missed),
        )


def most_missed_terms(
    store: Store, pack_id: str | None = None, limit: int = 10
) -> list[tuple[str, int]]:
    """The key terms missed most often (of one pack, or all), with their counts."""
    if pack_id is None:
        rows = store.db.execute(
            "SELECT term, count(*) AS n FROM missed_terms GROUP BY term "
            "ORDER BY n DESC, term LIMIT ?",
            (limit,),
        )
    else:
        rows = store.db.execute(
            "SELECT m.term, count(*) AS n FROM missed_terms AS m "
            "JOIN reviews AS r ON r.id = m.review_id "
            "WHERE r.card_key >= ? AND r.card_key < ? GROUP BY m.term "
            "ORDER BY n DESC, m.term LIMIT ?",
            (f"{pack_id}/", f"{pack_id}0", limit),
        )
    return [(term, int(count)) for term, count in rows]
