"""The long fault campaign: processes killed at random moments, concurrent sessions, a
full disk, damaged databases. Prints tried / passed / failed for each scenario.

Run by hand (as root for the disk-full part, which mounts a small tmpfs):
    python bench/bench_faults.py [--rounds 100] [--sessions 8] [--seed 1]

The scenarios are those of tests/test_faults.py (tests/fault_scenarios.py), with more
rounds: SIGKILL during `drill start --plain`, `drill import` and `drill doctor --rebuild`
(`--rounds` each), `--sessions` concurrent sessions plus an import, and every damaged
database case. Disk full: DRILL_HOME on a tmpfs of 1 MiB; a plain session typing long
answers until the disk fills must end with one `drill:` line naming the full disk,
keep every review it confirmed and leave an intact database.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fault_scenarios import (
    Tally,
    clean_failure,
    concurrent_sessions,
    damaged_database_cases,
    database_report,
    fill_review_log,
    install_tiny_pack,
    kill_imports,
    kill_rebuilds,
    kill_sessions,
    run_drill,
)


def disk_full(work: Path, rounds: int) -> Tally:
    """A plain session on a 1 MiB tmpfs, answers of 64 KiB each, until the disk is full."""
    tally = Tally("disk full (1 MiB tmpfs)")
    if os.geteuid() != 0:
        print("disk full: skipped (mounting a tmpfs needs root)")
        return tally
    for round_number in range(rounds):
        tally.tried += 1
        mount = work / f"tmpfs-{round_number}"
        mount.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
        try:
            home = mount / "home"
            install_tiny_pack(home)
            answer = "x" * 65_536
            script = f"{answer}\n.\n1\n" * 40
            result = run_drill(
                home, "start", "--plain", "--pack", "tiny", "--new", "8", stdin=script
            )
            problem = clean_failure(result)
            if problem or "the disk is full" not in result.stderr:
                tally.fail(round_number, f"{problem or result.stderr[-300:]!r}")
            reviews, problems = database_report(home)
            confirmed = result.stdout.count("Saved: ")
            if reviews != confirmed:
                tally.fail(round_number, f"stored {reviews}, confirmed {confirmed}")
            for found in problems:
                tally.fail(round_number, found)
        finally:
            subprocess.run(["umount", str(mount)], check=True)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    os.environ.setdefault("DRILL_NOW", "2026-12-01T09:00:00+00:00")
    rng = random.Random(options.seed)
    tallies: list[Tally] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)

        def fresh(name: str) -> tuple[Path, Path]:
            home, work = root / name / "home", root / name / "work"
            work.mkdir(parents=True)
            install_tiny_pack(home)
            return home, work

        for name, run in (
            ("sessions", lambda h, w: kill_sessions(h, options.rounds, rng)),
            ("imports", lambda h, w: kill_imports(h, w, options.rounds, rng)),
            (
                "rebuilds",
                lambda h, w: (fill_review_log(h, 2000, 5), kill_rebuilds(h, options.rounds, rng))[
                    1
                ],
            ),
            ("concurrent", lambda h, w: concurrent_sessions(h, w, options.sessions, 10)),
            (
                "damaged",
                lambda h, w: (
                    run_drill(h, "start", "--plain", "--pack", "tiny", stdin="a\n.\n3\n" * 4),
                    damaged_database_cases(h),
                )[1],
            ),
            ("disk", lambda h, w: disk_full(w, max(1, options.rounds // 20))),
        ):
            started = time.monotonic()
            home, work = fresh(name)
            tally = run(home, work)
            tallies.append(tally)
            print(f"{tally.line()}  ({time.monotonic() - started:.0f} s)", flush=True)
            for failure in tally.failures[:5]:
                print(f"    {failure}")
    tried = sum(t.tried for t in tallies)
    passed = sum(t.passed for t in tallies)
    print(f"all fault scenarios: tried {tried}, passed {passed}, failed {tried - passed}")


if __name__ == "__main__":
    main()
