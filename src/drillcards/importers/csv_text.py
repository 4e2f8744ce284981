"""Import CSV/TSV: Anki's text format, and plain tables with a header row.

Anki's text format starts with header lines such as `#separator:Tab`, `#html:true`,
`#columns:Front<tab>Back<tab>Tags`, `#notetype:Basic`, `#deck:Interview`, `#tags column:3`,
`#notetype column:2`, `#deck column:3`, `#guid column:1` (1-based). A plain table has a
header row naming its columns: `prompt` (or question/front), `answer` (or back),
optional `key_terms` (separated by ';'), `tags`, `category` (or topic/subject/section),
`id`. A first row is taken as a header when it names columns, also with other names
("Question, Source", "Term, Definition"): its cells are short labels, unlike the rows
under it. Without either, the first column is the prompt and the others the answer, as
Anki reads a Basic note. A warning says which column became the prompt.
"""

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from drillcards.errors import UserError
from drillcards.importers.building import (
    ImportedPack,
    PackBuilder,
    ValidatedQuestion,
    validated_question,
)
from drillcards.importers.forked import map_batches
from drillcards.importers.mojibake import repair_mojibake
from drillcards.importers.notes import (
    Note,
    count_media,
    deck_title,
    prompt_role,
    stock_card_questions,
)
from drillcards.importers.slugs import pack_id_from_guids, pack_id_from_name
from drillcards.importers.sources import read_text

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Progress = Callable[[int, int], None]

_SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "space": " ",
    "pipe": "|",
    "colon": ":",
}
_HEADER = re.compile(r"#([a-z][a-z ]*):(.*)$", re.IGNORECASE)  # matched from a line's start
_LOOKS_LIKE_HTML = re.compile(r"<(?:br|div|p|b|i|u|ul|ol|li|span|img|strong|em)\b|&[a-z]+;|&#\d+;")
_SPECIAL_COLUMNS = {
    "tags": "tags",
    "tag": "tags",
    "guid": "guid",
    "id": "guid",
    "notetype": "notetype",
    "note type": "notetype",
    "deck": "deck",
    "category": "category",
    "topic": "category",
    "subject": "category",
    "section": "category",
}
_HEADER_NAMES = frozenset(
    {
        "prompt",
        "question",
        "front",
        "q",
        "answer",
        "back",
        "a",
        "framework",
        "key_terms",
        "key terms",
        "keywords",
        "tags",
        "category",
        "id",
        "guid",
        "text",
        "back extra",
        "questions",
        "answers",
        "term",
        "definition",
        "topic",
        "subject",
        "section",
        "source",
        "explanation",
        "solution",
        "notes",
        "difficulty",
        "hint",
        "example",
    }
)
_MAX_HEADER_CELL = 40
_HEADER_SAMPLE_ROWS = 50
_BATCH_ROWS = 1000
FORK_ROWS = 20_000
"""Files of this many lines or more are converted by two processes (see `forked`)."""
MAX_FIELD_CHARS = 1_000_000


def _separator(value: str, path: Path) -> str:
    key = value.strip()
    if key.lower() in _SEPARATORS:
        return _SEPARATORS[key.lower()]
    if len(key) == 1:
        return key
    if value == " ":
        return " "
    raise UserError(f"{path}: #separator:{value}: unknown separator")


def _column(value: str, path: Path, header: str) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise UserError(f"{path}: #{header}:{value}: must be a column number") from None
    if number < 1:
        raise UserError(f"{path}: #{header}:{value}: column numbers start at 1")
    return number - 1


def _read_headers(text: str) -> tuple[dict[str, str], int]:
    """Anki's `#key:value` header lines: {key: value} and the offset of the first data line."""
    headers: dict[str, str] = {}
    offset = 0
    while text.startswith("#", offset):
        end = text.find("\n", offset)
        end = len(text) if end == -1 else end
        match = _HEADER.match(text, offset, end)
        if match:
            headers[match.group(1).strip().lower()] = match.group(2)
        offset = end + 1
    return headers, offset


def _sniff(sample: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters="\t;,|").delimiter
    except csv.Error:
        return "\t" if "\t" in sample else ","


def parse_csv_text(text: str, path: Path, progress: Progress | None = None) -> ImportedPack:
    """Parse Anki text-format or plain CSV/TSV into a pack (id from the file name)."""
    text = repair_mojibake(text)
    headers, start = _read_headers(text)
    delimiter = (
        _separator(headers["separator"], path)
        if "separator" in headers
        else _sniff(text[start : start + 65536], path)
    )
    csv.field_size_limit(MAX_FIELD_CHARS)  # the default (128 KiB) is short for long answers
    try:
        return _parse_rows(text, start, headers, delimiter, path, progress)
    except csv.Error as error:
        raise UserError(f"{path}: not valid CSV: {error}") from None


