"""Editing one question (`drill edit PACK/QID`) in the user's editor.

The question is written to a temporary YAML file and the editor is run on it. The
result is validated as a pack's question; when it is invalid, the problems are put at
the top of the file as comments and the editor opens again, until the text is valid
or the user leaves it unchanged (nothing is saved then). The question id cannot change
(it keys the review history).

An installed pack is rewritten with the edited question. A bundled pack's question
becomes a user override (see `overrides.py`). Either way the catalog re-reads the pack.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from drillcards.errors import UserError
from drillcards.library import Library
from drillcards.models import Question
from drillcards.overrides import save_override
from drillcards.packs import PackInvalid, PackProblem, dump_question, parse_pack_text
from drillcards.store import Store

ERROR_MARK = "# error: "
HEADER_LINES = 3
"""Lines of the pack wrapped around the question to validate it (see `parse_question`)."""


@dataclass(frozen=True)
class EditOutcome:
    """What an edit did."""

    changed: bool
    override: Path | None
    """The overrides file written for a bundled pack; None for an installed pack."""


def parse_question(text: str, file: str, pack_id: str) -> Question:
    """Validate YAML text holding one question, with the pack loader's `file:line:col`
    errors (positions are those of `text`)."""
    indented = "".join(
        ("- " if index == 0 else "  ") + line
        for index, line in enumerate(text.splitlines(keepends=True) or ["{}\n"])
    )
    wrapped = f"id: {pack_id}\ntitle: edit\nquestions:\n{indented}"
    try:
        return parse_pack_text(wrapped, file).questions[0]
    except PackInvalid as error:
        problems = [
            PackProblem(
                max(0, problem.line - HEADER_LINES),
                max(0, problem.column - 2),
                problem.field.removeprefix("questions[0]").removeprefix(".") or "question",
                problem.reason,
                file,
            )
            for problem in error.problems
        ]
        raise PackInvalid(problems) from None


def _without_errors(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(ERROR_MARK):
        lines.pop(0)
    return "".join(lines)


def edit_question(
    library: Library, store: Store, key: str, run_editor: Callable[[Path], None]
) -> EditOutcome:
    """Let the user edit question `key` (`pack/question`) with `run_editor`; save it."""
    pack_id, _, question_id = key.partition("/")
    if not question_id:
        raise UserError(f"{key}: name a question as PACK/QUESTION (see drill list)")
    pack = library.get(pack_id)
    question = pack.question(question_id)
    if question is None:
        raise UserError(f"{key}: no such question (see drill list)")
    original = dump_question(question)
    with tempfile.TemporaryDirectory(prefix="drill-edit-") as folder:
        path = Path(folder) / f"{pack_id}--{question_id}.yaml"
        offered = original
        while True:
            path.write_text(offered, encoding="utf-8")
            run_editor(path)
            text = _without_errors(path.read_text(encoding="utf-8"))
            if text == original:
                return EditOutcome(changed=False, override=None)
            if offered != original and text == _without_errors(offered):
                raise UserError(f"{key}: the edit is still invalid; nothing changed")
            try:
                edited = parse_question(text, path.name, pack_id)
                if edited.id != question_id:
                    raise PackInvalid(
                        [
                            PackProblem(
                                0,
                                0,
                                "id",
                                "the id cannot change: it keys the review "
                                f"history (it is {question_id!r})",
                                path.name,
                            )
                        ]
                    )
                break
            except PackInvalid as error:
                notes = "".join(f"{ERROR_MARK}{problem}\n" for problem in error.problems)
                offered = notes + text
    if edited == question:
        return EditOutcome(changed=False, override=None)
    override = None
    if library.is_bundled(pack_id):
        override = save_override(library.home, pack_id, edited)
        with store.transaction() as db:  # the pack file did not change: re-read it anyway
            db.execute("DELETE FROM catalog_packs WHERE pack_id = ?", (pack_id,))
        library.forget(pack_id)
    else:
        questions = [edited if q.id == question_id else q for q in pack.questions]
        library.install([pack.model_copy(update={"questions": questions})])
    return EditOutcome(changed=True, override=override)
