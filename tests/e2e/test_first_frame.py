"""End to end: the first frame the full-screen apps write to a real terminal (a pty) is
whole: `drill start` with a pack (its first question) and without (the home screen),
and `drill interview`.

Textual 8.2.8 renders and throws away a frame laid out while the app is still starting
(its start-up batch update); the frames after it paint only what changed since. When the
first question was shown from inside the app's mount, the terminal first got the header,
prompt, buttons and footer with a blank where the answer editor goes, and the whole
screen some 60 ms later. Read byte for byte, a whole first frame draws what is above
(the editor's border, "Your answer") before what is below it (the buttons, the footer).
"""

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

DRILL = shutil.which("drill")
BOTTOM_ROW = "\x1b[30;1H"
"""The cursor moved to the start of the last row: a frame paints it last (the footer)."""

pytestmark = pytest.mark.skipif(DRILL is None, reason="needs the installed drill executable")


def terminal_output(command: list[str], until: tuple[str, ...], *, timeout: float = 20) -> str:
    """Run `command` on a new 100x30 pty; return what it wrote until all of `until` was."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        command,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(terminal)
    output = b""
    try:
        deadline = time.monotonic() + timeout
        while not all(marker in output.decode(errors="replace") for marker in until):
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError(f"{until} never all appeared; the output was:\n{output!r}")
            readable, _, _ = select.select([controller], [], [], 0.1)
            if readable:
                output += os.read(controller, 65536)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(controller)
    return output.decode(errors="replace")


@pytest.mark.parametrize(
    ("arguments", "above", "below"),
    [
        (["start", "--pack", "senior-fullstack"], "Your answer", "Submit  ctrl+s"),
        (["start"], "Today: ", "enter drills"),
        (["interview", "--pack", "senior-fullstack"], "Your answer", BOTTOM_ROW),
    ],
    ids=["first-question", "home", "interview"],
)
def test_the_first_frame_paints_the_whole_screen(
    drill_home: Path, arguments: list[str], above: str, below: str
) -> None:
    assert DRILL is not None
    subprocess.run([DRILL, "packs"], capture_output=True, check=True)  # index the pack first
    output = terminal_output([DRILL, *arguments], until=(above, below))
    assert output.index(above) < output.index(below), (
        f"the first frame had {below!r} but not {above!r} above it: it was not whole"
    )
