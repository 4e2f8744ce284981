"""Anki cards as Anki shows them: templates, cloze note types, custom fields, hidden
<details>, LaTeX and media-only sides (issue #10)."""

from pathlib import Path

import pytest

from drillcards.errors import UserError
from drillcards.importers.anki_templates import readable_latex, render_card
from drillcards.importers.apkg import import_apkg, protobuf_strings

_TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_cloze_card_hides_only_its_own_deletion():
    fields = {"Passage": "{{c1::TCP}} is reliable; {{c2::UDP::protocol}} is not."}
    first = render_card("{{cloze:Passage}}", "{{cloze:Passage}}", fields, cloze=1, specials={})
    second = render_card("{{cloze:Passage}}", "{{cloze:Passage}}", fields, cloze=2, specials={})
    assert first.front == "[...] is reliable; UDP is not."
    assert second.front == "TCP is reliable; [protocol] is not."
    assert first.back == "TCP is reliable; UDP is not."
    assert (first.cloze_answers, second.cloze_answers) == (["TCP"], ["UDP"])


def test_conditional_sections_filters_and_the_answer_rule():
    fields = {"Q": "What is 2+2?", "Hint": "", "A": "4", "Audio": "[sound:x.mp3]"}
    card = render_card(
        "{{Q}}{{#Hint}}<br>Hint: {{Hint}}{{/Hint}}{{^Hint}} (no hint){{/Hint}}{{type:A}}",
        "{{FrontSide}}<hr id=answer>{{text:A}} {{tts en_US:Audio}}",
        fields,
        cloze=None,
        specials={},
    )
    assert card.front == "What is 2+2? (no hint)"
    assert card.back.strip() == "4"


def test_latex_is_kept_readable():
    assert readable_latex("[$]x^2[/$] and [$$]\\sum_i i[/$$] and [latex]\\alpha[/latex]") == (
        "\\(x^2\\) and \\[\\sum_i i\\] and \\alpha"
    )


def test_protobuf_strings_reads_template_formats():
    message = b"\x0a\x09{{Front}}\x12\x08{{Back}}\x18\x01"
    assert protobuf_strings(message) == {1: "{{Front}}", 2: "{{Back}}"}
    assert protobuf_strings(b"\x0a\xff") == {}  # truncated


@pytest.fixture
def collection(tmp_path):
    """A real Anki collection (skipped where the anki package is not installed)."""
    anki_collection = pytest.importorskip("anki.collection")
    made = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    yield made
    made.close()


def _export(collection, deck_id: int, path: Path, *, legacy: bool = False) -> Path:
    from anki.collection import DeckIdLimit, ExportAnkiPackageOptions

    options = ExportAnkiPackageOptions(
        with_scheduling=False, with_deck_configs=False, with_media=True, legacy=legacy
    )
    collection.export_anki_package(out_path=str(path), options=options, limit=DeckIdLimit(deck_id))
    return path


def _notetype(
    collection,
    name: str,
    fields: list[str],
    templates: list[tuple[str, str]],
    *,
    cloze: bool = False,
):
    models = collection.models
    notetype = models.new(name)
    if cloze:
        notetype["type"] = 1  # MODEL_CLOZE: a cloze kind whatever the field names
    for field_name in fields:
        models.add_field(notetype, models.new_field(field_name))
    for number, (front, back) in enumerate(templates, start=1):
        template = models.new_template(f"Card {number}")
        template["qfmt"], template["afmt"] = front, back
        models.add_template(notetype, template)
    models.add(notetype)
    return models.by_name(name)


@pytest.mark.parametrize("legacy", [False, True])
def test_custom_note_types_cloze_by_kind_and_two_templates(collection, tmp_path, legacy):
    deck_id = collection.decks.id("Custom")
    cloze = _notetype(
        collection,
        "Passage cloze",
        ["Passage", "Notes"],
        [("{{cloze:Passage}}", "{{cloze:Passage}}<br>{{Notes}}")],
        cloze=True,
    )
    note = collection.new_note(cloze)
    note["Passage"] = "An {{c1::index}} speeds up {{c2::reads}}."
    note["Notes"] = "Writes get slower."
    collection.add_note(note, deck_id)
    two_way = _notetype(
        collection,
        "Term both ways",
        ["Term", "Meaning", "Source"],
        [
            ("{{Term}}", "{{FrontSide}}<hr id=answer>{{Meaning}}"),
            ("{{Meaning}}", "{{FrontSide}}<hr id=answer>{{Term}}"),
        ],
    )
    note = collection.new_note(two_way)
    note["Term"], note["Meaning"], note["Source"] = "Idempotency", "Same result again", "wiki"
    collection.add_note(note, deck_id)
    pack = import_apkg(_export(collection, deck_id, tmp_path / "custom.apkg", legacy=legacy)).pack
    assert [(q.prompt, q.framework) for q in pack.questions] == [
        ("An [...] speeds up reads.", "An index speeds up reads.\nWrites get slower."),
        ("An index speeds up [...].", "An index speeds up reads.\nWrites get slower."),
        ("Idempotency", "Same result again"),
        ("Same result again", "Idempotency"),
    ]
    assert [t.term for t in pack.questions[0].key_terms] == ["index"]
    assert "wiki" not in pack.model_dump_json()  # a field no template shows


def test_hidden_details_on_the_front_and_media_only_sides(collection, tmp_path):
    deck_id = collection.decks.id("Mixed")
    basic = collection.models.by_name("Basic")
    collection.media.write_data("diagram.png", _TINY_PNG)
    for front, back in (
        ("What is a B-tree?<details><summary>Hint</summary>balanced</details>", "A tree."),
        ('<img src="diagram.png">', "The diagram."),
        ("Name this sound", "[sound:diagram.png]"),
    ):
        note = collection.new_note(basic)
        note["Front"], note["Back"] = front, back
        collection.add_note(note, deck_id)
    imported = import_apkg(_export(collection, deck_id, tmp_path / "mixed.apkg"))
    btree, sound = imported.pack.questions
    assert btree.prompt == "What is a B-tree?"
    assert btree.framework == "A tree.\n\nbalanced"
    assert sound.framework is None
    assert any(
        "note 2: skipped: the front is only an image or sound" in w for w in imported.warnings
    )
    assert any("note 3: the answer is only an image or sound" in w for w in imported.warnings)


def test_a_deck_of_only_images_is_refused_saying_why(collection, tmp_path):
    deck_id = collection.decks.id("Pictures")
    basic = collection.models.by_name("Basic")
    collection.media.write_data("a.png", _TINY_PNG)
    for _ in range(2):
        note = collection.new_note(basic)
        note["Front"], note["Back"] = '<img src="a.png">', "An answer"
        collection.add_note(note, deck_id)
    with pytest.raises(UserError, match="2 of 2 notes show only images or sounds on the front"):
        import_apkg(_export(collection, deck_id, tmp_path / "pictures.apkg"))
