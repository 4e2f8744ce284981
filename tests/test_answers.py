"""Typed answers in the review log: long ones compressed, every one read back unchanged,
also after migrating an old database."""

import random
import shutil
import sqlite3
import zlib
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
import zstandard

from drillcards.answers import (
    COMPRESS_FROM_BYTES,
    FORMAT_BROTLI_3,
    FORMAT_DEFLATE_DICTIONARY_1,
    FORMAT_ZSTD_DICTIONARY_2,
    answer_text,
    stored_answer,
)
from drillcards.rating import Rating
from drillcards.store import Store

FIXTURES = Path(__file__).parent / "data"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LONG_ANSWER = (
    "I would start with the strangler fig pattern: put an API gateway in front of the "
    "monolith, carve out one bounded context at a time, and keep the data in sync with "
    "change data capture until the old module can be switched off. " * 6
)


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "short",
        LONG_ANSWER,
        "Ça dépend — « idempotency » et 幂等性, with emoji 🙂. " * 20,
        "".join(chr(random.Random(7).randrange(32, 0x2FFF)) for _ in range(400)),  # noise
    ],
)
def test_every_answer_reads_back_unchanged(answer: str) -> None:
    assert answer_text(stored_answer(answer)) == answer


def test_a_long_answer_is_stored_compressed_and_a_short_one_as_text() -> None:
    packed = stored_answer(LONG_ANSWER)
    assert isinstance(packed, bytes)
    assert len(packed) < len(LONG_ANSWER.encode()) / 3
    assert stored_answer("x" * (COMPRESS_FROM_BYTES - 1)) == "x" * (COMPRESS_FROM_BYTES - 1)


def test_answers_are_written_in_format_3() -> None:
    assert stored_answer(LONG_ANSWER)[:1] == bytes([FORMAT_BROTLI_3])


def test_answers_logged_in_format_2_still_read_back() -> None:
    dictionary = (resources.files("drillcards") / "answer_dictionary_2.zstd").read_bytes()
    compressor = zstandard.ZstdCompressor(
        level=19,
        dict_data=zstandard.ZstdCompressionDict(dictionary),
        write_checksum=False,
        write_content_size=False,
        write_dict_id=False,
    )
    packed = compressor.compress(LONG_ANSWER.encode())
    assert answer_text(bytes([FORMAT_ZSTD_DICTIONARY_2]) + packed) == LONG_ANSWER


def test_answers_logged_in_format_1_still_read_back() -> None:
    dictionary = (resources.files("drillcards") / "answer_dictionary.txt").read_bytes()
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zdict=dictionary)
    packed = deflater.compress(LONG_ANSWER.encode()) + deflater.flush()
    assert answer_text(bytes([FORMAT_DEFLATE_DICTIONARY_1]) + packed) == LONG_ANSWER


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown answer format"):
        answer_text(b"\x09abc")


def test_the_log_keeps_the_whole_answer_in_its_history(tmp_path: Path) -> None:
    with Store.open(tmp_path / "drill.db") as store:
        store.record_review(
            store.scheduler(), "p/q", Rating.GOOD, NOW,
            score=0.5, answer=LONG_ANSWER, duration_ms=10,
        )  # fmt: skip
        [logged] = store.reviews_of("p/q")
        assert logged.answer == LONG_ANSWER
        [(kind,)] = store.db.execute("SELECT typeof(answer) FROM reviews").fetchall()
        assert kind == "blob"


def test_migrating_an_old_database_compresses_its_long_answers(tmp_path: Path) -> None:
    path = tmp_path / "drill.db"
    shutil.copy(FIXTURES / "old_schema_v1.db", path)
    with sqlite3.connect(path) as old:
        old.execute(
            "UPDATE reviews SET answer = ? WHERE id = (SELECT min(id) FROM reviews)",
            (LONG_ANSWER,),
        )
        before = old.execute("SELECT card_key, answer FROM reviews ORDER BY id").fetchall()
    with Store.open(path) as store:
        after = [(r.card_key, r.answer) for key, _ in before for r in store.reviews_of(key)]
        kinds = [row[0] for row in store.db.execute("SELECT typeof(answer) FROM reviews")]
    assert sorted(set(after)) == sorted(set(before))
    assert kinds.count("blob") == 1
