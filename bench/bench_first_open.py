"""Import a large CSV and open it for the first time; the same in Anki, in the same run.

Run by hand:  python bench/bench_first_open.py [--questions 100000] [--runs 3]

For each run, into a new empty DRILL_HOME:

1. `drill import FILE --json` in a fresh process;
2. the first command after it, `drill start --plain` until its first prompt (the
   "first open": before issue 12 it re-validated and re-indexed the whole pack);
3. `drill packs --json` with DRILL_HOME spelt differently (relative instead of absolute),
   which must not re-index anything.

Anki, per run, into a new collection: a fresh process that imports the same file
(`import_csv`), then a fresh process that opens the collection and gets its first queued
card. The ratio compares import + first open, drillcards / Anki (target <= 1.0, goal 0.5).
Peak memory is the largest maximum resident set size of drillcards' two processes
(target <= 200 MB). The CSV is bench_import.py's Anki text file (HTML fields, tags, GUIDs).
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

from bench_import import write_csv
from bench_review import PROMPT_MARKER, time_to_output

ANKI_IMPORT = """
import sys
from anki.collection import Collection, ImportCsvRequest
collection = Collection(sys.argv[1])
metadata = collection.get_csv_metadata(sys.argv[2], None)
collection.import_csv(ImportCsvRequest(path=sys.argv[2], metadata=metadata))
collection.close()
"""

ANKI_FIRST_CARD = """
import sys
from anki.collection import Collection
col = Collection(sys.argv[1])
col.decks.select(col.decks.id_for_name("Benchmark Deck"))
queued = col.sched.get_queued_cards()
print(queued.cards[0].card.note_id, "Your answer", flush=True)
"""


def run_measured(
    command: list[str], env: dict[str, str], cwd: Path | None = None
) -> tuple[float, int]:
    """(seconds, peak RSS in bytes) of one process run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{command} failed: {error}")
    return seconds, usage.ru_maxrss * 1024


def run_to_output(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(seconds until PROMPT_MARKER is on stdout, peak RSS in bytes until then)."""
    peaks: list[int] = []

    def read_peak(pid: int) -> None:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(status.split("VmHWM:")[1].split()[0]) * 1024)

    seconds = time_to_output(command, PROMPT_MARKER, env, read_peak)
    return seconds, peaks[0]


def summary(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    """Median and range."""
    scaled = [value * scale for value in values]
    return (
        f"median {statistics.median(scaled):.2f} {unit} "
        f"(min {min(scaled):.2f}, max {max(scaled):.2f})"
    )


def main() -> None:
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-anki", action="store_true")
    args = parser.parse_args()
    drill = shutil.which("drill")
    base = [drill] if drill else [sys.executable, "-m", "drillcards"]
    import drillcards

    compileall.compile_dir(os.path.dirname(drillcards.__file__), quiet=1)
    with tempfile.TemporaryDirectory(prefix="drill-bench-") as folder:
        root = Path(folder)
        deck = root / "deck.txt"
        write_csv(deck, args.questions)
        imports, opens, respelt, peaks = [], [], [], []
        anki_imports, anki_opens = [], []
        for run in range(args.runs):
            home = root / f"home-{run}"
            env = {**os.environ, "DRILL_HOME": str(home)}
            seconds, import_peak = run_measured([*base, "import", str(deck), "--json"], env)
            imports.append(seconds)
            seconds, open_peak = run_to_output([*base, "start", "--plain"], env)
            opens.append(seconds)
            peaks.append(max(import_peak, open_peak))
            relative = {**os.environ, "DRILL_HOME": f"./{home.name}"}
            seconds, _ = run_measured([*base, "packs", "--json"], relative, cwd=root)
            respelt.append(seconds)
            if not args.skip_anki:
                collection = root / f"anki-{run}" / "collection.anki2"
                collection.parent.mkdir()
                seconds, _ = run_measured(
                    [sys.executable, "-c", ANKI_IMPORT, str(collection), str(deck)],
                    dict(os.environ),
                )
                anki_imports.append(seconds)
                seconds, _ = run_to_output(
                    [sys.executable, "-c", ANKI_FIRST_CARD, str(collection)], dict(os.environ)
                )
                anki_opens.append(seconds)
        first_prompt, _ = run_to_output([*base, "start", "--plain"], env)
    print(f"{args.questions:,} questions, {args.runs} runs")
    print(f"drill import:                         {summary(imports)}")
    print(f"first open (drill start --plain):     {summary(opens)}")
    totals = [a + b for a, b in zip(imports, opens, strict=True)]
    print(f"import + first open:                  {summary(totals)}")
    print(f"drill packs, DRILL_HOME respelt:      {summary(respelt)}")
    print(f"drill start --plain to first prompt:  {first_prompt:.2f} s (last home, warm)")
    print(f"peak RSS of import / first open:      {summary(peaks, 'MB', 1e-6)} (target <= 200)")
    if anki_imports:
        anki_total = [a + b for a, b in zip(anki_imports, anki_opens, strict=True)]
        print(f"anki import (process):                {summary(anki_imports)}")
        print(f"anki open to first card (process):    {summary(anki_opens)}")
        print(f"anki import + first open:             {summary(anki_total)}")
        ratios = [a / b for a, b in zip(totals, anki_total, strict=True)]
        print(
            f"drillcards / Anki, import + first open: median {statistics.median(ratios):.2f}x "
            f"(min {min(ratios):.2f}, max {max(ratios):.2f}; target <= 1.0, goal 0.5)"
        )


if __name__ == "__main__":
    main()
