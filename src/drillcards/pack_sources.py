"""Where each installed pack was imported from, so that importing a different file that
derives the same pack id does not silently replace it.

The record is `$DRILL_HOME/pack-sources.json`: pack id -> the absolute, resolved path of
the file it was imported from. "The same file" means the same resolved path; moving or
renaming the file makes it another source (import it with `--replace` once). Packs
installed before this record existed have no entry and are updated like the same file.
"""

import json
import os
import tempfile
from pathlib import Path

SOURCES_FILE = "pack-sources.json"


def source_identity(path: Path) -> str:
    """The identity of an input file: its absolute path with symlinks resolved."""
    return str(path.expanduser().resolve())


def read_sources(home: Path) -> dict[str, str]:
    """The recorded source of each installed pack (empty when nothing is recorded or the
    record is unreadable: then no import is refused)."""
    try:
        data = json.loads((home / SOURCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(key): str(value) for key, value in data.items() if isinstance(value, str)}


def record_sources(home: Path, sources: dict[str, str]) -> None:
    """Record (atomically) the sources of packs just installed, keeping the others'."""
    merged = {**read_sources(home), **sources}
    home.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=home, prefix=".sources-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(merged, stream, indent=1, sort_keys=True)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, home / SOURCES_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def conflicting_source(recorded: dict[str, str], pack_id: str, source: str) -> str | None:
    """The other file the installed `pack_id` came from, or None when importing `source`
    may update it (no pack, no record, or the same file)."""
    previous = recorded.get(pack_id)
    return previous if previous is not None and previous != source else None
