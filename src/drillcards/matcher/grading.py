"""Grading one typed answer: key terms, the model answer's ideas, mistakes, score, rating.

Two signals measure what an answer says (see `content_score`):

- **ideas**: the model answer's content words and phrases the answer mentions, with
  the matcher's rules for stems, typos, acronyms and numbers (`ideas`);
- **meaning**: the semantic similarity of answer and model answer (`semantic`), so a
  paraphrase earns credit too.

They are blended (`IDEA_WEIGHT`) and calibrated (`CALIBRATION`) on human-graded
answers, so that the rating thresholds mean the same on every pack: a grade of 5 of 5
by a person lands on "easy", 4 on "good", 2 to 3 on "hard", 0 to 1 on "again".

A behavioural question ("Tell me about a time…") is answered by the candidate's own
story, so its answer also earns credit as a STAR story on the topic (`star`), whatever
the model answer's example was.

With key terms, the score blends their coverage with the content score
(`TERM_WEIGHT`); an `optional` term counts only in the answer's favour, and an
`any_of` group is covered by any of its items. A fact card whose model answer is a
few words is compared as a whole (`short_answer`). Then:

    score = clamp(blend - MISTAKE_PENALTY * affirmed_mistakes, 0, 1)

and the suggested rating is "easy" from `EASY_AT`, "good" from `GOOD_AT`, "hard" from
`HARD_AT`, "again" below. Honest limits on top of that:

- an answer that only restates the prompt scores 0, and so does another question's
  model answer (when the pack's other questions are given);
- a bare list of terms without explanation is at most "hard";
- an answer typed or changed after the model answer was shown (`aided`) is at
  most "hard".
"""

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
from drillcards.matcher.neighbours import answered_instead
from drillcards.matcher.phrases import (
    AnswerIndex,
    Occurrence,
    Phrase,
    Vocabulary,
    compile_phrase,
    key_term_phrases,
)
from drillcards.matcher.short_answer import is_exact_fact, is_short_answer, match_short_answer
from drillcards.matcher.star import is_behavioural, star_parts
from drillcards.matcher.tokens import Tokens, tokenize
from drillcards.rating import Rating

if TYPE_CHECKING:  # grading never imports pydantic (see drillcards.question_data)
    from drillcards.models import Question


@dataclass(frozen=True)
class Calibration:
    """How the two signals become a score for one kind of model answer.

    signal = idea_weight * ideas + (1 - idea_weight) * meaning, then
    score = ((signal - floor) / (full - floor)) ** curve, clamped to [0, 1]: below
    `floor` (what unrelated text reaches) the score is 0, from `full` it is 1, and the
    curve is concave because people give most of the credit to an answer that has the
    gist and less for each further detail.
    """

    idea_weight: float
    floor: float
    full: float
    curve: float

    def __call__(self, ideas: float, meaning: float | None) -> float:
        """The score for an ideas share and a similarity of meaning (None: words only)."""
        signal = (
            ideas
            if meaning is None
            else (self.idea_weight * ideas + (1 - self.idea_weight) * max(0.0, meaning))
        )
        share = (signal - self.floor) / (self.full - self.floor)
        return min(1.0, max(0.0, share)) ** self.curve


SHORT_MODEL_ANSWER = Calibration(idea_weight=0.4, floor=0.02, full=0.7, curve=0.5)
"""A model answer of a sentence or two (up to `SHORT_MODEL_WORDS`): meaning decides
most, as one idea can be said in many words. Fitted on 2,442 human-graded answers to
87 short computer-science questions."""
LONG_MODEL_ANSWER = Calibration(idea_weight=0.7, floor=0.0, full=0.6, curve=0.75)
"""A model answer of a page (from `LONG_MODEL_WORDS`): any answer on the topic is alike
in meaning, so what decides is how many of its ideas the answer covers; covering 60 %
of a long model answer's weighted ideas is a full answer. Fitted on 100 interview
answers graded by hand."""
SHORT_WORDS_ONLY = Calibration(idea_weight=1.0, floor=0.02, full=0.6, curve=0.5)
LONG_WORDS_ONLY = Calibration(idea_weight=1.0, floor=0.0, full=0.4, curve=0.5)
"""The same two, on the ideas alone, when the semantic model cannot be loaded."""
SHORT_MODEL_WORDS = 40
LONG_MODEL_WORDS = 150
"""Between these lengths of a model answer the two calibrations are interpolated."""


