"""The ideas of a model answer, and which of them a typed answer mentions.

A question without key terms (every imported deck) is graded against its model answer:
its framework, key points, how-to-answer notes and STAR example, or whatever answer
text it has. The model answer is cut into ideas: runs of up to `MOST_IDEA_WORDS`
content words between function words and punctuation ("desired software product",
"TTL", "5432", `useEffect`). Words that merely restate the prompt earn nothing, and a
word is an idea only once.

Each word of an idea is found in the answer with the matcher's own rules (stems,
typos scaled to word length, acronyms, numbers: see `phrases`) and weighs by how
informative it is: a rare word ("idempotent") counts for more than an everyday one
("use"), by its frequency in the common-word list. An idea is credited with the
weighted share of its words the answer mentions; `coverage` is the weighted share
over all ideas.
"""

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from drillcards.matcher.lexicon import common_words, stem
from drillcards.matcher.phrases import AnswerIndex, Phrase, compile_phrase
from drillcards.matcher.tokens import Tokens, tokenize, word_set

if TYPE_CHECKING:  # grading never imports pydantic (see drillcards.question_data)
    from drillcards.models import Question

MOST_IDEA_WORDS = 3
"""A longer run of content words is cut into ideas of at most this many words."""
MOST_IDEAS = 80
"""Only the first ideas of a very long model answer count (its gist comes first)."""
IDEA_MATCHED_AT = 0.5
"""An idea counts as covered when this share of its weight is mentioned."""

FUNCTION_WORDS = word_set(
    """a about above after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing done down
    during each either etc few for from further had has have having he her here hers
    him his how however i if in into is it its itself just let me more most much must
    my no nor not now of off on once only or other our ours out over own per rather
    same shall she should so some such than that the their theirs them then there
    these they this those through thus to too under until up upon us very via was we
    were what when where whether which while who whom whose why will with within
    without would yet you your yours e g eg ie i.e use used uses using way ways make
    makes made get gets like one ones thing things something many various often
    usually typically generally basically simply really well also example examples
    instance instances"""
)
"""Words that carry no idea of their own (with a few fillers of technical prose)."""

SMALL_NUMBER_DIGITS = 2
"""A number of this many digits alone is as light as an everyday word."""
SHOWN_FROM_WEIGHT = 0.4
"""Ideas lighter than this (one everyday word: "found", "first") count in the score but
are not listed in feedback, where they would only be noise."""

_WEIGHT_SCALE = 4.0
_WEIGHT_CORPUS = 1e7
_LIGHTEST = 0.25


@dataclass(frozen=True, slots=True)
class Idea:
    """One idea of a model answer: a few content words, each with its weight."""

    text: str
    """The idea as the model answer writes it."""
    words: tuple[Phrase, ...]
    weights: tuple[float, ...]

    @property
    def weight(self) -> float:
        """The idea's weight: the sum of its words' weights."""
        return sum(self.weights)


@dataclass(frozen=True, slots=True)
class IdeaMatch:
    """How much of one idea an answer mentions, and where (offsets into the answer)."""

    text: str
    credit: float
    """The weighted share of the idea's words the answer mentions, in [0, 1]."""
    matched_text: str | None
    start: int | None
    end: int | None
    weight: float = 1.0
    """How much the idea counts (its words' informativeness), for showing the main ones."""

    @property
    def matched(self) -> bool:
        """Whether the idea counts as covered."""
        return self.credit >= IDEA_MATCHED_AT

    @property
    def worth_showing(self) -> bool:
        """Whether feedback lists the idea (see `SHOWN_FROM_WEIGHT`)."""
        return self.weight >= SHOWN_FROM_WEIGHT


def model_answer(question: "Question") -> str:
    """The question's model answer: framework, key points, how to answer, STAR, joined."""
    star = question.star
    parts = [
        question.framework,
        *question.key_points,
        *question.how_to_answer,
        *((star.situation, star.task, star.action, star.result) if star else ()),
    ]
    return "\n\n".join(part for part in parts if part)


@lru_cache(maxsize=65536)
def word_weight(word: str) -> float:
    """How much mentioning `word` is worth: 1 for a rare word, down to 0.25."""
    if word.isdigit() and len(word) <= SMALL_NUMBER_DIGITS:  # "1" of a list, "2" replicas
        return _LIGHTEST
    count = common_words().get(word, 0)
    informative = math.log10(_WEIGHT_CORPUS / (count + 1)) / _WEIGHT_SCALE
    return min(1.0, max(_LIGHTEST, informative))


