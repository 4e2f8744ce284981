"""Benchmark of the answer matcher, and its quality next to two naive graders.

Grades a 300-word answer against a question with 30 key terms and 5 mistakes (with
triggers) many times and prints the median time per grade (after the question was
compiled), then the median time to compile such a question. Then prints precision and
recall of key terms and accuracy of mistakes on tests/data/matcher_eval*.yaml for the
matcher, a case-insensitive substring search, and rapidfuzz partial_ratio >= 85.

Run by hand: python bench/bench_matcher.py
"""

import importlib.util
import random
import statistics
import time
from pathlib import Path

from drillcards.matcher import compile_question, grade
from drillcards.matcher.lexicon import common_words
from drillcards.models import Question

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 2.0

KEY_TERMS = [
    "Strangler Fig Pattern", "API Gateway", "Change Data Capture (CDC)", "Bounded Context",
    "Domain-Driven Design (DDD)", "Circuit Breaker", "Database per Service", "Event Sourcing",
    "Token Bucket", "Sliding Window", "Leaky Bucket", "Redis", "Idempotency",
    "Dead Letter Queue (DLQ)", "Consumer Group", "Eventual Consistency", "Read Replicas",
    "Consistent Hashing", "Cache Invalidation", "Time to Live (TTL)",
    "Content Delivery Network (CDN)", "Blue-Green Deployment", "Canary Release", "Feature Flags",
    "Infrastructure as Code (IaC)",
    "Kubernetes (K8s)", "Horizontal Pod Autoscaler (HPA)", "Saga Pattern", "Outbox Pattern",
    "Service Mesh",
]  # fmt: skip
MISTAKES = [
    {"text": "Big bang rewrite", "triggers": ["big bang rewrite", "rewrite everything at once"]},
    {"text": "Shared database", "triggers": ["shared database", "share the same database"]},
    {"text": "No monitoring", "triggers": ["skip monitoring", "no observability"]},
    {"text": "Distributed monolith", "triggers": ["synchronous calls everywhere"]},
    {"text": "Premature split", "triggers": ["split everything on day one", "nano services"]},
]
FILLER_TEXT = (
    "we would start by understanding the current system and its pain points then agree on "
    "goals with the stakeholders and measure latency error rates and deployment frequency "
    "before changing anything because the team needs a baseline to compare against later "
    "and the business wants features to keep shipping during the migration"
)
FILLER = FILLER_TEXT.split()
MENTIONS = [
    "stranglr fig", "api-gateway", "CDC", "bounded contexts", "domain driven design",
    "circuit breakers", "database-per-service", "event sourcnig", "token buckets", "redis",
    "idempotancy", "dead letter queue", "consumer groups", "eventual consistancy",
    "read replica", "cache invalidation", "TTL", "blue/green deployment", "canary releases",
    "feature flag", "IaC", "k8s", "service mesh", "saga", "I would avoid a big bang rewrite",
    "we never share the same database",
]  # fmt: skip


def benchmark_question() -> Question:
    """A question with 30 key terms and 5 mistakes with triggers."""
    return Question.model_validate(
        {"id": "bench", "prompt": "Benchmark", "key_terms": KEY_TERMS, "mistakes": MISTAKES}
    )


def benchmark_answer(words: int = 300, seed: int = 7) -> str:
    """About `words` words of filler with key terms and mistakes mixed in."""
    generator = random.Random(seed)
    parts: list[str] = []
    mentions = iter(MENTIONS)
    while sum(len(part.split()) for part in parts) < words:
        start = generator.randrange(len(FILLER) - 12)
        parts.append(" ".join(FILLER[start : start + generator.randint(6, 12)]) + ",")
        mention = next(mentions, None)
        if mention:
            parts.append(mention + ".")
    return " ".join(parts)


def median_ms(function, repeat: int) -> float:
    """Median wall time of one call, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def load_module(path: Path, name: str):
    """Import a module from a file path (the evaluation helpers live in tests/)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    """Print the timings and the quality figures."""
    started = time.perf_counter()
    common_words()
    load_ms = (time.perf_counter() - started) * 1000
    print(f"common-word list, loaded once per process: {load_ms:.0f} ms")

    question = benchmark_question()
    answer = benchmark_answer()
    grade(question, answer)  # compiles and caches the question
    grade_ms = median_ms(lambda: grade(question, answer), repeat=300)
    compile_ms = median_ms(lambda: compile_question(question), repeat=50)
    print(
        f"grade: {len(answer.split())}-word answer, {len(KEY_TERMS)} key terms, "
        f"{len(MISTAKES)} mistakes: median {grade_ms:.3f} ms "
        f"({'within' if grade_ms <= TARGET_MS else 'OVER'} the {TARGET_MS} ms target)"
    )
    print(f"compile: median {compile_ms:.3f} ms per question")

    evaluation = load_module(ROOT / "tests" / "test_matcher_eval.py", "matcher_eval")
    answers = evaluation.load_eval()
    print(f"\nquality on {len(answers)} labelled answers:")
    for name, predict in evaluation.PREDICTORS.items():
        print(evaluation.evaluate(predict, answers).line(name))


if __name__ == "__main__":
    main()
