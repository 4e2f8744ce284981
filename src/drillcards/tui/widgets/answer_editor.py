"""The answer editor: a TextArea in which tab indents, for answers that hold code."""

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import TextArea


class AnswerEditor(TextArea):
    """Tab inserts spaces to the next indent stop; shift+tab leaves the editor.

    Escape is left to the screen (back to the packs), which Textual's own
    `tab_behavior="indent"` would take to move the focus.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Listed for the help screen; tab itself is handled in `_on_key`.
        Binding(
            "tab", "indent", "Indent", show=False, tooltip="indent (in the answer box, for code)"
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Leave answer",
            show=False,
            tooltip="leave the answer box (then u undoes the last rating)",
        ),
    ]

    async def _on_key(self, event: events.Key) -> None:
        """Indent on tab here, in order with the typed characters: a binding's action runs
        later, so "tab" then "x" typed quickly would put the indent after the x."""
        if event.key == "tab" and not self.read_only:
            event.stop()
            event.prevent_default()
            self.action_indent()
            return
        await super()._on_key(event)

    def action_indent(self) -> None:
        """Insert spaces up to the next multiple of the indent width."""
        column = self.cursor_location[1]
        self.insert(" " * (self.indent_width - column % self.indent_width))
