"""Shared fixtures: every test gets its own DRILL_HOME, a fixed clock and UTC local time."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXED_NOW = "2026-12-01T09:00:00+00:00"


@pytest.fixture(autouse=True)
def drill_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty data directory, never the user's real one; the clock is fixed."""
    home = tmp_path / "drill-home"
    monkeypatch.setenv("DRILL_HOME", str(home))
    monkeypatch.setenv("DRILL_NOW", FIXED_NOW)
    yield home


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so printed due times and study days are predictable."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
