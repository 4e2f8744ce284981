"""Benchmark of grader v2: grading against a model answer, and its first-use cost.

1. Median time to grade a 300-word answer against a question with a 300-word model
   answer and no key terms (ideas + meaning), after the question was compiled and the
   semantic model loaded; then the same with 30 key terms and 5 mistakes as well.
   Target: a median of 5 ms or less.
2. In a fresh interpreter: the time of the first grade (imports, word lists, the
   semantic model, compiling the question) next to a second grade.
3. `drill --version` and `drill packs` start-up, to show the grader adds nothing there.

Run by hand: python bench/bench_grader.py
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from drillcards.matcher import grade, semantic
from drillcards.models import Question

TARGET_MS = 5.0
PROSE = (
    "a service boundary follows the business capability so each team owns its data and "
    "deploys independently while the gateway routes traffic and the monolith keeps serving "
    "requests until the strangler fig has replaced every path with change data capture "
    "keeping both stores in sync and idempotent consumers retrying with exponential backoff "
    "behind a circuit breaker measured by distributed tracing and dashboards of latency "
    "error rate saturation and throughput for every release behind a feature flag"
)
WORDS = PROSE.split()
KEY_TERMS = [
    "Strangler Fig Pattern", "API Gateway", "Change Data Capture (CDC)", "Bounded Context",
    "Circuit Breaker", "Feature Flags", "Distributed Tracing", "Idempotency", "Saga Pattern",
    "Outbox Pattern", "Service Mesh", "Eventual Consistency", "Database per Service",
    "Event Sourcing", "Consumer Group", "Dead Letter Queue (DLQ)", "Read Replicas",
    "Consistent Hashing", "Cache Invalidation", "Time to Live (TTL)", "Blue-Green Deployment",
    "Canary Release", "Infrastructure as Code (IaC)", "Kubernetes (K8s)", "Redis", "Kafka",
    "Token Bucket", "Sliding Window", "Leaky Bucket", "Load Shedding",
]  # fmt: skip
MISTAKES = [
    {"text": "Big bang rewrite", "triggers": ["big bang rewrite"]},
    {"text": "Shared database", "triggers": ["shared database"]},
    {"text": "No monitoring", "triggers": ["skip monitoring"]},
    {"text": "Distributed monolith", "triggers": ["synchronous calls everywhere"]},
    {"text": "Premature split", "triggers": ["nano services"]},
]


def text(words: int, seed: int) -> str:
    """`words` words of on-topic prose, different for each seed."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def median_ms(action, repeat: int = 200) -> tuple[float, float, float]:
    """Median, fastest and slowest time of `action` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def grading() -> None:
    """Part 1: steady-state grading time."""
    model = text(300, 1)
    answers = [text(300, seed) for seed in range(2, 202)]
    plain = Question(id="q", prompt="How would you migrate a monolith?", framework=model)
    with_terms = Question.model_validate(
        {
            "id": "t",
            "prompt": "How would you migrate a monolith?",
            "framework": model,
            "key_terms": KEY_TERMS,
            "mistakes": MISTAKES,
        }
    )
    semantic.warm_up()
    for question, label in ((plain, "model answer only"), (with_terms, "+ 30 terms, 5 mistakes")):
        grade(question, answers[0])
        answer_iter = iter(answers * 2)
        median, low, high = median_ms(lambda q=question, it=answer_iter: grade(q, next(it)))
        verdict = "ok" if median <= TARGET_MS else "OVER TARGET"
        print(
            f"grade, 300-word answer vs 300-word {label}: median {median:.2f} ms "
            f"(range {low:.2f}-{high:.2f}; target {TARGET_MS} ms: {verdict})"
        )


FIRST_GRADE = """
import time
start = time.perf_counter()
from drillcards.matcher import grade
from drillcards.models import Question
q = Question(id="q", prompt="What is a closure?", framework=MODEL)
grade(q, ANSWER)
first = time.perf_counter() - start
start = time.perf_counter()
grade(q, ANSWER + " again")
print(f"{first * 1000:.0f} {(time.perf_counter() - start) * 1000:.2f}")
"""


def first_grade() -> None:
    """Part 2: the cost of the first grade in a fresh process."""
    code = FIRST_GRADE.replace("MODEL", repr(text(300, 1))).replace("ANSWER", repr(text(300, 2)))
    firsts, seconds = [], []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        firsts.append(float(out[0]))
        seconds.append(float(out[1]))
    print(
        f"first grade in a fresh process: median {statistics.median(firsts):.0f} ms "
        f"(range {min(firsts):.0f}-{max(firsts):.0f}); the next grade "
        f"{statistics.median(seconds):.2f} ms"
    )


def start_up() -> None:
    """Part 3: start-up of commands that do not grade."""
    drill = os.path.join(os.path.dirname(sys.executable), "drill")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DRILL_HOME": home}
        for args in (["--version"], ["packs"]):
            times = []
            for _ in range(7):
                start = time.perf_counter()
                subprocess.run([drill, *args], env=env, capture_output=True, check=True)
                times.append((time.perf_counter() - start) * 1000)
            print(
                f"drill {' '.join(args)}: median {statistics.median(times):.0f} ms "
                f"(range {min(times):.0f}-{max(times):.0f})"
            )


if __name__ == "__main__":
    grading()
    first_grade()
    start_up()
