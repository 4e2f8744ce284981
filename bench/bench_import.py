"""Benchmark: import a 10,000-question CSV with drillcards and with Anki's own engine.

Run by hand:  python bench/bench_import.py [--questions N]

Writes a realistic Anki text-format file (HTML fields, tags, GUIDs) to a temporary folder
and times, in the same run:

* drillcards, in-process and warm, with the cyclic GC paused as `drill import` runs them:
  reading + parsing + validating (`import_file`), the pydantic validation alone, and
  installing the pack (`Library.install`, which writes it as JSON);
* drillcards end to end: the real `drill import FILE --json` in a fresh process, into an
  empty DRILL_HOME, for the whole file and for a one-note file (the start-up cost);
* Anki's engine: `Collection.import_csv` alone (collection open, metadata read), and
  end to end in a fresh process (import anki, open a new collection, read the file's
  metadata, import, close).

Every time is the best of REPEATS runs (the machine is shared). The package is
byte-compiled first, as pip does when it installs a wheel: an editable install under
PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every changed module at every start.

Target: drillcards no slower than Anki.
"""

import argparse
import compileall
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_TOPICS = [
    "caching", "queues", "databases", "consistency", "observability", "security",
    "scaling", "testing", "frontend", "leadership",
]  # fmt: skip

_ANKI_END_TO_END = """
import sys
from anki.collection import Collection, ImportCsvRequest
collection = Collection(sys.argv[1])
metadata = collection.get_csv_metadata(sys.argv[2], None)
collection.import_csv(ImportCsvRequest(path=sys.argv[2], metadata=metadata))
assert collection.note_count() > 0
collection.close()
"""


def write_csv(path: Path, count: int) -> None:
    """A tab-separated Anki text file with `count` Basic notes."""
    lines = [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:Benchmark Deck",
        "#guid column:1",
        "#tags column:4",
        "#columns:GUID\tFront\tBack\tTags",
    ]
    for number in range(count):
        topic = _TOPICS[number % len(_TOPICS)]
        front = f"Question {number}: how would you approach <b>{topic}</b> at scale?"
        back = (
            f"<div>Start from the requirements of {topic}; measure before changing anything."
            f"<br>Then compare two designs &amp; pick the simpler one.</div>"
            f"<ul><li>Trade-off {number % 7}</li><li>Failure mode {number % 5}</li></ul>"
        )
        lines.append(f"bench-{number:05d}\t{front}\t{back}\t{topic} bench")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


REPEATS = 5
"""Every timing is the best of this many runs (the machine is shared)."""


def _seconds(function) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def _best(function) -> tuple[float, object]:
    """The best of REPEATS runs, the cyclic GC paused (as `drill import` pauses it)."""
    runs = []
    for _ in range(REPEATS):
        gc.collect()
        gc.disable()
        try:
            runs.append(_seconds(function))
        finally:
            gc.enable()
    return min(runs, key=lambda pair: pair[0])


def time_drillcards(path: Path, home: Path) -> tuple[float, float, float]:
    """(parse + validate, validation alone, install) seconds, in-process, modules already
    imported."""
    from drillcards.importers import import_file
    from drillcards.library import Library
    from drillcards.models import Pack

    import_file(path)  # warm up: imports and caches
    parse, imported = _best(lambda: import_file(path))
    data = imported[0].pack.model_dump(exclude_defaults=True)
    validate, _ = _best(lambda: Pack.model_validate(data))
    install, _ = _best(lambda: Library(home).install([item.pack for item in imported]))
    return parse, validate, install


def byte_compile_drillcards() -> None:
    """Write the package's .pyc files, as `pip install` of a wheel does."""
    import drillcards

    compileall.compile_dir(os.path.dirname(drillcards.__file__), quiet=1)


def time_drillcards_command(path: Path, folder: Path) -> float:
    """Seconds for the real `drill import PATH --json` in a fresh process (best run), each
    run into a new DRILL_HOME."""
    executable = shutil.which("drill")
    command = [executable] if executable else [sys.executable, "-m", "drillcards"]
    times = []
    for run in range(REPEATS):
        environment = {**os.environ, "DRILL_HOME": str(folder / f"home-{run}")}
        started = time.perf_counter()
        subprocess.run([*command, "import", str(path), "--json"], env=environment,
                       check=True, capture_output=True)  # fmt: skip
        times.append(time.perf_counter() - started)
    return min(times)


def time_anki(path: Path, folder: Path) -> tuple[float, float] | None:
    """(import_csv alone, end to end in a fresh process) seconds; None without anki."""
    try:
        from anki.collection import Collection, ImportCsvRequest
    except ImportError:
        return None
    times = []
    for run in range(REPEATS):
        collection = Collection(str(folder / f"warm-{run}.anki2"))
        try:
            metadata = collection.get_csv_metadata(str(path), None)
            request = ImportCsvRequest(path=str(path), metadata=metadata)
            started = time.perf_counter()
            collection.import_csv(request)
            times.append(time.perf_counter() - started)
            assert collection.note_count() > 0
        finally:
            collection.close()
    alone = min(times)
    times = []
    for run in range(REPEATS):
        collection_path = folder / f"cold-{run}.anki2"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", _ANKI_END_TO_END, str(collection_path), str(path)],
                       check=True, capture_output=True)  # fmt: skip
        times.append(time.perf_counter() - started)
    return alone, min(times)


def main() -> None:
    """Run the benchmark and print the times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drill-bench-") as folder:
        root = Path(folder)
        path = root / "bench-deck.txt"
        write_csv(path, args.questions)
        size = path.stat().st_size
        one_note = root / "one-note.txt"
        write_csv(one_note, 1)
        parse, validate, install = time_drillcards(path, root / "home-warm")
        byte_compile_drillcards()
        start_up = time_drillcards_command(one_note, root / "homes-start-up")
        command = time_drillcards_command(path, root / "homes")
        anki = time_anki(path, root)
    print(f"input: {args.questions:,} notes, {size / 1e6:.1f} MB (Anki text format, HTML)")
    print(f"drillcards parse + validate (warm):  {parse:6.2f} s")
    print(f"  of which pydantic validation:      {validate:6.2f} s")
    print(f"drillcards install (JSON write):     {install:6.2f} s")
    print(f"drillcards `drill import` (process): {command:6.2f} s")
    print(f"  of a one-note file (start-up):     {start_up:6.2f} s")
    if anki is None:
        print("anki: not measured (the anki package is not installed)")
        return
    alone, end_to_end = anki
    print(f"anki import_csv alone:               {alone:6.2f} s")
    print(f"anki end to end (process):           {end_to_end:6.2f} s")
    print(
        f"drillcards parse+validate vs anki import_csv: {alone / parse:.2f}x Anki's speed; "
        f"`drill import` vs anki end to end: {end_to_end / command:.2f}x"
    )


if __name__ == "__main__":
    main()
