"""A large import's batches worked on by two processes: a forked helper converts every
other batch while this process converts the rest, so an import uses a second core.

The helper is a copy of this process made when the work starts: it reads the batches
from its own copy of the iterator (so they must come from data in memory, never from a
file both processes would read), converts the odd ones and sends the results back
through a pipe. No batch travels to it, and it never waits for this process to read
the input. It ends when it has sent its results or the pipe closes, so an import that
fails or is killed leaves no process behind and nothing written (installing stays this
process's job).
"""

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import TypeVar

from drillcards.errors import UserError

PIPE_BYTES = 1 << 20
"""The helper's pipe buffer: Linux's default maximum for an unprivileged process."""
Batch = TypeVar("Batch")
Result = TypeVar("Result")


def map_batches(
    function: Callable[[Batch], Result], batches: Iterable[Batch], *, fork: bool
) -> Iterator[Result]:
    """`function` of each batch, in order; with `fork`, every other batch is converted
    by a forked helper process at the same time (where the system can fork). With
    `fork`, `batches` must give the same batches in a copy of this process."""
    if not fork or not hasattr(os, "fork"):
        yield from map(function, batches)
        return
    iterator = iter(batches)
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe(duplex=False)  # (receiving end, sending end)
    _widen(theirs)
    helper = context.Process(target=_serve, args=(function, iterator, theirs, ours), daemon=True)
    helper.start()
    theirs.close()
    try:
        for index, batch in enumerate(iterator):
            yield _received(ours) if index % 2 else function(batch)
    finally:
        ours.close()  # the helper's next send fails, and it returns
        helper.join(timeout=5)
        if helper.is_alive():
            helper.kill()
            helper.join()


def _widen(connection: Connection) -> None:
    """Let the pipe hold a few batches' results (1 MiB, Linux), not 64 KiB: a result
    (~360 KB for 2,000 rows) no longer waits, half sent, for this process to finish the
    batch it is converting, so neither process waits on the other's every batch."""
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or a lower system limit
        pass


def _received(connection: Connection) -> Result:
    """The helper's next result (its error raised here)."""
    try:
        succeeded, value = connection.recv()
    except EOFError:
        raise RuntimeError("the import's helper process ended early") from None
    if not succeeded:
        raise value
    return value


def _serve(
    function: Callable[[Batch], Result],
    batches: Iterator[Batch],
    connection: Connection,
    other: Connection,
) -> None:
    """The helper: convert the odd batches of its copy of `batches`, sending each result
    (or the error that stopped it) until the batches end or the pipe closes."""
    other.close()
    try:
        for index, batch in enumerate(batches):
            if not index % 2:
                continue
            try:
                reply = (True, function(batch))
            except UserError as error:
                reply = (False, error)
            except Exception as error:  # a bug: reported by the importing process
                reply = (False, RuntimeError(f"import helper failed: {error!r}"))
            connection.send(reply)
            if not reply[0]:
                return
    except (KeyboardInterrupt, BrokenPipeError, ConnectionResetError):
        return  # the importing process was interrupted or has gone: nothing to report
    finally:
        connection.close()
