"""Submit -> feedback painted, in the real app driven by Textual's Pilot (headless).

Run by hand:  python bench/bench_tui_feedback.py [--cards 12]

A temporary DRILL_HOME with the TUI tests' sample pack; `drill start --pack tui-sample`
at 100x30. For each card: type a short answer, then time from pressing ctrl+s until the
feedback screen is shown and painted (the Pilot waits for the screen's refresh), then
rate Good. The first submit (matcher imports, warmed in the background in the real app)
is reported apart. Grading alone is timed too, as the floor. Target: <= 100 ms.
"""

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

TESTS_DATA = Path(__file__).resolve().parents[1] / "tests" / "tui" / "data"
ANSWER = "I would use a cache aside pattern with redis and a ttl"


async def measure(home: Path, cards: int) -> tuple[float, list[float], list[float]]:
    """(first submit, later submits, grading alone) in seconds."""
    from drillcards.matcher import grade
    from drillcards.tui.app import DrillApp, DrillOptions
    from drillcards.tui.screens.feedback import FeedbackScreen

    app = DrillApp(DrillOptions(home=home, pack_ids=["tui-sample"], start_at_once=True,
                                new_limit=cards + 1))  # fmt: skip
    submits: list[float] = []
    grading: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(cards):
            await pilot.press(*ANSWER)
            started = time.perf_counter()
            await pilot.press("ctrl+s")
            while not isinstance(app.screen, FeedbackScreen):
                await pilot.pause()
            await pilot.pause()  # painted
            submits.append(time.perf_counter() - started)
            question = app.screen.attempt.card.question
            started = time.perf_counter()
            grade(question, ANSWER)
            grading.append(time.perf_counter() - started)
            await pilot.press("3")
            await pilot.pause()
            if app.session is None or app.session.position > cards:
                break
    return submits[0], submits[1:], grading


def main() -> None:
    """Run the measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drill-bench-") as folder:
        home = Path(folder)
        os.environ["DRILL_HOME"] = str(home)
        from drillcards.library import Library
        from drillcards.packs import load_pack

        Library(home).install([load_pack(TESTS_DATA / "sample.yaml")])
        first, later, grading = asyncio.run(measure(home, args.cards))
    ms = [value * 1000 for value in later]
    print(f"first submit -> feedback painted: {first * 1000:.0f} ms")
    print(f"later submits ({len(ms)}): median {statistics.median(ms):.0f} ms "
          f"(min {min(ms):.0f}, max {max(ms):.0f}); target <= 100")  # fmt: skip
    print(f"grading alone: median {statistics.median(grading) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
