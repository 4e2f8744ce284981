"""One-line descriptions of storage faults: what went wrong with which file, and the fix.

Every front end reports an `OSError` or an `sqlite3.Error` through these, so a full
disk, a read-only data directory, a locked or damaged database reads the same in the
command line, the line mode and the full-screen app. No module here imports sqlite3:
errors are recognised by SQLite's own error names, so the command line stays fast.
"""

import errno
import os
from pathlib import Path

from drillcards.errors import UserError

DOCTOR_HINT = "run drill doctor to check it, or move the file aside to start afresh"

_OS_FIXES = {
    errno.EACCES: "check the permissions (or point DRILL_HOME at a folder you can write)",
    errno.EPERM: "check the permissions (or point DRILL_HOME at a folder you can write)",
    errno.EROFS: "point DRILL_HOME at a writable folder",
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "the disk quota is used up; free some space and try again",
    errno.ENOTDIR: "a part of the path is a file, not a folder; check DRILL_HOME",
    errno.EEXIST: "a file of that name is in the way; move it aside or check DRILL_HOME",
    errno.EISDIR: "that is a folder, not a file",
}


def describe_os_error(error: OSError, path: Path | str | None = None) -> str:
    """`path: reason; fix` for an error of the operating system."""
    where = path if path is not None else error.filename
    reason = error.strerror or str(error)
    fix = _OS_FIXES.get(error.errno or 0)
    text = f"{where}: {reason}" if where is not None else reason
    return f"{text}; {fix}" if fix else text


def describe_database_error(error: Exception, path: Path | str) -> str:
    """`path: reason; fix` for an `sqlite3.Error` about the database at `path`."""
    name = str(getattr(error, "sqlite_errorname", "") or "")
    message = str(error)
    if name.startswith("SQLITE_BUSY") or "locked" in message:
        return (
            f"{path}: the database stayed locked by another drill process for more than "
            "30 s; try again when it has finished"
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in message:
        return (
            f"{path}: cannot write: the database is read-only; check the permissions "
            "of the file and its folder (or point DRILL_HOME at a writable folder)"
        )
    if name.startswith("SQLITE_FULL") or "full" in message:
        return f"{path}: cannot write: the disk is full; free some space and try again"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in message:
        return f"{path}: the database is damaged ({message}); {DOCTOR_HINT}"
    if "not a database" in message:
        return f"{path}: the database is damaged ({message}); {DOCTOR_HINT}"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in message:
        folder = Path(path).parent
        if folder.is_dir() and not os.access(folder, os.W_OK):
            return (
                f"{path}: cannot write: {folder} is read-only; check its permissions "
                "(or point DRILL_HOME at a writable folder)"
            )
        return (
            f"{path}: cannot open the database; check that its folder exists and "
            "can be written (or point DRILL_HOME at a writable folder)"
        )
    if name.startswith("SQLITE_IOERR"):
        return f"{path}: input/output error ({message}); check the disk, then {DOCTOR_HINT}"
    return f"{path}: database error: {message}"


def database_failure(error: Exception, path: Path | str) -> UserError:
    """The UserError to raise in place of an `sqlite3.Error` about `path`."""
    return UserError(describe_database_error(error, path))
