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
from drillcards.tui.widgets.drawn_ahead import DrawnAhead

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


class SectionBody(Static):
    """The text of a section; it remembers the width it was last laid out at."""

    laid_out_width = 0
    """The width of its content when last laid out (0 before it was, or while closed);
    read by the warm-up thread (`ModelAnswer.draw_ahead`)."""

    def on_resize(self) -> None:
        """Remember the width laid out."""
        self.laid_out_width = self.content_size.width


class AnswerSection(Collapsible):
    """One section of the model answer, shown again (or hidden) for each question."""

    def __init__(self, title: str) -> None:
        self.body = SectionBody(markup=False, classes="section-body")
        super().__init__(self.body, title=Content(title))
        self.section = title

    def show(self, body: RenderableType | None, *, expanded: bool) -> None:
        """Show `body` (hidden if None), open or closed, without scrolling to it
        (setting `collapsed` would scroll the section into view once refreshed)."""
        self.display = body is not None
        if body is None:
            return
        self.body.update(body)
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
        self._sections = [AnswerSection(title) for title in SECTION_TITLES]
        self._ahead: tuple[Question, dict[str, RenderableType]] | None = None
        """A question's sections, drawn ahead by `draw_ahead`."""

    def draw_ahead(self, question: "Question") -> None:
        """Make the sections of `question` and draw its framework at the width the last
        one was shown at (and one column either side, for the scroll bar), for its
        feedback to show them at once. Called from the warm-up thread."""
        sections = model_answer_sections(question)
        framework = sections.get(ANSWER_FRAMEWORK)
        width = self._sections[0].body.laid_out_width  # the framework's, first in order
        if framework is not None and width:
            drawn = DrawnAhead(framework)
            options = self.app.console_options.update(highlight=False)
            drawn.draw(self.app.console, options, (width, width - 1, width + 1))
            sections[ANSWER_FRAMEWORK] = drawn
        self._ahead = question, sections

    def show(self, question: "Question", *, expanded: frozenset[str]) -> None:
        """Show another question's model answer, the sections in `expanded` open."""
        self._question = question
        self._expanded = expanded
        self._fill()

    def compose(self) -> ComposeResult:
        """A note for a question without a model answer, then one section per title;
        every text is plain, never markup."""
        yield Static(Text("This question has no model answer."), markup=False, classes="no-answer")
        yield from self._sections

    def on_mount(self) -> None:
        """Fill the sections with the first question's answer."""
        self._fill()

    def _fill(self) -> None:
        ahead = self._ahead
        if ahead is not None and ahead[0] is self._question:
            sections = ahead[1]
        else:
            sections = model_answer_sections(self._question)
        self.query_one(".no-answer").display = not sections
        first = next(iter(sections), None)
        for section in self.query_children(AnswerSection):
            title = section.section
            section.show(sections.get(title), expanded=title == first or title in self._expanded)
