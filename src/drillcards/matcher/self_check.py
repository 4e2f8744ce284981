"""A pack's self-check (`drill validate --strict`): grade each question's own model answer.

A model answer that does not mention one of its question's key terms, or that trips one
of its mistake triggers, means the key term or trigger is worded so the matcher cannot
recognise a good answer: the pack author should reword one or the other.
"""

from drillcards.matcher.grading import grade
from drillcards.models import Question


def model_answer(question: Question) -> str:
    """The question's model answer: framework, how-to-answer and key points, joined."""
    parts = [question.framework or "", *question.how_to_answer, *question.key_points]
    return "\n\n".join(part for part in parts if part)


def self_check(question: Question) -> list[str]:
    """What grading the question's own model answer finds wrong, one sentence each."""
    checked = bool(question.key_terms) or any(mistake.triggers for mistake in question.mistakes)
    answer = model_answer(question)
    if not checked:
        return []
    if not answer:
        return ["no model answer (framework, how_to_answer, key_points) to check against"]
    result = grade(question, answer)
    findings = [
        f"key term {term.term!r} is not mentioned by the model answer"
        for term in result.key_terms
        if not term.matched
    ]
    findings += [
        f"mistake {mistake.text!r}: the model answer affirms it ({mistake.matched_text!r})"
        for mistake in result.mistakes
        if mistake.flagged
    ]
    return findings
