"""The bundled senior-fullstack pack against the page it was made from.

The seed page (tests/data/seed/) is UTF-8 text that was decoded as Windows-874 once
("โ€ข" for "•"), lost its question texts, and runs "Key Points to Mention" and
"Key Terminology" together without separators. These tests parse it with a small
parser of their own and check that the pack carries every section over faithfully.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from drillcards.matcher import grade
from drillcards.matcher.ideas import model_answer as graded_model_answer
from drillcards.matcher.self_check import self_check, star_story
from drillcards.models import KeyTerm, Pack, Question
from drillcards.rating import Rating

ROOT = Path(__file__).resolve().parents[1]
PACK_PATH = ROOT / "data" / "questions" / "senior-fullstack.yaml"
SEED_PATH = Path(__file__).parent / "data" / "seed" / "senior-fullstack-interview-questions.txt"

HEADINGS = (
    "Answer Framework",
    "STAR Example",
    "How to Answer",
    "Key Points to Mention",
    "Key Terminology",
    "What Interviewers Look For",
    "Common Mistakes to Avoid",
)
BULLET = "  • "  # how the page's list items are rendered
ICONS = "•✓✗"  # the item's own marker icon, after repair: a list marker, not text
STAR_LABELS = {"Situation": "situation", "Task": "task", "Action": "action", "Result": "result"}

# Question ids in page order, with the number of items in the run-together sections,
# determined by reading: (key points, key terms).
EXPECTED_RUN_TOGETHER_COUNTS = {
    "monolith-to-microservices": (10, 10),
    "global-distributed-cache": (7, 19),
    "realtime-collaborative-editor": (7, 14),
    "leading-cross-functional-project": (6, 19),
    "technical-debt-advocacy": (5, 12),
    "fullstack-performance-debugging": (7, 14),
    "project-failure-lessons": (7, 14),
    "mentoring-junior-developer": (6, 14),
    "production-incident-response": (8, 19),
    "third-party-api-deprecation": (8, 15),
    "critical-dependency-vulnerability": (6, 10),
    "fullstack-motivation-learning": (5, 15),
    "learning-new-stack-under-pressure": (6, 10),
    "realtime-analytics-event-driven": (8, 25),
    "high-scale-ecommerce-platform": (10, 19),
}
QUESTION_IDS = list(EXPECTED_RUN_TOGETHER_COUNTS)

# Behavioural questions are graded on the story: their key terms are tools and named
# practices a good story may never mention, so none of them is required.
BEHAVIOURAL_CATEGORIES = {"behavioral", "leadership"}
GOOD_ENOUGH = (Rating.GOOD, Rating.EASY)


# ------------------------------------------------------------------ seed parsing


def _mojibake_bytes(char: str) -> bytes:
    """The byte(s) that `char` was decoded from: Windows-874, else cp1252, else Latin-1."""
    for encoding in ("cp874", "cp1252", "latin-1"):
        try:
            return char.encode(encoding)
        except UnicodeEncodeError:
            continue
    raise UnicodeEncodeError("cp874", char, 0, 1, "not a mojibake character")


def repair(text: str) -> str:
    """Re-decode every run of non-ASCII characters that was UTF-8 read as Windows-874."""

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        try:
            return b"".join(_mojibake_bytes(char) for char in run).decode("utf-8")
        except UnicodeError:
            return run  # genuine text (e.g. the page's own "•" list bullets)

    return re.sub(r"[^\x00-\x7f]+", fix, text)


def parse_seed() -> list[dict[str, list[str]]]:
    """The page's questions in order, each a mapping of heading to its raw lines."""
    text = repair(SEED_PATH.read_text(encoding="utf-8"))
    text = text.split("\nReady to Practice?")[0]  # the page's footer
    chunks = re.split(r"^(\d+)\n(?=\nAnswer Framework\n)", text, flags=re.MULTILINE)
    numbers = [int(number) for number in chunks[1::2]]
    assert numbers == list(range(1, len(numbers) + 1))
    questions = []
    for body in chunks[2::2]:
        sections: dict[str, list[str]] = {}
        current = None
        for line in body.split("\n"):
            if line in HEADINGS:
                current = line
                sections[current] = []
            elif current is not None:
                sections[current].append(line)
        questions.append(sections)
    return questions


