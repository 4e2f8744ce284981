"""The top line of every screen: where the user is and what is left."""

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget


class SessionHeader(Widget):
    """ "drillcards │ <title>" on the left, a status such as "card 3 of 12" on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"session-header--brand", "session-header--status"}

    def __init__(self, title: str, status: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.status = status

    def render(self) -> Text:
        """Brand and title left, status right-aligned, cut to the width."""
        brand = self.get_component_rich_style("session-header--brand")
        status_style = self.get_component_rich_style("session-header--status")
        width = self.content_size.width
        right = Text(self.status, status_style)
        left = Text()
        left.append("drillcards", brand)
        if self.title:
            left.append(" │ ")
            left.append(self.title)
        room = max(0, width - right.cell_len - 2)
        left.truncate(room, overflow="ellipsis")
        gap = max(1, width - left.cell_len - right.cell_len)
        return Text.assemble(left, " " * gap, right, no_wrap=True, overflow="crop")

    def set_status(self, status: str) -> None:
        """Change the right-hand status."""
        self.status = status
        self.refresh()
