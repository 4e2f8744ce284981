"""The table of packs on the home screen: title, id, cards, due today, new today."""

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from drillcards.progress import PackProgress

NUMBER_WIDTH = 5
"""Width of the Cards, Due and New columns."""
MIN_TITLE_WIDTH = 12
MAX_ID_WIDTH = 24


def _cut(text: str, width: int) -> Text:
    """`text` as plain Text of at most `width` cells, an ellipsis marking a cut."""
    cell = Text(text, no_wrap=True)
    cell.truncate(max(1, width), overflow="ellipsis")
    return cell


class PackTable(DataTable[Text]):
    """One row per pack (keyed by pack id); Enter drills the highlighted pack.

    Titles and ids are cut with an ellipsis to the table's width, so that a long pack
    title never pushes the counts off the screen.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Drill pack", id="start"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: list[PackProgress] = []
        self._widths: tuple[int, int] | None = None

    def show(self, rows: list[PackProgress]) -> None:
        """Replace the rows, keeping the cursor on the same line."""
        self._rows = rows
        self._widths = None
        self._fill()

    def on_resize(self, event: events.Resize) -> None:
        """Fit the title and id columns to the new width."""
        self._fill()

    def _column_widths(self) -> tuple[int, int]:
        """Widths of the title and id columns: the id as long as the longest (capped),
        the title whatever room is left."""
        longest_id = max((len(row.pack_id) for row in self._rows), default=2)
        id_width = min(MAX_ID_WIDTH, max(2, longest_id))
        padding = 2 * self.cell_padding * 5
        room = self.size.width - padding - 3 * NUMBER_WIDTH - id_width - 1  # scrollbar
        longest_title = max((len(row.title) for row in self._rows), default=4)
        return max(MIN_TITLE_WIDTH, min(longest_title, room)), id_width

    def _fill(self) -> None:
        widths = self._column_widths()
        if widths == self._widths:
            return
        self._widths = widths
        title_width, id_width = widths
        cursor = self.cursor_row
        self.clear(columns=True)
        self.add_column(Text("Pack"), key="title", width=title_width)
        self.add_column(Text("Id"), key="id", width=id_width)
        for label, key in (("Cards", "cards"), ("Due", "due"), ("New", "new")):
            self.add_column(Text(label, justify="right"), key=key, width=NUMBER_WIDTH)
        for row in self._rows:
            self.add_row(
                _cut(row.title, title_width),
                _cut(row.pack_id, id_width),
                Text(str(row.questions), justify="right"),
                Text(str(row.due), justify="right"),
                Text(str(row.new), justify="right"),
                key=row.pack_id,
            )
        if self._rows:
            self.move_cursor(row=min(cursor, len(self._rows) - 1))
