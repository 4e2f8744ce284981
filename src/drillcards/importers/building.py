"""Turning what an importer read into a validated Pack, with stable unique question ids."""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from drillcards.built_pack import BuiltPack, dump_question
from drillcards.errors import UserError
from drillcards.importers.slugs import content_digests, content_unique_ids
from drillcards.models import Pack, Question, term_identity
from drillcards.packs import format_field

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


@dataclass
class ImportedPack:
    """A pack read from a foreign file, with what the user should know about it."""

    built: BuiltPack
    source: Path
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def pack(self) -> Pack:
        """The pack as a model (built on first use: `drill import` itself never needs it)."""
        return self.built.model()


def dedupe_terms(terms: list[str], where: str, warnings: list[str]) -> list[str]:
    """Key terms with repeats (ignoring case and spacing) left out, and one warning naming
    them."""
    seen: set[str] = set()
    kept = []
    repeated: list[str] = []
    for term in terms:
        identity = term_identity(term)
        if not identity:
            continue
        if identity in seen:
            repeated.append(term)
            continue
        seen.add(identity)
        kept.append(term)
    if repeated:
        names = ", ".join(repr(term) for term in dict.fromkeys(repeated[:5]))
        more = f" and {len(repeated) - 5} more" if len(repeated) > 5 else ""
        warnings.append(f"{where}: key terms listed more than once, kept once: {names}{more}")
    return kept


ValidatedQuestion = tuple[str, tuple[bytes, ...], bytes]
"""A question as PackBuilder keeps it: (its wanted id, its content digests, its JSON)."""


def validated_question(question: dict[str, Any]) -> ValidatedQuestion:
    """Validate one question of an importer's (ValidationError when it is invalid)."""
    text = dump_question(Question.model_validate(question))
    digests = content_digests(
        f"{question.get('prompt', '')}\n{question.get('category') or ''}",
        str(question.get("framework") or ""),
    )
    return question["id"], digests, text


class PackBuilder:
    """Validates an importer's questions one at a time, as it reads them, and keeps only
    their JSON: a large import never holds every question as data and as a model at once.

    Each question dict must have an "id" (the wanted id, derived from content); a wanted
    id that several questions share gets a hash of each one's prompt and category (or,
    if those are the same, its answer), see `content_unique_ids`. Raises UserError naming
    the file and the question when something cannot be a valid pack.
    """

    def __init__(self, source: Path) -> None:
        self.source = source
        self._wanted_ids: list[str] = []
        self._digests: list[tuple[bytes, ...]] = []
        self._json: list[bytes] = []

    def add(self, question: dict[str, Any]) -> None:
        """Validate one more question."""
        try:
            self.add_validated(validated_question(question))
        except ValidationError as error:
            raise self.invalid(0, error.errors()[0]) from None

    def add_validated(self, question: ValidatedQuestion) -> None:
        """Add a question `validated_question` gave."""
        wanted_id, digests, text = question
        self._wanted_ids.append(wanted_id)
        self._digests.append(digests)
        self._json.append(text)

    def invalid(self, offset: int, first: "ErrorDetails") -> UserError:
        """The error of the question `offset` places after the last one added, whose
        first validation problem is `first`."""
        location = ("questions", len(self._json) + offset, *first["loc"])
        return UserError(f"{self.source}: {format_field(location)}: {first['msg']}")

    def build(
        self,
        *,
        pack_id: str,
        title: str,
        description: str | None = None,
        tags: list[str] | None = None,
    ) -> BuiltPack:
        """The pack of the questions added, with their ids made unique."""
        if not self._json:
            raise UserError(f"{self.source}: no questions found")
        ids = content_unique_ids(self._wanted_ids, self._digests)
        texts = [
            text if question_id == wanted else _with_id(text, question_id)
            for text, question_id, wanted in zip(self._json, ids, self._wanted_ids, strict=True)
        ]
        data: dict[str, Any] = {
            "id": pack_id,
            "title": title,
            "questions": [Question.model_validate_json(texts[0])],
        }
        if description:
            data["description"] = description
        if tags:
            data["tags"] = tags
        try:
            header = Pack.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            location = tuple(first["loc"])
            raise UserError(f"{self.source}: {format_field(location)}: {first['msg']}") from None
        return BuiltPack(header, ids, texts)


def make_pack(
    *,
    source: Path,
    pack_id: str,
    title: str,
    questions: list[dict[str, Any]],
    description: str | None = None,
    tags: list[str] | None = None,
) -> BuiltPack:
    """Validate a pack built from plain data (see PackBuilder)."""
    builder = PackBuilder(source)
    for question in questions:
        builder.add(question)
    return builder.build(pack_id=pack_id, title=title, description=description, tags=tags)


def _with_id(text: bytes, question_id: str) -> bytes:
    """A question's JSON with another id."""
    question = Question.model_validate_json(text).model_copy(update={"id": question_id})
    return dump_question(question)
