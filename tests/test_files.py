"""Reading a user's file: one-line errors, and never more than the limit."""

from pathlib import Path

import pytest

from drillcards.errors import UserError
from drillcards.files import read_limited


def test_reads_a_file_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert read_limited(path, 3) == b"abc"


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("folder", "dir", "is a directory, not a file"),
        ("big.txt", b"abcd", "answer is too long (4 bytes; the limit is 3)"),
    ],
)
def test_errors_are_one_line(
    tmp_path: Path, name: str, make: bytes | str | None, message: str
) -> None:
    path = tmp_path / name
    if make == "dir":
        path.mkdir()
    elif isinstance(make, bytes):
        path.write_bytes(make)
    with pytest.raises(UserError) as caught:
        read_limited(path, 3, too_large="answer is too long")
    assert str(caught.value) == f"{path}: {message}"
