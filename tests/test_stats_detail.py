"""The detailed statistics: heatmap, forecast, true retention, packs, missed key terms."""

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from old_layouts import log_before_version_7
from rich.console import Console
from typer.testing import CliRunner

from drillcards.card_flags import set_suspended
from drillcards.catalog import Catalog
from drillcards.cli import app
from drillcards.library import Library
from drillcards.matcher import grade
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.session import open_session
from drillcards.stats_charts import detailed_stats_view
from drillcards.stats_detail import RETENTION_PERIODS, DetailedStats, collect_detailed_stats
from drillcards.store import Store, due_count

runner = CliRunner()
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PACKS = [
    "id: alpha\ntitle: Alpha\nquestions:\n"
    + "".join(
        f"  - {{id: a{n}, prompt: Question a{n}?, key_terms: [Load Balancer, Sharding]}}\n"
        for n in range(4)
    ),
    "id: beta\ntitle: Beta\nquestions:\n  - {id: b0, prompt: Question b0?}\n",
]


@pytest.fixture
def store(drill_home: Path) -> Iterator[Store]:
    Library(drill_home).install([parse_pack_text(text) for text in PACKS])
    with Store.open(drill_home / "drill.db") as opened:
        Catalog(opened, Library(drill_home)).refresh(None)
        yield opened


def rate(store: Store, key: str, rating: Rating, when: datetime, *, cram: bool = False) -> None:
    store.record_review(
        store.scheduler(), key, rating, when, score=0.5, answer="", duration_ms=10, cram=cram
    )


def detailed(store: Store, now: datetime, pack_id: str | None = None) -> DetailedStats:
    return collect_detailed_stats(store, now, ["alpha", "beta"], pack_id)


def test_true_retention_counts_only_reviews_of_review_phase_cards(store: Store) -> None:
    rate(store, "alpha/a0", Rating.EASY, START)  # new: not counted; straight to review
    rate(store, "alpha/a0", Rating.GOOD, START + timedelta(days=3))  # review phase: passed
    forgotten = START + timedelta(days=40)
    rate(store, "alpha/a0", Rating.AGAIN, forgotten)  # review phase: failed
    rate(store, "alpha/a0", Rating.GOOD, forgotten + timedelta(minutes=10))  # relearning step
    rate(store, "alpha/a0", Rating.GOOD, forgotten + timedelta(minutes=20), cram=True)  # practice
    rate(store, "alpha/a1", Rating.GOOD, START)  # new
    rate(store, "alpha/a1", Rating.AGAIN, START + timedelta(minutes=2))  # learning step
    a0_review = store.reviews_of("alpha/a0")[1]  # the one before the lapse
    assert a0_review.due is not None
    second_interval = a0_review.due - a0_review.reviewed_at
    rows = {
        row.period: row for row in detailed(store, forgotten + timedelta(hours=1)).true_retention
    }
    assert (rows["all_time"].total.passed, rows["all_time"].total.failed) == (1, 1)
    assert rows["all_time"].total.rate == 0.5
    assert (rows["all_time"].young.passed, rows["all_time"].young.failed) == (1, 0)
    mature = second_interval >= timedelta(days=21)
    assert (rows["all_time"].mature.failed, rows["all_time"].young.failed) == (
        (1, 0) if mature else (0, 1)
    )
    assert (rows["today"].total.passed, rows["today"].total.failed) == (0, 1)
    assert (rows["last_week"].total.passed, rows["last_week"].total.failed) == (0, 1)
    assert rows["yesterday"].total.rate is None
    assert list(rows) == ["today", "yesterday", "last_week", "last_month", "last_year", "all_time"]
    assert detailed(store, forgotten, "beta").true_retention[-1].total.rate is None


def test_heatmap_counts_reviews_per_study_day(store: Store) -> None:
    rate(store, "alpha/a0", Rating.GOOD, START)
    rate(store, "alpha/a0", Rating.GOOD, START + timedelta(minutes=10))
    rate(store, "alpha/a1", Rating.GOOD, START + timedelta(days=1, hours=18))  # 03:00: that day
    rate(store, "beta/b0", Rating.GOOD, START + timedelta(days=2), cram=True)
    stats = detailed(store, START + timedelta(days=2))
    assert stats.today == date(2026, 12, 3)
    assert stats.heatmap == {date(2026, 12, 1): 2, date(2026, 12, 2): 1, date(2026, 12, 3): 1}
    assert detailed(store, START + timedelta(days=2), "alpha").heatmap == {
        date(2026, 12, 1): 2,
        date(2026, 12, 2): 1,
    }


