"""The question catalog: the questions of every available pack, indexed in the database.

Parsing and validating a pack file is slow for a large pack (a 100,000-question YAML
file takes many seconds), so sessions never load whole packs. The catalog keeps each
pack's header and its questions (as JSON) in the `catalog_*` tables, stamped with the
pack file's resolved path, size and modification time, and re-reads a pack only when
its file changed. Sessions then find the cards they need with SQL and load just the
questions they show. A question removed from its pack leaves the catalog, so its card
is no longer scheduled, while its review history stays in the log.

`drill import` indexes the packs it installs from the JSON it has just validated and
written (`Catalog.index`), so the first command after an import has nothing to re-read. When
an installed pack does need re-reading (its file changed behind drillcards' back, or
the database is new), its JSON is indexed as it is, without validating every question:
the library wrote it from a validated pack. Each question is validated when a session
loads it (`Catalog.card`), so a damaged file is still reported, as a one-line error.

A pack indexed from validated models (imported, bundled, or re-read and validated
whole) is marked `validated` in its header row: its questions' JSON is what pydantic
wrote, so a short command may read it without pydantic (`plain_question`, see
`drillcards.question_data`). A pack indexed from its JSON without validation is not
marked, and its questions are only ever loaded through the models.
"""

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drillcards.bulk import paused_gc
from drillcards.errors import UserError
from drillcards.library import INSTALLED_SUFFIX, Library
from drillcards.store import Store

if TYPE_CHECKING:  # pydantic takes ~0.15 s to import: `drill packs` and `stats` never need it
    from pydantic import ValidationError

    from drillcards.built_pack import BuiltPack
    from drillcards.models import Pack, Question
    from drillcards.question_data import PackData, QuestionData

Stamp = tuple[str, int, int]
"""A pack file's resolved path, modification time (ns) and size."""

VALIDATED = "_validated"
"""The key that marks, in a pack's stored header, a pack indexed from validated models."""


@dataclass(frozen=True)
class CatalogCard:
    """A question of the catalog with its pack."""

    key: str
    pack: "Pack | PackData"
    """The pack's header; `questions` holds only this card's question (a pack may have
    100,000 questions, and a session never loads them all)."""
    question: "Question | QuestionData"
    """A model from `card`; from `plain_card`, read without pydantic when it can be."""


@dataclass(frozen=True)
class _Indexed:
    """What the catalog stores of one pack: its header and each question's id and JSON."""

    pack_id: str
    header: dict[str, Any]
    questions: Iterable[tuple[str, str]]
    validated: bool
    """The questions' JSON is that of validated models (see `plain_question`)."""


