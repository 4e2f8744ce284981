"""Drilling commands: `start`, `review`, `stats` and `doctor`.

`start` and `review` open the full-screen app when stdin and stdout are terminals;
`--plain` runs the line-mode session of CONTRACTS.md §4 instead (any stdin/stdout).
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drillcards.cli.app import at_least, command, print_json
from drillcards.errors import UserError
from drillcards.humanize import plural


def _complete_pack_id(incomplete: str) -> list[str]:
    """Shell completion of `--pack`: the ids of the available packs."""
    from drillcards.home import data_home
    from drillcards.library import Library

    return [
        pack_id for pack_id in Library(data_home()).pack_ids() if pack_id.startswith(incomplete)
    ]


if TYPE_CHECKING:
    from drillcards.card_filter import CardFilter

PackOption = Annotated[
    list[str] | None,
    typer.Option(
        "--pack",
        "-p",
        metavar="ID",
        help="Only this pack (repeat for several).",
        show_default=False,
        autocompletion=_complete_pack_id,
    ),
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Line mode on stdin/stdout instead of the full-screen app: an answer ends at a "
        "line holding a single '.'; q alone as an answer, or as the rating, ends the session.",
    ),
]
TimeLimitOption = Annotated[
    int | None,
    typer.Option(
        "--time",
        metavar="SECONDS",
        callback=at_least(1),
        help="Seconds to answer each card, then it is submitted (full-screen app only).",
    ),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Only questions with this tag (repeat: any of them).",
        show_default=False,
    ),
]
CategoryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        "-c",
        metavar="CATEGORY",
        help="Only questions of this category (repeat: any).",
        show_default=False,
    ),
]


def _matching(tags: list[str] | None, categories: list[str] | None) -> "CardFilter | None":
    """The card filter of `--tag` and `--category` (None when neither is given)."""
    from drillcards.card_filter import CardFilter

    found = CardFilter(tuple(tags or ()), tuple(categories or ()))
    return found or None


def _run_tui(
    home: Path,
    pack_ids: list[str] | None,
    *,
    new_limit: int | None = None,
    limit: int | None = None,
    due_only: bool = False,
    time_limit: int | None = None,
    matching: "CardFilter | None" = None,
    practice: bool = False,
) -> None:
    """The one place the full-screen app is started from (Textual is imported only here)."""
    from drillcards.tui import run

    run(
        home,
        pack_ids,
        new_limit=new_limit,
        limit=limit,
        due_only=due_only,
        time_limit=time_limit,
        matching=matching,
        practice=practice,
    )


def _require_terminal(command_name: str) -> None:
    """Exit 2 with a hint unless stdin and stdout are both terminals."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return
    sys.stderr.write(
        f"drill: {command_name} opens a full-screen app and needs a terminal; "
        f"add --plain for a line-mode session (drill {command_name} --plain)\n"
    )
    raise typer.Exit(2)


@command("start")
def start_command(
    pack_ids: PackOption = None,
    plain: PlainOption = False,
    new_limit: Annotated[
        int | None,
        typer.Option(
            "--new",
            metavar="N",
            callback=at_least(0),
            help="New cards to introduce today, across all packs (default: the "
            "new-per-day setting, 10 unless changed with drill config).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            callback=at_least(1),
            help="At most N different cards this session (a card rated Again comes back).",
        ),
    ] = None,
    time_limit: TimeLimitOption = None,
    tags: TagOption = None,
    categories: CategoryOption = None,
    practice: Annotated[
        bool,
        typer.Option(
            "--practice",
            help="Practise ahead: the cards already studied, without changing their schedule.",
        ),
    ] = False,
) -> None:
    """Drill: due cards first, then new ones; offers practice ahead when nothing is left."""
    from drillcards.home import data_home

    home = data_home()
    matching = _matching(tags, categories)
    if not plain:
        _require_terminal("start")
        _run_tui(
            home,
            pack_ids or None,
            new_limit=new_limit,
            limit=limit,
            time_limit=time_limit,
            matching=matching,
            practice=practice,
        )
        return
    if time_limit is not None:
        sys.stderr.write("drill: --time is ignored with --plain: line mode has no countdown\n")
    from drillcards.plain import run_plain
    from drillcards.session import open_session

    session = open_session(
        home,
        pack_ids or None,
        new_limit=new_limit,
        limit=limit,
        cram=practice,
        matching=matching,
    )
    if session.total == 0:
        session.close()
        sys.stdout.write(
            _nothing_to_study(home, pack_ids or None, practice=practice, matching=matching) + "\n"
        )
        return
    if practice:
        sys.stdout.write(
            "Practising ahead: these ratings are logged but do not change the schedule.\n\n"
        )
    with session:
        run_plain(session, sys.stdin, sys.stdout)


