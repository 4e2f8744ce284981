"""Short human texts for the drill screens: intervals, due times, counts, clocks.

Plain Python (no Textual), so it is easy to test.
"""

from datetime import datetime, timedelta


def format_interval(interval: timedelta) -> str:
    """An interval as on a rating button: "45s", "10m", "5h", "3d", "4mo", "1.5y"."""
    seconds = max(0.0, interval.total_seconds())
    if seconds < 60:
        return f"{seconds:.0f}s"
    if seconds < 3600:
        return f"{seconds / 60:.0f}m"
    if seconds < 86400:
        return f"{seconds / 3600:.0f}h"
    days = seconds / 86400
    if days < 30:
        return f"{days:.0f}d"
    if days < 365:
        return f"{days / 30:.0f}mo"
    return f"{days / 365:.1f}y".replace(".0y", "y")


def format_due(when: datetime, now: datetime) -> str:
    """When something is due, relative to `now`: "now", "in 10m", "in 3h", "in 2d"."""
    if when <= now:
        return "now"
    return f"in {format_interval(when - now)}"


def plural(count: int, noun: str) -> str:
    """ "1 card", "2 cards"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def word_count(text: str) -> int:
    """How many words an answer has (runs of non-space characters)."""
    return len(text.split())


def format_clock(seconds: int) -> str:
    """A countdown reading: "2:05", "0:09"."""
    seconds = max(0, seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def session_status(position: int, total: int, due_left: int, new_left: int) -> str:
    """The header's progress: "card 3 of 12 · 2 due · 8 new left"."""
    return f"card {position} of {total} · {due_left} due · {new_left} new left"
