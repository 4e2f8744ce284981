"""Time from `drill start` to the first question painted on a real terminal (tmux).

Run by hand:  python bench/bench_tui_start.py [--runs 10]
Target: at most 1.0 s (median). Each run starts the installed `drill start --pack
senior-fullstack` in a fresh detached tmux pane with an empty temporary DRILL_HOME and
polls the pane every 5 ms until the answer editor of the first card is on screen.

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

READY_MARKERS = ("Your answer", "card 1 of")


def time_one_start(drill: str, tmux: str, home: str) -> float:
    """Seconds from launching `drill start` to its first question on screen."""
    server = [tmux, "-L", f"drill-bench-{uuid.uuid4().hex[:8]}", "-f", os.devnull]
    command = ["env", f"DRILL_HOME={home}", "TERM=xterm-256color", drill, "start"]
    started = time.perf_counter()
    subprocess.run(
        [
            *server,
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "-s",
            "bench",
            *command,
            "--pack",
            "senior-fullstack",
        ],
        check=True,
    )
    try:
        while time.perf_counter() - started < 30:
            screen = subprocess.run(
                [*server, "capture-pane", "-p", "-t", "bench"], capture_output=True, text=True
            ).stdout
            if all(marker in screen for marker in READY_MARKERS):
                return time.perf_counter() - started
            time.sleep(0.005)
        raise SystemExit(f"the first question never appeared; the screen shows:\n{screen}")
    finally:
        subprocess.run([*server, "kill-server"], capture_output=True)


def main() -> None:
    """Run the measurement and print min / median / max."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    arguments = parser.parse_args()
    drill, tmux = shutil.which("drill"), shutil.which("tmux")
    if drill is None or tmux is None:
        sys.exit("needs the installed `drill` executable and tmux")
    import drillcards

    compileall.compile_dir(os.path.dirname(drillcards.__file__), quiet=1)
    times = []
    with tempfile.TemporaryDirectory() as home:
        time_one_start(drill, tmux, home)  # warm the disk cache and create the database
        for _ in range(arguments.runs):
            times.append(time_one_start(drill, tmux, home))
    print(
        f"drill start -> first question: min {min(times):.3f}s  "
        f"median {statistics.median(times):.3f}s  max {max(times):.3f}s  "
        f"({arguments.runs} runs, target <= 1.0 s)"
    )


if __name__ == "__main__":
    main()
