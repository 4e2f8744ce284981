"""One question of a mock interview: the prompt, the answer box and the clock.

No feedback is shown: submitting goes straight on to the next question.
"""

import time
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from drillcards.catalog import CatalogCard
from drillcards.tui.formatting import format_clock
from drillcards.tui.widgets.answer_editor import AnswerEditor
from drillcards.tui.widgets.countdown import Countdown
from drillcards.tui.widgets.prompt_card import PromptCard


class InterviewAnswered(Message):
    """The answer to the question showing is in."""

    def __init__(self, answer: str, duration_ms: int) -> None:
        super().__init__()
        self.answer = answer
        """The answer as typed."""
        self.duration_ms = duration_ms
        """Time from showing the question to submitting it."""


class InterviewQuestionScreen(Screen[None]):
    """Ask one interview question; the clock shows the time taken (and any time left)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Next question", id="submit"),
        Binding("ctrl+j", "submit", "Next question", show=False, id="submit-alt"),
    ]

    def __init__(self, card: CatalogCard, *, number: int, total: int, seconds: int | None) -> None:
        super().__init__()
        self.card = card
        self._status = f"Question {number} of {total} · {card.key}"
        self._seconds = seconds
        self._shown_at = time.monotonic()
        self._submitted = False

    def compose(self) -> ComposeResult:
        """Status and clock, prompt, answer box, footer."""
        with Horizontal(id="interview-status"):
            yield Static(Text(self._status), id="interview-progress")
            yield Static(Text("elapsed 0:00"), id="interview-elapsed")
            if self._seconds is not None:
                yield Countdown(self._seconds, id="countdown")
        with Vertical(id="question-body"):
            yield PromptCard(self.card.question, id="prompt")
            editor = AnswerEditor(
                id="answer",
                soft_wrap=True,
                placeholder=Content("Answer as you would in the interview; ctrl+s for the next"),
            )
            editor.border_title = Content("Your answer")
            yield editor
        yield Footer()

    def on_mount(self) -> None:
        """Focus the answer box and start the clock."""
        self.query_one("#answer", TextArea).focus()
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        seconds = int(time.monotonic() - self._shown_at)
        self.query_one("#interview-elapsed", Static).update(
            Text(f"elapsed {format_clock(seconds)}")
        )

    def action_submit(self) -> None:
        """On to the next question (or the report)."""
        if self._submitted:
            return
        self._submitted = True
        for countdown in self.query(Countdown):
            countdown.stop()
        elapsed = round((time.monotonic() - self._shown_at) * 1000)
        self.post_message(InterviewAnswered(self.query_one("#answer", TextArea).text, elapsed))

    @on(Countdown.Expired)
    def _time_is_up(self) -> None:
        self.notify("Time is up: your answer was submitted.", markup=False, timeout=3)
        self.action_submit()
