"""Reading an input file safely: a size limit, and text that must really be text."""

import codecs
import re
from pathlib import Path

from drillcards.errors import UserError
from drillcards.files import read_limited

MAX_TEXT_BYTES = 32 * 1024 * 1024
"""Text inputs larger than this are refused before they are read (a 10,000-question CSV
is about 5 MB)."""


def check_size(path: Path, limit: int) -> int:
    """The size of `path` in bytes; UserError when it is missing, a folder or too large."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    if path.is_dir():
        raise UserError(f"{path}: is a folder; only YAML packs can be imported by folder")
    if size > limit:
        raise UserError(
            f"{path}: file is too large to import ({size:,} bytes; the limit is {limit:,})"
        )
    return size


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of `path`, refusing folders and files over `limit` bytes."""
    check_size(path, limit)
    return read_limited(path, limit, too_large="file is too large to import")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd\ud800-\udfff]")
_MAX_CONTROL_SHARE = 0.01


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return bool(sample) and len(_CONTROL.findall(sample)) > len(sample) * _MAX_CONTROL_SHARE


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (or BOM-marked UTF-16) text; a clear error for binary data or other encodings."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UserError(f"{path}: not valid UTF-16 text") from None
        if _looks_binary(text):
            raise UserError(f"{path}: binary data, not a text file")
        return text
    if b"\x00" in data[:65536]:
        raise UserError(f"{path}: binary data, not a text file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8 and import it again"
        ) from None
    if _looks_binary(text):
        raise UserError(f"{path}: binary data, not a text file")
    return text


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a text input: size-limited, UTF-8, newlines normalised to LF."""
    text = decode_text(read_bytes(path, limit), path)
    return text.replace("\r\n", "\n").replace("\r", "\n")
