"""A large import's batches worked on by two processes: a forked helper converts every
other batch while this process converts the rest, so an import uses a second core.

The helper only computes: it gets batches and sends results back through a pipe, and
ends when the pipe closes, so an import that fails or is killed leaves no process
behind and nothing written (installing stays this process's job).
"""

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import TypeVar

from drillcards.errors import UserError

Batch = TypeVar("Batch")
Result = TypeVar("Result")


def map_batches(
    function: Callable[[Batch], Result], batches: Iterable[Batch], *, fork: bool
) -> Iterator[Result]:
    """`function` of each batch, in order; with `fork`, every other batch is converted
    by a forked helper process at the same time (where the system can fork)."""
    if not fork or not hasattr(os, "fork"):
        yield from map(function, batches)
        return
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    helper = context.Process(target=_serve, args=(function, theirs, ours), daemon=True)
    helper.start()
    theirs.close()
    try:
        iterator = iter(batches)
        for mine in iterator:
            other = next(iterator, None)
            if other is not None:
                ours.send(other)
            yield function(mine)
            if other is not None:
                yield _received(ours)
    finally:
        ours.close()  # the helper's end sees the pipe close, and returns
        helper.join(timeout=5)
        if helper.is_alive():
            helper.kill()
            helper.join()


def _received(connection: Connection) -> Result:
    """The helper's next result (its error raised here)."""
    try:
        succeeded, value = connection.recv()
    except EOFError:
        raise RuntimeError("the import's helper process ended early") from None
    if not succeeded:
        raise value
    return value


def _serve(function: Callable[[Batch], Result], connection: Connection, other: Connection) -> None:
    """The helper: convert each batch received until the pipe closes."""
    other.close()
    try:
        while True:
            try:
                batch = connection.recv()
            except EOFError:
                return
            try:
                reply = (True, function(batch))
            except UserError as error:
                reply = (False, error)
            except Exception as error:  # a bug: reported by the importing process
                reply = (False, RuntimeError(f"import helper failed: {error!r}"))
            connection.send(reply)
    except (KeyboardInterrupt, BrokenPipeError, ConnectionResetError):
        return  # the importing process was interrupted or has gone: nothing to report