def nonblank(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip()]


def bullet_items(lines: list[str]) -> list[str]:
    """The items of a bulleted section, without the bullet and the icon."""
    items = []
    for line in nonblank(lines):
        assert line.startswith(BULLET), line
        item = line.removeprefix(BULLET)
        assert item[0] in ICONS, item
        items.append(item[1:])
    return items


def framework_text(lines: list[str]) -> str:
    """The Answer Framework: its lines without the list indentation and the closing ★."""
    return "\n".join(line.strip() for line in lines if line.strip() != "★").strip("\n")


def star_sections(lines: list[str]) -> dict[str, str] | str:
    """The STAR parts by label, or the text itself when the page gives no labels.

    Each part is a letter line ("S"), a label line ("Situation") and the text. The page
    labels the Result "Task" again: a Task after the Task or the Action is the result.
    """
    lines = nonblank(lines)
    if len(lines) == 1:
        return lines[0]
    parts: dict[str, str] = {}
    for index in range(0, len(lines), 3):
        letter, label, text = lines[index : index + 3]
        assert letter == label[0], (letter, label)
        key = STAR_LABELS[label]
        if key == "task" and ("task" in parts or "action" in parts):
            key = "result"
        assert key not in parts, key
        parts[key] = text
    return parts


SEED = parse_seed()


# ------------------------------------------------------------------ the pack


def load_pack() -> Pack:
    return Pack.model_validate(yaml.safe_load(PACK_PATH.read_text(encoding="utf-8")))


PACK = load_pack()


def question_and_page(question_id: str) -> tuple[Question, dict[str, list[str]]]:
    index = QUESTION_IDS.index(question_id)
    question = PACK.questions[index]
    assert question.id == question_id
    return question, SEED[index]


def model_answer(question: Question) -> str:
    return "\n".join([question.framework or "", *question.how_to_answer, *question.key_points])


def split_into_key_terms(line: str, key_terms: list[KeyTerm]) -> list[str] | None:
    """The page's run-together terms, split so that each is one of the pack's, or None.

    Every plain term of the pack is used exactly once and every `any_of` group at least
    once (a group may also hold items the page lacks, as a term may have aliases).
    """
    pieces = [
        (index, piece)
        for index, term in enumerate(key_terms)
        for piece in (term.any_of or [term.text])
    ]
    groups = {index for index, term in enumerate(key_terms) if term.any_of}

    def split(start: int, used: frozenset[int]) -> list[str] | None:
        if start == len(line):
            return [] if used == set(range(len(key_terms))) else None
        for index, piece in pieces:
            if line.startswith(piece, start) and (index in groups or index not in used):
                rest = split(start + len(piece), used | {index})
                if rest is not None:
                    return [piece, *rest]
        return None

    return split(0, frozenset())


# ------------------------------------------------------------------ tests


def test_pack_validates() -> None:
    pack = load_pack()
    assert pack.id == "senior-fullstack"
    assert pack.title == "Senior Fullstack Developer Interview"
    assert pack.version == 2  # 2: key terms re-authored with optional terms and any_of groups


def test_fifteen_questions_with_unique_ids_in_page_order() -> None:
    assert len(SEED) == 15
    ids = [question.id for question in PACK.questions]
    assert len(ids) == 15
    assert len(set(ids)) == 15
    assert ids == QUESTION_IDS


def test_every_question_has_a_prompt_and_a_category() -> None:
    for question in PACK.questions:
        assert question.prompt.endswith(("?", ".")), question.id  # a sentence, not a topic
        assert question.category, question.id
        assert question.tags, question.id


