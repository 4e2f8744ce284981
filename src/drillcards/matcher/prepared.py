"""A question's grading preparation, kept on disk for the next process that grades it.

Before the first answer to a question is graded, the question is compiled (its key
terms' phrases, the model answer's ideas, the typo vocabulary: `compile_question`) and
its model answer is embedded (`semantic`): some 25 ms for a page-long model answer, more
than grading the answer itself. `drill check` grades one answer per process, so it keeps
both in a cache file per question (see `cache_files`) and reads them back in about 2 ms.

The file is named by a hash of the question's content and of what the preparation is
made from: drillcards' version, the matcher's source files, the common-word list, the
stemmer and the embedding model (their sizes and modification times). So an edited
question, or another grader, never finds a stale file; the file also holds the whole
key, compared on reading. It is a pickle read back with only the matcher's own classes
allowed (no other code can run from it); an unreadable file just means no cache.
At most `MOST_FILES` such files are kept, the oldest removed first.
"""

import os
import pickle
import sys
import zlib
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drillcards import __version__
from drillcards.cache_files import cache_path, write_cache
from drillcards.files import package_folder
from drillcards.matcher import semantic
from drillcards.matcher.grading import CompiledQuestion, compiled_question, remember_compiled
from drillcards.matcher.static_embedding import model_files

if TYPE_CHECKING:
    from drillcards.models import Question

PREFIX = "grading-"
SUFFIX = ".pickle"
MOST_FILES = 500
"""Cache files kept (some 50 KB each): the questions last checked."""
_ALLOWED = frozenset(
    {
        ("drillcards.matcher.grading", "CompiledQuestion"),
        ("drillcards.matcher.ideas", "Idea"),
        ("drillcards.matcher.phrases", "Phrase"),
        ("drillcards.matcher.phrases", "PhraseWord"),
        ("drillcards.matcher.phrases", "Vocabulary"),
    }
)
"""The only classes a cache file may name."""


def load_prepared(question: "Question") -> bool:
    """Grade `question` with the preparation cached for it, if there is one (True)."""
    path, key = _cache_file(question)
    if path is None:
        return False
    try:
        with path.open("rb") as stream:
            stored_key, compiled, model_vector = _Unpickler(stream).load()
    except Exception:  # missing, damaged or from another grader: no cache
        return False
    if stored_key != key or not isinstance(compiled, CompiledQuestion):
        return False
    remember_compiled(question, compiled)
    if model_vector is not None:
        semantic.remember(compiled.model_answer, model_vector)
    return True


def save_prepared(question: "Question") -> None:
    """Cache the question's preparation for the next process (see the module docstring)."""
    path, key = _cache_file(question)
    if path is None:
        return
    compiled = compiled_question(question)
    uses_meaning = bool(compiled.ideas) or compiled.behavioural
    model_vector = semantic.vector(compiled.model_answer) if uses_meaning else None
    data = pickle.dumps((key, compiled, model_vector), protocol=pickle.HIGHEST_PROTOCOL)
    write_cache(path, data)
    _prune(path.parent)


def _cache_file(question: "Question") -> tuple[Path | None, tuple[str, ...]]:
    """The cache file of a question and the key it must hold."""
    key = (repr(question), *_grader_stamp())
    text = "\0".join(key).encode("utf-8", "surrogatepass")
    digest = f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"  # the key inside decides
    return cache_path(f"{PREFIX}{digest}{SUFFIX}"), key


def _grader_stamp() -> tuple[str, ...]:
    """What a preparation is made from, besides the question: drillcards' version, the
    matcher's files and the data it reads, by size and modification time."""
    here = Path(__file__).parent
    files = [
        *sorted(here.glob("*.py")),
        here.parent / "term_forms.py",
        package_folder("spellchecker") / "resources" / "en.json.gz",
        *_stemmer_files(),
        *_model_files(),
    ]
    stamps = [__version__, sys.version]
    for file in files:
        try:
            status = file.stat()
        except OSError:
            status = None
        stamps.append(f"{file}:{status and status.st_size}:{status and status.st_mtime_ns}")
    return tuple(stamps)


def _stemmer_files() -> list[Path]:
    """The Snowball stemmer's English rules, and PyStemmer's library that it prefers."""
    try:
        folder = package_folder("snowballstemmer")
    except FileNotFoundError:
        return []
    spec = find_spec("Stemmer")
    library = [Path(spec.origin)] if spec is not None and spec.origin else []
    return [folder / "__init__.py", folder / "english_stemmer.py", *library]


def _model_files() -> list[Path]:
    try:
        return list(model_files())
    except FileNotFoundError:  # no embedding model: the grade uses words alone
        return []


def _prune(folder: Path) -> None:
    """Remove the oldest cache files past `MOST_FILES`."""
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.startswith(PREFIX)]
        if len(entries) <= MOST_FILES:
            return
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in entries[: len(entries) - MOST_FILES]:
            os.unlink(entry.path)
    except OSError:
        pass


class _Unpickler(pickle.Unpickler):
    """An unpickler that builds the matcher's prepared objects and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        """The class `name` of `module`, if it is one a cache file may hold."""
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")
        return super().find_class(module, name)
