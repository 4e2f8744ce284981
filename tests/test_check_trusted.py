"""`drill check` of an indexed pack reads its questions without pydantic
(`drillcards.question_data`) when the catalog indexed them from validated models, with
the same output as the validating path; a pack file changed by hand is validated."""

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from drillcards import catalog
from drillcards.catalog import VALIDATED
from drillcards.cli import app
from drillcards.matcher import grade
from drillcards.models import Question
from drillcards.packs import parse_pack_text
from drillcards.question_data import question_from_json

runner = CliRunner()

PACK = """\
id: every
title: Every field
questions:
  - id: migrate
    prompt: How would you migrate a monolith to microservices?
    category: architecture
    tags: [migration, design]
    framework: |
      Use the Strangler Fig pattern behind an API gateway, and keep data in step with
      change data capture until the old tables can go.
    how_to_answer: [Start from the riskiest coupling.]
    key_points: [Route traffic through a gateway., Move one bounded context at a time.]
    look_for: [Data ownership]
    key_terms:
      - Strangler Fig Pattern
      - term: API Gateway
        aliases: [gateway, edge proxy]
      - any_of: [Kafka, Debezium]
        label: a CDC tool
      - term: Domain-Driven Design (DDD)
        optional: true
    mistakes:
      - Ignoring data consistency
      - text: Attempting a 'big bang' rewrite
        triggers: [big bang rewrite, rewrite everything at once]
  - id: conflict
    prompt: Tell me about a time you resolved a conflict in your team.
    category: behavioral
    star:
      situation: Two seniors disagreed on the database.
      task: I had to get a decision by Friday.
      action: I wrote down both options and their costs, and we met.
      result: We chose Postgres; both stayed on the project.
  - id: port
    prompt: Which port does PostgreSQL listen on by default?
    framework: "5432"
"""

ANSWERS = [
    "I'd put a gateway in front and strangle the monolith with CDC through Debezium; "
    "a big bang rewrite is too risky.",
    "Once two engineers disagreed; my task was a decision, I listed the costs, and the "
    "result was that we picked Postgres.",
    "5432",
    "",
]


def install(home: Path) -> None:
    """Import the pack, which indexes it from its validated models."""
    source = home.parent / "every.yaml"
    source.write_text(PACK, encoding="utf-8")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0, result.output


def outputs() -> list[tuple[int, str, str]]:
    """`drill check` of every question and answer, as text and JSON."""
    results = []
    for question in ("migrate", "conflict", "port", "missing"):
        for answer in ANSWERS:
            for extra in ([], ["--json"]):
                arguments = ["check", "--pack", "every", "--question", question, *extra]
                result = runner.invoke(app, arguments, input=answer)
                results.append((result.exit_code, result.stdout, result.stderr))
    return results


def refuse_validating(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("check validated a question of a validated pack")

    monkeypatch.setattr(catalog.Catalog, "card", refuse)
    monkeypatch.setattr(catalog.Catalog, "questions", refuse)


def plain(question: Question) -> Any:
    return question_from_json(question.model_dump_json(exclude_defaults=True))


def as_lists(value: Any) -> Any:
    """A plain question's fields as the models dump them (tuples as lists)."""
    if isinstance(value, dict):
        return {name: as_lists(item) for name, item in value.items()}
    if isinstance(value, tuple | list):
        return [as_lists(item) for item in value]
    return value


def test_a_plain_question_has_the_fields_and_forms_of_the_model() -> None:
    for question in parse_pack_text(PACK).questions:
        read = plain(question)
        assert as_lists(dataclasses.asdict(read)) == question.model_dump()
        for model_term, read_term in zip(question.key_terms, read.key_terms, strict=True):
            assert (read_term.text, read_term.forms) == (model_term.text, model_term.forms)


def test_a_plain_question_grades_exactly_like_the_model() -> None:
    questions = parse_pack_text(PACK).questions
    read = [plain(question) for question in questions]
    for question, plain_question in zip(questions, read, strict=True):
        for answer in ANSWERS:
            assert grade(plain_question, answer, others=read) == grade(
                question, answer, others=questions
            )


def test_check_prints_the_same_whether_the_catalog_is_trusted_or_not(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(drill_home)
    with monkeypatch.context() as patched:
        refuse_validating(patched)
        trusted = outputs()
    untrust(drill_home)
    validated = outputs()
    assert trusted == validated
    assert trusted[0][0] == 0 and json.loads(trusted[1][1])["pack"] == "every"
    assert "has no question 'missing'" in trusted[-1][2]


def untrust(home: Path) -> None:
    """Unmark the pack, as in a catalog written before the mark existed."""
    with sqlite3.connect(home / "drill.db") as db:
        query = "SELECT header FROM catalog_packs WHERE pack_id = 'every'"
        (header,) = db.execute(query).fetchone()
        unmarked = json.loads(header)
        assert unmarked.pop(VALIDATED) is True
        db.execute(
            "UPDATE catalog_packs SET header = ? WHERE pack_id = 'every'", (json.dumps(unmarked),)
        )


def edit_installed(home: Path, change: Any) -> None:
    path = home / "packs" / "every.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def test_a_hand_edited_installed_pack_is_validated_as_it_is_checked(drill_home: Path) -> None:
    install(drill_home)
    edit_installed(drill_home, lambda pack: pack["questions"][2].update(prompt=" "))
    arguments = ["check", "--pack", "every", "--question", "port"]
    result = runner.invoke(app, arguments, input="5432")
    assert result.exit_code == 1
    assert "every.json: damaged pack file (prompt: " in result.stderr
    with sqlite3.connect(drill_home / "drill.db") as db:
        (header,) = db.execute(
            "SELECT header FROM catalog_packs WHERE pack_id = 'every'"
        ).fetchone()
    assert VALIDATED not in json.loads(header)


def test_a_hand_edit_to_an_installed_pack_is_graded_with(drill_home: Path) -> None:
    install(drill_home)
    edit_installed(drill_home, lambda pack: pack["questions"][2].update(framework="5433"))
    arguments = ["check", "--pack", "every", "--question", "port", "--json"]
    result = runner.invoke(app, arguments, input="5433")
    assert result.exit_code == 0, result.output
    assert "says '5433'" in json.loads(result.stdout)["explanation"]


def test_check_of_a_validated_pack_imports_no_pydantic_nor_fsrs(drill_home: Path) -> None:
    install(drill_home)
    code = (
        "import sys\n"
        "from drillcards.cli import main\n"
        "sys.argv = ['drill', 'check', '--pack', 'every', '--question', 'migrate', '--json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('pydantic', 'pydantic_core', 'fsrs') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input="a gateway", capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("[]")
