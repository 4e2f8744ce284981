"""`drill check` (CONTRACTS.md §3) and `drill validate --strict`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.home import data_home

PACK = """\
id: tiny
title: Tiny pack
questions:
  - id: migrate
    prompt: How would you migrate a monolith?
    framework: |
      Use the Strangler Fig pattern behind an API gateway, and sync data with change
      data capture.
    key_terms:
      - Strangler Fig Pattern
      - term: API Gateway
        aliases: [gateway]
      - Change Data Capture (CDC)
    mistakes:
      - Ignoring data consistency
      - text: Attempting a 'big bang' rewrite
        triggers: [big bang rewrite]
  - id: other
    prompt: Anything?
"""

ANSWER = "I'd use a stranglr fig; a big bang rewrite is fine too."

runner = CliRunner()


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def check(*args: str, answer: str = ANSWER) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args], input=answer)
    return result.exit_code, result.stdout, result.stderr


def test_json_has_exactly_the_documented_shape(pack_file: Path) -> None:
    code, out, _ = check("--file", str(pack_file), "--question", "migrate", "--json")
    assert code == 0
    document = json.loads(out)
    assert list(document) == [
        "pack", "question", "score", "key_terms", "mistakes", "suggested_rating",
        "ideas", "explanation",
    ]  # fmt: skip
    assert document["pack"] == "tiny"
    assert document["question"] == "migrate"
    assert 0 < document["score"] < 0.5  # one of three key terms, a mistake flagged
    assert document["suggested_rating"] in ("again", "hard")
    assert "key terms 1 of 3" in document["explanation"]
    assert "1 mistake −25%" in document["explanation"]
    assert {"text", "matched", "matched_text", "start", "end"} == set(document["ideas"][0])
    start = ANSWER.index("stranglr fig")
    assert document["key_terms"] == [
        {
            "term": "Strangler Fig Pattern",
            "matched": True,
            "matched_text": "stranglr fig",
            "start": start,
            "end": start + len("stranglr fig"),
        },
        {"term": "API Gateway", "matched": False, "matched_text": None, "start": None, "end": None},
        {
            "term": "Change Data Capture (CDC)",
            "matched": False,
            "matched_text": None,
            "start": None,
            "end": None,
        },
    ]
    start = ANSWER.index("big bang rewrite")
    assert document["mistakes"] == [
        {
            "text": "Ignoring data consistency",
            "flagged": False,
            "matched_text": None,
            "start": None,
            "end": None,
        },
        {
            "text": "Attempting a 'big bang' rewrite",
            "flagged": True,
            "matched_text": "big bang rewrite",
            "start": start,
            "end": start + len("big bang rewrite"),
        },
    ]


def test_an_installed_pack_and_an_answer_file(pack_file: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["import", str(pack_file)]).exit_code == 0
    answer = tmp_path / "answer.txt"
    answer.write_bytes("\ufeffAn API gateway and CDC.\r\n".encode())
    code, out, _ = check(
        "--pack", "tiny", "--question", "migrate", "--answer-file", str(answer), "--json"
    )
    assert code == 0
    terms = json.loads(out)["key_terms"]
    assert [term["matched_text"] for term in terms] == [None, "API gateway", "CDC"]
    assert terms[1]["start"] == 3  # offsets into the text without its byte-order mark


def test_offsets_count_characters_not_bytes(pack_file: Path) -> None:
    answer = "Ça dépend: CDC."
    code, out, _ = check("--file", str(pack_file), "-q", "migrate", "--json", answer=answer)
    assert code == 0
    term = json.loads(out)["key_terms"][2]
    assert answer[term["start"] : term["end"]] == "CDC"


def test_check_leaves_the_review_history_alone(pack_file: Path, drill_home: Path) -> None:
    before = sorted(drill_home.rglob("*")) if drill_home.exists() else []
    code, _, _ = check("--file", str(pack_file), "--question", "migrate", "--json")
    assert code == 0
    after = sorted(drill_home.rglob("*")) if drill_home.exists() else []
    assert after == before
    assert data_home() == drill_home


def test_plain_output_shows_the_answer_literally_with_a_checklist(pack_file: Path) -> None:
    answer = "[bold red]x[/] [/bold] an API gateway [link=http://x]y[/link]"
    code, out, _ = check("--file", str(pack_file), "--question", "migrate", answer=answer)
    assert code == 0
    assert "[bold red]x[/] [/bold] an API gateway [link=http://x]y[/link]" in out
    assert "✓ API Gateway" in out
    assert "✗ Strangler Fig Pattern" in out
    assert "Score " in out and "key terms 1 of 3" in out
    assert "suggested rating: hard" in out


def test_plain_output_lists_flagged_mistakes(pack_file: Path) -> None:
    code, out, _ = check("--file", str(pack_file), "--question", "migrate")
    assert code == 0
    assert "⚠ Attempting a 'big bang' rewrite" in out
    assert "Ignoring data consistency" not in out


def test_a_question_with_nothing_to_compare_with_says_so(pack_file: Path) -> None:
    code, out, _ = check("--file", str(pack_file), "--question", "other", answer="Well.")
    assert code == 0
    assert "no model answer to compare with: scored by length" in out


BATCH_PACK = """\
id: facts
title: Facts
questions:
  - id: closure
    prompt: What is a closure in JavaScript?
    framework: |
      A closure is a function bundled together with references to its surrounding
      lexical environment, so an inner function can access the outer function's
      variables even after the outer function has returned.
  - id: port
    prompt: Default port of PostgreSQL?
    framework: "5432"
