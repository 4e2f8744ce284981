"""Turning what an importer read into a validated Pack, with stable unique question ids."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drillcards.errors import UserError
from drillcards.importers.slugs import content_unique_ids
from drillcards.models import Pack, term_identity
from drillcards.packs import format_field


@dataclass
class ImportedPack:
    """A pack read from a foreign file, with what the user should know about it."""

    pack: Pack
    source: Path
    warnings: list[str] = field(default_factory=list)


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


def make_pack(
    *,
    source: Path,
    pack_id: str,
    title: str,
    questions: list[dict[str, Any]],
    description: str | None = None,
    tags: list[str] | None = None,
) -> Pack:
    """Validate a pack built from plain data; question ids made unique by content.

    Each question dict must have an "id" (the wanted id, derived from content); a wanted
    id that several questions share gets a hash of each one's prompt and category (or,
    if those are the same, its answer), see `content_unique_ids`. Raises UserError naming
    the file and the question when something cannot be a valid pack.
    """
    if not questions:
        raise UserError(f"{source}: no questions found")
    ids = content_unique_ids(
        [question["id"] for question in questions],
        [
            [
                f"{question.get('prompt', '')}\n{question.get('category') or ''}",
                str(question.get("framework") or ""),
            ]
            for question in questions
        ],
    )
    data: dict[str, Any] = {
        "id": pack_id,
        "title": title,
        "questions": [
            question if question["id"] == question_id else {**question, "id": question_id}
            for question, question_id in zip(questions, ids, strict=True)
        ],
    }
    if description:
        data["description"] = description
    if tags:
        data["tags"] = tags
    try:
        return Pack.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        raise UserError(f"{source}: {format_field(location)}: {first['msg']}") from None
