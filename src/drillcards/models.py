"""Pydantic models of question pack format version 1 (CONTRACTS.md §1).

Every text field is cleaned on load (terminal control sequences removed, Unicode
NFC-normalised), so nothing downstream ever sees a hostile escape sequence.
"""

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from drillcards.term_forms import TermTexts
from drillcards.text import clean_text

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


def _clean_stripped(value: str) -> str:
    return clean_text(value).strip()


def _clean_stripped_not_empty(value: str) -> str:
    value = clean_text(value).strip()
    if not value:
        raise PydanticCustomError("empty", "must not be empty")
    return value


def _clean_block(value: str) -> str:
    return clean_text(value).strip("\n").rstrip()


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""An identifier: lower-case letters, digits and hyphens, starting with a letter or digit."""

Line = Annotated[str, AfterValidator(_clean_stripped)]
"""A single piece of text, cleaned and stripped."""

NonEmptyLine = Annotated[str, AfterValidator(_clean_stripped_not_empty)]
"""A Line that must not be empty once cleaned (one validator: packs have many)."""

Block = Annotated[str, AfterValidator(_clean_block)]
"""Multi-line text, cleaned; inner line breaks are kept."""


def find_duplicates(keys: list[str | None]) -> list[tuple[int, int]]:
    """Pairs (index, index of first occurrence) of keys that occur more than once.

    None keys (items too broken to have one) are skipped.
    """
    first: dict[str, int] = {}
    duplicates = []
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            duplicates.append((index, first[key]))
        else:
            first[key] = index
    return duplicates


def term_identity(term: str) -> str:
    """What makes two key terms the same: case and spacing are ignored."""
    return " ".join(term.casefold().split())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyTerm(_Strict, TermTexts):
    """A term the matcher looks for in an answer, with alternative spellings.

    Either one `term` (with `aliases`), or an `any_of` group whose items each cover
    it ("Redis, Memcached or Caffeine"), shown as `label` or its first item. An
    `optional` term counts only in the answer's favour.
    """

    term: NonEmptyLine | None = None
    """The term as shown to the user (absent for an `any_of` group)."""
    aliases: list[NonEmptyLine] = Field(default_factory=list)
    """Other ways to say the same thing (short forms, synonyms)."""
    any_of: list[NonEmptyLine] = Field(default_factory=list)
    """Alternatives, any one of which covers the item."""
    label: Line | None = None
    """How an `any_of` group is shown (default: its first item)."""
    optional: bool = False
    """Counts only in the answer's favour: never missed, never lowers the score."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"term": data}
        return data

    @model_validator(mode="after")
    def _term_or_group(self) -> "KeyTerm":
        if (self.term is None) == (not self.any_of):
            raise PydanticCustomError(
                "term_or_any_of", "a key term needs exactly one of 'term' and 'any_of'"
            )
        if self.any_of and self.aliases:
            raise PydanticCustomError(
                "any_of_aliases", "an 'any_of' group takes no aliases: list them as items"
            )
        if self.term is not None and self.label is not None:
            raise PydanticCustomError("term_label", "'label' belongs to an 'any_of' group")
        return self


class Mistake(_Strict):
    """A common mistake; with triggers, the matcher flags answers that affirm it."""

    text: NonEmptyLine
    """The advice shown to the user."""
    triggers: list[NonEmptyLine] = Field(default_factory=list)
    """Phrases whose affirmation in an answer means the mistake was made."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"text": data}
        return data


class Star(_Strict):
    """A STAR (Situation, Task, Action, Result) example answer."""

    situation: Block | None = None
    task: Block | None = None
    action: Block | None = None
    result: Block | None = None


class Question(_Strict):
    """One card: a prompt and everything needed to grade and teach its answer."""

    id: Slug
    prompt: NonEmptyLine
    category: Line | None = None
    tags: list[NonEmptyLine] = Field(default_factory=list)
    framework: Block | None = None
    """The "Answer Framework": the model answer."""
    star: Star | None = None
    how_to_answer: list[Block] = Field(default_factory=list)
    key_points: list[Block] = Field(default_factory=list)
    key_terms: list[KeyTerm] = Field(default_factory=list)
    look_for: list[Block] = Field(default_factory=list)
    mistakes: list[Mistake] = Field(default_factory=list)

    @field_validator("key_terms")
    @classmethod
    def _no_duplicate_terms(cls, terms: list[KeyTerm]) -> list[KeyTerm]:
        for index, first in find_duplicates([term_identity(t.text) for t in terms]):
            raise PydanticCustomError(
                "duplicate_key_term",
                "key term '{term}' is listed twice (first as item {first})",
                {"term": terms[index].text, "first": first, "index": index},
            )
        return terms


class Pack(_Strict):
    """A question pack: the unit users write, share, import and export."""

    id: Slug
    title: NonEmptyLine
    description: Block | None = None
    version: int | None = None
    tags: list[NonEmptyLine] = Field(default_factory=list)
    questions: list[Question] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique_question_ids(cls, questions: list[Question]) -> list[Question]:
        for index, first in find_duplicates([q.id for q in questions]):
            raise PydanticCustomError(
                "duplicate_question_id",
                "duplicate question id '{id}' (first as item {first})",
                {"id": questions[index].id, "first": first, "index": index},
            )
        return questions

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None


def card_key(pack_id: str, question_id: str) -> str:
    """The identity of a question across the whole library: `<pack id>/<question id>`."""
    return f"{pack_id}/{question_id}"
