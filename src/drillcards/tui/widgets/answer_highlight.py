"""The user's answer with every matched key-term span highlighted."""

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from drillcards.grade_view import visible_text
from drillcards.matcher import Grade


def highlighted_answer(answer: str, grade: Grade, term_style: Style, mistake_style: Style) -> Text:
    """`answer` as plain text with the spans the matcher found styled by offset.

    Key terms found get `term_style`; phrases that flagged a mistake get `mistake_style`.
    The text is never parsed as markup.
    """
    text = Text(visible_text(answer))
    for term in grade.key_terms:
        if term.matched and term.start is not None and term.end is not None:
            text.stylize(term_style, term.start, term.end)
    for mistake in grade.mistakes:
        if mistake.flagged and mistake.start is not None and mistake.end is not None:
            text.stylize(mistake_style, mistake.start, mistake.end)
    return text


class AnswerHighlight(Widget):
    """The answer as typed, key terms found in it highlighted, mistakes underlined."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "answer-highlight--term",
        "answer-highlight--mistake",
        "answer-highlight--empty",
    }

    def __init__(self, answer: str, grade: Grade, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.answer = answer
        self.grade = grade

    def show(self, answer: str, grade: Grade) -> None:
        """Show another graded answer."""
        self.answer = answer
        self.grade = grade
        self.refresh(layout=True)

    def render(self) -> Text:
        """The highlighted answer, styled from the current theme."""
        if not self.answer.strip():
            return Text(
                "(no answer given)", self.get_component_rich_style("answer-highlight--empty")
            )
        return highlighted_answer(
            self.answer,
            self.grade,
            self.get_component_rich_style("answer-highlight--term"),
            self.get_component_rich_style("answer-highlight--mistake"),
        )
