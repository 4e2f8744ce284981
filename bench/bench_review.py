"""A big review history: time to the first prompt, cost of a review, database size; and
the same start-up in Anki's own engine, in the same run.

Run by hand:  python bench/bench_review.py [--cards 100000] [--reviews-per-card 10] [--runs 5]
                 [--unindexed]

drillcards side: a temporary DRILL_HOME with one installed pack of `--cards` questions
and a database of as many reviewed cards and `--cards * --reviews-per-card` reviews,
written in bulk with SQL (`--due-share` of the cards due now, 20 % by default, as in
issue 12's target). The pack is installed and indexed as `drill import` does it (its
questions validated once, so sessions read them without pydantic); with `--unindexed`
its file is written behind drillcards' back instead, so the first start indexes it from
its JSON and sessions validate each question they show. drillcards' modules are
compiled to bytecode first, as `pip install` does. It measures

- the first `drill review --due --plain` after the pack was installed;
- then, `--runs` times, the time from starting `drill review --due --plain` to its first
  prompt on stdout (target: at most 0.5 s);
- the cost of recording one review (`Session.record`, one committed transaction);
- the size of drill.db.

Anki side: a collection of `--cards` Basic notes (the same share due, the same number of
revlog rows), the deck's review limit raised so it gathers every due card as drill does.
After one untimed warm-up start, `--runs` times, the time from starting a Python
process that opens the collection and calls `col.sched.get_queued_cards()` to its first
card on stdout; and the in-process time of `get_queued_cards()` alone.
"""

import argparse
import compileall
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from drillcards.library import INSTALLED_SUFFIX

PROMPT_MARKER = b"Your answer"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DUE_SHARE = 0.05
"""The share of the cards due now in the other benchmarks' histories."""
TARGET_DUE_SHARE = 0.2
"""The share issue 12's first-due-card target is set at (`--due-share`'s default)."""
PACK_ID = "bench"


# --- drillcards -------------------------------------------------------------------


def write_pack(home: Path, cards: int) -> Path:
    """An installed pack of `cards` questions, written directly in the installed format."""
    folder = home / "packs"
    folder.mkdir(parents=True)
    questions = [
        {
            "id": f"q{n:06d}",
            "prompt": f"How would you design component {n} of a distributed system?",
            "framework": f"Start from the requirements of component {n}, then partition the"
            " data,\nreplicate it, and put a cache in front of the hot paths.",
            "key_points": ["Partition by tenant", "Replicate across zones"],
            "key_terms": [
                {"term": "Consistent Hashing"},
                {"term": "Change Data Capture (CDC)"},
                {"term": "Read Replica", "aliases": ["replica"]},
            ],
            "mistakes": [{"text": "Ignoring failure modes", "triggers": ["no failures"]}],
        }
        for n in range(cards)
    ]
    pack = {"id": PACK_ID, "title": "Benchmark pack", "questions": questions}
    path = folder / f"{PACK_ID}{INSTALLED_SUFFIX}"
    path.write_text(json.dumps(pack), encoding="utf-8")
    return path


def install_pack(home: Path, cards: int) -> None:
    """`write_pack`'s pack installed and indexed as `drill import` does: each question
    validated once, the catalog marked as indexed from validated models."""
    from drillcards.built_pack import BuiltPack
    from drillcards.catalog import Catalog
    from drillcards.library import Library
    from drillcards.models import Pack
    from drillcards.store import Store

    pack = BuiltPack.of(Pack.model_validate_json(write_pack(home, cards).read_bytes()))
    library = Library(home)
    library.install_built([pack])
    with Store.open(home / "drill.db") as store:
        catalog = Catalog(store, library)
        catalog.index([pack])
        catalog.refresh(None)


