"""The answer's time limit (`drill start --time N`), counting down once a second."""

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from drillcards.tui.formatting import format_clock

WARNING_SECONDS = 10


class Countdown(Static):
    """Seconds left to answer; posts `Expired` once, when it reaches zero."""

    class Expired(Message):
        """The time to answer is up."""

    remaining: reactive[int] = reactive(0)
    """Whole seconds left."""

    def __init__(self, seconds: int, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self.set_reactive(Countdown.remaining, max(0, seconds))
        self._timer: Timer | None = None
        self._paused = False

    def on_mount(self) -> None:
        """Start ticking (or expire at once if no time is left)."""
        self.watch_remaining(self.remaining)
        if self.remaining <= 0:
            self.post_message(self.Expired())
        else:
            self._timer = self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """One second passed."""
        if self.remaining <= 0:
            return
        self.remaining -= 1
        if self.remaining == 0:
            self.stop()
            self.post_message(self.Expired())

    def pause(self) -> None:
        """Stop counting for now (help or a dialog covers the question)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
            self._paused = True

    def resume(self) -> None:
        """Count on after `pause`, a whole second to the next tick.

        (A paused Textual timer would tick at once when resumed, and catch up.)
        """
        if self._paused and self.remaining > 0:
            self._paused = False
            self._timer = self.set_interval(1.0, self.tick)

    def stop(self) -> None:
        """Stop counting (the answer was submitted)."""
        self._paused = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def watch_remaining(self, remaining: int) -> None:
        """Show the time left; warn in the last seconds."""
        self.update(Text(f"⏱ {format_clock(remaining)}"))
        self.set_class(remaining <= WARNING_SECONDS, "-warning")
