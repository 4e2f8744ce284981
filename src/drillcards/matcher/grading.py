"""Grading one typed answer: key terms, the model answer's ideas, mistakes, score, rating.

Two signals measure what an answer says (see `content_score`):

- **ideas**: the model answer's content words and phrases the answer mentions, with
  the matcher's rules for stems, typos, acronyms and numbers (`ideas`);
- **meaning**: the semantic similarity of answer and model answer (`semantic`), so a
  paraphrase earns credit too.

They are blended (`IDEA_WEIGHT`) and calibrated (`CALIBRATION`) on human-graded
answers, so that the rating thresholds mean the same on every pack: a grade of 5 of 5
by a person lands on "easy", 4 on "good", 2 to 3 on "hard", 0 to 1 on "again".

With key terms, the score blends their coverage with the content score
(`TERM_WEIGHT`); an `optional` term counts only in the answer's favour, and an
`any_of` group is covered by any of its items. A fact card whose model answer is a
few words is compared as a whole (`short_answer`). Then:

    score = clamp(blend - MISTAKE_PENALTY * affirmed_mistakes, 0, 1)

and the suggested rating is "easy" from `EASY_AT`, "good" from `GOOD_AT`, "hard" from
`HARD_AT`, "again" below. Honest limits on top of that:

- an answer that only restates the prompt scores 0;
- a bare list of terms without explanation is at most "hard";
- an answer typed or changed after the model answer was shown (`aided`) is at
  most "hard".
"""

import weakref
from dataclasses import dataclass

from drillcards.matcher import semantic
from drillcards.matcher.ideas import (
    FUNCTION_WORDS,
    Idea,
    IdeaMatch,
    coverage,
    extract_ideas,
    idea_vocabulary,
    match_ideas,
    model_answer,
)
from drillcards.matcher.lexicon import stem
from drillcards.matcher.negation import is_negated
from drillcards.matcher.phrases import (
    AnswerIndex,
    Occurrence,
    Phrase,
    Vocabulary,
    compile_phrase,
    key_term_phrases,
)
from drillcards.matcher.short_answer import is_exact_fact, is_short_answer, match_short_answer
from drillcards.matcher.tokens import Tokens, tokenize
from drillcards.models import Question
from drillcards.rating import Rating


@dataclass(frozen=True)
class Calibration:
    """A raw signal mapped to a score: ((signal - floor) / (full - floor)) ** curve.

    Below `floor` (what unrelated text reaches) the score is 0, from `full` it is 1;
    the curve is concave because people give most of the credit to an answer that has
    the gist, and less for each further detail.
    """

    floor: float
    full: float
    curve: float

    def __call__(self, signal: float) -> float:
        """The score for a raw signal, in [0, 1]."""
        share = (signal - self.floor) / (self.full - self.floor)
        return min(1.0, max(0.0, share)) ** self.curve


MISTAKE_PENALTY = 0.25
"""Subtracted from the score for each mistake the answer affirms."""
TERM_WEIGHT = 0.5
"""With key terms and a model answer: the share of the score their coverage decides."""
IDEA_WEIGHT = 0.4
"""In the content score: the share of the model answer's ideas; the rest is meaning."""
CALIBRATION = Calibration(floor=0.02, full=0.7, curve=0.5)
"""Blended signal to score, fitted on human grades of short technical answers."""
LEXICAL_CALIBRATION = Calibration(floor=0.02, full=0.6, curve=0.5)
"""The same for the ideas alone, when the semantic model cannot be loaded."""
WORDS_FOR_FULL_CREDIT = 100
"""With nothing to compare an answer with: words for the highest length score."""
EASY_AT = 0.85
GOOD_AT = 0.6
HARD_AT = 0.3
RESTATED_AT = 0.8
"""An answer whose content words are at least this share of the prompt's restates it."""
LIST_FUNCTION_WORDS_AT_MOST = 0.12
"""An answer of several content words with at most this share of function words
(and, the, is, …) is a bare list of terms."""
LIST_MIN_WORDS = 4
LONG_MODEL_ANSWER = 20
"""Words of a model answer that asks for an explanation rather than a list."""


