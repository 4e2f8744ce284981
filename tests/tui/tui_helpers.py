"""Helpers of the TUI tests: driving the app and reading the database."""

import io
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import TextArea

from drillcards.home import database_path
from drillcards.store import Review, Store

# The answer the tests type to the first sample question: it finds three of the four key
# terms (Token Bucket, Redis, HTTP 429; not Retry-After) and makes one flagged mistake.
GOOD_ANSWER = (
    "I'd use a token bucket per client in Redis, returning HTTP 429, "
    "with a per-instance counter as a fallback."
)


async def settle(pilot: Pilot[None]) -> None:
    """Let the app finish what it is doing (workers, messages, refreshes)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for editor in pilot.app.screen.query(TextArea):
        editor.cursor_blink = False


async def type_answer(pilot: Pilot[None], text: str) -> None:
    """Put `text` in the answer editor as if typed, at the cursor."""
    editor = pilot.app.screen.query_one("#answer", TextArea)
    editor.insert(text)
    await pilot.pause()


def stored_reviews(home: Path) -> list[Review]:
    """Every review in the database of `home`, oldest first."""
    with Store.open(database_path(home)) as store:
        rows = store.db.execute("SELECT DISTINCT card_key FROM reviews").fetchall()
        reviews = [review for (key,) in rows for review in store.reviews_of(key)]
    return sorted(reviews, key=lambda review: review.id)


def screen_text(app: App[None]) -> str:
    """The current screen as plain text, as a terminal would show it (as
    `App.export_screenshot` renders it, but to text instead of SVG)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()
