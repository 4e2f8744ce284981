"""The scraped-page importer: the seed page, a second page in the same shape, chrome."""

import re
from pathlib import Path

import pytest
import yaml
from mojibake_samples import as_thai_mojibake

from drillcards.importers import import_file
from drillcards.importers.page import import_page, is_chrome, parse_page
from drillcards.importers.sections import parse_star
from drillcards.library import bundled_packs_dir
from drillcards.models import Question, term_identity
from drillcards.packs import load_pack

DATA = Path(__file__).parent / "data" / "import"
SEED = DATA / "senior-fullstack-interview-questions.txt"
BACKEND = DATA / "backend-engineer-page.txt"
HELD_OUT = {
    # two pages written before the importer was tuned on them, each with the clean truth
    # next to it (<name>.expected.yaml), and each garbled on disk as a scrape leaves it
    "frontend-engineer-page": "â€",  # UTF-8 read as Windows-1252
    "sre-devops-page": "โ€",  # UTF-8 read as Windows-874
}


@pytest.fixture(scope="module")
def seed():
    return import_page(SEED)


def test_seed_page_gives_fifteen_questions_with_placeholder_prompts(seed):
    pack = seed.pack
    assert pack.id == "senior-fullstack-interview-questions"
    assert pack.title == "Senior Fullstack Developer Interview Questions"
    assert pack.description == "Commonly asked questions with expert answers and tips"
    assert len(pack.questions) == 15
    assert [q.id for q in pack.questions] == [f"question-{n}" for n in range(1, 16)]
    assert pack.questions[2].prompt == "[Question 3: prompt missing on the page — edit me]"
    missing = [w for w in seed.warnings if "placeholder prompt" in w]
    assert len(missing) == 15
    assert "question 3 (line 137)" in missing[2]


def test_seed_page_mojibake_is_repaired_everywhere(seed):
    text = seed.pack.model_dump_json()
    for broken in ("โ€", "โœ", "โ˜", "๐Ÿ", "Ã", "â€"):
        assert broken not in text
    first = seed.pack.questions[0]
    assert not any(item.startswith(("•", "✓", "✗")) for item in first.how_to_answer)


def test_seed_page_chrome_is_dropped(seed):
    text = seed.pack.model_dump_json()
    for chrome in ("Waitlist", "Ready to Practice", "personalized feedback", "★"):
        assert chrome not in text
    last = seed.pack.questions[-1]
    assert (
        last.mistakes[-1].text == "Failing to mention resilience patterns beyond basic redundancy."
    )


def test_seed_page_star_letters_and_the_mislabelled_task(seed):
    star = seed.pack.questions[0].star
    assert star.situation.startswith("Our legacy e-commerce monolith")
    assert star.task.startswith("Lead the migration")
    assert star.action.startswith("I designed and implemented an API gateway")
    assert star.result.startswith("The new checkout service reduced")


def test_seed_page_star_with_inline_labels_and_a_cut_off_label(seed):
    debugging = seed.pack.questions[5].star  # S/T/A only; "Outcome:" inside the Action
    assert debugging.action.endswith("returning unoptimized, redundant data.")
    assert debugging.result.startswith("We refactored the API response")
    mentoring = seed.pack.questions[7].star  # one "Action" block holding Task: and Action:
    assert mentoring.situation.startswith("A complex JOIN operation")
    assert mentoring.task == "Guide them to optimize the query and understand performance tuning."
    assert mentoring.action.endswith("implementing the index and refactoring the query.")
    assert "Resul" not in mentoring.action
    assert mentoring.result.startswith("The junior successfully reduced query latency")
    assert any("cut-off label 'Resul'" in w for w in seed.warnings)


def test_seed_page_star_given_as_one_paragraph_is_split_by_sentences(seed):
    star = seed.pack.questions[14].star
    assert star.situation.startswith("In a previous role")
    assert star.action.startswith("I proposed and implemented a microservices architecture")
    assert star.result.startswith("This initiative significantly improved")
    assert any("question 15" in w and "one paragraph" in w for w in seed.warnings)


