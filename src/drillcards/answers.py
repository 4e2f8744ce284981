"""Typed answers as the review log stores them: long ones compressed.

A 300-word answer is about 2 KB of text, and a year of daily drilling logs thousands of
them, so an answer of `COMPRESS_FROM_BYTES` or more is stored as a BLOB: one format byte,
then the UTF-8 text compressed with raw DEFLATE (zlib) primed with a shared dictionary of
common English words (`answer_dictionary.txt`), which helps most on short texts, where
DEFLATE alone finds little to repeat. Shorter answers stay plain TEXT, as do answers
logged before compression existed. The dictionary of a format must never change: a new
dictionary needs a new format byte.
"""

import zlib
from functools import cache
from importlib import resources

COMPRESS_FROM_BYTES = 128
"""Answers shorter than this (in UTF-8) are stored as they are."""
FORMAT_DEFLATE_DICTIONARY_1 = 1
"""Format byte: raw DEFLATE with version 1 of the shared dictionary."""
_WINDOW_BITS = -15  # raw DEFLATE: no zlib header or checksum (SQLite checks the page)


@cache
def _dictionary() -> bytes:
    return (resources.files("drillcards") / "answer_dictionary.txt").read_bytes()


def stored_answer(answer: str) -> str | bytes:
    """What the log stores for an answer: the text, or its compressed form when smaller."""
    data = answer.encode("utf-8")
    if len(data) < COMPRESS_FROM_BYTES:
        return answer
    compressor = zlib.compressobj(9, zlib.DEFLATED, _WINDOW_BITS, 9, zdict=_dictionary())
    packed = bytes([FORMAT_DEFLATE_DICTIONARY_1]) + compressor.compress(data) + compressor.flush()
    return packed if len(packed) < len(data) else answer


def answer_text(stored: str | bytes) -> str:
    """The answer text back from what the log stores."""
    if isinstance(stored, str):
        return stored
    if stored[:1] != bytes([FORMAT_DEFLATE_DICTIONARY_1]):
        raise ValueError(f"unknown answer format {stored[:1]!r}")
    decompressor = zlib.decompressobj(_WINDOW_BITS, zdict=_dictionary())
    return (decompressor.decompress(stored[1:]) + decompressor.flush()).decode("utf-8")
