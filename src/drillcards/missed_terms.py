"""The key terms a user misses across sessions (`drill stats`).

When a graded review is recorded, the key terms its answer did not mention are stored
with the review's id (`missed_terms`); undoing the review removes them with it. Reviews
logged before this table existed have none.
"""

from typing import TYPE_CHECKING

from drillcards.store import Store, pack_of

if TYPE_CHECKING:
    from drillcards.matcher import Grade


def record_missed_terms(store: Store, review_id: int, key: str, grade: "Grade") -> None:
    """Store the key terms the graded answer of review `review_id` (of card `key`) missed."""
    missed = [term.term for term in grade.key_terms if not term.matched]
    if not missed:
        return
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO missed_terms (review_id, pack_id, term) VALUES (?, ?, ?)",
            ((review_id, pack_of(key), term) for term in missed),
        )


def most_missed_terms(
    store: Store, pack_id: str | None = None, limit: int = 10
) -> list[tuple[str, int]]:
    """The key terms missed most often (of one pack, or all), with their counts."""
    where, params = ("pack_id = ?", (pack_id,)) if pack_id is not None else ("1", ())
    rows = store.db.execute(
        f"SELECT term, sum(misses) AS n FROM missed_term_counts WHERE {where} "
        "GROUP BY term HAVING n > 0 ORDER BY n DESC, term LIMIT ?",
        (*params, limit),
    )
    return [(term, int(count)) for term, count in rows]
