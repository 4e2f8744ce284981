"""Short answers: fact and vocabulary cards whose model answer is a few words.

"Default port of PostgreSQL?" → "5432"; "HTTP status for Not Found" → "404"; "Capital
of France" → "Paris". The whole answer is compared with each acceptable answer, the
model answer split at `;`, `,`, `/` and " or ". Case, accents, articles, punctuation
and word order do not matter, and typos are allowed by word length as elsewhere in
the matcher (none up to 4 letters), but a number must be exact ("5433" is wrong).

- every word of an acceptable answer, and little else: full credit;
- every word, inside a longer sentence ("it listens on port 5432"): `WITHIN_SENTENCE`;
- some of its words: that share of `PARTIAL`;
- nothing: 0.
"""

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from drillcards.matcher.lexicon import stem, typo_budget
from drillcards.matcher.tokens import tokenize, word_set

MOST_WORDS = 5
"""A model answer of at most this many words (without articles) is a short answer."""
WITHIN_SENTENCE = 0.9
"""Credit for an acceptable answer said inside a longer sentence."""
PARTIAL = 0.5
"""Credit for an acceptable answer of several words whose words are all said, at most."""
EXTRA_WORDS_ALLOWED = 2
"""Words besides the acceptable answer's that still count as saying just it."""

_ALTERNATIVES = re.compile(r"\s*(?:[;,/|]|\bor\b)\s*", re.IGNORECASE)
_IGNORED = word_set("a an the it is its it's to of")


@dataclass(frozen=True, slots=True)
class ShortMatch:
    """The best acceptable answer and how much of it the answer says."""

    expected: str
    credit: float
    start: int | None
    end: int | None


def _words(text: str) -> list[str]:
    return [word for word in tokenize(text).texts if word not in _IGNORED]


def acceptable_answers(model_answer: str) -> list[str]:
    """The acceptable answers a short model answer lists ("PUT or PATCH")."""
    parts = [part.strip(" .!\"'") for part in _ALTERNATIVES.split(model_answer)]
    return [part for part in parts if _words(part)] or [model_answer.strip()]


def is_short_answer(model_answer: str) -> bool:
    """Whether a model answer is short enough to be compared as a whole."""
    return 0 < len(_words(model_answer)) <= MOST_WORDS and "\n" not in model_answer.strip()


def is_exact_fact(model_answer: str) -> bool:
    """Whether only the answer itself can be right: one word, or any number ("5432").

    Otherwise a short model answer is a few words of prose ("At the main function"),
    which a paraphrase can also say.
    """
    alternatives = [_words(part) for part in acceptable_answers(model_answer)]
    return all(
        len(words) == 1 or any(ch.isdigit() for word in words for ch in word)
        for words in alternatives
    )


def _same_word(said: str, expected: str) -> bool:
    if said == expected:
        return True
    if any(ch.isdigit() for ch in said + expected):
        return False
    if stem(said) == stem(expected):
        return True
    budget = typo_budget(len(expected))
    return budget > 0 and OSA.distance(said, expected, score_cutoff=budget) <= budget


def match_short_answer(model_answer: str, answer: str) -> ShortMatch:
    """How well `answer` gives one of the model answer's acceptable answers."""
    tokens = tokenize(answer)
    said = [(index, word) for index, word in enumerate(tokens.texts) if word not in _IGNORED]
    best = ShortMatch(model_answer, 0.0, None, None)
    for expected_text in acceptable_answers(model_answer):
        expected = _words(expected_text)
        found = [
            next((index for index, word in said if _same_word(word, wanted)), None)
            for wanted in expected
        ]
        hits = [index for index in found if index is not None]
        if not hits:
            continue
        if len(hits) == len(expected):
            extra = len(said) - len(expected)
            credit = 1.0 if extra <= EXTRA_WORDS_ALLOWED else WITHIN_SENTENCE
        else:
            credit = PARTIAL * len(hits) / len(expected)
        if credit > best.credit:
            start, end = tokens.starts[min(hits)], tokens.ends[max(hits)]
            best = ShortMatch(expected_text, credit, start, end)
    return best
