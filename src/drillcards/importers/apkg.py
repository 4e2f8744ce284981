"""Import Anki packages (.apkg): current ones (`collection.anki21b`, a zstd-compressed
SQLite database, schema 18) and older ones (`collection.anki21`, `collection.anki2`).

Packages are untrusted, so nothing is ever extracted by its member name: the one
collection member is read into a private temporary file, after checking its size and
compression ratio (zip bombs), with streaming limits on both the zip and the zstd layer.
Media files are counted and skipped.

Each card becomes a question, rendered from its note type's templates as Anki shows it
(a "Basic (and reversed card)" note gives two, a cloze note one per deletion number);
whether a note type is a cloze type comes from its kind, not from its field names.
"""

import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import zstandard

from drillcards.errors import UserError
from drillcards.importers.anki_templates import render_card
from drillcards.importers.building import ImportedPack, make_pack
from drillcards.importers.mojibake import repair_mojibake
from drillcards.importers.notes import (
    Note,
    card_to_question,
    count_media,
    deck_title,
    note_to_question,
)
from drillcards.importers.slugs import pack_id_from_guids, pack_id_from_name
from drillcards.importers.sources import check_size

Progress = Callable[[int, int], None]

MAX_PACKAGE_BYTES = 2 * 1024 * 1024 * 1024
"""The package file itself (media included, which is never read)."""
MAX_COLLECTION_BYTES = 512 * 1024 * 1024
"""The uncompressed collection database."""
MAX_RATIO = 100
"""Uncompressed size over compressed size; far above what a real collection reaches."""
_CHUNK = 1024 * 1024
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
"""Collection members, newest format first (new packages also hold a stub anki2)."""
_MEDIA_NAME = re.compile(r"^\d+$")


class _TooLarge(Exception):
    pass


def _copy_limited(source: IO[bytes], target: IO[bytes], limit: int) -> int:
    written = 0
    while True:
        chunk = source.read(_CHUNK)
        if not chunk:
            return written
        written += len(chunk)
        if written > limit:
            raise _TooLarge
        target.write(chunk)


def _check_members(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    infos = archive.infolist()
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name) or ":" in name:
            raise UserError(f"{path}: unsafe member name {name!r} in the package; refusing it")
    by_name = {info.filename: info for info in infos}
    for name in COLLECTIONS:
        if name in by_name:
            info = by_name[name]
            break
    else:
        raise UserError(f"{path}: not an Anki package (no collection.anki21b/anki21/anki2 inside)")
    if info.file_size > MAX_COLLECTION_BYTES:
        raise UserError(
            f"{path}: {info.filename} is too large ({info.file_size:,} bytes uncompressed; "
            f"the limit is {MAX_COLLECTION_BYTES:,})"
        )
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        raise UserError(f"{path}: {info.filename} is compressed suspiciously well (a zip bomb?)")
    return info


