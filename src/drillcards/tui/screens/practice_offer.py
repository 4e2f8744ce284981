"""The dialog offering practice ahead when nothing is due and no new card is left."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from drillcards.tui.widgets.action_button import ActionButton


class PracticeOfferScreen(ModalScreen[bool]):
    """Practise ahead? Dismisses with True to practise, False to go back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,p", "choose(True)", "Practise", show=False),
        Binding("n,escape", "choose(False)", "Not now", show=False),
    ]

    def compose(self) -> ComposeResult:
        """The offer and two buttons."""
        with Vertical(id="dialog", classes="offer"):
            yield Static(
                Text("Nothing to drill now", style="bold"), markup=False, id="dialog-title"
            )
            yield Static(
                Text(
                    "No card is due and no new card is left for today. Practise ahead? "
                    "Those ratings are logged but do not change the schedule."
                ),
                markup=False,
            )
            with Horizontal(id="dialog-buttons"):
                yield ActionButton("Practise  y", id="practise", variant="primary")
                yield ActionButton("Not now  n", id="not-now")

    def on_mount(self) -> None:
        """Practising is what was asked for by starting a session: it is the default."""
        self.query_one("#practise").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Practise or not, as pressed."""
        self.dismiss(event.button.id == "practise")

    def action_choose(self, practise: bool) -> None:
        """Practise (True) or go back (False)."""
        self.dismiss(practise)
