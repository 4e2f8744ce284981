"""Importers: foreign files (YAML packs, scraped pages, Markdown, CSV/TSV, Anki packages)
turned into validated packs.

`import_file` detects the format (by extension, then by content) and dispatches to the
importer of that format; `import_files` parses every input before anything is installed,
so that one bad input stops the whole import.
"""

import re
from collections.abc import Callable
from pathlib import Path

from drillcards.errors import UserError
from drillcards.importers.building import ImportedPack
from drillcards.importers.sections import section_of
from drillcards.models import SLUG_PATTERN

Progress = Callable[[int, int], None]
"""Called with (done, total) as a large input is read."""

FORMATS = ("yaml", "page", "markdown", "csv", "apkg")
"""The formats `drill import --format` accepts besides "auto"."""

_BY_SUFFIX = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".apkg": "apkg",
    ".colpkg": "apkg",
    ".csv": "csv",
    ".tsv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "page",
    ".htm": "page",
}
_ANKI_HEADER = re.compile(
    r"^#(separator|html|tags|columns|notetype|deck|guid column|tags column|notetype column|"
    r"deck column|if matches|match scope):",
    re.IGNORECASE,
)
_MARKDOWN_HEADING = re.compile(r"^ {0,3}(?:\d+[.)]\s+)?#{1,6}\s+\S", re.MULTILINE)
_ZIP_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 65536


def detect_format(path: Path) -> str:
    """The format of `path`: by its extension, else by its content."""
    if path.is_dir():
        return "yaml"
    by_suffix = _BY_SUFFIX.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    if head.startswith(_ZIP_MAGIC):
        return "apkg"
    if b"\x00" in head:
        raise UserError(f"{path}: binary data, not a file drill can import")
    text = head.decode("utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and _ANKI_HEADER.match(lines[0]):
        return "csv"
    if any(section_of(line) is not None for line in lines):
        return "page"
    if _MARKDOWN_HEADING.search(text):
        return "markdown"
    if lines and sum("\t" in line for line in lines) >= max(len(lines) // 2, 1):
        return "csv"
    raise UserError(f"{path}: cannot tell the format; name it with --format ({', '.join(FORMATS)})")


def import_file(
    path: Path, file_format: str = "auto", progress: Progress | None = None
) -> list[ImportedPack]:
    """Import one input (a folder only for YAML packs); raise UserError if it is invalid."""
    chosen = detect_format(path) if file_format == "auto" else file_format
    if chosen == "yaml":
        from drillcards.importers.yaml_pack import import_yaml

        return import_yaml(path)
    if path.is_dir():
        raise UserError(f"{path}: is a folder; only YAML packs can be imported by folder")
    if chosen == "page":
        from drillcards.importers.page import import_page

        return [import_page(path)]
    if chosen == "markdown":
        from drillcards.importers.markdown import import_markdown

        return [import_markdown(path)]
    if chosen == "csv":
        from drillcards.importers.csv_text import import_csv

        return [import_csv(path, progress)]
    if chosen == "apkg":
        from drillcards.importers.apkg import import_apkg

        return [import_apkg(path, progress)]
    raise UserError(
        f"unknown import format {file_format!r} (choose from auto, {', '.join(FORMATS)})"
    )


def rename(imported: list[ImportedPack], pack_id: str) -> list[ImportedPack]:
    """Give the one imported pack another id (`drill import --id`)."""
    if not re.match(SLUG_PATTERN, pack_id):
        raise UserError(
            f"--id {pack_id!r}: must be a slug: lower-case letters, digits and '-', e.g. 'my-pack'"
        )
    if len(imported) != 1:
        raise UserError(
            f"--id needs exactly one pack to import, but the inputs hold {len(imported)}"
        )
    only = imported[0]
    return [ImportedPack(only.built.renamed(pack_id), only.source, only.warnings)]