def _extract_collection(path: Path, target: IO[bytes]) -> tuple[str, int]:
    """Write the collection database to `target`; return its member name and the media count."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UserError(f"{path}: not an Anki package (not a zip archive)") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    with archive:
        info = _check_members(archive, path)
        media = sum(1 for name in archive.namelist() if _MEDIA_NAME.match(name))
        try:
            with archive.open(info) as member:
                if info.filename.endswith("anki21b"):
                    limit = MAX_COLLECTION_BYTES
                    reader = zstandard.ZstdDecompressor().stream_reader(member)
                    _copy_limited(reader, target, limit)
                else:
                    _copy_limited(member, target, MAX_COLLECTION_BYTES)
        except _TooLarge:
            raise UserError(
                f"{path}: {info.filename} unpacks to more than {MAX_COLLECTION_BYTES:,} bytes"
            ) from None
        except (zipfile.BadZipFile, zstandard.ZstdError, EOFError, OSError) as error:
            raise UserError(f"{path}: {info.filename} is damaged: {error}") from None
    target.flush()
    return info.filename, media


def _varint(data: bytes, position: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        if position >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position
        shift += 7


def _protobuf_fields(message: bytes) -> Iterator[tuple[int, int | bytes]]:
    """(field number, value) of each varint (int) and length-delimited (bytes) field of a
    protobuf message, in order; stops quietly at truncated or unknown data."""
    position = 0
    try:
        while position < len(message):
            tag, position = _varint(message, position)
            number, wire = tag >> 3, tag & 7
            if wire == 0:
                value, position = _varint(message, position)
                yield number, value
            elif wire == 1:
                position += 8
            elif wire == 2:
                length, position = _varint(message, position)
                if position + length > len(message):
                    return
                yield number, message[position : position + length]
                position += length
            elif wire == 5:
                position += 4
            else:
                return
    except ValueError:
        return


def notetype_kind(config: bytes) -> int:
    """The `kind` (field 1) of a schema-18 NotetypeConfig protobuf: 0 normal, 1 cloze."""
    for number, value in _protobuf_fields(config):
        if number == 1 and isinstance(value, int):
            return value
    return 0


def protobuf_strings(message: bytes) -> dict[int, str]:
    """The length-delimited fields of a protobuf message, decoded as UTF-8 (the first of
    each number). Schema-18 CardTemplateConfig keeps the front format in field 1 and the
    back format in field 2."""
    found: dict[int, str] = {}
    for number, value in _protobuf_fields(message):
        if isinstance(value, bytes):
            found.setdefault(number, value.decode("utf-8", "replace"))
    return found


@dataclass
class _Notetype:
    names: list[str]
    is_cloze: bool
    templates: dict[int, tuple[str, str]]
    """Card template ord -> (front format, back format)."""


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}


def _notetypes(db: sqlite3.Connection) -> dict[int, _Notetype]:
    """Notetype id -> its field names, whether it is a cloze type, and its templates."""
    if "notetypes" in _tables(db):
        kinds = {
            ntid: notetype_kind(bytes(config))
            for ntid, config in db.execute("select id, config from notetypes")
        }
        names: dict[int, list[str]] = {}
        for ntid, _ord, name in db.execute("select ntid, ord, name from fields order by ntid, ord"):
            names.setdefault(ntid, []).append(name)
        templates: dict[int, dict[int, tuple[str, str]]] = {}
        if "templates" in _tables(db):
            for ntid, ord_, config in db.execute("select ntid, ord, config from templates"):
                formats = protobuf_strings(bytes(config))
                templates.setdefault(ntid, {})[ord_] = (formats.get(1, ""), formats.get(2, ""))
        return {
            ntid: _Notetype(names.get(ntid, []), kind == 1, templates.get(ntid, {}))
            for ntid, kind in kinds.items()
        }
    models = json.loads(db.execute("select models from col").fetchone()[0] or "{}")
    result = {}
    for model_id, model in models.items():
        fields = sorted(model.get("flds", []), key=lambda item: item.get("ord", 0))
        result[int(model_id)] = _Notetype(
            [item.get("name", "") for item in fields],
            model.get("type") == 1,
            {
                int(template.get("ord", index)): (
                    str(template.get("qfmt", "")),
                    str(template.get("afmt", "")),
                )
                for index, template in enumerate(model.get("tmpls", []))
            },
        )
    return result


def _decks(db: sqlite3.Connection) -> dict[int, str]:
    if "decks" in _tables(db):
        return {
            did: name.replace("\x1f", "::")
            for did, name in db.execute("select id, name from decks")
        }
    decks = json.loads(db.execute("select decks from col").fetchone()[0] or "{}")
    return {int(did): deck.get("name", "") for did, deck in decks.items()}


def _common_deck(names: list[str]) -> str:
    paths = [name.split("::") for name in names if name]
    if not paths:
        return ""
    common = paths[0]
    for path in paths[1:]:
        size = 0
        while size < min(len(common), len(path)) and common[size] == path[size]:
            size += 1
        common = common[:size]
    return "::".join(common)


@dataclass
class _AnkiNote:
    note: Note
    notetype: _Notetype
    card_ords: list[int]
    deck: str


def _read_collection(db: sqlite3.Connection) -> tuple[list[_AnkiNote], str]:
    """The notes of a collection (any schema), with their cards, and the deck they share."""
    notetypes = _notetypes(db)
    decks = _decks(db)
    note_decks = dict(db.execute("select nid, min(did) from cards group by nid"))
    card_ords: dict[int, list[int]] = {}
    for nid, ord_ in db.execute("select nid, ord from cards order by nid, ord"):
        card_ords.setdefault(nid, []).append(ord_)
    rows = db.execute("select id, guid, mid, tags, flds from notes order by id").fetchall()
    deck_names = [decks.get(note_decks.get(row[0], -1), "") for row in rows]
    common = _common_deck(deck_names)
    notes = []
    for (nid, guid, mid, tags, flds), deck in zip(rows, deck_names, strict=True):
        notetype = notetypes.get(mid, _Notetype([], False, {}))
        names = notetype.names
        values = str(flds).split("\x1f")
        sub_deck = deck[len(common) :].lstrip(":") if deck.startswith(common) else deck
        note = Note(
            fields=values,
            names=[names[i] if i < len(names) else None for i in range(len(values))],
            tags=str(tags).split(),
            guid=str(guid),
            is_cloze=notetype.is_cloze,
            category=sub_deck.split("::")[-1] if sub_deck else None,
        )
        notes.append(_AnkiNote(note, notetype, sorted(set(card_ords.get(nid, []))), deck))
    return notes, common


def _card_questions(
    item: _AnkiNote, where: str, warnings: list[str]
) -> list[dict[str, Any]] | None:
    """One question per card of the note, rendered from its templates; None when the
    templates cannot be used (no templates or cards known): then the fields are read."""
    note, notetype = item.note, item.notetype
    if not notetype.templates or not item.card_ords:
        return None
    fields = {name: value for name, value in zip(note.names, note.fields, strict=False) if name}
    specials = {
        "Tags": " ".join(note.tags),
        "Deck": item.deck,
        "Subdeck": item.deck.split("::")[-1],
    }
    questions = []
    for ord_ in item.card_ords:
        formats = notetype.templates.get(0 if notetype.is_cloze else ord_)
        if formats is None:
            continue
        card = render_card(
            *formats,
            fields,
            cloze=ord_ + 1 if notetype.is_cloze else None,
            specials={**specials, "Card": f"Card {ord_ + 1}"},
        )
        suffix = "" if ord_ == 0 else (f"c{ord_ + 1}" if notetype.is_cloze else f"card{ord_ + 1}")
        card_where = where if len(item.card_ords) == 1 else f"{where} card {ord_ + 1}"
        question = card_to_question(card, note, suffix, where=card_where, warnings=warnings)
        if question is not None:
            questions.append(question)
    return questions


def _why_nothing(warnings: list[str], notes: int) -> str:
    """Why a package gave no question, in one line."""
    if not notes:
        return "the package holds no notes"
    media = sum("only an image or sound" in warning for warning in warnings)
    if media:
        return (
            f"{media} of {notes} notes show only images or sounds on the front, "
            "which drill cannot import"
        )
    return f"none of its {notes} notes has a question on the front"


def import_apkg(path: Path, progress: Progress | None = None) -> ImportedPack:
    """Import an Anki package; pack id and title from its deck, question ids from GUIDs."""
    check_size(path, MAX_PACKAGE_BYTES)
    with tempfile.TemporaryDirectory(prefix="drill-apkg-") as folder:
        database = Path(folder) / "collection.db"
        with database.open("wb") as target:
            member, media = _extract_collection(path, target)
        try:
            with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
                notes, deck = _read_collection(db)
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, AttributeError) as error:
            raise UserError(
                f"{path}: {member} is not a readable Anki collection ({error})"
            ) from None
    warnings: list[str] = []
    questions: list[dict[str, Any]] = []
    referenced = 0
    for number, item in enumerate(notes, start=1):
        note = item.note
        note.fields = [repair_mojibake(value) for value in note.fields]
        referenced += count_media(note.fields)
        where = f"{path.name}: note {number}"
        cards = _card_questions(item, where, warnings)
        if cards is None:
            question = note_to_question(note, html=True, where=where, warnings=warnings)
            cards = [question] if question is not None else []
        questions.extend(cards)
        if progress is not None and (number % 500 == 0 or number == len(notes)):
            progress(number, len(notes))
    if media or referenced:
        warnings.append(
            f"{path.name}: media skipped ({media} files in the package, "
            f"{referenced} references in notes)"
        )
    if not questions:
        raise UserError(f"{path}: no questions: {_why_nothing(warnings, len(notes))}")
    title = deck_title(deck) if deck and deck != "Default" else ""
    pack = make_pack(
        source=path,
        pack_id=pack_id_from_guids(item.note.guid for item in notes)
        or pack_id_from_name(deck.replace("::", "-") if title else path.stem),
        title=title or path.stem.replace("-", " ").replace("_", " ").title(),
        questions=questions,
    )
    return ImportedPack(pack, path, warnings)