class Catalog:
    """The catalog of questions in one store, kept in step with a library's pack files."""

    def __init__(self, store: Store, library: Library) -> None:
        self.store = store
        self.library = library
        self._headers: dict[str, tuple[dict[str, Any], bool]] = {}
        """Each pack's header read so far, and whether the pack is `validated`."""

    def refresh(self, pack_ids: Sequence[str] | None = None) -> list[str]:
        """Re-index the packs whose files changed; forget packs that are gone.

        Refreshes `pack_ids` (every available pack when None; an unknown id is a
        UserError) and returns them, in order and without repeats.
        """
        available = self.library.pack_ids()
        selected = available if pack_ids is None else list(dict.fromkeys(pack_ids))
        stamps = {pack_id: self._stamp(pack_id) for pack_id in selected}
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
        if self.store.read_only:
            if self._refresh_stored_copy(selected):
                self._headers.clear()
                return selected
            self.store.shadow_catalog()
        with paused_gc():
            self._write(gone, [(self._read(pack_id), stamps[pack_id]) for pack_id in stale])
        return selected

    def _refresh_stored_copy(self, pack_ids: Sequence[str]) -> bool:
        """Bring the stored catalog up to date through a writable connection, so that the
        next command finds it fresh; False when the database cannot be written now."""
        try:
            with Store.open(self.store.path) as writable:
                Catalog(writable, self.library).refresh(pack_ids)
                writable.truncate_log()  # this command's own connection only reads
        except UserError:
            return False  # read-only, locked or full: the catalog is refreshed in memory
        return True

    def index(self, packs: Sequence["BuiltPack"]) -> None:
        """Index packs the library has just installed, from what it installed."""
        with paused_gc():
            self._write([], [(_indexed_built(pack), self._stamp(pack.id)) for pack in packs])

    def card(self, key: str) -> CatalogCard | None:
        """The question with this card key and its pack header; None if not in the catalog."""
        row = self._question_row(key)
        return None if row is None else self._model_card(key, *row)

    def plain_card(self, key: str) -> CatalogCard | None:
        """As `card`, but read without pydantic when the pack is `validated` (see
        `plain_question`); None if not in the catalog."""
        row = self._question_row(key)
        if row is None:
            return None
        pack_id, question_json = row
        if not self.validated(pack_id):
            return self._model_card(key, pack_id, question_json)
        from drillcards.question_data import pack_from_header

        question = self._plain(pack_id, [question_json])[0]
        try:
            pack = pack_from_header(self.header(pack_id), (question,))
        except TypeError:  # the database was changed behind drillcards' back
            raise self._damaged_catalog(pack_id) from None
        return CatalogCard(key, pack, question)

    def _question_row(self, key: str) -> tuple[str, str] | None:
        """The pack id and question JSON of a card key; None if not in the catalog."""
        return self.store.db.execute(
            "SELECT pack_id, question FROM catalog_questions WHERE key = ?", (key,)
        ).fetchone()

    def _model_card(self, key: str, pack_id: str, question_json: str) -> CatalogCard:
        """A catalogued question and its pack header, validated through the models."""
        from pydantic import ValidationError

        from drillcards.models import Pack, Question

        try:
            question = Question.model_validate_json(question_json)
            pack = Pack.model_validate({**self.header(pack_id), "questions": [question]})
        except ValidationError as error:
            raise self._damaged(pack_id, error) from None
        return CatalogCard(key, pack, question)

    def validated(self, pack_id: str) -> bool:
        """The catalogued pack was indexed from validated models (`plain_question` may
        read its questions); False for one indexed from its JSON without validation."""
        return self._header_row(pack_id)[1]

    def plain_question(self, key: str) -> "QuestionData | None":
        """The question with this card key, read without pydantic; None if not in the
        catalog. Only for a `validated` pack."""
        row = self._question_row(key)
        return None if row is None else self._plain(row[0], [row[1]])[0]

    def plain_questions(self, pack_id: str, most: int) -> "list[QuestionData]":
        """`questions`, read without pydantic. Only for a `validated` pack."""
        return self._plain(pack_id, self._question_texts(pack_id, most))

    def _plain(self, pack_id: str, texts: list[str]) -> "list[QuestionData]":
        from drillcards.question_data import question_from_json

        try:
            return [question_from_json(text) for text in texts]
        except (TypeError, ValueError):  # the database was changed behind drillcards' back
            raise self._damaged_catalog(pack_id) from None

    def _damaged_catalog(self, pack_id: str) -> UserError:
        return UserError(
            f"{self.library.path_of(pack_id)}: damaged question catalog; import the pack again"
        )

    def question_ids(self, pack_id: str) -> list[str]:
        """The ids of a catalogued pack's questions, in pack order."""
        rows = self.store.db.execute(
            "SELECT key FROM catalog_questions WHERE pack_id = ? ORDER BY position", (pack_id,)
        )
        return [key.split("/", 1)[1] for (key,) in rows]

    def questions(self, pack_id: str, most: int) -> "list[Question]":
        """A catalogued pack's questions, or none when it has more than `most`."""
        texts = self._question_texts(pack_id, most)
        if not texts:
            return []
        from pydantic import ValidationError

        from drillcards.models import Question

        try:
            return [Question.model_validate_json(text) for text in texts]
        except ValidationError as error:
            raise self._damaged(pack_id, error) from None

    def _question_texts(self, pack_id: str, most: int) -> list[str]:
        """The JSON of a catalogued pack's questions in pack order; none past `most`."""
        (count,) = self.store.db.execute(
            "SELECT count(*) FROM catalog_questions WHERE pack_id = ?", (pack_id,)
        ).fetchone()
        if count > most:
            return []
        rows = self.store.db.execute(
            "SELECT question FROM catalog_questions WHERE pack_id = ? ORDER BY position", (pack_id,)
        )
        return [text for (text,) in rows]

    def header(self, pack_id: str) -> dict[str, Any]:
        """A catalogued pack's fields other than its questions (id, title, description…)."""
        return self._header_row(pack_id)[0]

    def _header_row(self, pack_id: str) -> tuple[dict[str, Any], bool]:
        if pack_id not in self._headers:
            row = self.store.db.execute(
                "SELECT header FROM catalog_packs WHERE pack_id = ?", (pack_id,)
            ).fetchone()
            header = json.loads(row[0])
            self._headers[pack_id] = header, bool(header.pop(VALIDATED, False))
        return self._headers[pack_id]

    def _stamp(self, pack_id: str) -> Stamp:
        """The stamp of a pack's file; the same whatever the spelling of DRILL_HOME."""
        path = self.library.path_of(pack_id)
        try:
            status = path.stat()
            return str(path.resolve()), status.st_mtime_ns, status.st_size
        except OSError as error:
            raise UserError(f"{path}: cannot read: {error.strerror}") from None

    def _read(self, pack_id: str) -> _Indexed:
        """A pack read from its file for indexing."""
        path = self.library.path_of(pack_id)
        if path.suffix == INSTALLED_SUFFIX:
            indexed = _indexed_json(path, pack_id)
            if indexed is not None:
                return indexed
        # A bundled YAML pack, or a damaged JSON one: validating it all names the problem.
        from drillcards.built_pack import BuiltPack

        return _indexed_built(BuiltPack.of(self.library.get(pack_id)))

    def _write(self, gone: list[str], packs: list[tuple[_Indexed, Stamp]]) -> None:
        """Forget the `gone` packs and replace the index of `packs`, in one transaction."""
        from drillcards.models import card_key

        with self.store.transaction() as db:
            for pack_id in [*gone, *(indexed.pack_id for indexed, _ in packs)]:
                db.execute("DELETE FROM catalog_packs WHERE pack_id = ?", (pack_id,))
                db.execute("DELETE FROM catalog_questions WHERE pack_id = ?", (pack_id,))
                self._headers.pop(pack_id, None)
            for indexed, stamp in packs:
                db.execute(
                    "INSERT INTO catalog_packs VALUES (?, ?, ?, ?, ?)",
                    (indexed.pack_id, *stamp, json.dumps(_stored_header(indexed))),
                )
                db.executemany(
                    "INSERT INTO catalog_questions VALUES (?, ?, ?, ?)",
                    (
                        (card_key(indexed.pack_id, question_id), indexed.pack_id, position, text)
                        for position, (question_id, text) in enumerate(indexed.questions)
                    ),
                )

    def _damaged(self, pack_id: str, error: "ValidationError") -> UserError:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "question"
        return UserError(
            f"{self.library.path_of(pack_id)}: damaged pack file ({field}: {first['msg']}); "
            "import the pack again"
        )


