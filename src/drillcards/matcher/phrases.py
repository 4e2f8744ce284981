"""Finding a phrase (a key term's form, a mistake's trigger) among an answer's tokens.

A phrase of n words matches n consecutive tokens of one clause when each token matches
its word (see `AnswerIndex.word_matches`), with two more ways to write it:

- joined: the answer writes the words as one ("CICD" for "CI/CD", "NodeJS" for
  "Node.js"), compared like a single word but without typos;
- split: the answer writes them as n+1 tokens that spell the same letters ("config
  map" for "ConfigMap", "micro services" for "Microservices"), a plural allowed at the
  end and an inflection on the first ("rolled back" for "Rollback"); only for phrases
  of at least 6 letters, so "red is" is not "Redis", except between letters and digits,
  which any phrase may split ("BM-25" for "BM25", "Argon 2" for "Argon2").

A key term may also put its last word first, linked by one or two small words, when
that word stands apart in the term (not hyphenated): "delivery is at-least-once" for
"At-Least-Once Delivery", "invalidation of the cache" for "Cache Invalidation".

A number is the same word in digits or letters ("top ten" for "Top 10").

A match never starts at the second half of "non-blocking", "no-SQL" or "anti-pattern".
A common English word within the typo budget of a phrase word ("stranger" for
"strangler") counts only inside a phrase of several words where another word matches
exactly ("stranger fig"): a correctly spelt word alone is not a typo, nor is an
inflection of another common word ("shared key" is not "Shard Key"). A word with a
negating prefix is never a typo of the word without it ("asymmetric encryption" is not
"Symmetric Encryption").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from drillcards.matcher.lexicon import (
    common_words,
    is_everyday_word,
    is_inflected_common_word,
    is_opposite,
    number_twin,
    same_word_family,
    stem,
    typo_budget,
)
from drillcards.matcher.tokens import Tokens, tokenize, word_set

OPTIONAL_LAST_WORDS = frozenset(
    {"pattern", "patterns", "principle", "algorithm", "approach", "technique", "strategy"}
)
"""A key term ending with one of these also matches without it: "Strangler Fig Pattern"
is mentioned by "strangler fig"."""

_ARTICLES = frozenset({"the", "a", "an"})
_LINKING_WORDS = word_set(
    "of the a an is are was were be for to in on with its their our your this these"
)
"""Words that may link a key term's last word, put first, to the rest of it."""
_MOST_LINKING_WORDS = 2
_PLURAL_ENDINGS = ("s", "es")
_MIN_SPLIT_LETTERS = 6
_MOST_EDITS = 2
"""The largest typo budget (`typo_budget` of a long word)."""


class Strength(IntEnum):
    """How well an answer token matches a phrase word."""

    COMMON_WORD_TYPO = 1
    """A common word within the typo budget: counts only next to an exact match."""
    TYPO = 2
    """Within the typo budget for the word's length."""
    EXACT = 3
    """The same word, or another inflection or derivation of it."""


_EXACT = Strength.EXACT  # module constants: cheaper than an enum lookup in the hot loop
_TYPO = Strength.TYPO


@dataclass(frozen=True, slots=True, eq=False)
class PhraseWord:
    """One word of a phrase, prepared for comparison (one object per word: see `of`)."""

    text: str
    stem: str
    budget: int
    """Edits allowed against `text`."""
    stem_budget: int
    """Edits allowed against `stem`."""
    digits: str
    """The word's digits: a typo never changes a number ("OAuth1" is not "OAuth2")."""
    acronym: bool
    """Written in capitals ("JWT"): also matches a word starting with it ("RESTful")."""
    capitals_only: bool
    """A one-word acronym that is also an everyday word ("REST", "SOLID", "DRY"): it
    matches only when written in capitals, unless the answer has no capitals at all."""
    alone: bool
    """A phrase by itself, without other words to give it context (see
    `same_word_family`)."""
    exact_forms: tuple[str, ...]
    """Answer words that match it exactly besides its word family: itself, the same
    number the other way ("10"/"ten"), and for a word without typos its plurals."""

    @staticmethod
    @lru_cache(maxsize=65536)
    def of(
        text: str, acronym: bool = False, alone: bool = False, typos: bool = True
    ) -> "PhraseWord":
        """The prepared form of one canonical word; the same object for the same word.

        `acronym`: the word was written in capitals; `alone`: it is a phrase by itself;
        `typos`: whether typos are allowed (not for words joined into one, where two
        edits could drop a whole word: "nocaching" is not "caching").
        """
        word_stem = stem(text)
        budget = typo_budget(len(text)) if typos else 0
        twin = number_twin(text)
        plurals = () if budget else tuple(text + ending for ending in _PLURAL_ENDINGS)
        return PhraseWord(
            text=text,
            stem=word_stem,
            budget=budget,
            stem_budget=typo_budget(len(word_stem)) if typos else 0,
            digits=_digits(text),
            acronym=acronym,
            capitals_only=acronym and alone and is_everyday_word(text),
            alone=alone,
            exact_forms=(text, *plurals) if twin is None else (text, twin, *plurals),
        )


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase to look for, compiled once."""

    words: tuple[PhraseWord, ...]
    joined: PhraseWord | None
    """The words written together, for phrases of several words."""
    movable_head: bool
    """Whether the last word may come first ("invalidation of the cache")."""
    letters: str
    """The words' letters, written together."""
    split_heads: frozenset[str]
    """Where an answer may split `letters` in two words, the first ("config" of
    "config" + "map")."""


