"""The data directory: where the database and installed packs live (`DRILL_HOME`)."""

import os
from pathlib import Path


def data_home() -> Path:
    """The data directory: `$DRILL_HOME`, else the platform's user data dir."""
    configured = os.environ.get("DRILL_HOME")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("drillcards", appauthor=False))


def database_path(home: Path | None = None) -> Path:
    """The SQLite database holding the review log and card states."""
    return (home or data_home()) / "drill.db"


def installed_packs_dir(home: Path | None = None) -> Path:
    """The folder of packs installed with `drill import`."""
    return (home or data_home()) / "packs"
