"""Unit tests of the answer matcher: one rule (or trap) per test."""

from typing import Any

import pytest

from drillcards import matcher
from drillcards.matcher import Grade, grade
from drillcards.matcher.tokens import canonical_word, tokenize
from drillcards.models import Question
from drillcards.rating import Rating


def question(*key_terms: Any, mistakes: list[Any] | None = None) -> Question:
    """A question with these key terms and mistakes."""
    return Question.model_validate(
        {"id": "q", "prompt": "Why?", "key_terms": list(key_terms), "mistakes": mistakes or []}
    )


def found(term: Any, answer: str) -> str | None:
    """The text matched for a single key term, or None."""
    result = grade(question(term), answer).key_terms[0]
    if result.matched:
        assert result.start is not None and result.end is not None
        assert answer[result.start : result.end] == result.matched_text
    return result.matched_text


def flagged(triggers: list[str], answer: str) -> str | None:
    """The text flagged for a single mistake with these triggers, or None."""
    result = grade(question(mistakes=[{"text": "m", "triggers": triggers}]), answer)
    mistake = result.mistakes[0]
    if mistake.flagged:
        assert mistake.start is not None and mistake.end is not None
        assert answer[mistake.start : mistake.end] == mistake.matched_text
    return mistake.matched_text


# --- tokens ------------------------------------------------------------------------


def test_tokens_keep_their_spans_in_the_original_text() -> None:
    text = "Use  the API-Gateway (and Node.js)!"
    tokens = tokenize(text)
    assert tokens.texts == ["use", "the", "api", "gateway", "and", "node", "js"]
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == [
        "Use", "the", "API", "Gateway", "and", "Node", "js",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "canonical"),
    [
        ("Kafka's", "kafka"),
        ("memoisation", "memoization"),
        ("behaviour", "behavior"),
        ("centre", "center"),
        ("indices", "index"),
        ("Naïve", "naive"),
        ("don’t", "don't"),
    ],
)
def test_canonical_words(word: str, canonical: str) -> None:
    assert canonical_word(word) == canonical


def test_clauses_end_at_punctuation_and_conjunctions_but_not_at_dots_inside_words() -> None:
    tokens = tokenize("Node.js is fast, but slow. It works and we ship; done")
    clause = dict(zip(tokens.texts, tokens.clauses, strict=True))
    assert clause["node"] == clause["js"] == clause["fast"]
    assert clause["fast"] < clause["but"] == clause["slow"] < clause["it"] == clause["works"]
    assert clause["works"] < clause["and"] == clause["we"] < clause["done"]


def test_a_line_break_is_wrapping_but_a_blank_line_or_list_item_ends_a_clause() -> None:
    tokens = tokenize("one\ntwo\n\nthree\n- four\n2. five")
    assert tokens.clauses == [0, 0, 1, 2, 3]


def test_a_list_number_at_the_start_of_a_line_is_not_a_word() -> None:
    tokens = tokenize("1. plan it.\n2. do it\n\n3) ship -- done")
    assert tokens.texts == ["plan", "it", "do", "it", "ship", "done"]
    assert len(set(tokens.clauses)) == 4


def test_spans_survive_tabs_line_breaks_and_unusual_spaces() -> None:
    text = "We\tuse  non-blocking\u00a0I/O,\r\nthen CI/CD."
    tokens = tokenize(text)
    assert tokens.texts == ["we", "use", "non", "blocking", "i", "o", "then", "ci", "cd"]
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == [
        "We", "use", "non", "blocking", "I", "O", "then", "CI", "CD",
    ]  # fmt: skip
    assert tokens.after_negating_prefix == {3}
    assert tokens.clauses[5] < tokens.clauses[6]  # the comma


def test_a_word_after_a_negating_prefix_is_marked() -> None:
    tokens = tokenize("non-blocking no SQL no-SQL")
    assert tokens.after_negating_prefix == {1, 5}


# --- key terms: spelling variants -----------------------------------------------------


