"""Fitting the FSRS parameters to the user's own review log (`drill optimize`).

The log is turned into FSRS training items as Anki does: per card, its scheduling
reviews (practice left out) on study days, each item being a card's reviews up to one
on a later day than the review before it. The parameters are fitted with fsrs-rs (the
optimizer Anki uses, through `fsrs-rs-python`: no PyTorch). The fit is kept only when
it predicts the log better (lower log loss) than the parameters in use; with fewer
than `MIN_ITEMS` items the parameters are left as they are.

New parameters change every card's memory state, so the card states are then rebuilt
from the log with them (as Anki's "reschedule cards on change"), and `drill doctor`
keeps agreeing with them.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from drillcards.scheduler import DAY_ROLLOVER_HOUR, DEFAULT_PARAMETERS, SchedulerSettings
from drillcards.store import LOG_BY_CARD, Store

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

MIN_ITEMS = 100
"""Fewer training items than this (reviews on a later day than the card's previous
review) give parameters too noisy to trust."""
_DAY_MS = 86_400_000


@dataclass(frozen=True)
class Fit:
    """How well some parameters predict the review log."""

    log_loss: float
    rmse: float
    """RMSE over bins of predicted recall, as fsrs-rs and Anki report it."""


@dataclass(frozen=True)
class OptimizeOutcome:
    """What `optimize` found and did."""

    items: int
    """Training items built from the log."""
    reviews: int
    """Scheduling reviews in the log."""
    before: Fit | None
    """The parameters in use; None when there were too few items to evaluate."""
    after: Fit | None
    """The fitted parameters; None when none were fitted."""
    parameters: tuple[float, ...]
    """The parameters in force now."""
    saved: bool
    """True when the fitted parameters were stored (and the cards rebuilt)."""
    cards_rebuilt: int = 0
    """Cards whose state was recomputed with the new parameters."""


def training_items(store: Store, now: datetime) -> tuple[list["FSRSItem"], int]:
    """The FSRS training items of the review log, oldest last review first, and the
    number of scheduling reviews they come from."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    offset = now.astimezone().utcoffset() or timedelta(0)
    shift = int(offset.total_seconds() * 1000) - DAY_ROLLOVER_HOUR * 3_600_000
    rows = store.db.execute(
        f"SELECT k.key, (r.reviewed_at + ?) / {_DAY_MS}, r.rating FROM {LOG_BY_CARD} "
        "WHERE r.cram = 0 ORDER BY r.card, r.id",
        (shift,),
    )
    dated: list[tuple[int, FSRSItem]] = []
    key: str | None = None
    history: list[FSRSReview] = []
    last_day = 0
    reviews = 0
    for card_key, day, rating in rows:
        reviews += 1
        if card_key != key:
            key, history, last_day = card_key, [], day
        delta = day - last_day
        history.append(FSRSReview(rating, delta))
        last_day = day
        if delta > 0:
            item = FSRSItem(list(history))
            if item.long_term_review_cnt() > 0:
                dated.append((day, item))
    dated.sort(key=lambda pair: pair[0])
    return [item for _, item in dated], reviews


def _fit(parameters: tuple[float, ...], items: list["FSRSItem"]) -> Fit:
    from fsrs_rs_python import FSRS

    evaluation = FSRS(list(parameters)).evaluate(items)
    return Fit(float(evaluation.log_loss), float(evaluation.rmse_bins))


def optimize(store: Store, now: datetime) -> OptimizeOutcome:
    """Fit the parameters to the log; store them (and rebuild the cards) if they fit better."""
    from fsrs_rs_python import FSRS

    settings = store.settings()
    items, reviews = training_items(store, now)
    if len(items) < MIN_ITEMS:
        return OptimizeOutcome(len(items), reviews, None, None, settings.parameters, False)
    before = _fit(settings.parameters, items)
    fitted = tuple(float(p) for p in FSRS(list(settings.parameters)).compute_parameters(items))
    if _same(fitted, DEFAULT_PARAMETERS) and not _same(settings.parameters, DEFAULT_PARAMETERS):
        fitted = settings.parameters  # fsrs-rs found too little to fit: it gave the defaults
    after = _fit(fitted, items)
    if after.log_loss >= before.log_loss:
        return OptimizeOutcome(len(items), reviews, before, after, settings.parameters, False)
    try:
        new_settings = SchedulerSettings.from_json_dict(
            {**settings.to_json_dict(), "parameters": list(fitted)}
        )
    except ValueError:  # outside what the scheduler accepts: keep what works
        return OptimizeOutcome(len(items), reviews, before, after, settings.parameters, False)
    cards = _save_parameters(store, new_settings)
    return OptimizeOutcome(len(items), reviews, before, after, fitted, True, cards)


def _same(first: tuple[float, ...], second: tuple[float, ...]) -> bool:
    return len(first) == len(second) and all(
        abs(a - b) < 1e-6 for a, b in zip(first, second, strict=True)
    )


def reset_parameters(store: Store) -> int:
    """Go back to the FSRS default parameters and rebuild the cards; returns their count."""
    return _save_parameters(store, replace(store.settings(), parameters=DEFAULT_PARAMETERS))


def _save_parameters(store: Store, settings: SchedulerSettings) -> int:
    store.save_settings(settings)
    return store.rebuild_cards(store.scheduler())
