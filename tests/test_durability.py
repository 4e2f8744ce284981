"""No review is ever lost: a killed session keeps every rating it confirmed, two sessions
at once both keep theirs, and `drill doctor` checks and rebuilds the card states."""

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.store import SCHEMA_VERSION, Store

runner = CliRunner()
ANSWER_PROMPT = b'Your answer (end with a line holding a single "."):\n'
RATING_PROMPT = b"q = quit]: "
SAVED = b"Saved: "
QUESTIONS = 8


def drill_command() -> list[str]:
    found = shutil.which("drill")
    return [found] if found else [sys.executable, "-m", "drillcards"]


@pytest.fixture
def home(drill_home: Path) -> Path:
    questions = "".join(
        f"  - {{id: q{n}, prompt: Question {n}?, key_terms: [term {n}]}}\n"
        for n in range(QUESTIONS)
    )
    pack = parse_pack_text(f"id: tiny\ntitle: Tiny\nquestions:\n{questions}")
    Library(drill_home).install([pack])
    return drill_home


class PlainSession:
    """A `drill start --plain` process driven step by step through pipes."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [*drill_command(), "start", "--plain", "--pack", "tiny", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
        )
        self.output = b""
        self.consumed = 0

    def read_until(self, marker: bytes, timeout: float = 30) -> bytes:
        """Read stdout until `marker` appears after what earlier calls consumed."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while (found := self.output.find(marker, self.consumed)) < 0:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(remaining, 0))
            if not ready:
                raise AssertionError(f"no {marker!r} in time; output so far:\n{self.output!r}")
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError(f"drill ended before {marker!r}:\n{self.output!r}")
            self.output += chunk
        self.consumed = found + len(marker)
        return self.output

    def send(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text.encode())
        self.process.stdin.flush()

    def answer_and_rate(self, rating: Rating) -> None:
        """Answer the card on screen, rate it, and wait until the rating is saved."""
        self.send("an answer with term 1\n.\n")
        self.read_until(RATING_PROMPT)
        self.send(f"{rating.number}\n")
        self.read_until(SAVED)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def review_count(home: Path) -> int:
    with Store.open(home / "drill.db") as store:
        return store.review_count()


@pytest.mark.parametrize("ratings", [1, 3])
def test_a_killed_session_keeps_exactly_the_reviews_it_confirmed(home: Path, ratings: int) -> None:
    session = PlainSession("--new", str(QUESTIONS))
    try:
        session.read_until(ANSWER_PROMPT)
        for _ in range(ratings):
            session.answer_and_rate(Rating.GOOD)
            session.read_until(ANSWER_PROMPT)  # the next card is on screen
        session.send("half of an answer, never finished\n")  # typed, not yet rated
    finally:
        session.kill()
    assert session.process.returncode == -signal.SIGKILL
    assert review_count(home) == ratings
    with Store.open(home / "drill.db") as store:
        assert store.integrity_problems() == []
        assert store.cards_differing_from_log(store.scheduler()) == []


def test_two_sessions_at_once_lose_no_review(home: Path) -> None:
    first, second = PlainSession("--new", "4"), PlainSession("--new", "4")
    try:
        for session in (first, second):
            session.read_until(ANSWER_PROMPT)
        for _ in range(4):  # interleaved, one rating each in turn, on the same cards
            first.answer_and_rate(Rating.GOOD)
            second.answer_and_rate(Rating.EASY)
            first.read_until(ANSWER_PROMPT)
        first.send("an answer\n.\nq\n")  # Good left cards in learning: quit
        for session in (first, second):  # Easy graduated every card: the session ended
            assert session.process.wait(timeout=30) == 0
    finally:
        for session in (first, second):
            if session.process.returncode is None:
                session.kill()
    assert review_count(home) == 8
    with Store.open(home / "drill.db") as store:
        assert store.cards_differing_from_log(store.scheduler()) == []


def test_two_sessions_racing_with_all_their_input_lose_no_review(home: Path) -> None:
    script = "answer\n.\n4\n" * QUESTIONS  # Easy: each card once, no learning steps
    processes = [
        subprocess.Popen(
            [*drill_command(), "start", "--plain", "--pack", "tiny", "--new", str(QUESTIONS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for process in processes:
        assert process.stdin is not None
        process.stdin.write(script.encode())
        process.stdin.close()
    for process in processes:
        assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
        assert process.stderr is not None
        process.stderr.close()
    assert review_count(home) == 2 * QUESTIONS


def test_doctor_checks_and_rebuilds_the_card_states(home: Path) -> None:
    when = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with Store.open(home / "drill.db") as store:
        for n, rating in enumerate([Rating.GOOD, Rating.EASY, Rating.AGAIN]):
            store.record_review(
                store.scheduler(),
                f"tiny/q{n}",
                rating,
                when,
                score=None,
                answer="",
                duration_ms=0,
            )
        before = store.db.execute("SELECT key, due FROM cards ORDER BY key").fetchall()
    healthy = runner.invoke(app, ["doctor"])
    assert healthy.exit_code == 0
    assert f"ok (schema version {SCHEMA_VERSION}, 3 reviews" in healthy.stdout
    with Store.open(home / "drill.db") as store:
        store.db.execute("UPDATE cards SET due = 0")
    damaged = runner.invoke(app, ["doctor"])
    assert damaged.exit_code == 1 and "3 cards differ" in damaged.stdout
    rebuilt = runner.invoke(app, ["doctor", "--rebuild"])
    assert rebuilt.exit_code == 0 and "Rebuilt 3 cards from 3 reviews" in rebuilt.stdout
    with Store.open(home / "drill.db") as store:
        assert store.db.execute("SELECT key, due FROM cards ORDER BY key").fetchall() == before
