"""The model answer of a question, one collapsible section per part of it.

The answer framework is rendered as Markdown (imported answers are Markdown: lists,
emphasis, fenced code, highlighted): parsed without raw HTML (shown as text), with links
shown as "text (url)" and never clickable, and console markup in it never interpreted
(Rich's Markdown reads no `[bold]`/`[@click=…]` markup). The other sections are plain text.
"""

from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from rich.console import RenderableType
from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Static

from drillcards.grade_view import visible_text

if TYPE_CHECKING:
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


def _star(question: "Question") -> Text | None:
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


SECTION_TITLES = (
    ANSWER_FRAMEWORK,
    "STAR example",
    "How to answer",
    KEY_POINTS,
    "What interviewers look for",
    "Common mistakes",
)
"""Every section a model answer can have, in reading order."""


def model_answer_sections(question: "Question") -> dict[str, RenderableType]:
    """The sections the question has, in reading order, by title: the framework as
    Markdown, the others as plain text."""
    bodies: tuple[RenderableType | None, ...] = (
        markdown_answer(question.framework) if question.framework else None,
        _star(question),
        _bullets(question.how_to_answer) if question.how_to_answer else None,
        _bullets(question.key_points) if question.key_points else None,
        _bullets(question.look_for) if question.look_for else None,
        _bullets([m.text for m in question.mistakes]) if question.mistakes else None,
    )
    return {
        title: body for title, body in zip(SECTION_TITLES, bodies, strict=True) if body is not None
    }


class AnswerSection(Collapsible):
    """One section of the model answer, shown again (or hidden) for each question."""

    def __init__(self, title: str) -> None:
        super().__init__(Static(markup=False, classes="section-body"), title=Content(title))
        self.section = title

    def show(self, body: RenderableType | None, *, expanded: bool) -> None:
        """Show `body` (hidden if None), open or closed, without scrolling to it
        (setting `collapsed` would scroll the section into view once refreshed)."""
        self.display = body is not None
        if body is None:
            return
        self.query_one(".section-body", Static).update(body)
        self.set_reactive(Collapsible.collapsed, not expanded)
        self._update_collapsed(not expanded)  # Textual 8.2.8's private hook: title and class


class ModelAnswer(Vertical):
    """Collapsible sections, those titled in `expanded` open (and the first in any case).

    Every section is composed once, and `show` fills them for each question: composing
    them again cost tens of milliseconds per answer.
    """

    def __init__(
        self,
        question: "Question",
        *,
        expanded: frozenset[str] = frozenset({ANSWER_FRAMEWORK}),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._question = question
        self._expanded = expanded

    def show(self, question: "Question", *, expanded: frozenset[str]) -> None:
        """Show another question's model answer, the sections in `expanded` open."""
        self._question = question
        self._expanded = expanded
        self._fill()

    def compose(self) -> ComposeResult:
        """A note for a question without a model answer, then one section per title;
        every text is plain, never markup."""
        yield Static(Text("This question has no model answer."), markup=False, classes="no-answer")
        for title in SECTION_TITLES:
            yield AnswerSection(title)

    def on_mount(self) -> None:
        """Fill the sections with the first question's answer."""
        self._fill()

    def _fill(self) -> None:
        sections = model_answer_sections(self._question)
        self.query_one(".no-answer").display = not sections
        first = next(iter(sections), None)
        for section in self.query_children(AnswerSection):
            title = section.section
            section.show(sections.get(title), expanded=title == first or title in self._expanded)
