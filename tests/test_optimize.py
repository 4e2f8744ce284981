"""`drill optimize`: fit the FSRS parameters to the review log with fsrs-rs."""

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.optimizer import MIN_ITEMS, optimize, training_items
from drillcards.rating import Rating
from drillcards.scheduler import DEFAULT_PARAMETERS
from drillcards.store import Store

runner = CliRunner()
START = datetime(2026, 1, 5, 9, tzinfo=UTC)


def simulate(home: Path, cards: int, reviews_per_card: int, seed: int = 7) -> Store:
    """A review log of a forgetful learner: recall falls off faster than FSRS's defaults
    expect, so fitted parameters should predict it better."""
    store = Store.open(home / "drill.db")
    store.db.execute("PRAGMA synchronous = OFF")  # test data only
    scheduler = store.scheduler()
    chance = random.Random(seed)
    for card in range(cards):
        key = f"sim/q{card}"
        when = START + timedelta(minutes=card)
        store.record_review(scheduler, key, Rating.GOOD, when, score=None, answer="", duration_ms=1)
        interval_days = 1.0
        for _ in range(reviews_per_card):
            when += timedelta(days=interval_days * chance.uniform(0.8, 1.6))
            recalled = chance.random() < 0.55
            rating = Rating.GOOD if recalled else Rating.AGAIN
            store.record_review(scheduler, key, rating, when, score=None, answer="", duration_ms=1)
            interval_days = interval_days * 2 if recalled else 1.0
    return store


def test_training_items_are_reviews_on_a_later_day(drill_home: Path) -> None:
    store = Store.open(drill_home / "drill.db")
    scheduler = store.scheduler()
    for minutes, rating in ((0, Rating.GOOD), (10, Rating.GOOD), (60 * 24 * 3, Rating.AGAIN)):
        when = START + timedelta(minutes=minutes)
        store.record_review(scheduler, "p/q", rating, when, score=None, answer="", duration_ms=1)
    store.record_review(
        scheduler, "p/q", Rating.GOOD, START + timedelta(days=4), score=None, answer="",
        duration_ms=1, cram=True,
    )  # fmt: skip
    items, reviews = training_items(store, START + timedelta(days=5))
    assert reviews == 3  # practice left out
    [item] = items  # the same-day learning step makes no item of its own
    assert [repr(review) for review in item.reviews] == [
        "FSRSReview { rating: 3, delta_t: 0 }",
        "FSRSReview { rating: 3, delta_t: 0 }",
        "FSRSReview { rating: 1, delta_t: 3 }",
    ]
    store.close()


def test_too_few_reviews_keep_the_defaults_and_say_so(drill_home: Path) -> None:
    simulate(drill_home, 5, 3).close()
    result = runner.invoke(app, ["optimize"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Too few reviews to fit: 15 reviews on a later day than the card's previous one "
        f"(at least {MIN_ITEMS} needed); the parameters in use are kept.\n"
    )
    with Store.open(drill_home / "drill.db") as store:
        assert store.settings().parameters == DEFAULT_PARAMETERS


def test_optimize_fits_better_parameters_stores_them_and_rebuilds_the_cards(
    drill_home: Path,
) -> None:
    simulate(drill_home, 300, 7).close()
    result = runner.invoke(app, ["optimize"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2,400 reviews, 2,")  # an item per review on a later day
    assert lines[0].endswith(" training items.")
    assert lines[1].split() == ["log", "loss", "RMSE"]
    before = [float(value) for value in lines[2].split()[2:]]
    after = [float(value) for value in lines[3].split()[1:]]
    assert lines[2].startswith("in use") and lines[3].startswith("fitted")
    assert after[0] < before[0]  # log loss
    assert lines[4].startswith("Saved the fitted parameters;")
    assert "300 card schedules were recomputed" in lines[4]
    with Store.open(drill_home / "drill.db") as store:
        fitted = store.settings().parameters
        assert fitted != DEFAULT_PARAMETERS and len(fitted) == 21
        assert store.cards_differing_from_log(store.scheduler()) == []
        again = optimize(store, START + timedelta(days=400))  # from the fitted ones now
        assert again.before is not None and again.before.log_loss < before[0]
    doctor = runner.invoke(app, ["doctor"])
    assert doctor.exit_code == 0, doctor.stdout
    reset = runner.invoke(app, ["optimize", "--reset"])
    assert reset.stdout == "Back to the default FSRS parameters; 300 card schedules recomputed.\n"
    with Store.open(drill_home / "drill.db") as store:
        assert store.settings().parameters == DEFAULT_PARAMETERS


def test_optimize_json(drill_home: Path) -> None:
    simulate(drill_home, 150, 6).close()
    document = json.loads(runner.invoke(app, ["optimize", "--json"]).stdout)
    assert set(document) == {"reviews", "items", "before", "after", "saved", "parameters"}
    assert document["reviews"] == 1050 and 800 < document["items"] <= 900
    assert set(document["before"]) == {"log_loss", "rmse"}
    assert document["saved"] is (document["after"]["log_loss"] < document["before"]["log_loss"])
    assert len(document["parameters"]) == 21
