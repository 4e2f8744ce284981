"""The browser: every question of the library, searched as you type, with the highlighted
card's history (past answers, scores, ratings, missed key terms)."""

from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from drillcards.browse import HistoryEntry, ListedCard, card_history, list_cards
from drillcards.catalog import Catalog
from drillcards.clock import now
from drillcards.home import database_path
from drillcards.humanize import format_due, format_when, plural
from drillcards.library import Library
from drillcards.store import Store
from drillcards.tui.widgets.session_header import SessionHeader

KEY_WIDTH = 34
STATE_WIDTH = 18
ROWS_SHOWN = 500
"""At most this many matching questions are listed (the count says how many match)."""


def history_view(card: ListedCard, history: list[HistoryEntry]) -> RenderableType:
    """The card's prompt and marks, then each review, newest first: when, rating, score,
    the answer given and the key terms it missed. All as plain text."""
    marks = [mark for mark, on in (("suspended", card.suspended), ("leech", card.leech)) if on]
    header = Text(card.key, style="bold")
    header.append(f"  {card.state}" + (f" ({', '.join(marks)})" if marks else ""), "dim")
    parts: list[RenderableType] = [header, Text(card.prompt), Text("")]
    if not history:
        parts.append(Text("Never reviewed.", style="dim"))
    for entry in reversed(history):
        review = entry.review
        line = Text(format_when(review.reviewed_at), style="bold")
        line.append(f"  {review.rating}")
        if review.score is not None:
            line.append(f"  score {review.score:.0%}")
        line.append(f"  {review.duration_ms / 1000:.0f}s", "dim")
        if review.cram:
            line.append("  practice", "dim")
        parts.append(line)
        answer = review.answer.strip()
        parts.append(Text(f"  {answer}" if answer else "  (no answer typed)", style="italic"))
        if entry.missed_terms:
            parts.append(Text(f"  missed: {', '.join(entry.missed_terms)}", style="dim"))
    return Group(*parts)


class BrowserScreen(Screen[None]):
    """Search the library; the highlighted card's history shows beside (or below) it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("ctrl+f", "focus_search", "Search", id="search"),
    ]

    def __init__(self, home: Path) -> None:
        """The questions of the data directory `home`."""
        super().__init__()
        self._home = home
        self._store: Store | None = None
        self._pack_ids: list[str] = []
        self._cards: list[ListedCard] = []

    def compose(self) -> ComposeResult:
        """Header, search box, the cards table and the history panel."""
        yield SessionHeader("browse", id="browser-header")
        yield Input(placeholder="search questions (id or prompt)", id="browser-search")
        with Horizontal(id="browser-body"):
            yield DataTable(id="browser-cards", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="browser-history"):
                yield Static("", markup=False, id="browser-card")
        yield Footer()

    def on_mount(self) -> None:
        """Open the database, list every question, focus the search box."""
        self._store = Store.open(database_path(self._home))
        self._pack_ids = Catalog(self._store, Library(self._home)).refresh(None)
        table = self.query_one("#browser-cards", DataTable)
        table.add_column(Text("Question"), key="key", width=KEY_WIDTH)
        table.add_column(Text("State"), key="state", width=STATE_WIDTH)
        table.add_column(Text("Due", justify="right"), key="due")
        table.add_column(Text("Lapses", justify="right"), key="lapses")
        self.show_matches("")
        self.query_one("#browser-search", Input).focus()

    def on_unmount(self) -> None:
        """Close the database."""
        if self._store is not None:
            self._store.close()
            self._store = None

    @on(Input.Changed, "#browser-search")
    def _search(self, event: Input.Changed) -> None:
        self.show_matches(event.value)

    @on(Input.Submitted, "#browser-search")
    def _to_table(self) -> None:
        self.query_one("#browser-cards", DataTable).focus()

    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#browser-search", Input).focus()

    def show_matches(self, search: str) -> None:
        """List the questions matching `search` and show the first one's history."""
        assert self._store is not None
        self._cards = list_cards(self._store, self._pack_ids, search=search, limit=ROWS_SHOWN + 1)
        shown = self._cards[:ROWS_SHOWN]
        table = self.query_one("#browser-cards", DataTable)
        table.clear()
        moment = now()
        for card in shown:
            state = card.state + (" ⏸" if card.suspended else "") + (" leech" if card.leech else "")
            due = "-" if card.due is None else format_due(card.due, moment)
            table.add_row(
                Text(card.key),
                Text(state),
                Text(due, justify="right"),
                Text(str(card.lapses), justify="right"),
                key=card.key,
            )
        if len(self._cards) > ROWS_SHOWN:
            status = f"first {ROWS_SHOWN} questions shown"
        else:
            status = plural(len(self._cards), "question")
        self.query_one(SessionHeader).set_status(status)
        self._show_history(0)

    @on(DataTable.RowHighlighted, "#browser-cards")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_history(event.cursor_row)

    def _show_history(self, row: int) -> None:
        panel = self.query_one("#browser-card", Static)
        if not self._cards or row >= len(self._cards) or self._store is None:
            panel.update(Text("No question matches.", style="dim"))
            return
        card = self._cards[row]
        panel.update(history_view(card, card_history(self._store, card.key)))
