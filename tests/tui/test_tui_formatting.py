"""The short texts of the drill screens: word counts, clocks, what is due next."""

from dataclasses import replace
from datetime import UTC, datetime

from drillcards.rating import Rating
from drillcards.session import SessionSummary
from drillcards.tui.formatting import format_clock, word_count
from drillcards.tui.screens.summary import next_due_text


def test_counts_and_clock() -> None:
    assert word_count("  a strangler\tfig\npattern ") == 4
    assert word_count("") == 0
    assert format_clock(125) == "2:05"
    assert format_clock(9) == "0:09"
    assert format_clock(-3) == "0:00"


def test_the_summary_says_cards_already_due_before_later_ones() -> None:
    when = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    summary = SessionSummary(
        cards=1,
        reviews=1,
        ratings={rating: 0 for rating in Rating},
        average_score=None,
        missed_terms=(),
        next_due=(when, 4),
        due_now=3,
        cram=False,
    )
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert next_due_text(summary, now).plain == "Next review: 3 cards due now."
    later = replace(summary, due_now=0)
    assert next_due_text(later, now).plain == "Next review: 4 cards due in 1d."
