"""The home screen: the packs with their due and new cards, today's work; pick a pack."""

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from drillcards.clock import now
from drillcards.home import database_path
from drillcards.humanize import format_due, plural
from drillcards.library import Library
from drillcards.progress import PackProgress, library_progress, new_today
from drillcards.stats import Stats, collect_stats
from drillcards.store import Store
from drillcards.tui.messages import StartSession
from drillcards.tui.widgets.pack_table import PackTable
from drillcards.tui.widgets.session_header import SessionHeader

TICK_SECONDS = 1.0
"""How often the "next card due in …" countdown is brought up to date."""


def today_text(stats: Stats | None, due_now: int) -> Text:
    """ "Today: 4 reviews, 2 new cards · 3 due now · next card due in 10m"."""
    reviews = stats.reviews_today if stats else 0
    new = stats.new_today if stats else 0
    parts = [f"Today: {plural(reviews, 'review')}, {plural(new, 'new card')}"]
    parts.append(f"{due_now} due now")
    if stats and stats.next_due is not None:
        parts.append(f"next card due {format_due(stats.next_due, now())}")
    if stats and stats.streak_days > 1:
        parts.append(f"{stats.streak_days}-day streak")
    return Text(" · ".join(parts))


class HomeScreen(Screen[None]):
    """Every installed pack; Enter drills the highlighted one, `a` all of them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "start_all", "Drill all packs", id="start-all"),
    ]

    def __init__(self, home: Path, *, new_limit: int | None = None) -> None:
        """The packs of the data directory `home`; `new_limit` new cards a day (`--new`;
        None: the `new-per-day` setting)."""
        super().__init__()
        self._home = home
        self._new_limit = new_limit
        self._packs: list[PackProgress] = []
        self._stats: Stats | None = None
        self._due_now = 0

    def compose(self) -> ComposeResult:
        """Header, today's line, the packs table, the highlighted pack's description."""
        yield SessionHeader("", id="home-header")
        with Vertical(id="home-body"):
            yield Static("", markup=False, id="today")
            yield PackTable(id="packs")
            yield Static("", markup=False, id="pack-description")
            yield Static(
                Text("enter drills the highlighted pack · a drills every pack · f1 help"),
                markup=False,
                id="home-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        """Load the packs and their counts (the app builds this screen afresh each time)."""
        self.reload()
        self.query_one(PackTable).focus()
        self.set_interval(TICK_SECONDS, self.tick)

    def reload(self) -> None:
        """Read every pack's due and new counts and today's numbers."""
        rows = self._packs = library_progress(self._home, new_limit=self._new_limit)
        self.query_one(PackTable).show(rows)
        stats = None
        if database_path(self._home).exists():  # no database yet: nothing reviewed
            with Store.open(database_path(self._home), read_only=True) as store:
                stats = collect_stats(store, Library(self._home), now(), None)
        due_now = sum(row.due for row in rows)
        new = new_today(rows)  # what drilling every pack would bring
        self._stats, self._due_now = stats, due_now
        today = today_text(stats, due_now)
        planned = [row for row in rows if row.plan_days_left]
        if planned:
            days = planned[0].plan_days_left
            target = sum(row.plan_target or 0 for row in planned)
            today.append(f" · interview in {plural(days or 0, 'day')}: today's target {target} new")
        self.query_one("#today", Static).update(today)
        self.query_one(SessionHeader).set_status(f"{due_now} due · {new} new")

    def tick(self) -> None:
        """Keep "next card due in 11s" true: count it down, and once that card is due,
        read the counts again (it is then one of those due now)."""
        next_due = self._stats.next_due if self._stats else None
        if next_due is not None and next_due <= now():
            self.reload()
        elif next_due is not None:
            self.query_one("#today", Static).update(today_text(self._stats, self._due_now))

    @on(DataTable.RowHighlighted, "#packs")
    def _describe(self, event: DataTable.RowHighlighted) -> None:
        pack = self._packs[event.cursor_row]
        self.query_one("#pack-description", Static).update(Text(pack.description or ""))

    @on(DataTable.RowSelected, "#packs")
    def _start(self, event: DataTable.RowSelected) -> None:
        self.post_message(StartSession([self._packs[event.cursor_row].pack_id]))

    def action_start_all(self) -> None:
        """Drill every pack together."""
        self.post_message(StartSession(None))
