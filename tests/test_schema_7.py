"""Migration 7 (the log names cards by integer id): a version 6 database with reviews
is converted without losing or changing any review, and a crash in the middle of the
conversion leaves the version 6 database as it was."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from drillcards import store as store_module
from drillcards.rating import Rating
from drillcards.scheduler import Scheduler
from drillcards.store import MIGRATIONS, SCHEMA_VERSION, Store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LONG_ANSWER = "Put a cache in front of the database and invalidate it on every write. " * 8
COUNTED = ("review_counts", "review_quarters", "retention_counts", "missed_term_counts")
REVIEW_COLUMNS = (
    "id, card_key, reviewed_at, rating, answer, duration_ms, state, step, due, score, cram"
)
"""The columns of the view `reviews` (schema 8; older logs had a memory state too)."""


def _recorded_history(path: Path) -> None:
    """Reviews of four cards of two packs, written by the current code: practice ahead,
    long (compressed) answers, unscored reviews, missed terms."""
    with Store.open(path) as store:
        scheduler = store.scheduler()
        for n, key in enumerate(["web/cache", "web/queue", "sql/index", "sql/joins"]):
            when = NOW - timedelta(days=120 - n)
            for step in range(6):
                rating = (Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.HARD)[(n + step) % 4]
                review_id, card = store.record_review(
                    scheduler,
                    key,
                    rating,
                    when,
                    score=None if step == 2 else 0.25 * (step % 4),
                    answer=LONG_ANSWER if step % 2 else "short",
                    duration_ms=1000 * step,
                    cram=step == 4,
                )
                store.db.execute(
                    "INSERT INTO missed_terms VALUES (?, ?, 'term')", (review_id, key[:3])
                )
                assert card is not None
                when = max(when + timedelta(minutes=10), card.state.due)


def _version_6_database(path: Path, tmp_path: Path) -> None:
    """A version 6 database holding `_recorded_history`, as version 6 laid it out."""
    source = tmp_path / "source.db"
    _recorded_history(source)
    with sqlite3.connect(path) as db:
        for version in range(1, 7):
            MIGRATIONS[version](db)
        db.execute("PRAGMA user_version = 6")
        db.execute("ATTACH ? AS source", (str(source),))
        db.execute("DELETE FROM review_counts")
        for table in ("missed_terms", "cards", "review_counts"):
            db.execute(f"INSERT INTO {table} SELECT * FROM source.{table}")
        db.execute(
            f"INSERT INTO reviews ({REVIEW_COLUMNS}) SELECT {REVIEW_COLUMNS} FROM source.reviews"
        )
        db.execute("UPDATE reviews SET stability = 2.5, difficulty = 6.0 WHERE state > 0")
        db.commit()
        db.execute("DETACH source")


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        tables = {t: "*" for t in ["cards", "missed_terms", *COUNTED]} | {
            "review_quarters": "pack_id, quarter, reviews",  # (and more since schema 8)
        }
        contents = {
            t: sorted(db.execute(f"SELECT {columns} FROM {t}"), key=repr)
            for t, columns in tables.items()
        }
        reviews = db.execute(f"SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY id").fetchall()
    return contents | {"reviews": reviews}


def test_a_version_6_log_is_converted_keeping_every_review(tmp_path: Path) -> None:
    path = tmp_path / "drill.db"
    _version_6_database(path, tmp_path)
    before = _contents(path)
    assert len(before["reviews"]) == 24
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.review_count() == 24
        assert store.cards_differing_from_log(Scheduler()) == []
        assert [r.answer for r in store.reviews_of("sql/index")][:2] == ["short", LONG_ANSWER]
    assert _contents(path) == before
    with Store.open(path) as store:
        review_id, _ = store.record_review(
            store.scheduler(), "web/new", Rating.GOOD, NOW, score=0.5, answer="", duration_ms=9
        )
        store.remove_review(review_id)
        store.remove_review(before["reviews"][-1][0])  # a review from version 6
        assert store.review_count() == 23
        store.recount_reviews()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = db.execute(f"SELECT {REVIEW_COLUMNS} FROM reviews ORDER BY id").fetchall()
    assert kept == before["reviews"][:-1]


def test_a_crash_while_converting_leaves_the_version_6_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "drill.db"
    _version_6_database(path, tmp_path)
    before = _contents(path)
    convert = MIGRATIONS[7]

    def crashing(db: sqlite3.Connection) -> None:
        convert(db)
        raise RuntimeError("power cut")

    monkeypatch.setitem(store_module.MIGRATIONS, 7, crashing)
    with pytest.raises(RuntimeError, match="power cut"):
        Store.open(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (6,)
        assert db.execute("SELECT type FROM sqlite_master WHERE name = 'reviews'").fetchone() == (
            "table",
        )
    assert _contents(path) == before
    monkeypatch.setitem(store_module.MIGRATIONS, 7, convert)
    with Store.open(path) as store:
        assert store.review_count() == 24
    assert _contents(path) == before


def test_scores_of_three_decimals_are_kept_as_thousandths_and_every_score_reads_back(
    tmp_path: Path,
) -> None:
    scores = [0.0, 0.001, 0.612, 0.999, 1.0, 1 / 3, 0.1 + 0.2, None]
    with Store.open(tmp_path / "drill.db") as store:
        for n, score in enumerate(scores):
            store.record_review(
                store.scheduler(), "p/q", Rating.GOOD, NOW + timedelta(days=n),
                score=score, answer="", duration_ms=1,
            )  # fmt: skip
        assert [r.score for r in store.reviews_of("p/q")] == scores
        kinds = store.db.execute("SELECT typeof(score) FROM review_log ORDER BY id").fetchall()
        assert [k for (k,) in kinds] == ["integer"] * 5 + ["real", "real", "null"]
        totals = store.db.execute("SELECT sum(score_sum), sum(scored) FROM review_counts")
        assert totals.fetchone() == (pytest.approx(sum(s or 0 for s in scores)), 7)
