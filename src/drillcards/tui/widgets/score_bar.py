"""The grade's score as a bar: "████████░░░░  62%"."""

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

LOW_SCORE = 0.4
HIGH_SCORE = 0.75


class ScoreBar(Widget):
    """A horizontal bar filled in proportion to a score in [0, 1], coloured by band."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "score-bar--filled",
        "score-bar--empty",
        "score-bar--label",
    }

    def __init__(self, score: float, *, label: str = "", id: str | None = None) -> None:
        """A bar for `score`, with `label` before it."""
        super().__init__(id=id)
        self.label = label
        self.score = score
        """The score shown, from 0 to 1."""
        self.show(score)

    def show(self, score: float) -> None:
        """Show another score."""
        self.score = score
        self.set_class(score < LOW_SCORE, "-low")
        self.set_class(LOW_SCORE <= score < HIGH_SCORE, "-mid")
        self.set_class(score >= HIGH_SCORE, "-high")
        self.refresh()

    def render(self) -> Text:
        """The label, the bar and the percentage, fitted to the widget's width."""
        percent = f" {round(self.score * 100):>3d}%"
        bar = Text()
        if self.label:
            bar.append(f"{self.label} ", self.get_component_rich_style("score-bar--label"))
        width = max(1, self.content_size.width - len(percent) - bar.cell_len)
        filled = round(width * min(1.0, max(0.0, self.score)))
        bar.append("█" * filled, self.get_component_rich_style("score-bar--filled"))
        bar.append("░" * (width - filled), self.get_component_rich_style("score-bar--empty"))
        bar.append(percent, self.get_component_rich_style("score-bar--label"))
        return bar
