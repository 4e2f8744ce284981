"""YAML export: `drill export` writes YAML that re-imports to an equal pack."""

from pathlib import Path

from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.exporters import export_pack
from drillcards.importers import import_file
from drillcards.importers.page import import_page
from drillcards.library import bundled_packs_dir
from drillcards.packs import load_pack, parse_pack_text

DATA = Path(__file__).parent / "data" / "import"
runner = CliRunner()


def test_bundled_pack_round_trips():
    pack = load_pack(bundled_packs_dir() / "senior-fullstack.yaml")
    assert parse_pack_text(export_pack(pack, "yaml")) == pack


def test_imported_page_round_trips_through_export_and_import(tmp_path):
    pack = import_page(DATA / "senior-fullstack-interview-questions.txt").pack
    path = tmp_path / "exported.yaml"
    path.write_text(export_pack(pack, "yaml"), encoding="utf-8")
    assert import_file(path)[0].pack == pack


def test_cli_export_to_stdout_then_import_gives_an_equal_pack(drill_home, tmp_path):
    assert runner.invoke(app, ["import", str(DATA / "system-design.csv")]).exit_code == 0
    exported = runner.invoke(app, ["export", "system-design"])
    assert exported.exit_code == 0
    path = tmp_path / "copy.yaml"
    path.write_text(exported.stdout, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "--id", "system-design-copy", "--json"])
    assert result.exit_code == 0
    original = import_file(DATA / "system-design.csv")[0].pack
    assert import_file(path)[0].pack == original
