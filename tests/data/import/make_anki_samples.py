"""Write the Anki sample files of this folder with the real Anki library (`pip install anki`).

Run from the repository root:  python tests/data/import/make_anki_samples.py

* anki-interview-deck.apkg: a current package (collection.anki21b, zstd), deck
  "Interview Prep::Backend", a Basic note, a Basic (and reversed card) note with a list
  and an image (in the package's media), and a Cloze note, all tagged;
* anki-interview-deck-legacy.apkg: the same deck exported in the legacy format
  (collection.anki21);
* anki-interview-deck.txt: the same notes as Anki's "Notes in Plain Text" export with
  GUID, notetype, deck and tags columns.

The tests build the same deck at run time too (tests/test_import_apkg.py); these copies
let the importer tests run where the anki package is not installed.
"""

import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

HERE = Path(__file__).resolve().parent
_TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def build_collection(folder: Path) -> tuple[Collection, int]:
    """A collection holding the sample deck; returns it and the deck id."""
    collection = Collection(str(folder / "collection.anki2"))
    deck_id = collection.decks.id("Interview Prep::Backend")
    assert deck_id is not None
    basic = collection.models.by_name("Basic")
    reversed_ = collection.models.by_name("Basic (and reversed card)")
    cloze = collection.models.by_name("Cloze")
    assert basic and reversed_ and cloze
    note = collection.new_note(basic)
    note["Front"] = "What does the <b>CAP theorem</b> say?"
    note["Back"] = (
        "A distributed store can guarantee at most two of <i>consistency</i>, "
        "<i>availability</i> and <i>partition tolerance</i>.<br>During a partition, "
        "choose C or A &mdash; not both."
    )
    note.tags = ["distributed-systems", "theory"]
    collection.add_note(note, deck_id)
    note = collection.new_note(reversed_)
    note["Front"] = "Name three cache invalidation strategies"
    note["Back"] = (
        "<ul><li>TTL expiry</li><li>Write-through</li><li>Event-driven (pub/sub) "
        'invalidation</li></ul><img src="cache-diagram.png">'
    )
    note.tags = ["caching"]
    collection.add_note(note, deck_id)
    collection.media.write_data("cache-diagram.png", _TINY_PNG)
    note = collection.new_note(cloze)
    note["Text"] = (
        "{{c1::Kafka}} stores events in an append-only {{c2::log::data structure}} "
        "split into {{c3::partitions}}."
    )
    note["Back Extra"] = "Ordering is guaranteed only within a partition."
    note.tags = ["kafka", "messaging"]
    collection.add_note(note, deck_id)
    return collection, deck_id


def export_package(collection: Collection, deck_id: int, path: Path, *, legacy: bool) -> None:
    """Export the deck as an .apkg, as Anki's File > Export does."""
    options = ExportAnkiPackageOptions(
        with_scheduling=False, with_deck_configs=False, with_media=True, legacy=legacy
    )
    collection.export_anki_package(out_path=str(path), options=options, limit=DeckIdLimit(deck_id))


def export_notes_text(collection: Collection, path: Path) -> None:
    """Export the notes as Anki's text format, with every optional column."""
    collection.export_note_csv(
        out_path=str(path),
        limit=None,
        with_html=True,
        with_tags=True,
        with_deck=True,
        with_notetype=True,
        with_guid=True,
    )


def main() -> None:
    """Write the three sample files next to this script."""
    with tempfile.TemporaryDirectory() as folder:
        collection, deck_id = build_collection(Path(folder))
        try:
            export_package(collection, deck_id, HERE / "anki-interview-deck.apkg", legacy=False)
            export_package(
                collection, deck_id, HERE / "anki-interview-deck-legacy.apkg", legacy=True
            )
            export_notes_text(collection, HERE / "anki-interview-deck.txt")
        finally:
            collection.close()
    sys.stdout.write("wrote the Anki samples\n")


if __name__ == "__main__":
    main()
