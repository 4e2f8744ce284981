"""The model answer of a question, one collapsible section per part of it.

The answer framework is rendered as Markdown (imported answers are Markdown: lists,
emphasis, fenced code, highlighted): parsed without raw HTML (shown as text), with links
shown as "text (url)" and never clickable, and console markup in it never interpreted
(Rich's Markdown reads no `[bold]`/`[@click=…]` markup). The other sections are plain text.
"""

from markdown_it import MarkdownIt
from rich.console import RenderableType
from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Static

from drillcards.grade_view import visible_text
from drillcards.models import Question

ANSWER_FRAMEWORK = "Answer framework"
KEY_POINTS = "Key points"
CODE_THEME = "ansi_dark"
"""Highlights code with the terminal's own palette, so it reads in light and dark themes."""


def markdown_answer(text: str) -> Markdown:
    """`text` as rendered Markdown: no raw HTML, no clickable links, no console markup,
    control characters shown as U+FFFD (never sent to the terminal)."""
    text = visible_text(text)
    markdown = Markdown(text, code_theme=CODE_THEME, hyperlinks=False)
    parser = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").enable("table")
    markdown.parsed = parser.parse(text)  # Rich's parser drops inline HTML such as "<T>"
    return markdown


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


def model_answer_sections(question: Question) -> list[tuple[str, RenderableType]]:
    """The sections the question has, in reading order, as (title, what to show): the
    framework as Markdown, the others as plain text."""
    candidates: list[tuple[str, RenderableType | None]] = [
        (ANSWER_FRAMEWORK, markdown_answer(question.framework) if question.framework else None),
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
