"""Bytes per review in drill.db, without answers and with 300-word answers, next to Anki.

Run by hand:  python bench/bench_storage.py [--cards 2000] [--reviews-per-card 10]

drillcards: reviews recorded through `Store.record_review` (the real code path, with the
scheduler), with card keys as long as real ones ("<pack id>/<question id>", ~42
characters, like "senior-fullstack/monolith-to-microservices"). Once with empty answers,
once with 300-word answers cut at random from the bundled packs' model answers
(technical English, as people type in a drill). The size is the file after a checkpoint
and VACUUM, minus the same database before the reviews.

Anki: a collection of `--cards` notes, then as many revlog rows, measured the same way.
Targets: without answers <= 1.2x Anki's bytes per review; with answers <= 1 GB per
million reviews (1,000 bytes per review).
"""

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from drillcards.library import bundled_packs_dir
from drillcards.packs import load_pack
from drillcards.rating import Rating
from drillcards.store import Store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def compacted_size(path: Path) -> int:
    """The database's size once checkpointed and vacuumed."""
    with sqlite3.connect(path) as db:
        # Anki's tables use its own collation; VACUUM rebuilds their indexes with it
        db.create_collation(
            "unicase", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower())
        )
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("VACUUM")
    return path.stat().st_size


def answer_words() -> list[str]:
    """The words of the bundled packs' model answers and points, in order."""
    words: list[str] = []
    for path in sorted(bundled_packs_dir().glob("*.yaml")):
        for question in load_pack(path).questions:
            for text in [question.framework or "", *question.key_points, *question.how_to_answer]:
                words.extend(text.split())
    return words


def drill_bytes_per_review(folder: Path, cards: int, per_card: int, answers: bool) -> float:
    """Bytes each review adds to drill.db."""
    path = folder / f"drill-{answers}.db"
    Store.open(path).close()
    empty = compacted_size(path)
    rng = random.Random(42)
    words = answer_words()
    with Store.open(path) as store:
        store.db.execute("PRAGMA synchronous = OFF")  # the bench's speed only; same bytes
        scheduler = store.scheduler()
        for n in range(cards):
            key = f"senior-fullstack/design-a-rate-limiter-{n:05d}"
            when = NOW - timedelta(days=400)
            for _ in range(per_card):
                text = ""
                if answers:
                    start = rng.randrange(len(words) - 300)
                    text = " ".join(words[start : start + 300])
                rating = rng.choice((Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.EASY))
                _, card = store.record_review(
                    scheduler, key, rating, when, score=0.61, answer=text, duration_ms=41_250
                )
                assert card is not None
                when = max(when + timedelta(minutes=10), card.state.due)
    return (compacted_size(path) - empty) / (cards * per_card)


def anki_bytes_per_review(folder: Path, cards: int, per_card: int) -> float | None:
    """Bytes each revlog row adds to an Anki collection (None without anki)."""
    try:
        from anki.collection import AddNoteRequest, Collection
    except ImportError:
        return None
    path = folder / "collection.anki2"
    col = Collection(str(path))
    basic = col.models.by_name("Basic")
    assert basic is not None
    deck_id = col.decks.id("Default")
    requests = []
    for n in range(cards):
        note = col.new_note(basic)
        note["Front"], note["Back"] = f"Question {n}", "Answer"
        requests.append(AddNoteRequest(note=note, deck_id=deck_id))
    col.add_notes(requests)
    card_ids = col.db.list("SELECT id FROM cards")
    col.close()
    empty = compacted_size(path)
    rng = random.Random(42)
    base = int(time.time() * 1000) - 400 * 86_400_000
    rows = []
    for n, card_id in enumerate(card_ids):
        for r in range(per_card):
            interval = rng.randint(1, 300)
            rows.append((base + (n * per_card + r) * 60_000, card_id, -1, rng.randint(1, 4),
                         interval, interval // 2, 2500, 41_250, 1))  # fmt: skip
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
    return (compacted_size(path) - empty) / (cards * per_card)


def main() -> None:
    """Run the measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--reviews-per-card", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="drill-bench-"))
    try:
        reviews = args.cards * args.reviews_per_card
        bare = drill_bytes_per_review(folder, args.cards, args.reviews_per_card, answers=False)
        typed = drill_bytes_per_review(folder, args.cards, args.reviews_per_card, answers=True)
        anki = anki_bytes_per_review(folder, args.cards, args.reviews_per_card)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{reviews:,} reviews of {args.cards:,} cards")
    print(f"drillcards, no answers:       {bare:7.1f} bytes per review")
    print(f"drillcards, 300-word answers: {typed:7.1f} bytes per review "
          f"({typed * 1e6 / 1e9:.2f} GB per million; target <= 1.0)")  # fmt: skip
    if anki is not None:
        print(f"Anki revlog:                  {anki:7.1f} bytes per review")
        print(f"drillcards / Anki, no answers: {bare / anki:.2f}x (target <= 1.2)")


if __name__ == "__main__":
    main()