class Occurrence(NamedTuple):
    """Where a phrase was found: token indexes, both inclusive."""

    first: int
    last: int


def compile_phrase(text: str) -> Phrase | None:
    """Compile one phrase; None when it has no words."""
    tokens = tokenize(text)
    return _phrase(tokens, 0, len(tokens), movable_head=False)


def key_term_phrases(forms: Iterable[str]) -> tuple[Phrase, ...]:
    """Every phrase that mentions a key term with these surface forms.

    A leading article is dropped ("The Twelve-Factor App"), and a trailing generic word
    (`OPTIONAL_LAST_WORDS`) is optional.
    """
    phrases: dict[tuple[str, ...], Phrase] = {}
    for form in forms:
        tokens = tokenize(form)
        first = 1 if len(tokens) > 1 and tokens.texts[0] in _ARTICLES else 0
        ends = [len(tokens)]
        if len(tokens) - first > 1 and tokens.texts[-1] in OPTIONAL_LAST_WORDS:
            ends.append(len(tokens) - 1)
        for end in ends:
            between_last_two = form[tokens.ends[end - 2] : tokens.starts[end - 1]]
            movable = end - first > 1 and between_last_two.isspace()
            phrase = _phrase(tokens, first, end, movable_head=movable)
            if phrase is not None:
                phrases.setdefault(tuple(tokens.texts[first:end]), phrase)
    return tuple(phrases.values())


def _phrase(tokens: Tokens, first: int, end: int, *, movable_head: bool) -> Phrase | None:
    """The phrase made of tokens[first:end]."""
    words = tokens.texts[first:end]
    if not words:
        return None
    letters = "".join(words)
    joined = PhraseWord.of(letters, typos=False) if len(words) > 1 else None
    split_heads = _split_heads(letters)
    phrase_words = tuple(
        PhraseWord.of(tokens.texts[index], _is_acronym(tokens, index), len(words) == 1)
        for index in range(first, end)
    )
    return Phrase(phrase_words, joined, movable_head, letters, split_heads)


def _split_heads(letters: str) -> frozenset[str]:
    """Where an answer may cut a phrase's letters in two words (see the module
    docstring), the first word."""
    cuts = range(2, len(letters) - 1) if len(letters) >= _MIN_SPLIT_LETTERS else range(0)
    heads = [letters[:cut] for cut in cuts]
    if not letters.isalpha():
        heads += [
            letters[:cut]
            for cut in range(2, len(letters))
            if letters[cut - 1].isdigit() != letters[cut].isdigit()
        ]
    return frozenset(heads)


def _is_acronym(tokens: Tokens, index: int) -> bool:
    """Whether a word is written all in capitals, like "JWT" or "REST"."""
    return tokens.capitals.get(index, 0) == tokens.ends[index] - tokens.starts[index]


def _digits(text: str) -> str:
    if text.isalpha():
        return ""
    return "".join(ch for ch in text if ch.isdigit())


