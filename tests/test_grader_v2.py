"""Grader v2: ideas of the model answer, meaning, short answers, key-term groups, caps."""

from typing import Any

import pytest

from drillcards.matcher import grade, semantic
from drillcards.matcher.ideas import extract_ideas, model_answer, word_weight
from drillcards.matcher.short_answer import (
    acceptable_answers,
    is_exact_fact,
    is_short_answer,
    match_short_answer,
)
from drillcards.matcher.star import StarParts, is_behavioural, star_parts
from drillcards.models import Question
from drillcards.packs import PackInvalid, dump_pack, parse_pack_text
from drillcards.rating import Rating

CLOSURE = (
    "A closure is a function bundled together with references to its surrounding lexical "
    "environment, so an inner function can still read and update the outer function's "
    "variables after the outer function has returned. Closures are used for data privacy, "
    "function factories and callbacks that remember their state."
)


def card(
    framework: str | None = None, prompt: str = "What is a closure?", **fields: Any
) -> Question:
    """A question as an importer makes it: a prompt and a model answer, no key terms."""
    return Question.model_validate({"id": "q", "prompt": prompt, "framework": framework, **fields})


# --- ideas -----------------------------------------------------------------------------


def test_ideas_are_content_words_without_the_prompt_s_words() -> None:
    ideas = [idea.text for idea in extract_ideas(CLOSURE, "What is a closure?")]
    assert "function bundled together" in ideas
    assert "lexical environment" in ideas[:6] or "surrounding lexical environment" in ideas
    assert not any("closure" in idea.casefold() for idea in ideas)  # the prompt's word
    assert not any(idea.casefold() in ("is", "the", "so", "a") for idea in ideas)


def test_a_model_answer_in_the_prompt_s_words_keeps_them_as_ideas() -> None:
    q = card("Stack and queue.", prompt="Name a stack and a queue.")
    result = grade(q, "stack, queue")
    assert result.score > 0.6


def test_rare_words_weigh_more_than_everyday_words() -> None:
    assert word_weight("idempotent") > word_weight("request") > word_weight("people")
    assert 0.25 <= word_weight("people") <= 1.0


def test_the_model_answer_is_framework_key_points_how_to_answer_and_star() -> None:
    q = card(
        "Frame.",
        key_points=["Point."],
        how_to_answer=["How."],
        star={"situation": "S.", "result": "R."},
    )
    assert model_answer(q) == "Frame.\n\nPoint.\n\nHow.\n\nS.\n\nR."


# --- answers without key terms are graded on content, not length ------------------------


def test_nonsense_and_repetition_score_again_however_long() -> None:
    q = card(CLOSURE)
    assert grade(q, "banana " * 120).suggested_rating == Rating.AGAIN
    recipe = (
        "Preheat the oven to 200 degrees, whisk two eggs with sugar and butter, fold in the "
        "flour and bake the cake for thirty minutes until golden brown on top."
    )
    assert grade(q, recipe).suggested_rating == Rating.AGAIN


def test_a_correct_paraphrase_scores_good_or_easy() -> None:
    q = card(CLOSURE)
    answer = (
        "It's an inner function that keeps access to the variables of the scope it was "
        "defined in, even once the outer function has finished running."
    )
    result = grade(q, answer)
    assert result.suggested_rating in (Rating.GOOD, Rating.EASY), result.explanation
    assert result.score > grade(q, "A function.").score


def test_the_model_answer_itself_is_easy() -> None:
    q = card(CLOSURE)
    result = grade(q, CLOSURE)
    assert result.score == 1.0
    assert result.suggested_rating == Rating.EASY


def test_a_copy_of_the_prompt_is_again() -> None:
    q = card(CLOSURE, prompt="What is a closure in JavaScript and why is it useful?")
    result = grade(q, "What is a closure in JavaScript and why is it useful?")
    assert result.score == 0.0
    assert result.suggested_rating == Rating.AGAIN
    assert "only restates the question" in result.explanation


def test_a_bare_list_of_terms_is_at_most_hard() -> None:
    q = card(CLOSURE)
    result = grade(
        q, "function, lexical environment, outer function variables, closures, callbacks"
    )
    assert result.suggested_rating in (Rating.AGAIN, Rating.HARD)
    assert "a bare list of terms" in result.explanation


def test_an_aided_answer_is_at_most_hard_and_says_so() -> None:
    q = card(CLOSURE)
    result = grade(q, CLOSURE, aided=True)
    assert result.aided
    assert result.suggested_rating == Rating.HARD
    assert result.score == 1.0  # the score still says what the answer covers
    assert "after the model answer was shown" in result.explanation


def test_ideas_come_with_spans_into_the_answer() -> None:
    q = card(CLOSURE)
    answer = "An inner function keeps the outer function's variables."
    result = grade(q, answer)
    covered = [idea for idea in result.ideas if idea.matched]
    assert covered
    for idea in covered:
        assert idea.start is not None and idea.end is not None
        assert answer[idea.start : idea.end] == idea.matched_text


