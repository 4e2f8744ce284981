"""Start-up of short commands as processes, next to `drill --version` and `import typer`.

Run by hand:  python bench/bench_startup.py [--runs 15] [--baseline SRC] [--fresh]

Each round runs every command once, in turn (so load from other processes hits all
alike), in a DRILL_HOME that has already been used once (`drill config` made the
database, the warm-up run indexed the packs and wrote the caches); with `--fresh`, in
a DRILL_HOME that does not exist (nothing can be cached: every run starts from zero).
Prints the median and range of each, and the ratios of the targets:
`drill check` <= 2x `drill --version`; `drill packs` <= 2x `import typer`; `drill --help`
<= 1.5x `drill --version`. The package is byte-compiled first, as pip does.
`--baseline SRC` also runs every drill command with another drillcards source tree on
PYTHONPATH (e.g. an export of main), in the same rounds, with its own DRILL_HOME.
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
    parser.add_argument("--baseline", help="src/ folder of another drillcards")
    parser.add_argument("--fresh", action="store_true", help="never create the DRILL_HOME")
    args = parser.parse_args()
    import drillcards

    compileall.compile_dir(os.path.dirname(drillcards.__file__), quiet=1)
    if args.baseline:
        compileall.compile_dir(args.baseline, quiet=1)
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
    with tempfile.TemporaryDirectory(prefix="drill-bench-") as folder:
        env = {**os.environ, "DRILL_HOME": os.path.join(folder, "home")}
        runs = [(name, command, stdin, env) for name, (command, stdin) in commands.items()]
        if args.baseline:
            old = {**env, "DRILL_HOME": os.path.join(folder, "old"), "PYTHONPATH": args.baseline}
            runs += [
                (f"baseline {name}", command, stdin, old)
                for name, (command, stdin) in commands.items()
                if name.startswith("drill")
            ]
        for _, command, stdin, run_env in runs:
            if not args.fresh and not os.path.isdir(run_env["DRILL_HOME"]):
                timed([*base, "config"], run_env)  # makes the data directory and database
            timed(command, run_env, stdin)  # warm: database, catalog, common-word cache
        times: dict[str, list[float]] = {name: [] for name, _, _, _ in runs}
        for _ in range(args.runs):
            for name, command, stdin, run_env in runs:
                times[name].append(timed(command, run_env, stdin))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        spread = f"(min {min(values):.3f}, max {max(values):.3f})"
        print(f"{name:29} median {median[name]:.3f} s {spread}")
    for prefix in ("", "baseline ") if args.baseline else ("",):
        for name, reference, target in (
            ("drill check", "drill --version", 2.0),
            ("drill packs --json", "import typer", 2.0),
            ("drill --help", "drill --version", 1.5),
        ):
            base = reference if reference == "import typer" else prefix + reference
            ratio = median[prefix + name] / median[base]
            print(f"{prefix}{name} / {base}: {ratio:.2f}x (target <= {target})")


if __name__ == "__main__":
    main()
