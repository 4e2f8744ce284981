"""The table of packs on the home screen: title, cards, due, new."""

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from drillcards.progress import PackProgress


class PackTable(DataTable[Text]):
    """One row per pack (keyed by pack id); Enter drills the highlighted pack."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Drill pack", id="start"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """The columns; every cell is a plain Text, never markup."""
        self.add_column(Text("Pack"), key="title")
        self.add_column(Text("Cards", justify="right"), key="cards")
        self.add_column(Text("Due", justify="right"), key="due")
        self.add_column(Text("New", justify="right"), key="new")

    def show(self, rows: list[PackProgress]) -> None:
        """Replace the rows, keeping the cursor on the same line."""
        cursor = self.cursor_row
        self.clear()
        for row in rows:
            self.add_row(
                Text(row.title),
                Text(str(row.questions), justify="right"),
                Text(str(row.due), justify="right"),
                Text(str(row.new), justify="right"),
                key=row.pack_id,
            )
        if rows:
            self.move_cursor(row=min(cursor, len(rows) - 1))
