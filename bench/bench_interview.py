"""A large home: how long `drill interview` takes to choose its questions, and what an
interview-date plan adds to opening a session.

Run by hand:  python bench/bench_interview.py [--cards 100000] [--reviews-per-card 3] [--runs 5]

Builds a temporary DRILL_HOME as bench_review.py does (one pack of `--cards` questions,
all reviewed, `--reviews-per-card` reviews each), indexes it once, then measures, `--runs`
times each (in process): `open_interview` choosing 5 questions; `open_session` without
a plan; `open_session` with a plan whose final days bring reviews forward.

Target: under 0.5 s for each.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_review import NOW, PACK_ID, write_history, write_pack


def timed(label: str, function, runs: int) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    print(
        f"{label}: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )


def main() -> None:
    """Build the home, then time choosing questions and opening sessions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews-per-card", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="drill-bench-interview-"))
    os.environ.update({"DRILL_HOME": str(home), "DRILL_NOW": NOW.isoformat()})
    write_pack(home, options.cards)
    write_history(home, options.cards, options.reviews_per_card)
    from drillcards.catalog import Catalog
    from drillcards.interview import open_interview
    from drillcards.library import Library
    from drillcards.plan import save_plan
    from drillcards.session import open_session
    from drillcards.store import Store

    with Store.open(home / "drill.db") as store:
        started = time.perf_counter()
        Catalog(store, Library(home)).refresh(None)
        print(f"{options.cards:,} questions indexed in {time.perf_counter() - started:.1f} s")

    def interview() -> None:
        with open_interview(home, [PACK_ID], questions=5) as opened:
            assert len(opened.cards) == 5

    def session() -> None:
        open_session(home, [PACK_ID]).close()

    timed("open_interview (5 questions)", interview, options.runs)
    timed("open_session, no plan", session, options.runs)
    with Store.open(home / "drill.db") as store:
        save_plan(store, (NOW + timedelta(days=2)).date(), [PACK_ID], NOW)
    timed("open_session, plan in its final days", session, options.runs)


if __name__ == "__main__":
    main()
