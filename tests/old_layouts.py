"""Test helpers that put a current database's tables back as older schemas laid them out."""

import sqlite3


def log_before_version_7(db: sqlite3.Connection) -> None:
    """The review log as one `reviews` table with the card keys in its rows (schemas 2 to
    6), its rows and ids kept; the triggers of migration 4 are not made again."""
    db.execute(
        """CREATE TABLE old_reviews (
            id INTEGER PRIMARY KEY,
            card_key TEXT NOT NULL,
            reviewed_at INTEGER NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            answer TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            state INTEGER,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due INTEGER,
            score REAL,
            cram INTEGER NOT NULL DEFAULT 0
        )"""
    )
    columns = (
        "id, card_key, reviewed_at, rating, answer, duration_ms, state, step, due, score, cram"
    )
    db.execute(f"INSERT INTO old_reviews ({columns}) SELECT {columns} FROM reviews ORDER BY id")
    db.execute("DROP VIEW reviews")
    db.execute("DROP TABLE review_log")
    db.execute("DROP TABLE card_keys")
    db.execute("ALTER TABLE old_reviews RENAME TO reviews")
    db.execute("CREATE INDEX reviews_by_card ON reviews (card_key, id)")
    db.execute("CREATE INDEX reviews_by_time ON reviews (reviewed_at)")