def test_the_explanation_says_how_the_score_was_reached() -> None:
    result = grade(card(CLOSURE), "An inner function keeps the outer function's variables.")
    assert "ideas " in result.explanation
    assert f"score {result.score:.0%} → {result.suggested_rating}" in result.explanation


def test_without_the_semantic_model_the_grader_uses_words_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(semantic, "similarity", lambda first, second: None)
    q = card(CLOSURE)
    assert grade(q, CLOSURE).suggested_rating == Rating.EASY
    assert grade(q, "banana " * 50).suggested_rating == Rating.AGAIN
    assert "meaning" not in grade(q, CLOSURE).explanation


def test_the_semantic_model_loads_from_the_package_and_tells_paraphrases_apart() -> None:
    assert semantic.available()
    close = semantic.similarity("a cache keeps hot data in memory", "store frequent reads in RAM")
    far = semantic.similarity("a cache keeps hot data in memory", "the goalkeeper saved a penalty")
    assert close is not None and far is not None
    assert close > far


# --- short answers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "answer", "rating"),
    [
        ("5432", "5432", Rating.EASY),
        ("5432", "it listens on port 5432", Rating.EASY),
        ("5432", "5433", Rating.AGAIN),
        ("404", "404 Not Found", Rating.EASY),
        ("Paris", "paris", Rating.EASY),
        ("Paris", "Pariss", Rating.EASY),  # five letters allow one typo
        ("Rome", "Roma", Rating.AGAIN),  # four letters or fewer allow none
        ("Mississippi", "missisippi", Rating.EASY),
        ("The Pythagorean theorem", "pythagorean theorem", Rating.EASY),
        ("São Paulo", "Sao Paulo", Rating.EASY),
        ("PUT or PATCH", "patch", Rating.EASY),
        ("Redis; Memcached", "memcached", Rating.EASY),
        ("ls", "rm", Rating.AGAIN),
        ("New York City", "city of new york", Rating.EASY),
    ],
)
def test_a_short_answer_is_compared_as_a_whole(model: str, answer: str, rating: Rating) -> None:
    q = card(model, prompt="Quick question?")
    result = grade(q, answer)
    assert result.suggested_rating == rating, result.explanation


def test_acceptable_answers_split_at_separators_and_or() -> None:
    assert acceptable_answers("PUT or PATCH") == ["PUT", "PATCH"]
    assert acceptable_answers("Redis; Memcached / Caffeine") == ["Redis", "Memcached", "Caffeine"]
    assert is_short_answer("The Pythagorean theorem")
    assert not is_short_answer(CLOSURE)
    assert is_exact_fact("5432") and is_exact_fact("TCP or UDP")
    assert not is_exact_fact("At the main function")


def test_a_short_match_has_its_span() -> None:
    answer = "it listens on port 5432 by default"
    found = match_short_answer("5432", answer)
    assert found.start is not None and found.end is not None
    assert answer[found.start : found.end] == "5432"


# --- key terms: optional and any_of (pack format 1.1) -----------------------------------


def terms_question(*terms: Any) -> Question:
    return Question.model_validate({"id": "q", "prompt": "Why?", "key_terms": list(terms)})


def test_an_any_of_group_is_covered_by_any_item_and_shown_by_its_label() -> None:
    q = terms_question(
        {"any_of": ["Redis", "Memcached", "Caffeine"], "label": "an in-memory cache"}
    )
    result = grade(q, "we put memcached in front of it")
    assert result.key_terms[0].term == "an in-memory cache"
    assert result.key_terms[0].matched_text == "memcached"
    assert result.score == 1.0


def test_an_any_of_group_without_a_label_shows_its_first_item() -> None:
    q = terms_question({"any_of": ["Redis", "Memcached"]})
    assert grade(q, "nothing").key_terms[0].term == "Redis"


def test_an_optional_term_counts_only_in_the_answer_s_favour() -> None:
    q = terms_question("Redis", "Kafka", {"term": "Service Mesh", "optional": True})
    assert grade(q, "Redis and Kafka").score == 1.0
    assert grade(q, "Redis and a service mesh").score == 1.0
    assert grade(q, "Redis").score == 0.5
    assert "key terms 1 of 2" in grade(q, "Redis").explanation


def test_key_terms_and_the_model_answer_are_blended() -> None:
    q = Question.model_validate(
        {
            "id": "q",
            "prompt": "What is a closure?",
            "framework": CLOSURE,
            "key_terms": ["Lexical Scope"],
        }
    )
    terms_only = grade(q, "lexical scope")
    explained = grade(q, CLOSURE + " It captures its lexical scope.")
    assert explained.score > terms_only.score
    assert explained.suggested_rating == Rating.EASY


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("{term: X, any_of: [Y]}", "exactly one of 'term' and 'any_of'"),
        ("{optional: true}", "exactly one of 'term' and 'any_of'"),
        ("{any_of: [Y, Z], aliases: [W]}", "takes no aliases"),
        ("{term: X, label: Y}", "'label' belongs to an 'any_of' group"),
        ("{any_of: [Y], optinal: true}", "did you mean 'optional'"),
    ],
)
def test_key_term_shape_errors_name_the_line_and_field(term: str, message: str) -> None:
    head = "id: p\ntitle: P\nquestions:\n  - id: q\n    prompt: Why?\n    key_terms:\n"
    text = f"{head}      - {term}\n"
    with pytest.raises(PackInvalid) as raised:
        parse_pack_text(text, "p.yaml")
    line = str(raised.value.problems[0])
    assert line.startswith("p.yaml:7:")
    assert "questions[0].key_terms[0]" in line
    assert message in line