def test_forecast_counts_unsuspended_cards_by_due_day(store: Store) -> None:
    for key in ("alpha/a0", "alpha/a1", "alpha/a2", "beta/b0"):
        rate(store, key, Rating.EASY, START)
    due = {key: store.card(key).state.due for key in ("alpha/a0", "beta/b0")}  # type: ignore[union-attr]
    set_suspended(store, ["alpha/a1"], True)
    stats = detailed(store, START)
    assert len(stats.forecast) == 30 and sum(stats.forecast) == 3
    offset = (due["alpha/a0"].date() - START.date()).days
    assert stats.forecast[offset] >= 1
    later = detailed(store, START + timedelta(days=60))  # all overdue: today
    assert later.forecast[0] == 3 and sum(later.forecast) == 3
    assert sum(detailed(store, START, "beta").forecast) == 1


def test_packs_table_counts(store: Store) -> None:
    rate(store, "alpha/a0", Rating.EASY, START)
    rate(store, "alpha/a0", Rating.AGAIN, START + timedelta(days=20))
    rate(store, "alpha/a1", Rating.GOOD, START)
    set_suspended(store, ["alpha/a2"], True)
    rows = {row.pack_id: row for row in detailed(store, START + timedelta(days=20)).packs}
    alpha = rows["alpha"]
    assert (alpha.title, alpha.questions, alpha.seen, alpha.new) == ("Alpha", 4, 2, 1)
    assert (alpha.reviews, alpha.lapses, alpha.suspended, alpha.leeches) == (3, 1, 1, 0)
    assert alpha.due == 1  # a1 (a0 is relearning, due in 10 minutes)
    assert (rows["beta"].questions, rows["beta"].seen, rows["beta"].new) == (1, 0, 1)


def test_the_packs_table_counts_the_due_cards_as_due_count_does(store: Store) -> None:
    """`drill stats` takes its "due now" from the packs table instead of counting again."""
    for key in ("alpha/a0", "alpha/a1", "alpha/a2", "alpha/a3", "beta/b0"):
        rate(store, key, Rating.GOOD, START)
    set_suspended(store, ["alpha/a1"], True)
    for days in (0, 2, 5, 60):
        now = START + timedelta(days=days)
        for pack_id, pack_ids in ((None, ["alpha", "beta"]), ("beta", ["beta"])):
            assert detailed(store, now, pack_id).due_now == due_count(store, now, pack_ids)
    assert detailed(store, START + timedelta(days=60)).due_now == 4


def test_missed_terms_are_counted_across_sessions_and_undo_forgets_them(drill_home: Path) -> None:
    Library(drill_home).install([parse_pack_text(text) for text in PACKS])
    for answer in ("a load balancer", "nothing much"):
        with open_session(drill_home, ["alpha"], limit=1, new_limit=10) as session:
            card = session.next_card()
            assert card is not None
            result = grade(card.question, answer)
            session.record(card, Rating.AGAIN, grade=result, answer=answer, duration_ms=5)
    with open_session(drill_home, ["alpha"], limit=1) as session:
        card = session.next_card()
        assert card is not None
        session.record(card, Rating.GOOD, grade=grade(card.question, ""), answer="", duration_ms=5)
        session.undo()
        stats = collect_detailed_stats(session.store, START, ["alpha"], None)
        assert stats.missed_terms == [("Sharding", 2), ("Load Balancer", 1)]


def test_stats_json_keeps_its_fields_and_adds_the_charts(store: Store) -> None:
    rate(store, "alpha/a0", Rating.GOOD, START)
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    old = {
        "pack", "reviews", "practice_reviews", "cards_seen", "due_now", "retention", "ratings",
        "reviews_today", "new_today", "average_score", "streak_days", "next_due",
    }  # fmt: skip
    new = {"heatmap", "forecast", "true_retention", "packs", "missed_terms"}
    assert set(document) == old | new
    assert document["reviews"] == 1 and document["cards_seen"] == 1
    assert document["heatmap"] == [{"day": "2026-12-01", "reviews": 1}]
    assert document["forecast"][0] == {"day": "2026-12-01", "due": 1}
    assert len(document["forecast"]) == 30
    assert document["true_retention"]["all_time"] == {
        "young": {"passed": 0, "failed": 0, "rate": None},
        "mature": {"passed": 0, "failed": 0, "rate": None},
        "total": {"passed": 0, "failed": 0, "rate": None},
    }
    alpha = next(row for row in document["packs"] if row["id"] == "alpha")
    assert alpha == {
        "id": "alpha", "title": "Alpha", "questions": 4, "seen": 1, "due": 0, "new": 3,
        "reviews": 1, "lapses": 0, "suspended": 0, "leeches": 0,
    }  # fmt: skip
    assert document["missed_terms"] == []
    one = json.loads(runner.invoke(app, ["stats", "--json", "--pack", "beta"]).stdout)
    assert [row["id"] for row in one["packs"]] == ["beta"] and one["heatmap"] == []