@pytest.mark.parametrize(
    ("term", "answer", "expected"),
    [
        ("API Gateway", "put an api-gateway in front", "api-gateway"),
        ("API Gateway", "an API_GATEWAY", "API_GATEWAY"),
        ("Event Sourcing", "we use Event  Sourcing here", "Event  Sourcing"),
        ("Event Sourcing", "event\nsourcing", "event\nsourcing"),
        ("CI/CD", "a CI CD pipeline", "CI CD"),
        ("CI/CD", "the CICD system", "CICD"),
        ("CI/CD", "ci/cd", "ci/cd"),
        ("Node.js", "a NodeJS app", "NodeJS"),
        ("Node.js", "node js services", "node js"),
        ("ConfigMap", "put it in a config map", "config map"),
        ("Microservices", "split into micro-services", "micro-services"),
        ("Rollback", "we roll back", "roll back"),
        ("Rollback", "we rolled back the deploy", "rolled back"),
        ("Failover", "it failed over to the replica", "failed over"),
        ("BM25", "ranked with BM-25", "BM-25"),
        ("Argon2", "hash with Argon 2", "Argon 2"),
        ("OAuth2", "an OAuth 2 server", "OAuth 2"),
    ],
)
def test_separators_case_and_joined_or_split_words(term: str, answer: str, expected: str) -> None:
    assert found(term, answer) == expected


@pytest.mark.parametrize(
    ("term", "answer", "expected"),
    [
        ("OWASP Top 10", "the OWASP top ten", "OWASP top ten"),
        ("5 Whys", "we ran five-whys", "five-whys"),
        ("Twelve-Factor App", "a 12-factor app", "12-factor app"),
        ("Layer 4 (L4)", "a layer four balancer", "layer four"),
    ],
)
def test_a_number_may_be_written_in_digits_or_words(term: str, answer: str, expected: str) -> None:
    assert found(term, answer) == expected


@pytest.mark.parametrize(
    ("term", "answer", "expected"),
    [
        ("Bounded Context", "map the bounded contexts", "bounded contexts"),
        ("Memoization", "I memoized the rows", "memoized"),
        ("Idempotency", "handlers are idempotent", "idempotent"),
        ("Throttling", "we throttled requests", "throttled"),
        ("Code Splitting", "code-split the routes", "code-split"),
        ("Sharding", "we shard by customer", "shard"),
        ("Covering Index", "covering indices", "covering indices"),
        ("Virtualization", "list virtualisation", "virtualisation"),
        ("Pod", "three pods", "pods"),
        ("CDN", "two CDNs", "CDNs"),
        ("Analyzer", "custom analysers", "analysers"),
        ("Load Balancer", "we use load balancing", "load balancing"),
        ("Rate Limiting", "a distributed rate limiter", "rate limiter"),
    ],
)
def test_inflections_and_derivations(term: str, answer: str, expected: str) -> None:
    assert found(term, answer) == expected


@pytest.mark.parametrize(
    ("term", "answer", "expected"),
    [
        ("Strangler Fig Pattern", "the stranglr fig approach", "stranglr fig"),
        ("Strangler Fig Pattern", "the Stragnler Fig", "Stragnler Fig"),
        ({"term": "Apache Kafka", "aliases": ["Kafka"]}, "events go to kafak", "kafak"),
        ("Idempotency", "idempotancy matters", "idempotancy"),
        ("Eventual Consistency", "eventual consistancy", "eventual consistancy"),
        ("Linearizability", "linearizabilty", "linearizabilty"),
        ("Sliding Window", "a sliding windw", "sliding windw"),
    ],
)
def test_typos_within_the_budget_for_the_word_length(term: str, answer: str, expected: str) -> None:
    assert found(term, answer) == expected


def test_a_long_word_allows_two_typos_and_a_middle_one_only_one() -> None:
    assert found("Idempotency", "idmpotancy") == "idmpotancy"  # 11 letters, 2 edits
    assert found("Debounce", "dbeounec") is None  # 8 letters, 3 edits
    assert found("Kafka", "kfaak") is None  # 5 letters, 2 edits


@pytest.mark.parametrize(
    ("term", "answer"),
    [
        ("CDN", "we stream CDC events"),
        ("JWT", "the token is a JWS"),
        ("SQL", "a NoSQL store"),
        ("SQL", "a no-SQL store"),
        ("Redis", "Reddit had an outage"),
        ("Token Bucket", "we tokenize the bucket key"),
        ("Sliding Window", "like a sliding door"),
        ("Sharding", "we avoid sharing data"),
        ("Quorum", "ask on the forum"),
        ("Token", "we tokenize input"),
        ("Normalization", "a normal form"),
        ("Selectivity", "we select columns"),
        ("Deployment", "we deploy on Fridays"),
        ("OAuth2", "we use OAuth1"),
        ("OAuth2", "we use OAuth 1"),
        ("Blocking", "non-blocking I/O"),
        ("Symmetric Encryption", "the handshake uses asymmetric encryption"),
        ("Synchronous Replication", "asynchronous replication"),
        ("Consistent Hashing", "inconsistent hashing results"),
        ("Shard Key", "each service has a shared key"),
        ("Analyzer", "we analyze the logs"),
        ("Scheduler", "we schedule jobs"),
        ("Layer 7 (L7)", "an L4 load balancer on layer 4"),
        ("HTTP/2", "plain HTTP/1.1 or HTTP/3"),
    ],
)
def test_near_misses_do_not_match(term: str, answer: str) -> None:
    assert found(term, answer) is None