STORY_FULL_CREDIT = 0.9
"""A behavioural answer that tells a complete STAR story with a quantified result, on
the question's topic, scores this much even when its story is not the model answer's."""
STORY_ON_TOPIC_MEANING = 0.3
STORY_ON_TOPIC_IDEAS = 0.1
"""A story this alike in meaning to the model answer (or, without the semantic model,
saying this share of its ideas) is on the topic; less scales its credit down."""
MOST_GRADED_CHARACTERS = 30_000
"""An answer is graded on this many characters at most (some 5,000 words, far more than
any spoken answer): matching mistake triggers grows faster than the answer's length, and
a pasted megabyte must not hang the grader."""
MISTAKE_PENALTY = 0.25
"""Subtracted from the score for each mistake the answer affirms."""
TERM_WEIGHT = 0.5
"""With key terms and a model answer: the share of the score their coverage decides."""
WORDS_FOR_FULL_CREDIT = 100
"""With nothing to compare an answer with: words for the highest length score."""
EASY_AT = 0.85
GOOD_AT = 0.6
HARD_AT = 0.3
RESTATED_AT = 0.8
RESTATED_SAYS_AT_MOST = 0.15
"""An answer whose content words are at least `RESTATED_AT` the prompt's, and that says
less than `RESTATED_SAYS_AT_MOST` of the model answer, restates the question."""
LIST_FUNCTION_WORDS_AT_MOST = 0.12
"""An answer of several content words with at most this share of function words
(and, the, is, …) is a bare list of terms."""
LIST_MIN_WORDS = 4
LIST_MIN_ITEMS = 4
LIST_ITEM_MOST_WORDS = 3.5
LIST_ITEMS_FUNCTION_WORDS_AT_MOST = 0.25
"""Or: this many items of at most this many words on average, between separators, with
at most this share of function words, are a list too."""
_LIST_SEPARATORS = re.compile(r"[,;\n•·|]+|\s[-–—]\s")
PROSE_MIN_WORDS = 8
PROSE_FUNCTION_WORDS_AT_LEAST = 0.2
"""A model answer of this many words with this share of function words is prose: it
explains, so an answer must explain too, not just list terms."""


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
    named_by_prompt: tuple[bool, ...]
    """For each key term, whether the prompt itself names it (repeating it earns nothing)."""
    mistakes: tuple[tuple[str, tuple[Phrase, ...]], ...]
    """Each mistake's text and its trigger phrases (none for advice-only mistakes)."""
    vocabulary: Vocabulary
    """Every word of those phrases and ideas, for the typo search."""
    model_answer: str
    ideas: tuple[Idea, ...]
    model_words: int
    """How many words the model answer has."""
    behavioural: bool
    """The question asks for the candidate's own story (see `star`)."""
    prose: bool
    """The model answer explains in sentences (see `PROSE_MIN_WORDS`)."""
    short_answer: bool
    """The model answer is a few words, compared as a whole."""
    prompt_stems: frozenset[str]


def compile_question(question: "Question") -> CompiledQuestion:
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
    model_tokens = tokenize(answer)
    phrases = [phrase for *_, group in (*terms, *mistakes) for phrase in group]
    prompt_index = AnswerIndex(tokenize(question.prompt), Vocabulary(phrases))
    named_by_prompt = tuple(
        any(prompt_index.occurrences(phrase) for phrase in group) for *_, group in terms
    )
    prompt_stems = frozenset(map(stem, tokenize(question.prompt).texts))
    return CompiledQuestion(
        terms,
        named_by_prompt,
        mistakes,
        Vocabulary([*phrases, *idea_vocabulary(ideas)]),
        answer,
        ideas,
        len(model_tokens),
        is_behavioural(question),
        len(model_tokens) >= PROSE_MIN_WORDS
        and _function_word_share(model_tokens) >= PROSE_FUNCTION_WORDS_AT_LEAST,
        short,
        prompt_stems,
    )


