"""Anki card templates rendered as Anki shows a card: the front and the back of one card
of a note, as HTML (turned into text by `html_text`).

Supported: `{{Field}}`, filters (`text:`, `cloze:`, `hint:`, `type:`, `tts …:`,
`furigana:`/`kana:`/`kanji:`), the special fields `FrontSide`, `Tags`, `Deck`, `Subdeck`,
`Card`, `Type`, and conditional sections `{{#Field}}…{{/Field}}`, `{{^Field}}…{{/Field}}`.
On the front of cloze card N, deletion cN is "[...]" (or "[hint]") and the others show
their text; on the back every deletion shows its text. LaTeX in Anki's own markup
(`[latex]…[/latex]`, `[$]…[/$]`, `[$$]…[/$$]`) is kept as readable TeX.
"""

import re
from dataclasses import dataclass

_SECTION = re.compile(r"\{\{([#^])\s*([^}]+?)\s*\}\}(.*?)\{\{/\s*\2\s*\}\}", re.DOTALL)
_REPLACEMENT = re.compile(r"\{\{(?!\s*[#^/])\s*([^{}]+?)\s*\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::((?:[^}]|\}(?!\}))*?)(?:::((?:[^}]|\}(?!\}))*?))?\}\}")
_TAGS = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ANSWER_RULE = re.compile(r"<hr\s+id\s*=\s*[\"']?answer[\"']?\s*/?>", re.IGNORECASE)
_LATEX = (
    (re.compile(r"\[\$\$\](.*?)\[/\$\$\]", re.DOTALL), r"\\[\1\\]"),
    (re.compile(r"\[\$\](.*?)\[/\$\]", re.DOTALL), r"\\(\1\\)"),
    (re.compile(r"\[latex\](.*?)\[/latex\]", re.DOTALL | re.IGNORECASE), r"\1"),
)
_MAX_SECTION_PASSES = 20


@dataclass
class Card:
    """What one card shows: its front and the answer part of its back, as HTML."""

    front: str
    back: str
    cloze_answers: list[str]
    """The text of the deletions this card hides (cloze cards only)."""


def readable_latex(html: str) -> str:
    """Anki's `[latex]`/`[$]`/`[$$]` markup as plain TeX (`\\(…\\)`, `\\[…\\]`)."""
    if "[" not in html:
        return html
    for pattern, replacement in _LATEX:
        html = pattern.sub(replacement, html)
    return html


def _is_empty(value: str) -> bool:
    return not _TAGS.sub("", value).replace("&nbsp;", "").strip()


def _cloze(text: str, number: int | None, *, front: bool) -> str:
    def replace(match: re.Match[str]) -> str:
        if front and number is not None and int(match.group(1)) == number:
            return f"[{match.group(3) or '...'}]"
        return match.group(2)

    return _CLOZE.sub(replace, text) if "{{c" in text else text


def _field_value(
    spec: str, fields: dict[str, str], specials: dict[str, str], cloze: int | None, front: bool
) -> str:
    parts = [part.strip() for part in spec.split(":")]
    name, filters = parts[-1], [part.lower() for part in parts[:-1]]
    value = specials.get(name, fields.get(name))
    if value is None:
        return ""
    for applied in reversed(filters):
        if applied == "type" or applied.startswith("tts"):
            return ""  # a typing box, or the field read aloud: nothing shown
        if applied == "cloze":
            value = _cloze(value, cloze, front=front)
        elif applied == "text":
            value = _TAGS.sub("", value)
    return value


def render(
    template: str,
    fields: dict[str, str],
    *,
    specials: dict[str, str],
    cloze: int | None,
    front: bool,
) -> str:
    """One side of a card: the template with its fields filled in."""
    for _ in range(_MAX_SECTION_PASSES):

        def section(match: re.Match[str]) -> str:
            name = match.group(2).split(":")[-1].strip()
            value = specials.get(name, fields.get(name, ""))
            shown = not _is_empty(value) if match.group(1) == "#" else _is_empty(value)
            return match.group(3) if shown else ""

        rendered = _SECTION.sub(section, template)
        if rendered == template:
            break
        template = rendered
    return _REPLACEMENT.sub(
        lambda match: _field_value(match.group(1), fields, specials, cloze, front), template
    )


def render_card(
    question_format: str,
    answer_format: str,
    fields: dict[str, str],
    *,
    cloze: int | None,
    specials: dict[str, str],
) -> Card:
    """The front and the answer of a card. The answer is the back without the front it
    repeats: what follows `<hr id=answer>`, else the back with `{{FrontSide}}` empty."""
    front = render(question_format, fields, specials=specials, cloze=cloze, front=True)
    back = render(
        answer_format, fields, specials={**specials, "FrontSide": ""}, cloze=cloze, front=False
    )
    if "<!--" in back:
        back = _COMMENT.sub("", back)  # a commented-out <hr id=answer> is no rule
    rule = _ANSWER_RULE.search(back)
    if rule is not None:
        back = back[rule.end() :]
    answers = []
    if cloze is not None:
        for value in fields.values():
            answers.extend(
                match.group(2) for match in _CLOZE.finditer(value) if int(match.group(1)) == cloze
            )
    return Card(readable_latex(front), readable_latex(back), answers)
