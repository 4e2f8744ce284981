"""The interview-date plan: its daily new-card target, reviews brought forward near the
date, and the `plan` and `packs` commands."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.catalog import Catalog
from drillcards.cli import app
from drillcards.home import database_path
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.plan import plan_day, save_plan
from drillcards.rating import Rating
from drillcards.session import open_session
from drillcards.store import Store

runner = CliRunner()
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)

PACK = "id: seven\ntitle: Seven\nquestions:\n" + "".join(
    f"  - id: q{n}\n    prompt: Question {n}?\n" for n in range(7)
)
OTHER = "id: other\ntitle: Other\nquestions:\n" + "".join(
    f"  - id: o{n}\n    prompt: Other {n}?\n" for n in range(12)
)


@pytest.fixture
def home(drill_home: Path) -> Path:
    Library(drill_home).install(
        [parse_pack_text(PACK, "seven.yaml"), parse_pack_text(OTHER, "other.yaml")]
    )
    return drill_home


def session_keys(home: Path, **options: object) -> list[str]:
    with open_session(home, **options) as session:  # type: ignore[arg-type]
        keys = []
        while (queued := session._queue.popleft()) is not None:
            keys.append(queued.key)
        return keys


def test_new_cards_per_day_follow_the_plan_for_planned_packs_only(home: Path) -> None:
    result = runner.invoke(app, ["plan", "--by", "2026-12-04", "--pack", "seven"])
    assert result.exit_code == 0, result.output
    assert "3 days left · 7 unseen · today's target: 3 new cards (0 done)" in result.stdout
    keys = session_keys(home, new_limit=2)
    assert [k for k in keys if k.startswith("seven/")] == ["seven/q0", "seven/q1", "seven/q2"]
    assert [k for k in keys if k.startswith("other/")] == ["other/o0", "other/o1"]  # --new


def test_the_target_counts_todays_new_cards_and_every_card_is_seen_by_the_eve(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(database_path(home)) as store:
        Catalog(store, Library(home)).refresh(None)
        save_plan(store, date(2026, 12, 4), ["seven"], NOW)
    seen: list[int] = []
    for day in range(3):
        moment = NOW + timedelta(days=day)
        monkeypatch.setenv("DRILL_NOW", moment.isoformat())
        with open_session(home, ["seven"]) as session:
            for _ in range(50):  # every card of the day, learning steps included
                if (card := session.next_card()) is None:
                    break
                session.record(card, Rating.GOOD, grade=None, answer="", duration_ms=0)
        with Store.open(database_path(home)) as store:
            day_plan = plan_day(store, moment, ["seven"])
        assert day_plan is not None and day_plan.new_left == 0
        seen.append(7 - day_plan.unseen)
    assert seen == [3, 5, 7]  # ceil(7/3), then ceil(4/2), then the last 2


def test_reviews_due_after_the_date_are_brought_forward_in_the_final_days(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(database_path(home)) as store:
        Catalog(store, Library(home)).refresh(None)
        for n in range(4):  # studied long ago, rated easy: due well after the interview
            store.record_review(
                store.scheduler(),
                f"seven/q{n}",
                Rating.EASY,
                NOW - timedelta(days=2),
                score=None,
                answer="",
                duration_ms=0,
            )
        save_plan(store, date(2026, 12, 3), ["seven"], NOW)
        day = plan_day(store, NOW, ["seven"])
    assert day is not None and day.days_left == 2
    assert len(day.bring_forward) == 2  # ceil(4 / 2)
    keys = session_keys(home, pack_ids=["seven"])
    assert sum(k in {f"seven/q{n}" for n in range(4)} for k in keys) == 2


def test_plan_show_clear_and_errors(home: Path) -> None:
    assert "No plan." in runner.invoke(app, ["plan"]).stdout
    past = runner.invoke(app, ["plan", "--by", "2026-11-30"])
    assert past.exit_code == 1 and "is not after today" in past.stderr
    bad = runner.invoke(app, ["plan", "--by", "soon"])
    assert bad.exit_code == 1 and "not a date" in bad.stderr
    assert runner.invoke(app, ["plan", "--by", "2026-12-11"]).exit_code == 0
    assert "Interview on 2026-12-11 (every pack)" in runner.invoke(app, ["plan"]).stdout
    assert runner.invoke(app, ["plan", "--clear"]).stdout == "Plan removed.\n"
    assert "No plan." in runner.invoke(app, ["plan"]).stdout


def test_packs_show_days_left_and_target(home: Path) -> None:
    plain = json.loads(runner.invoke(app, ["packs", "--json"]).stdout)
    assert all(row["plan_target"] is None and row["plan_days_left"] is None for row in plain)
    runner.invoke(app, ["plan", "--by", "2026-12-03", "--pack", "seven"])
    rows = {row["id"]: row for row in json.loads(runner.invoke(app, ["packs", "--json"]).stdout)}
    assert rows["seven"]["plan_days_left"] == 2 and rows["seven"]["plan_target"] == 4
    assert rows["seven"]["new"] == 4 and rows["other"]["new"] == 10
    table = runner.invoke(app, ["packs"]).stdout
    assert "days left" in table and "target" in table
