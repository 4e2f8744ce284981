"""`drill config`: global and per-pack settings, and what they change."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.preferences import Preferences, global_preferences, pack_preferences
from drillcards.rating import Rating
from drillcards.session import open_session
from drillcards.store import Store

runner = CliRunner()


def pack_text(pack_id: str, count: int) -> str:
    questions = "".join(f"  - {{id: q{n}, prompt: Question {n}?}}\n" for n in range(count))
    return f"id: {pack_id}\ntitle: Pack {pack_id}\nquestions:\n{questions}"


@pytest.fixture
def home(drill_home: Path) -> Path:
    Library(drill_home).install(
        [parse_pack_text(pack_text("one", 6)), parse_pack_text(pack_text("two", 6))]
    )
    return drill_home


def config(*args: str) -> str:
    result = runner.invoke(app, ["config", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_defaults_and_a_table_of_what_is_set(home: Path) -> None:
    assert config() == (
        "setting            global\n"
        "new-per-day        10\n"
        "desired-retention  0.9\n"
        "leech-threshold    8\n"
    )
    assert config("new-per-day", "3") == "new-per-day = 3\n"
    assert config("leech_threshold", "4", "--pack", "two") == "leech-threshold (two) = 4\n"
    assert config("new-per-day", "--pack", "two") == "new-per-day (two) = 3\n"  # the global one
    assert config().splitlines()[0].split() == ["setting", "global", "two"]
    assert config().splitlines()[3].split() == ["leech-threshold", "8", "4"]
    assert json.loads(config("--json")) == {
        "global": {"new-per-day": 3, "desired-retention": 0.9, "leech-threshold": 8},
        "packs": {"two": {"leech-threshold": 4}},
    }


def test_settings_are_kept_in_the_database_and_can_be_reset(home: Path) -> None:
    config("desired-retention", "0.8")
    config("new-per-day", "5", "--pack", "one")
    with Store.open(home / "drill.db") as store:
        assert global_preferences(store) == Preferences(desired_retention=0.8)
        assert store.settings().desired_retention == 0.8  # where the scheduler reads it
        assert pack_preferences(store, "one") == Preferences(new_per_day=5, desired_retention=0.8)
    config("desired-retention", "--reset")
    config("--reset", "--pack", "one")
    with Store.open(home / "drill.db") as store:
        assert global_preferences(store) == Preferences()
        assert pack_preferences(store, "one") == Preferences()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["nope", "1"],
            "unknown setting 'nope' (settings: new-per-day, desired-retention, leech-threshold)",
        ),
        (
            ["desired-retention", "1.5"],
            "desired-retention: '1.5' is not a number from 0.5 to below 1 (e.g. 0.9)",
        ),
        (["new-per-day", "--", "-1"], "new-per-day: must be 0 or more"),
        (["new-per-day", "ten"], "new-per-day: 'ten' is not a whole number, 0 or more"),
        (["leech-threshold", "0"], "leech-threshold: must be 1 or more"),
        (["new-per-day", "3", "--pack", "nope"], "unknown pack 'nope'"),
        (["new-per-day", "3", "--reset"], "give a value or --reset, not both"),
        (["--reset"], "--reset needs a setting name, or --pack for all of a pack's settings"),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(
    home: Path, args: list[str], error: str
) -> None:
    result = runner.invoke(app, ["config", *args])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"drill: {error}")
    assert json.loads(config("--json"))["packs"] == {}


def test_new_per_day_counts_every_pack_and_a_pack_can_have_less(home: Path) -> None:
    config("new-per-day", "4")
    config("new-per-day", "1", "--pack", "one")
    with open_session(home, ["one", "two"]) as session:
        keys = []
        while (card := session.next_card()) is not None:
            keys.append(card.key)
            session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
    assert keys == ["one/q0", "two/q0", "two/q1", "two/q2"]
    with open_session(home, ["one", "two"]) as session:
        assert session.new_left == 0
    with open_session(home, ["two"], new_limit=6) as session:  # --new: the day's total
        assert session.new_left == 2
    with open_session(home, ["one"], new_limit=6) as session:
        assert session.new_left == 0  # the pack's own limit still holds


def test_a_pack_desired_retention_schedules_its_cards_and_doctor_agrees(home: Path) -> None:
    config("desired-retention", "0.7", "--pack", "one")
    for pack_id in ("one", "two"):
        with open_session(home, [pack_id], limit=1) as session:
            card = session.next_card()
            assert card is not None
            session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
    with Store.open(home / "drill.db") as store:
        one, two = store.card("one/q0"), store.card("two/q0")
        assert one is not None and two is not None
        assert one.state.stability == two.state.stability
        assert one.state.due > two.state.due  # lower retention: a longer interval
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert two.state.due - start > timedelta(days=1)
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.stdout


def test_changing_the_desired_retention_reschedules_the_cards_so_doctor_agrees(
    home: Path,
) -> None:
    with open_session(home, ["one"], limit=1) as session:
        card = session.next_card()
        assert card is not None
        session.record(card, Rating.EASY, grade=None, answer="", duration_ms=1)
    with Store.open(home / "drill.db") as store:
        before = store.card("one/q0")
    result = runner.invoke(app, ["config", "desired-retention", "0.7"])
    assert result.stderr == "1 card schedule recomputed from the review log\n"
    with Store.open(home / "drill.db") as store:
        after = store.card("one/q0")
    assert before is not None and after is not None and after.state.due > before.state.due
    assert runner.invoke(app, ["doctor"]).exit_code == 0
