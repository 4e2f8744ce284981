"""The common mistakes an answer made, each with its advice."""

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from drillcards.grade_view import visible_text
from drillcards.matcher import MistakeMatch


class FlaggedMistakes(Widget):
    """One entry per flagged mistake: the advice, and what in the answer flagged it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"flagged-mistakes--mark", "flagged-mistakes--quote"}

    def __init__(self, mistakes: tuple[MistakeMatch, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mistakes = tuple(mistake for mistake in mistakes if mistake.flagged)

    def show(self, mistakes: tuple[MistakeMatch, ...]) -> None:
        """Show the flagged ones of other mistakes."""
        self.mistakes = tuple(mistake for mistake in mistakes if mistake.flagged)
        self.refresh(layout=True)

    def render(self) -> Table:
        """The flagged mistakes, styled from the current theme; text wraps under itself."""
        mark = self.get_component_rich_style("flagged-mistakes--mark")
        quote = self.get_component_rich_style("flagged-mistakes--quote")
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for mistake in self.mistakes:
            line = Text(mistake.text)
            if mistake.matched_text:
                line.append(f"\nyou wrote “{visible_text(mistake.matched_text)}”", quote)
            table.add_row(Text("⚠", mark), line)
        return table