def test_a_common_word_counts_as_a_typo_only_next_to_an_exact_word() -> None:
    assert found("Strangler Fig", "the stranger fig") == "stranger fig"
    assert found("Sliding Window", "a sliding widow") == "sliding widow"
    assert found("Strangler", "a stranger") is None


def test_an_everyday_word_acronym_must_be_in_capitals() -> None:
    assert found("REST", "The rest of the team") is None
    assert found("REST", "a REST API") == "REST"
    assert found("REST", "a RESTful API") == "RESTful"
    assert found("REST", "a rest api, all lower case") == "rest"
    assert found("ACID", "The acid guarantees hold") == "acid"  # not an everyday word


def test_a_generic_last_word_and_a_leading_article_are_optional() -> None:
    assert found("Strangler Fig Pattern", "use a strangler fig") == "strangler fig"
    assert found("The Twelve-Factor App", "a twelve-factor app") == "twelve-factor app"


def test_the_last_word_may_come_first_with_a_linking_word() -> None:
    assert found("Cache Invalidation", "invalidation of the cache") == "invalidation of the cache"
    assert found("At-Least-Once Delivery", "delivery is at-least-once") == (
        "delivery is at-least-once"
    )
    assert found("Write-Through", "go through the write path") is None  # hyphenated
    assert found("Sliding Window", "window sliding") is None  # no linking word


def test_aliases_and_both_sides_of_full_form_with_acronym_count() -> None:
    term = "Change Data Capture (CDC)"
    assert found(term, "CDC events") == "CDC"
    assert found(term, "use change data capture") == "change data capture"
    assert found({"term": "Cache Stampede", "aliases": ["thundering herd"]}, "a thundering herd")


def test_words_joined_into_one_allow_no_typos() -> None:
    assert flagged(["no caching"], "caching everywhere") is None


def test_the_earliest_occurrence_is_reported() -> None:
    answer = "Redis first, then redis again"
    result = grade(question("Redis"), answer).key_terms[0]
    assert (result.start, result.end, result.matched_text) == (0, 5, "Redis")


# --- mistakes and negation ---------------------------------------------------------


BIG_BANG = ["big bang rewrite", "rewrite everything at once"]


@pytest.mark.parametrize(
    "answer",
    [
        "I would avoid a big-bang rewrite.",
        "Rather than a big bang rewrite, go step by step.",
        "Instead of a big bang rewrite we strangle it.",
        "Never do a big bang rewrite.",
        "Don't attempt a big bang rewrite",
        "We do not want a big bang rewrite",
        "We shipped without a big bang rewrite",
        "I'd pick the strangler fig over a big bang rewrite",
        "A big bang rewrite is a mistake.",
        "A big bang rewrite is not something I'd do.",
        "A big bang rewrite is an anti-pattern.",
        "A big bang rewrite usually fails.",
        "The classic mistake is a big bang rewrite.",
        "Common pitfalls: a big bang rewrite.",
        "We disabled the old big bang rewrite plan.",
        "Never touch the legacy code directly or do a big bang rewrite.",
        "We did a big bang rewrite, which turned out to be a mistake.",
    ],
)
def test_a_negated_or_rejected_trigger_is_not_flagged(answer: str) -> None:
    assert flagged(BIG_BANG, answer) is None


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("The plan is a big bang rewrite.", "big bang rewrite"),
        ("We will rewrite everything at once.", "rewrite everything at once"),
        ("No doubt a big bang rewrite is fastest.", "big bang rewrite"),
        ("It is not easy, but a big bang rewrite is fastest.", "big bang rewrite"),
        ("Not now. A big bang rewrite later.", "big bang rewrite"),
        ("We skipped tests and we did a big bang rewrite.", "big bang rewrite"),
        ("A big bang rewrite is not a problem for us.", "big bang rewrite"),
        ("Avoid a big bang rewrite? We did a big-bang rewrite anyway.", "big-bang rewrite"),
        ("We could refactor slowly or do a big bang rewrite.", "big bang rewrite"),
        ("We did a big bang rewrite, which worked fine.", "big bang rewrite"),
        ("We did a big bang rewrite, which was not a problem.", "big bang rewrite"),
    ],
)
def test_an_affirmed_trigger_is_flagged(answer: str, expected: str) -> None:
    assert flagged(BIG_BANG, answer) == expected


