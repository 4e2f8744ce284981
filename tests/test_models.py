"""Pack format v1 models: shapes, identities and cleaning of untrusted text."""

import pytest
from pydantic import ValidationError

from drillcards.models import KeyTerm, Mistake, Pack, Question, card_key
from drillcards.term_forms import split_parenthesis
from drillcards.text import clean_text


def make_pack(**question: object) -> Pack:
    return Pack.model_validate(
        {"id": "p", "title": "P", "questions": [{"id": "q", "prompt": "Why?", **question}]}
    )


def test_key_term_from_string_and_mapping() -> None:
    assert KeyTerm.model_validate("API Gateway") == KeyTerm(term="API Gateway")
    term = KeyTerm.model_validate({"term": "Kubernetes", "aliases": ["K8s"]})
    assert term.forms == ("Kubernetes", "K8s")


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("Change Data Capture (CDC)", ("Change Data Capture", "CDC")),
        ("Domain-Driven Design (DDD)", ("Domain-Driven Design", "DDD")),
        ("Infrastructure as Code (IaC)", ("Infrastructure as Code", "IaC")),
        ("Kubernetes (K8s)", ("Kubernetes", "K8s")),
        ("Time-to-Live (TTL)", ("Time-to-Live", "TTL")),
        ("Cross-Site Scripting (XSS)", ("Cross-Site Scripting", "XSS")),
        ("Cross-Site Request Forgery (CSRF)", ("Cross-Site Request Forgery", "CSRF")),
        ("MTTR (Mean Time To Resolution)", ("Mean Time To Resolution", "MTTR")),
        (
            "CI/CD (Continuous Integration/Continuous Deployment)",
            ("Continuous Integration/Continuous Deployment", "CI/CD"),
        ),
        # The parenthesis is not this term's acronym: only the term counts.
        ("Bounded Context (DDD)", ("Bounded Context",)),
        ("Observability (logging, monitoring)", ("Observability",)),
        ("Idempotency", ("Idempotency",)),
    ],
)
def test_full_form_and_acronym(text: str, forms: tuple[str, ...]) -> None:
    assert KeyTerm.model_validate(text).forms == forms


def test_split_parenthesis_without_parenthesis() -> None:
    assert split_parenthesis("API Gateway") is None


def test_mistake_from_string_has_no_triggers() -> None:
    assert Mistake.model_validate("Ignoring consistency") == Mistake(text="Ignoring consistency")


def test_text_is_cleaned_of_escapes_and_normalised() -> None:
    hostile = "Title\x1b]0;pwned\x07 \x1b[2J\x1b[31mred\x1b[0m e\u0301\u202e!"
    pack = make_pack(framework=hostile)
    framework = pack.questions[0].framework
    assert framework == "Title red \u00e9!"
    assert "\x1b" not in framework


def test_markup_is_kept_literally() -> None:
    pack = make_pack(prompt="[bold red]x[/] [@click=app.quit]quit[/]")
    assert pack.questions[0].prompt == "[bold red]x[/] [@click=app.quit]quit[/]"


@pytest.mark.parametrize(
    "question",
    [
        {"prompt": "   "},
        {"id": "Not A Slug"},
        {"key_terms": ["Kafka", "kafka"]},
        {"unknown": 1},
        {"star": {"outcome": "x"}},
    ],
)
def test_invalid_questions_are_rejected(question: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        make_pack(**question)


def test_duplicate_question_ids_are_rejected() -> None:
    with pytest.raises(ValidationError, match="duplicate question id"):
        Pack.model_validate(
            {
                "id": "p",
                "title": "P",
                "questions": [{"id": "q", "prompt": "a"}, {"id": "q", "prompt": "b"}],
            }
        )


def test_pack_needs_a_question() -> None:
    with pytest.raises(ValidationError):
        Pack.model_validate({"id": "p", "title": "P", "questions": []})


def test_question_lookup_and_card_key() -> None:
    pack = make_pack()
    assert pack.question("q") == Question(id="q", prompt="Why?")
    assert pack.question("missing") is None
    assert card_key(pack.id, "q") == "p/q"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain ascii", "plain ascii"),
        ("line\r\nbreak\rmac", "line\nbreak\nmac"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("bell\x07 del\x7f c1\x9b2J", "bell del c1"),
        ("osc \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "osc link"),
        ("cafe\u0301", "caf\u00e9"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize("code", range(128))
def test_clean_text_of_each_ascii_character(code: int) -> None:
    character = chr(code)
    kept = {"\t": "\t", "\n": "\n", "\r": "\n"}.get(character, character)
    if (code < 0x20 and character not in "\t\n\r") or code == 0x7F:
        kept = ""
    assert clean_text(f"a{character}b") == f"a{kept}b"
