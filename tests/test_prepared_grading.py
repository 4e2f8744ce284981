"""`drill check` keeps each question's grading preparation in a cache file
(`drillcards.matcher.prepared`), and grades exactly the same with it as without."""

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.matcher import grading, prepared, semantic
from drillcards.packs import parse_pack_text

runner = CliRunner()

PACK = """\
id: tiny
title: Tiny pack
questions:
  - id: cache
    prompt: How would you speed up a read-heavy API?
    framework: |
      Put a CDN in front for public responses and Redis for hot objects, with a TTL
      and invalidation on writes; measure the hit rate.
    key_terms:
      - term: Content Delivery Network (CDN)
      - term: Cache Invalidation
        aliases: [invalidate]
    mistakes:
      - text: Caching everything forever
        triggers: [never expire]
  - id: conflict
    prompt: Tell me about a time you resolved a conflict in your team.
    category: behavioral
    star:
      situation: Two seniors disagreed on the database.
      action: I wrote down both options and their costs, and we met.
      result: We chose Postgres; both stayed on the project.
  - id: port
    prompt: Which port does HTTPS use?
    framework: "443"
"""

ANSWERS = {
    "cache": "A CDN at the edge and Redis; I'd invalidate on writes, and never expire the rest.",
    "conflict": "Last year two engineers disagreed. I met both, I wrote a summary; we cut "
    "review time by 40%.",
    "port": "443",
}


@pytest.fixture
def installed(drill_home: Path, tmp_path: Path) -> Path:
    """The pack installed in an existing data directory; the pack file's path."""
    path = tmp_path / "tiny.yaml"
    path.write_text(PACK, encoding="utf-8")
    assert runner.invoke(app, ["import", str(path)]).exit_code == 0
    return path


def check(question: str, *options: str) -> str:
    arguments = ["check", "--pack", "tiny", "--question", question, *options]
    result = runner.invoke(app, arguments, input=ANSWERS[question])
    assert result.exit_code == 0, result.output
    return result.stdout


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "cache").glob(f"{prepared.PREFIX}*"))


def fail_to_compile(question: Any) -> Any:
    raise AssertionError("compiled again")


@pytest.mark.parametrize("question", list(ANSWERS))
@pytest.mark.parametrize("options", [["--json"], []])
def test_the_second_check_reads_the_cache_and_prints_the_same(
    installed: Path,
    drill_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    question: str,
    options: list[str],
) -> None:
    first = check(question, *options)
    assert len(cache_files(drill_home)) == 1
    semantic._remembered.clear()
    monkeypatch.setattr(grading, "compile_question", fail_to_compile)
    assert check(question, *options) == first
    if question != "port":  # a short fact's grade needs no meaning
        assert semantic._remembered
    assert len(cache_files(drill_home)) == 1


def test_an_edited_question_is_prepared_again(installed: Path, drill_home: Path) -> None:
    before = json.loads(check("port", "--json"))
    installed.write_text(PACK.replace('"443"', '"8443"'), encoding="utf-8")
    assert runner.invoke(app, ["import", "--replace", str(installed)]).exit_code == 0
    after = json.loads(check("port", "--json"))
    assert before["score"] == 1.0 and after["score"] < 1.0
    assert len(cache_files(drill_home)) == 2


def test_a_damaged_cache_file_is_ignored_and_written_again(
    installed: Path, drill_home: Path
) -> None:
    first = check("cache", "--json")
    [cached] = cache_files(drill_home)
    whole = cached.read_bytes()
    cached.write_bytes(whole[: len(whole) // 2])
    assert check("cache", "--json") == first
    assert cached.read_bytes() == whole


class _Planted:
    """Unpickled, it would write a file: a cache file must never run code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (self.path, "ran"))


def test_a_cache_file_naming_any_other_class_is_refused(drill_home: Path, tmp_path: Path) -> None:
    drill_home.mkdir()
    question = parse_pack_text(PACK, "tiny.yaml").questions[2]
    path, key = prepared._cache_file(question)
    assert path is not None
    path.parent.mkdir()
    planted = tmp_path / "planted"
    path.write_bytes(pickle.dumps((key, _Planted(planted), None)))
    assert not prepared.load_prepared(question)
    assert not planted.exists()


def test_another_grader_does_not_read_the_file(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill_home.mkdir()
    question = parse_pack_text(PACK, "tiny.yaml").questions[0]
    prepared.save_prepared(question)
    assert prepared.load_prepared(question)
    stamp = prepared._grader_stamp()
    monkeypatch.setattr(prepared, "_grader_stamp", lambda: (*stamp[:-1], "another model"))
    assert not prepared.load_prepared(question)


def test_only_the_newest_files_are_kept(
    installed: Path, drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepared, "MOST_FILES", 2)
    for age, question in enumerate(ANSWERS):
        check(question)
        for path in cache_files(drill_home):  # each file older than the next one written
            status = path.stat()
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - 10**9 * (3 - age)))
    kept = cache_files(drill_home)
    assert len(kept) == 2
    semantic._remembered.clear()
    monkeypatch.setattr(grading, "compile_question", fail_to_compile)
    check("port")
    check("conflict")
    result = runner.invoke(app, ["check", "-p", "tiny", "-q", "cache"], input="a gateway")
    assert isinstance(result.exception, AssertionError)
    assert str(result.exception) == "compiled again"


def test_without_a_data_directory_nothing_is_cached(drill_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(PACK, encoding="utf-8")
    result = runner.invoke(
        app, ["check", "--file", str(path), "--question", "cache"], input=ANSWERS["cache"]
    )
    assert result.exit_code == 0, result.output
    assert not drill_home.exists()
