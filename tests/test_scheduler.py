"""The FSRS wrapper: steps, intervals, reproducible fuzz, settings, the study day."""

import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import fsrs
import pytest

from drillcards.rating import Rating
from drillcards.scheduler import (
    DEFAULT_PARAMETERS,
    Phase,
    Scheduler,
    SchedulerSettings,
    exact_instant,
    study_day_start,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_default_parameters_are_those_of_fsrs() -> None:
    assert tuple(fsrs.scheduler.DEFAULT_PARAMETERS) == DEFAULT_PARAMETERS


def test_a_new_card_rated_good_takes_the_second_learning_step() -> None:
    state = Scheduler().review("p/q", None, 0, Rating.GOOD, NOW)
    assert state.phase == Phase.LEARNING
    assert state.step == 1
    assert state.due == NOW + timedelta(minutes=10)
    assert state.last_review == NOW


def test_good_on_the_last_step_graduates_to_days() -> None:
    scheduler = Scheduler()
    first = scheduler.review("p/q", None, 0, Rating.GOOD, NOW)
    later = NOW + timedelta(minutes=10)
    second = scheduler.review("p/q", first, 1, Rating.GOOD, later)
    assert second.phase == Phase.REVIEW
    assert second.step is None
    assert second.due - later >= timedelta(days=1)


def test_again_restarts_the_learning_steps_and_forgetting_relearns() -> None:
    scheduler = Scheduler()
    state = scheduler.review("p/q", None, 0, Rating.AGAIN, NOW)
    assert (state.phase, state.due) == (Phase.LEARNING, NOW + timedelta(minutes=1))
    reviewed = scheduler.review("p/q", None, 0, Rating.EASY, NOW)
    lapse_time = reviewed.due
    lapsed = scheduler.review("p/q", reviewed, 1, Rating.AGAIN, lapse_time)
    assert lapsed.phase == Phase.RELEARNING
    assert lapsed.due == lapse_time + timedelta(minutes=10)


def test_easy_gives_a_longer_interval_than_good_and_good_than_hard() -> None:
    scheduler = Scheduler()
    review = scheduler.review("p/q", None, 0, Rating.EASY, NOW)
    when = review.due + timedelta(days=1)
    intervals = scheduler.preview("p/q", review, 1, when)
    assert intervals[Rating.AGAIN] < intervals[Rating.HARD] < intervals[Rating.GOOD]
    assert intervals[Rating.GOOD] < intervals[Rating.EASY]
    new_intervals = scheduler.preview("p/q", None, 0, NOW)
    assert new_intervals[Rating.EASY] > new_intervals[Rating.GOOD]


def test_the_fuzz_is_reproducible_and_leaves_the_global_random_state_alone() -> None:
    scheduler = Scheduler()
    state = scheduler.review("p/q", None, 0, Rating.EASY, NOW)
    when = state.due
    random.seed(1234)
    before = random.getstate()
    dues = {scheduler.review("p/q", state, 1, Rating.GOOD, when).due for _ in range(5)}
    assert random.getstate() == before
    assert len(dues) == 1
    # The fuzz does depend on the card: some of these keys land on different days.
    others = {scheduler.review(f"p/q{n}", state, 1, Rating.GOOD, when).due for n in range(20)}
    assert len(others) > 1


def test_times_in_any_zone_are_accepted_and_cut_to_milliseconds() -> None:
    paris = datetime(2026, 12, 1, 10, 0, 0, 123456, tzinfo=ZoneInfo("Europe/Paris"))
    state = Scheduler().review("p/q", None, 0, Rating.AGAIN, paris)
    assert state.last_review == datetime(2026, 12, 1, 9, 0, 0, 123000, tzinfo=UTC)
    assert exact_instant(paris).tzinfo is UTC


def test_retrievability_falls_with_time_and_is_zero_for_a_new_card() -> None:
    scheduler = Scheduler()
    state = scheduler.review("p/q", None, 0, Rating.EASY, NOW)
    soon = scheduler.retrievability(state, NOW + timedelta(days=1))
    late = scheduler.retrievability(state, NOW + timedelta(days=60))
    assert 1 > soon > late > 0
    assert scheduler.retrievability(None, NOW) == 0


def test_settings_round_trip_through_json_and_reject_bad_values() -> None:
    settings = SchedulerSettings(
        desired_retention=0.85,
        learning_steps=(timedelta(minutes=2),),
        relearning_steps=(),
        maximum_interval_days=365,
    )
    assert SchedulerSettings.from_json_dict(settings.to_json_dict()) == settings
    assert SchedulerSettings.from_json_dict({}) == SchedulerSettings()
    with pytest.raises(ValueError, match="desired_retention"):
        SchedulerSettings.from_json_dict({"desired_retention": 1.5})
    with pytest.raises(ValueError, match="parameters"):
        SchedulerSettings.from_json_dict({"parameters": [0.1, 0.2]})
    with pytest.raises(ValueError, match="positive"):
        SchedulerSettings.from_json_dict({"learning_steps_seconds": [0]})
    out_of_bounds = [*DEFAULT_PARAMETERS[:-1], 1000.0]  # the right count, one value too big
    with pytest.raises(ValueError, match="parameters"):
        SchedulerSettings.from_json_dict({"parameters": out_of_bounds})


def test_a_session_shows_its_first_card_without_importing_fsrs(drill_home: Path) -> None:
    """fsrs is imported when a card is first scheduled: the settings every database
    stores hold fsrs's own default weights, which need no validation by fsrs, and the
    scheduler is made when first used (~10 ms of every session start)."""
    code = (
        "import sys\n"
        "from drillcards.cli import main\n"
        "sys.argv = ['drill', 'start', '--plain', '--pack', 'senior-fullstack']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('fsrs imported:', 'fsrs' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], input="", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Your answer" in result.stdout
    assert result.stdout.rstrip().endswith("fsrs imported: False")


def test_settings_change_the_schedule() -> None:
    strict = Scheduler(SchedulerSettings(desired_retention=0.97))
    lenient = Scheduler(SchedulerSettings(desired_retention=0.8))
    assert (
        strict.review("p/q", None, 0, Rating.EASY, NOW).due
        < lenient.review("p/q", None, 0, Rating.EASY, NOW).due
    )


def test_the_study_day_starts_at_four_in_the_morning_local_time() -> None:
    # Local time is UTC in every test (conftest).
    assert study_day_start(NOW) == datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
    late_night = datetime(2026, 12, 2, 2, 30, tzinfo=UTC)
    assert study_day_start(late_night) == datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
