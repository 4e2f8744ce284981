"""A pack's self-check (`drill validate --strict`): grade each question's own model answer.

A model answer that does not mention one of its question's required key terms, that
trips one of its mistake triggers, or that is not rated at least "good", means the key
terms or triggers are worded so the grader cannot recognise a good answer: the pack
author should reword one or the other (or mark a term `optional`, or group
alternatives with `any_of`). A STAR example is checked the same way: a good story
must be rated at least "good" too.
"""

from typing import TYPE_CHECKING

from drillcards.matcher.grading import grade
from drillcards.matcher.ideas import model_answer
from drillcards.rating import Rating

if TYPE_CHECKING:  # grading never imports pydantic (see drillcards.question_data)
    from drillcards.models import Question

_GOOD_ENOUGH = (Rating.GOOD, Rating.EASY)


def star_story(question: "Question") -> str:
    """The question's STAR example as one text (empty without one)."""
    star = question.star
    if star is None:
        return ""
    return "\n\n".join(
        part for part in (star.situation, star.task, star.action, star.result) if part
    )


def self_check(question: "Question") -> list[str]:
    """What grading the question's own model answer finds wrong, one sentence each."""
    checked = bool(question.key_terms) or any(mistake.triggers for mistake in question.mistakes)
    answer = model_answer(question)
    if not checked:
        return []
    if not answer:
        return ["no model answer (framework, how_to_answer, key_points, star) to check against"]
    result = grade(question, answer)
    findings = [
        f"key term {term.term!r} is not mentioned by the model answer"
        for term in result.key_terms
        if not term.matched and not term.optional
    ]
    findings += [
        f"mistake {mistake.text!r}: the model answer affirms it ({mistake.matched_text!r})"
        for mistake in result.mistakes
        if mistake.flagged
    ]
    if result.suggested_rating not in _GOOD_ENOUGH:
        findings.append(f"the model answer itself is rated {result.suggested_rating}")
    story = star_story(question)
    if story:
        star_result = grade(question, story)
        if star_result.suggested_rating not in _GOOD_ENOUGH:
            findings.append(
                f"the STAR example is rated {star_result.suggested_rating} "
                f"({star_result.explanation})"
            )
    return findings