def _nothing_to_study(
    home: Path, pack_ids: list[str] | None, *, practice: bool, matching: "CardFilter | None"
) -> str:
    """What plain `drill start` says when its session would be empty.

    Practice ahead is offered, never started unasked: in line mode stdin carries the
    answers, so the offer is the flag to add.
    """
    from drillcards.session import open_session

    if practice:
        return "Nothing to practise: no card has been studied yet."
    with open_session(home, pack_ids, cram=True, matching=matching) as practice_session:
        studied = practice_session.total
    if not studied:
        return (
            "Nothing to study: no card is due, no new card is left for today (--new), "
            "and none has been studied yet."
        )
    return (
        "Nothing due and no new cards left for today. To practise ahead (the schedule "
        "does not change): drill start --plain --practice"
    )


@command("review")
def review_command(
    due: Annotated[
        bool,
        typer.Option(
            "--due",
            help="Only the cards due now (the default; may be omitted).",
            show_default=False,
        ),
    ] = True,
    pack_ids: PackOption = None,
    plain: PlainOption = False,
    tags: TagOption = None,
    categories: CategoryOption = None,
) -> None:
    """Review only the cards due now; says when the next card is due if none is."""
    del due  # reviewing is always of the cards due: `--due` is accepted, not needed
    from drillcards.home import data_home
    from drillcards.plain import nothing_due_line, run_plain
    from drillcards.session import open_session

    home = data_home()
    matching = _matching(tags, categories)
    session = open_session(home, pack_ids or None, due_only=True, matching=matching)
    if session.total == 0:
        with session:
            sys.stdout.write(nothing_due_line(session.next_due()) + "\n")
        return
    if not plain:
        session.close()
        _require_terminal("review")
        _run_tui(home, pack_ids or None, due_only=True, matching=matching)
        return
    with session:
        run_plain(session, sys.stdin, sys.stdout)


@command("stats")
def stats_command(
    pack_id: Annotated[
        str | None,
        typer.Option(
            "--pack",
            "-p",
            metavar="ID",
            help="Only this pack.",
            show_default=False,
            autocompletion=_complete_pack_id,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Review statistics: reviews, cards seen, due now, retention."""
    from drillcards import clock
    from drillcards.catalog import Catalog
    from drillcards.home import data_home, database_path
    from drillcards.library import Library
    from drillcards.stats import collect_stats
    from drillcards.stats_detail import collect_detailed_stats
    from drillcards.store import Store

    home = data_home()
    library = Library(home)
    moment = clock.now()
    with Store.open(database_path(home), read_only=True) as store:
        pack_ids = Catalog(store, library).refresh(None)
        detailed = collect_detailed_stats(store, moment, pack_ids, pack_id)
        stats = collect_stats(store, library, moment, pack_id, due_now=detailed.due_now)
    if as_json:
        print_json({**stats.to_json(), **detailed.to_json()})
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from drillcards.humanize import format_when

    table = Table(box=None, show_header=False, title=Text(f"drill stats: {pack_id or 'all packs'}"))
    table.add_column("what")
    table.add_column("value", justify="right")
    rows = [
        ("reviews", f"{stats.reviews:,}"),
        ("cards seen", f"{stats.cards_seen:,}"),
        ("due now", f"{stats.due_now:,}"),
        ("retention", "-" if stats.retention is None else f"{stats.retention:.1%}"),
        ("ratings", " ".join(f"{r} {n:,}" for r, n in stats.ratings.items())),
        ("reviews today", f"{stats.reviews_today:,}"),
        ("new today", f"{stats.new_today:,}"),
        ("average score", "-" if stats.average_score is None else f"{stats.average_score:.0%}"),
        ("streak", plural(stats.streak_days, "day")),
        ("practice reviews", f"{stats.practice_reviews:,}"),
        ("next due", format_when(stats.next_due) if stats.next_due else "-"),
    ]
    for name, value in rows:
        table.add_row(name, Text(value))
    from drillcards.stats_charts import detailed_stats_view

    console = Console()
    console.print(table)
    console.print()
    console.print(detailed_stats_view(detailed, console.width))


@command("doctor")
def doctor_command(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute every card's state from the review log.")
    ] = False,
) -> None:
    """Check the database; with --rebuild, rebuild the card states from the review log."""
    from drillcards.home import data_home, database_path
    from drillcards.store import Store

    path = database_path(data_home())
    with Store.open(path, read_only=not rebuild) as store:
        problems = store.integrity_problems()
        if problems:
            raise UserError(f"{path}: damaged: {'; '.join(problems[:5])}")
        scheduler = store.scheduler()
        reviews = store.review_count()
        if rebuild:
            cards = store.rebuild_cards(scheduler)
            sys.stdout.write(
                f"Rebuilt {plural(cards, 'card')} from {plural(reviews, 'review')} in {path}.\n"
            )
            return
        differing = store.cards_differing_from_log(scheduler)
        version = store.schema_version
    if differing:
        sys.stdout.write(
            f"{path}: {plural(len(differing), 'card')} "
            f"{'differs' if len(differing) == 1 else 'differ'} from the review log "
            f"(first: {differing[0]}); run drill doctor --rebuild\n"
        )
        raise typer.Exit(1)
    sys.stdout.write(
        f"{path}: ok (schema version {version}, {plural(reviews, 'review')}; "
        "card states match the review log)\n"
    )
