"""`drill stats --json` on a large review log, next to Anki's counts, in the same run.

Run by hand:  python bench/bench_stats.py [--cards 100000] [--runs 7]

Builds bench_review.py's home (one pack of `--cards` questions, 5% due) twice: with 1 and
with 10 reviews per card (100k and 1M reviews at the default size), so the time can be
seen not to grow with the log. Each is timed as `drill stats --json` in a fresh process
(median and range of `--runs`, alternating with the others), after one untimed run that
indexes the pack (as the first command after installing it does).

Anki: bench_review.py's collection of `--cards` notes and 10 revlog rows each; a fresh
process opens it and prints the same kind of counts (`sched.counts()`, reviews by ease,
cards seen, today's reviews). Target: drillcards <= 0.5x Anki at 1M reviews.
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
from pathlib import Path

from bench_review import NOW, build_anki, write_history, write_pack

ANKI_COUNTS = """
import json, sys
from anki.collection import Collection
col = Collection(sys.argv[1])
new, learning, review = col.sched.counts()
by_ease = dict(col.db.all("SELECT ease, count() FROM revlog GROUP BY ease"))
seen = col.db.scalar("SELECT count(DISTINCT cid) FROM revlog")
day_start = (col.sched.day_cutoff - 86400) * 1000
today = col.db.scalar("SELECT count() FROM revlog WHERE id > ?", day_start)
print(json.dumps({"due": review, "by_ease": by_ease, "seen": seen, "today": today}))
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds of one process run to its end."""
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def build_home(home: Path, cards: int, per_card: int) -> None:
    """bench_review's home with its review totals counted."""
    from drillcards.store import Store

    write_pack(home, cards)
    write_history(home, cards, per_card)
    with Store.open(home / "drill.db") as store:
        store.recount_reviews()


def summary(times: list[float]) -> str:
    """Median and range, in seconds."""
    return f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"


def main() -> None:
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-anki", action="store_true")
    args = parser.parse_args()
    import drillcards

    compileall.compile_dir(os.path.dirname(drillcards.__file__), quiet=1)
    drill = shutil.which("drill")
    command = [drill] if drill else [sys.executable, "-m", "drillcards"]
    command += ["stats", "--json"]
    work = Path(tempfile.mkdtemp(prefix="drill-bench-"))
    try:
        # (name, command, environment): every one is timed once per round, in turn
        subjects: list[tuple[str, list[str], dict[str, str]]] = []
        for per_card in (1, 10):
            reviews = args.cards * per_card
            home = work / f"home-{per_card}"
            build_home(home, args.cards, per_card)
            env = {**os.environ, "DRILL_HOME": str(home), "DRILL_NOW": NOW.isoformat()}
            subprocess.run(command, env=env, check=True, capture_output=True)  # indexes the pack
            subjects.append((f"drillcards, {reviews:,} reviews", command, env))
        if not args.skip_anki:
            collection = work / "anki" / "collection.anki2"
            collection.parent.mkdir()
            build_anki(collection, args.cards, 10)
            anki = [sys.executable, "-c", ANKI_COUNTS, str(collection)]
            subprocess.run(anki, check=True, capture_output=True)  # warm-up
            subjects.append((f"Anki counts, {args.cards * 10:,} revlog rows", anki, {**os.environ}))
        times: dict[str, list[float]] = {name: [] for name, _, _ in subjects}
        for _ in range(args.runs):
            for name, subject_command, env in subjects:
                times[name].append(timed(subject_command, env))
        for name, measured in times.items():
            print(f"{name:36} {summary(measured)}")
        if not args.skip_anki:
            anki_median = statistics.median(times[subjects[-1][0]])
            for name, measured in times.items():
                if not name.startswith("Anki"):
                    ratio = statistics.median(measured) / anki_median
                    print(f"{name:36} {ratio:.2f}x Anki's counts (target <= 0.5 at 1M)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
