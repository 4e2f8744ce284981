"""The SQLite store: the review log, card states, undo, rebuild, settings, migrations."""

import multiprocessing
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from drillcards.errors import UserError
from drillcards.rating import Rating
from drillcards.scheduler import Phase, Scheduler, SchedulerSettings
from drillcards.store import PAGE_SIZE, SCHEMA_VERSION, Store, from_ms, to_ms

FIXTURES = Path(__file__).parent / "data"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "drill.db")
    yield opened
    opened.close()


def review(store: Store, key: str, rating: Rating, when: datetime, *, cram: bool = False) -> int:
    review_id, _ = store.record_review(
        store.scheduler(),
        key,
        rating,
        when,
        score=0.5,
        answer="an answer",
        duration_ms=1500,
        cram=cram,
    )
    return review_id


def test_a_new_database_is_current_in_wal_mode_with_default_settings(store: Store) -> None:
    assert store.schema_version == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert store.settings() == SchedulerSettings()
    assert store.card("p/q") is None


def test_a_new_database_has_large_pages_and_an_old_one_keeps_its_own(
    store: Store, tmp_path: Path
) -> None:
    assert store.db.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "old_schema_v1.db", path)
    with sqlite3.connect(path) as old:
        old_size = old.execute("PRAGMA page_size").fetchone()[0]
    assert old_size != PAGE_SIZE
    with Store.open(path) as migrated:
        assert migrated.db.execute("PRAGMA page_size").fetchone()[0] == old_size
        review(migrated, "p/q", Rating.GOOD, NOW)
        assert migrated.integrity_problems() == []


def test_milliseconds_round_trip() -> None:
    moment = datetime(2026, 12, 1, 9, 0, 0, 123000, tzinfo=UTC)
    assert from_ms(to_ms(moment)) == moment


def test_a_review_is_logged_with_everything_and_updates_the_card(store: Store) -> None:
    review(store, "p/q", Rating.GOOD, NOW)
    [logged] = store.reviews_of("p/q")
    assert (logged.rating, logged.score, logged.answer, logged.duration_ms) == (
        Rating.GOOD,
        0.5,
        "an answer",
        1500,
    )
    assert logged.reviewed_at == NOW and not logged.cram
    card = store.card("p/q")
    assert card is not None
    assert (logged.phase, logged.due) == (card.state.phase, card.state.due)
    assert (card.pack_id, card.reps, card.lapses, card.introduced) == ("p", 1, 0, NOW)
    assert card.state.due == NOW + timedelta(minutes=10)


def test_lapses_count_again_in_the_review_phase_only(store: Store) -> None:
    review(store, "p/q", Rating.AGAIN, NOW)  # learning: not a lapse
    review(store, "p/q", Rating.EASY, NOW + timedelta(minutes=1))
    card = store.card("p/q")
    assert card is not None and card.state.phase == Phase.REVIEW
    review(store, "p/q", Rating.AGAIN, card.state.due)
    card = store.card("p/q")
    assert card is not None
    assert (card.reps, card.lapses, card.state.phase) == (3, 1, Phase.RELEARNING)


def test_a_practice_review_is_logged_but_leaves_the_schedule(store: Store) -> None:
    review(store, "p/q", Rating.EASY, NOW)
    before = store.card("p/q")
    review(store, "p/q", Rating.AGAIN, NOW + timedelta(days=1), cram=True)
    assert store.card("p/q") == before
    practice = store.reviews_of("p/q")[-1]
    assert practice.cram and practice.phase is practice.due is None
    assert practice.rating == Rating.AGAIN


def test_removing_the_last_review_restores_the_previous_state(store: Store) -> None:
    review(store, "p/q", Rating.GOOD, NOW)
    before = store.card("p/q")
    last = review(store, "p/q", Rating.AGAIN, NOW + timedelta(minutes=10))
    assert store.card("p/q") != before
    assert store.remove_review(last) == before
    assert store.card("p/q") == before
    assert len(store.reviews_of("p/q")) == 1


def test_removing_a_review_replays_the_card_with_the_settings_in_force(store: Store) -> None:
    """The log keeps no memory states: undo replays the card, so the restored state is
    the one `drill doctor` checks against, also after the settings changed."""
    review(store, "p/q", Rating.GOOD, NOW)
    review(store, "p/q", Rating.EASY, NOW + timedelta(minutes=10))
    at_90 = store.card("p/q")
    last = review(store, "p/q", Rating.GOOD, NOW + timedelta(days=3))
    store.save_settings(SchedulerSettings(desired_retention=0.8))
    restored = store.remove_review(last)
    assert at_90 is not None and restored is not None and restored.reps == 2
    assert store.cards_differing_from_log(store.scheduler()) == []
    assert restored.state.due > at_90.state.due  # a longer interval at 0.8


def test_removing_the_only_review_makes_the_card_new_again(store: Store) -> None:
    only = review(store, "p/q", Rating.GOOD, NOW)
    assert store.remove_review(only) is None
    assert store.card("p/q") is None
    with pytest.raises(UserError, match="no review"):
        store.remove_review(only)


