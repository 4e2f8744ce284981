"""The command palette's drillcards commands (ctrl+p), beside Textual's own.

Each command does what a key does somewhere in the app, so that it can be found by name:
drill a pack or all of them, back to the packs, undo, switch theme, help, quit.
"""

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from drillcards.progress import PackProgress, library_progress
from drillcards.tui.messages import LeaveSession, StartSession, UndoRating

if TYPE_CHECKING:
    from drillcards.tui.app import DrillApp

Command = tuple[str, str, Callable[[], object]]
"""A command: its name, a line of help, what it does."""


class DrillCommands(Provider):
    """drillcards' own commands, every pack included by title and id."""

    async def startup(self) -> None:
        """Read the packs once, when the palette opens (off the UI thread)."""
        app: DrillApp = self.app  # type: ignore[assignment]
        self._packs: list[PackProgress] = await asyncio.to_thread(
            library_progress, app.options.home, new_limit=app.options.new_limit
        )

    def _commands(self) -> list[Command]:
        app: DrillApp = self.app  # type: ignore[assignment]
        commands: list[Command] = [
            (
                "Drill all packs",
                "due cards first, then new ones, from every pack",
                partial(app.post_message, StartSession(None)),
            )
        ]
        for pack in self._packs:
            commands.append(
                (
                    f"Drill {pack.title} ({pack.pack_id})",
                    f"{pack.due} due, {pack.new} new today",
                    partial(app.post_message, StartSession([pack.pack_id])),
                )
            )
        if app.session is not None:
            commands.append(
                (
                    "Back to the packs",
                    "leave this session (every rating is saved)",
                    partial(app.post_message, LeaveSession()),
                )
            )
            commands.append(
                (
                    "Undo last rating",
                    "show the last rated card again",
                    partial(app.post_message, UndoRating()),
                )
            )
        commands += [
            ("Switch dark / light theme", "remembered for the next start", app.action_toggle_theme),
            ("Help", "what drillcards does and the keys of this screen", app.action_help),
            (
                "Quit drillcards",
                "asks first while an answer is being typed",
                app.action_request_quit,
            ),
        ]
        return commands

    async def discover(self) -> Hits:
        """Every command, shown when the palette opens."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """The commands whose name matches `query`, best first."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
