"""The question catalog: indexed at import, not re-read for another spelling of DRILL_HOME,
re-read from an installed pack's JSON without validating every question, damage reported."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards import catalog
from drillcards.catalog import Catalog
from drillcards.cli import app
from drillcards.errors import UserError
from drillcards.home import database_path
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.store import Store

runner = CliRunner()
PACK = (
    "id: alpha\ntitle: Alpha\ndescription: The first pack.\nquestions:\n"
    "  - {id: a0, prompt: Question a0?, key_terms: [Cache-Aside]}\n"
    "  - {id: a1, prompt: Question a1?, tags: [x, y]}\n"
)


def forbid_reading_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any re-read of a pack file for the catalog fail the test."""

    def refuse(*args: object) -> None:
        raise AssertionError("the catalog re-read a pack file")

    monkeypatch.setattr(catalog, "_indexed_json", refuse)
    monkeypatch.setattr(Library, "get", refuse)


def packs_json() -> list[dict[str, object]]:
    result = runner.invoke(app, ["packs", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert isinstance(listed, list)
    return listed


def test_import_indexes_the_pack_so_the_next_command_reads_no_pack_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "alpha.yaml"
    source.write_text(PACK, encoding="utf-8")
    packs_json()  # the bundled packs are indexed once, as on any first start
    assert runner.invoke(app, ["import", str(source)]).exit_code == 0
    forbid_reading_packs(monkeypatch)
    alpha = next(row for row in packs_json() if row["id"] == "alpha")
    assert (alpha["title"], alpha["questions"], alpha["new"]) == ("Alpha", 2, 2)


def test_another_spelling_of_drill_home_does_not_re_index(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library(drill_home).install([parse_pack_text(PACK)])
    Store.open(database_path(drill_home)).close()  # read-only commands create no database
    before = packs_json()
    monkeypatch.chdir(drill_home.parent)
    monkeypatch.setenv("DRILL_HOME", f"./{drill_home.name}/../{drill_home.name}")
    forbid_reading_packs(monkeypatch)
    assert packs_json() == before


def test_an_installed_pack_is_re_read_from_its_json_as_validated(drill_home: Path) -> None:
    pack = parse_pack_text(PACK)
    library = Library(drill_home)
    library.install([pack])
    with Store.open(drill_home / "drill.db") as store:
        fresh = Catalog(store, Library(drill_home))  # a new Library: nothing in memory
        assert "alpha" in fresh.refresh(["alpha"])
        assert fresh.header("alpha")["description"] == "The first pack."
        for question in pack.questions:
            card = fresh.card(f"alpha/{question.id}")
            assert card is not None
            assert card.question == question
            assert (card.pack.title, card.pack.questions) == ("Alpha", [question])


def test_a_damaged_question_is_a_one_line_error_when_shown(drill_home: Path) -> None:
    Library(drill_home).install([parse_pack_text(PACK)])
    path = drill_home / "packs" / "alpha.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["questions"][1]["prompt"] = ""
    path.write_text(json.dumps(document), encoding="utf-8")
    with Store.open(drill_home / "drill.db") as store:
        fresh = Catalog(store, Library(drill_home))
        fresh.refresh(["alpha"])
        assert fresh.card("alpha/a0") is not None
        with pytest.raises(UserError, match=r"alpha\.json: damaged pack file \(prompt: "):
            fresh.card("alpha/a1")


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"id": "alpha", "title": "Alpha"}',
        '{"id": "alpha", "title": "Alpha", "questions": [{"id": "a"}, {"id": "a"}]}',
        '{"id": "alpha", "questions": [{"id": "a", "prompt": "A?"}]}',
    ],
)
def test_a_damaged_pack_file_is_refused_before_indexing(drill_home: Path, text: str) -> None:
    folder = drill_home / "packs"
    folder.mkdir(parents=True)
    (folder / "alpha.json").write_text(text, encoding="utf-8")
    store = Store.open(drill_home / "drill.db")
    with store, pytest.raises(UserError, match=r"alpha\.json: "):
        Catalog(store, Library(drill_home)).refresh(["alpha"])


def test_a_pack_file_under_another_id_is_refused(drill_home: Path) -> None:
    Library(drill_home).install([parse_pack_text(PACK)])
    folder = drill_home / "packs"
    (folder / "alpha.json").rename(folder / "beta.json")
    store = Store.open(drill_home / "drill.db")
    with store, pytest.raises(UserError, match=r"the pack says 'alpha'.*file name says 'beta'"):
        Catalog(store, Library(drill_home)).refresh(["beta"])


def test_check_of_an_indexed_pack_reads_no_pack_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "alpha.yaml"
    source.write_text(PACK, encoding="utf-8")
    assert runner.invoke(app, ["import", str(source)]).exit_code == 0
    forbid_reading_packs(monkeypatch)
    arguments = ["check", "--pack", "alpha", "--question", "a0", "--json"]
    result = runner.invoke(app, arguments, input="cache aside")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["key_terms"][0]["matched_text"] == "cache aside"
    missing = runner.invoke(app, ["check", "--pack", "alpha", "--question", "zz"], input="x")
    assert missing.exit_code == 1 and "has no question 'zz'" in missing.stderr


def test_an_import_succeeds_when_the_database_cannot_be_opened(
    tmp_path: Path, drill_home: Path
) -> None:
    source = tmp_path / "alpha.yaml"
    source.write_text(PACK, encoding="utf-8")
    drill_home.mkdir()
    (drill_home / "drill.db").write_text("not a database", encoding="utf-8")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0, result.output
    assert (drill_home / "packs" / "alpha.json").is_file()
    broken = runner.invoke(app, ["packs"])
    assert broken.exit_code == 1 and "the database is damaged" in broken.stderr


def test_a_read_only_command_that_indexes_a_pack_leaves_no_log_behind(drill_home: Path) -> None:
    Library(drill_home).install([parse_pack_text(PACK)])
    with Store.open(database_path(drill_home)):
        pass  # the database exists, the pack is not indexed yet
    log = drill_home / "drill.db-wal"
    assert runner.invoke(app, ["stats", "--json"]).exit_code == 0  # indexes it
    assert not log.exists() or log.stat().st_size == 0
    with Store.open(database_path(drill_home), read_only=True) as store:
        indexed = store.db.execute("SELECT count(*) FROM catalog_questions").fetchone()[0]
    assert indexed >= len(parse_pack_text(PACK).questions)
