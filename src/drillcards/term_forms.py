"""The surface forms of a key term: what counts as mentioning it in an answer.

Pure text rules, without pydantic, so that a question read from the trusted catalog
(`drillcards.question_data`) is graded exactly like a validated `models.KeyTerm`.
"""

import re
from collections.abc import Sequence

_CROSS_OR_TRANS = re.compile(r"\b(?:cross|trans)")
_TRAILING_PARENTHESIS = re.compile(r"^(?P<full>[^()]+?)\s*\((?P<inner>[^()]+)\)$")


class TermTexts:
    """The `text` and `forms` of a key term: a class with the fields `term`, `aliases`,
    `any_of` and `label` of `models.KeyTerm` gets them from this mixin."""

    term: str | None
    aliases: Sequence[str]
    any_of: Sequence[str]
    label: str | None

    @property
    def text(self) -> str:
        """The display text: the term, or the group's label or first item."""
        return self.term or self.label or self.any_of[0]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form that counts as mentioning the term (see `term_forms`)."""
        return term_forms(self.any_of if self.any_of else [self.text, *self.aliases])


def term_forms(sources: Sequence[str]) -> tuple[str, ...]:
    """Every surface form of a term's texts (term then aliases, or a group's items),
    unique, first text first.

    A trailing parenthesis is optional: "Bounded Context (DDD)" yields "Bounded
    Context". When one side is the acronym of the other, as in "Change Data
    Capture (CDC)" or "MTTR (Mean Time To Resolution)", both are forms, the full
    form first. The other texts' forms follow.
    """
    forms: list[str] = []
    for text in sources:
        split = split_parenthesis(text)
        if split is None:
            forms.append(text)
        else:
            base, acronym = split
            forms.append(base)
            if acronym:
                forms.append(acronym)
    seen: set[str] = set()
    unique = []
    for form in forms:
        key = form.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(form)
    return tuple(unique)


def split_parenthesis(text: str) -> tuple[str, str | None] | None:
    """Split "Full Form (ACRONYM)" or "ACRONYM (Full Form)" into full form and acronym.

    Returns None when `text` has no trailing parenthesis, and `(text before the
    parenthesis, None)` when neither part is an acronym of the other. An acronym has
    at least two capitals or a digit ("CDC", "IaC", "K8s"), starts with the full
    form's first letter, and its letters appear in the full form in order.
    """
    match = _TRAILING_PARENTHESIS.match(text.strip())
    if not match:
        return None
    outer, inner = match.group("full").strip(), match.group("inner").strip()
    if _is_acronym_of(inner, outer):
        return outer, inner
    if _is_acronym_of(outer, inner):
        return inner, outer
    return outer, None


def _is_acronym_of(short: str, full: str) -> bool:
    if " " in short or len(short) > 12:
        return False
    if sum(ch.isupper() for ch in short) < 2 and not any(ch.isdigit() for ch in short):
        return False
    letters = [ch for ch in short.casefold() if ch.isalpha()]
    # "X" commonly stands for a word starting with "cross" or "trans" (XSS, XSRF, XML).
    crossed = _CROSS_OR_TRANS.sub("x", full.casefold())
    return any(_letters_in_order(letters, variant) for variant in (full.casefold(), crossed))


def _letters_in_order(letters: list[str], full: str) -> bool:
    full_letters = [ch for ch in full if ch.isalpha()]
    if not letters or not full_letters or letters[0] != full_letters[0]:
        return False
    remaining = iter(full_letters)
    return all(letter in remaining for letter in letters)
