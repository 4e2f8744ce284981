"""The model answer's ideas an answer covered and missed (the weightiest), as two lines."""

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from drillcards.grade_view import visible_text
from drillcards.matcher import IdeaMatch
from drillcards.matcher.ideas import main_covered, main_missed

SEPARATOR = " · "


class IdeaList(Widget):
    """ "✓ covered: idea · idea" and "✗ missed: idea · idea" (ideas are untrusted text)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"idea-list--covered", "idea-list--missed"}

    def __init__(self, ideas: tuple[IdeaMatch, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ideas = ideas

    def show(self, ideas: tuple[IdeaMatch, ...]) -> None:
        """Show another answer's ideas."""
        self.ideas = ideas
        self.refresh(layout=True)

    def render(self) -> Text:
        """Both lines, styled from the current theme."""
        covered_style = self.get_component_rich_style("idea-list--covered")
        missed_style = self.get_component_rich_style("idea-list--missed")
        covered = [visible_text(text) for text in main_covered(self.ideas)]
        missed_texts, more = main_missed(self.ideas)
        missed = [visible_text(text) for text in missed_texts]
        if more:
            missed.append(f"{more} more")
        text = Text()
        text.append("✓ covered: ", covered_style)
        text.append(SEPARATOR.join(covered) or "none")
        text.append("\n")
        text.append("✗ missed: ", missed_style)
        text.append(SEPARATOR.join(missed) or "none", missed_style)
        return text
