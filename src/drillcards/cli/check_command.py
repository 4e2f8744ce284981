"""`drill check`: grade one answer to one question, without touching the review history."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from drillcards.cli.app import command, print_json
from drillcards.errors import UserError

if TYPE_CHECKING:
    from drillcards.matcher import Grade
    from drillcards.models import Pack

MAX_ANSWER_BYTES = 1024 * 1024
"""A typed answer is a few kilobytes; anything much larger is refused."""


@command("check")
def check_command(
    question_id: Annotated[
        str, typer.Option("--question", "-q", help="The question's id.", show_default=False)
    ],
    pack_id: Annotated[
        str | None, typer.Option("--pack", "-p", help="An installed pack, by id.")
    ] = None,
    pack_file: Annotated[
        Path | None, typer.Option("--file", "-f", help="A pack file (need not be installed).")
    ] = None,
    answer_file: Annotated[
        Path | None,
        typer.Option("--answer-file", "-a", help="Read the answer from this file, not stdin."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Grade one answer (from --answer-file or stdin) without touching the review history."""
    if (pack_id is None) == (pack_file is None):
        raise typer.BadParameter(
            "give exactly one of them: --pack PACK_ID or --file PACK.yaml",
            param_hint="'--pack' / '--file'",
        )
    from drillcards.matcher import grade

    pack = _load_pack(pack_id, pack_file, question_id)
    question = pack.question(question_id)
    if question is None:
        raise UserError(f"pack {pack.id!r} has no question {question_id!r}")
    answer = _read_answer(answer_file)
    result = grade(question, answer)
    if as_json:
        print_json(grade_document(pack.id, question.id, result))
        return
    from rich.console import Console

    from drillcards.grade_view import grade_report

    Console().print(grade_report(answer, result))


def grade_document(pack_id: str, question_id: str, result: "Grade") -> dict[str, Any]:
    """The JSON document of `drill check --json` (CONTRACTS.md §3)."""
    return {
        "pack": pack_id,
        "question": question_id,
        "score": result.score,
        "key_terms": [
            {
                "term": term.term,
                "matched": term.matched,
                "matched_text": term.matched_text,
                "start": term.start,
                "end": term.end,
            }
            for term in result.key_terms
        ],
        "mistakes": [
            {
                "text": mistake.text,
                "flagged": mistake.flagged,
                "matched_text": mistake.matched_text,
                "start": mistake.start,
                "end": mistake.end,
            }
            for mistake in result.mistakes
        ],
        "suggested_rating": str(result.suggested_rating),
    }


def _load_pack(pack_id: str | None, pack_file: Path | None, question_id: str) -> "Pack":
    """The pack to grade against; for an installed pack, only its header and the question
    (from the question catalog, when the database exists: no pack file is parsed)."""
    if pack_file is None:
        from drillcards.home import data_home, database_path
        from drillcards.library import Library

        assert pack_id is not None
        library = Library(data_home())
        if not database_path(library.home).is_file():
            return library.get(pack_id)
        from drillcards.catalog import Catalog
        from drillcards.models import card_key
        from drillcards.store import Store

        with Store.open(database_path(library.home)) as store:
            catalog = Catalog(store, library)
            catalog.refresh([pack_id])
            found = catalog.card(card_key(pack_id, question_id))
            if found is None:
                raise UserError(f"pack {pack_id!r} has no question {question_id!r}")
            return found.pack
    from drillcards.packs import PackInvalid, load_pack

    try:
        return load_pack(pack_file)
    except PackInvalid as error:
        more = len(error.problems) - 1
        suffix = f" (and {more} more: drill validate {pack_file})" if more > 0 else ""
        raise UserError(f"{error.problems[0]}{suffix}") from None


def _read_answer(answer_file: Path | None) -> str:
    """The answer as text: UTF-8, a byte-order mark dropped, nothing else changed."""
    if answer_file is None:
        if sys.stdin.isatty():
            sys.stderr.write("Type your answer, then Ctrl-D on a line of its own:\n")
        raw = sys.stdin.buffer.read(MAX_ANSWER_BYTES + 1)
        name = "the answer on stdin"
    else:
        from drillcards.files import read_limited

        name = str(answer_file)
        raw = read_limited(answer_file, MAX_ANSWER_BYTES, too_large="answer is too long")
    if len(raw) > MAX_ANSWER_BYTES:
        raise UserError(f"{name} is too long (limit {MAX_ANSWER_BYTES:,} bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{name} is not UTF-8 text") from None
