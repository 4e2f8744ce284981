"""The Typer application object and what every command shares.

Command modules register themselves on `app` with the `command` decorator, which
turns a domain `UserError`, and any OS or SQLite error that escaped the domain, into
one line on stderr and exit status 1.

Help is plain text in the usual man-page shape (clig.dev): `drill import [OPTIONS]
PATH...`, options with a metavar (`--new N`, `--pack ID`) and no internal type names;
the commands are listed in the order a new user needs them, `start` first.
"""

import functools
import json
import sqlite3
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from drillcards import __version__
from drillcards.errors import UserError
from drillcards.faults import describe_database_error, describe_os_error

COMMAND_ORDER = ("start", "review", "check", "packs", "import", "export", "validate", "stats")
"""How `drill --help` lists the commands; any other command follows, in registration order."""


class DrillGroup(TyperGroup):
    """The `drill` command group: lists its commands in `COMMAND_ORDER`."""

    def list_commands(self, ctx: Any) -> list[str]:
        """The command names, `start` first."""
        names = super().list_commands(ctx)
        ordered = [name for name in COMMAND_ORDER if name in names]
        return ordered + [name for name in names if name not in ordered]


def _argument_metavar(argument: TyperArgument) -> str:
    return argument.metavar or (argument.name or "").upper()


class DrillCommand(TyperCommand):
    """A command whose usage and help name its arguments by metavar (`PATH...`), with no
    type names: `drill import [OPTIONS] PATH...`."""

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the help, whole: `drill --help` wraps it, never cuts it."""
        return super().get_short_help_str(limit=1000)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """`[OPTIONS]`, then each argument: `PACK_ID`, `PATH...`, `[NAME]` if optional."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = _argument_metavar(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The arguments with their help, then the options (each with its metavar)."""
        arguments = [
            (_argument_metavar(param), param.help or "")
            for param in self.get_params(ctx)
            if isinstance(param, TyperArgument) and not param.hidden
        ]
        options = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, TyperArgument) and (record := param.get_help_record(ctx))
        ]
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


app = typer.Typer(
    name="drill",
    cls=DrillGroup,
    help="Drill interview questions: type real answers, get graded, review on schedule.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich's help panels import ~0.3 s of Rich and Markdown
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

        app.command(*args, cls=DrillCommand, **kwargs)(wrapper)
        return function

    return decorator


def at_least(minimum: int) -> Callable[[int | None], int | None]:
    """An option callback refusing numbers below `minimum` (usage error, exit 2).

    Used instead of Typer's `min=`, which shows `<int range> [x>=0]` in the help.
    """

    def check(value: int | None) -> int | None:
        if value is not None and value < minimum:
            raise typer.BadParameter(f"must be {minimum} or more, not {value}")
        return value

    return check


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
