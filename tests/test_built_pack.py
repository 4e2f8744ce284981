"""The compact validated pack an import installs (BuiltPack), and the ids PackBuilder gives."""

import hashlib
from pathlib import Path

import pytest

from drillcards.built_pack import BuiltPack
from drillcards.errors import UserError
from drillcards.importers.building import PackBuilder, make_pack
from drillcards.library import Library
from drillcards.packs import parse_pack_text

PACK = """\
id: tiny
title: Tiny
tags: [demo]
questions:
  - id: first
    prompt: "First? ünïcode"
    framework: "One.\\nTwo."
    key_terms: [alpha, {term: beta, aliases: [b]}]
  - id: second
    prompt: Second?
    category: Basics
"""


def test_installing_a_built_pack_writes_the_file_a_pack_model_gives(tmp_path: Path) -> None:
    pack = parse_pack_text(PACK)
    from_model = Library(tmp_path / "a").install([pack])[0]
    from_built = Library(tmp_path / "b").install_built([BuiltPack.of(pack)])[0]
    assert from_built.read_bytes() == from_model.read_bytes()
    assert BuiltPack.of(pack).model() == pack


def test_repeated_ids_get_the_hash_of_their_prompt_and_category(tmp_path: Path) -> None:
    questions = [
        {"id": "same", "prompt": "Same?", "category": "A"},
        {"id": "same", "prompt": "Same?", "category": "B"},
        {"id": "other", "prompt": "Other?"},
    ]
    built = make_pack(source=tmp_path / "x.md", pack_id="x", title="X", questions=questions)

    def suffix(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()[:6]

    first, second = suffix("Same?\nA"), suffix("Same?\nB")
    assert built.question_ids == [f"same-{first}", f"same-{second}", "other"]
    assert [q.id for q in built.model().questions] == built.question_ids


def test_repeats_with_the_same_prompt_are_told_apart_by_their_answer(tmp_path: Path) -> None:
    builder = PackBuilder(tmp_path / "x.md")
    builder.add({"id": "q", "prompt": "Q?", "framework": "one"})
    builder.add({"id": "q", "prompt": "Q?", "framework": "two"})
    builder.add({"id": "q", "prompt": "Q?", "framework": "two"})
    ids = builder.build(pack_id="x", title="X").question_ids
    one, two = (hashlib.sha1(text).hexdigest()[:6] for text in (b"Q?\n\none", b"Q?\n\ntwo"))
    assert ids == [f"q-{one}", f"q-{two}", f"q-{two}-2"]


def test_an_invalid_question_is_named_by_its_place_in_the_pack(tmp_path: Path) -> None:
    builder = PackBuilder(tmp_path / "x.md")
    builder.add({"id": "ok", "prompt": "Fine?"})
    with pytest.raises(UserError, match=r"x\.md: questions\[1\]\.prompt: must not be empty"):
        builder.add({"id": "bad", "prompt": "  "})


def test_an_invalid_header_and_no_questions_are_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no questions found"):
        PackBuilder(tmp_path / "x.md").build(pack_id="x", title="X")
    builder = PackBuilder(tmp_path / "x.md")
    builder.add({"id": "ok", "prompt": "Fine?"})
    with pytest.raises(UserError, match=r"x\.md: title: must not be empty"):
        builder.build(pack_id="x", title=" ")
