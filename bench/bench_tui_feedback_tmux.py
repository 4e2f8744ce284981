"""Submit -> feedback on screen, in a real terminal (tmux), on the bundled pack.

Run by hand:  python bench/bench_tui_feedback_tmux.py [--cards 10]

Starts the installed `drill start --pack senior-fullstack` in a detached 100x30 tmux pane
(an empty temporary DRILL_HOME), waits for the first question and for the matcher's
warm-up, then for each card types a short answer, sends ctrl+s and polls the pane every
2 ms until the feedback (score, model answer, rating bar) is on it, then rates Good and
waits for the next question. Each poll is a `tmux capture-pane` process (~3-5 ms here),
so a time includes up to one poll's worth of waiting. Target: <= 100 ms.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

ANSWER = "I would use a cache aside pattern with redis and a ttl"
QUESTION_READY = ("Your answer", "Submit  ctrl+s")
FEEDBACK_READY = ("Score", "Model answer", "Again", "Easy")
WARM_UP_SECONDS = 4.0
"""Time left to the matcher's warm-up (in a worker after the first paint)."""


def wait_for(server: list[str], ready: tuple[str, ...], timeout: float = 60.0) -> float:
    """Poll the pane until every string of `ready` is on it; the time it was seen."""
    deadline = time.perf_counter() + timeout
    screen = ""
    while time.perf_counter() < deadline:
        screen = subprocess.run(
            [*server, "capture-pane", "-p", "-t", "bench"], capture_output=True, text=True
        ).stdout
        if all(marker in screen for marker in ready):
            return time.perf_counter()
        time.sleep(0.002)
    raise SystemExit(f"{ready} never appeared; the screen shows:\n{screen}")


def main() -> None:
    """Run the measurement and print the median and range."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10)
    arguments = parser.parse_args()
    tmux = shutil.which("tmux") or sys.exit("tmux is not installed")
    drill = shutil.which("drill") or sys.exit("drill is not installed (pip install -e .)")
    server = [tmux, "-L", f"drill-bench-{uuid.uuid4().hex[:8]}", "-f", os.devnull]
    times: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        command = ["env", f"DRILL_HOME={home}", "TERM=xterm-256color", drill, "start"]
        subprocess.run(
            [*server, "new-session", "-d", "-x", "100", "-y", "30", "-s", "bench", *command,
             "--pack", "senior-fullstack", "--new", str(arguments.cards + 1)],
            check=True,
        )  # fmt: skip
        try:
            wait_for(server, QUESTION_READY)
            time.sleep(WARM_UP_SECONDS)
            for _ in range(arguments.cards):
                subprocess.run([*server, "send-keys", "-t", "bench", "-l", ANSWER], check=True)
                time.sleep(0.3)  # the keys are in the editor
                started = time.perf_counter()
                subprocess.run([*server, "send-keys", "-t", "bench", "C-s"], check=True)
                times.append(wait_for(server, FEEDBACK_READY) - started)
                subprocess.run([*server, "send-keys", "-t", "bench", "3"], check=True)
                wait_for(server, QUESTION_READY)
                time.sleep(0.3)
        finally:
            subprocess.run([*server, "kill-server"], capture_output=True)
    ms = [value * 1000 for value in times]
    print(
        f"ctrl+s -> feedback on screen ({len(ms)} cards): median {statistics.median(ms):.0f} ms "
        f"(min {min(ms):.0f}, max {max(ms):.0f}); first {ms[0]:.0f} ms; target <= 100"
    )


if __name__ == "__main__":
    main()