"""


def test_batch_prints_one_result_per_line_in_order(tmp_path: Path) -> None:
    pack = tmp_path / "facts.yaml"
    pack.write_text(BATCH_PACK, encoding="utf-8")
    lines = [
        {"question": "port", "answer": "5432"},
        {"question": "port", "answer": "5433"},
        {
            "question": "closure",
            "answer": "An inner function that keeps access to the variables of the outer "
            "function's scope after the outer function has returned.",
        },
        {"question": "closure", "answer": "Bananas are yellow and grow in bunches."},
    ]
    batch = tmp_path / "answers.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--file", str(pack), "--batch", str(batch)])
    assert result.exit_code == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["question"] for d in documents] == ["port", "port", "closure", "closure"]
    ratings = [d["suggested_rating"] for d in documents]
    assert ratings[:2] == ["easy", "again"]  # a number is exact
    assert ratings[2] in ("good", "easy")  # a paraphrase of the model answer
    assert ratings[3] == "again"  # nonsense
    single = runner.invoke(
        app, ["check", "--file", str(pack), "-q", "closure", "--json"], input=lines[2]["answer"]
    )
    assert json.loads(single.stdout) == documents[2]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"question": "port", "answer": "5432"}\nnot json\n', "answers.jsonl:2: not JSON"),
        ('{"question": "port"}\n', "answers.jsonl:1: answer: must be a string"),
        ('{"question": "nope", "answer": "x"}\n', "has no question 'nope'"),
    ],
)
def test_a_bad_batch_line_prints_nothing_and_names_the_line(
    tmp_path: Path, content: str, message: str
) -> None:
    pack = tmp_path / "facts.yaml"
    pack.write_text(BATCH_PACK, encoding="utf-8")
    batch = tmp_path / "answers.jsonl"
    batch.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", "--file", str(pack), "--batch", str(batch)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pack", "nope", "--question", "migrate"], "unknown pack 'nope'"),
        (["--question", "nope"], "has no question 'nope'"),
    ],
)
def test_unknown_pack_or_question_is_one_line_and_exit_1(
    pack_file: Path, args: list[str], message: str
) -> None:
    if args[0] != "--pack":
        args = ["--file", str(pack_file), *args]
    code, out, err = check(*args)
    assert code == 1
    assert out == ""
    assert err.startswith("drill: ") and message in err
    assert err.count("\n") == 1


def test_an_invalid_pack_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: bad\ntitle: Bad\nquestions:\n  - prompt: x\n    colour: red\n")
    code, _, err = check("--file", str(path), "--question", "x")
    assert code == 1
    assert err.startswith(f"drill: {path}:")
    assert err.count("\n") == 1


def test_an_unreadable_answer_is_a_user_error(pack_file: Path, tmp_path: Path) -> None:
    code, _, err = check("--file", str(pack_file), "-q", "migrate", "-a", str(tmp_path / "no"))
    assert (code, err) == (1, f"drill: {tmp_path / 'no'}: no such file\n")
    binary = tmp_path / "binary"
    binary.write_bytes(b"\xff\xfe\x00")
    code, _, err = check("--file", str(pack_file), "-q", "migrate", "-a", str(binary))
    assert (code, err) == (1, f"drill: {binary} is not UTF-8 text\n")


@pytest.mark.parametrize(
    "args",
    [
        ["--question", "migrate"],
        ["--pack", "tiny", "--file", "x.yaml", "--question", "migrate"],
    ],
)
def test_both_or_neither_pack_and_file_is_a_usage_error(args: list[str]) -> None:
    code, out, _ = check(*args)
    assert code == 2
    assert out == ""


def test_the_real_executable(pack_file: Path, drill_home: Path) -> None:
    command = [sys.executable, "-m", "drillcards", "check", "--file", str(pack_file)]
    result = subprocess.run(
        [*command, "--question", "migrate", "--json"],
        input=ANSWER.encode(),
        capture_output=True,
        env={**os.environ, "DRILL_HOME": str(drill_home)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["key_terms"][0]["matched_text"] == "stranglr fig"


# --- validate --strict -------------------------------------------------------------------


def test_strict_validate_passes_a_pack_whose_model_answers_fit(pack_file: Path) -> None:
    result = runner.invoke(app, ["validate", "--strict", str(pack_file)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{pack_file}: ok (tiny, 2 questions)\n"


def test_strict_validate_reports_what_the_model_answer_misses_or_trips(tmp_path: Path) -> None:
    path = tmp_path / "loose.yaml"
    path.write_text(
        PACK.replace("sync data with change\n      data capture.", "do a big bang rewrite."),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    result = runner.invoke(app, ["validate", "--strict", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}: questions[0] (migrate): key term 'Change Data Capture (CDC)' is not "
        "mentioned by the model answer",
        f"{path}: questions[0] (migrate): mistake \"Attempting a 'big bang' rewrite\": "
        "the model answer affirms it ('big bang rewrite')",
    ]
