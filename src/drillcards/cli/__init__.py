"""The `drill` command line. Each command lives in its own module of this package."""

from drillcards.cli import (
    check_command,  # noqa: F401  (registers commands)
    import_command,  # noqa: F401  (registers commands)
    pack_commands,  # noqa: F401  (registers commands)
    session_commands,  # noqa: F401  (registers commands)
)
from drillcards.cli.app import app


def main() -> None:
    """Entry point of the `drill` executable (and of `python -m drillcards`, which is
    named `drill` too, in its help and its shell completion)."""
    app(prog_name="drill")
