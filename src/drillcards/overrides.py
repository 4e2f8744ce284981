"""User overrides of bundled questions (`drill edit` on a bundled pack).

Bundled pack files belong to drillcards and are replaced on upgrade, so an edited
bundled question is kept under the data directory instead, in
`overrides/<pack id>.json` (question id -> the validated question as JSON), and
applied whenever the library loads that pack. An override whose question is no longer
in the bundled pack is ignored.
"""

import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from drillcards.errors import UserError
from drillcards.models import Pack, Question
from drillcards.packs import read_text_file


def overrides_dir(home: Path) -> Path:
    """The folder of the user's overrides of bundled questions."""
    return home / "overrides"


def overrides_path(home: Path, pack_id: str) -> Path:
    """The file holding a bundled pack's overridden questions."""
    return overrides_dir(home) / f"{pack_id}.json"


def read_overrides(home: Path, pack_id: str) -> dict[str, Question]:
    """The overridden questions of a bundled pack, by question id (empty when none)."""
    path = overrides_path(home, pack_id)
    if not path.exists():
        return {}
    try:
        data = json.loads(read_text_file(path))
        return {qid: Question.model_validate(value) for qid, value in data.items()}
    except (ValueError, AttributeError, ValidationError):
        raise UserError(f"{path}: damaged overrides file; delete it to drop the edits") from None


def apply_overrides(home: Path, pack: Pack) -> Pack:
    """The bundled `pack` with the user's edited questions in place of its own."""
    edited = read_overrides(home, pack.id)
    if not edited:
        return pack
    questions = [edited.get(question.id, question) for question in pack.questions]
    return pack.model_copy(update={"questions": questions})


def save_override(home: Path, pack_id: str, question: Question) -> Path:
    """Store `question` as the user's version of that bundled question; returns the file."""
    edited = read_overrides(home, pack_id)
    edited[question.id] = question
    path = overrides_path(home, pack_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        qid: value.model_dump(mode="json", exclude_defaults=True) for qid, value in edited.items()
    }
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".override-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, ensure_ascii=False, indent=1)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
