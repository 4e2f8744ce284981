"""`drill check --batch`: grade many answers in one process, one JSON result per line."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drillcards.errors import UserError

if TYPE_CHECKING:
    from drillcards.models import Pack

MAX_BATCH_BYTES = 256 * 1024 * 1024
"""A batch is many answers of a few kilobytes each; a larger file is refused."""


def read_batch(path: Path) -> list[tuple[str, str]]:
    """Every (question id, answer) of a JSONL file; a UserError naming the bad line."""
    from drillcards.files import read_limited

    raw = read_limited(path, MAX_BATCH_BYTES, too_large="batch file is too large")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text") from None
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        items.append(_item(path, number, line))
    return items


def _item(path: Path, number: int, line: str) -> tuple[str, str]:
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise UserError(f"{path}:{number}: not JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}:{number}: must be an object with 'question' and 'answer'")
    for field in ("question", "answer"):
        if not isinstance(data.get(field), str):
            raise UserError(f"{path}:{number}: {field}: must be a string")
    return data["question"], data["answer"]


def grade_batch(pack: "Pack", path: Path) -> None:
    """Grade every line of `path` against `pack`, printing one JSON document per line.

    The whole file is read and every question id checked first, so a bad line prints
    nothing at all.
    """
    from drillcards.cli.check_command import find_question, grade_document
    from drillcards.matcher import grade

    items = read_batch(path)
    questions = [find_question(pack, question_id) for question_id, _ in items]
    for question, (_, answer) in zip(questions, items, strict=True):
        document = grade_document(
            pack.id, question.id, grade(question, answer, others=pack.questions)
        )
        print(json.dumps(document, ensure_ascii=False))
