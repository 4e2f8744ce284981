"""The question catalog: the questions of every available pack, indexed in the database.

Parsing and validating a pack file is slow for a large pack (a 100,000-question YAML
file takes many seconds), so sessions never load whole packs. The catalog keeps each
pack's header and its questions (as validated JSON) in the `catalog_*` tables, stamped
with the pack file's path, size and modification time, and re-reads a pack only when
its file changed. Sessions then find the cards they need with SQL and load just the
questions they show. A question removed from its pack leaves the catalog, so its card
is no longer scheduled, while its review history stays in the log.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from drillcards.errors import UserError
from drillcards.library import Library
from drillcards.models import Pack, Question, card_key
from drillcards.store import Store


@dataclass(frozen=True)
class CatalogCard:
    """A question of the catalog with its pack."""

    key: str
    pack: Pack
    """The pack's header; `questions` holds only this card's question (a pack may have
    100,000 questions, and a session never loads them all)."""
    question: Question


class Catalog:
    """The catalog of questions in one store, kept in step with a library's pack files."""

    def __init__(self, store: Store, library: Library) -> None:
        self.store = store
        self.library = library
        self._headers: dict[str, dict[str, Any]] = {}

    def refresh(self, pack_ids: Sequence[str] | None = None) -> list[str]:
        """Re-index the packs whose files changed; forget packs that are gone.

        Refreshes `pack_ids` (every available pack when None; an unknown id is a
        UserError) and returns them, in order and without repeats.
        """
        available = self.library.pack_ids()
        selected = available if pack_ids is None else list(dict.fromkeys(pack_ids))
        stamps = {}
        for pack_id in selected:
            path = self.library.path_of(pack_id)
            try:
                status = path.stat()
            except OSError as error:
                raise UserError(f"{path}: cannot read: {error.strerror}") from None
            stamps[pack_id] = (str(path), status.st_mtime_ns, status.st_size)
        known = {
            row[0]: tuple(row[1:])
            for row in self.store.db.execute(
                "SELECT pack_id, path, mtime_ns, size FROM catalog_packs"
            )
        }
        stale = [pack_id for pack_id in selected if known.get(pack_id) != stamps[pack_id]]
        gone = [pack_id for pack_id in known if pack_id not in available]
        if not stale and not gone:
            return selected
        packs = [self.library.get(pack_id) for pack_id in stale]
        if self.store.read_only:
            if self._refresh_stored_copy(selected):
                self._headers.clear()
                return selected
            self.store.shadow_catalog()
        with self.store.transaction() as db:
            for pack_id in [*gone, *stale]:
                db.execute("DELETE FROM catalog_packs WHERE pack_id = ?", (pack_id,))
                db.execute("DELETE FROM catalog_questions WHERE pack_id = ?", (pack_id,))
            for pack in packs:
                header = pack.model_dump(mode="json", exclude={"questions"}, exclude_none=True)
                db.execute(
                    "INSERT INTO catalog_packs VALUES (?, ?, ?, ?, ?)",
                    (pack.id, *stamps[pack.id], json.dumps(header)),
                )
                db.executemany(
                    "INSERT INTO catalog_questions VALUES (?, ?, ?, ?)",
                    (
                        (
                            card_key(pack.id, question.id),
                            pack.id,
                            position,
                            question.model_dump_json(exclude_defaults=True),
                        )
                        for position, question in enumerate(pack.questions)
                    ),
                )
        for pack_id in [*gone, *stale]:
            self._headers.pop(pack_id, None)
        return selected

    def _refresh_stored_copy(self, pack_ids: Sequence[str]) -> bool:
        """Bring the stored catalog up to date through a writable connection, so that the
        next command finds it fresh; False when the database cannot be written now."""
        try:
            with Store.open(self.store.path) as writable:
                Catalog(writable, self.library).refresh(pack_ids)
        except UserError:
            return False  # read-only, locked or full: the catalog is refreshed in memory
        return True

    def card(self, key: str) -> CatalogCard | None:
        """The question with this card key and its pack header; None if not in the catalog."""
        row = self.store.db.execute(
            "SELECT pack_id, question FROM catalog_questions WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        pack_id, question_json = row
        question = Question.model_validate_json(question_json)
        pack = Pack.model_validate({**self.header(pack_id), "questions": [question]})
        return CatalogCard(key, pack, question)

    def header(self, pack_id: str) -> dict[str, Any]:
        """A catalogued pack's fields other than its questions (id, title, description…)."""
        if pack_id not in self._headers:
            row = self.store.db.execute(
                "SELECT header FROM catalog_packs WHERE pack_id = ?", (pack_id,)
            ).fetchone()
            self._headers[pack_id] = json.loads(row[0])
        return self._headers[pack_id]
