"""Start-up of short commands as processes, next to `drill --version` and `import typer`.

Run by hand:  python bench/bench_startup.py [--runs 15]

Each round runs every command once, in turn (so load from other processes hits all
alike), in a DRILL_HOME that has already been used once (database made, packs indexed,
caches written). Prints the median and range of each, and the ratios of the targets:
`drill check` <= 2x `drill --version`; `drill packs` <= 2x `import typer`; `drill --help`
<= 1.5x `drill --version`. The package is byte-compiled first, as pip does.
"""

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ANSWER = b"I would use the strangler fig pattern behind an API gateway, with CDC for data.\n"


def timed(command: list[str], env: dict[str, str], stdin: bytes = b"") -> float:
    """Seconds of one process run to its end."""
    started = time.perf_counter()
    subprocess.run(command, input=stdin, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    """Run the measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    import drillcards

    compileall.compile_dir(os.path.dirname(drillcards.__file__), quiet=1)
    drill = shutil.which("drill")
    base = [drill] if drill else [sys.executable, "-m", "drillcards"]
    check = [*base, "check", "--pack", "senior-fullstack", "--question",
             "monolith-to-microservices"]  # fmt: skip
    commands = {
        "import typer": ([sys.executable, "-c", "import typer"], b""),
        "drill --version": ([*base, "--version"], b""),
        "drill --help": ([*base, "--help"], b""),
        "drill packs --json": ([*base, "packs", "--json"], b""),
        "drill check": (check, ANSWER),
        "drill stats --json": ([*base, "stats", "--json"], b""),
    }
    with tempfile.TemporaryDirectory(prefix="drill-bench-") as home:
        env = {**os.environ, "DRILL_HOME": home}
        for command, stdin in commands.values():
            timed(command, env, stdin)  # warm: database, catalog, common-word cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, stdin) in commands.items():
                times[name].append(timed(command, env, stdin))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(
            f"{name:20} median {median[name]:.3f} s (min {min(values):.3f}, max {max(values):.3f})"
        )
    for name, reference, target in (
        ("drill check", "drill --version", 2.0),
        ("drill packs --json", "import typer", 2.0),
        ("drill --help", "drill --version", 1.5),
    ):
        ratio = median[name] / median[reference]
        print(f"{name} / {reference}: {ratio:.2f}x (target <= {target})")


if __name__ == "__main__":
    main()