def _varied_history(store: Store) -> None:
    ratings = [Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.EASY, Rating.HARD, Rating.GOOD]
    for number in range(12):
        key = f"pack-{number % 3}/q{number}"
        when = NOW
        for step, rating in enumerate(ratings[number % 4 :] + ratings[: number % 4]):
            review(store, key, rating, when)
            card = store.card(key)
            assert card is not None
            when = card.state.due + timedelta(hours=step)  # sometimes late
        review(store, key, Rating.GOOD, when, cram=True)


def test_rebuild_from_the_log_gives_the_same_due_times(store: Store) -> None:
    _varied_history(store)
    rows = "SELECT * FROM cards ORDER BY key"
    before = store.db.execute(rows).fetchall()
    assert len(before) == 12
    assert store.cards_differing_from_log(store.scheduler()) == []
    store.db.execute("UPDATE cards SET due = due + 1 WHERE key = 'pack-1/q4'")
    store.db.execute("DELETE FROM cards WHERE key = 'pack-2/q5'")
    assert store.cards_differing_from_log(store.scheduler()) == ["pack-1/q4", "pack-2/q5"]
    assert store.rebuild_cards(store.scheduler()) == 12
    assert store.db.execute(rows).fetchall() == before


def test_settings_are_stored(store: Store, tmp_path: Path) -> None:
    custom = SchedulerSettings(desired_retention=0.85, learning_steps=(timedelta(minutes=5),))
    store.save_settings(custom)
    with Store.open(tmp_path / "drill.db") as again:
        assert again.settings() == custom
        assert again.scheduler().settings == custom
    store.db.execute("UPDATE settings SET value = '{\"desired_retention\": 7}'")
    with pytest.raises(UserError, match="desired_retention"):
        store.settings()


def test_an_old_schema_is_migrated_keeping_every_review(tmp_path: Path) -> None:
    """The fixture is a version 1 database: four reviews of three cards, one of them from
    a pack that no longer exists; no scores, no practice flag, no settings."""
    path = tmp_path / "drill.db"
    shutil.copy(FIXTURES / "old_schema_v1.db", path)
    with sqlite3.connect(path) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        old_cards = old.execute("SELECT key, due FROM cards ORDER BY key").fetchall()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.review_count() == 4
        assert store.settings() == SchedulerSettings()
        history = store.reviews_of("senior-fullstack/monolith-to-microservices")
        assert [r.rating for r in history] == [Rating.GOOD, Rating.GOOD]
        assert all(r.score is None and not r.cram for r in history)
        card = store.card("senior-fullstack/monolith-to-microservices")
        assert card is not None
        assert card.introduced == history[0].reviewed_at
        assert card.reps == 2 and card.state.phase == Phase.REVIEW
        assert store.card("retired-pack/old-question") is not None
        new_cards = store.db.execute("SELECT key, due FROM cards ORDER BY key").fetchall()
        assert new_cards == old_cards
        assert store.cards_differing_from_log(Scheduler()) == []
        counted = store.db.execute("SELECT * FROM review_counts ORDER BY 1, 2, 3, 4").fetchall()
        assert sum(row[4] for row in counted) == 4  # the totals were counted from the log
        assert {row[0] for row in counted} == {"senior-fullstack", "retired-pack"}
        assert sum(row[4] for row in counted if row[3]) == 3  # three cards' first reviews
        review(store, "senior-fullstack/global-distributed-cache", Rating.GOOD, NOW)
    with Store.open(path) as reopened:
        assert reopened.review_count() == 5


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "drill.db"
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(UserError, match="newer than this drillcards"):
        Store.open(path)


def test_a_file_that_is_not_a_database_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "drill.db"
    path.write_text("not a database, just text " * 100)
    with pytest.raises(UserError, match=r"the database is damaged .* drill doctor"):
        Store.open(path)


def test_a_failed_write_changes_nothing(store: Store) -> None:
    review(store, "p/q", Rating.GOOD, NOW)
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute("DELETE FROM reviews")
        raise RuntimeError("crash in the middle")
    assert store.review_count() == 1


def _open_and_report(path: Path, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        with Store.open(path) as store:
            store.settings()
        results.put("ok")
    except Exception as error:  # reported to the test, which fails on it
        results.put(repr(error))


def test_processes_creating_the_database_at_once_all_open_it(tmp_path: Path) -> None:
    """Switching a new database to WAL takes a lock SQLite's busy handler ignores."""
    context = multiprocessing.get_context("fork")
    for round_number in range(100):
        path = tmp_path / f"round-{round_number}" / "drill.db"
        barrier, results = context.Barrier(3), context.Queue()
        processes = [
            context.Process(target=_open_and_report, args=(path, barrier, results))
            for _ in range(3)
        ]
        for process in processes:
            process.start()
        outcomes = [results.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        assert outcomes == ["ok"] * 3
