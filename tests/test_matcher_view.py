"""The Rich rendering of a grade and the pack self-check (`validate --strict`)."""

from rich.console import Console

from drillcards.grade_view import grade_report, highlighted_answer, visible_text
from drillcards.matcher import grade
from drillcards.matcher.ideas import model_answer
from drillcards.matcher.self_check import self_check
from drillcards.models import Question

QUESTION = Question.model_validate(
    {
        "id": "q",
        "prompt": "How?",
        "framework": "Use Redis.",
        "how_to_answer": ["Mention Kafka."],
        "key_points": ["Avoid a big bang rewrite."],
        "key_terms": ["Redis", "Kafka"],
        "mistakes": [{"text": "Big bang", "triggers": ["big bang rewrite"]}],
    }
)


def test_visible_text_replaces_control_characters_one_for_one() -> None:
    text = "a\x1b[31mred\r\nb\x07\u202e"
    shown = visible_text(text)
    assert len(shown) == len(text)
    assert shown == "a\ufffd[31mred \nb\ufffd\ufffd"


def test_the_answer_is_highlighted_at_the_grade_offsets() -> None:
    answer = "\x1b Redis, then a big bang rewrite"
    highlighted = highlighted_answer(answer, grade(QUESTION, answer))
    spans = {(span.start, span.end, str(span.style)) for span in highlighted.spans}
    assert (2, 7, "bold green") in spans
    start = answer.index("big bang")
    assert (start, start + len("big bang rewrite"), "bold white on red") in spans


def test_the_report_renders_markup_in_the_answer_literally() -> None:
    console = Console(record=True, width=200, color_system=None)
    answer = "[red]Redis[/red] and [bold]"
    console.print(grade_report(answer, grade(QUESTION, answer)))
    output = console.export_text()
    assert "[red]Redis[/red] and [bold]" in output
    assert "✓ Redis" in output and "✗ Kafka" in output


def test_the_model_answer_joins_framework_key_points_and_how_to_answer() -> None:
    assert model_answer(QUESTION) == "Use Redis.\n\nAvoid a big bang rewrite.\n\nMention Kafka."
    assert self_check(QUESTION) == []


def test_self_check_reports_missing_terms_and_affirmed_triggers() -> None:
    loose = QUESTION.model_copy(
        update={"key_points": ["We did a big bang rewrite."], "how_to_answer": []}
    )
    assert self_check(loose) == [
        "key term 'Kafka' is not mentioned by the model answer",
        "mistake 'Big bang': the model answer affirms it ('big bang rewrite')",
    ]


def test_self_check_needs_a_model_answer_only_when_there_is_something_to_check() -> None:
    bare = Question.model_validate({"id": "q", "prompt": "How?", "key_terms": ["Redis"]})
    assert self_check(bare) == [
        "no model answer (framework, how_to_answer, key_points, star) to check against"
    ]
    assert self_check(Question.model_validate({"id": "q", "prompt": "How?"})) == []
