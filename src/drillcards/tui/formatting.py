"""Short human texts of the drill screens only: word counts, clocks, progress.

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


def session_status(position: int, total: int, due_left: int, new_left: int) -> str:
    """The header's progress: "card 3 of 12 · 2 due · 8 new left"."""
    return f"card {position} of {total} · {due_left} due · {new_left} new left"
