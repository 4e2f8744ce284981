"""The key terms of a question, each marked found (✓), missed (✗) or optional (○)."""

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from drillcards.grade_view import visible_text
from drillcards.matcher import TermMatch


class TermChecklist(Widget):
    """One line per key term: ✓ and what matched it, ✗, or ○ for an optional term not said."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "term-checklist--found",
        "term-checklist--missed",
        "term-checklist--quote",
    }

    def __init__(self, terms: tuple[TermMatch, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.terms = terms

    def show(self, terms: tuple[TermMatch, ...]) -> None:
        """Show another checklist."""
        self.terms = terms
        self.refresh(layout=True)

    def render(self) -> Table:
        """The checklist, styled from the current theme; long terms wrap under themselves."""
        found = self.get_component_rich_style("term-checklist--found")
        missed = self.get_component_rich_style("term-checklist--missed")
        quote = self.get_component_rich_style("term-checklist--quote")
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for term in self.terms:
            if term.matched:
                line = Text(term.term)
                if term.matched_text and term.matched_text.casefold() != term.term.casefold():
                    line.append(f"  “{visible_text(term.matched_text)}”", quote)
                table.add_row(Text("✓", found), line)
            elif term.optional:
                table.add_row(Text("○", quote), Text(f"{term.term} (optional)", quote))
            else:
                table.add_row(Text("✗", missed), Text(term.term, missed))
        return table
