"""How far the user is with each pack: its questions, cards due now, new cards for today.

Counts come from the question catalog in the database, so listing packs does not
parse every pack file (a pack is re-read only after its file changed).

"New" is what a session would introduce today, as in Anki's deck list: the pack's
never-reviewed questions, capped by the daily limit of new cards (`--new`, else the
`new-per-day` setting, 10 by default) less those already introduced today in every
pack, and by the pack's own `new-per-day` if it has one. "Unseen" is every
never-reviewed question. Suspended cards are counted in neither, nor as due.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from drillcards import clock
from drillcards.catalog import Catalog
from drillcards.home import database_path
from drillcards.library import Library
from drillcards.plan import plan_day
from drillcards.preferences import global_preferences, pack_overrides
from drillcards.scheduler import study_day_start
from drillcards.store import Store, introduced_since, to_ms


@dataclass(frozen=True)
class PackProgress:
    """Due and new counts of one pack."""

    pack_id: str
    title: str
    description: str | None
    questions: int
    due: int
    """Cards of the pack due now (suspended cards left out)."""
    new: int
    """New cards a session on this pack would introduce today (the daily limits applied)."""
    unseen: int
    """Questions of the pack never reviewed."""
    introduced_today: int
    """Cards of the pack first reviewed this study day."""
    day_room: int
    """New cards the daily limit still allows today, all packs together."""
    plan_days_left: int | None = None
    """Days left before the planned interview (`drill plan`); None when not planned."""
    plan_target: int | None = None
    """New cards the plan asks of this pack today; None when not planned."""


def new_today(rows: Sequence[PackProgress]) -> int:
    """New cards a session on all of `rows` together would introduce today."""
    room = min((row.day_room for row in rows), default=0)
    return min(room, sum(row.new for row in rows))


def library_progress(
    home: Path,
    pack_ids: Sequence[str] | None = None,
    *,
    new_limit: int | None = None,
) -> list[PackProgress]:
    """Counts for every available pack (or those named), in id order; `new_limit` is the
    daily limit of new cards (None: the `new-per-day` setting)."""
    library = Library(home)
    now = clock.now()
    with Store.open(database_path(home), read_only=True) as store:
        catalog = Catalog(store, library)
        selected = sorted(catalog.refresh(pack_ids))
        counts = {
            pack_id: (questions, due or 0, unseen or 0, introduced or 0)
            for pack_id, questions, due, unseen, introduced in store.db.execute(
                "SELECT q.pack_id, COUNT(*), SUM(c.due <= ? AND f.key IS NULL),"
                " SUM(c.key IS NULL AND f.key IS NULL), SUM(c.introduced >= ?)"
                " FROM catalog_questions AS q LEFT JOIN cards AS c ON c.key = q.key"
                " LEFT JOIN card_flags AS f ON f.key = q.key AND f.suspended"
                " GROUP BY q.pack_id",
                (to_ms(now), to_ms(study_day_start(now))),
            )
        }
        if new_limit is None:
            new_limit = global_preferences(store).new_per_day
        day_room = max(0, new_limit - introduced_since(store, study_day_start(now), None))
        rows = []
        for pack_id in selected:
            header = catalog.header(pack_id)
            questions, due, unseen, introduced = counts.get(pack_id, (0, 0, 0, 0))
            new = min(unseen, day_room)
            own = pack_overrides(store, pack_id).get("new_per_day")
            if own is not None:
                new = min(new, max(0, int(own) - introduced))
            day = plan_day(store, now, [pack_id], reviews=False)
            days_left = target = None
            if day is not None:
                days_left, target = day.days_left, day.new_target
                new = day.new_left if day.days_left else new
            rows.append(
                PackProgress(
                    pack_id,
                    header["title"],
                    header.get("description"),
                    questions,
                    due,
                    new,
                    unseen,
                    introduced,
                    day_room,
                    days_left,
                    target,
                )
            )
    return rows
