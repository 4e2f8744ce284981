"""Suspended and leech cards (the `card_flags` table), by card key.

A suspended card is never queued (not due, not new, not practised) until it is
unsuspended; its history and state stay. A leech is a card forgotten again and again:
when its lapses reach the leech threshold, and again at every further half of it (8,
12, 16… for a threshold of 8, as in Anki), it is tagged `leech` and suspended, so
the user can rewrite it (`drill edit`) rather than keep failing it. Unsuspending keeps
the tag.
"""

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from drillcards.store import Store

LEECH_TAG = "leech"


@dataclass(frozen=True)
class CardFlags:
    """The marks on one card."""

    suspended: bool = False
    leech: bool = False


def flags_of(store: Store, key: str) -> CardFlags:
    """The marks on a card (none for a card never marked)."""
    row = store.db.execute(
        "SELECT suspended, leech FROM card_flags WHERE key = ?", (key,)
    ).fetchone()
    return CardFlags(bool(row[0]), bool(row[1])) if row else CardFlags()


def set_flags(store: Store, key: str, flags: CardFlags) -> None:
    """Put these marks on a card (removing its row when it has none)."""
    with store.transaction() as db:
        _write(db, key, flags)


def set_suspended(store: Store, keys: Iterable[str], suspended: bool) -> None:
    """Suspend (or unsuspend) cards, in one transaction; the leech tag is kept."""
    with store.transaction() as db:
        for key in keys:
            row = db.execute("SELECT leech FROM card_flags WHERE key = ?", (key,)).fetchone()
            _write(db, key, CardFlags(suspended, bool(row[0]) if row else False))


def suspended_keys(store: Store) -> set[str]:
    """Keys of every suspended card."""
    return {key for (key,) in store.db.execute("SELECT key FROM card_flags WHERE suspended")}


def _write(db: sqlite3.Connection, key: str, flags: CardFlags) -> None:
    if flags == CardFlags():
        db.execute("DELETE FROM card_flags WHERE key = ?", (key,))
    else:
        db.execute(
            "INSERT OR REPLACE INTO card_flags VALUES (?, ?, ?)",
            (key, int(flags.suspended), int(flags.leech)),
        )


def is_leech_lapse(lapses: int, threshold: int) -> bool:
    """True when a card that has just lapsed for the `lapses`th time becomes a leech."""
    if lapses < threshold:
        return False
    return (lapses - threshold) % max(1, threshold // 2) == 0
