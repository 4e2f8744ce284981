"""Anki notes (from .apkg packages and Anki's text format) as questions.

The first field (or the one named Front/Question/Prompt/Text) is the prompt, the others
the answer; an answer laid out in drillcards' sections ("Key Terminology", …) is read
back into them. Cloze deletions are blanked as "[...]" in the prompt, shown filled in
the answer, and become the key terms. Note GUIDs give stable question ids.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from drillcards.importers.anki_templates import Card
from drillcards.importers.building import dedupe_terms
from drillcards.importers.html_text import html_to_text, media_references
from drillcards.importers.run_together import Vocabulary
from drillcards.importers.sections import fields_from_sections, has_sections, split_sections
from drillcards.importers.slugs import content_id, id_from_guid

PROMPT_NAMES = frozenset(
    {"front", "question", "questions", "prompt", "text", "q", "term", "word", "query"}
)
ANSWER_NAMES = frozenset(
    {
        "back",
        "answer",
        "answers",
        "a",
        "framework",
        "back extra",
        "extra",
        "definition",
        "explanation",
        "solution",
    }
)
KEY_TERM_NAMES = frozenset({"key terms", "key_terms", "keyterms", "keywords", "terms"})
_CLOZE = re.compile(r"\{\{c\d+::((?:[^}]|\}(?!\}))*+)\}\}")
"""A cloze deletion, "{{c1::answer}}" or "{{c1::answer::hint}}", ending at the first "}}"."""
_EMPTY_VOCABULARY = Vocabulary(frozenset())
_DETAILS = re.compile(r"<details\b[^>]*>(.*?)</details\s*>", re.IGNORECASE | re.DOTALL)
_SUMMARY = re.compile(r"<summary\b[^>]*>.*?</summary\s*>", re.IGNORECASE | re.DOTALL)


@dataclass
class Note:
    """One Anki note (or CSV row) as read, before it becomes a question."""

    fields: list[str]
    names: Sequence[str | None] = ()
    """Field names where known (a notetype's fields, a CSV header), else None each."""
    tags: list[str] = field(default_factory=list)
    guid: str | None = None
    is_cloze: bool = False
    category: str | None = None
    notetype: str = ""
    """The note type's name where known (Anki's text export names it per row)."""


def prompt_role(name: str | None) -> str | None:
    """The role a field or column name gives: "prompt", "answer", "key_terms" or None."""
    return _role(name)


def _role(name: str | None) -> str | None:
    key = (name or "").strip().lower()
    if key in PROMPT_NAMES:
        return "prompt"
    if key in KEY_TERM_NAMES:
        return "key_terms"
    if key in ANSWER_NAMES:
        return "answer"
    return None


@lru_cache(maxsize=256)
def _roles(names: tuple[str | None, ...]) -> tuple[tuple[str | None, ...], int]:
    """The role of each named field, and the index of the prompt (the first field unless
    one is named as the prompt). Notes of one deck share their names: computed once."""
    roles = tuple(_role(name) for name in names)
    return roles, roles.index("prompt") if "prompt" in roles else 0


def split_key_terms(text: str) -> list[str]:
    """Key terms from one field: separated by ';' (or by line breaks)."""
    parts = re.split(r"[;\n]", text)
    return [part.strip() for part in parts if part.strip()]


def _cloze_end(text: str) -> int:
    """Where the last "}}" ends. No cloze deletion ends later: searching only this far keeps
    hostile text such as "{{c1::{{c1::{{c1::…" linear."""
    last = text.rfind("}}")
    return last + 2 if last >= 0 else 0


def _has_cloze(text: str) -> bool:
    return "{{c" in text and _CLOZE.search(text, 0, _cloze_end(text)) is not None


def _cloze_answer(match: re.Match[str]) -> str:
    return match.group(1).partition("::")[0]  # (without the hint)


def cloze_prompt_and_answers(text: str) -> tuple[str, str, list[str]]:
    """(text with deletions as "[...]", text with them filled in, the deleted answers)."""
    end = _cloze_end(text)
    head, tail = text[:end], text[end:]
    answers = [_cloze_answer(match) for match in _CLOZE.finditer(head)]
    blanked = _CLOZE.sub("[...]", head) + tail
    filled = _CLOZE.sub(_cloze_answer, head) + tail
    return blanked, filled, answers


def note_to_question(
    note: Note, *, html: bool, where: str, warnings: list[str]
) -> dict[str, Any] | None:
    """The question data of a note; None (with a warning) when it has no prompt."""
    values = (
        [html_to_text(value) for value in note.fields]
        if html
        else [value.strip() for value in note.fields]
    )
    names = tuple(note.names) or (None,) * len(values)
    roles, prompt_index = _roles(names)
    if not values or prompt_index >= len(values):
        warnings.append(f"{where}: empty note skipped")
        return None
    prompt = values[prompt_index]
    if "image-occlusion:" in prompt:
        warnings.append(f"{where}: image occlusion note skipped (images are not imported)")
        return None
    answer_parts: list[str] = []
    key_terms: list[str] = []
    for index, (value, name, role) in enumerate(zip(values, names, roles, strict=False)):
        if index == prompt_index or not value:
            continue
        if role == "key_terms":
            key_terms.extend(split_key_terms(value))
        elif role == "answer" or name is None:
            answer_parts.append(value)
        else:
            answer_parts.append(f"{name}: {value}")
    if note.is_cloze or _has_cloze(prompt):
        prompt, filled, answers = cloze_prompt_and_answers(prompt)
        answer_parts.insert(0, filled)
        cloze_terms = dict.fromkeys(answer.strip() for answer in answers if answer.strip())
        key_terms = [*cloze_terms, *key_terms]
    if not prompt.strip():
        if html and media_references(note.fields[prompt_index]):
            warnings.append(
                f"{where}: skipped: the front is only an image or sound, which drill cannot import"
            )
        else:
            warnings.append(f"{where}: note without a question (first field empty) skipped")
        return None
    if (
        html
        and not any(answer_parts)
        and any(
            media_references(value)
            for index, value in enumerate(note.fields)
            if index != prompt_index
        )
    ):
        warnings.append(
            f"{where}: the answer is only an image or sound, which drill cannot import; "
            "the question has no model answer"
        )
    question_id = id_from_guid(note.guid) if note.guid else content_id(prompt)
    return _question(prompt, answer_parts, key_terms, note, question_id, where, warnings)


def _question(
    prompt: str,
    answer_parts: list[str],
    key_terms: list[str],
    note: Note,
    question_id: str,
    where: str,
    warnings: list[str],
) -> dict[str, Any]:
    """The question data of a prompt and its answer parts (read back into drillcards'
    sections when laid out so)."""
    answer = "\n\n".join(answer_parts)
    fields: dict[str, Any]
    if has_sections(answer):
        fields = fields_from_sections(
            split_sections(answer.split("\n")), _EMPTY_VOCABULARY, where, warnings
        )
    else:
        fields = {"framework": answer} if answer.strip() else {}
    if key_terms:
        fields["key_terms"] = [*fields.get("key_terms", []), *key_terms]
    if "key_terms" in fields:
        fields["key_terms"] = dedupe_terms(fields["key_terms"], where, warnings)
    question: dict[str, Any] = {"id": question_id, "prompt": prompt, **fields}
    tags = [tag for tag in note.tags if tag]
    if tags:
        question["tags"] = list(dict.fromkeys(tags))
    if note.category:
        question["category"] = note.category
    return question


def _without_hidden_details(html: str) -> tuple[str, list[str]]:
    """(the HTML with its `<details>` blocks removed, the text each one hid)."""
    if "<details" not in html.lower():
        return html, []
    hidden = [html_to_text(_SUMMARY.sub("", match.group(1))) for match in _DETAILS.finditer(html)]
    return _DETAILS.sub("", html), [text for text in hidden if text]


def card_to_question(
    card: Card, note: Note, suffix: str, *, where: str, warnings: list[str]
) -> dict[str, Any] | None:
    """The question of one rendered card; None (with a warning) when its front shows
    nothing drill can import. A `<details>` block on the front stays hidden: its text
    goes to the answer. `suffix` tells apart the cards of one note ("" for the first)."""
    front, hidden = _without_hidden_details(card.front)
    prompt = html_to_text(front)
    if "image-occlusion:" in card.front:
        warnings.append(f"{where}: image occlusion note skipped (images are not imported)")
        return None
    if not prompt.strip():
        if media_references(card.front):
            warnings.append(
                f"{where}: skipped: the front is only an image or sound, which drill cannot import"
            )
        else:
            warnings.append(f"{where}: skipped: the card's front is empty")
        return None
    answer = html_to_text(card.back)
    if not answer.strip() and media_references(card.back):
        warnings.append(
            f"{where}: the answer is only an image or sound, which drill cannot import; "
            "the question has no model answer"
        )
    answer_parts = [answer] if answer.strip() else []
    answer_parts.extend(text for text in hidden if text not in answer)
    key_terms = list(dict.fromkeys(html_to_text(text).strip() for text in card.cloze_answers))
    for name, value in zip(note.names, note.fields, strict=False):
        if _role(name) == "key_terms" and value.strip():
            key_terms.extend(split_key_terms(html_to_text(value)))
    base = id_from_guid(note.guid) if note.guid else content_id(prompt)
    question_id = f"{base}-{suffix}" if suffix else base
    return _question(
        prompt,
        answer_parts,
        [term for term in key_terms if term],
        note,
        question_id,
        where,
        warnings,
    )


_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")
_REVERSED = re.compile(r"^basic \((?:and|optional) reversed card\)", re.IGNORECASE)


def stock_card_questions(
    note: Note, *, html: bool, where: str, warnings: list[str]
) -> list[dict[str, Any]]:
    """The questions of a note whose templates are not at hand (Anki's text export), one
    per card as Anki's stock note types make them: a cloze note one per deletion number,
    "Basic (and reversed card)" (or the optional one, its third field filled) a reversed
    second card."""
    if note.is_cloze:
        cards = _cloze_cards(note, html=html, where=where, warnings=warnings)
        if cards is not None:
            return cards
    question = note_to_question(note, html=html, where=where, warnings=warnings)
    if question is None:
        return []
    reverse = _reversed_note(note)
    if reverse is None:
        return [question]
    reversed_question = note_to_question(reverse, html=html, where=where, warnings=warnings)
    if reversed_question is None:
        return [question]
    reversed_question["id"] = f"{question['id']}-card2"
    return [question, reversed_question]


def _cloze_cards(
    note: Note, *, html: bool, where: str, warnings: list[str]
) -> list[dict[str, Any]] | None:
    """One question per deletion number, the other deletions shown filled (None when the
    note has fewer than two numbers: then it is one card)."""
    _, prompt_index = _roles(tuple(note.names) or (None,) * len(note.fields))
    text = note.fields[prompt_index] if prompt_index < len(note.fields) else ""
    end = _cloze_end(text)
    head, tail = text[:end], text[end:]
    numbers = sorted({int(number) for number in _CLOZE_NUMBER.findall(head)})
    if len(numbers) < 2:
        return None
    questions = []
    for number in numbers:
        marker = f"{{{{c{number}::"

        def keep_only(match: re.Match[str], marker: str = marker) -> str:
            return match.group(0) if match.group(0).startswith(marker) else _cloze_answer(match)

        fields = list(note.fields)
        fields[prompt_index] = _CLOZE.sub(keep_only, head) + tail
        card = Note(**{**note.__dict__, "fields": fields})
        question = note_to_question(card, html=html, where=where, warnings=warnings)
        if question is not None:
            if number != numbers[0]:
                question["id"] = f"{question['id']}-c{number}"
            questions.append(question)
    return questions


def _reversed_note(note: Note) -> Note | None:
    """The reversed card of a "Basic (and reversed card)" note, as a note; else None."""
    if not _REVERSED.match(note.notetype) or len(note.fields) < 2:
        return None
    optional = note.notetype.lower().startswith("basic (optional")
    if optional and not (len(note.fields) > 2 and note.fields[2].strip()):
        return None
    names = tuple(note.names[1::-1]) if len(note.names) >= 2 else ()
    return Note(**{**note.__dict__, "fields": [note.fields[1], note.fields[0]], "names": names})


def deck_title(deck: str) -> str:
    """A deck name as a pack title: "Interview::Backend" is "Interview / Backend"."""
    return " / ".join(part.strip() for part in deck.split("::") if part.strip())


def count_media(fields: list[str]) -> int:
    """How many images and sounds the note's fields refer to."""
    return sum(media_references(value) for value in fields)
