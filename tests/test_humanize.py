"""Short human texts shared by the front ends: intervals, due times, counts."""

from datetime import UTC, datetime, timedelta

import pytest

from drillcards.humanize import (
    format_due,
    format_interval,
    format_when,
    plural,
    session_progress,
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


def test_plural() -> None:
    assert plural(1, "card") == "1 card"
    assert plural(0, "card") == "0 cards"


def test_format_when_is_local_time_to_the_minute() -> None:
    # Local time is UTC in every test (conftest).
    assert format_when(datetime(2026, 12, 3, 9, 0, 30, tzinfo=UTC)) == "2026-12-03 09:00"


def test_session_progress_counts_what_is_done_and_what_is_left() -> None:
    assert session_progress(0, 0, 10) == "0 done · 10 left (0 due, 10 new)"
    assert session_progress(7, 2, 7) == "7 done · 9 left (2 due, 7 new)"
    assert session_progress(1, 1, 0, breakdown=False) == "1 done · 1 left"
