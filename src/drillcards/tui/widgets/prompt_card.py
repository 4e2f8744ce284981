"""The question being asked: its category and tags, then the prompt itself."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from drillcards.models import Question


def question_labels(question: "Question") -> Text:
    """ "architecture · #microservices #migration" (empty Text when there are none)."""
    text = Text()
    if question.category:
        text.append(question.category, "bold")
    if question.tags:
        if question.category:
            text.append("  ")
        text.append(" ".join(f"#{tag}" for tag in question.tags))
    return text


class PromptCard(Vertical):
    """The prompt in bold with its category and tags above it, all plain text."""

    def __init__(self, question: "Question", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._question = question

    def show(self, question: "Question") -> None:
        """Show another question, updating both lines in place."""
        self._question = question
        labels = question_labels(question)
        labels_line = self.query_one(".question-labels", Static)
        labels_line.update(labels)
        labels_line.display = bool(labels)
        self.query_one(".question-prompt", Static).update(Text(question.prompt))

    def compose(self) -> ComposeResult:
        """The labels line (hidden when there are none) and the prompt."""
        labels = question_labels(self._question)
        labels_line = Static(labels, markup=False, classes="question-labels")
        labels_line.display = bool(labels)
        yield labels_line
        yield Static(Text(self._question.prompt), markup=False, classes="question-prompt")
