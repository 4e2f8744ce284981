"""`drill stats` and the due/new counts of `drill packs`."""

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.stats import collect_stats
from drillcards.store import Store

runner = CliRunner()
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PACKS = [
    "id: alpha\ntitle: Alpha\nquestions:\n"
    + "".join(f"  - {{id: a{n}, prompt: Question a{n}?}}\n" for n in range(4)),
    "id: beta\ntitle: Beta\nquestions:\n  - {id: b0, prompt: Question b0?}\n",
]


@pytest.fixture
def store(drill_home: Path) -> Iterator[Store]:
    Library(drill_home).install([parse_pack_text(text) for text in PACKS])
    with Store.open(drill_home / "drill.db") as opened:
        yield opened


def rate(store: Store, key: str, rating: Rating, when: datetime, *, cram: bool = False) -> None:
    store.record_review(
        store.scheduler(), key, rating, when, score=0.5, answer="", duration_ms=10, cram=cram
    )


@pytest.fixture(params=["UTC", "Asia/Kathmandu", "XYZ-0:07"])
def local_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Local time in UTC, at +05:45, and at +00:07 (study days that do not start on a
    quarter of an hour, so that the counts come from the log)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()


def stats_json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["stats", "--json", *args])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_a_fresh_home_has_no_retention_yet() -> None:
    document = stats_json()
    assert {"reviews", "cards_seen", "due_now", "retention"} <= set(document)
    assert (document["reviews"], document["cards_seen"], document["due_now"]) == (0, 0, 0)
    assert document["retention"] is None
    assert document["ratings"] == {"again": 0, "hard": 0, "good": 0, "easy": 0}


def test_retention_counts_reviews_of_cards_seen_before(store: Store) -> None:
    rate(store, "alpha/a0", Rating.AGAIN, START)  # first reviews do not count
    rate(store, "alpha/a1", Rating.EASY, START)
    rate(store, "alpha/a0", Rating.GOOD, START + timedelta(minutes=1))  # recalled
    rate(store, "alpha/a1", Rating.AGAIN, START + timedelta(days=5))  # forgotten
    rate(store, "alpha/a1", Rating.GOOD, START + timedelta(days=5, minutes=10))  # recalled
    rate(store, "beta/b0", Rating.GOOD, START, cram=False)
    rate(store, "alpha/a0", Rating.AGAIN, START + timedelta(days=5), cram=True)  # practice
    now = START + timedelta(days=5, hours=1)
    stats = collect_stats(store, Library(store.path.parent), now, None)
    assert (stats.reviews, stats.practice_reviews, stats.cards_seen) == (6, 1, 3)
    assert stats.retention == pytest.approx(2 / 3)
    assert stats.ratings == {Rating.AGAIN: 2, Rating.HARD: 0, Rating.GOOD: 3, Rating.EASY: 1}
    assert (stats.reviews_today, stats.new_today) == (2, 0)
    alpha = collect_stats(store, Library(store.path.parent), now, "alpha")
    assert (alpha.reviews, alpha.cards_seen) == (5, 2)
    assert alpha.retention == pytest.approx(2 / 3)


@pytest.mark.usefixtures("local_zone")
def test_due_now_today_and_the_streak_follow_the_clock(store: Store) -> None:
    library = Library(store.path.parent)
    for day in range(3):
        rate(store, f"alpha/a{day}", Rating.EASY, START + timedelta(days=day))
    third_day = START + timedelta(days=2, hours=1)
    stats = collect_stats(store, library, third_day, None)
    assert (stats.streak_days, stats.reviews_today, stats.new_today, stats.due_now) == (3, 1, 1, 0)
    assert stats.next_due is not None and stats.next_due > third_day
    next_morning = START + timedelta(days=3)  # no review yet today: the streak goes on
    assert collect_stats(store, library, next_morning, None).streak_days == 3
    assert collect_stats(store, library, START + timedelta(days=4), None).streak_days == 0
    much_later = START + timedelta(days=400)
    assert collect_stats(store, library, much_later, None).due_now == 3
    assert collect_stats(store, library, much_later, "beta").due_now == 0


