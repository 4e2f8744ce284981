"""The long fuzz campaign: >= 10,000 hostile inputs (hypothesis) across pack YAML,
CSV/Anki text, Markdown, pages, .apkg and answers. Prints tried / passed / failed per
kind, the slowest input, and the first failures.

Run by hand:  python bench/bench_fuzz.py [--examples 1700] [--seed 1] [--kinds Markdown,answers]

The strategies and the check are those of tests/test_fuzz.py (tests/fuzz_inputs.py):
`drill import` (in-process) of each input ends with exit 0 or 1 and no traceback,
within 10 s, and a failed import changes nothing in DRILL_HOME; `drill check` grades
each answer in time. A failure is counted and the run goes on (no shrinking). The zip
and zstd bombs are checked once each on top.
"""

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzz_inputs import BOMBS, IMPORT_KINDS, answers, check_answer, check_import
from hypothesis import HealthCheck, Phase, given, seed, settings


def campaign(
    kind: str, examples: int, random_seed: int, root: Path
) -> tuple[int, list[str], float]:
    """Run `examples` inputs of one kind; (tried, failures, slowest seconds)."""
    home, work = root / kind.replace("/", "-") / "home", root / kind.replace("/", "-") / "work"
    work.mkdir(parents=True)
    if kind == "answers":
        strategy, check = answers, lambda data: check_answer(home, work, data)
    else:
        strategy, suffix, file_format = IMPORT_KINDS[kind]
        check = lambda data: check_import(home, work, data, suffix, file_format)  # noqa: E731
    failures: list[str] = []
    slowest = 0.0
    tried = 0

    @seed(random_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # count every input once: no replay, no shrinking
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(data: str | bytes) -> None:
        nonlocal tried, slowest
        tried += 1
        started = time.monotonic()
        try:
            check(data)
        except AssertionError as error:
            failures.append(str(error).replace("\n", " | ")[-400:])
        except Exception as error:  # the harness itself: counted, reported
            failures.append(f"harness: {error!r}"[-400:])
        slowest = max(slowest, time.monotonic() - started)

    run()
    return tried, failures, slowest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1700, help="inputs per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--kinds", default=",".join([*IMPORT_KINDS, "answers"]), help="comma-separated kinds"
    )
    options = parser.parse_args()
    warnings.simplefilter("ignore")  # zipfile warns about the duplicate member names
    total_tried = total_failed = 0
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for kind in options.kinds.split(","):
            started = time.monotonic()
            tried, failures, slowest = campaign(kind, options.examples, options.seed, root)
            total_tried += tried
            total_failed += len(failures)
            print(
                f"{kind}: tried {tried}, passed {tried - len(failures)}, failed {len(failures)}; "
                f"slowest input {slowest:.1f} s; {time.monotonic() - started:.0f} s in all",
                flush=True,
            )
            for failure in failures[:3]:
                print(f"    {failure}")
        for name, make in BOMBS.items():
            started = time.monotonic()
            work = root / name / "work"
            work.mkdir(parents=True)
            try:
                result = check_import(root / name / "home", work, make(), ".apkg", "apkg")
                refused = result.returncode == 1
            except AssertionError as error:
                refused = False
                print(f"    {error}")
            total_tried += 1
            total_failed += not refused
            outcome = "refused" if refused else "NOT REFUSED"
            print(f"{name}: {outcome} in {time.monotonic() - started:.1f} s")
    passed = total_tried - total_failed
    print(f"all kinds: tried {total_tried}, passed {passed}, failed {total_failed}")


if __name__ == "__main__":
    main()
