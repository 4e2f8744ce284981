"""The matcher against the hand-labelled evaluation sets (tests/data/matcher_eval*.yaml).

Key terms: precision and recall over every (answer, key term) pair. Mistakes: accuracy
over every (answer, mistake with triggers) pair. The bar holds for all sets together and
for each set alone, including matcher_eval_heldout.yaml, written by someone who had not
tuned the matcher, on topics the other sets do not cover. The same figures are computed
for two naive graders, for comparison: a case-insensitive substring search, and
rapidfuzz's `partial_ratio >= 85`. `python bench/bench_matcher.py` prints all three.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, utils

from drillcards.matcher import grade
from drillcards.models import Question

EVAL_FILES = sorted((Path(__file__).parent / "data").glob("matcher_eval*.yaml"))
HELD_OUT = Path(__file__).parent / "data" / "matcher_eval_heldout.yaml"
REQUIRED = 0.95


@dataclass(frozen=True)
class Labelled:
    """One answer of the evaluation set with its labels."""

    question: Question
    text: str
    terms: frozenset[str]
    mistakes: frozenset[str]
    note: str


@dataclass(frozen=True)
class Metrics:
    """How a grader did on the evaluation set."""

    term_precision: float
    term_recall: float
    mistake_accuracy: float
    errors: tuple[str, ...]
    """One line per wrong verdict, to see what went wrong."""

    def line(self, name: str) -> str:
        """The figures on one line."""
        return (
            f"{name:<22} key terms: precision {self.term_precision:.3f} "
            f"recall {self.term_recall:.3f}   mistakes: accuracy {self.mistake_accuracy:.3f}"
        )


Predictor = Callable[[Question, str], tuple[set[str], set[str]]]
"""A grader: (question, answer) -> (key terms found, mistakes flagged)."""


def load_eval(files: list[Path] = EVAL_FILES) -> list[Labelled]:
    """Read and check the evaluation sets."""
    return [answer for path in files for answer in _load_file(path)]


def _load_file(path: Path) -> list[Labelled]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = {
        question.id: question
        for question in (Question.model_validate(item) for item in document["questions"])
    }
    answers = []
    for item in document["answers"]:
        question = questions[item["question"]]
        terms = frozenset(item["terms"])
        mistakes = frozenset(item["mistakes"])
        assert terms <= {term.term for term in question.key_terms}, item["note"]
        assert mistakes <= {m.text for m in question.mistakes if m.triggers}, item["note"]
        answers.append(Labelled(question, item["text"], terms, mistakes, item["note"]))
    return answers


def evaluate(predict: Predictor, answers: list[Labelled]) -> Metrics:
    """Score a grader against the labels."""
    true_positives = false_positives = false_negatives = 0
    mistakes_right = mistakes_total = 0
    errors = []
    for answer in answers:
        found_terms, flagged = predict(answer.question, answer.text)
        for term in answer.question.key_terms:
            expected, got = term.term in answer.terms, term.term in found_terms
            true_positives += expected and got
            false_positives += got and not expected
            false_negatives += expected and not got
            if expected != got:
                kind = "missed" if expected else "false match"
                errors.append(f"{kind}: {term.term!r} in {answer.text!r}")
        for mistake in answer.question.mistakes:
            if not mistake.triggers:
                continue
            expected, got = mistake.text in answer.mistakes, mistake.text in flagged
            mistakes_total += 1
            mistakes_right += expected == got
            if expected != got:
                kind = "missed" if expected else "wrongly flagged"
                errors.append(f"mistake {kind}: {mistake.text!r} in {answer.text!r}")
    return Metrics(
        term_precision=true_positives / max(1, true_positives + false_positives),
        term_recall=true_positives / max(1, true_positives + false_negatives),
        mistake_accuracy=mistakes_right / max(1, mistakes_total),
        errors=tuple(errors),
    )


def matcher_predictor(question: Question, answer: str) -> tuple[set[str], set[str]]:
    """drillcards' matcher."""
    result = grade(question, answer)
    return (
        {term.term for term in result.key_terms if term.matched},
        {mistake.text for mistake in result.mistakes if mistake.flagged},
    )


def substring_predictor(question: Question, answer: str) -> tuple[set[str], set[str]]:
    """Baseline: any form or trigger found as a case-insensitive substring."""
    folded = answer.casefold()
    return (
        {t.term for t in question.key_terms if any(f.casefold() in folded for f in t.forms)},
        {m.text for m in question.mistakes if any(t.casefold() in folded for t in m.triggers)},
    )


def partial_ratio_predictor(question: Question, answer: str) -> tuple[set[str], set[str]]:
    """Baseline: rapidfuzz partial_ratio >= 85 (lower-cased, punctuation removed)."""

    def found(phrase: str) -> bool:
        return fuzz.partial_ratio(phrase, answer, processor=utils.default_process) >= 85

    return (
        {t.term for t in question.key_terms if any(found(f) for f in t.forms)},
        {m.text for m in question.mistakes if any(found(t) for t in m.triggers)},
    )


PREDICTORS: dict[str, Predictor] = {
    "drillcards matcher": matcher_predictor,
    "substring baseline": substring_predictor,
    "partial_ratio >= 85": partial_ratio_predictor,
}


@pytest.fixture(scope="module")
def answers() -> list[Labelled]:
    return load_eval()


def test_the_evaluation_set_is_big_and_varied_enough(answers: list[Labelled]) -> None:
    assert len(answers) >= 48
    assert len({answer.question.id for answer in answers}) >= 8
    assert sum(bool(answer.mistakes) for answer in answers) >= 10
    assert sum(not answer.terms for answer in answers) >= 5


def test_the_held_out_set_is_big_and_varied_enough() -> None:
    answers = load_eval([HELD_OUT])
    assert len(answers) >= 40
    assert len({answer.question.id for answer in answers}) >= 7
    assert HELD_OUT in EVAL_FILES


def assert_meets_the_bar(answers: list[Labelled]) -> None:
    """Fail, listing every wrong verdict, when the matcher is below the bar."""
    for name, predict in PREDICTORS.items():
        print(evaluate(predict, answers).line(name))
    metrics = evaluate(matcher_predictor, answers)
    assert metrics.term_precision >= REQUIRED, "\n".join(metrics.errors)
    assert metrics.term_recall >= REQUIRED, "\n".join(metrics.errors)
    assert metrics.mistake_accuracy >= REQUIRED, "\n".join(metrics.errors)


def test_matcher_meets_the_quality_bar(answers: list[Labelled]) -> None:
    assert_meets_the_bar(answers)


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda path: path.stem)
def test_matcher_meets_the_quality_bar_on_each_set(path: Path) -> None:
    assert_meets_the_bar(load_eval([path]))


def test_baselines_do_worse_than_the_matcher(answers: list[Labelled]) -> None:
    ours = evaluate(matcher_predictor, answers)
    for predict in (substring_predictor, partial_ratio_predictor):
        theirs = evaluate(predict, answers)
        assert min(theirs.term_precision, theirs.term_recall, theirs.mistake_accuracy) < min(
            ours.term_precision, ours.term_recall, ours.mistake_accuracy
        )
