"""Questions read without pydantic, from JSON that was validated when it was written.

Importing pydantic and building the models takes ~0.15 s, most of a short command such
as `drill check`. The catalog holds each question as the JSON of a validated
`models.Question` (`model_dump_json(exclude_defaults=True)`); for a pack it indexed from
validated models, that JSON is read into these frozen dataclasses instead. They have
the fields of the models (lists become tuples) and `KeyTermData` the same `text` and
`forms`, so the matcher grades them exactly as it grades the models; `PackData` holds a
pack's header with the questions loaded. Never use them
for JSON that nothing validated: a pack file goes through `models` / `packs`.
"""

import json
from dataclasses import dataclass
from typing import Any

from drillcards.term_forms import TermTexts


@dataclass(frozen=True)
class KeyTermData(TermTexts):
    """A validated `models.KeyTerm`."""

    term: str | None = None
    aliases: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    label: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class MistakeData:
    """A validated `models.Mistake`."""

    text: str
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True)
class StarData:
    """A validated `models.Star`."""

    situation: str | None = None
    task: str | None = None
    action: str | None = None
    result: str | None = None


@dataclass(frozen=True)
class QuestionData:
    """A validated `models.Question`."""

    id: str
    prompt: str
    category: str | None = None
    tags: tuple[str, ...] = ()
    framework: str | None = None
    star: StarData | None = None
    how_to_answer: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()
    key_terms: tuple[KeyTermData, ...] = ()
    look_for: tuple[str, ...] = ()
    mistakes: tuple[MistakeData, ...] = ()


@dataclass(frozen=True)
class PackData:
    """A validated `models.Pack`, with only the questions loaded (a session loads each
    card's own)."""

    id: str
    title: str
    description: str | None = None
    version: int | None = None
    tags: tuple[str, ...] = ()
    questions: tuple[QuestionData, ...] = ()


def pack_from_header(header: dict[str, Any], questions: tuple[QuestionData, ...]) -> PackData:
    """A pack from the catalog's header of a validated pack (its fields but the
    questions) and the questions loaded. Raises TypeError for an unknown field."""
    return PackData(**_tuples(header), questions=questions)


def question_from_json(text: str) -> QuestionData:
    """A question from the JSON of a validated `models.Question`.

    Raises TypeError (an unknown or missing field) or ValueError (not JSON) when the
    text is not such JSON.
    """
    fields = _tuples(json.loads(text))
    fields["key_terms"] = tuple(KeyTermData(**_tuples(t)) for t in fields.get("key_terms", ()))
    fields["mistakes"] = tuple(MistakeData(**_tuples(m)) for m in fields.get("mistakes", ()))
    if fields.get("star") is not None:
        fields["star"] = StarData(**fields["star"])
    return QuestionData(**fields)


def _tuples(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with every list made a tuple."""
    return {
        name: tuple(value) if isinstance(value, list) else value for name, value in fields.items()
    }
