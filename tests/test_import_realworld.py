"""Every file of the real-world corpus imports to the number of questions its manifest
expects (counts written down before the importers were fixed, issue #10)."""

import re
from pathlib import Path

import pytest

from drillcards.errors import UserError
from drillcards.importers import import_file

CORPUS = Path(__file__).parent / "data" / "import" / "realworld"
_ROW = re.compile(r"^\| (?P<file>[^|]+?) \|(?:[^|]*\|){4} (?P<expected>[^|]+?) \|$")
_FENCED = re.compile(r"^\s*```.*?^\s*```", re.DOTALL | re.MULTILINE)
_CHROME = ("Back to Top", "back to top", "<img", "<a href", "InDocAd", "👉", "import InDoc")


def _manifest() -> list[tuple[str, int | None]]:
    """(file, expected questions, None when the file must be refused) per manifest row."""
    rows = []
    for line in (CORPUS / "MANIFEST.md").read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match and match.group("file") not in ("file", "---"):
            expected = match.group("expected")
            rows.append((match.group("file"), None if "refused" in expected else int(expected)))
    return rows


def test_the_manifest_lists_every_corpus_file():
    listed = {name for name, _ in _manifest()}
    on_disk = {
        path.name for path in CORPUS.iterdir() if path.suffix != ".md" or path.stem.islower()
    }
    assert len(listed) >= 20
    assert listed == {name for name in on_disk if name not in ("MANIFEST.md", "RESULTS.md")}


@pytest.mark.parametrize(("name", "expected"), _manifest(), ids=[name for name, _ in _manifest()])
def test_realworld_file_imports_the_expected_questions(name, expected):
    path = CORPUS / name
    if expected is None:
        with pytest.raises(UserError, match="not a question-and-answer file"):
            import_file(path)
        return
    (imported,) = import_file(path)
    pack = imported.pack
    assert len(pack.questions) == expected
    for question in pack.questions:
        assert question.prompt.strip()
        prose = _FENCED.sub("", f"{question.prompt}\n{question.framework or ''}")
        for chrome in _CHROME:
            assert chrome not in prose, (question.id, chrome)