_compiled_by_id: dict[int, CompiledQuestion] = {}


def compiled_question(question: "Question") -> CompiledQuestion:
    """The question compiled, once per question object (see `remember_compiled`)."""
    compiled = _compiled_by_id.get(id(question))
    if compiled is None:
        compiled = compile_question(question)
        remember_compiled(question, compiled)
    return compiled


def remember_compiled(question: "Question", compiled: CompiledQuestion) -> None:
    """Grade `question` with `compiled` (compiled before, e.g. read back from a cache)."""
    # Questions are frozen but not hashable (they hold lists): cache by identity, and
    # forget the entry when the question object goes away.
    key = id(question)
    if key not in _compiled_by_id:
        weakref.finalize(question, _compiled_by_id.pop, key, None)
    _compiled_by_id[key] = compiled


def grade(
    question: "Question",
    answer: str,
    *,
    aided: bool = False,
    others: Sequence["Question"] = (),
) -> Grade:
    """Grade a typed answer: key terms, ideas, mistakes, score, suggested rating.

    `question` is a `models.Question` or a `question_data.QuestionData` (alike here).
    `aided`: the answer was typed or changed after the model answer was shown.
    `others`: the pack's questions, to recognise another question's model answer.
    Offsets in the result are character offsets into `answer` (end exclusive).
    """
    compiled = compiled_question(question)
    notes: list[str] = []
    if len(answer) > MOST_GRADED_CHARACTERS:  # offsets into the prefix hold for the whole
        answer = answer[:MOST_GRADED_CHARACTERS]
        notes.append(f"graded on its first {MOST_GRADED_CHARACTERS:,} characters")
    tokens = tokenize(answer)
    index = AnswerIndex(tokens, compiled.vocabulary)
    terms = tuple(
        _term_match(term, optional, phrases, index, answer)
        for term, optional, phrases in compiled.terms
    )
    mistakes = _mistake_matches(compiled, index, answer)
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
    if compiled.behavioural:
        content = max(content or 0.0, _story_score(answer, ideas, compiled, notes))
    term_coverage = _term_coverage(terms, compiled.named_by_prompt, notes)
    if term_coverage is None and content is None:
        blend = min(GOOD_AT, len(tokens.texts) / WORDS_FOR_FULL_CREDIT)
        notes.append("no model answer to compare with: scored by length, at most good")
    elif term_coverage is None:
        blend = content or 0.0
    elif content is None:
        blend = term_coverage
    else:
        # Key terms add credit; an answer that says the model answer's ideas in other
        # words than the terms still earns what its content is worth.
        blend = max(content, TERM_WEIGHT * term_coverage + (1 - TERM_WEIGHT) * content)
    if said < RESTATED_SAYS_AT_MOST and _restates_prompt(tokens, compiled.prompt_stems):
        blend = 0.0
        notes.append("only restates the question")
    instead = answered_instead(question, answer, others) if others else None
    if instead is not None:
        blend = 0.0
        notes.append(f"answers another question ({instead.id})")
    flagged = sum(mistake.flagged for mistake in mistakes)
    if flagged:
        plural = "s" if flagged > 1 else ""
        notes.append(f"{flagged} mistake{plural} −{flagged * MISTAKE_PENALTY:.0%}")
    score = round(min(1.0, max(0.0, blend - MISTAKE_PENALTY * flagged)), 3)
    capped = compiled.prose and is_bare_list(answer, tokens)
    return _verdict(score, terms, mistakes, ideas, notes, aided, capped)


