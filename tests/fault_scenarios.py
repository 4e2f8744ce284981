"""Fault scenarios run against the real `drill` executable, shared by the bounded tests
(tests/test_faults.py) and the long campaign run by hand (bench/bench_faults.py).

Each scenario runs `rounds` times in a prepared DRILL_HOME and returns a `Tally`: how
many rounds were tried and the failures found (an empty list: every round passed).
"""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drillcards.library import INSTALLED_SUFFIX, Library
from drillcards.packs import load_pack_json, parse_pack_text
from drillcards.store import Store

TINY_QUESTIONS = 8


@dataclass
class Tally:
    """What a scenario tried and what went wrong."""

    name: str
    tried: int = 0
    failures: list[str] = field(default_factory=list)
    interrupted: int = 0
    """Rounds in which the kill came before the work was done (the others test less)."""

    @property
    def passed(self) -> int:
        """Rounds without a failure."""
        return self.tried - len({failure.split(":", 1)[0] for failure in self.failures})

    def fail(self, round_number: int, reason: str) -> None:
        """Note a failure of one round."""
        self.failures.append(f"round {round_number}: {reason}")

    def line(self) -> str:
        """`name: tried N, passed P, failed F`."""
        return (
            f"{self.name}: tried {self.tried}, passed {self.passed}, "
            f"failed {self.tried - self.passed} (killed mid-work in {self.interrupted})"
        )


def drill_command() -> list[str]:
    """The installed `drill` executable (or `python -m drillcards`)."""
    found = shutil.which("drill")
    return [found] if found else [sys.executable, "-m", "drillcards"]


def drill_env(home: Path) -> dict[str, str]:
    """The environment of a `drill` process on `home` (with the caller's DRILL_NOW)."""
    return {**os.environ, "DRILL_HOME": str(home)}