def _is_content(word: str) -> bool:
    return word not in FUNCTION_WORDS and (len(word) > 1 or word.isdigit())


def extract_ideas(text: str, prompt: str) -> tuple[Idea, ...]:
    """The ideas of a model answer `text`; words of `prompt` are left out."""
    tokens = tokenize(text)
    restated = {stem(word) for word in tokenize(prompt).texts}
    seen: set[str] = set()
    ideas: list[Idea] = []
    run: list[int] = []
    for index, word in enumerate(tokens.texts):
        word_stem = stem(word)
        starts_clause = bool(run) and tokens.clauses[index] != tokens.clauses[run[-1]]
        if starts_clause or len(run) == MOST_IDEA_WORDS:
            _close(run, tokens, text, ideas)
            run = []
        if not _is_content(word):
            _close(run, tokens, text, ideas)
            run = []
        elif word_stem not in restated and word_stem not in seen:
            seen.add(word_stem)
            run.append(index)
        if len(ideas) >= MOST_IDEAS:
            break
    _close(run, tokens, text, ideas)
    return tuple(ideas[:MOST_IDEAS])


def _close(run: list[int], tokens: Tokens, text: str, ideas: list[Idea]) -> None:
    if not run:
        return
    phrases = []
    weights = []
    for index in run:
        phrase = compile_phrase(text[tokens.starts[index] : tokens.ends[index]])
        if phrase is not None:
            phrases.append(phrase)
            weights.append(word_weight(tokens.texts[index]))
    if phrases:
        shown = text[tokens.starts[run[0]] : tokens.ends[run[-1]]]
        ideas.append(Idea(shown, tuple(phrases), tuple(weights)))


def idea_vocabulary(ideas: tuple[Idea, ...]) -> list[Phrase]:
    """Every phrase of the ideas, for the answer index's typo search."""
    return [phrase for idea in ideas for phrase in idea.words]


def match_ideas(ideas: tuple[Idea, ...], index: AnswerIndex, answer: str) -> tuple[IdeaMatch, ...]:
    """Which ideas the answer indexed by `index` mentions, with their credit."""
    return tuple(_match(idea, index, answer) for idea in ideas)


def _match(idea: Idea, index: AnswerIndex, answer: str) -> IdeaMatch:
    found_weight = 0.0
    first_span: tuple[int, int] | None = None
    for phrase, weight in zip(idea.words, idea.weights, strict=True):
        occurrences = index.occurrences(phrase)
        if occurrences:
            found_weight += weight
            earliest = min(occurrences)
            span = (index.tokens.starts[earliest.first], index.tokens.ends[earliest.last])
            first_span = span if first_span is None else min(first_span, span)
    credit = found_weight / idea.weight if idea.weight else 0.0
    if first_span is None:
        return IdeaMatch(idea.text, credit, None, None, None, idea.weight)
    start, end = first_span
    return IdeaMatch(idea.text, round(credit, 3), answer[start:end], start, end, idea.weight)


MOST_SHOWN_MISSED = 12
"""How many missed ideas feedback lists: the weightiest, in model-answer order."""


def main_covered(matches: tuple[IdeaMatch, ...]) -> list[str]:
    """The texts of the covered ideas worth showing, in model-answer order."""
    return [match.text for match in matches if match.matched and match.worth_showing]


def main_missed(matches: tuple[IdeaMatch, ...]) -> tuple[list[str], int]:
    """The texts of the weightiest missed ideas (in their order) and how many more there are."""
    missed = [match for match in matches if not match.matched and match.worth_showing]
    kept = set(map(id, sorted(missed, key=lambda match: -match.weight)[:MOST_SHOWN_MISSED]))
    return [match.text for match in missed if id(match) in kept], max(0, len(missed) - len(kept))


def coverage(ideas: tuple[Idea, ...], matches: tuple[IdeaMatch, ...]) -> float:
    """The weighted share of the ideas the answer mentions, in [0, 1]."""
    total = sum(idea.weight for idea in ideas)
    if not total:
        return 0.0
    pairs = zip(ideas, matches, strict=True)
    return sum(idea.weight * match.credit for idea, match in pairs) / total
