"""Managing what you study: `remove`, `list`, `suspend`, `unsuspend` and `edit`."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from drillcards.cli.app import command, print_json
from drillcards.cli.session_commands import CategoryOption, PackOption, TagOption
from drillcards.errors import UserError

if TYPE_CHECKING:
    from pathlib import Path

    from drillcards.catalog import Catalog
    from drillcards.store import Store


def _open() -> tuple["Store", "Catalog"]:
    from drillcards.catalog import Catalog
    from drillcards.home import data_home, database_path
    from drillcards.library import Library
    from drillcards.store import Store

    home = data_home()
    store = Store.open(database_path(home))
    return store, Catalog(store, Library(home))


@command("remove")
def remove_command(
    pack_id: Annotated[str, typer.Argument(help="The installed pack to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")] = False,
) -> None:
    """Remove an installed pack; its review history is kept for a later re-import."""
    from drillcards.home import data_home
    from drillcards.library import Library

    library = Library(data_home())
    library.removable_path(pack_id)  # a bundled or unknown pack: say so before asking
    if not yes:
        try:
            confirmed = typer.confirm(f"Remove the pack {pack_id}? Its review history is kept")
        except typer.Abort:  # end of input
            raise UserError(f"remove {pack_id}: not confirmed (--yes); nothing removed") from None
        if not confirmed:
            sys.stdout.write("Nothing removed.\n")
            return
    library.uninstall(pack_id)
    line = f"Removed {pack_id}. Its review history is kept: import it again to get it back."
    if pack_id in library.pack_ids():
        line += f" The bundled pack {pack_id} is in use again."
    sys.stdout.write(line + "\n")


@command("list")
def list_command(
    pack_ids: PackOption = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Only questions whose id or prompt has these words.",
        ),
    ] = None,
    tags: TagOption = None,
    categories: CategoryOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List questions with their card's state, due time, lapses and marks."""
    from drillcards import clock
    from drillcards.browse import list_cards
    from drillcards.card_filter import CardFilter

    store, catalog = _open()
    with store:
        selected = catalog.refresh(pack_ids or None)
        matching = CardFilter(tuple(tags or ()), tuple(categories or ()))
        cards = list_cards(store, selected, search=search, matching=matching)
    if as_json:
        print_json([card.to_json() for card in cards])
        return
    if not cards:
        sys.stdout.write("No questions match.\n")
        return
    import shutil

    from drillcards.humanize import format_due

    now = clock.now()
    rows = [("question", "state", "due", "lapses", "prompt")]
    for card in cards:
        marks = [mark for mark, on in (("suspended", card.suspended), ("leech", card.leech)) if on]
        state = card.state + (f" ({', '.join(marks)})" if marks else "")
        due = "-" if card.due is None else format_due(card.due, now)
        rows.append((card.key, state, due, str(card.lapses), card.prompt))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    room = max(20, shutil.get_terminal_size().columns - sum(widths) - 8)
    for key, state, due, lapses, prompt in rows:
        if len(prompt) > room:
            prompt = prompt[: room - 1] + "…"
        sys.stdout.write(
            f"{key:<{widths[0]}}  {state:<{widths[1]}}  {due:>{widths[2]}}  "
            f"{lapses:>{widths[3]}}  {prompt}\n"
        )


def _set_suspended(keys: list[str], suspended: bool) -> None:
    store, catalog = _open()
    with store:
        catalog.refresh(None)
        for key in keys:
            if "/" not in key:
                raise UserError(f"{key}: name a question as PACK/QUESTION (see drill list)")
            if catalog.card(key) is None:
                raise UserError(f"{key}: no such question (see drill list)")
        from drillcards.card_flags import set_suspended

        set_suspended(store, keys, suspended)
    verb = "Suspended" if suspended else "Unsuspended"
    sys.stdout.write(f"{verb} {', '.join(keys)}.\n")


@command("suspend")
def suspend_command(
    keys: Annotated[list[str], typer.Argument(help="Questions as PACK/QUESTION.")],
) -> None:
    """Suspend cards: they are never queued until unsuspended (history is kept)."""
    _set_suspended(keys, True)


@command("unsuspend")
def unsuspend_command(
    keys: Annotated[list[str], typer.Argument(help="Questions as PACK/QUESTION.")],
) -> None:
    """Bring suspended cards (leeches too) back into the queue."""
    _set_suspended(keys, False)


def _run_editor(path: "Path") -> None:
    """Run the user's editor ($VISUAL, else $EDITOR, else vi) on `path`."""
    import os
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        status = subprocess.run([*shlex.split(editor), str(path)], check=False).returncode
    except (FileNotFoundError, ValueError):
        raise UserError(f"cannot run the editor {editor!r}; set EDITOR") from None
    if status != 0:
        raise UserError(f"the editor ({editor}) exited with status {status}; nothing changed")


@command("edit")
def edit_command(
    key: Annotated[str, typer.Argument(help="The question, as PACK/QUESTION.")],
) -> None:
    """Edit a question in $EDITOR; an edited bundled question is kept as your own version."""
    from drillcards.editing import edit_question

    store, catalog = _open()
    with store:
        outcome = edit_question(catalog.library, store, key, _run_editor)
        if outcome.changed:
            catalog.refresh([key.split("/", 1)[0]])
    if not outcome.changed:
        sys.stdout.write("No change.\n")
    elif outcome.override is not None:
        sys.stdout.write(
            f"Saved {key} as your own version ({outcome.override}); "
            "the bundled pack is unchanged.\n"
        )
    else:
        sys.stdout.write(f"Saved {key}.\n")
