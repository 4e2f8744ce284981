"""Whether an answer is really another question's model answer, pasted or recalled.

A card's answer can share a deck's vocabulary with every other card, so the ideas and
meaning of an answer copied from a neighbouring card can look half right. When the
answer is far closer, word for word, to another question's model answer than to its
own, it answers that other question.
"""

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from drillcards.matcher.ideas import model_answer
from drillcards.models import Question

CLOSE_AT = 85
"""How alike (0-100, rapidfuzz's token-set ratio) an answer and another model answer
must be for the answer to be that model answer."""
CLOSER_BY = 20
"""How much closer to the other model answer than to its own it must be, too."""
MIN_WORDS = 6
"""Shorter answers are alike to too many texts to tell."""
MOST_QUESTIONS = 5000
"""In a larger pack the comparison is not made (it would cost more than the grade)."""


def answered_instead(
    question: Question, answer: str, others: Sequence[Question]
) -> Question | None:
    """The other question whose model answer `answer` is, or None."""
    if len(answer.split()) < MIN_WORDS or len(others) > MOST_QUESTIONS:
        return None
    candidates = {
        index: text
        for index, other in enumerate(others)
        if other.id != question.id and (text := model_answer(other))
    }
    if not candidates:
        return None
    found = process.extractOne(
        answer, candidates, scorer=fuzz.token_set_ratio, score_cutoff=CLOSE_AT
    )
    if found is None:
        return None
    _, similarity, index = found
    own = fuzz.token_set_ratio(answer, model_answer(question))
    return others[index] if similarity >= own + CLOSER_BY else None
