"""Files derived from installed data (word lists, vocabularies), kept under the data
directory's `cache/` folder so that the next start reads them back in a few
milliseconds instead of decoding the original again.

A cache is written only when the data directory already exists (grading an answer
never creates it), and any failure to read or write one just means no cache.
"""

import os
from pathlib import Path

CACHE_FOLDER = "cache"
"""The folder of the data directory holding the caches."""


def cache_path(name: str) -> Path | None:
    """The cache file `name`; None when there is no usable data directory."""
    from drillcards.errors import UserError
    from drillcards.home import data_home

    try:
        return data_home() / CACHE_FOLDER / name
    except UserError:  # DRILL_HOME names a file: everything works, uncached
        return None


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file whole (a reader never sees half of it), if the data directory
    exists; an unwritable data directory just means no cache."""
    if not path.parent.parent.is_dir():
        return
    import tempfile  # ~1 ms to import, and only a cache miss writes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
