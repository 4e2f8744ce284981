"""Test helpers that put a current database's tables back as older schemas laid them out."""

import sqlite3


def log_before_version_7(db: sqlite3.Connection) -> None:
    """The review log as one `reviews` table with the card keys in its rows (schemas 2 to
    6), its rows and ids kept; the triggers of migration 4 are not made again."""
    (log,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'review_log'").fetchone()
    db.execute(
        log.replace("review_log", "old_reviews", 1).replace(
            "card INTEGER NOT NULL REFERENCES card_keys (id)", "card_key TEXT NOT NULL"
        )
    )
    db.execute("INSERT INTO old_reviews SELECT * FROM reviews ORDER BY id")
    db.execute("DROP VIEW reviews")
    db.execute("DROP TABLE review_log")
    db.execute("DROP TABLE card_keys")
    db.execute("ALTER TABLE old_reviews RENAME TO reviews")
    db.execute("CREATE INDEX reviews_by_card ON reviews (card_key, id)")
    db.execute("CREATE INDEX reviews_by_time ON reviews (reviewed_at)")
