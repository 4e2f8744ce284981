"""When the drill app lets Python's cyclic garbage collector run: when it is idle.

Starting the app imports Textual, pydantic and the models (tens of thousands of objects
that live as long as the process), and the matcher's warm-up loads its word lists and
semantic model after the first paint. Left to itself, the collector scans all of that
again and again: its passes cost ~15 ms of the first paint, and once the matcher was
loaded a full pass took 130-190 ms, now and then between a submit and its feedback
(smaller passes added 2-10 ms to most submits).

So `drillcards.tui.run` takes the collector over before its imports (`take_over`: off).
The app calls `settle` once long-lived objects are loaded (the first screen painted, the
matcher warmed up): they are moved out of the collector's reach (`gc.freeze`). And it
calls `collect` once each new screen is painted, while the user reads it. In between,
reference counting frees what is dropped; only reference cycles wait, and the collector
runs by itself only after `BACKSTOP` more objects than were freed (a long stay on one
screen), never in the middle of the short work between a key and the next screen.

All three do nothing unless `take_over` was called, so an app run by the tests (Pilot)
leaves the test process's collector alone.
"""

import gc

BACKSTOP = 100_000
"""Objects allocated (net) after which the collector runs by itself, between `collect`s."""

_taken_over = False
"""True from `take_over` on: this process runs the drill app and its collector is ours."""


def take_over() -> None:
    """Turn the collector off until `settle` (called once, as the app starts)."""
    global _taken_over
    _taken_over = True
    gc.disable()


def settle() -> None:
    """Put every object alive now out of the collector's reach, for good (they live as
    long as the app), and let the collector run again after `BACKSTOP` allocations."""
    if _taken_over:
        gc.freeze()
        gc.set_threshold(BACKSTOP)
        gc.enable()


def collect() -> None:
    """Collect the garbage now (the app is idle: a screen has just been painted)."""
    if _taken_over:
        gc.collect()
