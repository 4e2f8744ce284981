"""The answer matcher: key terms and model-answer ideas an answer mentions, its mistakes.

`grade(question, answer)` returns a `Grade`; see `drillcards.matcher.grading` for the
score formula and rating thresholds, and the other modules for each rule:
`tokens` (words and their spans), `lexicon` (stems, typo budgets, common words),
`phrases` (finding a term or trigger), `negation` (affirmed or rejected), `ideas`
(the model answer's ideas), `semantic` (similarity of meaning), `short_answer` (fact
cards compared as a whole).
"""

from drillcards.matcher.grading import (
    EASY_AT,
    GOOD_AT,
    HARD_AT,
    MISTAKE_PENALTY,
    WORDS_FOR_FULL_CREDIT,
    Grade,
    IdeaMatch,
    MistakeMatch,
    TermMatch,
    compile_question,
    grade,
    suggest_rating,
)

__all__ = [
    "EASY_AT",
    "GOOD_AT",
    "HARD_AT",
    "MISTAKE_PENALTY",
    "WORDS_FOR_FULL_CREDIT",
    "Grade",
    "IdeaMatch",
    "MistakeMatch",
    "TermMatch",
    "compile_question",
    "grade",
    "suggest_rating",
]
