"""`drill --version`, `drill packs`, `drill validate` and `drill export` (YAML)."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards import __version__
from drillcards.cli import app
from drillcards.home import data_home
from drillcards.library import Library
from drillcards.packs import load_pack, parse_pack_text
from drillcards.rating import Rating

runner = CliRunner()

SMALL_PACK = "id: small\ntitle: Small\nquestions:\n  - {id: a, prompt: What is a?}\n"


def drill(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `drill` program, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "drillcards", *args], capture_output=True, text=True, timeout=60
    )


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"drill {__version__}"


def test_packs_json_lists_the_bundled_pack() -> None:
    result = runner.invoke(app, ["packs", "--json"])
    assert result.exit_code == 0, result.output
    packs = json.loads(result.stdout)
    [bundled] = [pack for pack in packs if pack["id"] == "senior-fullstack"]
    assert bundled["questions"] == 15
    assert bundled["new"] == 10  # today's share: 10 new cards a day
    assert bundled["due"] == 0
    assert set(bundled) == {"id", "title", "questions", "due", "new"}


def test_packs_new_is_what_today_allows_and_unseen_is_every_new_card(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from drillcards.session import open_session

    with open_session(data_home(), ["senior-fullstack"], new_limit=3) as session:
        while (card := session.next_card()) is not None:
            session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)

    def bundled() -> dict[str, object]:
        packs = json.loads(runner.invoke(app, ["packs", "--json"]).stdout)
        return next(pack for pack in packs if pack["id"] == "senior-fullstack")

    assert bundled()["new"] == 7  # 10 a day, 3 already introduced today
    table = runner.invoke(app, ["packs"]).stdout
    assert re.search(r"senior-fullstack .* 15 +0 +7 +12 *$", table, flags=re.MULTILINE), table
    monkeypatch.setenv("DRILL_NOW", "2026-12-02T09:00:00+00:00")  # the next study day
    assert bundled()["new"] == 10


def test_packs_table() -> None:
    result = runner.invoke(app, ["packs"])
    assert result.exit_code == 0
    assert "senior-fullstack" in result.stdout


def test_installed_pack_is_listed(drill_home: Path) -> None:
    Library(drill_home).install([parse_pack_text(SMALL_PACK)])
    packs = json.loads(runner.invoke(app, ["packs", "--json"]).stdout)
    assert [pack["id"] for pack in packs] == ["senior-fullstack", "small"]


def test_validate_good_and_bad(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(SMALL_PACK)
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL_PACK.replace("prompt:", "promt:"))
    result = runner.invoke(app, ["validate", str(good)])
    assert result.exit_code == 0
    assert "ok (small, 1 question)" in result.stdout
    result = runner.invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"{bad}:4:5: questions[0]: prompt is required",
        f"{bad}:4:13: questions[0]: unknown key 'promt' (did you mean 'prompt'?)",
    ]


def test_validate_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_validate_bundled_packs_folder() -> None:
    folder = Path(__file__).resolve().parents[1] / "data" / "questions"
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output


def test_export_yaml_revalidates_to_an_equal_pack(tmp_path: Path, drill_home: Path) -> None:
    result = runner.invoke(app, ["export", "senior-fullstack"])
    assert result.exit_code == 0
    exported = tmp_path / "exported.yaml"
    exported.write_text(result.stdout, encoding="utf-8")
    assert runner.invoke(app, ["validate", str(exported)]).exit_code == 0
    assert load_pack(exported) == Library(drill_home).get("senior-fullstack")


def test_export_to_file(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    result = runner.invoke(app, ["export", "senior-fullstack", "-o", str(target)])
    assert result.exit_code == 0
    assert load_pack(target).id == "senior-fullstack"


def test_unknown_pack_is_a_user_error() -> None:
    result = runner.invoke(app, ["export", "nope"])
    assert result.exit_code == 1
    assert result.stderr.startswith("drill: unknown pack 'nope'")


def test_real_executable_exit_codes(tmp_path: Path) -> None:
    version = drill("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"drill {__version__}")
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [oops\n")
    result = drill("validate", str(broken))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert drill("no-such-command").returncode == 2
