"""`drill remove`, `drill list`, `drill suspend`/`unsuspend`, `--tag`/`--category`, the
new-card limit across packs, and leeches."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.card_flags import CardFlags, flags_of, is_leech_lapse
from drillcards.cli import app
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.plain import run_plain
from drillcards.rating import Rating
from drillcards.session import open_session
from drillcards.store import Store

runner = CliRunner()

PACK = """\
id: tiny
title: Tiny
questions:
  - {id: gateway, prompt: What does an API gateway do?, category: architecture,
     tags: [Networking, api], key_terms: [Reverse Proxy]}
  - {id: cache, prompt: When would you add a cache?, category: performance, tags: [caching]}
  - {id: queue, prompt: Why use a message queue?, category: architecture}
"""
OTHER = "id: other\ntitle: Other\nquestions:\n" + "".join(
    f"  - {{id: o{n}, prompt: Other question {n}?}}\n" for n in range(5)
)


@pytest.fixture
def home(drill_home: Path) -> Path:
    Library(drill_home).install([parse_pack_text(PACK), parse_pack_text(OTHER)])
    return drill_home


def listed(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["list", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def keys(*args: str) -> list[str]:
    """Keys of the cards `drill list` gives of the two test packs."""
    return [str(card["key"]) for card in listed("-p", "tiny", "-p", "other", *args)]


def drill(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the real `drill` program, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "drillcards", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def review_all(home: Path, pack_ids: list[str], rating: str = "3") -> str:
    """A plain session rating every card `rating` (empty answers)."""
    out = StringIO()
    with open_session(home, pack_ids) as session:
        run_plain(session, StringIO(f".\n{rating}\n" * 50), out)
    return out.getvalue()


# --- drill list --------------------------------------------------------------------------


def test_list_shows_every_question_with_its_state(home: Path) -> None:
    cards = listed("--pack", "tiny")
    assert [card["key"] for card in cards] == ["tiny/gateway", "tiny/cache", "tiny/queue"]
    assert cards[0] == {
        "key": "tiny/gateway",
        "pack": "tiny",
        "question": "gateway",
        "prompt": "What does an API gateway do?",
        "category": "architecture",
        "tags": ["Networking", "api"],
        "state": "new",
        "due": None,
        "reps": 0,
        "lapses": 0,
        "suspended": False,
        "leech": False,
    }
    review_all(home, ["tiny"])
    [gateway] = listed("--pack", "tiny", "--search", "gateway")
    assert gateway["state"] == "review" and gateway["reps"] == 2
    assert gateway["due"] is not None and str(gateway["due"]).startswith("2026-12-0")


def test_list_searches_ids_and_prompts_by_every_word(home: Path) -> None:
    assert keys("--search", "CACHE") == ["tiny/cache"]
    assert keys("--search", "message queue") == ["tiny/queue"]
    assert keys("--search", "queue gateway") == []
    assert keys("--search", "o3") == ["other/o3"]
    assert keys("--search", "100%") == []  # LIKE wildcards are literal


def test_list_filters_by_tag_and_category_ignoring_case(home: Path) -> None:
    assert keys("--tag", "networking") == ["tiny/gateway"]
    assert keys("--tag", "caching", "--tag", "api") == ["tiny/gateway", "tiny/cache"]
    assert keys("--category", "Architecture") == ["tiny/gateway", "tiny/queue"]
    assert keys("--category", "architecture", "--tag", "api") == ["tiny/gateway"]


def test_list_table_and_nothing_found(home: Path) -> None:
    result = runner.invoke(app, ["list", "--pack", "tiny"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["question", "state", "due", "lapses", "prompt"]
    assert lines[1].split()[:4] == ["tiny/gateway", "new", "-", "0"]
    result = runner.invoke(app, ["list", "--search", "zzz"])
    assert result.stdout == "No questions match.\n"
    result = runner.invoke(app, ["list", "--pack", "nope"])
    assert result.exit_code == 1 and "unknown pack 'nope'" in result.stderr


# --- drill suspend / unsuspend -------------------------------------------------------------


def test_suspended_cards_are_never_queued(home: Path) -> None:
    result = runner.invoke(app, ["suspend", "tiny/gateway", "tiny/queue"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Suspended tiny/gateway, tiny/queue.\n"
    with open_session(home, ["tiny"]) as session:
        assert session.new_left == 1 and session.next_card().key == "tiny/cache"  # type: ignore[union-attr]
    packs = {p["id"]: p for p in json.loads(runner.invoke(app, ["packs", "--json"]).stdout)}
    assert packs["tiny"]["new"] == 1
    [gateway] = listed("--search", "API gateway")
    assert gateway["suspended"] is True
    assert runner.invoke(app, ["unsuspend", "tiny/gateway"]).exit_code == 0
    with open_session(home, ["tiny"]) as session:
        assert session.new_left == 2


def test_a_suspended_due_card_is_not_due_nor_practised(home: Path) -> None:
    review_all(home, ["tiny"])
    runner.invoke(app, ["suspend", "tiny/gateway"])
    with open_session(home, ["tiny"], cram=True) as session:
        assert session.total == 2
    result = runner.invoke(app, ["stats", "--json"], env={"DRILL_NOW": "2027-06-01T09:00:00+00:00"})
    assert json.loads(result.stdout)["due_now"] == 2


def test_suspend_refuses_unknown_questions_and_changes_nothing(home: Path) -> None:
    result = runner.invoke(app, ["suspend", "tiny/cache", "tiny/nope"])
    assert result.exit_code == 1
    assert result.stderr == "drill: tiny/nope: no such question (see drill list)\n"
    result = runner.invoke(app, ["suspend", "gateway"])
    assert result.exit_code == 1 and "PACK/QUESTION" in result.stderr
    with Store.open(home / "drill.db") as store:
        assert flags_of(store, "tiny/cache") == CardFlags()


# --- --tag / --category on start and review ------------------------------------------------


def test_start_and_review_take_tags_and_categories(home: Path) -> None:
    started = drill("start", "--plain", "--category", "architecture", stdin=".\n3\n" * 10)
    assert started.returncode == 0, started.stderr
    assert "tiny/gateway (new)" in started.stdout and "tiny/queue (new)" in started.stdout
    assert "tiny/cache" not in started.stdout and "other/" not in started.stdout
    later = {"DRILL_NOW": "2027-06-01T09:00:00+00:00"}
    reviewed = subprocess.run(
        [sys.executable, "-m", "drillcards", "review", "--due", "--plain", "--tag", "API"],
        input=".\n3\n" * 5,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **later},
    )
    assert reviewed.returncode == 0, reviewed.stderr
    assert "tiny/gateway (due)" in reviewed.stdout and "tiny/queue" not in reviewed.stdout


# --- the new-card limit across packs -------------------------------------------------------


def test_the_new_card_limit_counts_every_pack(home: Path) -> None:
    with open_session(home, ["other"], new_limit=4) as session:
        assert session.new_left == 4
        while (card := session.next_card()) is not None:
            session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
    with open_session(home, ["tiny"], new_limit=4) as session:
        assert session.new_left == 0  # switching packs does not get around the limit
    with open_session(home, ["tiny"], new_limit=5) as session:
        assert session.new_left == 1


# --- drill remove --------------------------------------------------------------------------


def test_remove_keeps_the_history_and_a_reimport_restores_it(home: Path, tmp_path: Path) -> None:
    review_all(home, ["tiny"])
    runner.invoke(app, ["suspend", "tiny/queue"])
    before = listed("--pack", "tiny")
    result = runner.invoke(app, ["remove", "tiny", "--yes"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Removed tiny. Its review history is kept")
    assert not (home / "packs" / "tiny.json").exists()
    packs = json.loads(runner.invoke(app, ["packs", "--json"]).stdout)
    assert "tiny" not in [pack["id"] for pack in packs]
    assert listed("--search", "gateway") == []
    pack_file = tmp_path / "tiny.yaml"
    pack_file.write_text(PACK)
    assert runner.invoke(app, ["import", str(pack_file)]).exit_code == 0
    assert listed("--pack", "tiny") == before


def test_remove_asks_first(home: Path) -> None:
    result = runner.invoke(app, ["remove", "tiny"], input="n\n")
    assert result.exit_code == 0 and "Remove the pack tiny?" in result.stdout
    assert result.stdout.endswith("Nothing removed.\n")
    assert (home / "packs" / "tiny.json").exists()
    result = runner.invoke(app, ["remove", "tiny"], input="")
    assert result.exit_code == 1
    assert result.stderr == "drill: remove tiny: not confirmed (--yes); nothing removed\n"
    result = runner.invoke(app, ["remove", "tiny"], input="y\n")
    assert result.exit_code == 0 and not (home / "packs" / "tiny.json").exists()


def test_bundled_packs_cannot_be_removed() -> None:
    result = drill("remove", "senior-fullstack", "--yes")
    assert result.returncode == 1
    assert result.stderr == (
        "drill: senior-fullstack is a bundled pack: it comes with drillcards "
        "and cannot be removed\n"
    )
    assert drill("remove", "nope", "--yes").stderr.startswith("drill: unknown pack 'nope'")


def test_removing_an_import_that_replaced_a_bundled_pack_brings_the_bundled_one_back(
    home: Path,
) -> None:
    bundled = Library(home).get("senior-fullstack")
    Library(home).install([bundled.model_copy(update={"title": "Mine"})])
    result = runner.invoke(app, ["remove", "senior-fullstack", "--yes"])
    assert result.exit_code == 0
    assert "The bundled pack senior-fullstack is in use again." in result.stdout
    assert Library(home).get("senior-fullstack").title == bundled.title


# --- leeches -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lapses", "threshold", "leech"),
    [
        (7, 8, False),
        (8, 8, True),
        (9, 8, False),
        (12, 8, True),
        (16, 8, True),
        (1, 1, True),
        (2, 1, True),
        (3, 4, False),
        (4, 4, True),
        (6, 4, True),
    ],
)
def test_leech_lapses(lapses: int, threshold: int, leech: bool) -> None:
    assert is_leech_lapse(lapses, threshold) is leech


def lapse(home: Path, times: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """Bring tiny/gateway to review, then forget it `times` times; the plain output."""
    from datetime import UTC, datetime, timedelta

    moment = datetime(2026, 12, 1, 9, tzinfo=UTC)
    output = ""
    for day in range(times + 1):
        monkeypatch.setenv("DRILL_NOW", (moment + timedelta(days=40 * day)).isoformat())
        out = StringIO()
        rating = "4" if day == 0 else "1"
        # rate Again once (a lapse), then Good till the card is back in review
        script = f".\n{rating}\n" + ".\n3\n" * 5
        with open_session(home, ["tiny"], limit=1) as session:
            run_plain(session, StringIO(script), out)
        output += out.getvalue()
    return output


def test_a_card_lapsing_to_the_threshold_becomes_a_leech_and_is_suspended(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(home / "drill.db") as store:
        from drillcards.preferences import set_preference

        set_preference(store, "leech_threshold", 3, "tiny")
    output = lapse(home, 3, monkeypatch)
    assert output.count("Leech: tiny/gateway keeps being forgotten") == 1
    assert (
        "Leech: tiny/gateway keeps being forgotten, so it is tagged leech and suspended. "
        "Rewrite it (drill edit tiny/gateway), then drill unsuspend tiny/gateway.\n"
    ) in output
    [gateway] = listed("--tag", "leech")
    assert gateway["key"] == "tiny/gateway" and gateway["lapses"] == 3
    assert gateway["suspended"] is True and gateway["leech"] is True
    with open_session(home, ["tiny"], new_limit=0, cram=True) as session:
        assert session.total == 0  # suspended: not even practised
    runner.invoke(app, ["unsuspend", "tiny/gateway"])
    [gateway] = listed("--tag", "leech")  # unsuspending keeps the tag
    assert gateway["suspended"] is False


def test_undoing_the_rating_that_made_a_leech_unmarks_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(home / "drill.db") as store:
        from drillcards.preferences import set_preference

        set_preference(store, "leech_threshold", 1, None)
    lapse(home, 0, monkeypatch)  # in review now
    from datetime import UTC, datetime

    monkeypatch.setenv("DRILL_NOW", datetime(2027, 3, 1, tzinfo=UTC).isoformat())
    with open_session(home, ["tiny"], limit=1) as session:
        card = session.next_card()
        assert card is not None and card.key == "tiny/gateway"
        assert session.record(card, Rating.AGAIN, grade=None, answer="", duration_ms=1) is True
        assert session.next_card() is None  # a leech leaves the session
        assert flags_of(session.store, card.key) == CardFlags(suspended=True, leech=True)
        session.undo()
        assert flags_of(session.store, card.key) == CardFlags()
