"""How far the user is with each pack: cards due now and cards never reviewed."""

from dataclasses import dataclass

from drillcards import clock
from drillcards.home import data_home, database_path
from drillcards.models import Pack, card_key
from drillcards.store import Store, to_ms


@dataclass(frozen=True)
class PackProgress:
    """Due and new counts of one pack."""

    pack: Pack
    due: int
    new: int


def pack_progress(pack: Pack) -> PackProgress:
    """Counts for one pack of the data directory, from the card states in the store."""
    path = database_path(data_home())
    if not path.exists():  # nothing reviewed yet; do not create a database to say so
        return PackProgress(pack, due=0, new=len(pack.questions))
    keys = {card_key(pack.id, question.id) for question in pack.questions}
    now = to_ms(clock.now())
    with Store.open(path) as store:
        rows = store.db.execute("SELECT key, due FROM cards WHERE pack_id = ?", (pack.id,))
        seen = [(key, due) for key, due in rows if key in keys]
    return PackProgress(
        pack,
        due=sum(1 for _, due in seen if due <= now),
        new=len(keys) - len(seen),
    )
