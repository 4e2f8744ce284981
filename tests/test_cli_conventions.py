"""Conventions every command follows (clig.dev): help with metavars and no internal type
names, `start` listed first, "did you mean" for a misspelt id, plurals, right suggestions,
shell completion."""

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.cli.app import COMMAND_ORDER
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.store import Store

runner = CliRunner()

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
"""Every command, those added later included: each must follow the conventions."""
ONE_QUESTION = "id: one\ntitle: One\nquestions:\n  - {id: only, prompt: Why?}\n"


def drill(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the real `drill` program, as a user (or a shell completing a word) would."""
    return subprocess.run(
        [sys.executable, "-m", "drillcards", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_names_values_by_metavar_not_by_type(command: str) -> None:
    result = runner.invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert not re.search(r"<\w+", text), text  # <bool>, <int>, <list[str]>, <path>
    assert "{" not in text and "x>=" not in text and "range" not in text, text
    assert "╭" not in text  # plain text: readable in a pipe and by a screen reader


def test_help_shows_the_metavars() -> None:
    assert "Usage: drill import [OPTIONS] PATH...\n" in runner.invoke(app, ["import", "-h"]).stdout
    assert "Usage: drill export [OPTIONS] PACK_ID\n" in runner.invoke(app, ["export", "-h"]).stdout
    start = runner.invoke(app, ["start", "--help"]).stdout
    for shown in ("-p, --pack ID", "--new N", "--limit N", "--time SECONDS", "--practice"):
        assert shown in start
    check = runner.invoke(app, ["check", "--help"]).stdout
    assert "-q, --question QID" in check and "-a, --answer-file FILE" in check


def test_commands_are_listed_start_first_and_not_cut_off() -> None:
    text = runner.invoke(app, ["--help"]).stdout
    listed = re.findall(r"^  ([\w-]+)  ", text.split("Commands:")[1], flags=re.MULTILINE)
    assert listed[: len(COMMAND_ORDER)] == list(COMMAND_ORDER)  # start first
    assert sorted(listed) == COMMANDS
    assert "..." not in text.split("Commands:")[1]


def test_a_number_out_of_range_is_a_usage_error() -> None:
    result = runner.invoke(app, ["start", "--plain", "--new", "-1"])
    assert result.exit_code == 2
    assert "must be 0 or more, not -1" in result.output
    assert runner.invoke(app, ["start", "--plain", "--limit", "0"]).exit_code == 2


def test_a_misspelt_pack_or_question_id_gets_a_suggestion() -> None:
    result = runner.invoke(app, ["export", "senior-fullstak"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == "drill: unknown pack 'senior-fullstak' (did you mean 'senior-fullstack'?)\n"
    )
    result = runner.invoke(app, ["export", "zzz"])
    assert result.stderr == "drill: unknown pack 'zzz' (installed: senior-fullstack)\n"
    result = runner.invoke(
        app,
        ["check", "-p", "senior-fullstack", "-q", "monolith-to-microservice"],
        input="an answer",
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "drill: pack 'senior-fullstack' has no question 'monolith-to-microservice' "
        "(did you mean 'monolith-to-microservices'?)\n"
    )


def test_counts_of_one_are_singular(tmp_path: Path, drill_home: Path) -> None:
    pack_file = tmp_path / "one.yaml"
    pack_file.write_text(ONE_QUESTION)
    validated = runner.invoke(app, ["validate", str(pack_file)])
    assert validated.stdout == f"{pack_file}: ok (one, 1 question)\n"
    imported = runner.invoke(app, ["import", str(pack_file)])
    assert imported.stdout.startswith("imported one (One) from one.yaml: 1 question (")
    with Store.open(drill_home / "drill.db") as store:
        store.record_review(
            store.scheduler(),
            "one/only",
            Rating.GOOD,
            datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            score=None,
            answer="",
            duration_ms=0,
        )
    assert ", 1 review;" in runner.invoke(app, ["doctor"]).stdout
    with Store.open(drill_home / "drill.db") as store:
        store.db.execute("UPDATE cards SET due = 0")
    damaged = runner.invoke(app, ["doctor"])
    assert ": 1 card differs from the review log (first: one/only)" in damaged.stdout
    rebuilt = runner.invoke(app, ["doctor", "--rebuild"])
    assert rebuilt.stdout.startswith("Rebuilt 1 card from 1 review in ")


@pytest.mark.parametrize(
    ("value", "example"),
    [
        ("2026-12-20+00:00", "2026-12-20T00:00:00+00:00"),  # a date with an offset
        ("2026-12-20T09:30", "2026-12-20T09:30:00+00:00"),
    ],
)
def test_a_drill_now_without_a_time_zone_suggests_a_valid_one(
    value: str, example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRILL_NOW", value)
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"drill: DRILL_NOW: the timestamp needs a time and a time zone, e.g. {example}\n"
    )
    monkeypatch.setenv("DRILL_NOW", example)
    assert runner.invoke(app, ["stats"]).exit_code == 0  # the suggestion is accepted


def test_shell_completion_script_and_words(drill_home: Path) -> None:
    Library(drill_home).install([parse_pack_text(ONE_QUESTION)])
    # Typer finds the shell from the parent processes, which a detached test run may not
    # have; with detection off, --show-completion takes the shell by name instead.
    script = drill("--show-completion", "bash", _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert script.returncode == 0, script.stderr
    assert "_drill_completion()" in script.stdout and "complete " in script.stdout
    commands = drill(_DRILL_COMPLETE="complete_bash", COMP_WORDS="drill st", COMP_CWORD="1")
    assert commands.stdout.split() == ["start", "stats"]
    packs = drill(
        _DRILL_COMPLETE="complete_bash", COMP_WORDS="drill start --pack o", COMP_CWORD="3"
    )
    assert packs.stdout.split() == ["one"]
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout
