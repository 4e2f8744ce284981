"""Screens that are styled again when shown only if their styles may have changed.

Textual 8.2.8 applies the stylesheet to every widget of a screen each time it is shown
(`Screen._on_screen_resume`, with `ScreenResume.refresh_styles`): for a question just
composed, whose widgets were styled as they were mounted, that was 6-8 ms of the first
paint and of every card; for the feedback screen, kept between answers, 13-38 ms of
every submit. What a screen cannot see while it is hidden (the theme toggled on another
screen, a resize, a stylesheet source added) still restyles it; the changes a screen
makes to its own widgets (classes, `display`) style them at once.
"""

from textual import events
from textual.screen import Screen


class RestyledWhenNeeded(Screen[None]):
    """A screen styled again when shown only if what its styles depend on changed."""

    _styled_for: tuple[object, ...] | None = None
    """What the styles of the widgets depended on when they were last applied."""

    def _style_inputs(self) -> tuple[object, ...]:
        """Everything outside this screen that its widgets' styles depend on."""
        app = self.app
        return (
            app.theme,
            app.size,
            frozenset(app.classes),
            frozenset(app.get_pseudo_classes()),
            len(app.stylesheet.source),
        )

    def _on_mount(self) -> None:
        """The widgets were styled as they were mounted."""
        self._styled_for = self._style_inputs()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Skip Textual's restyling (it runs after this handler) if nothing changed."""
        styled_for = self._style_inputs()
        if styled_for == self._styled_for:
            event.refresh_styles = False
        self._styled_for = styled_for
