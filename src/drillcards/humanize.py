"""Short human texts shared by every front end: intervals, due times, counts."""

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


def format_when(moment: datetime) -> str:
    """A moment in local time, to the minute: 2026-12-03 09:00."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def plural(count: int, noun: str) -> str:
    """A count with its noun: "1 card", "2 cards"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def leech_message(key: str) -> str:
    """What the user is told when a rating makes card `key` a leech."""
    return (
        f"Leech: {key} keeps being forgotten, so it is tagged leech and suspended. "
        f"Rewrite it (drill edit {key}), then drill unsuspend {key}."
    )
