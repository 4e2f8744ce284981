"""Splitting run-together lists: rules that hold beyond the seed page."""

import pytest

from drillcards.importers.run_together import (
    build_vocabulary,
    is_distinctive,
    split_run_together,
)

EMPTY = build_vocabulary([])


@pytest.mark.parametrize(
    ("text", "items"),
    [
        # lower→Upper, acronym before a capitalised word, ')' before a letter
        (
            "Service Level Objectives (SLOs)Error BudgetsToil ReductionOn-call Rotation",
            [
                "Service Level Objectives (SLOs)",
                "Error Budgets",
                "Toil Reduction",
                "On-call Rotation",
            ],
        ),
        (
            "AWS LambdaAmazon S3DynamoDBAPI GatewayIAM Roles",
            ["AWS Lambda", "Amazon S3", "DynamoDB", "API Gateway", "IAM Roles"],
        ),
        (
            "Two-Phase Commit (2PC)Saga PatternOutbox Pattern",
            ["Two-Phase Commit (2PC)", "Saga Pattern", "Outbox Pattern"],
        ),
        (
            "B-TreesLSM TreesBloom FiltersWrite-Ahead Log (WAL)",
            ["B-Trees", "LSM Trees", "Bloom Filters", "Write-Ahead Log (WAL)"],
        ),
        (
            "Kubernetes HPAPod Disruption BudgetsHelm ChartsGitOps (Argo CD)",
            ["Kubernetes HPA", "Pod Disruption Budgets", "Helm Charts", "GitOps (Argo CD)"],
        ),
        # CamelCase product names stay whole
        (
            "JavaScriptTypeScriptReact NativeFlutter",
            ["JavaScript", "TypeScript", "React Native", "Flutter"],
        ),
        (
            "MongoDBPostgreSQLRedisElasticsearch",
            ["MongoDB", "PostgreSQL", "Redis", "Elasticsearch"],
        ),
        (
            "LinkedIn Learning coursesGitHub ActionsYouTube tutorials",
            ["LinkedIn Learning courses", "GitHub Actions", "YouTube tutorials"],
        ),
        (
            "iPhone testingMcDonald's case studyNoSQL modelling",
            ["iPhone testing", "McDonald's case study", "NoSQL modelling"],
        ),
        # digits and versions
        ("OWASP Top 10Supply Chain Security", ["OWASP Top 10", "Supply Chain Security"]),
        (
            "Blameless Post-Mortem5 WhysCanary Deployments",
            ["Blameless Post-Mortem", "5 Whys", "Canary Deployments"],
        ),
        (
            "HTTP/2HTTP/3 (QUIC)TLS 1.3WebSockets",
            ["HTTP/2", "HTTP/3 (QUIC)", "TLS 1.3", "WebSockets"],
        ),
        ("IdempotencyUUIDv4IPv6 Addressing", ["Idempotency", "UUIDv4", "IPv6 Addressing"]),
        ("Public APIsRate Limiting", ["Public APIs", "Rate Limiting"]),
        # sentences
        (
            "Explained the trade-offs.Chose a simple design first.Measured before optimizing.",
            [
                "Explained the trade-offs.",
                "Chose a simple design first.",
                "Measured before optimizing.",
            ],
        ),
        # nothing inside parentheses is split
        (
            "Caching (CDN, Redis, write-through/behind)Observability (logs, metricsTraces)",
            ["Caching (CDN, Redis, write-through/behind)", "Observability (logs, metricsTraces)"],
        ),
    ],
)
def test_split_without_page_vocabulary(text, items):
    assert split_run_together(text, EMPTY) == items


def test_page_words_decide_boundaries_the_case_rules_cannot():
    text = "KafkaRabbitMQCAP TheoremJWTPKCE FlowReact HooksuseEffect cleanupSvelteKitRunes"
    without = split_run_together(text, EMPTY)
    assert "JWTPKCE Flow" in without and "useEffect cleanup" not in without
    vocabulary = build_vocabulary(
        ["Queues such as RabbitMQ; the CAP theorem; JWTs with PKCE; useEffect; SvelteKit"]
    )
    assert split_run_together(text, vocabulary) == [
        "Kafka",
        "RabbitMQ",
        "CAP Theorem",
        "JWT",
        "PKCE Flow",
        "React Hooks",
        "useEffect cleanup",
        "SvelteKit",
        "Runes",
    ]


