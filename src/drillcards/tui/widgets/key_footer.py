"""Textual's footer of key bindings, composed again only when they change."""

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """A `Footer` that keeps its keys while the screen's bindings stay the same.

    Textual's footer composes its dozen keys again every time the screen's bindings are
    refreshed: on each focus change and each time the screen is shown again. On the
    screens of a drill that is the same footer as before, and composing it cost a second
    layout of the whole screen after every submit and every rating.
    """

    def __init__(self) -> None:
        super().__init__()
        self._composed_for: object = None
        """The bindings the keys shown were composed for (None before the first keys)."""

    def _bindings_shown(self) -> object:
        """What `compose` reads: every active binding, enabled or not, and its tooltip."""
        return tuple(
            (binding, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        """The keys of the screen's bindings (none until they are ready)."""
        if self._bindings_ready:
            self._composed_for = self._bindings_shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Compose the keys again after the next refresh, if the bindings changed."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._compose_if_changed)

    async def _compose_if_changed(self) -> None:
        if self.is_attached and self._bindings_shown() != self._composed_for:
            await self.recompose()