def test_seed_page_run_together_lists_are_split(seed):
    first = seed.pack.questions[0]
    assert first.key_points[:3] == ["Strangler Fig Pattern", "API Gateway", "Bounded Context (DDD)"]
    assert [t.term for t in first.key_terms] == [
        "Monolith",
        "Microservices",
        "Strangler Fig Pattern",
        "API Gateway",
        "Bounded Context",
        "Domain-Driven Design (DDD)",
        "Eventual Consistency",
        "Change Data Capture (CDC)",
        "Distributed Tracing",
        "Service Mesh",
    ]
    terms = {t.term for q in seed.pack.questions for t in q.key_terms}
    for name in (
        "RabbitMQ",
        "CAP Theorem",
        "WebSockets",
        "gRPC",
        "GraphQL",
        "RICE Framework",
        "NestJS",
        "ClickHouse",
        "CockroachDB",
        "OAuth2",
        "OpenID Connect",
        "CI/CD",
        "DevOps",
        "Blameless Post-Mortem",
        "5 Whys",
        "OWASP Top 10",
        "Chrome DevTools",
    ):
        assert name in terms


def _normalised_star(star) -> str:
    text = " ".join(part for part in (star.situation, star.task, star.action, star.result) if part)
    text = re.sub(r"\b(?:Situation|Task|Action|Result|Outcome|Resul)\b:?", " ", text)
    return " ".join(text.split())


def _assert_same_key_terms(page: Question, bundled: Question, where: str) -> None:
    """The bundled question carries every term of the page, and nothing else.

    The bundled pack groups interchangeable terms into `any_of` groups (which may add
    items the page lacks, as aliases do), so each page term is either a plain term of
    the bundled question, used once, or an item of one of its groups.
    """
    carrier = {
        term_identity(item): index
        for index, term in enumerate(bundled.key_terms)
        for item in (term.any_of or [term.text])
    }
    carriers = [carrier.get(term_identity(term.text)) for term in page.key_terms]
    assert None not in carriers, where  # a page term is lost
    assert sorted(set(carriers)) == list(range(len(bundled.key_terms))), where  # or invented
    for index, term in enumerate(bundled.key_terms):
        if not term.any_of:
            assert carriers.count(index) == 1, (where, term.text)


def test_seed_page_matches_the_bundled_pack_section_by_section(seed):
    """Same 15 questions and the same section items as data/questions (prompts aside)."""
    bundled = load_pack(bundled_packs_dir() / "senior-fullstack.yaml")
    assert len(bundled.questions) == len(seed.pack.questions) == 15
    for number, (ours, theirs) in enumerate(
        zip(seed.pack.questions, bundled.questions, strict=True), 1
    ):
        where = f"question {number} ({theirs.id})"
        assert ours.framework == theirs.framework, where
        assert ours.how_to_answer == theirs.how_to_answer, where
        assert ours.key_points == theirs.key_points, where
        _assert_same_key_terms(ours, theirs, where)
        assert ours.look_for == theirs.look_for, where
        assert [m.text for m in ours.mistakes] == [m.text for m in theirs.mistakes], where
        # the bundled pack keeps inline "Outcome:"/"Task:" labels inside one part; the words
        # are the same
        assert _normalised_star(ours.star) == _normalised_star(theirs.star), where


def test_a_second_page_with_prompts_and_thai_mojibake():
    page = parse_page(as_thai_mojibake(BACKEND.read_text(encoding="utf-8")), BACKEND)
    pack = page.pack
    assert pack.title == "Backend Engineer Interview Questions"
    assert [q.id for q in pack.questions] == [
        "how-would-you-design-an-idempotent-payment-api",
        "question-2",
        "tell-me-about-a-time-you-disagreed-with-a-technical-decision",
    ]
    first, second, third = pack.questions
    assert first.star.situation.endswith("— about 0.3% of payments.")
    assert first.star.result.startswith("Duplicate charges dropped to zero")
    assert [t.term for t in first.key_terms] == [
        "Idempotency",
        "UUIDv4",
        "PostgreSQL",
        "Unique Index",
        "ACID Transactions",
        "Exactly-once Semantics",
        "HTTP 409 Conflict",
        "Stripe API",
    ]
    assert first.key_points[0] == "Idempotency keys (client-generated UUIDs)"
    assert second.prompt.startswith("[Question 2: prompt missing")
    assert second.star.action.startswith("I introduced an outbox table")
    assert [t.term for t in second.key_terms][:4] == [
        "Transactional Outbox",
        "Dual Write",
        "Debezium",
        "Kafka Connect",
    ]
    assert second.mistakes[-1].text.endswith("the database and the broker.")
    assert (
        third.star.result == "We kept MongoDB for the catalog but moved the ledger to PostgreSQL."
    )
    assert third.how_to_answer[1] == "Show how you changed minds — or were convinced."
    assert "Start Practicing" not in pack.model_dump_json()
    assert sum("placeholder prompt" in w for w in page.warnings) == 1


