"""Import Anki packages (.apkg): current ones (`collection.anki21b`, a zstd-compressed
SQLite database, schema 18) and older ones (`collection.anki21`, `collection.anki2`).

Packages are untrusted, so nothing is ever extracted by its member name: the one
collection member is read into a private temporary file, after checking its size and
compression ratio (zip bombs), with streaming limits on both the zip and the zstd layer.
Media files are counted and skipped.
"""

import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import IO, Any

import zstandard

from drillcards.errors import UserError
from drillcards.importers.building import ImportedPack, make_pack
from drillcards.importers.mojibake import repair_mojibake
from drillcards.importers.notes import Note, count_media, deck_title, note_to_question
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


def notetype_kind(config: bytes) -> int:
    """The `kind` (field 1) of a schema-18 NotetypeConfig protobuf: 0 normal, 1 cloze."""
    position = 0
    try:
        while position < len(config):
            tag, position = _varint(config, position)
            number, wire = tag >> 3, tag & 7
            if wire == 0:
                value, position = _varint(config, position)
                if number == 1:
                    return value
            elif wire == 1:
                position += 8
            elif wire == 2:
                length, position = _varint(config, position)
                position += length
            elif wire == 5:
                position += 4
            else:
                return 0
    except ValueError:
        return 0
    return 0


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}


def _notetypes(db: sqlite3.Connection) -> dict[int, tuple[list[str], bool]]:
    """Notetype id -> (field names, is cloze)."""
    if "notetypes" in _tables(db):
        kinds = {
            ntid: notetype_kind(bytes(config))
            for ntid, config in db.execute("select id, config from notetypes")
        }
        names: dict[int, list[str]] = {}
        for ntid, _ord, name in db.execute("select ntid, ord, name from fields order by ntid, ord"):
            names.setdefault(ntid, []).append(name)
        return {ntid: (names.get(ntid, []), kind == 1) for ntid, kind in kinds.items()}
    models = json.loads(db.execute("select models from col").fetchone()[0] or "{}")
    result = {}
    for model_id, model in models.items():
        fields = sorted(model.get("flds", []), key=lambda item: item.get("ord", 0))
        result[int(model_id)] = ([item.get("name", "") for item in fields], model.get("type") == 1)
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


def _read_collection(db: sqlite3.Connection) -> tuple[list[Note], str]:
    """The notes of a collection (any schema) and the deck they share."""
    notetypes = _notetypes(db)
    decks = _decks(db)
    note_decks = dict(db.execute("select nid, min(did) from cards group by nid"))
    rows = db.execute("select id, guid, mid, tags, flds from notes order by id").fetchall()
    deck_names = [decks.get(note_decks.get(row[0], -1), "") for row in rows]
    common = _common_deck(deck_names)
    notes = []
    for (_nid, guid, mid, tags, flds), deck in zip(rows, deck_names, strict=True):
        names, cloze = notetypes.get(mid, ([], False))
        values = str(flds).split("\x1f")
        sub_deck = deck[len(common) :].lstrip(":") if deck.startswith(common) else deck
        notes.append(
            Note(
                fields=values,
                names=[names[i] if i < len(names) else None for i in range(len(values))],
                tags=str(tags).split(),
                guid=str(guid),
                is_cloze=cloze,
                category=sub_deck.split("::")[-1] if sub_deck else None,
            )
        )
    return notes, common


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
    for number, note in enumerate(notes, start=1):
        note.fields = [repair_mojibake(value) for value in note.fields]
        referenced += count_media(note.fields)
        question = note_to_question(
            note, html=True, where=f"{path.name}: note {number}", warnings=warnings
        )
        if question is not None:
            questions.append(question)
        if progress is not None and (number % 500 == 0 or number == len(notes)):
            progress(number, len(notes))
    if media or referenced:
        warnings.append(
            f"{path.name}: media skipped ({media} files in the package, "
            f"{referenced} references in notes)"
        )
    title = deck_title(deck) if deck and deck != "Default" else ""
    pack = make_pack(
        source=path,
        pack_id=pack_id_from_guids(note.guid for note in notes)
        or pack_id_from_name(deck.replace("::", "-") if title else path.stem),
        title=title or path.stem.replace("-", " ").replace("_", " ").title(),
        questions=questions,
    )
    return ImportedPack(pack, path, warnings)
