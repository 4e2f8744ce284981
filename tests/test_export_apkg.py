"""Anki package export: Anki itself imports it, and so does drillcards."""

import os
import pty
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.exporters import export_pack
from drillcards.importers.apkg import import_apkg
from drillcards.library import bundled_packs_dir
from drillcards.packs import load_pack

runner = CliRunner()


@pytest.fixture(scope="module")
def bundled():
    return load_pack(bundled_packs_dir() / "senior-fullstack.yaml")


@pytest.fixture
def package(bundled, tmp_path) -> Path:
    path = tmp_path / "senior-fullstack.apkg"
    path.write_bytes(export_pack(bundled, "apkg"))
    return path


def test_package_layout(package):
    with zipfile.ZipFile(package) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert archive.read("media") == b"{}"


def test_export_is_deterministic(bundled):
    assert export_pack(bundled, "apkg") == export_pack(bundled, "apkg")


def test_anki_imports_the_package(package, tmp_path):
    collection_module = pytest.importorskip("anki.collection")
    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        request = collection_module.ImportAnkiPackageRequest(
            package_path=str(package),
            options=collection_module.ImportAnkiPackageOptions(),
        )
        log = collection.import_anki_package(request).log
        assert len(log.new) == 15
        assert collection.decks.by_name("Senior Fullstack Developer Interview") is not None
        note = collection.get_note(collection.find_notes("monolith")[0])
        assert note.guid == "senior-fullstack/monolith-to-microservices"
        assert note.note_type()["name"] == "drillcards Basic"
        assert note["Front"].startswith("How would you migrate a large monolith")
        assert "<b>Key Terminology</b>" in note["Back"]
        assert set(note.tags) == {"microservices", "migration", "distributed-systems"}
        card = collection.get_card(collection.find_cards("monolith")[0])
        assert "How would you migrate" in card.question()
        again = collection.import_anki_package(request).log
        assert len(again.new) == 0  # same GUIDs: no duplicates
        assert collection.note_count() == 15
    finally:
        collection.close()


def test_drillcards_reads_its_own_package(bundled, package):
    back = import_apkg(package).pack
    assert back.id == "senior-fullstack"  # from the GUIDs: an export comes back as itself
    assert back.title == bundled.title
    assert [q.id for q in back.questions] == [q.id for q in bundled.questions]
    assert [q.framework for q in back.questions] == [q.framework for q in bundled.questions]
    assert [[t.text for t in q.key_terms] for q in back.questions] == [
        [t.text for t in q.key_terms] for q in bundled.questions
    ]


def test_cli_export_apkg(drill_home, tmp_path):
    output = tmp_path / "deck.apkg"
    result = runner.invoke(app, ["export", "senior-fullstack", "-f", "apkg", "-o", str(output)])
    assert result.exit_code == 0
    assert zipfile.is_zipfile(output)


def test_export_apkg_to_redirected_stdout(tmp_path):
    """`drill export ID --format apkg > deck.apkg` works: stdout is a file, not a terminal."""
    output = tmp_path / "deck.apkg"
    with output.open("wb") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "drillcards", "export", "senior-fullstack", "-f", "apkg"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(output)
    assert len(import_apkg(output).pack.questions) == 15


def test_export_apkg_refuses_a_terminal_stdout():
    """Binary on a terminal would garble it: one line saying what to do instead."""
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "drillcards", "export", "senior-fullstack", "-f", "apkg"],
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 1
    assert result.stderr == (
        "drill: apkg is a binary format: name a file with -o, or redirect stdout (> deck.apkg)\n"
    )
