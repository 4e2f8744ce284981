"""What the matcher knows about English words: stems, typo budgets, common words.

- Stems come from the Snowball English (Porter2) stemmer, so "throttled", "throttling"
  and "throttle" share the stem "throttl" without a list per word.
- The typo budget follows search engines (Meilisearch): words of up to 4 characters
  must match exactly, 5 to 8 characters allow one edit, 9 or more two; a swap of two
  adjacent letters is one edit (OSA distance).
- A common English word is never taken as a typo of a different word on its own:
  "sharing" is not a misspelt "sharding", "stale" not "state", "forum" not "quorum".
  The list is pyspellchecker's English frequency list (words seen more than
  `COMMON_WORD_MIN_COUNT` times in its corpus).
- Porter2 conflates a bare word with some of its derivations ("token" and "tokenize",
  "select" and "selectivity", "deploy" and "deployment" share a stem), which would
  credit a different concept. `same_word_family` refuses that case while keeping
  inflections ("shard"/"sharding") and sibling derivations ("idempotent"/"idempotency",
  "memoized"/"memoization").
"""

import gzip
import json
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

COMMON_WORD_MIN_COUNT = 100
"""Words seen more often than this in pyspellchecker's corpus count as common."""
EVERYDAY_WORD_MIN_COUNT = 20_000
"""Words seen more often than this are everyday words ("rest", "solid", "dry")."""

_INFLECTIONS = ("ings", "ing", "es", "ed", "s", "d", "e")
"""Endings that only inflect a word; what is left after them is a derivation."""

_stemmer = snowballstemmer.stemmer("english")


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


@cache
def common_words() -> dict[str, int]:
    """Common English words and their counts (loaded once, on first use: about 0.1 s)."""
    path = resources.files("spellchecker") / "resources" / "en.json.gz"
    counts: dict[str, int] = json.loads(gzip.decompress(path.read_bytes()))
    return {word: count for word, count in counts.items() if count > COMMON_WORD_MIN_COUNT}


def is_common_word(word: str) -> bool:
    """True when `word` is a common English word (and so not a typo of another)."""
    return word in common_words()


def is_everyday_word(word: str) -> bool:
    """True when `word` is among the most frequent English words."""
    return common_words().get(word, 0) > EVERYDAY_WORD_MIN_COUNT


@lru_cache(maxsize=65536)
def same_word_family(first: str, second: str, shared_stem: str) -> bool:
    """Whether two words with the same stem mean the same thing.

    They do unless one is a bare common word (plus at most an inflection) and the
    other adds a derivational suffix to it: "token"/"tokenize", "normal"/
    "normalization", "deploy"/"deployment" are different concepts.
    """
    first_suffix = _derivational_suffix(first, shared_stem)
    second_suffix = _derivational_suffix(second, shared_stem)
    if first_suffix is None or second_suffix is None or first_suffix == second_suffix:
        return True
    if first_suffix and second_suffix:
        return True
    return not is_common_word(shared_stem)


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
