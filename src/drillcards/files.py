"""Reading a user's file with a size limit, and one-line errors for every failure; the
data folder of an installed package."""

from importlib.util import find_spec
from pathlib import Path

from drillcards.errors import UserError


def read_limited(path: Path, limit: int, *, too_large: str = "file is too large") -> bytes:
    """The bytes of `path`; UserError when it is missing, a folder, unreadable or over `limit`.

    The size is checked before reading, and the read itself stops past the limit, so a
    file that grows meanwhile (or a pipe) cannot exhaust memory.
    """
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UserError(f"{path}: is a directory, not a file")
        if size > limit:
            raise UserError(f"{path}: {too_large} ({size:,} bytes; the limit is {limit:,})")
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    if len(data) > limit:
        raise UserError(f"{path}: {too_large} (over {limit:,} bytes)")
    return data


def package_folder(name: str) -> Path:
    """The folder of an installed package, found without importing it (importing
    `wordllama` or `spellchecker` to reach their data files costs time at every start);
    FileNotFoundError when it is not installed."""
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the {name} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))
