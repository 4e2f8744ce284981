"""`drill optimize`: fit the FSRS parameters to your own review log (see `drillcards.optimizer`)."""

import sys
from typing import Annotated

import typer

from drillcards.cli.app import command, print_json


@command("optimize")
def optimize_command(
    reset: Annotated[
        bool, typer.Option("--reset", help="Go back to the default FSRS parameters.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Fit the scheduler's FSRS parameters to your review log; report log loss and RMSE."""
    from drillcards import clock
    from drillcards.home import data_home, database_path
    from drillcards.optimizer import MIN_ITEMS, optimize, reset_parameters
    from drillcards.store import Store

    with Store.open(database_path(data_home())) as store:
        if reset:
            cards = reset_parameters(store)
            sys.stdout.write(
                f"Back to the default FSRS parameters; {cards:,} card schedules recomputed.\n"
            )
            return
        outcome = optimize(store, clock.now())
    if as_json:
        print_json(
            {
                "reviews": outcome.reviews,
                "items": outcome.items,
                "before": None if outcome.before is None else vars(outcome.before),
                "after": None if outcome.after is None else vars(outcome.after),
                "saved": outcome.saved,
                "parameters": list(outcome.parameters),
            }
        )
        return
    if outcome.before is None:
        sys.stdout.write(
            f"Too few reviews to fit: {outcome.items:,} reviews on a later day than the "
            f"card's previous one (at least {MIN_ITEMS:,} needed); the parameters in use "
            "are kept.\n"
        )
        return
    sys.stdout.write(f"{outcome.reviews:,} reviews, {outcome.items:,} training items.\n")
    sys.stdout.write(f"{'':12}{'log loss':>10}{'RMSE':>10}\n")
    for label, fit in (("in use", outcome.before), ("fitted", outcome.after)):
        assert fit is not None
        sys.stdout.write(f"{label:12}{fit.log_loss:>10.4f}{fit.rmse:>10.4f}\n")
    if outcome.saved:
        sys.stdout.write(
            "Saved the fitted parameters; the scheduler uses them from now on, and "
            f"{outcome.cards_rebuilt:,} card schedules were recomputed from the log.\n"
        )
    else:
        sys.stdout.write(
            "The fitted parameters do not predict your reviews better; the parameters in "
            "use are kept.\n"
        )