def _indexed_built(pack: "BuiltPack") -> _Indexed:
    """The index of a validated pack."""
    header = pack.header.model_dump(mode="json", exclude={"questions"}, exclude_none=True)
    texts = (text.decode("utf-8") for text in pack.question_json)
    return _Indexed(pack.id, header, zip(pack.question_ids, texts, strict=True), validated=True)


def _stored_header(indexed: _Indexed) -> dict[str, Any]:
    """The header row of a pack: its header, marked when its questions were validated."""
    return {**indexed.header, VALIDATED: True} if indexed.validated else indexed.header


def _indexed_json(path: Path, pack_id: str) -> _Indexed | None:
    """The index of a pack file the library wrote, read without validating each question;
    None when the file is not what the library writes.

    The header is validated (with the first question), as are the question ids that key
    the catalog; the rest of each question is validated when a session loads it.
    """
    from drillcards.models import Pack
    from drillcards.packs import read_text_file

    try:
        document = json.loads(read_text_file(path))
        questions = document.pop("questions")
        ids = [question["id"] for question in questions]
        if not all(isinstance(question_id, str) for question_id in ids):
            raise TypeError("a question id is not a string")
        if len(set(ids)) != len(ids):
            raise ValueError("a question id is repeated")
        Pack.model_validate({**document, "questions": questions[:1]})
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    if document["id"] != pack_id:
        return None
    return _Indexed(pack_id, document, _question_texts(ids, questions), validated=False)


def _question_texts(ids: list[str], questions: list[Any]) -> Iterator[tuple[str, str]]:
    for question_id, question in zip(ids, questions, strict=True):
        yield question_id, json.dumps(question, ensure_ascii=False)
