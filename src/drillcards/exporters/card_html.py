"""A question as the HTML of an Anki note's two fields (front and back).

The back lays out the answer under the same section headings the importers read
("Answer Framework", "Key Terminology", …), so a deck exported by drillcards comes back
in with its sections. Every piece of pack text is HTML-escaped.
"""

from html import escape

from drillcards.importers.sections import HEADING_OF_FIELD, STAR_PARTS
from drillcards.models import Question


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def _items(values: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_text(value)}</li>" for value in values) + "</ul>"


def front_html(question: Question) -> str:
    """The prompt as HTML."""
    return _text(question.prompt)


def back_html(question: Question) -> str:
    """The model answer and the other sections as HTML."""
    blocks: list[str] = []
    if question.framework:
        blocks.append(f"<div>{_text(question.framework)}</div>")
    if question.star is not None:
        parts = [
            f"<div>{name.capitalize()}: {_text(text)}</div>"
            for name in STAR_PARTS
            if (text := getattr(question.star, name))
        ]
        if parts:
            blocks.append(f"<div><b>{HEADING_OF_FIELD['star']}</b></div>" + "".join(parts))
    lists = {
        "how_to_answer": question.how_to_answer,
        "key_points": question.key_points,
        "key_terms": [term.text for term in question.key_terms],
        "look_for": question.look_for,
        "mistakes": [mistake.text for mistake in question.mistakes],
    }
    for name, values in lists.items():
        if values:
            blocks.append(f"<div><b>{HEADING_OF_FIELD[name]}</b></div>{_items(values)}")
    return "<br>".join(blocks)


def anki_tags(question: Question) -> list[str]:
    """The question's tags as Anki tags (which cannot contain spaces)."""
    return ["_".join(tag.split()) for tag in question.tags]