def write_history(home: Path, cards: int, per_card: int, due_share: float = DUE_SHARE) -> None:
    """`cards` reviewed cards and `cards * per_card` reviews, `due_share` of the cards due
    now, in bulk."""
    from drillcards.store import Store, to_ms

    rng = random.Random(42)
    now_ms = to_ms(NOW)
    day = 86_400_000
    Store.open(home / "drill.db").close()  # creates the current schema
    db = sqlite3.connect(home / "drill.db", isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    card_rows = []
    review_rows = []
    for n in range(cards):
        key = f"{PACK_ID}/q{n:06d}"
        first = now_ms - rng.randint(200, 800) * day
        when = first
        stability = 1.0
        for _ in range(per_card):
            stability *= rng.uniform(1.5, 2.5)
            due = when + int(stability * day)
            review_rows.append(
                (
                    key,
                    when,
                    rng.choice((1, 3, 3, 3, 4)),
                    0.7,
                    "an answer",
                    15_000,
                    0,
                    2,
                    None,
                    due,
                )
            )
            when = min(due, now_ms - day)
        if rng.random() < due_share:
            due = now_ms - rng.randint(0, 10) * day
        else:
            due = now_ms + rng.randint(1, 400) * day
        card_rows.append((key, PACK_ID, 2, None, stability, 5.0, due, when, first, per_card, 1))
    db.executemany(
        "INSERT INTO reviews (card_key, reviewed_at, rating, score, answer, duration_ms, cram,"
        " state, step, due) VALUES (?,?,?,?,?,?,?,?,?,?)",
        review_rows,
    )
    db.executemany(
        "INSERT INTO cards (key, pack_id, state, step, stability, difficulty, due, last_review,"
        " introduced, reps, lapses) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        card_rows,
    )
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def time_to_output(
    command: list[str],
    marker: bytes,
    env: dict[str, str],
    on_output: Callable[[int], None] | None = None,
) -> float:
    """Seconds from starting `command` until `marker` appears on its stdout; then
    `on_output` (if given) is called with the process id, before the process is killed."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert process.stdout is not None
    seen = b""
    try:
        while marker not in seen:
            ready, _, _ = select.select([process.stdout], [], [], 600)
            chunk = os.read(process.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"{command} ended before {marker!r}: {error}")
            seen += chunk
        seconds = time.perf_counter() - started
        if on_output is not None:
            on_output(process.pid)
        return seconds
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def record_cost(home: Path, count: int) -> list[float]:
    """Seconds each of `count` recorded reviews takes (due cards, rated Good)."""
    from drillcards.rating import Rating
    from drillcards.session import open_session

    costs = []
    with open_session(home, [PACK_ID], due_only=True) as session:
        for _ in range(count):
            card = session.next_card()
            assert card is not None
            started = time.perf_counter()
            session.record(card, Rating.GOOD, grade=None, answer="an answer", duration_ms=1)
            costs.append(time.perf_counter() - started)
    return costs


# --- Anki -------------------------------------------------------------------------

ANKI_FIRST_CARD = """
import sys
from anki.collection import Collection
col = Collection(sys.argv[1])
queued = col.sched.get_queued_cards()
print(queued.cards[0].card.note_id, "Your answer", flush=True)  # PROMPT_MARKER
"""


def build_anki(path: Path, cards: int, per_card: int, due_share: float = DUE_SHARE) -> None:
    """A collection of `cards` Basic notes, `due_share` of them due, with a revlog."""
    from anki.collection import AddNoteRequest, Collection

    rng = random.Random(42)
    col = Collection(str(path))
    basic = col.models.by_name("Basic")
    assert basic is not None
    deck_id = col.decks.id("Default")
    assert deck_id is not None
    batch = 10_000
    for start in range(0, cards, batch):
        requests = []
        for n in range(start, min(start + batch, cards)):
            note = col.new_note(basic)
            note["Front"] = f"How would you design component {n} of a distributed system?"
            note["Back"] = "Partition, replicate, cache. Consistent Hashing, CDC, Read Replica."
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
    today = col.sched.today
    card_ids = col.db.list("SELECT id FROM cards")
    updates = []
    for card_id in card_ids:
        due = (
            today - rng.randint(0, 10) if rng.random() < due_share else today + rng.randint(1, 400)
        )
        updates.append((rng.randint(10, 300), due, card_id))
    col.db.executemany(
        "UPDATE cards SET type = 2, queue = 2, ivl = ?, due = ?, factor = 2500, reps = 10 "
        "WHERE id = ?",
        updates,
    )
    base = int(time.time() * 1000) - 800 * 86_400_000
    revlog = []
    for n, card_id in enumerate(card_ids):
        for r in range(per_card):
            revlog.append((base + n * per_card + r, card_id, -1, 3, 10, 5, 2500, 15_000, 1))
    col.db.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        revlog,
    )
    config = col.decks.config_dict_for_deck_id(deck_id)
    config["rev"]["perDay"] = 9999  # gather every due card, as drill does
    col.decks.save(config)
    col.close()


def anki_queue_time(path: Path) -> float:
    """In-process seconds of `get_queued_cards()` on a freshly opened collection."""
    from anki.collection import Collection

    col = Collection(str(path))
    try:
        started = time.perf_counter()
        col.sched.get_queued_cards()
        return time.perf_counter() - started
    finally:
        col.close()


# --- the run ----------------------------------------------------------------------


def summary(times: list[float]) -> str:
    """Median, min and max of some timings, in seconds."""
    return f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews-per-card", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--due-share", type=float, default=TARGET_DUE_SHARE, help="Share of the cards due now."
    )
    parser.add_argument(
        "--unindexed",
        action="store_true",
        help="Write the pack file behind drillcards' back (not as drill import installs it).",
    )
    parser.add_argument("--skip-anki", action="store_true")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary homes.")
    args = parser.parse_args()
    import drillcards

    compileall.compile_dir(os.path.dirname(drillcards.__file__), quiet=1)
    drill = shutil.which("drill")
    command = [drill] if drill else [sys.executable, "-m", "drillcards"]
    command += ["review", "--due", "--plain"]
    work = Path(tempfile.mkdtemp(prefix="drill-bench-"))
    try:
        home = work / "home"
        env = {**os.environ, "DRILL_HOME": str(home), "DRILL_NOW": NOW.isoformat()}
        os.environ.update(DRILL_HOME=str(home), DRILL_NOW=NOW.isoformat())
        reviews = args.cards * args.reviews_per_card
        print(f"drillcards: {args.cards:,} cards, {reviews:,} reviews, {args.due_share:.0%} due")
        started = time.perf_counter()
        if args.unindexed:
            write_pack(home, args.cards)
        else:
            install_pack(home, args.cards)
        write_history(home, args.cards, args.reviews_per_card, args.due_share)
        print(f"  built the home in {time.perf_counter() - started:.1f} s")
        cold = time_to_output(command, PROMPT_MARKER, env)
        how = "written behind drill's back (indexes it)" if args.unindexed else "imported"
        print(f"  first start after the pack was {how}: {cold:.2f} s")
        anki_command: list[str] = []
        collection = work / "anki" / "collection.anki2"
        if not args.skip_anki:
            from anki.buildinfo import version as anki_version

            collection.parent.mkdir()
            print(f"Anki {anki_version}: {args.cards:,} notes, {reviews:,} revlog rows")
            started = time.perf_counter()
            build_anki(collection, args.cards, args.reviews_per_card, args.due_share)
            print(f"  built the collection in {time.perf_counter() - started:.1f} s")
            anki_command = [sys.executable, "-c", ANKI_FIRST_CARD, str(collection)]
            time_to_output(anki_command, PROMPT_MARKER, env)  # warm-up, as drill's first start
        # Alternate the two, so that load from other processes hits both alike.
        warm: list[float] = []
        anki_first: list[float] = []
        for _ in range(args.runs):
            warm.append(time_to_output(command, PROMPT_MARKER, env))
            if anki_command:
                anki_first.append(time_to_output(anki_command, PROMPT_MARKER, env))
        print(f"drillcards, `drill review --due --plain` to first prompt: {summary(warm)}")
        print("  (target <= 0.5 s)")
        costs = record_cost(home, 50)
        print(
            f"  one recorded review: median {statistics.median(costs) * 1000:.2f} ms"
            f" (max {max(costs) * 1000:.2f} ms)"
        )
        with sqlite3.connect(home / "drill.db") as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = (home / "drill.db").stat().st_size
        print(f"  drill.db: {size / 1e6:.0f} MB ({size / reviews:.0f} bytes per review)")
        if not anki_command:
            return
        print(f"Anki, process start to first queued card: {summary(anki_first)}")
        queue = [anki_queue_time(collection) for _ in range(args.runs)]
        print(f"  get_queued_cards() alone: median {statistics.median(queue) * 1000:.0f} ms")
        anki_size = collection.stat().st_size
        print(f"  collection.anki2: {anki_size / 1e6:.0f} MB")
        ratio = statistics.median(warm) / statistics.median(anki_first)
        print(f"drillcards / Anki, start to first card (medians): {ratio:.2f}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
