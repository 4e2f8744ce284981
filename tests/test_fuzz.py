"""Hostile inputs (hypothesis): pack YAML, CSV/Anki text, Markdown, pages, .apkg and
answers never cause a traceback or a hang, and a failed import changes nothing.

A modest, derandomised run so the suite stays fast and repeatable; bench/bench_fuzz.py
runs the same strategies for >= 10,000 inputs."""

import tempfile
from pathlib import Path

import pytest
from fuzz_inputs import BOMBS, IMPORT_KINDS, answers, check_answer, check_import
from hypothesis import HealthCheck, given, settings

settings.register_profile(
    "drill-tests",
    max_examples=12,
    derandomize=True,
    deadline=None,  # the checks time each input themselves (TIME_LIMIT)
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("drill-tests")


@pytest.mark.parametrize("kind", list(IMPORT_KINDS))
def test_hostile_imports_fail_cleanly_and_change_nothing(kind: str) -> None:
    strategy, suffix, file_format = IMPORT_KINDS[kind]
    with tempfile.TemporaryDirectory() as folder:
        home, work = Path(folder) / "home", Path(folder) / "work"
        work.mkdir()

        @PROFILE
        @given(strategy)
        def run(data: str | bytes) -> None:
            check_import(home, work, data, suffix, file_format)

        run()


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_package_bombs_are_refused_in_time(bomb: str, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    result = check_import(tmp_path / "home", work, BOMBS[bomb](), ".apkg", "apkg")
    assert result.returncode == 1 and "nothing was imported" in result.stderr, result.stderr


def test_hostile_answers_are_graded_in_time() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home, work = Path(folder) / "home", Path(folder) / "work"
        work.mkdir()

        @PROFILE
        @given(answers)
        def run(answer: str) -> None:
            check_answer(home, work, answer)

        run()
