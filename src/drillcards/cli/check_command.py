"""`drill check`: grade one answer to one question, without touching the review history."""

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from drillcards.cli.app import command, print_json
from drillcards.errors import UserError
from drillcards.humanize import did_you_mean

if TYPE_CHECKING:
    from drillcards.matcher import Grade
    from drillcards.models import Pack, Question
    from drillcards.question_data import QuestionData

MAX_ANSWER_BYTES = 1024 * 1024
"""A typed answer is a few kilobytes; anything much larger is refused."""


@command("check")
def check_command(
    question_id: Annotated[
        str | None,
        typer.Option(
            "--question", "-q", metavar="QID", help="The question's id.", show_default=False
        ),
    ] = None,
    pack_id: Annotated[
        str | None,
        typer.Option("--pack", "-p", metavar="PACK_ID", help="An installed pack, by id."),
    ] = None,
    pack_file: Annotated[
        Path | None,
        typer.Option(
            "--file", "-f", metavar="PACK.yaml", help="A pack file (need not be installed)."
        ),
    ] = None,
    answer_file: Annotated[
        Path | None,
        typer.Option(
            "--answer-file",
            "-a",
            metavar="FILE",
            help="Read the answer from this file, not stdin.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    batch_file: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            "-b",
            metavar="FILE.jsonl",
            help="Grade a JSONL file, one object with 'question' and 'answer' a line; "
            "print one JSON result per line.",
        ),
    ] = None,
) -> None:
    """Grade one answer (from --answer-file or stdin) without touching the review history."""
    if (pack_id is None) == (pack_file is None):
        raise typer.BadParameter(
            "give exactly one of them: --pack PACK_ID or --file PACK.yaml",
            param_hint="'--pack' / '--file'",
        )
    if (batch_file is None) == (question_id is None):
        raise typer.BadParameter(
            "give exactly one of them: --question QID or --batch FILE.jsonl",
            param_hint="'--question' / '--batch'",
        )
    from drillcards.matcher import grade

    if batch_file is not None:
        from drillcards.cli.check_batch import grade_batch

        grade_batch(_whole_pack(pack_id, pack_file), batch_file)
        return
    assert question_id is not None
    graded_pack, question, others = _load_question(pack_id, pack_file, question_id)
    answer = _read_answer(answer_file)
    from drillcards.matcher.prepared import load_prepared, save_prepared

    prepared = load_prepared(question)
    result = grade(question, answer, others=others)
    if not prepared:
        save_prepared(question)
    if as_json:
        print_json(grade_document(graded_pack, question.id, result))
        return
    from drillcards.grade_view import print_report

    print_report(answer, result)


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
        "ideas": [
            {
                "text": idea.text,
                "matched": idea.matched,
                "matched_text": idea.matched_text,
                "start": idea.start,
                "end": idea.end,
            }
            for idea in result.ideas
        ],
        "explanation": result.explanation,
    }


def find_question(pack: "Pack", question_id: str) -> "Question":
    """The pack's question with this id; a UserError naming the pack if there is none."""
    question = pack.question(question_id)
    if question is None:
        hint = did_you_mean(question_id, [known.id for known in pack.questions])
        raise UserError(f"pack {pack.id!r} has no question {question_id!r}{hint}")
    return question


NEIGHBOURS_MOST = 2000
"""In an installed pack of up to this many questions, an answer is also compared with the
other questions' model answers (another card's answer scores 0); a larger pack is graded
without that comparison, which would cost more than the grade."""


def _whole_pack(pack_id: str | None, pack_file: Path | None) -> "Pack":
    """Every question of the pack, for a batch."""
    if pack_file is not None:
        return _pack_file(pack_file)
    from drillcards.home import data_home
    from drillcards.library import Library

    assert pack_id is not None
    return Library(data_home()).get(pack_id)


def _load_question(
    pack_id: str | None, pack_file: Path | None, question_id: str
) -> "tuple[str, Question | QuestionData, Sequence[Question | QuestionData]]":
    """The id of the pack to grade against, the question, and the questions to compare an
    answer with.

    For an installed pack, only the question, and the other questions of a small pack,
    come from the question catalog when the database exists: no pack file is parsed.
    When the catalog indexed the pack from validated models, they are read without
    pydantic (`drillcards.question_data`); otherwise they are validated as they load.
    """
    if pack_file is not None:
        whole = _pack_file(pack_file)
        return whole.id, find_question(whole, question_id), whole.questions
    from drillcards.home import data_home, database_path
    from drillcards.library import Library

    assert pack_id is not None
    library = Library(data_home())
    if not database_path(library.home).is_file():
        whole = library.get(pack_id)
        return whole.id, find_question(whole, question_id), whole.questions
    from drillcards.catalog import Catalog
    from drillcards.store import Store

    key = f"{pack_id}/{question_id}"  # models.card_key, without importing pydantic
    with Store.open(database_path(library.home)) as store:
        catalog = Catalog(store, library)
        catalog.refresh([pack_id])
        trusted = catalog.validated(pack_id)
        if trusted:
            question: Question | QuestionData | None = catalog.plain_question(key)
        else:
            card = catalog.card(key)
            question = None if card is None else card.question
        if question is None:
            hint = did_you_mean(question_id, catalog.question_ids(pack_id))
            raise UserError(f"pack {pack_id!r} has no question {question_id!r}{hint}")
        if trusted:
            return pack_id, question, catalog.plain_questions(pack_id, NEIGHBOURS_MOST)
        return pack_id, question, catalog.questions(pack_id, NEIGHBOURS_MOST)


def _pack_file(pack_file: Path) -> "Pack":
    """A pack file, validated whole; a UserError with its first problem."""
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
