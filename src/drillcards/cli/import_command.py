"""`drill import`: install packs from YAML, scraped pages, Markdown, CSV/TSV and Anki packages."""

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from drillcards.cli.app import command, fail, print_json
from drillcards.humanize import plural

if TYPE_CHECKING:
    from rich.progress import Progress

    from drillcards.built_pack import BuiltPack
    from drillcards.importers.building import ImportedPack
    from drillcards.library import Library

PROGRESS_DELAY = 0.5
"""Seconds an import may take before a progress bar appears."""
LARGE_INPUT_BYTES = 4 * 1024 * 1024
"""Inputs at least this large show a progress bar at once."""
MAX_WARNINGS_SHOWN = 20


class ImportFormat(StrEnum):
    """What `--format` accepts."""

    auto = "auto"
    yaml = "yaml"
    page = "page"
    markdown = "markdown"
    csv = "csv"
    apkg = "apkg"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


class _LazyProgress:
    """A progress bar on stderr that only appears when an import takes more than a moment,
    and only on a terminal (a script or a log gets no bar)."""

    def __init__(self, paths: list[Path], *, interactive: bool) -> None:
        self.started_at = time.monotonic() if interactive else float("inf")
        self.bar: Progress | None = None
        self.task: Any = None
        self.count = len(paths)
        self.index = 0
        self.description = "reading"
        self.large = interactive and sum(_size(path) for path in paths) >= LARGE_INPUT_BYTES

    def _show(self, fraction: float) -> None:
        """Show the bar if the inputs are large, or if the import has taken a moment and,
        `fraction` of it done, looks set to take at least another."""
        if self.bar is not None:
            return
        if not self.large:
            elapsed = time.monotonic() - self.started_at
            if elapsed < PROGRESS_DELAY or elapsed * (1 - fraction) < PROGRESS_DELAY * fraction:
                return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.bar.add_task(self.description, total=self.count * 1000)
        self.bar.start()

    def begin(self, index: int) -> None:
        """The import of input number `index` (0-based) starts."""
        self.index = index
        self.update(0, 1)

    def update(self, done: int, total: int) -> None:
        """Progress within the current input."""
        fraction = done / total if total else 1.0
        self._show((self.index + fraction) / self.count)
        if self.bar is not None:
            self.bar.update(self.task, completed=int((self.index + fraction) * 1000))

    def installing(self) -> None:
        """Parsing is done; the packs are being written."""
        self.description = "installing"
        self.index = self.count
        self._show(1.0)
        if self.bar is not None:
            self.bar.update(self.task, description=self.description, completed=self.count * 1000)

    def stop(self) -> None:
        """Remove the bar (if it was shown); the bar never appears again after this."""
        if self.bar is not None:
            self.bar.stop()
        self.bar = None
        self.large = False
        self.started_at = float("inf")


def _parse_all(
    paths: list[Path], file_format: str, progress: _LazyProgress
) -> list["ImportedPack"]:
    """Every input parsed and validated; all errors reported, nothing installed, on failure."""
    from drillcards.errors import UserError
    from drillcards.importers import import_file

    imported: list[ImportedPack] = []
    errors: list[str] = []
    for index, path in enumerate(paths):
        progress.begin(index)
        try:
            imported.extend(import_file(path, file_format, progress.update))
        except UserError as error:
            errors.append(str(error))
    if errors:
        progress.stop()
        for message in errors[:-1]:
            sys.stderr.write(f"drill: {message}\n")
        suffix = "" if len(errors) == 1 else f" ({len(errors)} inputs failed)"
        raise fail(f"{errors[-1]}{suffix}; nothing was imported")
    return imported


def _question_ids(library: "Library", pack_id: str) -> set[str] | None:
    """Question ids of the pack installed under `pack_id` now (None when there is none)."""
    if pack_id not in library.pack_ids():
        return None
    from drillcards.errors import UserError

    try:
        return set(library.question_ids(pack_id))
    except UserError:
        return set()  # an unreadable old pack is simply replaced


