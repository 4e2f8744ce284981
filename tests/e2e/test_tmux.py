"""End to end: the installed `drill start` in a real terminal (tmux), typed at like a person.

It answers one card, submits, rates, quits, and then checks with `drill stats --json`
that the review was stored. Skipped when tmux or the `drill` executable is missing.
"""

import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
DRILL = shutil.which("drill")

pytestmark = pytest.mark.skipif(
    TMUX is None or DRILL is None, reason="needs tmux and the installed drill executable"
)


class Pane:
    """A detached tmux session on its own server socket, running one command."""

    def __init__(self, command: list[str], *, width: int, height: int) -> None:
        assert TMUX is not None
        self.socket = f"drill-e2e-{uuid.uuid4().hex[:8]}"
        self._tmux = [TMUX, "-L", self.socket, "-f", os.devnull]
        size = ["-x", str(width), "-y", str(height)]
        subprocess.run([*self._tmux, "new-session", "-d", *size, "-s", "e2e", *command], check=True)

    def text(self) -> str:
        """What the screen shows now."""
        done = subprocess.run(
            [*self._tmux, "capture-pane", "-p", "-t", "e2e"], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, needle: str, timeout: float = 15.0) -> str:
        """Wait until `needle` is on the screen; return the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if needle in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} never appeared; the screen shows:\n{self.text()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Send keys (tmux names such as C-s, or literal text)."""
        subprocess.run(
            [*self._tmux, "send-keys", "-t", "e2e", *(["-l"] if literal else []), *keys],
            check=True,
        )

    def alive(self) -> bool:
        """True while the command is still running."""
        done = subprocess.run([*self._tmux, "has-session", "-t", "e2e"], capture_output=True)
        return done.returncode == 0

    def kill(self) -> None:
        """Stop the tmux server of this pane."""
        subprocess.run([*self._tmux, "kill-server"], capture_output=True)


@pytest.fixture
def drill_pane(drill_home: Path) -> Iterator[Pane]:
    """`drill start` on the bundled pack, 100×30, with the test's DRILL_HOME and clock."""
    assert DRILL is not None
    command = [
        "env",
        f"DRILL_HOME={drill_home}",
        f"DRILL_NOW={os.environ['DRILL_NOW']}",
        "TERM=xterm-256color",
        DRILL,
        "start",
        "--pack",
        "senior-fullstack",
    ]
    pane = Pane(command, width=100, height=30)
    try:
        yield pane
    finally:
        pane.kill()


def test_answer_rate_quit_keeps_the_review(drill_pane: Pane, drill_home: Path) -> None:
    drill_pane.wait_for("Your answer")
    assert "0 done · " in drill_pane.text()

    drill_pane.keys("I would use the strangler fig pattern behind an API gateway", literal=True)
    drill_pane.wait_for("11 words")
    drill_pane.keys("C-s")
    feedback = drill_pane.wait_for("Model answer")
    assert "Key terms" in feedback
    assert "✓" in feedback and "✗" in feedback

    drill_pane.keys("3")
    drill_pane.wait_for("1 done · ")
    drill_pane.keys("C-q")
    deadline = time.monotonic() + 10
    while drill_pane.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not drill_pane.alive(), "ctrl+q on an empty answer must quit without asking"

    assert DRILL is not None
    stats = subprocess.run([DRILL, "stats", "--json"], capture_output=True, text=True, check=True)
    assert json.loads(stats.stdout)["reviews"] == 1


def test_tab_indents_code_typed_quickly(drill_pane: Pane, drill_home: Path) -> None:
    """Keys sent at once, as a fast typist's arrive: each tab indents where it was typed."""
    drill_pane.wait_for("Your answer")
    drill_pane.keys("def f():", "Enter", "Tab", "return 1", "Enter", "Tab", "Tab", "x")
    screen = drill_pane.wait_for("│         x")
    assert "│     return 1 " in screen