class Vocabulary:
    """Every word of a question's phrases, arranged for the typo search (built once)."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        words: set[PhraseWord] = set()
        split_heads: set[str] = set()
        for phrase in phrases:
            words.update(phrase.words)
            if phrase.joined is not None:
                words.add(phrase.joined)
            split_heads.update(phrase.split_heads)
        self.split_heads = frozenset(split_heads)
        """Every phrase's split heads: an answer with none of them, and no inflection of
        one (see `split_heads_by_stem`), has no split phrase."""
        self.split_heads_by_stem: dict[str, list[str]] = {}
        """The split heads that are words, by stem, for an answer that inflects one
        ("rolled" for "roll" of "Rollback")."""
        common = common_words()
        for head in split_heads:
            if head in common:
                self.split_heads_by_stem.setdefault(stem(head), []).append(head)
        fuzzy = sorted((word for word in words if word.budget), key=lambda word: word.text)
        longest = max((len(word.text) for word in fuzzy), default=0) + _MOST_EDITS
        self._by_length: list[list[PhraseWord]] = [[] for _ in range(longest + 1)]
        """For each length, the words that an answer word of that length may misspell."""
        self._by_stem_length: list[list[PhraseWord]] = [[] for _ in range(longest + 1)]
        """For each length, the words whose stem an answer stem of that length may
        misspell."""
        for word in fuzzy:
            for length in range(len(word.text) - word.budget, len(word.text) + word.budget + 1):
                self._by_length[length].append(word)
            size, budget = len(word.stem), word.stem_budget
            for length in range(max(0, size - budget), size + budget + 1):
                self._by_stem_length[length].append(word)
        self._texts_by_length = [[word.text for word in group] for group in self._by_length]
        self._stems_by_length = [[word.stem for word in group] for group in self._by_stem_length]

    def typos_of(self, candidate: str, candidate_stem: str) -> Iterable[PhraseWord]:
        """Phrase words that `candidate` misspells, as written or as a stem.

        Never a word `candidate` spells exactly or shares its stem with (that is an exact
        match, decided by word family), and never a change of digit.
        """
        found: list[PhraseWord] = []
        for groups, texts, query, attribute in (
            (self._by_length, self._texts_by_length, candidate, "budget"),
            (self._by_stem_length, self._stems_by_length, candidate_stem, "stem_budget"),
        ):
            if len(query) >= len(groups):
                continue
            for _, distance, position in process.extract(
                query,
                texts[len(query)],
                scorer=OSA.distance,
                score_cutoff=_MOST_EDITS,
                limit=None,
            ):
                word = groups[len(query)][position]
                if 0 < distance <= getattr(word, attribute) and word.stem != candidate_stem:
                    found.append(word)
        digits = _digits(candidate)
        return [
            word
            for word in found
            if word.digits == digits
            and not is_opposite(candidate, candidate_stem, word.text, word.stem)
        ]


class AnswerIndex:
    """An answer's tokens, indexed for finding a question's phrases quickly."""

    def __init__(self, tokens: Tokens, vocabulary: Vocabulary) -> None:
        self.tokens = tokens
        self.positions: dict[str, list[int]] = {}
        self._capitalised: dict[str, list[str]] = {}
        positions = self.positions
        for index, text in enumerate(tokens.texts):
            found = positions.get(text)
            if found is None:
                positions[text] = [index]
            else:
                found.append(index)
        for index, capitals in tokens.capitals.items():
            text = tokens.texts[index]
            if capitals < len(text):  # "RESTful", "JWTs": an acronym and more
                self._capitalised.setdefault(text[:capitals], []).append(text)
        self._words_by_stem: dict[str, list[str]] = {}
        self._typos: dict[PhraseWord, dict[str, Strength]] = {}
        self._split_starts: dict[str, list[int]] = {}
        """Where each split head (or an inflection of it) starts in the answer."""
        split_heads = vocabulary.split_heads
        heads_by_stem = vocabulary.split_heads_by_stem
        common = common_words()
        words_by_stem = self._words_by_stem
        for word, word_stem in zip(positions, map(stem, positions), strict=True):
            family = words_by_stem.get(word_stem)
            if family is None:
                words_by_stem[word_stem] = [word]
            else:
                family.append(word)
            if len(word) > 2 and word not in common:
                for typo_of in vocabulary.typos_of(word, word_stem):
                    self._typos.setdefault(typo_of, {})[word] = _TYPO
            if word in split_heads:
                self._split_starts.setdefault(word, []).extend(positions[word])
            for head in heads_by_stem.get(word_stem, ()):
                if head != word:
                    self._split_starts.setdefault(head, []).extend(positions[word])
        self._matches: dict[PhraseWord, dict[int, Strength]] = {}

    def word_matches(self, word: PhraseWord) -> dict[int, Strength]:
        """The positions of the tokens that match a phrase word, with how well.

        Exact: the same canonical word, the same number written the other way ("ten"
        for "10"), the same stem within one word family, an acronym with a plural "s"
        or starting a longer word ("RESTful"). Typo: an
        uncommon word within the typo budget, compared as written and as stems, never
        changing a digit. A one-word acronym that is an everyday word ("REST") must be
        written in capitals.
        """
        found = self._matches.get(word)
        if found is not None:
            return found
        positions = self.positions
        typos = self._typos.get(word)
        texts = dict(typos) if typos else {}
        for form in word.exact_forms:
            if form in positions:
                texts[form] = _EXACT
        family = self._words_by_stem.get(word.stem)
        if family:
            for candidate in family:
                if candidate == word.text or same_word_family(
                    candidate, word.text, word.stem, word.alone
                ):
                    texts[candidate] = _EXACT
        if word.acronym:
            for candidate in self._capitalised.get(word.text, ()):
                texts[candidate] = _EXACT
        found = {index: strength for text, strength in texts.items() for index in positions[text]}
        if word.capitals_only and self.tokens.has_capitals:
            capitals = self.tokens.capitals
            found = {
                index: strength
                for index, strength in found.items()
                if capitals.get(index, 0) >= len(word.text)
            }
        self._matches[word] = found
        return found

    def _common_word_typo(self, word: PhraseWord, candidate: str) -> bool:
        if word.budget == 0 or _digits(candidate) != word.digits:
            return False
        candidate_stem = stem(candidate)
        close = OSA.distance(candidate, word.text, score_cutoff=word.budget) <= word.budget or (
            word.stem_budget > 0
            and candidate_stem != word.stem
            and OSA.distance(candidate_stem, word.stem, score_cutoff=word.stem_budget)
            <= word.stem_budget
        )
        return (
            close
            and not is_inflected_common_word(candidate)
            and not is_opposite(candidate, candidate_stem, word.text, word.stem)
        )

    def occurrences(self, phrase: Phrase) -> list[Occurrence]:
        """Every place the phrase occurs in the answer, in order."""
        found: set[Occurrence] = set()
        matches = [self.word_matches(word) for word in phrase.words]
        if all(matches):
            found.update(self._word_by_word(phrase, matches))
            if phrase.movable_head:
                found.update(self._head_first(matches))
        elif len(matches) > 1 and _rescue_possible(phrase, matches):
            found.update(self._word_by_word(phrase, matches))
        if phrase.joined is not None:
            glued = self.tokens.after_negating_prefix
            for index in self.word_matches(phrase.joined):
                if index not in glued:
                    found.add(Occurrence(index, index))
        heads = self._split_starts.keys() & phrase.split_heads
        if heads:
            found.update(self._split(phrase, heads))
        return sorted(found)

    def _word_by_word(
        self, phrase: Phrase, matches: list[dict[int, Strength]]
    ) -> Iterable[Occurrence]:
        texts = self.tokens.texts
        clauses = self.tokens.clauses
        glued = self.tokens.after_negating_prefix
        count = len(phrase.words)
        starts = set(matches[0])
        for offset, word_matches in enumerate(matches[1:], start=1):
            starts.update(
                index - offset
                for index, strength in word_matches.items()
                if strength == Strength.EXACT
            )
        for start in starts:
            last = start + count - 1
            if start < 0 or last >= len(texts) or start in glued or clauses[last] != clauses[start]:
                continue
            strengths = []
            for offset, word in enumerate(phrase.words):
                strength = matches[offset].get(start + offset)
                if (
                    strength is None
                    and count > 1
                    and self._common_word_typo(word, texts[start + offset])
                ):
                    strength = Strength.COMMON_WORD_TYPO
                if strength is None:
                    break
                strengths.append(strength)
            else:
                if Strength.COMMON_WORD_TYPO in strengths and Strength.EXACT not in strengths:
                    continue
                yield Occurrence(start, last)

    def _head_first(self, matches: list[dict[int, Strength]]) -> Iterable[Occurrence]:
        texts = self.tokens.texts
        clauses = self.tokens.clauses
        glued = self.tokens.after_negating_prefix
        rest = matches[:-1]
        for head in matches[-1]:
            if head in glued:
                continue
            start = head + 1
            while (
                start < len(texts)
                and start - head <= _MOST_LINKING_WORDS
                and texts[start] in _LINKING_WORDS
            ):
                start += 1
            last = start + len(rest) - 1
            if start == head + 1 or last >= len(texts) or clauses[last] != clauses[head]:
                continue
            if all(start + offset in rest[offset] for offset in range(len(rest))):
                yield Occurrence(head, last)

    def _split(self, phrase: Phrase, heads: set[str]) -> Iterable[Occurrence]:
        texts = self.tokens.texts
        clauses = self.tokens.clauses
        glued = self.tokens.after_negating_prefix
        most_tokens = len(phrase.words) + 1
        for head in heads:
            for start in self._split_starts[head]:
                if start in glued:
                    continue
                rest = phrase.letters[len(head) :]
                index = start + 1
                while index < len(texts) and index - start < most_tokens:
                    text = texts[index]
                    if clauses[index] != clauses[start]:
                        break
                    if index - start == most_tokens - 1:
                        if _same_but_plural(text, rest):
                            yield Occurrence(start, index)
                        break
                    if not rest.startswith(text):
                        break
                    rest = rest[len(text) :]
                    index += 1


def _rescue_possible(phrase: Phrase, matches: list[dict[int, Strength]]) -> bool:
    """Whether a common-word typo could fill the words nothing matched."""
    if not any(Strength.EXACT in word_matches.values() for word_matches in matches):
        return False
    return all(word.budget for word, found in zip(phrase.words, matches, strict=True) if not found)


def _same_but_plural(word: str, expected: str) -> bool:
    if word == expected:
        return True
    return any(word == expected + ending or expected == word + ending for ending in _PLURAL_ENDINGS)
