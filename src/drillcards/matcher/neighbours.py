"""Whether an answer is really another question's model answer, pasted or recalled.

A card's answer can share a deck's vocabulary with every other card, so the ideas and
meaning of an answer copied from a neighbouring card can look half right. When the
answer is far closer, word for word, to another question's model answer than to its
own, it answers that other question.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from drillcards.matcher.ideas import model_answer

if TYPE_CHECKING:  # grading never imports pydantic (see drillcards.question_data)
    from drillcards.models import Question

CLOSE_AT = 85
"""How alike (0-100, rapidfuzz's token-set ratio) an answer and another model answer
must be for the answer to be that model answer."""
CLOSER_BY = 20
"""How much closer to the other model answer than to its own it must be, too."""
MIN_WORDS = 6
"""Shorter answers are alike to too many texts to tell, unless they are the same text:"""
SAME_AT = 95
"""a short answer this alike (rapidfuzz's ratio, 0-100) to another card's whole model
answer ("443" for the HTTPS port, given to the TCP-or-UDP card) is that answer."""
MOST_QUESTIONS = 5000
"""In a larger pack the comparison is not made (it would cost more than the grade)."""


def answered_instead(
    question: "Question", answer: str, others: Sequence["Question"]
) -> "Question | None":
    """The other question whose model answer `answer` is, or None."""
    if len(others) > MOST_QUESTIONS:
        return None
    short = len(answer.split()) < MIN_WORDS
    candidates = {
        index: text
        for index, other in enumerate(others)
        if other.id != question.id and (text := model_answer(other))
    }
    if not candidates:
        return None
    scorer = fuzz.ratio if short else fuzz.token_set_ratio
    found = process.extractOne(
        answer,
        candidates,
        scorer=scorer,
        processor=default_process,
        score_cutoff=SAME_AT if short else CLOSE_AT,
    )
    if found is None:
        return None
    _, similarity, index = found
    own = scorer(answer, model_answer(question), processor=default_process)
    return others[index] if similarity >= own + CLOSER_BY else None