def _refuse_replacing_other_sources(
    library: "Library", recorded: dict[str, str], sources: dict[str, str]
) -> None:
    """Fail when an input would replace an installed pack imported from another file."""
    from drillcards.pack_sources import conflicting_source

    installed = set(library.pack_ids())
    for pack_id, source in sources.items():
        other = conflicting_source(recorded, pack_id, source) if pack_id in installed else None
        if other is not None:
            raise fail(
                f"{source}: would replace pack {pack_id!r}, imported from {other}; "
                "nothing was imported (use --replace to replace it, or --id to import as "
                "another pack)"
            )


def _change_summary(new: "BuiltPack", old_ids: set[str] | None) -> str:
    if old_ids is None:
        return "new pack"
    new_ids = set(new.question_ids)
    return (
        f"updated: {len(new_ids & old_ids)} kept, {len(new_ids - old_ids)} new, "
        f"{len(old_ids - new_ids)} removed"
    )


def _index(packs: list["BuiltPack"], library: "Library") -> None:
    """Index the installed packs in the catalog now, from what was validated and
    installed, so the first session after the import does not read them again.

    The packs are installed by then: if the database cannot be opened, the next command
    that needs it says so (and indexes the packs itself), so the import still succeeds.
    """
    from drillcards.catalog import Catalog
    from drillcards.errors import UserError
    from drillcards.home import database_path
    from drillcards.store import Store

    try:
        with Store.open(database_path(library.home)) as store:
            catalog = Catalog(store, library)
            catalog.index(packs)
            # Read-only commands never create the database, so this may be its first
            # write: index the other packs (the bundled ones) now as well.
            catalog.refresh(None)
    except UserError:
        return


@command("import")
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Files to import (a folder for YAML packs)."),
    ],
    file_format: Annotated[
        ImportFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="auto (detect it per file), yaml, page, markdown, csv or apkg.",
        ),
    ] = ImportFormat.auto,
    pack_id: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="ID", help="Install the (single) imported pack under this id."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Replace an installed pack of the same id imported from another file."
        ),
    ] = False,
) -> None:
    """Install packs from YAML, scraped pages, Markdown, CSV/TSV or Anki packages.

    All or nothing: if any input is invalid, nothing is installed.
    Re-importing a pack from the same file updates it; questions that keep their ids keep
    their history. A different file that gives an installed pack's id is refused unless
    --replace is given.
    """
    from drillcards.bulk import paused_gc
    from drillcards.home import data_home
    from drillcards.importers import rename
    from drillcards.library import Library
    from drillcards.pack_sources import read_sources, record_sources, source_identity

    progress = _LazyProgress(paths, interactive=sys.stderr.isatty())
    with paused_gc():
        try:
            imported = _parse_all(paths, file_format.value, progress)
            if pack_id is not None:
                imported = rename(imported, pack_id)
            home = data_home()
            library = Library(home)
            sources = {item.built.id: source_identity(item.source) for item in imported}
            if not replace:
                _refuse_replacing_other_sources(library, read_sources(home), sources)
            previous = {item.built.id: _question_ids(library, item.built.id) for item in imported}
            progress.installing()
            library.install_built([item.built for item in imported])
            record_sources(home, sources)
            _index([item.built for item in imported], library)
        finally:
            progress.stop()
    if as_json:
        print_json(
            [
                {
                    "id": item.built.id,
                    "title": item.built.title,
                    "questions": len(item.built.question_ids),
                    "warnings": item.warnings,
                }
                for item in imported
            ]
        )
        return
    for item in imported:
        for warning in item.warnings[:MAX_WARNINGS_SHOWN]:
            sys.stderr.write(f"warning: {warning}\n")
        hidden = len(item.warnings) - MAX_WARNINGS_SHOWN
        if hidden > 0:
            sys.stderr.write(f"warning: … and {hidden} more (see them all with --json)\n")
    for item in imported:
        pack = item.built
        warnings = f", {plural(len(item.warnings), 'warning')}" if item.warnings else ""
        questions = plural(len(pack.question_ids), "question")
        sys.stdout.write(
            f"imported {pack.id} ({pack.title}) from {item.source.name}: "
            f"{questions} ({_change_summary(pack, previous[pack.id])}){warnings}\n"
        )
