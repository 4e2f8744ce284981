"""Format detection: by extension first, then by content."""

import shutil
from pathlib import Path

import pytest

from drillcards.errors import UserError
from drillcards.importers import detect_format, import_file, rename

DATA = Path(__file__).parent / "data" / "import"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("senior-fullstack-interview-questions.txt", "page"),
        ("anki-interview-deck.txt", "csv"),
        ("anki-semicolon.txt", "csv"),
        ("react-style-questions.md", "markdown"),
        ("system-design.csv", "csv"),
        ("behavioral.tsv", "csv"),
        ("anki-interview-deck.apkg", "apkg"),
    ],
)
def test_known_files(name, expected):
    assert detect_format(DATA / name) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("senior-fullstack-interview-questions.txt", "page"),
        ("output-quiz.md", "markdown"),
        ("anki-interview-deck.apkg", "apkg"),
        ("anki-interview-deck.txt", "csv"),
    ],
)
def test_content_decides_without_a_known_extension(tmp_path, source, expected):
    copy = tmp_path / "download.data"
    shutil.copyfile(DATA / source, copy)
    assert detect_format(copy) == expected


def test_tab_separated_text_without_headers(tmp_path):
    path = tmp_path / "deck.txt"
    path.write_text("What is DNS?\tName resolution\nWhat is TCP?\tA transport\n", "utf-8")
    assert detect_format(path) == "csv"
    assert [q.prompt for q in import_file(path)[0].pack.questions] == [
        "What is DNS?",
        "What is TCP?",
    ]


def test_folders_are_yaml_and_other_formats_refuse_them(tmp_path):
    assert detect_format(tmp_path) == "yaml"
    with pytest.raises(UserError, match="only YAML packs can be imported by folder"):
        import_file(tmp_path, "csv")
    with pytest.raises(UserError, match=r"no \.yaml pack files"):
        import_file(tmp_path)


def test_binary_and_unknown_content(tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(UserError, match="binary data"):
        detect_format(binary)
    prose = tmp_path / "prose.txt"
    prose.write_text("Some words.\nMore words.\n", "utf-8")
    with pytest.raises(UserError, match="cannot tell the format"):
        detect_format(prose)


def test_rename_checks_the_slug_and_the_count():
    imported = import_file(DATA / "behavioral.tsv")
    assert rename(imported, "soft-skills")[0].pack.id == "soft-skills"
    with pytest.raises(UserError, match="must be a slug"):
        rename(imported, "Soft Skills")
    with pytest.raises(UserError, match="exactly one pack"):
        rename(imported * 2, "soft-skills")
