"""The short texts of the drill screens: intervals, due times, counts, clocks."""

from datetime import UTC, datetime, timedelta

import pytest

from drillcards.tui.formatting import (
    format_clock,
    format_due,
    format_interval,
    plural,
    session_status,
    word_count,
)


@pytest.mark.parametrize(
    ("interval", "shown"),
    [
        (timedelta(seconds=20), "20s"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=1), "1d"),
        (timedelta(days=3, hours=2), "3d"),
        (timedelta(days=120), "4mo"),
        (timedelta(days=365), "1y"),
        (timedelta(days=550), "1.5y"),
        (timedelta(seconds=-5), "0s"),
    ],
)
def test_format_interval(interval: timedelta, shown: str) -> None:
    assert format_interval(interval) == shown


def test_format_due_is_relative_to_now() -> None:
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert format_due(now - timedelta(minutes=1), now) == "now"
    assert format_due(now, now) == "now"
    assert format_due(now + timedelta(minutes=10), now) == "in 10m"
    assert format_due(now + timedelta(days=2), now) == "in 2d"


def test_counts_and_clock() -> None:
    assert plural(1, "card") == "1 card"
    assert plural(0, "card") == "0 cards"
    assert word_count("  a strangler\tfig\npattern ") == 4
    assert word_count("") == 0
    assert format_clock(125) == "2:05"
    assert format_clock(9) == "0:09"
    assert format_clock(-3) == "0:00"
    assert session_status(3, 12, 2, 8) == "card 3 of 12 · 2 due · 8 new left"
