"""Grading one typed answer against a question: key terms, mistakes, score, rating.

Score (a number in [0, 1]):

    score = clamp(coverage - MISTAKE_PENALTY * affirmed_mistakes, 0, 1)

where `coverage` is the fraction of the question's key terms the answer mentions. A
question without key terms cannot be checked for content, so its coverage is the
answer's length in words over `WORDS_FOR_FULL_CREDIT` (at most 1), and its suggested
rating is at most "good". An empty answer scores 0.

Suggested rating: "easy" from `EASY_AT`, "good" from `GOOD_AT`, "hard" from `HARD_AT`,
"again" below. One affirmed mistake therefore keeps a perfect answer from "easy".
"""

import weakref
from dataclasses import dataclass

from drillcards.matcher.negation import is_negated
from drillcards.matcher.phrases import (
    AnswerIndex,
    Occurrence,
    Phrase,
    Vocabulary,
    compile_phrase,
    key_term_phrases,
)
from drillcards.matcher.tokens import Tokens, tokenize
from drillcards.models import Question
from drillcards.rating import Rating

MISTAKE_PENALTY = 0.25
"""Subtracted from the score for each mistake the answer affirms."""
WORDS_FOR_FULL_CREDIT = 100
"""For a question without key terms: an answer this long gets full coverage."""
EASY_AT = 0.85
GOOD_AT = 0.6
HARD_AT = 0.3


@dataclass(frozen=True)
class TermMatch:
    """Whether the answer mentions one key term, and where (offsets into the answer)."""

    term: str
    matched: bool
    matched_text: str | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class MistakeMatch:
    """Whether the answer affirms one mistake, and where (offsets into the answer)."""

    text: str
    flagged: bool
    matched_text: str | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer: every key term and mistake in pack order."""

    score: float
    key_terms: tuple[TermMatch, ...]
    mistakes: tuple[MistakeMatch, ...]
    suggested_rating: Rating


@dataclass(frozen=True)
class CompiledQuestion:
    """A question's key terms and mistake triggers, ready to match."""

    terms: tuple[tuple[str, tuple[Phrase, ...]], ...]
    """Each key term's display text and the phrases that mention it."""
    mistakes: tuple[tuple[str, tuple[Phrase, ...]], ...]
    """Each mistake's text and its trigger phrases (none for advice-only mistakes)."""
    vocabulary: Vocabulary
    """Every word of those phrases, for the typo search."""


def compile_question(question: Question) -> CompiledQuestion:
    """Compile a question's key terms and triggers (`grade` caches this per question)."""
    terms = tuple((term.term, key_term_phrases(term.forms)) for term in question.key_terms)
    mistakes = tuple(
        (
            mistake.text,
            tuple(
                phrase
                for phrase in (compile_phrase(trigger) for trigger in mistake.triggers)
                if phrase is not None
            ),
        )
        for mistake in question.mistakes
    )
    phrases = [phrase for _, group in (*terms, *mistakes) for phrase in group]
    return CompiledQuestion(terms, mistakes, Vocabulary(phrases))


_compiled_by_id: dict[int, CompiledQuestion] = {}


def _compiled(question: Question) -> CompiledQuestion:
    # Questions are frozen but not hashable (they hold lists): cache by identity, and
    # forget the entry when the question object goes away.
    key = id(question)
    compiled = _compiled_by_id.get(key)
    if compiled is None:
        compiled = compile_question(question)
        _compiled_by_id[key] = compiled
        weakref.finalize(question, _compiled_by_id.pop, key, None)
    return compiled


def grade(question: Question, answer: str) -> Grade:
    """Grade a typed answer: key terms mentioned, mistakes affirmed, score, rating.

    Offsets in the result are character offsets into `answer` (end exclusive).
    """
    compiled = _compiled(question)
    tokens = tokenize(answer)
    index = AnswerIndex(tokens, compiled.vocabulary)
    terms = tuple(_term_match(term, phrases, index, answer) for term, phrases in compiled.terms)
    found = [
        sorted(found for phrase in phrases for found in index.occurrences(phrase))
        for _, phrases in compiled.mistakes
    ]
    trigger_tokens = {
        position
        for occurrences in found
        for occurrence in occurrences
        for position in range(occurrence.first, occurrence.last + 1)
    }
    mistakes = tuple(
        _mistake_match(text, occurrences, trigger_tokens, index.tokens, answer)
        for (text, _), occurrences in zip(compiled.mistakes, found, strict=True)
    )
    score = _score(terms, mistakes, len(tokens))
    return Grade(score, terms, mistakes, suggest_rating(score, bool(terms), len(tokens)))


def _span(tokens: Tokens, occurrence: Occurrence) -> tuple[int, int]:
    return tokens.starts[occurrence.first], tokens.ends[occurrence.last]


def _term_match(
    term: str, phrases: tuple[Phrase, ...], index: AnswerIndex, answer: str
) -> TermMatch:
    occurrences = [found for phrase in phrases for found in index.occurrences(phrase)]
    if not occurrences:
        return TermMatch(term, False, None, None, None)
    earliest = min(occurrences, key=lambda found: (found.first, -found.last))
    start, end = _span(index.tokens, earliest)
    return TermMatch(term, True, answer[start:end], start, end)


def _mistake_match(
    text: str,
    occurrences: list[Occurrence],
    trigger_tokens: set[int],
    tokens: Tokens,
    answer: str,
) -> MistakeMatch:
    for found in occurrences:
        own = set(range(found.first, found.last + 1))
        if not is_negated(tokens, found.first, found.last, trigger_tokens - own):
            start, end = _span(tokens, found)
            return MistakeMatch(text, True, answer[start:end], start, end)
    return MistakeMatch(text, False, None, None, None)


def _score(
    terms: tuple[TermMatch, ...], mistakes: tuple[MistakeMatch, ...], word_count: int
) -> float:
    if word_count == 0:
        return 0.0
    if terms:
        coverage = sum(term.matched for term in terms) / len(terms)
    else:
        coverage = min(1.0, word_count / WORDS_FOR_FULL_CREDIT)
    penalty = MISTAKE_PENALTY * sum(mistake.flagged for mistake in mistakes)
    return round(min(1.0, max(0.0, coverage - penalty)), 3)


def suggest_rating(score: float, has_key_terms: bool, word_count: int) -> Rating:
    """The rating suggested for a score (see the module docstring for thresholds)."""
    if word_count == 0 or score < HARD_AT:
        return Rating.AGAIN
    if score < GOOD_AT:
        return Rating.HARD
    if score < EASY_AT or not has_key_terms:
        return Rating.GOOD
    return Rating.EASY
