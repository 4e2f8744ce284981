"""Fixtures for the TUI tests: a small fixed pack installed in the test's DRILL_HOME, and
the app built on it with the cursor not blinking (so that snapshots are stable)."""

from collections.abc import Callable
from pathlib import Path

import pytest

from drillcards.library import Library
from drillcards.packs import load_pack
from drillcards.tui.app import DrillApp, DrillOptions

DATA = Path(__file__).parent / "data"
SAMPLE_PACK = "tui-sample"
HOSTILE_PACK = "hostile"


@pytest.fixture
def installed(drill_home: Path) -> Path:
    """DRILL_HOME with the sample and hostile packs installed."""
    Library(drill_home).install([load_pack(DATA / "sample.yaml"), load_pack(DATA / "hostile.yaml")])
    return drill_home


@pytest.fixture
def make_app(installed: Path) -> Callable[..., DrillApp]:
    """Build the app on the sample pack (or as told) for `run_test` or `snap_compare`."""

    def make(**options: object) -> DrillApp:
        settings: dict[str, object] = {"pack_ids": [SAMPLE_PACK], "start_at_once": True}
        settings.update(options)
        return DrillApp(DrillOptions(home=installed, **settings))  # type: ignore[arg-type]

    return make
