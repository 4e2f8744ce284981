"""The common-word list is cached under the data directory, as a table looked up where it
lies (`lexicon.CommonWords`), and read back unchanged."""

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
    return sorted((home / "cache").glob("common-words-*.table"))


def as_dict(words: lexicon.CommonWords) -> dict[str, int]:
    """Every word of the table with its count, looked up one by one."""
    return {word: words.get(word, -1) for word in words}


def test_the_first_use_caches_the_list_and_the_next_reads_the_same(drill_home: Path) -> None:
    drill_home.mkdir()
    expected = decoded()
    assert as_dict(lexicon.common_words()) == expected
    [cached] = cache_files(drill_home)
    lexicon.common_words.cache_clear()
    assert as_dict(lexicon.CommonWords(cached.read_bytes())) == expected
    assert as_dict(lexicon.common_words()) == expected
    assert len(lexicon.common_words()) == len(expected)
    assert lexicon.is_common_word("sharing") and not lexicon.is_common_word("sharding")


def test_a_damaged_cache_is_made_again(drill_home: Path) -> None:
    drill_home.mkdir()
    lexicon.common_words()
    [cached] = cache_files(drill_home)
    cached.write_bytes(cached.read_bytes()[:1000])
    lexicon.common_words.cache_clear()
    assert as_dict(lexicon.common_words()) == decoded()
    assert as_dict(lexicon.CommonWords(cached.read_bytes())) == decoded()


def test_an_unwritable_data_directory_still_gives_the_list(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill_home.parent.mkdir(parents=True, exist_ok=True)
    blocker = drill_home.parent / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DRILL_HOME", str(blocker))
    assert as_dict(lexicon.common_words()) == decoded()
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_no_data_directory_is_made_for_the_cache(drill_home: Path) -> None:
    assert as_dict(lexicon.common_words()) == decoded()
    assert not drill_home.exists()


@pytest.mark.parametrize("size", [0, 11, 12, 40, -1])
def test_a_truncated_table_is_refused(size: int) -> None:
    block = lexicon.CommonWords.build({"alpha": 5, "beta": 7})
    with pytest.raises(ValueError):
        lexicon.CommonWords(block[:size])


def test_a_changed_byte_is_refused() -> None:
    block = bytearray(lexicon.CommonWords.build({"alpha": 5, "beta": 7}))
    block[20] ^= 1
    with pytest.raises(ValueError):
        lexicon.CommonWords(bytes(block))


def test_a_word_is_found_past_a_collision_and_an_unknown_word_is_not() -> None:
    counts = {f"w{number}": number for number in range(1, 200)}  # 256 slots: collisions
    table = lexicon.CommonWords(lexicon.CommonWords.build(counts))
    assert as_dict(table) == counts
    assert "w0" not in table and table.get("w200", 3) == 3 and "" not in table
    assert "x" not in lexicon.CommonWords(lexicon.CommonWords.build({}))
