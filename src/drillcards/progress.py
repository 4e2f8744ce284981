"""How far the user is with each pack: cards due now and cards never seen."""

from dataclasses import dataclass

from drillcards.models import Pack


@dataclass(frozen=True)
class PackProgress:
    """Due and new counts of one pack."""

    pack: Pack
    due: int
    new: int


def pack_progress(pack: Pack) -> PackProgress:
    """Counts for one pack. (Until the review store lands, every card is new.)"""
    return PackProgress(pack, due=0, new=len(pack.questions))