def test_stats_prints_the_charts(store: Store) -> None:
    for day in range(10):
        rate(store, "alpha/a0", Rating.GOOD, START - timedelta(days=day * 3))
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0
    for heading in ("Reviews, last year", "Due, next 30 days", "True retention", "Packs",
                    "Key terms missed most"):  # fmt: skip
        assert heading in result.stdout
    assert "10 reviews on 10 days" in result.stdout


def test_the_charts_render_untrusted_text_literally(store: Store) -> None:
    stats = DetailedStats(
        today=date(2026, 12, 1),
        heatmap={date(2026, 12, 1): 4, date(2026, 11, 30): 1},
        forecast=[5, 0, 10] + [0] * 27,
        true_retention=[],
        packs=[],
        missed_terms=[("[bold red]Term[/]", 3)],
    )
    console = Console(width=80, record=True, color_system=None)
    console.print(detailed_stats_view(stats, 80))
    text = console.export_text()
    assert "[bold red]Term[/]" in text
    assert "█" in text and "5 reviews on 2 days" in text
    assert "today 5 · next 7 days 15 · next 30 days 15" in text


def test_the_running_totals_match_a_backfill_from_the_log_and_follow_undo(store: Store) -> None:
    """The triggers keep the totals that migrating an old database computes from its log."""
    when = START - timedelta(days=200)
    for step, rating in enumerate([Rating.EASY, Rating.GOOD, Rating.AGAIN, Rating.GOOD] * 3):
        rate(store, "alpha/a0", rating, when + timedelta(days=step * 9))
        rate(store, "beta/b0", Rating.EASY, when + timedelta(days=step * 5, hours=3))
    rate(store, "alpha/a1", Rating.GOOD, START - timedelta(days=1), cram=True)
    live = detailed(store, START)
    assert live.true_retention[-1].total.passed > 0
    tables = ("review_quarters", "missed_term_counts", "missed_terms")
    with store.transaction() as db:  # back to schema 3, with the same log
        log_before_version_7(db)  # (its triggers go with `review_log`)
        db.execute("DROP VIEW retention_counts")  # (in review_quarters since schema 8)
        for trigger in ("missed_terms_counted", "missed_terms_uncounted"):
            db.execute(f"DROP TRIGGER {trigger}")
        for table in (*tables, "card_flags"):
            db.execute(f"DROP TABLE {table}")
        db.execute("DROP TABLE drafts")  # made by the later migration 5
        for table in ("interview_answers", "interviews", "plan"):  # the later migration 6
            db.execute(f"DROP TABLE {table}")
        db.execute("PRAGMA user_version = 3")
    path = store.path
    with Store.open(path) as migrated:
        assert detailed(migrated, START) == live
        review = migrated.reviews_of("beta/b0")[-1]  # a review-phase review
        migrated.remove_review(review.id)
        after_undo = detailed(migrated, START)
        assert sum(after_undo.heatmap.values()) == sum(live.heatmap.values()) - 1
        all_time = after_undo.true_retention[-1].total
        assert all_time.passed + all_time.failed == (
            live.true_retention[-1].total.passed + live.true_retention[-1].total.failed - 1
        )


