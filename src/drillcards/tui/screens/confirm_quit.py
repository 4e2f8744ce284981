"""The dialog asking whether to quit while an answer is being typed."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from drillcards.tui.widgets.action_button import ActionButton


class ConfirmQuitScreen(ModalScreen[bool]):
    """Quit while an answer is being typed (it is kept as a draft)? True to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "choose(True)", "Quit", show=False),
        Binding("n,escape", "choose(False)", "Keep answering", show=False),
    ]

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="dialog"):
            yield Static(Text("Quit drillcards?", style="bold"), markup=False, id="dialog-title")
            yield Static(
                Text(
                    "The answer you are typing is kept as a draft for the next time this "
                    "card comes up. Every card you already rated is saved."
                ),
                markup=False,
            )
            with Horizontal(id="dialog-buttons"):
                yield ActionButton("Quit  y", id="quit", variant="error")
                yield ActionButton("Keep answering  n", id="stay")

    def on_mount(self) -> None:
        """Keep answering is the safe default."""
        self.query_one("#stay").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Quit or stay, as pressed."""
        self.dismiss(event.button.id == "quit")

    def action_choose(self, quit_app: bool) -> None:
        """Quit (True) or go back to the answer (False)."""
        self.dismiss(quit_app)
