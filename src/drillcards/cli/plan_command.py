"""`drill plan`: plan to an interview date (see `drillcards.plan` for what it does)."""

import sys
from typing import Annotated

import typer

from drillcards.cli.app import command
from drillcards.cli.session_commands import PackOption
from drillcards.humanize import plural


@command("plan")
def plan_command(
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="DATE",
            help="The interview date (YYYY-MM-DD): plan to see every question before it.",
            show_default=False,
        ),
    ] = None,
    pack_ids: PackOption = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the plan.")] = False,
) -> None:
    """Plan to an interview date: new cards spread over the days left, reviews near it."""
    from drillcards import clock
    from drillcards.catalog import Catalog
    from drillcards.home import data_home, database_path
    from drillcards.library import Library
    from drillcards.plan import clear_plan, parse_date, plan_day, save_plan
    from drillcards.store import Store

    home = data_home()
    now = clock.now()
    with Store.open(database_path(home)) as store:
        if clear:
            removed = clear_plan(store)
            sys.stdout.write("Plan removed.\n" if removed else "No plan to remove.\n")
            return
        catalog = Catalog(store, Library(home))
        if by is not None:
            save_plan(
                store, parse_date(by), catalog.refresh(pack_ids or None) if pack_ids else None, now
            )
        elif pack_ids:
            raise typer.BadParameter("--pack needs --by DATE", param_hint="--pack")
        day = plan_day(store, now, catalog.refresh(None))
    if day is None:
        sys.stdout.write("No plan. Make one: drill plan --by YYYY-MM-DD [--pack ID]\n")
        return
    packs = ", ".join(day.plan.packs) if day.plan.packs else "every pack"
    sys.stdout.write(f"Interview on {day.plan.by.isoformat()} ({packs}).\n")
    if not day.days_left:
        sys.stdout.write(
            "The date has come: the plan no longer changes sessions (drill plan --clear).\n"
        )
        return
    sys.stdout.write(
        f"{plural(day.days_left, 'day')} left · {day.unseen} unseen · today's target: "
        f"{plural(day.new_target, 'new card')} ({day.new_done} done)"
    )
    if day.bring_forward:
        sys.stdout.write(f" · {plural(len(day.bring_forward), 'review')} brought forward")
    sys.stdout.write(".\n")
