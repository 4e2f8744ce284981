"""The full-screen drill app (Textual), started by `drill start` and `drill review --due`.

Importing this package is cheap: Textual is imported only when `run` is called, so the
rest of the command line never pays for it.
"""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drillcards.card_filter import CardFilter


def run(
    home: Path,
    pack_ids: list[str] | None = None,
    *,
    new_limit: int | None = None,
    limit: int | None = None,
    due_only: bool = False,
    time_limit: int | None = None,
    matching: "CardFilter | None" = None,
    practice: bool = False,
) -> None:
    """Run the drill app until the user quits.

    With `pack_ids` (or `due_only`) a session starts at once on those packs (or all);
    otherwise the home screen lets the user pick a pack. `time_limit` gives each answer
    that many seconds, then submits it; `matching` keeps the cards with those tags or
    categories. `practice` starts a practice-ahead session.

    A problem with the clock, the database or a pack is a UserError: found before the
    app starts when possible, else raised once the app has closed and given the
    terminal back.
    """
    from drillcards.tui import heap

    heap.take_over()  # the app collects garbage when idle (see `heap`), from its imports on
    from drillcards.errors import UserError
    from drillcards.session import check_ready

    check_ready(home, pack_ids)
    from drillcards.tui.app import DrillApp, DrillOptions

    options = DrillOptions(
        home=home,
        pack_ids=pack_ids,
        start_at_once=bool(pack_ids) or due_only or practice,
        new_limit=new_limit,
        limit=limit,
        due_only=due_only,
        time_limit=time_limit,
        matching=matching,
        practice=practice,
    )
    app = DrillApp(options)
    app.run()
    if app.failure is not None:
        raise UserError(app.failure)
    if app.return_code:
        raise UserError("the app stopped on an unexpected error (above); please report it")
