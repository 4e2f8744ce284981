"""`drill edit PACK/QID`: the question in $EDITOR (a small script here), saved back;
a bundled question becomes the user's override; invalid edits re-open with the errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.editing import parse_question
from drillcards.library import Library
from drillcards.packs import PackInvalid, parse_pack_text

runner = CliRunner()

PACK = """\
id: tiny
title: Tiny
questions:
  - id: gateway
    prompt: What does an API gateway do?
    key_terms: [Reverse Proxy]
  - {id: cache, prompt: When would you add a cache?}
"""

EDITOR_SCRIPT = '''\
"""A fake editor: each run applies the next step of the plan to the file, and logs it."""
import json, os, sys
from pathlib import Path

plan_file = Path(os.environ["EDIT_PLAN"])
plan = json.loads(plan_file.read_text())
step, plan = plan[0], plan[1:]
plan_file.write_text(json.dumps(plan))
path = Path(sys.argv[1])
text = path.read_text()
with open(os.environ["EDIT_LOG"], "a") as log:
    log.write(text + "\\n=====\\n")
for old, new in step:
    text = text.replace(old, new)
path.write_text(text)
'''


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Set EDITOR to the fake editor; returns a function taking the plan, giving the log."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    log = tmp_path / "edit.log"
    monkeypatch.setenv("EDIT_LOG", str(log))
    monkeypatch.setenv("EDIT_PLAN", str(tmp_path / "plan.json"))

    def plan(steps: list[list[tuple[str, str]]]) -> Path:
        (tmp_path / "plan.json").write_text(json.dumps(steps))
        log.write_text("")
        return log

    return plan


def edit(key: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["edit", key])
    return result.exit_code, result.stdout, result.stderr


def prompt_of(key: str) -> str:
    result = runner.invoke(app, ["list", "--json", "--pack", key.split("/")[0]])
    return next(card["prompt"] for card in json.loads(result.stdout) if card["key"] == key)


def test_editing_an_installed_question_rewrites_its_pack(drill_home: Path, editor) -> None:  # type: ignore[no-untyped-def]
    Library(drill_home).install([parse_pack_text(PACK)])
    log = editor([[("What does an API gateway do?", "What is an API gateway for?")]])
    assert edit("tiny/gateway") == (0, "Saved tiny/gateway.\n", "")
    offered = log.read_text()
    assert offered.startswith("id: gateway\nprompt: What does an API gateway do?\n")
    assert "key_terms:\n- Reverse Proxy\n" in offered
    assert Library(drill_home).get("tiny").questions[0].prompt == "What is an API gateway for?"
    assert prompt_of("tiny/gateway") == "What is an API gateway for?"  # the catalog too


def test_an_edited_bundled_question_becomes_an_override(drill_home: Path, editor) -> None:  # type: ignore[no-untyped-def]
    key = "senior-fullstack/monolith-to-microservices"
    editor([[("prompt: How would you migrate", "prompt: My way to migrate")]])
    code, out, _ = edit(key)
    assert code == 0
    override = drill_home / "overrides" / "senior-fullstack.json"
    assert out == (
        f"Saved {key} as your own version ({override}); the bundled pack is unchanged.\n"
    )
    assert list(json.loads(override.read_text())) == ["monolith-to-microservices"]
    assert prompt_of(key).startswith("My way to migrate")
    pack = Library(drill_home).get("senior-fullstack")
    assert pack.questions[0].prompt.startswith("My way to migrate")
    assert len(pack.questions) == 15
    from drillcards.library import bundled_packs_dir

    assert "My way" not in (bundled_packs_dir() / "senior-fullstack.yaml").read_text()
    exported = runner.invoke(app, ["export", "senior-fullstack"]).stdout
    assert "prompt: My way to migrate" in exported


def test_an_invalid_edit_reopens_with_the_error_until_it_is_valid(drill_home: Path, editor) -> None:  # type: ignore[no-untyped-def]
    Library(drill_home).install([parse_pack_text(PACK)])
    log = editor(
        [
            [("prompt:", "promt:")],
            [("promt:", "prompt:"), ("key_terms:", "key_terms: 3\nx:")],
            [
                ("key_terms: 3\nx:", "key_terms:"),
                ("Reverse Proxy", "Reverse Proxy\n- Load Balancer"),
            ],
        ]
    )
    code, out, _ = edit("tiny/gateway")
    assert (code, out) == (0, "Saved tiny/gateway.\n")
    first, second, third = log.read_text().split("\n=====\n")[:3]
    assert "# error" not in first
    assert second.startswith(
        "# error: tiny--gateway.yaml:1:1: question: prompt is required\n"
        "# error: tiny--gateway.yaml:2:1: question: unknown key 'promt' (did you mean 'prompt'?)\n"
        "id: gateway\npromt: What"
    )
    assert third.startswith(
        "# error: tiny--gateway.yaml:3:12: question: key_terms must be a list\n"
        "# error: tiny--gateway.yaml:4:1: question: unknown key 'x'\n"
    )
    terms = [t.term for t in Library(drill_home).get("tiny").questions[0].key_terms]
    assert terms == ["Reverse Proxy", "Load Balancer"]


def test_an_edit_left_invalid_or_unchanged_changes_nothing(drill_home: Path, editor) -> None:  # type: ignore[no-untyped-def]
    Library(drill_home).install([parse_pack_text(PACK)])
    before = (drill_home / "packs" / "tiny.json").read_text()
    editor([[("prompt:", "promt:")], []])
    assert edit("tiny/gateway") == (
        1,
        "",
        "drill: tiny/gateway: the edit is still invalid; nothing changed\n",
    )
    editor([[]])
    assert edit("tiny/gateway") == (0, "No change.\n", "")
    editor([[("id: gateway", "id: portal")], []])
    code, _, error = edit("tiny/gateway")
    assert (code, error) == (1, "drill: tiny/gateway: the edit is still invalid; nothing changed\n")
    assert (drill_home / "packs" / "tiny.json").read_text() == before


def test_the_id_cannot_change(drill_home: Path, editor) -> None:  # type: ignore[no-untyped-def]
    Library(drill_home).install([parse_pack_text(PACK)])
    log = editor([[("id: gateway", "id: portal")], [("id: portal", "id: gateway")]])
    assert edit("tiny/gateway") == (0, "No change.\n", "")
    assert "# error: tiny--gateway.yaml: id: the id cannot change" in log.read_text()


def test_bad_keys_and_a_failing_editor(drill_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Library(drill_home).install([parse_pack_text(PACK)])
    assert edit("tiny")[2] == "drill: tiny: name a question as PACK/QUESTION (see drill list)\n"
    assert edit("tiny/nope")[2] == "drill: tiny/nope: no such question (see drill list)\n"
    assert edit("nope/x")[2].startswith("drill: unknown pack 'nope'")
    monkeypatch.setenv("EDITOR", "false")
    assert edit("tiny/gateway")[2] == (
        "drill: the editor (false) exited with status 1; nothing changed\n"
    )
    monkeypatch.setenv("EDITOR", "no-such-editor-here")
    assert edit("tiny/gateway")[2] == (
        "drill: cannot run the editor 'no-such-editor-here'; set EDITOR\n"
    )


def test_parse_question_reports_positions_in_the_question_text() -> None:
    with pytest.raises(PackInvalid) as caught:
        parse_question(
            "id: a\nprompt: ok\nkey_terms:\n  - term: X\n    alias: [y]\n", "q.yaml", "p"
        )
    assert str(caught.value) == (
        "q.yaml:5:5: key_terms[0]: unknown key 'alias' (did you mean 'aliases'?)"
    )
    assert parse_question("id: a\nprompt: ok\n", "q.yaml", "p").prompt == "ok"


def test_edit_through_the_real_drill(drill_home: Path, tmp_path: Path) -> None:
    Library(drill_home).install([parse_pack_text(PACK)])
    script = tmp_path / "sed.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('When would', 'Why would'))\n"
    )
    import os

    result = subprocess.run(
        [sys.executable, "-m", "drillcards", "edit", "tiny/cache"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "EDITOR": f"{sys.executable} {script}"},
    )
    assert result.returncode == 0, result.stderr
    assert prompt_of("tiny/cache") == "Why would you add a cache?"
