"""A 1M-review home: how fast `drill list --search` and the stats screen answer.

Run by hand:  python bench/bench_library.py [--cards 100000] [--reviews-per-card 10] [--runs 5]

Builds a temporary DRILL_HOME as bench_review.py does (one installed pack of `--cards`
questions, `--cards * --reviews-per-card` reviews written in bulk), plus one missed key
term per review (the `missed_terms` rows drill stats counts), then indexes the pack
once (the one slow start after a pack changes). It measures, `--runs` times each:

- `list_cards` with a search matching one question among all (in process);
- `drill list --search ...` as a user runs it (a new process each time, start-up included);
- what the stats screen does on opening: `collect_stats`, the catalog check and
  `collect_detailed_stats`, then rendering every chart to a console (in process);
- `drill stats --json` as a user runs it;
- in the full-screen app: from pressing `s` on the home screen until the stats screen
  shows (its numbers are read in a worker thread), and until they are drawn.

`--home DIR` keeps the built home in DIR (and reuses it when it is already there).

Target: under 0.5 s for the search and for the stats screen.
"""

import argparse
import asyncio
import io
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_review import NOW, PACK_ID, write_history, write_pack

TERMS = ["Consistent Hashing", "Change Data Capture (CDC)", "Read Replica"]


def write_missed_terms(home: Path) -> None:
    """One missed key term per review, in bulk."""
    rng = random.Random(7)
    db = sqlite3.connect(home / "drill.db", isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    ids = [row[0] for row in db.execute("SELECT id FROM reviews")]
    db.executemany(
        "INSERT INTO missed_terms (review_id, pack_id, term) VALUES (?, ?, ?)",
        ((review_id, PACK_ID, rng.choice(TERMS)) for review_id in ids),
    )
    db.execute("COMMIT")
    db.close()


def timed(function, runs: int) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Wall-clock and CPU seconds (this process) each of `runs` calls of `function` took.

    On a shared machine the CPU time is the steadier measure of the work done.
    """
    times = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


def report(label: str, times: list[tuple[float, float]]) -> None:
    """One line: median and worst of the runs, wall clock and CPU."""
    walls, cpus = [wall for wall, _ in times], [cpu for _, cpu in times]
    print(
        f"{label:<40} wall median {statistics.median(walls):6.3f} s max {max(walls):6.3f} s"
        f" · cpu median {statistics.median(cpus):6.3f} s"
    )


def main() -> None:
    """Build the home, then time the searches and the stats screen."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews-per-card", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--home", type=Path, default=None)
    options = parser.parse_args()
    home = options.home or Path(tempfile.mkdtemp(prefix="drill-bench-library-"))
    env = {**os.environ, "DRILL_HOME": str(home), "DRILL_NOW": NOW.isoformat()}
    os.environ.update(env)
    try:
        started = time.perf_counter()
        if not (home / "drill.db").exists():
            write_pack(home, options.cards)
            write_history(home, options.cards, options.reviews_per_card)
            write_missed_terms(home)
        print(
            f"home: {options.cards:,} questions, {options.cards * options.reviews_per_card:,} "
            f"reviews, built in {time.perf_counter() - started:.1f} s; "
            f"drill.db {(home / 'drill.db').stat().st_size / 1e6:.0f} MB"
        )
        from rich.console import Console

        from drillcards.browse import list_cards
        from drillcards.catalog import Catalog
        from drillcards.library import Library
        from drillcards.stats import collect_stats
        from drillcards.stats_charts import detailed_stats_view
        from drillcards.stats_detail import collect_detailed_stats
        from drillcards.store import Store

        started = time.perf_counter()
        with Store.open(home / "drill.db") as store:
            Catalog(store, Library(home)).refresh(None)
        print(f"first catalog indexing (untimed below): {time.perf_counter() - started:.1f} s")
        target = f"component {options.cards // 2} of"

        with Store.open(home / "drill.db") as store:

            def search() -> None:
                pack_ids = Catalog(store, Library(home)).refresh(None)
                found = list_cards(store, pack_ids, search=target)
                assert len(found) == 1, len(found)

            def stats_screen() -> None:
                library = Library(home)
                collect_stats(store, library, NOW, None)
                pack_ids = Catalog(store, library).refresh(None)
                detailed = collect_detailed_stats(store, NOW, pack_ids, None)
                console = Console(file=io.StringIO(), width=100)
                console.print(detailed_stats_view(detailed, 100))

            report("list_cards --search (in process)", timed(search, options.runs))
            report("stats screen data + charts (in process)", timed(stats_screen, options.runs))
            library = Library(home)
            report(
                "  of which collect_stats",
                timed(lambda: collect_stats(store, library, NOW, None), options.runs),
            )
            report(
                "  of which collect_detailed_stats",
                timed(lambda: collect_detailed_stats(store, NOW, [PACK_ID], None), options.runs),
            )

        drill = [sys.executable, "-m", "drillcards"]

        def run(*args: str) -> None:
            subprocess.run([*drill, *args], env=env, check=True, capture_output=True)

        report(
            "drill list --search (new process; cpu: the parent only)",
            timed(lambda: run("list", "--search", target), options.runs),
        )
        report(
            "drill stats --json (new process; cpu: the parent only)",
            timed(lambda: run("stats", "--json"), options.runs),
        )
        for _ in range(options.runs):
            shown, drawn = asyncio.run(time_stats_screen(home))
            print(f"stats screen in the app: shown after {shown:.3f} s, drawn after {drawn:.3f} s")
    finally:
        if options.home is None:
            shutil.rmtree(home, ignore_errors=True)


async def time_stats_screen(home: Path) -> tuple[float, float]:
    """Seconds from asking the home screen for the stats screen (what `s` does) until it
    shows, with its "Reading the review log" line, and until its numbers are drawn.

    (Not `pilot.press`: it waits for the app to be idle, which includes the worker.)
    """
    from textual.css.query import NoMatches
    from textual.widgets import Static

    from drillcards.tui.app import DrillApp, DrillOptions
    from drillcards.tui.screens.stats import StatsScreen

    app = DrillApp(DrillOptions(home=home))

    def summary() -> object:
        if not isinstance(app.screen, StatsScreen):
            return None
        try:
            return app.screen.query_one("#stats-summary", Static).content
        except NoMatches:
            return None

    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        app.action_stats()
        while "Reading" not in str(summary() or ""):
            await asyncio.sleep(0.002)
        shown = time.perf_counter() - started
        while "Reading" in str(summary() or ""):
            await asyncio.sleep(0.002)
        return shown, time.perf_counter() - started


if __name__ == "__main__":
    main()
