"""Failing cleanly and losing nothing: startup errors of the full-screen app, storage
faults (disk full, locked, read-only, damaged, newer schema) and processes killed at
random moments. A bounded campaign; bench/bench_faults.py runs the long one."""

import errno
import json
import os
import pty
import random
import select
import shutil
import sqlite3
import string
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_scenarios import (
    clean_failure,
    concurrent_sessions,
    damaged_database_cases,
    drill_command,
    drill_env,
    fill_review_log,
    install_tiny_pack,
    invoke_drill,
    kill_imports,
    kill_rebuilds,
    kill_sessions,
    run_drill,
)

from drillcards import store as store_module
from drillcards.errors import UserError
from drillcards.faults import describe_database_error, describe_os_error
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.store import SCHEMA_VERSION, Store

NOW = "2026-12-01T09:00:00+00:00"


@pytest.fixture
def tiny_home(drill_home: Path) -> Path:
    install_tiny_pack(drill_home)
    return drill_home


def run_in_terminal(home: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run `drill ARGS` on a pseudo-terminal (as a user would); its exit status and output."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [*drill_command(), *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**drill_env(home), "TERM": "xterm-256color", **(env or {})},
        close_fds=True,
    )
    os.close(terminal)
    output = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the process is gone
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    else:
        process.kill()
    os.close(controller)
    return process.wait(timeout=30), output.decode(errors="replace")


def _corrupt_pack(home: Path) -> str:
    (home / "packs").mkdir(parents=True, exist_ok=True)
    (home / "packs" / "broken.json").write_text("{garbage", encoding="utf-8")
    return str(home / "packs" / "broken.json")


def _garbage_database(home: Path) -> str:
    home.mkdir(parents=True, exist_ok=True)
    (home / "drill.db").write_bytes(random.Random(1).randbytes(8192))
    return str(home / "drill.db")


def _newer_schema(home: Path) -> str:
    Store.open(home / "drill.db").close()
    with sqlite3.connect(home / "drill.db") as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    return "upgrade drillcards"


STARTUP_CASES = {
    "corrupt pack": (_corrupt_pack, {}),
    "garbage database": (_garbage_database, {}),
    "newer schema": (_newer_schema, {}),
    "bad DRILL_NOW": (lambda home: "DRILL_NOW: not an ISO-8601 timestamp", {"DRILL_NOW": "bad"}),
}


@pytest.mark.parametrize(
    ("case", "command"),
    [
        *((case, ["start"]) for case in STARTUP_CASES),
        ("corrupt pack", ["start", "--pack", "tiny"]),
        ("garbage database", ["review", "--due"]),
        ("bad DRILL_NOW", ["review", "--due"]),
    ],
)
def test_the_full_screen_app_fails_at_start_with_one_line_and_exit_1(
    tiny_home: Path, case: str, command: list[str]
) -> None:
    spoil, env = STARTUP_CASES[case]
    expected = spoil(tiny_home)
    status, output = run_in_terminal(tiny_home, *command, env=env)
    lines = [line for line in output.replace("\r", "").splitlines() if line.strip()]
    assert status == 1, output
    assert "Traceback" not in output and "locals" not in output
    assert len(lines) == 1 and lines[0].startswith("drill: "), output
    assert expected in lines[0]


def test_a_data_directory_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "home-file"
    not_a_folder.write_text("x")
    pack = tmp_path / "new.yaml"
    pack.write_text("id: new\ntitle: New\nquestions:\n  - {id: a, prompt: A?}\n")
    for command in (["packs"], ["stats"], ["import", str(pack)], ["start", "--plain"]):
        result = invoke_drill(not_a_folder, *command)
        assert clean_failure(result) is None, result.stderr
        assert f"{not_a_folder}: the data directory is a file, not a folder" in result.stderr


INCOMPRESSIBLE = "".join(random.Random(7).choices(string.ascii_letters + string.digits, k=200_000))


def test_disk_full_is_one_line_and_changes_nothing(tiny_home: Path) -> None:
    with Store.open(tiny_home / "drill.db") as store:
        store.record_review(
            store.scheduler(),
            "tiny/q0",
            Rating.GOOD,
            store_module.from_ms(0),
            score=None,
            answer="",
            duration_ms=0,
        )
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full now
        with pytest.raises(UserError, match="the disk is full; free some space"):
            store.record_review(
                store.scheduler(),
                "tiny/q1",
                Rating.GOOD,
                store_module.from_ms(0),
                score=None,
                answer=INCOMPRESSIBLE,  # (long answers are stored compressed)
                duration_ms=0,
            )
        with pytest.raises(UserError, match="the disk is full"):
            store.save_draft("tiny/q1", "y" * 100_000, store_module.from_ms(0))
        assert store.review_count() == 1
        assert store.draft("tiny/q1") is None
        assert store.integrity_problems() == []


