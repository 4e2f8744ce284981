"""What the matcher knows about English words: stems, typo budgets, common words.

- A number up to twenty (and a hundred) is the same word in digits or in letters
  ("Top 10" / "top ten"): `number_twin`.
- Stems come from the Snowball English (Porter2) stemmer, so "throttled", "throttling"
  and "throttle" share the stem "throttl" without a list per word.
- The typo budget follows search engines (Meilisearch): words of up to 4 characters
  must match exactly, 5 to 8 characters allow one edit, 9 or more two; a swap of two
  adjacent letters is one edit (OSA distance).
- A common English word is never taken as a typo of a different word on its own:
  "sharing" is not a misspelt "sharding", "stale" not "state", "forum" not "quorum".
  The list is pyspellchecker's English frequency list (words seen more than
  `COMMON_WORD_MIN_COUNT` times in its corpus). Decoding that list (JSON) takes about
  0.2 s, so the words kept are cached in a file under the data directory (once it
  exists), made on first use: a hash table that a word is looked up in where it lies,
  so reading it back is reading one file (`CommonWords`).
  Nor is an inflection of another common word ("shared" is not a misspelt "shard",
  even next to "key"): `is_inflected_common_word`.
- A word with a negating prefix is the opposite, not a typo: "asymmetric" is not
  "symmetric", "unstable" not "stable" (`is_opposite`).
- Porter2 conflates a bare word with some of its derivations ("token" and "tokenize",
  "select" and "selectivity", "deploy" and "deployment", "analyze" and "analyzer" share
  a stem), which would credit a different concept. `same_word_family` refuses that case
  while keeping inflections ("shard"/"sharding") and sibling derivations
  ("idempotent"/"idempotency", "memoized"/"memoization").
"""

import gzip
import json
import zlib
from array import array
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

from drillcards.cache_files import cache_path, write_cache
from drillcards.files import package_folder

COMMON_WORD_MIN_COUNT = 100
"""Words seen more often than this in pyspellchecker's corpus count as common."""
EVERYDAY_WORD_MIN_COUNT = 20_000
"""Words seen more often than this are everyday words ("rest", "solid", "dry")."""

_INFLECTIONS = ("ings", "ing", "es", "ed", "s", "d", "e")
"""Endings that only inflect a word; what is left after them is a derivation."""
_INFLECTED_ENDINGS = ("ing", "ed", "es", "s", "d")
"""Endings of an inflected word ("shared", "sharing", "states")."""
_NEGATING_PREFIXES = frozenset({"a", "an", "un", "in", "im", "il", "ir", "dis", "non", "anti"})
"""Prefixes that turn a word into its opposite ("asymmetric", "unsafe", "invalid")."""

_NUMBERS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)  # fmt: skip
"""Number words, each at the index of its value."""
_NUMBER_TWINS = {
    **{word: str(value) for value, word in enumerate(_NUMBERS)},
    **{str(value): word for value, word in enumerate(_NUMBERS)},
    **{"hundred": "100", "100": "hundred"},
}

_stemmer = snowballstemmer.stemmer("english")


