"""Time from `drill start` to the first question painted on a real terminal (tmux),
next to a minimal Textual app started the same way.

Run by hand:  python bench/bench_tui_start.py [--runs 10]
Target: `drill start` <= 1.5x the minimal app (the ratio of the medians of one run).
Each round starts, in turn, the installed `drill start --pack senior-fullstack` (an
empty temporary DRILL_HOME, made and indexed by one warm-up run) and a Textual app of
one Static, each in a fresh detached 100x30 tmux pane, and polls the pane every 5 ms
until the first question's answer editor (or the Static's text) is on screen.

The package is byte-compiled first, as pip does when it installs a wheel: an editable
install under PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module at
every start (about 0.2 s more).
"""

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

DRILL_READY = ("Your answer", " left (", "Submit  ctrl+s")
MINIMAL_READY = ("minimal textual app ready",)
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static


class Minimal(App):
    def compose(self):
        yield Static("minimal textual app ready")


Minimal().run()
"""


def time_one_start(command: list[str], ready: tuple[str, ...], tmux: str) -> float:
    """Seconds from launching `command` in a new tmux pane until `ready` is all on screen."""
    server = [tmux, "-L", f"drill-bench-{uuid.uuid4().hex[:8]}", "-f", os.devnull]
    started = time.perf_counter()
    subprocess.run(
        [*server, "new-session", "-d", "-x", "100", "-y", "30", "-s", "bench", *command],
        check=True,
    )
    try:
        while time.perf_counter() - started < 30:
            screen = subprocess.run(
                [*server, "capture-pane", "-p", "-t", "bench"], capture_output=True, text=True
            ).stdout
            if all(marker in screen for marker in ready):
                return time.perf_counter() - started
            time.sleep(0.005)
        raise SystemExit(f"{command} never got ready; the screen shows:\n{screen}")
    finally:
        subprocess.run([*server, "kill-server"], capture_output=True)


def main() -> None:
    """Run the measurement and print min / median / max of both, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    arguments = parser.parse_args()
    drill, tmux = shutil.which("drill"), shutil.which("tmux")
    if drill is None or tmux is None:
        sys.exit("needs the installed `drill` executable and tmux")
    import drillcards

    compileall.compile_dir(os.path.dirname(drillcards.__file__), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        minimal = Path(home) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        environment = ["env", f"DRILL_HOME={home}", "TERM=xterm-256color"]
        commands = {
            "drill start": (
                [*environment, drill, "start", "--pack", "senior-fullstack"],
                DRILL_READY,
            ),
            "minimal app": ([*environment, sys.executable, str(minimal)], MINIMAL_READY),
        }
        for command, ready in commands.values():  # warm the disk cache, make the database
            time_one_start(command, ready, tmux)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(arguments.runs):
            for name, (command, ready) in commands.items():
                times[name].append(time_one_start(command, ready, tmux))
    for name, values in times.items():
        print(
            f"{name:12} -> first paint: median {statistics.median(values):.3f} s "
            f"(min {min(values):.3f}, max {max(values):.3f})"
        )
    ratio = statistics.median(times["drill start"]) / statistics.median(times["minimal app"])
    print(f"drill start / minimal app: {ratio:.2f}x ({arguments.runs} runs, target <= 1.5)")


if __name__ == "__main__":
    main()
