"""`drill config`: study settings, global and per pack (see `drillcards.preferences`)."""

import sys
from dataclasses import asdict
from typing import Annotated

import typer

from drillcards.cli.app import command, print_json
from drillcards.errors import UserError


@command("config")
def config_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="new-per-day, desired-retention or leech-threshold; none: show all.",
            show_default=False,
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Argument(help="The new value; none: show it.", show_default=False)
    ] = None,
    pack_id: Annotated[
        str | None,
        typer.Option(
            "--pack", "-p", metavar="ID", help="This pack's own setting.", show_default=False
        ),
    ] = None,
    reset: Annotated[
        bool,
        typer.Option("--reset", help="Forget the setting (all of a pack's, without NAME)."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show or change settings: new cards per day (all packs together), desired retention,
    leech threshold; with --pack, that pack's own."""
    from drillcards.home import data_home, database_path
    from drillcards.library import Library
    from drillcards.preferences import (
        global_preferences,
        pack_preferences,
        packs_with_overrides,
        parse_value,
        reset_preference,
        set_preference,
        setting_label,
        setting_name,
    )
    from drillcards.store import Store

    home = data_home()
    setting = setting_name(name) if name is not None else None
    if value is not None and reset:
        raise UserError("give a value or --reset, not both")
    if reset and setting is None and pack_id is None:
        raise UserError("--reset needs a setting name, or --pack for all of a pack's settings")
    with Store.open(database_path(home)) as store:
        if value is not None or reset:
            if pack_id is not None and not reset:
                Library(home).path_of(pack_id)  # an unknown pack is an error
            assert setting is not None or reset
            if reset:
                reset_preference(store, setting, pack_id)
            else:
                assert setting is not None
                set_preference(store, setting, parse_value(setting, value or ""), pack_id)
            if setting in (None, "desired_retention"):  # intervals change: replay the log
                rebuilt = store.rebuild_cards(store.scheduler())
                from drillcards.humanize import plural

                schedules = plural(rebuilt, "card schedule")
                sys.stderr.write(f"{schedules} recomputed from the review log\n")
        in_force = pack_preferences(store, pack_id) if pack_id else global_preferences(store)
        overrides = packs_with_overrides(store)
        global_values = asdict(global_preferences(store))
    if setting is not None and not as_json:
        where = f" ({pack_id})" if pack_id else ""
        sys.stdout.write(f"{setting_label(setting)}{where} = {getattr(in_force, setting)}\n")
        return
    if as_json:
        print_json(
            {
                "global": {setting_label(k): v for k, v in global_values.items()},
                "packs": {
                    pack: {setting_label(k): v for k, v in values.items()}
                    for pack, values in overrides.items()
                },
            }
        )
        return
    packs = list(overrides)
    rows = [("setting", "global", *packs)]
    for key, global_value in global_values.items():
        own = [str(overrides[pack].get(key, "-")) for pack in packs]
        rows.append((setting_label(key), str(global_value), *own))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        line = "  ".join(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=True))
        sys.stdout.write(line.rstrip() + "\n")