def number_twin(word: str) -> str | None:
    """The same number written the other way: "ten" -> "10", "5" -> "five"."""
    return _NUMBER_TWINS.get(word)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter2 stem of a canonical word."""
    return _stemmer.stemWord(word)


def typo_budget(length: int) -> int:
    """How many edits a word of `length` characters may have and still match."""
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    return 2


class CommonWords:
    """The common words and their counts, as a hash table laid out in one block of bytes,
    looked up where it lies: building a dict of its 47,000 words took ~9 ms, most of
    a short `drill check`, which looks up a few hundred at most (~1 µs each here).

    The block holds, as unsigned 32-bit ints in this machine's byte order: the CRC-32 of
    the rest of the block, the number of words n and the number of slots m (a power of
    two, more than 2n), n counts, n end offsets of the words in the text, m slots (the
    word's index + 1, 0 for an empty slot, found from the CRC-32 of its UTF-8 bytes by
    linear probing); then the words' UTF-8 text.
    """

    def __init__(self, block: bytes) -> None:
        """The table in `block` (see `CommonWords.build`); ValueError if it is damaged."""
        whole = memoryview(block)
        checksum, count, slots = array("I", block[:12])
        if zlib.crc32(whole[4:]) != checksum:
            raise ValueError("not a table of common words")
        counts_end = 12 + 4 * count
        ends_end = counts_end + 4 * count
        slots_end = ends_end + 4 * slots
        self._counts = whole[12:counts_end].cast("I")
        self._ends = whole[counts_end:ends_end].cast("I")
        self._slots = whole[ends_end:slots_end].cast("I")
        self._text = block[slots_end:]
        self._mask = slots - 1

    @classmethod
    def build(cls, counts: dict[str, int]) -> bytes:
        """The block of a table of these words (see the class docstring)."""
        slots = 1 << max(3, (len(counts) * 2).bit_length())  # at most half full
        table = array("I", bytes(4 * slots))
        ends = array("I")
        text = bytearray()
        for index, word in enumerate(counts):
            encoded = word.encode("utf-8")
            text += encoded
            ends.append(len(text))
            slot = zlib.crc32(encoded) & (slots - 1)
            while table[slot]:
                slot = (slot + 1) & (slots - 1)
            table[slot] = index + 1
        head = array("I", [len(counts), slots, *counts.values()])
        body = head.tobytes() + ends.tobytes() + table.tobytes() + bytes(text)
        return array("I", [zlib.crc32(body)]).tobytes() + body

    def get(self, word: str, default: int = 0) -> int:
        """How often `word` was seen; `default` when it is not a common word."""
        index = self._index(word)
        return default if index is None else self._counts[index]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) is not None

    def __len__(self) -> int:
        return len(self._counts)

    def __iter__(self) -> Iterator[str]:
        start = 0
        for end in self._ends:
            yield self._text[start:end].decode("utf-8")
            start = end

    def _index(self, word: str) -> int | None:
        encoded = word.encode("utf-8", "surrogatepass")
        slots, ends, text, mask = self._slots, self._ends, self._text, self._mask
        slot = zlib.crc32(encoded) & mask
        while entry := slots[slot]:
            index = entry - 1
            start = ends[index - 1] if index else 0
            if text[start : ends[index]] == encoded:
                return index
            slot = (slot + 1) & mask
        return None


@cache
def common_words() -> CommonWords:
    """Common English words and their counts (loaded once, on first use)."""
    source = package_folder("spellchecker") / "resources" / "en.json.gz"
    cache_file = _common_words_cache(source)
    if cache_file is not None:
        try:
            return CommonWords(cache_file.read_bytes())
        except (OSError, ValueError):
            pass
    counts: dict[str, int] = json.loads(gzip.decompress(source.read_bytes()))
    block = CommonWords.build(
        {word: count for word, count in counts.items() if count > COMMON_WORD_MIN_COUNT}
    )
    if cache_file is not None:
        write_cache(cache_file, block)
    return CommonWords(block)


def _common_words_cache(source: Path) -> Path | None:
    """The cache file of the common words drawn from this copy of pyspellchecker's list;
    None when there is no usable data directory (the list is then decoded each time)."""
    status = source.stat()
    return cache_path(
        f"common-words-{status.st_size}-{status.st_mtime_ns}-{COMMON_WORD_MIN_COUNT}.table"
    )


def is_common_word(word: str) -> bool:
    """True when `word` is a common English word (and so not a typo of another)."""
    return word in common_words()


def is_everyday_word(word: str) -> bool:
    """True when `word` is among the most frequent English words."""
    return common_words().get(word, 0) > EVERYDAY_WORD_MIN_COUNT


@lru_cache(maxsize=65536)
def is_inflected_common_word(word: str) -> bool:
    """True when `word` inflects another common word: "shared", "sharing", "rolled"."""
    for ending in _INFLECTED_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[: -len(ending)]
            bases = (base, base + "e", base[:-1] if base[-1:] == base[-2:-1] else base)
            if any(is_common_word(candidate) for candidate in bases):
                return True
    return False


def is_opposite(first: str, first_stem: str, second: str, second_stem: str) -> bool:
    """True when one word is the other with a negating prefix ("asymmetric"/"symmetric")."""
    return (
        _prefixed(first, second)
        or _prefixed(second, first)
        or _prefixed(first_stem, second_stem)
        or _prefixed(second_stem, first_stem)
    )


def _prefixed(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter` with a negating prefix."""
    cut = len(longer) - len(shorter)
    return cut > 0 and longer.endswith(shorter) and longer[:cut] in _NEGATING_PREFIXES


@lru_cache(maxsize=65536)
def same_word_family(first: str, second: str, shared_stem: str, alone: bool) -> bool:
    """Whether two words with the same stem mean the same thing.

    They do unless one is a bare common word (plus at most an inflection) and the
    other adds a derivational suffix to it: "token"/"tokenize", "normal"/
    "normalization", "deploy"/"deployment" are different concepts. For a word that is a
    key term on its own (`alone`), the bare word is checked as well as the stem:
    "analyze" does not name "Analyzer", "resolve" not "Resolver". Inside a phrase of
    several words, the other words give the context, and an "-er" noun is one family
    with its verb: "rate limiter"/"rate limiting", "load balancer"/"load balancing".
    """
    first_suffix = _derivational_suffix(first, shared_stem)
    second_suffix = _derivational_suffix(second, shared_stem)
    if first_suffix is None or second_suffix is None or first_suffix == second_suffix:
        return True
    if first_suffix and second_suffix:
        return True
    if not alone:
        return (first_suffix or second_suffix) == "er" or not is_common_word(shared_stem)
    bare = first if not first_suffix else second
    return not any(is_common_word(word) for word in (shared_stem, shared_stem + "e", bare))


def _derivational_suffix(word: str, word_stem: str) -> str | None:
    """What `word` adds to its stem besides an inflection; None when unknown."""
    if not word.startswith(word_stem):
        return None
    suffix = word[len(word_stem) :]
    for inflection in _INFLECTIONS:
        if suffix.endswith(inflection):
            suffix = suffix[: -len(inflection)]
            break
    if suffix == word_stem[-1:]:  # a doubled consonant: "split" + "t" + "ing"
        return ""
    return suffix
