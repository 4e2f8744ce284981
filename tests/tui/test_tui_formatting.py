"""The short texts of the drill screens: word counts, clocks."""

from drillcards.tui.formatting import format_clock, word_count


def test_counts_and_clock() -> None:
    assert word_count("  a strangler\tfig\npattern ") == 4
    assert word_count("") == 0
    assert format_clock(125) == "2:05"
    assert format_clock(9) == "0:09"
    assert format_clock(-3) == "0:00"
