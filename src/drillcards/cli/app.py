"""The Typer application object and what every command shares.

Command modules register themselves on `app` with the `command` decorator, which
turns a domain `UserError`, and any OS or SQLite error that escaped the domain, into
one line on stderr and exit status 1.
"""

import functools
import json
import sqlite3
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from drillcards import __version__
from drillcards.errors import UserError
from drillcards.faults import describe_database_error, describe_os_error

app = typer.Typer(
    name="drill",
    help="Drill interview questions: type real answers, get graded, review on schedule.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> typer.Exit:
    """Print a user error as one line on stderr; return the Exit(1) to raise."""
    sys.stderr.write(f"drill: {message}\n")
    return typer.Exit(1)


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command on `app`; a UserError it raises becomes exit status 1."""

    def decorator(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*call_args: Any, **call_kwargs: Any) -> Any:
            try:
                return function(*call_args, **call_kwargs)
            except UserError as error:
                raise fail(str(error)) from None
            except OSError as error:
                raise fail(describe_os_error(error)) from None
            except sqlite3.Error as error:
                from drillcards.home import database_path

                raise fail(describe_database_error(error, database_path())) from None

        app.command(*args, **kwargs)(wrapper)
        return function

    return decorator


def print_json(document: Any) -> None:
    """Write one JSON document to stdout, and nothing else."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"drill {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Drill interview questions: type real answers, get graded, review on schedule."""
