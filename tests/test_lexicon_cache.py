"""The common-word list is cached under the data directory and read back unchanged."""

import gzip
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from drillcards.matcher import lexicon


@pytest.fixture(autouse=True)
def fresh_list() -> Iterator[None]:
    """Each test loads the list itself (and the next test does not see its copy)."""
    lexicon.common_words.cache_clear()
    yield
    lexicon.common_words.cache_clear()


def decoded() -> dict[str, int]:
    source = resources.files("spellchecker") / "resources" / "en.json.gz"
    counts = json.loads(gzip.decompress(source.read_bytes()))
    return {word: n for word, n in counts.items() if n > lexicon.COMMON_WORD_MIN_COUNT}


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("common-words-*.bin"))


def test_the_first_use_caches_the_list_and_the_next_reads_the_same(drill_home: Path) -> None:
    drill_home.mkdir()
    expected = decoded()
    assert lexicon.common_words() == expected
    [cached] = cache_files(drill_home)
    lexicon.common_words.cache_clear()
    assert lexicon._read_common_words(cached) == expected
    assert lexicon.common_words() == expected
    assert lexicon.is_common_word("sharing") and not lexicon.is_common_word("sharding")


def test_a_damaged_cache_is_made_again(drill_home: Path) -> None:
    drill_home.mkdir()
    lexicon.common_words()
    [cached] = cache_files(drill_home)
    cached.write_bytes(cached.read_bytes()[:1000])
    lexicon.common_words.cache_clear()
    assert lexicon.common_words() == decoded()
    assert lexicon._read_common_words(cached) == decoded()


def test_an_unwritable_data_directory_still_gives_the_list(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill_home.parent.mkdir(parents=True, exist_ok=True)
    blocker = drill_home.parent / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DRILL_HOME", str(blocker))
    assert lexicon.common_words() == decoded()
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_no_data_directory_is_made_for_the_cache(drill_home: Path) -> None:
    assert lexicon.common_words() == decoded()
    assert not drill_home.exists()
