"""Short human texts shared by every front end: intervals, due times, counts, suggestions."""

import difflib
from collections.abc import Iterable
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
    """A count with its noun: "1 card", "2 cards", "1,500 cards"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def session_progress(done: int, due_left: int, new_left: int, *, breakdown: bool = True) -> str:
    """How far a session is: "3 done · 9 left (2 due, 7 new)"; the card showing is left.

    Stable, unlike "card 7 of 16": "left" grows only when a card is rated Again, which
    makes it one more card to do. Without `breakdown`: "3 done · 9 left".
    """
    text = f"{done} done · {due_left + new_left} left"
    return f"{text} ({due_left} due, {new_left} new)" if breakdown else text


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """ " (did you mean 'key_terms'?)" for the candidate closest to a misspelt `word`, or
    "" when none is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