def test_a_database_locked_past_the_busy_timeout_is_one_line(
    tiny_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(tiny_home / "drill.db").close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(tiny_home / "drill.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(tiny_home / "drill.db") as store, pytest.raises(UserError) as caught:
            store.save_draft("tiny/q0", "an answer", store_module.from_ms(0))
        assert "locked by another drill process for more than" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def read_only_home(tiny_home: Path, tmp_path: Path) -> Iterator[Path]:
    """`tiny_home` with one review, mounted read-only elsewhere (needs root)."""
    result = run_drill(tiny_home, "start", "--plain", "--pack", "tiny", stdin="answer\n.\n3\n")
    assert result.returncode == 0, result.stderr
    mounted = tmp_path / "read-only-home"
    mounted.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only bind mount needs root (chmod does not stop root)")
    bind = subprocess.run(["mount", "--bind", str(tiny_home), str(mounted)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"mount --bind is not allowed here: {bind.stderr!r}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], check=True)
        yield mounted
    finally:
        subprocess.run(["umount", str(mounted)], check=True)


def test_a_read_only_home_reads_and_refuses_writes_in_one_line(
    read_only_home: Path, tmp_path: Path
) -> None:
    listing = sorted(os.listdir(read_only_home))
    for command in (["packs", "--json"], ["stats", "--json"], ["doctor"], ["export", "tiny"]):
        result = invoke_drill(read_only_home, *command)
        assert result.returncode == 0, (command, result.stderr)
    pack = tmp_path / "new.yaml"
    pack.write_text("id: new\ntitle: New\nquestions:\n  - {id: a, prompt: A?}\n")
    for command, reason in (
        (["import", str(pack)], "nothing installed"),
        (["start", "--plain"], "read-only"),
        (["review", "--due", "--plain"], "read-only"),
        (["doctor", "--rebuild"], "read-only"),
    ):
        result = invoke_drill(read_only_home, *command)
        assert clean_failure(result) is None, (command, result.stderr)
        assert reason in result.stderr
    status, output = run_in_terminal(read_only_home, "start")
    assert status == 1 and "read-only" in output and "Traceback" not in output
    assert sorted(os.listdir(read_only_home)) == listing


def test_a_read_only_home_lists_a_pack_its_stored_catalog_lacks(
    read_only_home: Path, tiny_home: Path
) -> None:
    """The catalog in the database cannot be updated: it is refreshed in memory."""
    extra = parse_pack_text("id: extra\ntitle: Extra\nquestions:\n  - {id: a, prompt: A?}\n")
    Library(tiny_home).install([extra])  # through the writable side of the mount
    result = invoke_drill(read_only_home, "packs", "--json")
    assert result.returncode == 0, result.stderr
    listed = {row["id"]: row["questions"] for row in json.loads(result.stdout)}
    assert listed["extra"] == 1 and listed["tiny"] == 8
    with Store.open(tiny_home / "drill.db", read_only=True) as store:
        stored = {row[0] for row in store.db.execute("SELECT pack_id FROM catalog_packs")}
    assert "extra" not in stored


def test_a_read_only_command_keeps_the_stored_catalog_fresh_when_it_can(tiny_home: Path) -> None:
    Store.open(tiny_home / "drill.db").close()  # a database with an empty catalog
    result = invoke_drill(tiny_home, "packs", "--json")
    assert result.returncode == 0, result.stderr
    with Store.open(tiny_home / "drill.db", read_only=True) as store:
        stored = {row[0] for row in store.db.execute("SELECT pack_id FROM catalog_packs")}
    assert "tiny" in stored  # the next command need not read the pack files again


def test_storage_errors_read_as_the_file_and_the_fix() -> None:
    denied = describe_os_error(PermissionError(errno.EACCES, "Permission denied", "/data/x"))
    assert denied.startswith("/data/x: Permission denied; check the permissions")
    full = describe_database_error(sqlite3.OperationalError("database or disk is full"), "d.db")
    assert full == "d.db: cannot write: the disk is full; free some space and try again"
    damaged = describe_database_error(sqlite3.DatabaseError("file is not a database"), "d.db")
    assert "d.db: the database is damaged" in damaged and "drill doctor" in damaged


def test_read_only_commands_create_no_database(drill_home: Path) -> None:
    for command in (["packs"], ["stats", "--json"], ["doctor"]):
        result = invoke_drill(drill_home, *command)
        assert result.returncode == 0, result.stderr
    assert not (drill_home / "drill.db").exists()


def test_damaged_databases_fail_cleanly(tiny_home: Path) -> None:
    result = run_drill(tiny_home, "start", "--plain", "--pack", "tiny", stdin="a\n.\n3\n" * 4)
    assert result.returncode == 0, result.stderr
    tally = damaged_database_cases(tiny_home, run=invoke_drill)
    assert tally.failures == [], tally.line()


def test_sessions_killed_at_random_moments_lose_and_duplicate_nothing(tiny_home: Path) -> None:
    tally = kill_sessions(tiny_home, rounds=2, rng=random.Random(11))
    assert tally.failures == [], tally.failures


def test_imports_killed_at_random_moments_leave_no_half_installed_pack(
    tiny_home: Path, tmp_path: Path
) -> None:
    tally = kill_imports(tiny_home, tmp_path, rounds=2, rng=random.Random(12), questions=600)
    assert tally.failures == [], tally.failures


def test_rebuilds_killed_at_random_moments_are_all_or_nothing(tiny_home: Path) -> None:
    fill_review_log(tiny_home, cards=150, reviews_per_card=4)
    tally = kill_rebuilds(tiny_home, rounds=2, rng=random.Random(13))
    assert tally.failures == [], tally.failures


def test_concurrent_sessions_and_an_import_lose_no_review(tiny_home: Path, tmp_path: Path) -> None:
    tally = concurrent_sessions(tiny_home, tmp_path, sessions=3, ratings=3)
    assert tally.failures == [], tally.failures
