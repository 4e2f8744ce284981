"""How far the user is with each pack: its questions, cards due now, cards never reviewed.

Counts come from the question catalog in the database, so listing packs does not
parse every pack file (a pack is re-read only after its file changed).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from drillcards import clock
from drillcards.catalog import Catalog
from drillcards.home import database_path
from drillcards.library import Library
from drillcards.store import Store, to_ms


@dataclass(frozen=True)
class PackProgress:
    """Due and new counts of one pack."""

    pack_id: str
    title: str
    description: str | None
    questions: int
    due: int
    """Cards of the pack due now."""
    new: int
    """Questions of the pack never reviewed."""


def library_progress(home: Path, pack_ids: Sequence[str] | None = None) -> list[PackProgress]:
    """Counts for every available pack (or those named), in id order."""
    library = Library(home)
    with Store.open(database_path(home), read_only=True) as store:
        catalog = Catalog(store, library)
        selected = sorted(catalog.refresh(pack_ids))
        counts = {
            pack_id: (questions, due or 0, new or 0)
            for pack_id, questions, due, new in store.db.execute(
                "SELECT q.pack_id, COUNT(*), SUM(c.due <= ?), SUM(c.key IS NULL)"
                " FROM catalog_questions AS q LEFT JOIN cards AS c ON c.key = q.key"
                " GROUP BY q.pack_id",
                (to_ms(clock.now()),),
            )
        }
        rows = []
        for pack_id in selected:
            header = catalog.header(pack_id)
            questions, due, new = counts.get(pack_id, (0, 0, 0))
            rows.append(
                PackProgress(
                    pack_id, header["title"], header.get("description"), questions, due, new
                )
            )
    return rows
