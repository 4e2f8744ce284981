"""The Anki package importer: packages written by the real Anki, and hostile ones."""

import importlib.util
import io
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
import zstandard

from drillcards.errors import UserError
from drillcards.importers import apkg
from drillcards.importers.apkg import import_apkg, notetype_kind

DATA = Path(__file__).parent / "data" / "import"


def _samples():
    spec = importlib.util.spec_from_file_location(
        "make_anki_samples", DATA / "make_anki_samples.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def anki_made(tmp_path_factory):
    """Packages exported at run time by the real Anki library (skipped without it)."""
    pytest.importorskip("anki.collection")
    samples = _samples()
    folder = tmp_path_factory.mktemp("anki")
    collection, deck_id = samples.build_collection(folder)
    try:
        samples.export_package(collection, deck_id, folder / "current.apkg", legacy=False)
        samples.export_package(collection, deck_id, folder / "legacy.apkg", legacy=True)
        cap = collection.get_note(collection.find_notes('"deck:Interview Prep::Backend" CAP')[0])
        cap["Front"] = "State the CAP theorem."
        collection.update_note(cap)
        samples.export_package(collection, deck_id, folder / "edited.apkg", legacy=False)
    finally:
        collection.close()
    return folder


def _check_sample_deck(imported):
    """One question per card, as Anki shows it: the Basic note gives one, the
    "Basic (and reversed card)" note two, the cloze note one per deletion number."""
    pack = imported.pack
    assert pack.id == "interview-prep-backend"
    assert pack.title == "Interview Prep / Backend"
    cap, caches, caches_reversed, kafka1, kafka2, kafka3 = pack.questions
    assert cap.prompt == "What does the CAP theorem say?"
    assert cap.framework == (
        "A distributed store can guarantee at most two of consistency, availability and "
        "partition tolerance.\nDuring a partition, choose C or A — not both."
    )
    assert cap.tags == ["distributed-systems", "theory"]
    listed = ["• TTL expiry", "• Write-through", "• Event-driven (pub/sub) invalidation"]
    assert caches.framework.splitlines() == listed
    assert caches_reversed.prompt.splitlines() == listed
    assert caches_reversed.framework == caches.prompt == "Name three cache invalidation strategies"
    assert caches_reversed.id == f"{caches.id}-card2"
    filled = "Kafka stores events in an append-only log split into partitions."
    assert kafka1.prompt == "[...] stores events in an append-only log split into partitions."
    assert kafka2.prompt == (
        "Kafka stores events in an append-only [data structure] split into partitions."
    )
    assert kafka3.prompt == "Kafka stores events in an append-only log split into [...]."
    for card in (kafka1, kafka2, kafka3):
        assert card.framework == f"{filled}\nOrdering is guaranteed only within a partition."
    assert [[t.term for t in card.key_terms] for card in (kafka1, kafka2, kafka3)] == [
        ["Kafka"],
        ["log"],
        ["partitions"],
    ]
    assert [kafka2.id, kafka3.id] == [f"{kafka1.id}-c2", f"{kafka1.id}-c3"]
    assert all(q.id.startswith("anki-") for q in pack.questions)
    assert any("media skipped" in w for w in imported.warnings)


@pytest.mark.parametrize("name", ["anki-interview-deck.apkg", "anki-interview-deck-legacy.apkg"])
def test_committed_anki_samples(name):
    _check_sample_deck(import_apkg(DATA / name))


def test_current_package_written_by_anki_at_run_time(anki_made):
    imported = import_apkg(anki_made / "current.apkg")
    with zipfile.ZipFile(anki_made / "current.apkg") as archive:
        assert "collection.anki21b" in archive.namelist()
    _check_sample_deck(imported)
    assert "1 files in the package" in imported.warnings[0]


def test_legacy_package_written_by_anki_at_run_time(anki_made):
    _check_sample_deck(import_apkg(anki_made / "legacy.apkg"))


def test_anki2_only_package(anki_made, tmp_path):
    """Anki 2.0 packages hold the collection as collection.anki2 alone."""
    with zipfile.ZipFile(anki_made / "legacy.apkg") as archive:
        database = archive.read("collection.anki21")
    old = tmp_path / "old.apkg"
    with zipfile.ZipFile(old, "w") as archive:
        archive.writestr("collection.anki2", database)
        archive.writestr("media", "{}")
    _check_sample_deck(import_apkg(old))


def test_edited_note_keeps_its_id(anki_made):
    before = import_apkg(anki_made / "current.apkg").pack
    after = import_apkg(anki_made / "edited.apkg").pack
    assert after.questions[0].prompt == "State the CAP theorem."
    assert [q.id for q in after.questions] == [q.id for q in before.questions]


def test_notetype_kind_reads_the_protobuf_field():
    assert notetype_kind(b"\x08\x01\x1a\x02ab") == 1
    assert notetype_kind(b"\x1a\x02ab*\x00") == 0
    assert notetype_kind(b"\xff\xff") == 0  # truncated garbage


def _zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_bomb_is_refused_before_extraction(tmp_path):
    bomb = _zip(tmp_path / "bomb.apkg", {"collection.anki2": bytes(20 * 1024 * 1024)})
    with pytest.raises(UserError, match="zip bomb"):
        import_apkg(bomb)


def test_oversized_collection_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(apkg, "MAX_COLLECTION_BYTES", 1000)
    big = _zip(tmp_path / "big.apkg", {"collection.anki2": os.urandom(5000)}, zipfile.ZIP_STORED)
    with pytest.raises(UserError, match="too large"):
        import_apkg(big)


def test_zstd_bomb_is_stopped_while_streaming(tmp_path, monkeypatch):
    monkeypatch.setattr(apkg, "MAX_COLLECTION_BYTES", 1024 * 1024)
    compressor = zstandard.ZstdCompressor()
    stream = io.BytesIO()
    with compressor.stream_writer(stream, closefd=False) as writer:
        for _ in range(64):
            writer.write(bytes(1024 * 1024))
    bomb = _zip(
        tmp_path / "zbomb.apkg", {"collection.anki21b": stream.getvalue()}, zipfile.ZIP_STORED
    )
    with pytest.raises(UserError, match="unpacks to more than"):
        import_apkg(bomb)


@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/evil", "media/../../x", "C:evil"])
def test_path_traversal_member_names_are_refused(tmp_path, name):
    package = _zip(tmp_path / "trav.apkg", {"collection.anki2": b"x", name: b"owned"})
    with pytest.raises(UserError, match="unsafe member name"):
        import_apkg(package)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_binary_garbage_and_wrong_contents(tmp_path):
    garbage = tmp_path / "garbage.apkg"
    garbage.write_bytes(os.urandom(4096))
    with pytest.raises(UserError, match="not a zip archive"):
        import_apkg(garbage)
    no_collection = _zip(tmp_path / "empty.apkg", {"media": b"{}"})
    with pytest.raises(UserError, match="no collection"):
        import_apkg(no_collection)
    not_sqlite = _zip(tmp_path / "text.apkg", {"collection.anki2": b"hello " * 100})
    with pytest.raises(UserError, match="not a readable Anki collection"):
        import_apkg(not_sqlite)
    broken_zstd = _zip(tmp_path / "z.apkg", {"collection.anki21b": b"\x28\xb5\x2f\xfd" + b"x" * 50})
    with pytest.raises(UserError, match="damaged"):
        import_apkg(broken_zstd)


def test_sqlite_without_anki_tables(tmp_path):
    database = tmp_path / "other.db"
    with sqlite3.connect(database) as db:
        db.execute("create table people (name text)")
    package = _zip(tmp_path / "other.apkg", {"collection.anki2": database.read_bytes()})
    with pytest.raises(UserError, match="not a readable Anki collection"):
        import_apkg(package)


def test_legacy_collection_with_malformed_notetypes(tmp_path):
    database = tmp_path / "bad.db"
    with sqlite3.connect(database) as db:
        db.execute("create table col (models text, decks text)")
        db.execute("insert into col values ('[1, 2]', '{}')")
        db.execute("create table notes (id, guid, mid, tags, flds)")
        db.execute("create table cards (nid, did)")
        db.execute("insert into notes values (1, 'g', 5, '', 'front\x1fback')")
    package = _zip(tmp_path / "bad.apkg", {"collection.anki2": database.read_bytes()})
    with pytest.raises(UserError, match="not a readable Anki collection"):
        import_apkg(package)