def run_drill(
    home: Path, *args: str, stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `drill ARGS` to completion on `home`."""
    return subprocess.run(
        [*drill_command(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=drill_env(home),
        timeout=timeout,
    )


def invoke_drill(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run `drill ARGS` in this process (much faster than `run_drill`), with the same
    result; an exception that escaped the command shows as a traceback on stderr."""
    import traceback

    from typer.testing import CliRunner

    from drillcards.cli import app

    result = CliRunner().invoke(app, list(args), input=stdin, env={"DRILL_HOME": str(home)})
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "Traceback:\n" + "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, stderr)


def clean_failure(result: subprocess.CompletedProcess[str]) -> str | None:
    """Why a failed command did not fail cleanly (None: exit 1 and one `drill:` line)."""
    lines = result.stderr.strip().splitlines()
    if "Traceback" in result.stderr or "Error:" in result.stderr.split("drill:", 1)[0]:
        return f"traceback: {result.stderr[-500:]!r}"
    if result.returncode != 1:
        return f"exit {result.returncode}, stderr {result.stderr[-300:]!r}"
    if len(lines) != 1 or not lines[0].startswith("drill: "):
        return f"not one 'drill:' line: {result.stderr[-300:]!r}"
    return None


def install_tiny_pack(home: Path, questions: int = TINY_QUESTIONS) -> None:
    """Install the pack `tiny` of `questions` short questions in `home`."""
    body = "".join(
        f"  - {{id: q{n}, prompt: Question {n}?, key_terms: [term {n}]}}\n"
        for n in range(questions)
    )
    Library(home).install([parse_pack_text(f"id: tiny\ntitle: Tiny\nquestions:\n{body}")])


def database_report(home: Path) -> tuple[int, list[str]]:
    """The number of reviews and what is wrong with the database (empty: nothing)."""
    with Store.open(home / "drill.db") as store:
        problems = store.integrity_problems()
        differing = store.cards_differing_from_log(store.scheduler())
        if differing:
            problems.append(f"{len(differing)} cards differ from the log")
        return store.review_count(), problems


def _session_script(ratings: int) -> str:
    """Answers rated Again: the cards keep coming back, so the session never runs dry."""
    return "an answer with term 1\n.\n1\n" * ratings


def kill_sessions(home: Path, rounds: int, rng: random.Random, ratings: int = 12) -> Tally:
    """SIGKILL `drill start --plain` at a random moment while it records `ratings` ratings.

    Every review it confirmed ("Saved:" on stdout) must be stored, and none it was not
    sent: confirmed <= stored <= sent; the card states must match the log.
    """
    tally = Tally("SIGKILL during plain sessions")
    for round_number in range(rounds):
        tally.tried += 1
        before, _ = database_report(home)
        process = subprocess.Popen(
            [*drill_command(), "start", "--plain", "--pack", "tiny", "--new", "8"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=drill_env(home),
        )
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(_session_script(ratings).encode())
        process.stdin.flush()
        time.sleep(rng.uniform(0.2, 1.5))
        process.send_signal(signal.SIGKILL)
        output = process.stdout.read()
        process.wait(timeout=30)
        process.stdin.close()
        process.stdout.close()
        confirmed = output.count(b"Saved: ")
        after, problems = database_report(home)
        stored = after - before
        tally.interrupted += stored < ratings
        if not confirmed <= stored <= ratings:
            tally.fail(round_number, f"confirmed {confirmed}, stored {stored}, sent {ratings}")
        for problem in problems:
            tally.fail(round_number, problem)
    return tally


def time_to_finish(home: Path, args: list[str]) -> float:
    """Seconds `drill ARGS` takes on `home` when left alone (it is run once, to the end)."""
    started = time.monotonic()
    result = run_drill(home, *args, timeout=300)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


def kill_after(home: Path, args: list[str], seconds: float) -> None:
    """Start `drill ARGS` on `home` and SIGKILL it `seconds` later (if still running)."""
    process = subprocess.Popen(
        [*drill_command(), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=drill_env(home),
    )
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def big_pack_yaml(questions: int, version: int) -> str:
    """A pack `big` of `questions` questions whose text says `version`."""
    body = "".join(
        f"  - id: q{n}\n    prompt: Question {n} of version {version}?\n"
        f"    framework: A model answer of some length for question {n}. {'words ' * 20}\n"
        f"    key_terms: [term {n}, other {n}]\n"
        for n in range(questions)
    )
    return f"id: big\ntitle: Big v{version}\nversion: {version}\nquestions:\n{body}"


def kill_imports(
    home: Path, work: Path, rounds: int, rng: random.Random, questions: int = 3000
) -> Tally:
    """SIGKILL `drill import` of a large pack at a random moment (up to 1.3 times what an
    import takes): the installed pack is the old one or the new one, complete, never a
    mix or a damaged file."""
    tally = Tally("SIGKILL during drill import")
    versions = {}
    for version in (1, 2):
        source = work / f"big-v{version}.yaml"
        source.write_text(big_pack_yaml(questions + version, version), encoding="utf-8")
        versions[version] = source
    installed = home / "packs" / f"big{INSTALLED_SUFFIX}"
    duration = time_to_finish(home, ["import", str(versions[2])])
    installed.unlink()
    for round_number in range(rounds):
        tally.tried += 1
        version = 1 + round_number % 2
        kill_after(home, ["import", str(versions[version])], rng.uniform(0.1, 1.3 * duration))
        if not installed.exists():
            tally.interrupted += 1
            continue
        try:
            pack = load_pack_json(installed)
        except Exception as error:  # a half-written pack: the failure this looks for
            tally.fail(round_number, f"installed pack unreadable: {error}")
            continue
        tally.interrupted += pack.version != version
        expected = questions + pack.version if pack.version in (1, 2) else -1
        if len(pack.questions) != expected or pack.title != f"Big v{pack.version}":
            tally.fail(round_number, f"a mixed pack: {pack.title}, {len(pack.questions)}")
    return tally


def fill_review_log(home: Path, cards: int, reviews_per_card: int) -> None:
    """Write `cards * reviews_per_card` reviews quickly (no fsync), through the store."""
    from datetime import UTC, datetime, timedelta

    from drillcards.rating import Rating

    start = datetime(2026, 1, 1, tzinfo=UTC)
    with Store.open(home / "drill.db") as store:
        store.db.execute("PRAGMA synchronous = OFF")
        scheduler = store.scheduler()
        for number in range(reviews_per_card):
            for card in range(cards):
                store.record_review(
                    scheduler,
                    f"tiny/q{card % TINY_QUESTIONS}-{card}",
                    Rating.GOOD,
                    start + timedelta(days=number * 3, seconds=card),
                    score=0.5,
                    answer="answer",
                    duration_ms=1000,
                )


def kill_rebuilds(home: Path, rounds: int, rng: random.Random) -> Tally:
    """SIGKILL `drill doctor --rebuild` at a random moment (up to 1.3 times what a rebuild
    takes), the card states spoilt first:
    afterwards they are all spoilt (the rebuild did not commit) or all right, never a mix,
    and the log is untouched."""
    tally = Tally("SIGKILL during drill doctor --rebuild")
    reviews, _ = database_report(home)
    duration = time_to_finish(home, ["doctor", "--rebuild"])
    for round_number in range(rounds):
        tally.tried += 1
        with Store.open(home / "drill.db") as store:
            store.db.execute("UPDATE cards SET due = 0")
            cards = int(store.db.execute("SELECT count(*) FROM cards").fetchone()[0])
        kill_after(home, ["doctor", "--rebuild"], rng.uniform(0.1, 1.3 * duration))
        with Store.open(home / "drill.db") as store:
            if store.integrity_problems():
                tally.fail(round_number, f"damaged: {store.integrity_problems()[:3]}")
            differing = len(store.cards_differing_from_log(store.scheduler()))
            if store.review_count() != reviews:
                tally.fail(round_number, f"reviews {store.review_count()} != {reviews}")
        tally.interrupted += differing == cards
        if differing not in (0, cards):
            tally.fail(round_number, f"{differing} of {cards} cards rebuilt: not atomic")
    return tally


def concurrent_sessions(home: Path, work: Path, sessions: int, ratings: int) -> Tally:
    """`sessions` plain sessions at once on the same cards, and an import meanwhile:
    every review each session confirmed is stored, and the import installs its pack."""
    tally = Tally(f"{sessions} concurrent sessions and an import")
    tally.tried = 1
    before, _ = database_report(home)
    source = work / "extra.yaml"
    source.write_text(big_pack_yaml(500, 1).replace("id: big", "id: extra"), encoding="utf-8")
    processes = [
        subprocess.Popen(
            [*drill_command(), "start", "--plain", "--pack", "tiny", "--new", "8"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=drill_env(home),
        )
        for _ in range(sessions)
    ]
    importer = subprocess.Popen(
        [*drill_command(), "import", str(source)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=drill_env(home),
    )
    confirmed = 0
    for process in processes:
        out, err = process.communicate(_session_script(ratings).encode(), timeout=300)
        confirmed += out.count(b"Saved: ")
        if process.returncode != 0:
            tally.fail(0, f"a session exited {process.returncode}: {err[-300:]!r}")
    _, import_errors = importer.communicate(timeout=300)
    if importer.returncode != 0:
        tally.fail(0, f"the import exited {importer.returncode}: {import_errors[-300:]!r}")
    after, problems = database_report(home)
    if after - before != confirmed or confirmed != sessions * ratings:
        tally.fail(0, f"stored {after - before}, confirmed {confirmed}, sent {sessions * ratings}")
    for problem in problems:
        tally.fail(0, problem)
    return tally


def damaged_database_cases(home: Path, run: Callable[..., Any] = run_drill) -> Tally:
    """Truncated, overwritten, newer-schema databases and a deleted -wal: every command
    either works or fails with one line and exit 1. `run` runs one command."""
    tally = Tally("damaged databases")
    database = home / "drill.db"
    pristine = home.parent / "pristine.db"
    shutil.copy(database, pristine)
    commands = [
        ["packs"],
        ["stats"],
        ["doctor"],
        ["doctor", "--rebuild"],
        ["review", "--due", "--plain"],
    ]

    def truncated() -> None:
        with database.open("r+b") as stream:
            stream.truncate(database.stat().st_size // 2)

    def overwritten() -> None:
        data = bytearray(database.read_bytes())
        random.Random(7).shuffle(data)
        database.write_bytes(bytes(data[: len(data)]))

    def header_overwritten() -> None:
        with database.open("r+b") as stream:
            stream.write(b"\x00" * 100)

    def newer_schema() -> None:
        with sqlite3.connect(database) as db:
            db.execute("PRAGMA user_version = 99")

    def wal_deleted() -> None:
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)

    for name, spoil, must_fail in (
        ("truncated", truncated, False),
        ("overwritten", overwritten, True),
        ("header overwritten", header_overwritten, True),
        ("newer schema", newer_schema, True),
        ("-wal deleted", wal_deleted, False),
    ):
        for command in commands:
            tally.tried += 1
            shutil.copy(pristine, database)
            spoil()
            result = run(home, *command)
            if result.returncode == 0 and not must_fail:
                continue
            problem = clean_failure(result)
            if problem:
                tally.fail(tally.tried, f"{name}, drill {' '.join(command)}: {problem}")
    shutil.copy(pristine, database)
    return tally
