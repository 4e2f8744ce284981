"""`drill import` through the command line: formats, JSON, --id, all-or-nothing, errors."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.home import installed_packs_dir

DATA = Path(__file__).parent / "data" / "import"
SEED = DATA / "senior-fullstack-interview-questions.txt"
runner = CliRunner()


def drill(*args: str):
    return runner.invoke(app, list(args))


def installed(home: Path) -> dict[str, bytes]:
    folder = installed_packs_dir(home)
    if not folder.is_dir():
        return {}
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_import_every_format_with_json_output(drill_home):
    result = drill(
        "import",
        str(SEED),
        str(DATA / "react-style-questions.md"),
        str(DATA / "system-design.csv"),
        str(DATA / "anki-interview-deck.apkg"),
        "--json",
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [(item["id"], item["questions"]) for item in document] == [
        ("senior-fullstack-interview-questions", 15),
        ("react-style-questions", 4),
        ("system-design", 3),
        ("interview-prep-backend", 6),
    ]
    assert set(document[0]) == {"id", "title", "questions", "warnings"}
    assert len(document[0]["warnings"]) == 17
    assert sorted(installed(drill_home)) == [
        "interview-prep-backend.json",
        "react-style-questions.json",
        "senior-fullstack-interview-questions.json",
        "system-design.json",
    ]
    listed = json.loads(drill("packs", "--json").stdout)
    assert "system-design" in {item["id"] for item in listed}


def test_human_summary_and_warnings(drill_home):
    result = drill("import", str(SEED))
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "imported senior-fullstack-interview-questions (Senior Fullstack Developer Interview "
        "Questions) from senior-fullstack-interview-questions.txt: 15 questions (new pack), "
        "17 warnings"
    )
    assert "warning: senior-fullstack-interview-questions.txt: question 1 (line 7)" in result.stderr
    again = drill("import", str(SEED))
    assert "(updated: 15 kept, 0 new, 0 removed)" in again.stdout


def test_yaml_file_and_folder(drill_home, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.yaml").write_text(
            f"id: {name}\ntitle: Pack {name}\nquestions:\n  - id: q1\n    prompt: Why?\n",
            encoding="utf-8",
        )
    result = drill("import", str(folder), "--json")
    assert [item["id"] for item in json.loads(result.stdout)] == ["one", "two"]


def test_id_renames_a_single_pack(drill_home):
    result = drill("import", str(DATA / "behavioral.tsv"), "--id", "soft-skills", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "soft-skills"
    assert "soft-skills.json" in installed(drill_home)


def test_id_with_several_packs_or_a_bad_slug_is_refused(drill_home):
    two = drill(
        "import", str(DATA / "behavioral.tsv"), str(DATA / "system-design.csv"), "--id", "x"
    )
    assert two.exit_code == 1
    assert "--id needs exactly one pack" in two.stderr
    bad = drill("import", str(DATA / "behavioral.tsv"), "--id", "Not A Slug")
    assert bad.exit_code == 1 and "must be a slug" in bad.stderr
    assert installed(drill_home) == {}


def test_all_or_nothing(drill_home, tmp_path):
    assert drill("import", str(DATA / "behavioral.tsv")).exit_code == 0
    before = installed(drill_home)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\ntitle: Broken\nquestions: []\n", encoding="utf-8")
    changed = tmp_path / "behavioral.tsv"
    changed.write_text("question\tanswer\nA brand new question?\tyes\n", encoding="utf-8")
    result = drill("import", str(changed), str(DATA / "system-design.csv"), str(broken))
    assert result.exit_code == 1
    assert "broken.yaml" in result.stderr and "nothing was imported" in result.stderr
    assert installed(drill_home) == before


def test_every_failing_input_is_reported(drill_home, tmp_path):
    first = tmp_path / "a.apkg"
    first.write_bytes(b"junk")
    second = tmp_path / "b.csv"
    second.write_bytes(b"question,answer\n\xfa\xfb not utf8\n")
    result = drill("import", str(first), str(second))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("drill: ") and "a.apkg" in lines[0]
    assert "b.csv" in lines[1] and "(2 inputs failed)" in lines[1]


def test_hostile_text_inputs(drill_home, tmp_path):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    result = drill("import", str(huge))
    assert result.exit_code == 1
    assert "file is too large to import (104,857,600 bytes" in result.stderr
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(os.urandom(2048) + b"\x00")
    result = drill("import", str(garbage))
    assert result.exit_code == 1 and "binary data" in result.stderr
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("# Fragen\n\n## Was ist ein Schlüssel?\n\nÄrger\n".encode("latin-1"))
    result = drill("import", str(latin1))
    assert result.exit_code == 1
    assert "latin1.md:3: not UTF-8 text" in result.stderr
    assert installed(drill_home) == {}
    assert "Traceback" not in result.output


def test_undetectable_format_and_bad_format_option(drill_home, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("just some words\non two lines\n", encoding="utf-8")
    result = drill("import", str(notes))
    assert result.exit_code == 1 and "cannot tell the format" in result.stderr
    assert drill("import", str(notes), "--format", "pdf").exit_code == 2
    missing = drill("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_format_option_overrides_detection(drill_home, tmp_path):
    renamed = tmp_path / "questions.data"
    renamed.write_bytes(SEED.read_bytes())
    result = drill("import", str(renamed), "--format", "page", "--json")
    assert json.loads(result.stdout)[0]["questions"] == 15


def test_real_drill_executable(drill_home):
    executable = shutil.which("drill")
    command = [executable] if executable else [sys.executable, "-m", "drillcards"]
    completed = subprocess.run(
        [*command, "import", str(SEED), str(DATA / "anki-interview-deck.txt"), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "DRILL_HOME": str(drill_home)},
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    assert [item["id"] for item in document] == [
        "senior-fullstack-interview-questions",
        "anki-interview-deck",
    ]
    assert "importing" not in completed.stdout


@pytest.mark.parametrize("name", ["anki-interview-deck.txt", "system-design.csv"])
def test_reimport_keeps_question_ids(drill_home, name):
    first = drill("import", str(DATA / name))
    second = drill("import", str(DATA / name))
    assert first.exit_code == second.exit_code == 0
    assert "0 new, 0 removed" in second.stdout


def test_progress_bar_appears_only_for_slow_or_large_imports(monkeypatch, tmp_path):
    from drillcards.cli import import_command

    small = tmp_path / "small.csv"
    small.write_text("prompt,answer\nWhy?,Because.\n", encoding="utf-8")
    quick = import_command._LazyProgress([small], interactive=True)
    quick.update(1, 2)
    assert quick.bar is None  # a fast import shows nothing
    monkeypatch.setattr(import_command, "PROGRESS_DELAY", 0.0)
    slow = import_command._LazyProgress([small], interactive=True)
    slow.update(1, 2)
    assert slow.bar is not None
    slow.installing()
    assert slow.bar.tasks[0].description == "installing"
    slow.stop()
    assert slow.bar is None
    slow.update(2, 2)
    assert slow.bar is None  # never again after stop
    monkeypatch.setattr(import_command, "LARGE_INPUT_BYTES", 10)
    monkeypatch.setattr(import_command, "PROGRESS_DELAY", 60.0)
    large = import_command._LazyProgress([small], interactive=True)
    large.begin(0)
    assert large.bar is not None
    large.stop()


def test_no_progress_bar_for_an_import_about_to_end(monkeypatch, tmp_path):
    from drillcards.cli import import_command

    small = tmp_path / "small.csv"
    small.write_text("prompt,answer\nWhy?,Because.\n", encoding="utf-8")
    monkeypatch.setattr(import_command, "PROGRESS_DELAY", 0.05)
    nearly_done = import_command._LazyProgress([small], interactive=True)
    nearly_done.started_at -= 0.1  # 0.1 s in, 99% done: about a millisecond left
    nearly_done.update(99, 100)
    nearly_done.installing()
    assert nearly_done.bar is None
    barely_begun = import_command._LazyProgress([small], interactive=True)
    barely_begun.started_at -= 0.1  # 0.1 s in, 1% done: about 10 s left
    barely_begun.update(1, 100)
    assert barely_begun.bar is not None
    barely_begun.stop()


def test_no_progress_bar_when_stderr_is_not_a_terminal(monkeypatch, tmp_path):
    from drillcards.cli import import_command

    small = tmp_path / "small.csv"
    small.write_text("prompt,answer\nWhy?,Because.\n", encoding="utf-8")
    monkeypatch.setattr(import_command, "PROGRESS_DELAY", 0.0)
    monkeypatch.setattr(import_command, "LARGE_INPUT_BYTES", 10)
    piped = import_command._LazyProgress([small], interactive=False)
    piped.begin(0)
    piped.update(1, 2)
    piped.installing()
    assert piped.bar is None


def _readme(folder: Path, question: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "README.md"
    path.write_text(f"# SQL Interview Questions\n\n## {question}\n\nAn answer.\n", encoding="utf-8")
    return path


def test_a_different_file_with_the_same_pack_id_is_refused(drill_home, tmp_path):
    first = _readme(tmp_path / "one", "What is a join?")
    other = _readme(tmp_path / "two", "What is an index?")
    assert drill("import", str(first)).exit_code == 0
    before = installed(drill_home)
    refused = drill("import", str(other))
    assert refused.exit_code == 1
    message = refused.stderr.strip()
    assert "\n" not in message
    assert "would replace pack 'sql-interview-questions'" in message
    assert str(first.resolve()) in message and "--replace" in message
    assert installed(drill_home) == before


def test_the_same_file_updates_and_replace_or_id_take_another(drill_home, tmp_path):
    first = _readme(tmp_path / "one", "What is a join?")
    other = _readme(tmp_path / "two", "What is an index?")
    assert drill("import", str(first)).exit_code == 0
    first.write_text(first.read_text() + "\n## What is a view?\n\nA query.\n", encoding="utf-8")
    again = drill("import", str(first))
    assert "(updated: 1 kept, 1 new, 0 removed)" in again.stdout
    assert drill("import", str(other), "--id", "sql-two").exit_code == 0
    replaced = drill("import", str(other), "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert "(updated: 0 kept, 1 new, 2 removed)" in replaced.stdout
    assert drill("import", str(other)).exit_code == 0  # now the recorded source
    assert drill("import", str(first)).exit_code == 1


def test_replacing_is_refused_through_the_real_executable(drill_home, tmp_path):
    executable = shutil.which("drill")
    command = [executable] if executable else [sys.executable, "-m", "drillcards"]
    env = {**os.environ, "DRILL_HOME": str(drill_home)}
    first = _readme(tmp_path / "one", "What is a join?")
    other = _readme(tmp_path / "two", "What is an index?")
    for path, status in ((first, 0), (other, 1)):
        completed = subprocess.run(
            [*command, "import", str(path)], capture_output=True, text=True, env=env, timeout=60
        )
        assert completed.returncode == status, completed.stderr
    assert completed.stderr.count("\n") == 1 and "--replace" in completed.stderr