def test_true_retention_sums_each_band_of_every_pack_as_one_grouping_does(store: Store) -> None:
    now = START + timedelta(days=400)
    quarter = 900_000
    today = int((now - timedelta(hours=5)).timestamp() * 1000) // quarter  # past 04:00
    rows = [
        (pack, today - days_back * 96 + offset, mature, passed, 1 + days_back % 7)
        for pack in ("alpha", "beta", "gone")  # "gone": removed, still counted for all packs
        for days_back in (0, 1, 2, 5, 6, 7, 20, 29, 30, 200, 364, 365, 700)
        for offset in (-1, 0, 1)
        for mature in (0, 1)
        for passed in (0, 1)
    ]
    columns = {(0, 0): "young_failed", (0, 1): "young_passed"}
    columns |= {(1, 0): "mature_failed", (1, 1): "mature_passed"}
    for pack, q, mature, passed, reviews in rows:
        column = columns[(mature, passed)]
        store.db.execute(
            f"INSERT INTO review_quarters (pack_id, quarter, reviews, {column}) "
            f"VALUES (?, ?, 0, ?) ON CONFLICT DO UPDATE SET {column} = excluded.{column}",
            (pack, q, reviews),
        )
    detailed_now = collect_detailed_stats(store, now, ["alpha", "beta"], None).true_retention
    alpha_only = collect_detailed_stats(store, now, ["alpha", "beta"], "alpha").true_retention
    day_start = int(datetime(2028, 1, 5, 4, tzinfo=UTC).timestamp() * 1000) // quarter
    starts = [day_start - days * 96 for days in (0, 1, 6, 29, 364)]

    def band(q: int) -> int:
        return next((index for index, start in enumerate(starts) if q >= start), len(starts))

    for packs, measured in ((("alpha", "beta", "gone"), detailed_now), (("alpha",), alpha_only)):
        for row in measured:
            for mature, rate_of in ((0, row.young), (1, row.mature)):
                expected = [
                    sum(
                        reviews
                        for pack, q, m, p, reviews in rows
                        if pack in packs and band(q) in RETENTION_PERIODS[row.period]
                        if m == mature and p == passed
                    )
                    for passed in (1, 0)
                ]
                assert [rate_of.passed, rate_of.failed] == expected, (row.period, mature)


def test_the_packs_table_takes_each_packs_questions_by_key_prefix(drill_home: Path) -> None:
    texts = [
        "id: ab\ntitle: AB\nquestions:\n  - {id: x, prompt: X?}\n",
        "id: ab-c\ntitle: AB-C\nquestions:\n  - {id: y, prompt: Y?}\n  - {id: z, prompt: Z?}\n",
        "id: ab0\ntitle: AB0\nquestions:\n  - {id: w, prompt: W?}\n",
    ]
    Library(drill_home).install([parse_pack_text(text) for text in texts])
    with Store.open(drill_home / "drill.db") as opened:
        pack_ids = Catalog(opened, Library(drill_home)).refresh(None)
        rate(opened, "ab-c/y", Rating.GOOD, START)
        rows = collect_detailed_stats(opened, START, pack_ids, None).packs
    counts = {row.pack_id: (row.title, row.questions, row.seen) for row in rows}
    assert [row.pack_id for row in rows] == sorted(pack_ids)
    assert counts["ab"] == ("AB", 1, 0) and counts["ab-c"] == ("AB-C", 2, 1)
    assert counts["ab0"] == ("AB0", 1, 0)


def test_the_heatmap_sums_every_pack_of_a_day_and_leaves_out_days_without_reviews(
    store: Store,
) -> None:
    now = START + timedelta(days=30)
    quarter = 900_000
    first = int((now - timedelta(days=400)).timestamp() * 1000) // quarter
    rows = [
        (pack, first + step * 37, (step + len(pack)) % 3)  # some quarters count 0
        for pack in ("alpha", "beta", "gone")  # "gone": removed, still in every pack's map
        for step in range(1100)
    ]
    store.db.executemany(
        "INSERT OR REPLACE INTO review_quarters (pack_id, quarter, reviews) VALUES (?, ?, ?)", rows
    )

    def expected(packs: tuple[str, ...]) -> dict[date, int]:
        day_start = int(datetime(2026, 12, 31, 4, tzinfo=UTC).timestamp() * 1000)
        since = (day_start - 364 * 86_400_000) // quarter
        days: dict[int, int] = {}
        for pack, q, reviews in rows:
            if pack in packs and q >= since:
                number = (q * quarter - 4 * 3_600_000) // 86_400_000
                days[number] = days.get(number, 0) + reviews
        today = (int(now.timestamp() * 1000) - 4 * 3_600_000) // 86_400_000
        return {
            date(1970, 1, 1) + timedelta(days=n): c
            for n, c in sorted(days.items())
            if c > 0 and n <= today
        }

    every = detailed(store, now).heatmap
    assert every == expected(("alpha", "beta", "gone")) and len(every) > 300
    assert list(every) == sorted(every)
    assert detailed(store, now, "beta").heatmap == expected(("beta",))
