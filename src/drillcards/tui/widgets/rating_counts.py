"""How many reviews got each rating, as a small bar chart (the session summary)."""

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from drillcards.rating import Rating

BAR_WIDTH = 24


class RatingCounts(Widget):
    """One row per rating: its key and name, the count, a bar in the rating's colour."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"rating-counts--{rating.value}" for rating in Rating}

    def __init__(self, counts: dict[Rating, int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts = counts

    def render(self) -> Table:
        """The chart, coloured from the current theme."""
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(justify="right")
        table.add_column()
        most = max(self.counts.values(), default=0) or 1
        for rating in Rating:
            count = self.counts.get(rating, 0)
            style = self.get_component_rich_style(f"rating-counts--{rating.value}")
            table.add_row(
                Text(f"{rating.number} {rating.value.capitalize()}"),
                Text(str(count)),
                Text("█" * round(BAR_WIDTH * count / most), style),
            )
        return table
