"""Semantic similarity of an answer and a model answer, so that paraphrases earn credit.

The model is WordLlama's `l2_supercat` 256-dimension static token embeddings (MIT
licence), which ship inside the `wordllama` wheel: a text's vector is the average of
its tokens' vectors, compared by cosine. The files are read by `static_embedding`,
without importing wordllama or numpy (0.4 s of start-up), and always from the package's
own folder, never downloaded; when they cannot be loaded the grader works on words
alone (`available()` says which).

Loading reads the 1.8 MB vocabulary (about 0.03 s) and maps the weights, so it happens on
first use, never at import time: commands that do not grade never pay for it, and the
TUI loads it in a worker after the first paint (`warm_up`).
"""

import threading
from functools import lru_cache

from drillcards.matcher.static_embedding import StaticEmbedding

_lock = threading.Lock()
_model: StaticEmbedding | None = None
_failed = False


def _load() -> StaticEmbedding | None:
    global _model, _failed
    with _lock:
        if _model is None and not _failed:
            try:
                _model = StaticEmbedding.load()
            except Exception:  # a missing or broken model must never stop grading
                _failed = True
    return _model


def warm_up() -> None:
    """Load the model now (the TUI calls this in a worker after the first paint)."""
    _load()


def available() -> bool:
    """Whether the model is loaded or can be (loading it if needed)."""
    return _load() is not None


_remembered: dict[str, tuple[float, ...]] = {}
"""Vectors computed by an earlier process (see `remember`)."""


def remember(text: str, vector: tuple[float, ...]) -> None:
    """Use `vector`, computed before (e.g. read back from a cache), as the vector of `text`."""
    _remembered[text] = vector


def vector(text: str) -> tuple[float, ...] | None:
    """The unit vector of a text's meaning; None without the model."""
    return _remembered.get(text) or _vector(text)


@lru_cache(maxsize=4096)
def _vector(text: str) -> tuple[float, ...] | None:
    model = _load()
    if model is None:
        return None
    return model.embed(text)


def similarity(first: str, second: str) -> float | None:
    """Cosine similarity of two texts' meanings in [-1, 1]; None without the model."""
    if not first.strip() or not second.strip():
        return 0.0
    first_vector = vector(first)
    second_vector = vector(second)
    if first_vector is None or second_vector is None:
        return None
    return sum(a * b for a, b in zip(first_vector, second_vector, strict=True))
