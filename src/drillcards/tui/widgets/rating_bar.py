"""Again / Hard / Good / Easy with the next interval of each, as on Anki's buttons."""

from datetime import timedelta

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from drillcards.humanize import format_interval
from drillcards.rating import Rating

RATINGS = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY)


def choice_label(rating: Rating, interval: timedelta | None, *, selected: bool) -> Text:
    """ "3 Good  10m", and "▶ 3 Good  10m ◀" when selected: the selection is visible in
    text, not only in colour (NO_COLOR, monochrome terminals, screen readers)."""
    label = Text(justify="center")
    if selected:
        label.append("▶ ")
    label.append(f"{rating.number} ", "bold")
    label.append(rating.value.capitalize(), "bold")
    if interval is not None:
        label.append(f"  {format_interval(interval)}")
    if selected:
        label.append(" ◀")
    return label


class RatingChoice(Static):
    """One rating: its key, its name and the interval it would schedule."""

    def __init__(self, rating: Rating, interval: timedelta | None) -> None:
        label = choice_label(rating, interval, selected=False)
        super().__init__(label, markup=False, id=f"rating-{rating.value}", classes=rating.value)
        self.rating = rating
        self.interval = interval

    def mark(self, selected: bool) -> None:
        """Show (or stop showing) this choice as the selected one."""
        self.set_class(selected, "-selected")
        self.update(choice_label(self.rating, self.interval, selected=selected))

    def on_click(self, event: events.Click) -> None:
        """A click rates the card with this choice."""
        event.stop()
        self.post_message(RatingBar.Chosen(self.rating))


class RatingBar(Horizontal):
    """The four ratings side by side; the selected one is what Enter or Space accepts."""

    class Chosen(Message):
        """The user picked a rating with the mouse."""

        def __init__(self, rating: Rating) -> None:
            super().__init__()
            self.rating = rating
            """The rating picked."""

    selected: reactive[Rating] = reactive(Rating.GOOD)
    """The rating Enter or Space accepts; starts as the matcher's suggestion."""

    def __init__(
        self,
        intervals: dict[Rating, timedelta],
        suggested: Rating,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._intervals = intervals
        self.set_reactive(RatingBar.selected, suggested)

    def compose(self) -> ComposeResult:
        """One choice per rating."""
        for rating in RATINGS:
            yield RatingChoice(rating, self._intervals.get(rating))

    def on_mount(self) -> None:
        """Mark the preselected choice."""
        self.watch_selected(self.selected)

    def watch_selected(self, selected: Rating) -> None:
        """Show which choice is selected."""
        for choice in self.query(RatingChoice):
            choice.mark(choice.rating == selected)

    def move(self, step: int) -> None:
        """Select the rating `step` places to the right (negative: left), clamped."""
        index = RATINGS.index(self.selected) + step
        self.selected = RATINGS[max(0, min(len(RATINGS) - 1, index))]