@dataclass(frozen=True)
class TermMatch:
    """Whether the answer mentions one key term, and where (offsets into the answer)."""

    term: str
    matched: bool
    matched_text: str | None
    start: int | None
    end: int | None
    optional: bool = False


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
    """The verdict on one answer: every key term, idea and mistake in pack order."""

    score: float
    key_terms: tuple[TermMatch, ...]
    mistakes: tuple[MistakeMatch, ...]
    suggested_rating: Rating
    ideas: tuple[IdeaMatch, ...] = ()
    """The model answer's ideas used in grading (empty when not used)."""
    explanation: str = ""
    """One line saying how the score was reached."""
    aided: bool = False
    """The answer was typed or changed after the model answer was shown."""


@dataclass(frozen=True)
class CompiledQuestion:
    """A question's key terms, mistake triggers and model answer, ready to match."""

    terms: tuple[tuple[str, bool, tuple[Phrase, ...]], ...]
    """Each key term's display text, whether it is optional, and its phrases."""
    mistakes: tuple[tuple[str, tuple[Phrase, ...]], ...]
    """Each mistake's text and its trigger phrases (none for advice-only mistakes)."""
    vocabulary: Vocabulary
    """Every word of those phrases and ideas, for the typo search."""
    model_answer: str
    ideas: tuple[Idea, ...]
    short_answer: bool
    """The model answer is a few words, compared as a whole."""
    prompt_stems: frozenset[str]


def compile_question(question: Question) -> CompiledQuestion:
    """Compile a question's key terms, triggers and ideas (`grade` caches this)."""
    terms = tuple(
        (term.text, term.optional, key_term_phrases(term.forms)) for term in question.key_terms
    )
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
    answer = model_answer(question)
    short = not question.key_terms and is_short_answer(answer)
    ideas: tuple[Idea, ...] = ()
    if not (short and is_exact_fact(answer)):
        # A model answer that only uses the prompt's words has those words as its ideas.
        ideas = extract_ideas(answer, question.prompt) or extract_ideas(answer, "")
    phrases = [phrase for *_, group in (*terms, *mistakes) for phrase in group]
    prompt_stems = frozenset(map(stem, tokenize(question.prompt).texts))
    return CompiledQuestion(
        terms,
        mistakes,
        Vocabulary([*phrases, *idea_vocabulary(ideas)]),
        answer,
        ideas,
        short,
        prompt_stems,
    )


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


def grade(question: Question, answer: str, *, aided: bool = False) -> Grade:
    """Grade a typed answer: key terms, ideas, mistakes, score, suggested rating.

    `aided`: the answer was typed or changed after the model answer was shown.
    Offsets in the result are character offsets into `answer` (end exclusive).
    """
    compiled = _compiled(question)
    tokens = tokenize(answer)
    index = AnswerIndex(tokens, compiled.vocabulary)
    terms = tuple(
        _term_match(term, optional, phrases, index, answer)
        for term, optional, phrases in compiled.terms
    )
    mistakes = _mistake_matches(compiled, index, answer)
    notes: list[str] = []
    if not tokens.texts:
        return _verdict(0.0, terms, mistakes, (), ["no answer"], aided, capped=False)
    ideas: tuple[IdeaMatch, ...] = ()
    content: float | None = None
    said = 0.0  # the most the answer's own words say of the model answer
    if compiled.short_answer:
        short = match_short_answer(compiled.model_answer, answer)
        content = said = short.credit
        notes.append(f"says {short.expected!r}" if short.credit else "not the expected answer")
    if compiled.ideas:  # for a short answer, a few words of prose a paraphrase may say
        ideas = match_ideas(compiled.ideas, index, answer)
        said = max(said, coverage(compiled.ideas, ideas))
        content = max(content or 0.0, content_score(compiled, ideas, answer, notes))
    term_coverage = _term_coverage(terms, notes)
    if term_coverage is None and content is None:
        blend = min(GOOD_AT, len(tokens.texts) / WORDS_FOR_FULL_CREDIT)
        notes.append("no model answer to compare with: scored by length, at most good")
    elif term_coverage is None:
        blend = content or 0.0
    elif content is None:
        blend = term_coverage
    else:
        blend = TERM_WEIGHT * term_coverage + (1 - TERM_WEIGHT) * content
    nothing_said = not said and not any(term.matched for term in terms)
    if nothing_said and _restates_prompt(tokens, compiled.prompt_stems):
        blend = 0.0
        notes.append("only restates the question")
    flagged = sum(mistake.flagged for mistake in mistakes)
    if flagged:
        plural = "s" if flagged > 1 else ""
        notes.append(f"{flagged} mistake{plural} −{flagged * MISTAKE_PENALTY:.0%}")
    score = round(min(1.0, max(0.0, blend - MISTAKE_PENALTY * flagged)), 3)
    capped = not compiled.short_answer and _bare_list(tokens, compiled.model_answer)
    if capped:
        notes.append("a bare list of terms: at most hard")
    return _verdict(score, terms, mistakes, ideas, notes, aided, capped)


