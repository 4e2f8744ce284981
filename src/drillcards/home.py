"""The data directory: where the database and installed packs live (`DRILL_HOME`)."""

import os
from pathlib import Path

from drillcards.errors import UserError


def data_home() -> Path:
    """The data directory: `$DRILL_HOME`, else the platform's user data dir.

    UserError when it names something that is not a folder.
    """
    configured = os.environ.get("DRILL_HOME")
    if configured:
        home = Path(configured).expanduser()
    else:
        from platformdirs import user_data_dir

        home = Path(user_data_dir("drillcards", appauthor=False))
    if home.exists() and not home.is_dir():
        raise UserError(
            f"{home}: the data directory is a file, not a folder; "
            "point DRILL_HOME at a folder (it is created if missing)"
        )
    return home


def database_path(home: Path | None = None) -> Path:
    """The SQLite database holding the review log and card states."""
    return (home or data_home()) / "drill.db"


def installed_packs_dir(home: Path | None = None) -> Path:
    """The folder of packs installed with `drill import`."""
    return (home or data_home()) / "packs"
