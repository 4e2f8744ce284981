"""The stats screen: today's numbers, the reviews heatmap, the 30-day forecast, true
retention, the packs and the key terms missed most (the charts of `drill stats`).

The numbers are read in a worker thread, so the screen opens at once however large
the review log is."""

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from drillcards.catalog import Catalog
from drillcards.clock import now
from drillcards.home import database_path
from drillcards.humanize import plural
from drillcards.library import Library
from drillcards.stats import Stats, collect_stats
from drillcards.stats_charts import detailed_stats_view
from drillcards.stats_detail import DetailedStats, collect_detailed_stats
from drillcards.store import Store
from drillcards.tui.widgets.session_header import SessionHeader


def summary_table(stats: Stats) -> Table:
    """The headline numbers, in two columns of label and value."""
    table = Table.grid(padding=(0, 2))
    for _ in range(2):
        table.add_column(style="dim")
        table.add_column(justify="right")
    retention = "-" if stats.retention is None else f"{stats.retention:.1%}"
    score = "-" if stats.average_score is None else f"{stats.average_score:.0%}"
    table.add_row("reviews", f"{stats.reviews:,}", "due now", f"{stats.due_now:,}")
    table.add_row("cards seen", f"{stats.cards_seen:,}", "retention", retention)
    table.add_row("today", f"{stats.reviews_today:,}", "average score", score)
    table.add_row("new today", f"{stats.new_today:,}", "streak", plural(stats.streak_days, "day"))
    return table


class StatsScreen(Screen[None]):
    """Every statistic of the review log, scrollable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, home: Path) -> None:
        """The statistics of the data directory `home`."""
        super().__init__()
        self._home = home

    def compose(self) -> ComposeResult:
        """Header, then the numbers and the charts in a scrolling column."""
        yield SessionHeader("statistics", id="stats-header")
        with VerticalScroll(id="stats-body"):
            yield Static("", markup=False, id="stats-summary")
            yield Static("", markup=False, id="stats-charts")
        yield Footer()

    def on_mount(self) -> None:
        """Show the screen at once, and read the statistics in the background (a large
        review log takes seconds)."""
        self.query_one("#stats-summary", Static).update(Text("Reading the review log…"))
        self.query_one("#stats-body").focus()
        self._load()

    @work(thread=True, exclusive=True, group="stats")
    def _load(self) -> None:
        stats, detailed = self.collect()
        self.app.call_from_thread(self._draw, stats, detailed)

    def _draw(self, stats: Stats, detailed: DetailedStats) -> None:
        self.query_one("#stats-summary", Static).update(summary_table(stats))
        width = max(20, self.size.width - 4)
        self.query_one("#stats-charts", Static).update(detailed_stats_view(detailed, width))
        self.query_one(SessionHeader).set_status(f"{stats.reviews:,} reviews")

    def collect(self) -> tuple[Stats, DetailedStats]:
        """The numbers of every pack."""
        library = Library(self._home)
        moment = now()
        with Store.open(database_path(self._home)) as store:
            pack_ids = Catalog(store, library).refresh(None)
            detailed = collect_detailed_stats(store, moment, pack_ids, None)
            due_now = detailed.due_now
            return collect_stats(store, library, moment, None, due_now=due_now), detailed
