"""The lean reader of WordLlama's files gives wordllama's own tokens and vectors."""

import subprocess
import sys
from pathlib import Path

import pytest

from drillcards.matcher.static_embedding import StaticEmbedding

wordllama = pytest.importorskip("wordllama")

TEXTS = [
    "a cache keeps hot data in memory",
    "I would use the strangler fig pattern behind an API gateway, with CDC for data.",
    "Idempotency keys make retries safe; the server stores the first response.",
    "x",
    " leading space",
    "trailing space ",
    "two  spaces and   three",
    "tab\there\nnew line\r\nwindows line",
    "List<T> and Map<K, V> in C++ & C# / F#: 100% of $5",
    "special tokens <s> and </s> and <unk> inside a text",
    "<s>",
    "café naïve Ünïcödé ÅÄÖ",
    "emoji 😀 and 🚀, math ∑ ≤ → ∞",
    "中文 日本語 한국어 Русский العربية",
    "‘curly’ “double” — em dash … ellipsis",
    "zero\u200bwidth and non\u00a0breaking",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "▁already marked",
    "the the the the the",
    "SELECT * FROM users WHERE id = 42; -- comment",
    "https://example.com/path?query=1#frag",
    "CamelCaseIdentifier snake_case_name kebab-case-name",
    "Mean Time To Resolution (MTTR) and p99 latency < 200ms",
    "Kubernetes (K8s) pods, Redis/Memcached, Kafka consumer-groups",
    "     ",
    "1234567890 3.14159 -0.5e10",
    "Don't, won't, can't; it's O(n log n).",
    "\x00 control \x1b[31m characters",
    "A" * 300,
    "The goalkeeper saved a penalty in the final minute of extra time.",
]


@pytest.fixture(scope="module")
def models() -> tuple[StaticEmbedding, object]:
    folder = Path(wordllama.__file__).parent
    reference = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
    return StaticEmbedding.load(), reference


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_and_vectors_are_wordllamas(models: tuple[StaticEmbedding, object], text: str):
    lean, reference = models
    assert lean.token_ids(text) == reference.tokenizer.encode(text, add_special_tokens=False).ids
    expected = reference.embed(text, norm=True)[0]
    vector = lean.embed(text)
    assert len(vector) == len(expected) == 256
    assert max(abs(a - float(b)) for a, b in zip(vector, expected, strict=True)) < 1e-6
    assert sum(float(a) * b for a, b in zip(expected, vector, strict=True)) > 0.999999


def test_a_missing_folder_is_an_error_the_grader_can_catch(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        StaticEmbedding.load(tmp_path)


def test_grading_with_the_model_imports_neither_wordllama_nor_numpy() -> None:
    """The point of the reader: the model loads without wordllama's 0.4 s of imports."""
    code = (
        "import sys\n"
        "from drillcards.matcher import semantic\n"
        "assert semantic.similarity('a cache keeps hot data', 'store reads in RAM') > 0\n"
        "print(sorted(m for m in ('wordllama', 'numpy', 'tokenizers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def vocabulary_caches(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("l2_supercat-vocabulary-*.txt"))


def test_the_vocabulary_is_cached_and_a_damaged_cache_is_ignored(
    drill_home: Path, models: tuple[StaticEmbedding, object]
) -> None:
    drill_home.mkdir()
    first = StaticEmbedding.load()
    [cached] = vocabulary_caches(drill_home)
    assert StaticEmbedding.load().vocabulary == first.vocabulary
    cached.write_bytes(cached.read_bytes()[:1000])  # cut short: too few tokens
    again = StaticEmbedding.load()
    assert again.vocabulary == first.vocabulary
    assert again.embed("a cache keeps hot data") == first.embed("a cache keeps hot data")


def test_without_a_data_directory_nothing_is_cached(drill_home: Path) -> None:
    StaticEmbedding.load()
    assert not drill_home.exists()