def content_score(
    compiled: CompiledQuestion, ideas: tuple[IdeaMatch, ...], answer: str, notes: list[str]
) -> float:
    """The calibrated score of what the answer says, from its ideas and its meaning."""
    idea_share = coverage(compiled.ideas, ideas)
    covered = sum(idea.matched for idea in ideas)
    notes.append(f"ideas {covered} of {len(ideas)}")
    meaning = semantic.similarity(answer, compiled.model_answer)
    if meaning is not None:
        notes.append(f"meaning {max(0.0, meaning):.0%} alike")
    short, long = (
        (SHORT_MODEL_ANSWER, LONG_MODEL_ANSWER)
        if meaning is not None
        else (SHORT_WORDS_ONLY, LONG_WORDS_ONLY)
    )
    length = (compiled.model_words - SHORT_MODEL_WORDS) / (LONG_MODEL_WORDS - SHORT_MODEL_WORDS)
    longness = min(1.0, max(0.0, length))
    return (1 - longness) * short(idea_share, meaning) + longness * long(idea_share, meaning)


def _story_score(
    answer: str, ideas: tuple[IdeaMatch, ...], compiled: CompiledQuestion, notes: list[str]
) -> float:
    """What a behavioural answer is worth as a STAR story on the question's topic."""
    parts = star_parts(answer)
    missing = parts.missing
    notes.append("STAR story complete" if not missing else f"STAR story lacks {', '.join(missing)}")
    meaning = semantic.similarity(answer, compiled.model_answer)
    if meaning is None:  # words only: on topic when it says some of the model answer
        on_topic = min(1.0, coverage(compiled.ideas, ideas) / STORY_ON_TOPIC_IDEAS)
    else:
        on_topic = min(1.0, max(0.0, meaning) / STORY_ON_TOPIC_MEANING)
    return STORY_FULL_CREDIT * parts.share * on_topic


def _term_coverage(
    terms: tuple[TermMatch, ...], named_by_prompt: tuple[bool, ...], notes: list[str]
) -> float | None:
    """The share of required key terms covered (optional ones fill in for missed ones).

    A term the prompt names is left out: saying it again shows nothing.
    """
    counted = [term for term, named in zip(terms, named_by_prompt, strict=True) if not named]
    required = [term for term in counted if not term.optional]
    if not required:
        return None
    found = sum(term.matched for term in counted)
    notes.insert(0, f"key terms {sum(term.matched for term in required)} of {len(required)}")
    return min(1.0, found / len(required))


def _restates_prompt(tokens: Tokens, prompt_stems: frozenset[str]) -> bool:
    content = [word for word in tokens.texts if word not in FUNCTION_WORDS]
    if not content:
        return False
    restated = sum(stem(word) in prompt_stems for word in content)
    return restated / len(content) >= RESTATED_AT


def is_bare_list(answer: str, tokens: Tokens) -> bool:
    """Whether an answer is a list of terms rather than an explanation.

    Either it has almost no function words ("consistency, availability, partition
    tolerance"), or it is at least `LIST_MIN_ITEMS` short items between commas,
    semicolons, bullets or line breaks with few function words.
    """
    content = sum(word not in FUNCTION_WORDS for word in tokens.texts)
    if content < LIST_MIN_WORDS:
        return False
    share = _function_word_share(tokens)
    if share <= LIST_FUNCTION_WORDS_AT_MOST:
        return True
    items = [item for item in _LIST_SEPARATORS.split(answer) if item.strip()]
    return (
        len(items) >= LIST_MIN_ITEMS
        and len(tokens.texts) / len(items) <= LIST_ITEM_MOST_WORDS
        and share <= LIST_ITEMS_FUNCTION_WORDS_AT_MOST
    )


def _function_word_share(tokens: Tokens) -> float:
    words = tokens.texts
    return sum(word in FUNCTION_WORDS for word in words) / len(words) if words else 0.0


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
        if capped:
            notes.append("a bare list of terms: at most hard")
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
