"""Rich renderables of the detailed statistics, for `drill stats` and the TUI stats screen.

Every chart also reads without colour (`NO_COLOR`, screen readers): the heatmap's
shades are different characters, bars are block characters, and numbers are written
out. Pack titles and key terms are untrusted text, so they are only ever `Text`.
"""

from datetime import timedelta

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from drillcards.stats_detail import HEATMAP_DAYS, DetailedStats, PassRate

SHADES = ("·", "░", "▒", "▓", "█")
"""No reviews, then four levels up to the busiest day."""
SHADE_STYLES = ("dim", "green", "green", "bold green", "bold green")
BAR_EIGHTHS = " ▁▂▃▄▅▆▇█"
FORECAST_ROWS = 6
WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def heatmap_chart(stats: DetailedStats, weeks: int = 53) -> RenderableType:
    """Reviews per day of the last year: a column per week, a row per weekday."""
    weeks = max(1, min(weeks, HEATMAP_DAYS // 7 + 1))
    last_monday = stats.today - timedelta(days=stats.today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    busiest = max(stats.heatmap.values(), default=0)
    lines = []
    for weekday in range(7):
        line = Text(f"{WEEKDAY_LABELS[weekday]:<4}")
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            if day > stats.today:
                line.append(" ")
                continue
            count = stats.heatmap.get(day, 0)
            level = 0 if count == 0 else 1 + min(3, (count * 4 - 1) // busiest)
            line.append(SHADES[level], style=SHADE_STYLES[level])
        lines.append(line)
    total = sum(stats.heatmap.values())
    days = len(stats.heatmap)
    legend = Text(f"    less {''.join(SHADES)} more · {total:,} reviews on {days:,} days", "dim")
    return Group(Text("Reviews, last year", style="bold"), *lines, legend)


def forecast_chart(stats: DetailedStats) -> RenderableType:
    """Cards due on each of the next 30 days, as columns of block characters."""
    counts = stats.forecast
    peak = max(counts, default=0)
    lines = [Text(f"Due, next {len(counts)} days", style="bold")]
    for row in range(FORECAST_ROWS, 0, -1):
        label = f"{peak:>5} " if row == FORECAST_ROWS else "      "
        line = Text(label, style="dim")
        for count in counts:
            eighths = 0 if peak == 0 else round(count * FORECAST_ROWS * 8 / peak)
            filled = max(0, min(8, eighths - (row - 1) * 8))
            line.append(BAR_EIGHTHS[filled], style="cyan")
        lines.append(line)
    axis = Text("    0 ", style="dim")
    axis.append("".join("|" if offset % 7 == 0 else "·" for offset in range(len(counts))), "dim")
    lines.append(axis)
    lines.append(
        Text(
            f"      today {counts[0] if counts else 0:,} · "
            f"next 7 days {sum(counts[:7]):,} · next 30 days {sum(counts):,}",
            style="dim",
        )
    )
    return Group(*lines)


def _rate(pass_rate: PassRate) -> str:
    rate = pass_rate.rate
    if rate is None:
        return "-"
    return f"{rate:.1%} ({pass_rate.passed:,}/{pass_rate.passed + pass_rate.failed:,})"


def retention_table(stats: DetailedStats) -> RenderableType:
    """True retention per period, young and mature cards apart."""
    table = Table(
        title=Text("True retention"),
        caption=Text("reviews of cards in the review phase; mature: interval of 21 days or more"),
        box=None,
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("period")
    table.add_column("young", justify="right")
    table.add_column("mature", justify="right")
    table.add_column("total", justify="right")
    for row in stats.true_retention:
        table.add_row(
            row.period.replace("_", " "), _rate(row.young), _rate(row.mature), _rate(row.total)
        )
    return table


def packs_table(stats: DetailedStats) -> RenderableType:
    """Per pack: questions, cards seen, due, new, reviews, lapses, suspended, leeches."""
    table = Table(title=Text("Packs"), box=None, title_justify="left", header_style="bold")
    table.add_column("pack", no_wrap=True)
    for name in ("questions", "seen", "due", "new", "reviews", "lapses", "susp.", "leeches"):
        table.add_column(name, justify="right")
    for row in stats.packs:
        table.add_row(
            Text(row.pack_id),
            *(
                f"{value:,}"
                for value in (
                    row.questions,
                    row.seen,
                    row.due,
                    row.new,
                    row.reviews,
                    row.lapses,
                    row.suspended,
                    row.leeches,
                )
            ),
        )
    return table


def missed_terms_table(stats: DetailedStats) -> RenderableType:
    """The key terms missed most often across sessions, with a bar each."""
    if not stats.missed_terms:
        return Group(
            Text("Key terms missed most", style="bold"),
            Text("  none yet (graded answers are counted from now on)", style="dim"),
        )
    table = Table(title=Text("Key terms missed most"), box=None, title_justify="left")
    table.add_column("term")
    table.add_column("misses", justify="right")
    table.add_column("")
    most = stats.missed_terms[0][1]
    for term, count in stats.missed_terms:
        table.add_row(Text(term), f"{count:,}", Text("█" * max(1, round(count * 20 / most))))
    return table


def detailed_stats_view(stats: DetailedStats, width: int = 80) -> RenderableType:
    """Every chart and table of the detailed statistics, one under the other."""
    weeks = max(4, min(53, width - 6))
    return Group(
        heatmap_chart(stats, weeks),
        Text(""),
        forecast_chart(stats),
        Text(""),
        retention_table(stats),
        Text(""),
        packs_table(stats),
        Text(""),
        missed_terms_table(stats),
    )
