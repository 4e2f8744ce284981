"""Commands about packs themselves: `packs`, `validate`, `export`."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drillcards.cli.app import command, print_json
from drillcards.errors import UserError
from drillcards.humanize import plural

if TYPE_CHECKING:
    from drillcards.library import Library


def _library() -> "Library":
    from drillcards.home import data_home
    from drillcards.library import Library

    return Library(data_home())


@command("packs")
def packs_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the installed packs: cards due now, new cards for today, never-seen cards.

    "new" is what `drill start` would introduce today (the daily limit of new cards
    applied); "unseen" counts every question never reviewed.
    """
    from drillcards.home import data_home
    from drillcards.progress import library_progress

    rows = library_progress(data_home())
    if as_json:
        print_json(
            [
                {
                    "id": row.pack_id,
                    "title": row.title,
                    "questions": row.questions,
                    "due": row.due,
                    "new": row.new,
                }
                for row in rows
            ]
        )
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold")
    for name, justify in (("id", "left"), ("title", "left"), ("questions", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for name in ("due", "new", "unseen"):
        table.add_column(name, justify="right")
    for row in rows:
        table.add_row(
            Text(row.pack_id),
            Text(row.title),
            str(row.questions),
            str(row.due),
            str(row.new),
            str(row.unseen),
        )
    Console().print(table)


def _pack_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise UserError(f"{path}: no .yaml pack files in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


@command("validate")
def validate_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Pack files (or folders of them).")
    ],
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Also grade each question's model answer: report key terms it does not "
            "mention and mistake triggers it trips (exit 1 if any).",
        ),
    ] = False,
) -> None:
    """Check pack files without installing them; exit 1 if any is invalid."""
    from drillcards.packs import PackInvalid, load_pack

    invalid = 0
    for path in _pack_files(paths):
        try:
            pack = load_pack(path)
        except PackInvalid as error:
            invalid += 1
            sys.stderr.write(f"{error}\n")
            continue
        except UserError as error:
            invalid += 1
            sys.stderr.write(f"{error}\n")
            continue
        if strict:
            from drillcards.matcher.self_check import self_check

            findings = [
                f"{path}: questions[{index}] ({question.id}): {finding}"
                for index, question in enumerate(pack.questions)
                for finding in self_check(question)
            ]
            if findings:
                invalid += 1
                sys.stderr.write("".join(f"{line}\n" for line in findings))
                continue
        sys.stdout.write(f"{path}: ok ({pack.id}, {plural(len(pack.questions), 'question')})\n")
    if invalid:
        raise typer.Exit(1)


@command("export")
def export_command(
    pack_id: Annotated[str, typer.Argument(metavar="PACK_ID", help="The pack to export.")],
    export_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="yaml (default), csv (Anki's text format) or apkg (an Anki package).",
        ),
    ] = "yaml",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="File to write; stdout if absent."),
    ] = None,
) -> None:
    """Write a pack as YAML (re-imports to an equal pack), CSV or an Anki package."""
    from drillcards.exporters import export_pack

    pack = _library().get(pack_id)
    data = export_pack(pack, export_format)
    if output is None:
        if isinstance(data, bytes):
            if sys.stdout.isatty():  # binary would garble the terminal; a pipe or file is fine
                raise UserError(
                    f"{export_format} is a binary format: name a file with -o, "
                    "or redirect stdout (> deck.apkg)"
                )
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(data)
        return
    try:
        if isinstance(data, bytes):
            output.write_bytes(data)
        else:
            output.write_text(data, encoding="utf-8")
    except OSError as error:
        raise UserError(f"{output}: cannot write: {error.strerror}") from None
    sys.stderr.write(f"wrote {output}\n")