def _lines(text: str, start: int) -> Iterator[str]:
    """The lines of `text` from offset `start`, each with its line break, as a file gives
    them (without copying the text, or holding it four bytes a character in a StringIO)."""
    end = len(text)
    while start < end:
        stop = text.find("\n", start)
        stop = end if stop == -1 else stop + 1
        yield text[start:stop]
        start = stop


def _rows(text: str, start: int, delimiter: str) -> Iterator[list[str]]:
    """The rows of the CSV body from offset `start` that hold something, read one by one
    (a large file's rows are never all in memory at once)."""
    return (row for row in csv.reader(_lines(text, start), delimiter=delimiter) if any(row))


def _parse_rows(
    text: str,
    start: int,
    headers: dict[str, str],
    delimiter: str,
    path: Path,
    progress: Progress | None,
) -> ImportedPack:
    """The pack of the CSV body from offset `start` (csv.Error when it is not valid CSV)."""
    rows = _rows(text, start, delimiter)
    head = list(islice(rows, 1 + _HEADER_SAMPLE_ROWS))
    names: list[str | None] = []
    header_row = 0
    if "columns" in headers:
        names = [
            name.strip() for name in next(csv.reader([headers["columns"]], delimiter=delimiter))
        ]
    elif head and not headers and _is_header_row(head[0], head[1:]):
        names = [cell.strip() for cell in head.pop(0)]
        header_row = 1
    roles: dict[str, int] = {}
    for index, name in enumerate(names):
        role = _SPECIAL_COLUMNS.get((name or "").strip().lower())
        if role and role not in roles:
            roles[role] = index
    for role in ("tags", "guid", "notetype", "deck"):
        key = f"{role} column"
        if key in headers:
            roles[role] = _column(headers[key], path, key)
    html_header = headers.get("html", "").strip().lower()
    html = html_header == "true" if html_header else None
    rows = chain(head, rows)
    decks: set[str] = set()
    if "deck" in roles:  # a first pass over the rows: the notes depend on how many there are
        column = roles["deck"]
        decks = {row[column].strip() for row in rows if column < len(row)}
        rows = islice(_rows(text, start, delimiter), header_row, None)
    reader = _NoteReader(
        names, roles, headers.get("tags", "").split(), multiple_decks=len(decks) > 1
    )
    warnings: list[str] = []
    if names and "columns" not in headers:
        warnings.append(f"{path.name}: {_layout_summary(names, roles)}")
    builder = PackBuilder(path)
    media = 0
    lines = text.count("\n", start) + 1  # as many rows at most: the progress bar's end
    number = 0
    guids: list[str | None] = []
    batches = _batches(enumerate(rows, start=1))
    convert = _RowConverter(reader, html, path.name)
    for converted in map_batches(convert, batches, fork=lines >= FORK_ROWS):
        number = converted.last_row
        guids.extend(converted.guids)
        warnings.extend(converted.warnings)
        media += converted.media
        for question in converted.questions:
            builder.add_validated(question)
        if converted.error is not None:
            raise builder.invalid(0, converted.error)
        if progress is not None and number % _BATCH_ROWS == 0:
            progress(number, max(lines, number))
    if progress is not None and number % _BATCH_ROWS:
        progress(number, number)
    if media:
        warnings.append(
            f"{path.name}: {media} images or sounds were left out (media is not imported)"
        )
    title = headers.get("deck", "").strip() or (decks.pop() if len(decks) == 1 else "")
    pack = builder.build(
        pack_id=(pack_id_from_guids(guids) if "guid" in roles else None)
        or pack_id_from_name(path.stem),
        title=deck_title(title) or path.stem.replace("-", " ").replace("_", " ").title(),
    )
    return ImportedPack(pack, path, warnings)


def _batches(rows: Iterable[tuple[int, list[str]]]) -> Iterator[list[tuple[int, list[str]]]]:
    """The numbered rows, _BATCH_ROWS at a time."""
    iterator = iter(rows)
    while batch := list(islice(iterator, _BATCH_ROWS)):
        yield batch


@dataclass
class _Converted:
    """What a batch of rows gave."""

    last_row: int
    guids: list[str | None]
    questions: list[ValidatedQuestion]
    warnings: list[str]
    media: int
    error: "ErrorDetails | None"
    """The first problem of the question after `questions`, which is invalid."""