def test_unknown_camel_case_is_split_but_known_is_not():
    assert split_run_together("StreamlitDashboards", EMPTY) == ["Streamlit", "Dashboards"]
    known = build_vocabulary(["We built it with StreamlitDashboards last year."])
    assert split_run_together("StreamlitDashboardsAirflow", known) == [
        "StreamlitDashboards",
        "Airflow",
    ]


@pytest.mark.parametrize(
    ("text", "prose", "items"),
    [
        (
            "Focus ManagementSemantic HTMLaxe-coreKeyboard Navigation",
            "Start with semantic HTML; run axe-core in CI.",
            ["Focus Management", "Semantic HTML", "axe-core", "Keyboard Navigation"],
        ),
        (
            "Resource LimitsConfigMapkubectl rollout undoK8s Events",
            "Check the ConfigMap, then run kubectl rollout undo.",
            ["Resource Limits", "ConfigMap", "kubectl rollout undo", "K8s Events"],
        ),
        (
            "Styled ComponentsEmotionvanilla-extractTailwind CSS",
            "Runtime (Emotion) or zero-runtime (vanilla-extract).",
            ["Styled Components", "Emotion", "vanilla-extract", "Tailwind CSS"],
        ),
    ],
)
def test_lower_case_items_glued_to_the_word_before(text, prose, items):
    assert split_run_together(text, build_vocabulary([prose])) == items


def test_compound_words_are_not_split_into_prose_words():
    # "Run", "books", "Back", "pressure" all stand alone in the prose; the compounds are
    # still words, because neither half is a name and neither tail looks like code
    vocabulary = build_vocabulary(["Run it. Read the books. Back off under pressure."])
    assert split_run_together("RunbooksBackpressureTimeouts", vocabulary) == [
        "Runbooks",
        "Backpressure",
        "Timeouts",
    ]


def test_a_lower_case_name_does_not_take_the_last_letter_of_a_known_word():
    text = "CiliumPixieBPF CO-REOpenTelemetry"
    assert split_run_together(text, build_vocabulary(["eBPF with Parca or Pixie"])) == [
        "Cilium",
        "Pixie",
        "BPF CO-RE",
        "OpenTelemetry",
    ]


def test_a_sentence_ending_in_an_acronym_ends_an_item_in_a_list_of_sentences():
    text = "Use semantic HTML before ARIA.Make focus visible.Test with NVDA."
    assert split_run_together(text, EMPTY) == [
        "Use semantic HTML before ARIA.",
        "Make focus visible.",
        "Test with NVDA.",
    ]
    # not a list of sentences: a dotted name stays whole
    assert split_run_together("ASP.Net CoreEntity Framework", EMPTY) == [
        "ASP.Net Core",
        "Entity Framework",
    ]


def test_single_letters_are_not_cut_off():
    # the known "CD" would leave "N" alone; it joins its neighbour again
    assert split_run_together("CDNBeta", build_vocabulary(["CI/CD"])) == ["CDN", "Beta"]


@pytest.mark.parametrize(
    ("word", "distinctive"),
    [
        ("WebSockets", True),
        ("CDN", True),
        ("OAuth2", True),
        ("gRPC", True),
        ("Pattern", False),
        ("kafka", False),
        ("A", False),
    ],
)
def test_distinctive_words(word, distinctive):
    assert is_distinctive(word) is distinctive


def test_empty_text_has_no_items():
    assert split_run_together("   ", EMPTY) == []


def test_a_hostile_line_is_split_in_linear_time():
    """A megabyte-long run-together line must not take quadratic time (it would hang)."""
    items = split_run_together("AlphaBetaCDNKafka(x)" * 3000, build_vocabulary(["CDN"]))
    assert len(items) == 12000
    glued = split_run_together("ConfigMapkubectl" * 5000, build_vocabulary(["ConfigMap kubectl"]))
    assert len(glued) == 10000
