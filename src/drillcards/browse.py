"""Browsing the library (`drill list`, the TUI browser): every question with its card's state.

Questions come from the catalog (so no pack file is parsed), joined with their card's
state and marks. A search keeps the questions whose id or prompt contains every word
of it, ignoring case (ASCII letters only: SQLite's `LIKE`).
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from drillcards.card_filter import CardFilter
from drillcards.scheduler import Phase
from drillcards.store import Review, Store, from_ms

NEW = "new"
STATE_NAMES = {Phase.LEARNING: "learning", Phase.REVIEW: "review", Phase.RELEARNING: "relearning"}


@dataclass(frozen=True)
class ListedCard:
    """One question of the library and where its card stands."""

    key: str
    pack_id: str
    question_id: str
    prompt: str
    category: str | None
    tags: tuple[str, ...]
    state: str
    """`new`, `learning`, `review` or `relearning`."""
    due: datetime | None
    """None for a new card."""
    reps: int
    lapses: int
    suspended: bool
    leech: bool

    def to_json(self) -> dict[str, object]:
        """The card as one entry of `drill list --json`."""
        return {
            "key": self.key,
            "pack": self.pack_id,
            "question": self.question_id,
            "prompt": self.prompt,
            "category": self.category,
            "tags": list(self.tags),
            "state": self.state,
            "due": self.due.isoformat() if self.due else None,
            "reps": self.reps,
            "lapses": self.lapses,
            "suspended": self.suspended,
            "leech": self.leech,
        }


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_cards(
    store: Store,
    pack_ids: Sequence[str],
    *,
    search: str | None = None,
    matching: CardFilter | None = None,
    limit: int | None = None,
) -> list[ListedCard]:
    """The questions of these packs (in pack order) that match `search` and `matching`."""
    if not pack_ids:
        return []
    conditions = [f"q.pack_id IN ({', '.join('?' * len(pack_ids))})"]
    params: list[object] = list(pack_ids)
    for word in (search or "").split():
        pattern = _like(word)
        prompt = "json_extract(q.question, '$.prompt') LIKE ? ESCAPE '\\'"
        if '"' not in word and "\\" not in word:
            # A word of the prompt is in the question's JSON text as it is: test that
            # first, which is much faster than taking the prompt out of the JSON.
            prompt = f"q.question LIKE ? ESCAPE '\\' AND {prompt}"
        condition = f"(q.key LIKE ? ESCAPE '\\' OR ({prompt}))"
        conditions.append(condition)
        params.extend([pattern] * condition.count("?"))
    if matching:
        condition, filter_params = matching.sql("q")
        conditions.append(condition)
        params.extend(filter_params)
    rows = store.db.execute(
        "SELECT q.key, q.pack_id, json_extract(q.question, '$.prompt'), "
        "json_extract(q.question, '$.category'), json_extract(q.question, '$.tags'), "
        "c.state, c.due, c.reps, c.lapses, f.suspended, f.leech "
        "FROM catalog_questions AS q LEFT JOIN cards AS c ON c.key = q.key "
        "LEFT JOIN card_flags AS f ON f.key = q.key "
        f"WHERE {' AND '.join(conditions)} ORDER BY q.pack_id, q.position LIMIT ?",
        (*params, -1 if limit is None else limit),
    )
    return [
        ListedCard(
            key=key,
            pack_id=pack_id,
            question_id=key.split("/", 1)[1],
            prompt=prompt,
            category=category,
            tags=tuple(json.loads(tags)) if tags else (),
            state=NEW if phase is None else STATE_NAMES[Phase(phase)],
            due=None if due is None else from_ms(due),
            reps=reps or 0,
            lapses=lapses or 0,
            suspended=bool(suspended),
            leech=bool(leech),
        )
        for key, pack_id, prompt, category, tags, phase, due, reps, lapses, suspended, leech in rows
    ]


@dataclass(frozen=True)
class HistoryEntry:
    """One past review of a card, with the key terms its answer missed."""

    review: Review
    missed_terms: tuple[str, ...]


def card_history(store: Store, key: str) -> list[HistoryEntry]:
    """Every review of a card, oldest first, with the answers given and their scores."""
    reviews = store.reviews_of(key)
    missed: dict[int, list[str]] = {}
    if reviews:
        rows = store.db.execute(
            "SELECT m.review_id, m.term FROM missed_terms AS m "
            "JOIN reviews AS r ON r.id = m.review_id WHERE r.card_key = ? ORDER BY m.rowid",
            (key,),
        )
        for review_id, term in rows:
            missed.setdefault(review_id, []).append(term)
    return [HistoryEntry(review, tuple(missed.get(review.id, ()))) for review in reviews]