@dataclass
class _RowConverter:
    """Turns batches of numbered rows into validated questions."""

    reader: "_NoteReader"
    html: bool | None
    file_name: str

    def __call__(self, batch: list[tuple[int, list[str]]]) -> _Converted:
        """The questions of a batch, up to its first invalid one."""
        converted = _Converted(batch[-1][0], [], [], [], 0, None)
        for number, row in batch:
            note = self.reader.note(row)
            converted.guids.append(note.guid)
            row_html = (
                self.html
                if self.html is not None
                else any(_LOOKS_LIKE_HTML.search(value) for value in note.fields)
            )
            if row_html:
                converted.media += count_media(note.fields)
            where = f"{self.file_name}: row {number}"
            for question in stock_card_questions(
                note, html=row_html, where=where, warnings=converted.warnings
            ):
                try:
                    converted.questions.append(validated_question(question))
                except ValidationError as error:
                    converted.error = error.errors()[0]
                    return converted
        return converted


def _is_header_row(row: list[str], below: list[list[str]]) -> bool:
    """Whether the first row names the columns: distinct short labels, none a sentence
    or a link, and either a name drillcards knows or much shorter than the rows below."""
    cells = [cell.strip() for cell in row]
    lowered = [cell.lower() for cell in cells]
    if not cells or not all(cells) or len(set(lowered)) < len(cells):
        return False
    if any(
        len(cell) > _MAX_HEADER_CELL
        or len(cell.split()) > 4
        or cell.endswith(("?", ".", "!"))
        or "://" in cell
        or "<" in cell
        for cell in cells
    ):
        return False
    if set(lowered) & _HEADER_NAMES:
        return True
    longer = 0
    for column, cell in enumerate(cells):
        values = [other[column] for other in below if column < len(other) and other[column]]
        if values and sum(map(len, values)) / len(values) >= 2 * len(cell):
            longer += 1
    return longer * 2 >= len(cells)


def _layout_summary(names: list[str | None], roles: dict[str, int]) -> str:
    """Which header column became the prompt (and which the answer)."""
    special = set(roles.values())
    fields = [(index, name) for index, name in enumerate(names) if index not in special]
    if not fields:
        return "no column left for the prompt"
    prompt_index, prompt_name = next(
        ((index, name) for index, name in fields if prompt_role(name) == "prompt"), fields[0]
    )
    others = [f"'{name}'" for index, name in fields if index != prompt_index]
    rest = f"; {', '.join(others)} went into the answer" if others else "; no answer column"
    return f"header row read: column '{prompt_name}' became the prompt{rest}"


class _NoteReader:
    """Rows as notes: the columns of the tags, GUID, note type, deck and category are read
    as such, the others are the note's fields (named where the header names them)."""

    _ROLES = ("tags", "guid", "notetype", "deck", "category")

    def __init__(
        self,
        names: list[str | None],
        roles: dict[str, int],
        global_tags: list[str],
        *,
        multiple_decks: bool,
    ) -> None:
        self.names = names
        self.role_columns = [roles.get(role) for role in self._ROLES]
        self.special = set(roles.values())
        self.global_tags = global_tags
        self.multiple_decks = multiple_decks
        self.layouts: dict[int, tuple[list[int], tuple[str | None, ...]]] = {}

    def _layout(self, width: int) -> tuple[list[int], tuple[str | None, ...]]:
        """(indexes of the field columns, their names or () when none is named) of a row
        `width` cells wide."""
        layout = self.layouts.get(width)
        if layout is None:
            indexes = [index for index in range(width) if index not in self.special]
            names = tuple(
                self.names[index] if index < len(self.names) else None for index in indexes
            )
            layout = self.layouts[width] = (indexes, names if any(names) else ())
        return layout

    def note(self, row: list[str]) -> Note:
        """The note of one row."""
        width = len(row)
        indexes, names = self._layout(width)
        tags_text, guid, notetype, deck, category = [
            row[index].strip() if index is not None and index < width else ""
            for index in self.role_columns
        ]
        if ";" in tags_text or "," in tags_text:
            separator = ";" if ";" in tags_text else ","
            tags = [tag.strip() for tag in tags_text.split(separator) if tag.strip()]
        else:
            tags = tags_text.split()
        if not category and self.multiple_decks and deck:
            category = deck.split("::")[-1]
        return Note(
            fields=[row[index] for index in indexes] if self.special else row,
            names=names,
            tags=[*self.global_tags, *tags] if self.global_tags else tags,
            guid=guid or None,
            is_cloze="cloze" in notetype.lower(),
            category=category or None,
            notetype=notetype,
        )


def import_csv(path: Path, progress: Progress | None = None) -> ImportedPack:
    """Import a CSV/TSV file (Anki's text format or a plain table)."""
    return parse_csv_text(read_text(path), path, progress)