def test_no_mojibake_anywhere_in_the_pack() -> None:
    text = PACK_PATH.read_text(encoding="utf-8")
    thai = sorted({char for char in text if "\u0e00" <= char <= "\u0e7f"})
    assert thai == []
    # other telltales of UTF-8 read as a Windows code page
    for telltale in ("€", "œ", "Ÿ", "Ã", "â€"):
        assert telltale not in text


def test_repair_decodes_the_page_markers() -> None:
    assert repair("โ€ข") == "•"
    assert repair("โœ“") == "✓"
    assert repair("โœ—") == "✗"
    assert repair("๐Ÿš€") == "🚀"
    assert repair("โ˜…") == "★"
    assert repair("  • plain") == "  • plain"


def test_the_repaired_seed_has_no_mojibake_left() -> None:
    text = repair(SEED_PATH.read_text(encoding="utf-8"))
    assert not any("\u0e00" <= char <= "\u0e7f" for char in text)


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_every_section_is_on_the_page(question_id: str) -> None:
    _, page = question_and_page(question_id)
    assert set(page) == set(HEADINGS)


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_bulleted_sections_are_carried_over_item_by_item(question_id: str) -> None:
    question, page = question_and_page(question_id)
    sections = {
        "How to Answer": question.how_to_answer,
        "What Interviewers Look For": question.look_for,
        "Common Mistakes to Avoid": [mistake.text for mistake in question.mistakes],
    }
    for heading, items in sections.items():
        bullets = [line for line in nonblank(page[heading]) if line.startswith(BULLET)]
        assert len(items) == len(bullets), heading
        assert items == bullet_items(page[heading]), heading


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_run_together_sections_are_split_into_their_items(question_id: str) -> None:
    question, page = question_and_page(question_id)
    key_points, key_terms = EXPECTED_RUN_TOGETHER_COUNTS[question_id]
    assert len(question.key_points) == key_points

    [points_line] = nonblank(page["Key Points to Mention"])
    assert "".join(question.key_points) == points_line
    [terms_line] = nonblank(page["Key Terminology"])
    page_terms = split_into_key_terms(terms_line, question.key_terms)
    assert page_terms is not None, "the page's terms are not the pack's terms"
    assert len(page_terms) == key_terms


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_framework_is_the_page_answer_framework(question_id: str) -> None:
    question, page = question_and_page(question_id)
    assert question.framework == framework_text(page["Answer Framework"])


# Checked in test_star_labels_written_inside_the_text_are_split_out.
STAR_LABELS_IN_TEXT = {"fullstack-performance-debugging", "mentoring-junior-developer"}


@pytest.mark.parametrize(
    "question_id", [qid for qid in QUESTION_IDS if qid not in STAR_LABELS_IN_TEXT]
)
def test_star_parts_are_the_page_star_example(question_id: str) -> None:
    question, page = question_and_page(question_id)
    assert question.star is not None
    parts = {
        key: value
        for key, value in question.star.model_dump().items()
        if value is not None  # parts the page lacks are left out
    }
    expected = star_sections(page["STAR Example"])
    if isinstance(expected, str):
        # An unlabelled paragraph on the page: split by reading, nothing added or lost.
        assert " ".join(parts.values()) == expected
    else:
        assert parts == expected


def test_star_labels_written_inside_the_text_are_split_out() -> None:
    """Two STAR examples carry their labels inside the text; the pack splits them."""
    debugging, page = question_and_page("fullstack-performance-debugging")
    star = debugging.star
    assert star is not None and star.action is not None and star.result is not None
    assert star_sections(page["STAR Example"])["action"] == f"{star.action} Outcome: {star.result}"
    mentoring, page = question_and_page("mentoring-junior-developer")
    star = mentoring.star
    assert star is not None
    written = star_sections(page["STAR Example"])
    assert written["action"] == (
        f"{star.situation} Task: {star.task} Action: {star.action} Resul"  # cut off on the page
    )
    assert written["result"] == star.result


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_mistake_triggers_are_not_in_the_model_answer(question_id: str) -> None:
    question, _ = question_and_page(question_id)
    answer = model_answer(question).casefold()
    forms = {form.casefold() for term in question.key_terms for form in term.forms}
    for mistake in question.mistakes:
        for trigger in mistake.triggers:
            assert trigger.casefold() not in answer, trigger
            assert trigger.casefold() not in forms, trigger
            assert 1 <= len(trigger.split()) <= 6, trigger


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_triggered_mistakes_have_two_to_four_triggers(question_id: str) -> None:
    question, _ = question_and_page(question_id)
    for mistake in question.mistakes:
        if mistake.triggers:
            assert 2 <= len(mistake.triggers) <= 4, mistake.text


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_strict_self_check_finds_nothing(question_id: str) -> None:
    """`drill validate --strict` passes: every required term is in the model answer."""
    question, _ = question_and_page(question_id)
    assert self_check(question) == []


