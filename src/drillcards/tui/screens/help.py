"""The help screen: what drillcards does and the keys of the screen below it."""

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

HOW_IT_WORKS = (
    "Each card asks an interview question. Type the answer you would give out loud, "
    "then submit it: drillcards finds the key terms you used, flags common mistakes, and "
    "suggests a rating. Compare with the model answer and rate how well you knew it: "
    "Again (forgot), Hard, Good or Easy. Cards come back when you are about to forget them. "
    "Every rating is saved at once, so you can quit at any time."
)

GLOBAL_KEYS = (
    ("f1  ?", "this help (f1 while typing an answer)"),
    ("ctrl+t", "switch between the dark and light themes"),
    ("ctrl+p", "command palette: drill a pack, switch theme, undo, help, quit…"),
    ("ctrl+q", "quit (asks first while you are typing an answer)"),
)


def screen_bindings(screen: Screen[object]) -> list[Binding]:
    """What `screen` binds, hidden bindings included, and what its focused widgets show
    in the footer (such as Enter on the packs table) or explain in a tooltip (such as
    tab in the answer box)."""
    bindings = [binding for binding in screen.BINDINGS if isinstance(binding, Binding)]
    for active in screen.active_bindings.values():
        binding = active.binding
        if active.node not in (screen, screen.app) and (binding.show or binding.tooltip):
            bindings.append(active.binding)
    return bindings


def keys_table(screen: Screen[object]) -> Table:
    """The keys of `screen`, one row per action (its keys together), then the global keys."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in screen_bindings(screen):
        keys, explanation = rows.setdefault(
            binding.description, ([], binding.tooltip or binding.description)
        )
        keys.extend(
            screen.app.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(",")
        )
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, explanation in rows.values():
        table.add_row(Text(" ".join(dict.fromkeys(keys))), Text(explanation))
    for keys_text, explanation in GLOBAL_KEYS:
        table.add_row(Text(keys_text), Text(explanation))
    return table


class HelpScreen(ModalScreen[None]):
    """Explains the drill and lists the keys of the screen it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close")
    ]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self._below = below

    def compose(self) -> ComposeResult:
        """Title, how it works, the keys."""
        with VerticalScroll(id="help"):
            yield Static(Text("drillcards help", style="bold"), markup=False, id="help-title")
            yield Static(Text(HOW_IT_WORKS), markup=False, id="help-intro")
            yield Static(Text("Keys here", style="bold"), markup=False, classes="heading")
            yield Static(keys_table(self._below), markup=False, id="help-keys")
            yield Static(
                Text("escape closes this help", style="italic"), markup=False, id="help-close"
            )
