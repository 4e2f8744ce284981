"""Migration 8 (denser log rows, `cards` as a rowid table): a version 7 database with
reviews is converted without losing or changing any review, a crash in the middle of the
conversion leaves the version 7 database as it was, and what the view `reviews` takes in
comes back out unchanged."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from drillcards import store as store_module
from drillcards.rating import Rating
from drillcards.scheduler import Scheduler
from drillcards.store import MIGRATIONS, SCHEMA_VERSION, Store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LONG_ANSWER = "Shard the table by customer id and move one shard at a time. " * 8
REVIEW_COLUMNS = (
    "id, card_key, reviewed_at, rating, answer, duration_ms, state, step, due, score, cram"
)
"""The columns of the view `reviews` (schema 8; older logs had a memory state too)."""
TABLES = (
    "cards",
    "missed_terms",
    "review_counts",
    "retention_counts",
    "missed_term_counts",
    "card_keys",
)


def _recorded_history(path: Path) -> None:
    """Reviews of four cards of two packs by the current code: practice ahead, long
    (compressed) answers, unscored reviews, missed terms, intervals of minutes and days."""
    with Store.open(path) as store:
        scheduler = store.scheduler()
        for n, key in enumerate(["web/cache", "web/queue", "sql/index", "sql/joins"]):
            when = NOW - timedelta(days=150 - n, milliseconds=n)
            for step in range(7):
                rating = (Rating.AGAIN, Rating.GOOD, Rating.EASY, Rating.HARD)[(n + step) % 4]
                review_id, card = store.record_review(
                    scheduler,
                    key,
                    rating,
                    when,
                    score=None if step == 2 else 0.125 * step,
                    answer=LONG_ANSWER if step % 2 else "short",
                    duration_ms=1234 * step,
                    cram=step == 5,
                )
                store.db.execute(
                    "INSERT INTO missed_terms VALUES (?, ?, 'term')", (review_id, key[:3])
                )
                assert card is not None
                when = max(when + timedelta(minutes=10), card.state.due)


def _version_7_database(path: Path, tmp_path: Path) -> None:
    """A version 7 database holding `_recorded_history`, written through version 7's
    view (so its triggers counted the reviews as version 7 did)."""
    source = tmp_path / "source.db"
    _recorded_history(source)
    with sqlite3.connect(path) as db:
        for version in range(1, 8):
            MIGRATIONS[version](db)
        db.execute("PRAGMA user_version = 7")
        db.execute("ATTACH ? AS source", (str(source),))
        db.execute(
            f"INSERT INTO reviews ({REVIEW_COLUMNS}) "
            f"SELECT {REVIEW_COLUMNS} FROM source.reviews ORDER BY id"
        )
        db.execute("UPDATE review_log SET stability = 2.5, difficulty = 6.0 WHERE state > 0")
        db.execute("DELETE FROM review_counts")
        for table in ("missed_terms", "cards", "review_counts"):
            db.execute(f"INSERT INTO {table} SELECT * FROM source.{table}")
        db.commit()
        db.execute("DETACH source")


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        contents = {t: sorted(db.execute(f"SELECT * FROM {t}"), key=repr) for t in TABLES}
        reviews = db.execute(f"SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY id").fetchall()
        quarters = db.execute(
            "SELECT pack_id, quarter, reviews FROM review_quarters ORDER BY 1, 2"
        ).fetchall()
    return contents | {"reviews": reviews, "review_quarters": quarters}


def _log_columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[1] for row in db.execute("PRAGMA table_info(review_log)")]


def test_a_version_7_log_is_converted_keeping_every_review(tmp_path: Path) -> None:
    path = tmp_path / "drill.db"
    _version_7_database(path, tmp_path)
    before = _contents(path)
    assert len(before["reviews"]) == 28
    assert {row[6] for row in before["reviews"]} == {None, 1, 2, 3}  # every phase
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.review_count() == 28
        assert store.cards_differing_from_log(Scheduler()) == []
        assert [r.answer for r in store.reviews_of("sql/index")][:2] == ["short", LONG_ANSWER]
    assert "kind" in _log_columns(path)
    assert _contents(path) == before
    with sqlite3.connect(path) as db:
        practice = db.execute(
            "SELECT pack_id, quarter, practice FROM review_quarters WHERE practice ORDER BY 1, 2"
        ).fetchall()
    cram = [r for r in before["reviews"] if r[10]]
    assert practice == sorted((r[1][:3], r[2] // 900_000, 1) for r in cram)
    with Store.open(path) as store:
        review_id, _ = store.record_review(
            store.scheduler(), "web/new", Rating.GOOD, NOW, score=0.5, answer="", duration_ms=9
        )
        store.remove_review(review_id)
        store.remove_review(before["reviews"][-1][0])  # a review from version 7
        assert store.review_count() == 27
        store.recount_reviews()
        retention = store.db.execute("SELECT * FROM retention_counts ORDER BY 1, 2, 3").fetchall()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = db.execute(f"SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY id").fetchall()
    assert kept == before["reviews"][:-1]
    removed = before["reviews"][-1]
    earlier = [r for r in before["reviews"] if r[1] == removed[1] and not r[10]][-2]
    assert earlier[6] == 2  # the removed review was of a card in the review phase
    assert sum(r[4] for r in retention) == sum(r[4] for r in before["retention_counts"]) - 1


def test_a_crash_while_converting_leaves_the_version_7_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "drill.db"
    _version_7_database(path, tmp_path)
    before = _contents(path)
    convert = MIGRATIONS[8]

    def crashing(db: sqlite3.Connection) -> None:
        convert(db)
        raise RuntimeError("power cut")

    monkeypatch.setitem(store_module.MIGRATIONS, 8, crashing)
    with pytest.raises(RuntimeError, match="power cut"):
        Store.open(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (7,)
    assert "rating" in _log_columns(path)
    assert _contents(path) == before
    monkeypatch.setitem(store_module.MIGRATIONS, 8, convert)
    with Store.open(path) as store:
        assert store.review_count() == 28
    assert _contents(path) == before


def test_the_current_code_and_the_view_write_the_same_rows(tmp_path: Path) -> None:
    """Rows recorded by `record_review` and the same rows inserted through the view are
    stored alike (Python and SQL pack them the same way)."""
    _recorded_history(tmp_path / "recorded.db")
    with Store.open(tmp_path / "copied.db") as store:
        store.db.execute("ATTACH ? AS recorded", (str(tmp_path / "recorded.db"),))
        store.db.execute(
            f"INSERT INTO reviews ({REVIEW_COLUMNS}) "
            f"SELECT {REVIEW_COLUMNS} FROM recorded.reviews ORDER BY id"
        )
        copied = store.db.execute("SELECT * FROM main.review_log ORDER BY id").fetchall()
        recorded = store.db.execute("SELECT * FROM recorded.review_log ORDER BY id").fetchall()
    assert copied == recorded


@pytest.mark.parametrize(
    ("state", "step", "due_after_ms"),
    [
        (None, None, None),
        (1, 0, 60_000),
        (3, 9, 600_000),
        (2, None, 40 * 86_400_000),
        (2, None, 86_400_000 + 60_000),  # whole minutes, not whole days
        (2, None, -2 * 86_400_000),
        (1, 1, -120_000),
        (2, None, 1),  # not whole minutes
        (1, 2, -125_999),  # due before the review
        (3, None, 0),
        (None, 7, 12_345_678_901),
    ],
)
def test_the_view_gives_back_what_it_was_given(
    tmp_path: Path, state: int | None, step: int | None, due_after_ms: int | None
) -> None:
    reviewed_at = 1_764_579_600_123
    due = None if due_after_ms is None else reviewed_at + due_after_ms
    row = (7, "p/q", reviewed_at, 4, "", 61_000, state, step, due, 0.75, 0)
    with Store.open(tmp_path / "drill.db") as store:
        store.db.execute(f"INSERT INTO reviews VALUES ({', '.join('?' * len(row))})", row)
        assert store.db.execute("SELECT * FROM reviews").fetchall() == [row]
        practice = (8, "p/q", reviewed_at, 1, "", 1, None, None, None, None, 1)
        store.db.execute(f"INSERT INTO reviews VALUES ({', '.join('?' * len(row))})", practice)
        assert store.db.execute("SELECT * FROM reviews WHERE id = 8").fetchall() == [practice]


@pytest.mark.parametrize(
    ("rating", "state", "step"),
    [(0, 2, None), (5, 2, None), (2, 4, None), (2, 0, None), (2, 1, -1)],
)
def test_the_view_refuses_what_the_log_cannot_hold(
    tmp_path: Path, rating: int, state: int, step: int | None
) -> None:
    row = ("p/q", 1_764_579_600_000, rating, "", 1, state, step, 1_764_579_660_000)
    with Store.open(tmp_path / "drill.db") as store, pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "INSERT INTO reviews (card_key, reviewed_at, rating, answer, duration_ms, state,"
            " step, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )


def test_reads_in_card_order_use_the_by_card_index_of_the_card_alone(tmp_path: Path) -> None:
    with Store.open(tmp_path / "drill.db") as store:
        columns = store.db.execute("PRAGMA index_info(review_log_by_card)").fetchall()
        assert [name for _, _, name in columns] == ["card"]  # (the rowid ends each entry)
        for query in (
            "SELECT * FROM reviews WHERE card_key = 'p/q' ORDER BY id",
            f"SELECT k.key FROM {store_module.LOG_BY_CARD} ORDER BY r.card, r.id",
        ):
            plan = " ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {query}"))
            assert "review_log_by_card" in plan
            assert "TEMP B-TREE" not in plan


@pytest.mark.parametrize(
    ("due_after_ms", "stored"),
    [(40 * 86_400_000, 40 << 2 | 2), (10 * 60_000, 10 << 2), (1_500, 1_500 << 1 | 1)],
)
def test_whole_days_and_minutes_are_stored_as_small_numbers(
    tmp_path: Path, due_after_ms: int, stored: int
) -> None:
    reviewed_at = 1_764_579_600_123
    row = (7, "p/q", reviewed_at, 3, "", 1, 2, None, reviewed_at + due_after_ms, None, 0)
    with Store.open(tmp_path / "drill.db") as store:
        store.db.execute(f"INSERT INTO reviews VALUES ({', '.join('?' * len(row))})", row)
        assert store.db.execute("SELECT due_after FROM review_log").fetchone() == (stored,)
        assert store_module._due_after(reviewed_at + due_after_ms, reviewed_at) == stored