def test_a_cue_far_before_the_trigger_does_not_negate_it() -> None:
    answer = "Not one of the team members wanted a big bang rewrite"
    assert flagged(BIG_BANG, answer) == "big bang rewrite"


def test_a_cue_inside_another_trigger_does_not_negate_the_next() -> None:
    q = question(
        mistakes=[
            {"text": "no tests", "triggers": ["skip the tests"]},
            {"text": "by hand", "triggers": ["ssh into the servers"]},
        ]
    )
    result = grade(q, "we skip the tests and ssh into the servers")
    assert [m.flagged for m in result.mistakes] == [True, True]
    assert [m.flagged for m in grade(q, "we never skip the tests").mistakes] == [False, False]


def test_plain_string_mistakes_are_listed_and_never_flagged() -> None:
    q = question("Redis", mistakes=["Ignoring consistency", {"text": "m", "triggers": ["redis"]}])
    result = grade(q, "Redis for everything, ignoring consistency")
    assert [(m.text, m.flagged) for m in result.mistakes] == [
        ("Ignoring consistency", False),
        ("m", True),
    ]


# --- score and rating ------------------------------------------------------------------


def test_score_is_coverage_minus_a_penalty_per_mistake() -> None:
    q = question(
        "Redis", "Kafka", "Docker", "Kubernetes", mistakes=[{"text": "m", "triggers": ["by hand"]}]
    )
    assert grade(q, "Redis and Kafka").score == 0.5
    assert grade(q, "Redis and Kafka, deployed by hand").score == 0.5 - matcher.MISTAKE_PENALTY
    assert grade(q, "by hand").score == 0.0


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        (0.0, Rating.AGAIN),
        (matcher.HARD_AT - 0.01, Rating.AGAIN),
        (matcher.HARD_AT, Rating.HARD),
        (matcher.GOOD_AT, Rating.GOOD),
        (matcher.EASY_AT - 0.01, Rating.GOOD),
        (matcher.EASY_AT, Rating.EASY),
        (1.0, Rating.EASY),
    ],
)
def test_rating_thresholds(score: float, rating: Rating) -> None:
    assert matcher.suggest_rating(score) == rating


def test_an_empty_answer_scores_zero_and_again() -> None:
    q = question("Redis", mistakes=["advice", {"text": "m", "triggers": ["x"]}])
    for answer in ("", "   \n ", "?!"):
        result = grade(q, answer)
        assert result.score == 0.0
        assert result.suggested_rating == Rating.AGAIN
        assert [t.matched for t in result.key_terms] == [False]
        assert [m.flagged for m in result.mistakes] == [False, False]


def test_with_nothing_to_compare_with_the_score_is_the_length_and_at_most_good() -> None:
    q = question()
    short = grade(q, "word " * 30)
    assert short.score == pytest.approx(30 / matcher.WORDS_FOR_FULL_CREDIT)
    long = grade(q, "word " * 500)
    assert long.score == matcher.GOOD_AT
    assert long.suggested_rating == Rating.GOOD
    assert "scored by length" in long.explanation


def test_key_terms_come_back_in_pack_order() -> None:
    q = question("Kafka", "Redis", "Docker")
    result = grade(q, "Docker, Redis and Kafka")
    assert [t.term for t in result.key_terms] == ["Kafka", "Redis", "Docker"]
    assert isinstance(result, Grade)


# --- compiling -------------------------------------------------------------------------


def test_a_question_is_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from drillcards.matcher import grading

    calls = []
    original = grading.compile_question

    def counting(q: Question) -> grading.CompiledQuestion:
        calls.append(q.id)
        return original(q)

    monkeypatch.setattr(grading, "compile_question", counting)
    q = question("Redis")
    for _ in range(3):
        grade(q, "Redis")
    assert calls == ["q"]
    grade(question("Redis"), "Redis")  # another question object: compiled again
    assert calls == ["q", "q"]
