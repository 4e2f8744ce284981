"""The question being asked: its category and tags, then the prompt itself."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from drillcards.models import Question


def question_labels(question: Question) -> Text:
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

    def __init__(self, question: Question, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._question = question

    def show(self, question: Question) -> None:
        """Show another question (its two lines are composed again)."""
        self._question = question
        self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        """The labels line (if any) and the prompt."""
        labels = question_labels(self._question)
        if labels:
            yield Static(labels, markup=False, classes="question-labels")
        yield Static(Text(self._question.prompt), markup=False, classes="question-prompt")
