"""A validated pack in the compact form the library installs and the catalog indexes."""

from dataclasses import dataclass

from drillcards.models import Pack, Question

_to_json = Question.__pydantic_serializer__.to_json


def dump_question(question: Question) -> bytes:
    """A question as an installed pack file stores it: UTF-8 JSON, defaults left out."""
    return _to_json(question, exclude_defaults=True)


@dataclass(frozen=True)
class BuiltPack:
    """A validated pack held compactly: its header and each question's id and JSON.

    This is what the library installs and the catalog indexes. A 100,000-question pack
    held as models takes ~110 MB more than its JSON; an import needs nothing else.
    """

    header: Pack
    """The pack with only its first question: its fields but the questions."""
    question_ids: list[str]
    question_json: list[bytes]
    """Each question as the installed file stores it (UTF-8 JSON, defaults left out)."""

    @property
    def id(self) -> str:
        """The pack id."""
        return self.header.id

    @property
    def title(self) -> str:
        """The pack title."""
        return self.header.title

    @classmethod
    def of(cls, pack: Pack) -> "BuiltPack":
        """The compact form of a pack model."""
        return cls(
            pack.model_copy(update={"questions": pack.questions[:1]}),
            [question.id for question in pack.questions],
            [dump_question(question) for question in pack.questions],
        )

    def model(self) -> Pack:
        """The whole pack as a model (each question validated from its JSON again)."""
        questions = [Question.model_validate_json(text) for text in self.question_json]
        return self.header.model_copy(update={"questions": questions})

    def renamed(self, pack_id: str) -> "BuiltPack":
        """The same pack under another id (`drill import --id`)."""
        header = self.header.model_copy(update={"id": pack_id})
        return BuiltPack(header, self.question_ids, self.question_json)
