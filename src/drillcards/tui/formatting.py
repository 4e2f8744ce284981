"""Short human texts of the drill screens only: word counts, clocks.

Plain Python (no Textual), so it is easy to test. Texts every front end shares are
in `drillcards.humanize`.
"""


def word_count(text: str) -> int:
    """How many words an answer has (runs of non-space characters)."""
    return len(text.split())


def format_clock(seconds: int) -> str:
    """A countdown reading: "2:05", "0:09"."""
    seconds = max(0, seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"