def test_a_pack_with_groups_and_optional_terms_round_trips_through_yaml() -> None:
    text = (
        "id: p\ntitle: P\nquestions:\n  - id: q\n    prompt: Why?\n    key_terms:\n"
        "      - Redis\n      - {term: Service Mesh, optional: true}\n"
        "      - {any_of: [Kafka, RabbitMQ], label: a message broker}\n"
    )
    pack = parse_pack_text(text)
    assert parse_pack_text(dump_pack(pack)) == pack
    assert "optional: true" in dump_pack(pack)
    assert "- Redis\n" in dump_pack(pack)


def test_a_group_item_listed_twice_across_terms_is_a_duplicate() -> None:
    text = (
        "id: p\ntitle: P\nquestions:\n  - id: q\n    prompt: Why?\n    key_terms:\n"
        "      - Redis\n      - {any_of: [redis, Memcached]}\n"
    )
    with pytest.raises(PackInvalid, match="listed twice"):
        parse_pack_text(text)


# --- behavioural answers: STAR stories -------------------------------------------------

STORY = (
    "At my last company our checkout page timed out every Friday. My task was to find out "
    "why before the holiday sale. I profiled the service, I found an N+1 query in the "
    "basket code and I added a cache in front of it. As a result p99 latency fell from "
    "4 seconds to 300 ms and we had no timeouts during the sale."
)


def test_star_parts_of_a_complete_story() -> None:
    parts = star_parts(STORY)
    assert parts == StarParts(situation=True, task=True, action=True, result=True, quantified=True)
    assert parts.share == 1.0
    assert parts.missing == []


def test_star_parts_of_a_generic_answer() -> None:
    parts = star_parts("I would talk to the team and make sure everyone agrees on priorities.")
    assert not parts.action and not parts.quantified
    assert "action" in parts.missing


@pytest.mark.parametrize(
    ("category", "prompt", "behavioural"),
    [
        ("behavioral", "Any question", True),
        ("Leadership", "Any question", True),
        (None, "Tell me about a time you disagreed with your manager.", True),
        (None, "Describe a situation where you had to learn fast.", True),
        (None, "How would you design a rate limiter?", False),
        ("system-design", "Describe the CAP theorem.", False),
    ],
)
def test_behavioural_questions_by_category_or_wording(
    category: str | None, prompt: str, behavioural: bool
) -> None:
    assert is_behavioural(card("x", prompt=prompt, category=category)) is behavioural


def test_a_good_star_story_is_credited_though_it_is_not_the_model_answer_s_story() -> None:
    q = card(
        "Describe a time you improved performance: a slow report, what you measured, the "
        "index you added, and how query time dropped from minutes to seconds for the team.",
        prompt="Tell me about a time you fixed a performance problem.",
        category="behavioral",
    )
    told = grade(q, STORY)
    assert told.suggested_rating in (Rating.GOOD, Rating.EASY), told.explanation
    assert "STAR story complete" in told.explanation
    vague = grade(q, "I always care about performance and I like fast software a lot.")
    assert vague.score < told.score
    assert "STAR story lacks" in vague.explanation


# --- another question's answer ---------------------------------------------------------


def test_another_card_s_model_answer_is_caught_when_the_pack_is_known() -> None:
    closure = card(CLOSURE)
    port = Question(id="port", prompt="Default port of HTTPS?", framework="443")
    tcp = Question(
        id="tcp",
        prompt="TCP or UDP: which one guarantees delivery?",
        framework="TCP guarantees ordered, reliable delivery; UDP is connectionless.",
    )
    pack = [closure, port, tcp]
    pasted = grade(closure, tcp.framework or "", others=pack)
    assert pasted.score == 0.0
    assert "answers another question (tcp)" in pasted.explanation
    assert grade(tcp, "443", others=pack).suggested_rating == Rating.AGAIN
    assert grade(port, "443", others=pack).suggested_rating == Rating.EASY
    assert grade(closure, CLOSURE, others=pack).suggested_rating == Rating.EASY


def test_a_huge_answer_is_graded_on_its_start_and_quickly() -> None:
    q = Question.model_validate(
        {
            "id": "q",
            "prompt": "Why?",
            "framework": CLOSURE,
            "mistakes": [{"text": "m", "triggers": ["cache everything forever"]}],
        }
    )
    result = grade(q, "cache everything forever " * 40_000)  # 1 MB
    assert "graded on its first 30,000 characters" in result.explanation
    assert result.mistakes[0].flagged and result.mistakes[0].end is not None
    assert result.mistakes[0].end <= 30_000
