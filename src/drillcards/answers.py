"""Typed answers as the review log stores them: long ones compressed.

A 300-word answer is about 2 KB of text, and a year of daily drilling logs thousands of
them, so an answer of `COMPRESS_FROM_BYTES` or more is stored as a BLOB: one format byte,
then the compressed UTF-8 text. Answers are written in format 2: Zstandard (level 19)
with a fixed 32 KB dictionary (`answer_dictionary_2.zstd`) trained on the English prose
of third-party packages' docstrings (not on drillcards' packs, so it favours no pack;
`bench/train_answer_dictionary.py` made it). On technical 300-word answers it stores
6 % fewer bytes than format 1 (raw DEFLATE primed with common English words,
`answer_dictionary.txt`), which is still read. Shorter answers stay plain TEXT, as do
answers logged before compression existed. The dictionary of a format must never
change: a new dictionary needs a new format byte.
"""

import zlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import zstandard

COMPRESS_FROM_BYTES = 128
"""Answers shorter than this (in UTF-8) are stored as they are."""
FORMAT_DEFLATE_DICTIONARY_1 = 1
"""Format byte: raw DEFLATE with version 1 of the shared dictionary (read only)."""
FORMAT_ZSTD_DICTIONARY_2 = 2
"""Format byte: a Zstandard frame (no header extras) with the version 2 dictionary."""
_WINDOW_BITS = -15  # raw DEFLATE: no zlib header or checksum (SQLite checks the page)
_ZSTD_LEVEL = 19


def _resource(name: str) -> bytes:
    from importlib import resources  # ~2 ms to import: only a long answer needs it

    return (resources.files("drillcards") / name).read_bytes()


@cache
def _zstd_dictionary() -> "zstandard.ZstdCompressionDict":
    import zstandard  # only when answers are compressed or read: not at start-up

    return zstandard.ZstdCompressionDict(_resource("answer_dictionary_2.zstd"))


@cache
def _compressor() -> "zstandard.ZstdCompressor":
    import zstandard

    return zstandard.ZstdCompressor(
        level=_ZSTD_LEVEL,
        dict_data=_zstd_dictionary(),
        write_checksum=False,  # SQLite checks the page
        write_content_size=False,
        write_dict_id=False,  # the format byte names the dictionary
    )


def stored_answer(answer: str) -> str | bytes:
    """What the log stores for an answer: the text, or its compressed form when smaller."""
    data = answer.encode("utf-8")
    if len(data) < COMPRESS_FROM_BYTES:
        return answer
    packed = bytes([FORMAT_ZSTD_DICTIONARY_2]) + _compressor().compress(data)
    return packed if len(packed) < len(data) else answer


def answer_text(stored: str | bytes) -> str:
    """The answer text back from what the log stores."""
    if isinstance(stored, str):
        return stored
    if stored[:1] == bytes([FORMAT_ZSTD_DICTIONARY_2]):
        import zstandard

        decompressor = zstandard.ZstdDecompressor(dict_data=_zstd_dictionary())
        return decompressor.decompressobj().decompress(stored[1:]).decode("utf-8")
    if stored[:1] == bytes([FORMAT_DEFLATE_DICTIONARY_1]):
        inflater = zlib.decompressobj(_WINDOW_BITS, zdict=_resource("answer_dictionary.txt"))
        return (inflater.decompress(stored[1:]) + inflater.flush()).decode("utf-8")
    raise ValueError(f"unknown answer format {stored[:1]!r}")