def test_page_with_prompt_on_the_number_line_and_dash_bullets(tmp_path):
    text = (
        "Data Engineer Interview Questions\n\n"
        "1. What is a slowly changing dimension?\n\n"
        "Answer Framework\n\nA dimension whose attributes change over time; type 2 keeps "
        "history with validity dates.\n\n"
        "Key Terminology\n\n- SCD Type 2\n- Surrogate Key\n\n"
        "2. How do you backfill a partitioned table safely?\n\n"
        "How to Answer\n\n* Backfill into a staging table.\n* Swap partitions atomically.\n"
    )
    pack = parse_page(text, tmp_path / "data-engineer.txt").pack
    assert [q.prompt for q in pack.questions] == [
        "What is a slowly changing dimension?",
        "How do you backfill a partitioned table safely?",
    ]
    assert [t.term for t in pack.questions[0].key_terms] == ["SCD Type 2", "Surrogate Key"]
    assert pack.questions[1].how_to_answer == [
        "Backfill into a staging table.",
        "Swap partitions atomically.",
    ]


def test_numbered_lists_inside_a_framework_are_not_questions(seed):
    framework = seed.pack.questions[5].framework
    assert framework.startswith("CIRCLES Method for Complex Debugging:")
    assert "\n1. Comprehend:" in framework and "\n7. Synthesize:" in framework


def test_a_page_without_numbered_questions_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Just some notes\n\nNothing numbered here.\n", encoding="utf-8")
    with pytest.raises(Exception, match="no numbered questions"):
        import_page(path)


def test_chrome_lines():
    assert is_chrome("🚀 AI-Powered Mock Interviews Launching Soon - Join the Waitlist")
    assert is_chrome("Ready to Practice?")
    assert is_chrome("🎯 Interview Prep Pro", preamble=True)
    assert not is_chrome("🎯 Interview Prep Pro")
    assert not is_chrome("★")
    assert not is_chrome("Employ the Strangler Fig pattern with a phased approach.")
    prose = (
        "I ran weekly mock interviews for the juniors on the team, which cut our onboarding "
        "time and gave everyone practice explaining their designs."
    )
    assert not is_chrome(prose)


def test_a_banner_between_questions_is_dropped(tmp_path):
    text = BACKEND.read_text(encoding="utf-8").replace(
        "2\n\nAnswer Framework",
        "🚀 Sign up for early access to AI mock interviews\n\n2\n\nAnswer Framework",
    )
    pack = parse_page(text, BACKEND).pack
    assert "early access" not in pack.model_dump_json()
    assert pack.questions[0].mistakes[-1].text == "Using the client's timestamp as the key."


def test_page_saved_as_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>x</title></head><body><h1>QA Interview Questions</h1>"
        "<div>1</div><p>What is a flaky test?</p><h3>Answer Framework</h3>"
        "<p>A test that passes and fails without code changes.</p>"
        "<h3>Common Mistakes to Avoid</h3><ul><li>✗Retrying until green.</li></ul>"
        "</body></html>",
        encoding="utf-8",
    )
    pack = import_page(path).pack
    assert pack.title == "QA Interview Questions"
    assert pack.questions[0].prompt == "What is a flaky test?"
    assert pack.questions[0].mistakes[0].text == "Retrying until green."


def test_unknown_footer_after_the_last_list_is_dropped_with_a_warning():
    text = BACKEND.read_text(encoding="utf-8")
    footer_at = text.index("Ready to Practice?")
    text = text[:footer_at] + "Explore more guides\n\nFollow us for daily questions.\n"
    page = parse_page(text, BACKEND)
    last = page.pack.questions[-1]
    assert [m.text for m in last.mistakes] == [
        "Telling a story where you were simply right and everyone else wrong."
    ]
    assert any(
        "dropped 2 line(s) after the 'Common Mistakes to Avoid' list" in w for w in page.warnings
    )


