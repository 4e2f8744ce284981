"""Typed answers as the review log stores them: long ones compressed.

A 300-word answer is about 2 KB of text, and a year of daily drilling logs thousands of
them, so an answer of `COMPRESS_FROM_BYTES` or more is stored as a BLOB: one format byte,
then the compressed UTF-8 text. Answers are written in format 3: Brotli at quality 11,
whose built-in dictionary (part of the format, RFC 7932) holds common English and web
text, not drillcards' packs, so it favours no pack. On technical 300-word answers (the
bundled pack's model answers, 2,340 bytes) it stores 861 bytes, 8 % fewer than format 2,
in 2 ms. Formats 2 (Zstandard level 19 with a fixed 32 KB dictionary trained on
third-party docstrings, `answer_dictionary_2.zstd`, made by
`bench/train_answer_dictionary.py`: 937 bytes) and 1 (raw DEFLATE primed with common
English words, `answer_dictionary.txt`) are still read. Shorter answers stay plain TEXT,
as do answers logged before compression existed. What a format byte means must never
change: a new dictionary or method needs a new format byte.
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
"""Format byte: a Zstandard frame (no header extras) with the version 2 dictionary (read
only)."""
FORMAT_BROTLI_3 = 3
"""Format byte: a Brotli stream (quality 11, text mode)."""
_BROTLI_QUALITY = 11
_WINDOW_BITS = -15  # raw DEFLATE: no zlib header or checksum (SQLite checks the page)


def _resource(name: str) -> bytes:
    from importlib import resources  # ~2 ms to import: only a long answer needs it

    return (resources.files("drillcards") / name).read_bytes()


@cache
def _zstd_dictionary() -> "zstandard.ZstdCompressionDict":
    import zstandard  # only when answers are compressed or read: not at start-up

    return zstandard.ZstdCompressionDict(_resource("answer_dictionary_2.zstd"))


def stored_answer(answer: str) -> str | bytes:
    """What the log stores for an answer: the text, or its compressed form when smaller."""
    data = answer.encode("utf-8")
    if len(data) < COMPRESS_FROM_BYTES:
        return answer
    import brotli  # only when an answer is compressed: not at start-up

    packed = bytes([FORMAT_BROTLI_3]) + brotli.compress(
        data, quality=_BROTLI_QUALITY, mode=brotli.MODE_TEXT
    )
    return packed if len(packed) < len(data) else answer


def answer_text(stored: str | bytes) -> str:
    """The answer text back from what the log stores."""
    if isinstance(stored, str):
        return stored
    if stored[:1] == bytes([FORMAT_BROTLI_3]):
        import brotli

        return brotli.decompress(stored[1:]).decode("utf-8")
    if stored[:1] == bytes([FORMAT_ZSTD_DICTIONARY_2]):
        import zstandard

        decompressor = zstandard.ZstdDecompressor(dict_data=_zstd_dictionary())
        return decompressor.decompressobj().decompress(stored[1:]).decode("utf-8")
    if stored[:1] == bytes([FORMAT_DEFLATE_DICTIONARY_1]):
        inflater = zlib.decompressobj(_WINDOW_BITS, zdict=_resource("answer_dictionary.txt"))
        return (inflater.decompress(stored[1:]) + inflater.flush()).decode("utf-8")
    raise ValueError(f"unknown answer format {stored[:1]!r}")