def content_score(
    compiled: CompiledQuestion, ideas: tuple[IdeaMatch, ...], answer: str, notes: list[str]
) -> float:
    """The calibrated score of what the answer says, from its ideas and its meaning."""
    idea_share = coverage(compiled.ideas, ideas)
    covered = sum(idea.matched for idea in ideas)
    notes.append(f"ideas {covered} of {len(ideas)}")
    similarity = semantic.similarity(answer, compiled.model_answer)
    if similarity is None:
        return LEXICAL_CALIBRATION(idea_share)
    notes.append(f"meaning {max(0.0, similarity):.0%} alike")
    signal = IDEA_WEIGHT * idea_share + (1 - IDEA_WEIGHT) * max(0.0, similarity)
    return CALIBRATION(signal)


def _term_coverage(terms: tuple[TermMatch, ...], notes: list[str]) -> float | None:
    required = [term for term in terms if not term.optional]
    if not required:
        return None
    found = sum(term.matched for term in terms)
    notes.insert(0, f"key terms {sum(term.matched for term in required)} of {len(required)}")
    return min(1.0, found / len(required))


def _restates_prompt(tokens: Tokens, prompt_stems: frozenset[str]) -> bool:
    content = [word for word in tokens.texts if word not in FUNCTION_WORDS]
    if not content:
        return False
    restated = sum(stem(word) in prompt_stems for word in content)
    return restated / len(content) >= RESTATED_AT


def _bare_list(tokens: Tokens, model: str) -> bool:
    words = tokens.texts
    content = [word for word in words if word not in FUNCTION_WORDS]
    if len(content) < LIST_MIN_WORDS or len(model.split()) < LONG_MODEL_ANSWER:
        return False
    return (len(words) - len(content)) / len(words) <= LIST_FUNCTION_WORDS_AT_MOST


def _verdict(
    score: float,
    terms: tuple[TermMatch, ...],
    mistakes: tuple[MistakeMatch, ...],
    ideas: tuple[IdeaMatch, ...],
    notes: list[str],
    aided: bool,
    capped: bool,
) -> Grade:
    rating = suggest_rating(score)
    if (capped or aided) and rating.number > Rating.HARD.number:
        rating = Rating.HARD
    if aided:
        notes.append("typed after the model answer was shown: at most hard")
    explanation = " · ".join([*notes, f"score {score:.0%} → {rating}"])
    return Grade(score, terms, mistakes, rating, ideas, explanation, aided)


def _mistake_matches(
    compiled: CompiledQuestion, index: AnswerIndex, answer: str
) -> tuple[MistakeMatch, ...]:
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
    return tuple(
        _mistake_match(text, occurrences, trigger_tokens, index.tokens, answer)
        for (text, _), occurrences in zip(compiled.mistakes, found, strict=True)
    )


def _span(tokens: Tokens, occurrence: Occurrence) -> tuple[int, int]:
    return tokens.starts[occurrence.first], tokens.ends[occurrence.last]


def _term_match(
    term: str, optional: bool, phrases: tuple[Phrase, ...], index: AnswerIndex, answer: str
) -> TermMatch:
    occurrences = [found for phrase in phrases for found in index.occurrences(phrase)]
    if not occurrences:
        return TermMatch(term, False, None, None, None, optional)
    earliest = min(occurrences, key=lambda found: (found.first, -found.last))
    start, end = _span(index.tokens, earliest)
    return TermMatch(term, True, answer[start:end], start, end, optional)


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


def suggest_rating(score: float) -> Rating:
    """The rating suggested for a score (see the module docstring for thresholds)."""
    if score < HARD_AT:
        return Rating.AGAIN
    if score < GOOD_AT:
        return Rating.HARD
    if score < EASY_AT:
        return Rating.GOOD
    return Rating.EASY