def _as_expected(question: Question) -> dict:
    """A question in the shape of the .expected.yaml files (null prompt when missing)."""
    star = question.star
    parts = ("situation", "task", "action", "result")
    return {
        "prompt": None if question.prompt.startswith("[Question ") else question.prompt,
        "framework": question.framework,
        "star": None if star is None else {p: getattr(star, p) for p in parts if getattr(star, p)},
        "how_to_answer": question.how_to_answer,
        "key_points": question.key_points,
        "key_terms": [term.term for term in question.key_terms],
        "look_for": question.look_for,
        "mistakes": [mistake.text for mistake in question.mistakes],
    }


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_page_matches_its_expectations_section_by_section(name):
    expected = yaml.safe_load((DATA / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    [imported] = import_file(DATA / f"{name}.txt")
    pack = imported.pack
    assert (pack.title, pack.description) == (expected["title"], expected["description"])
    assert len(pack.questions) == len(expected["questions"])
    questions = zip(pack.questions, expected["questions"], strict=True)
    for number, (question, want) in enumerate(questions, 1):
        got = _as_expected(question)
        for field in want:
            assert got[field] == want[field], f"{name}: question {number}: {field}"


@pytest.mark.parametrize(("name", "garbled"), sorted(HELD_OUT.items()))
def test_held_out_page_is_repaired_and_stripped_of_chrome(name, garbled):
    path = DATA / f"{name}.txt"
    assert garbled in path.read_text(encoding="utf-8")  # the file on disk is broken
    imported = import_page(path)
    text = imported.pack.model_dump_json()
    for broken in ("â€", "Ã", "Â", "ðŸ", "โ€", "๐Ÿ", "\x9d", "\\u009d"):
        assert broken not in text
    chrome_lines = ("Waitlist", "use cookies", "Share this", "Related questions", "Practi")
    for chrome in (*chrome_lines, "©", "mock interview", "Updated for 2025"):
        assert chrome not in text
    expected = yaml.safe_load((DATA / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    missing = [q for q in expected["questions"] if q["prompt"] is None]
    assert sum("placeholder prompt" in w for w in imported.warnings) == len(missing) == 3


def test_a_category_line_above_the_prompt_is_the_category():
    question = import_page(DATA / "frontend-engineer-page.txt").pack.questions[2]
    assert question.category == "Technical"
    assert question.prompt.startswith("When would you choose GraphQL over REST")


def test_numbered_steps_in_an_answer_are_not_the_next_questions(tmp_path):
    text = (
        "Ops Interview Questions\n\n1\n\nAnswer Framework\n\nA first answer.\n\n"
        "2\n\nHow do you debug a slow endpoint?\n\nAnswer Framework\n\nWork outside in:\n\n"
        "1. Check the dashboards.\n2. Read the traces.\n3. Profile the hot path.\n\n"
        "4. Fix the slowest call first.\n\nHow to Answer\n\n• Be systematic.\n\n"
        "3. What is an SLO?\n\nAnswer Framework\n\nA target for an SLI.\n"
    )
    pack = parse_page(text, tmp_path / "ops.txt").pack
    assert [q.prompt for q in pack.questions][1:] == [
        "How do you debug a slow endpoint?",
        "What is an SLO?",
    ]
    second = pack.questions[1]
    assert second.framework.endswith("3. Profile the hot path.\n\n4. Fix the slowest call first.")
    assert second.how_to_answer == ["Be systematic."]


def test_a_star_paragraph_tells_the_task_apart_from_a_first_person_action():
    star = parse_star(
        [
            "Our checkout failed an accessibility audit a week before launch. "
            "I was asked to lead the fixes while the team kept shipping. "
            "I triaged the findings and rebuilt the date picker. "
            "The re-audit passed with no critical issues."
        ]
    ).parts
    assert star["task"] == "I was asked to lead the fixes while the team kept shipping."
    assert star["action"] == "I triaged the findings and rebuilt the date picker."
    assert star["result"] == "The re-audit passed with no critical issues."
