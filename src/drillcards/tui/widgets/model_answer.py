"""The model answer of a question, one collapsible section per part of it."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Static

from drillcards.models import Question

ANSWER_FRAMEWORK = "Answer framework"
KEY_POINTS = "Key points"


def _bullets(items: list[str]) -> Text:
    return Text("\n").join(Text(f"• {item}") for item in items)


def _star(question: Question) -> Text | None:
    if question.star is None:
        return None
    parts = [
        (name, value)
        for name, value in (
            ("Situation", question.star.situation),
            ("Task", question.star.task),
            ("Action", question.star.action),
            ("Result", question.star.result),
        )
        if value
    ]
    if not parts:
        return None
    text = Text()
    for index, (name, value) in enumerate(parts):
        if index:
            text.append("\n")
        text.append(f"{name}: ", "bold")
        text.append(value)
    return text


def model_answer_sections(question: Question) -> list[tuple[str, Text]]:
    """The sections the question has, in reading order, as (title, plain text)."""
    candidates: list[tuple[str, Text | None]] = [
        (ANSWER_FRAMEWORK, Text(question.framework) if question.framework else None),
        ("STAR example", _star(question)),
        ("How to answer", _bullets(question.how_to_answer) if question.how_to_answer else None),
        (KEY_POINTS, _bullets(question.key_points) if question.key_points else None),
        (
            "What interviewers look for",
            _bullets(question.look_for) if question.look_for else None,
        ),
        (
            "Common mistakes",
            _bullets([m.text for m in question.mistakes]) if question.mistakes else None,
        ),
    ]
    return [(title, body) for title, body in candidates if body is not None]


class ModelAnswer(Vertical):
    """Collapsible sections, those titled in `expanded` open (and the first in any case)."""

    def __init__(
        self,
        question: Question,
        *,
        expanded: frozenset[str] = frozenset({ANSWER_FRAMEWORK}),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._sections = model_answer_sections(question)
        self._expanded = expanded

    def show(self, question: Question, *, expanded: frozenset[str]) -> None:
        """Show another question's model answer (its sections are composed again)."""
        self._sections = model_answer_sections(question)
        self._expanded = expanded
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        """One Collapsible per section; every text is plain, never markup."""
        if not self._sections:
            yield Static(Text("This question has no model answer."), markup=False)
        for index, (title, body) in enumerate(self._sections):
            open_section = index == 0 or title in self._expanded
            with Collapsible(title=Content(title), collapsed=not open_section):
                yield Static(body, markup=False, classes="section-body")