def test_stats_json_table_and_unknown_pack(store: Store) -> None:
    rate(store, "alpha/a0", Rating.GOOD, START)
    document = stats_json("--pack", "alpha")
    assert document["pack"] == "alpha" and document["reviews"] == 1
    table = runner.invoke(app, ["stats"])
    assert table.exit_code == 0
    assert "retention" in table.stdout and "cards seen" in table.stdout
    unknown = runner.invoke(app, ["stats", "--pack", "nope"])
    assert unknown.exit_code == 1
    assert "unknown pack 'nope'" in unknown.stderr


def test_a_removed_pack_keeps_its_statistics(store: Store, drill_home: Path) -> None:
    rate(store, "beta/b0", Rating.GOOD, START)
    (drill_home / "packs" / "beta.json").unlink()
    document = stats_json("--pack", "beta")
    assert (document["reviews"], document["due_now"]) == (1, 0)


def test_packs_report_due_and_new_cards(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rate(store, "alpha/a0", Rating.EASY, START)
    rate(store, "alpha/a1", Rating.AGAIN, START)
    rate(store, "alpha/removed", Rating.AGAIN, START)  # not a question of the pack any more

    def counts() -> dict[str, tuple[int, int]]:
        result = runner.invoke(app, ["packs", "--json"])
        assert result.exit_code == 0, result.output
        return {row["id"]: (row["due"], row["new"]) for row in json.loads(result.stdout)}

    assert counts()["alpha"] == (0, 2)
    assert counts()["beta"] == (0, 1)
    monkeypatch.setenv("DRILL_NOW", (START + timedelta(minutes=5)).isoformat())
    assert counts()["alpha"] == (1, 2)
    monkeypatch.setenv("DRILL_NOW", (START + timedelta(days=60)).isoformat())
    assert counts()["alpha"] == (2, 2)


def test_the_review_totals_kept_per_review_equal_a_recount_of_the_log(store: Store) -> None:
    """Every write keeps `review_counts` as a recount of the log would make it: new cards,
    practice, an undo of a card's first review (its next review becomes its first)."""
    rate(store, "alpha/a0", Rating.AGAIN, START)
    rate(store, "alpha/a0", Rating.GOOD, START + timedelta(minutes=1))
    rate(store, "alpha/a1", Rating.HARD, START, cram=True)
    rate(store, "alpha/a1", Rating.EASY, START + timedelta(minutes=2))
    rate(store, "beta/b0", Rating.GOOD, START + timedelta(minutes=3))
    store.record_review(
        store.scheduler(), "beta/b0", Rating.GOOD, START + timedelta(days=3),
        score=None, answer="", duration_ms=10,
    )  # fmt: skip
    first_of_a0 = store.reviews_of("alpha/a0")[0].id
    store.remove_review(first_of_a0)

    def totals() -> list[tuple[object, ...]]:
        return store.db.execute("SELECT * FROM review_counts ORDER BY 1, 2, 3, 4").fetchall()

    kept = totals()
    library = Library(store.path.parent)
    now = START + timedelta(days=3, hours=1)
    before = collect_stats(store, library, now, None).to_json()
    store.recount_reviews()
    assert totals() == kept
    assert collect_stats(store, library, now, None).to_json() == before
    assert (before["reviews"], before["practice_reviews"], before["cards_seen"]) == (4, 1, 3)
    assert before["ratings"] == {"again": 0, "hard": 0, "good": 3, "easy": 1}
    assert before["retention"] == 1.0  # b0's second review; a0's GOOD is now its first
    assert before["average_score"] == 0.5  # the ungraded review does not count


@pytest.mark.usefixtures("local_zone")
def test_the_streak_and_today_of_one_pack_ignore_the_other_packs(store: Store) -> None:
    library = Library(store.path.parent)
    rate(store, "alpha/a0", Rating.EASY, START)
    rate(store, "beta/b0", Rating.EASY, START + timedelta(days=1))
    rate(store, "alpha/a1", Rating.EASY, START + timedelta(days=2))
    rate(store, "alpha/a0", Rating.GOOD, START + timedelta(days=2, minutes=5), cram=True)
    now = START + timedelta(days=2, hours=1)
    assert collect_stats(store, library, now, None).streak_days == 3
    alpha = collect_stats(store, library, now, "alpha")
    assert (alpha.streak_days, alpha.reviews_today, alpha.new_today) == (1, 1, 1)
    beta = collect_stats(store, library, now, "beta")
    assert (beta.streak_days, beta.reviews_today, beta.new_today) == (1, 0, 0)  # yesterday