def test_drill_validate_strict_passes_the_pack() -> None:
    """The real executable, as a pack author runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "drillcards", "validate", "--strict", str(PACK_PATH)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"{PACK_PATH}: ok (senior-fullstack, 15 questions)\n"


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_the_model_answer_and_the_star_example_rate_good(question_id: str) -> None:
    question, _ = question_and_page(question_id)
    for answer in (graded_model_answer(question), star_story(question)):
        result = grade(question, answer)
        assert result.suggested_rating in GOOD_ENOUGH, result.explanation
        assert not any(mistake.flagged for mistake in result.mistakes), result.explanation


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_a_term_the_prompt_names_is_never_required(question_id: str) -> None:
    """Restating the question is no evidence of knowing the answer."""
    question, _ = question_and_page(question_id)
    restated = [term.term for term in grade(question, question.prompt).key_terms if term.matched]
    required = {term.text for term in question.key_terms if not term.optional}
    assert required.isdisjoint(restated)


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_behavioural_stories_are_graded_on_the_story(question_id: str) -> None:
    """A behavioural question requires no tool or practice that a good story may skip."""
    question, _ = question_and_page(question_id)
    if question.category in BEHAVIOURAL_CATEGORIES:
        assert all(term.optional for term in question.key_terms)


def test_alternatives_are_grouped() -> None:
    groups = {
        frozenset(term.any_of): term
        for question in PACK.questions
        for term in question.key_terms
        if term.any_of
    }
    cache = groups[frozenset({"Redis Cluster", "Redis", "Memcached"})]
    assert not cache.optional
    local = groups[frozenset({"Guava Cache", "Caffeine"})]
    assert local.optional
    assert not groups[frozenset({"Write-Through", "Write-Behind", "write-back"})].optional
    for group in groups.values():
        assert len(group.any_of) >= 2
        assert group.label, group.any_of


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_aliases_add_new_forms_only(question_id: str) -> None:
    """No alias repeats what the term already yields ("Full Form (ACRONYM)")."""
    question, _ = question_and_page(question_id)
    for term in question.key_terms:
        if term.any_of:
            items = [item.casefold() for item in term.any_of]
            assert len(set(items)) == len(items), term.any_of
            continue
        own_forms = {form.casefold() for form in KeyTerm(term=term.term).forms}
        for alias in term.aliases:
            assert alias.casefold() not in own_forms, (term.term, alias)


def test_short_forms_are_aliased() -> None:
    forms = {
        term.text: {form.casefold() for form in term.forms}
        for question in PACK.questions
        for term in question.key_terms
    }
    assert "k8s" in forms["Kubernetes"]
    assert "ci/cd" in forms["Continuous Integration/Continuous Deployment (CI/CD)"]
    assert "continuous integration/continuous deployment" in forms["CI/CD"]
    assert "time-to-live" in forms["TTL"]
    assert "mean time to resolution" in forms["MTTR (Mean Time To Resolution)"]
    assert "cdc" in forms["Change Data Capture (CDC)"]


def test_the_big_bang_mistake_has_triggers() -> None:
    question, _ = question_and_page("monolith-to-microservices")
    [big_bang] = [m for m in question.mistakes if "big bang" in m.text]
    assert "big bang rewrite" in big_bang.triggers
