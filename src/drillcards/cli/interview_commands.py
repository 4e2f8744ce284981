"""`drill interview`: a mock interview, its history, and one report written out."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from drillcards.cli.app import at_least, command
from drillcards.cli.session_commands import PackOption, TimeLimitOption, _require_terminal
from drillcards.errors import UserError


@command("interview")
def interview_command(
    pack_ids: PackOption = None,
    questions: Annotated[
        int,
        typer.Option(
            "--questions", "-n", metavar="N", callback=at_least(1), help="Questions to ask."
        ),
    ] = 5,
    time_limit: TimeLimitOption = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Line mode on stdin/stdout: an answer ends at a line holding a single '.'; "
            "then the report, then one rating per answer (1-4, Enter = suggested, q = stop).",
        ),
    ] = False,
    history: Annotated[
        bool, typer.Option("--history", help="List past interviews with their score trend.")
    ] = False,
    show: Annotated[
        int | None,
        typer.Option("--show", metavar="ID", help="Write out the report of interview ID."),
    ] = None,
    report_format: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="For --show: md (default) or html."),
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="For --show: file to write."),
    ] = None,
) -> None:
    """A mock interview: weak and due questions first, no feedback until the report."""
    from drillcards.home import data_home

    home = data_home()
    if history:
        _print_history(home)
        return
    if show is not None:
        _write_report(home, show, report_format, output)
        return
    from drillcards.interview import open_interview

    interview = open_interview(home, pack_ids or None, questions=questions, time_limit=time_limit)
    if not interview.cards:
        interview.close()
        raise UserError("no questions to ask in these packs")
    if not plain:
        interview.close()
        _require_terminal("interview")
        from drillcards.tui.interview_app import run_interview

        run_interview(home, pack_ids or None, questions=questions, time_limit=time_limit)
        return
    if time_limit is not None:
        sys.stderr.write("drill: --time is ignored with --plain: line mode has no countdown\n")
    from drillcards.interview_plain import run_interview_plain

    with interview:
        run_interview_plain(interview, sys.stdin, sys.stdout)


def _print_history(home: Path) -> None:
    from drillcards.home import database_path
    from drillcards.humanize import format_when
    from drillcards.interview import interview_history
    from drillcards.store import Store

    with Store.open(database_path(home)) as store:
        reports = interview_history(store)
    if not reports:
        sys.stdout.write("No interviews yet: drill interview\n")
        return
    sys.stdout.write("id  date              questions  average  vs previous  packs\n")
    previous: float | None = None
    for report in reports:
        change = "-" if previous is None else f"{(report.average_score - previous) * 100:+.0f} pts"
        sys.stdout.write(
            f"{report.id:<3} {format_when(report.started_at)}  {len(report.questions):>9}  "
            f"{report.average_score:>7.0%}  {change:>11}  {', '.join(report.packs)}\n"
        )
        previous = report.average_score
    first, last = reports[0].average_score, reports[-1].average_score
    if len(reports) > 1:
        sys.stdout.write(
            f"Trend: {(last - first) * 100:+.0f} points from the first interview "
            f"({first:.0%}) to the last ({last:.0%}).\n"
        )


def _write_report(home: Path, interview_id: int, report_format: str, output: Path | None) -> None:
    from drillcards.home import database_path
    from drillcards.interview import load_interview
    from drillcards.interview_render import report_html, report_markdown
    from drillcards.store import Store

    renderers = {"md": report_markdown, "markdown": report_markdown, "html": report_html}
    if report_format not in renderers:
        raise UserError(f"--format: unknown format {report_format!r}; use md or html")
    with Store.open(database_path(home)) as store:
        text = renderers[report_format](load_interview(store, interview_id))
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserError(f"{output}: cannot write: {error.strerror}") from None
    sys.stderr.write(f"wrote {output}\n")
