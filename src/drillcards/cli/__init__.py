"""The `drill` command line. Each command lives in its own module of this package."""

import os

from drillcards.cli import (
    check_command,  # noqa: F401  (registers commands)
    config_command,  # noqa: F401  (registers commands)
    import_command,  # noqa: F401  (registers commands)
    interview_commands,  # noqa: F401  (registers commands)
    library_commands,  # noqa: F401  (registers commands)
    optimize_command,  # noqa: F401  (registers commands)
    pack_commands,  # noqa: F401  (registers commands)
    plan_command,  # noqa: F401  (registers commands)
    session_commands,  # noqa: F401  (registers commands)
)
from drillcards.cli.app import app


def main() -> None:
    """Entry point of the `drill` executable (and of `python -m drillcards`, which is
    named `drill` too, in its help and its shell completion)."""
    # drillcards uses no Pydantic plugins; looking for them reads the metadata of every
    # installed distribution when the first model class is built (~0.1 s per start).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="drill")
