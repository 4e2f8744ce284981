"""The pack loader: every problem reported as `file:line:col: field: reason`."""

from pathlib import Path

import pytest

from drillcards.models import Pack
from drillcards.packs import PackInvalid, dump_pack, load_pack, parse_pack_text

GOOD = """\
id: demo
title: Demo pack
description: |
  Two lines
  of description.
version: 2
tags: [demo]
questions:
  - id: caching
    prompt: How would you design a cache?
    category: system-design
    tags: [caching]
    framework: |
      Use a CDN at the edge.
      Then Redis.
    star:
      situation: S
      result: R
    how_to_answer: [one, two]
    key_points: [TTL]
    key_terms:
      - Content Delivery Network (CDN)
      - term: Redis
        aliases: [redis cluster]
    look_for: [clarity]
    mistakes:
      - Ignoring invalidation
      - text: Caching everything forever
        triggers: [cache everything forever]
"""


def problems_of(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackInvalid) as caught:
        load_pack(path)
    return [str(problem) for problem in caught.value.problems]


def test_good_pack_loads(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(GOOD, encoding="utf-8")
    pack = load_pack(path)
    assert pack.id == "demo"
    question = pack.questions[0]
    assert question.framework == "Use a CDN at the edge.\nThen Redis."
    assert question.key_terms[1].aliases == ["redis cluster"]
    assert question.mistakes[1].triggers == ["cache everything forever"]
    assert question.star is not None and question.star.task is None


def test_dump_round_trips_to_an_equal_pack() -> None:
    pack = parse_pack_text(GOOD)
    dumped = dump_pack(pack)
    assert parse_pack_text(dumped) == pack
    assert "- Content Delivery Network (CDN)" in dumped  # plain terms stay plain strings
    assert "framework: |" in dumped  # multi-line text stays readable


def test_misspelt_key_gets_a_suggestion(tmp_path: Path) -> None:
    text = GOOD.replace("    key_terms:", "    key_term:")
    assert problems_of(text, tmp_path) == [
        f"{tmp_path / 'pack.yaml'}:21:5: questions[0]: unknown key 'key_term'"
        " (did you mean 'key_terms'?)"
    ]


def test_every_problem_is_reported_sorted_by_line(tmp_path: Path) -> None:
    text = """\
id: Bad Id
title: T
questions:
  - id: q
    prompt: ""
    key_terms:
      - Kafka
      - term: Redis
        aliases: redis
      - kafka
  - id: q
    prompt: Again?
    star: {situation: a, reslt: b}
"""
    lines = problems_of(text, tmp_path)
    where = [line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in lines]
    assert where == [
        "pack.yaml:1:5",
        "pack.yaml:5:13",
        "pack.yaml:9:18",
        "pack.yaml:10:9",
        "pack.yaml:11:5",
        "pack.yaml:13:26",
    ]
    assert "pack: id must be a slug" in lines[0]
    assert "questions[0]: prompt must not be empty" in lines[1]
    assert "questions[0].key_terms[1]: aliases must be a list of strings" in lines[2]
    assert "questions[0].key_terms[2]: key term 'kafka' is listed twice" in lines[3]
    assert "questions[1]: duplicate question id" in lines[4]
    assert "unknown key 'reslt' (did you mean 'result'?)" in lines[5]


def test_duplicate_question_id_alone(tmp_path: Path) -> None:
    text = "id: p\ntitle: T\nquestions:\n  - {id: a, prompt: x}\n  - {id: a, prompt: y}\n"
    [line] = problems_of(text, tmp_path)
    assert line.endswith(":5:5: questions[1]: duplicate question id 'a' (first as item 0)")


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = "id: p\ntitle: T\ntitle: U\nquestions:\n  - {id: a, prompt: x}\n"
    [line] = problems_of(text, tmp_path)
    assert line.endswith(":3:1: pack: key 'title' appears twice (first on line 2)")


def test_missing_required_fields(tmp_path: Path) -> None:
    lines = problems_of("id: p\nquestions:\n  - {id: a}\n", tmp_path)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "pack: title is required",
        "questions[0]: prompt is required",
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"id: p\ntitle: [unclosed\n", "not valid YAML"),
        (b"- a\n- b\n", "the top level must be a mapping"),
        (b"", "found an empty file"),
        (b"id: p\ntitle: caf\xe9\n", "file is not UTF-8 text"),
        (b"id: !!python/object/apply:os.system [echo hi]\n", "not valid YAML"),
    ],
)
def test_broken_files_give_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_bytes(content)
    with pytest.raises(PackInvalid) as caught:
        load_pack(path)
    assert len(caught.value.problems) == 1
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert isinstance(load_pack(path), Pack)


def test_an_alias_bomb_or_cycle_is_refused_at_once() -> None:
    levels = ['a0: &a0 ["lol"]'] + [
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)
    ]
    bomb = "\n".join(levels) + "\nid: bomb\ntitle: Bomb\nquestions: [{id: q, prompt: *a9}]\n"
    for text in (bomb, "id: x\ntitle: X\nquestions: &loop [*loop]\n"):
        with pytest.raises(PackInvalid, match="aliases expand the document"):
            parse_pack_text(text)


def test_a_few_aliases_are_still_fine() -> None:
    pack = parse_pack_text(
        "id: x\ntitle: X\nquestions:\n"
        "  - {id: a, prompt: A?, tags: &shared [one, two]}\n"
        "  - {id: b, prompt: B?, tags: *shared}\n"
    )
    assert pack.questions[1].tags == ["one", "two"]


def test_the_readme_s_complete_pack_example_is_valid() -> None:
    """The README's pack example uses every field, the 1.1 key terms too: it must load."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("A complete example:\n\n```yaml\n", 1)[1].split("```", 1)[0]
    pack = parse_pack_text(example, "README.md")
    terms = pack.questions[0].key_terms
    assert [term.text for term in terms][-2:] == [
        "a broker for invalidation events",
        "Service Mesh",
    ]
    assert terms[-1].optional
