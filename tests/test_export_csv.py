"""CSV export in Anki's text format: what Anki needs, and what comes back in."""

import csv
import io

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.exporters import export_pack
from drillcards.importers.csv_text import parse_csv_text
from drillcards.library import bundled_packs_dir
from drillcards.packs import load_pack

runner = CliRunner()


@pytest.fixture(scope="module")
def bundled():
    return load_pack(bundled_packs_dir() / "senior-fullstack.yaml")


def test_header_and_rows(bundled):
    text = export_pack(bundled, "csv")
    lines = text.splitlines()
    assert lines[:7] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:Senior Fullstack Developer Interview",
        "#guid column:1",
        "#tags column:4",
        "#columns:GUID\tFront\tBack\tTags",
    ]
    rows = list(csv.reader(io.StringIO("\n".join(lines[7:])), delimiter="\t"))
    assert len(rows) == 15
    guid, front, back, tags = rows[0]
    assert guid == "senior-fullstack/monolith-to-microservices"
    assert (
        front
        == "How would you migrate a large monolith to microservices without a big-bang rewrite?"
    )
    assert "<b>Key Terminology</b>" in back and "<li>Strangler Fig Pattern</li>" in back
    assert "&#x27;strangled&#x27;" in back  # escaped
    assert tags.split() == ["microservices", "migration", "distributed-systems"]


def test_reimport_keeps_ids_and_sections(bundled, tmp_path):
    back = parse_csv_text(export_pack(bundled, "csv"), tmp_path / "senior-fullstack.txt").pack
    assert (back.id, back.title) == (bundled.id, bundled.title)
    for ours, original in zip(back.questions, bundled.questions, strict=True):
        assert ours.id == original.id
        assert ours.prompt == original.prompt
        assert ours.framework == original.framework
        assert ours.how_to_answer == original.how_to_answer
        assert ours.key_points == original.key_points
        # the card's Key Terminology list shows each term's text; `optional` and `any_of`
        # are not part of a card, so they stay in the YAML pack
        assert [t.text for t in ours.key_terms] == [t.text for t in original.key_terms]
        assert ours.look_for == original.look_for
        assert [m.text for m in ours.mistakes] == [m.text for m in original.mistakes]
        assert ours.tags == original.tags
    assert back.questions[0].star == bundled.questions[0].star


def test_anki_imports_the_csv(bundled, tmp_path):
    collection_module = pytest.importorskip("anki.collection")
    path = tmp_path / "deck.txt"
    path.write_text(export_pack(bundled, "csv"), encoding="utf-8")
    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        metadata = collection.get_csv_metadata(str(path), None)
        assert metadata.guid_column == 1 and metadata.tags_column == 4
        collection.import_csv(collection_module.ImportCsvRequest(path=str(path), metadata=metadata))
        note_ids = collection.find_notes('"deck:Senior Fullstack Developer Interview"')
        assert len(note_ids) == 15
        guids = {collection.get_note(note_id).guid for note_id in note_ids}
        assert "senior-fullstack/monolith-to-microservices" in guids
    finally:
        collection.close()


def test_cli_export_csv_to_a_file(drill_home, tmp_path):
    output = tmp_path / "out.txt"
    result = runner.invoke(
        app, ["export", "senior-fullstack", "--format", "csv", "-o", str(output)]
    )
    assert result.exit_code == 0
    assert output.read_text(encoding="utf-8").startswith("#separator:tab\n")


def test_unknown_export_format(drill_home):
    result = runner.invoke(app, ["export", "senior-fullstack", "--format", "pdf"])
    assert result.exit_code == 1
    assert "unknown export format 'pdf' (choose from yaml, csv, apkg)" in result.stderr
