"""The sections of a model answer, as interview-question pages lay them out.

"Answer Framework", "STAR Example", "How to Answer", "Key Points to Mention", "Key
Terminology", "What Interviewers Look For" and "Common Mistakes to Avoid" headings
each start a section; bullets (•, ✓, ✗, -, *) start list items; STAR examples come as
letter and label lines ("S" / "Situation" / text), as inline labels ("Outcome: …"), or
as one paragraph. Used by the page importer and for the answers of Anki notes and CSV
rows (which is how packs exported by drillcards come back in with their sections).
"""

import re
from dataclasses import dataclass, field
from typing import Any

from drillcards.importers.run_together import Vocabulary, split_run_together

SECTION_NAMES: dict[str, str] = {
    "answer framework": "framework",
    "framework": "framework",
    "model answer": "framework",
    "sample answer": "framework",
    "example answer": "framework",
    "suggested answer": "framework",
    "star example": "star",
    "star method example": "star",
    "example star answer": "star",
    "star answer": "star",
    "how to answer": "how_to_answer",
    "how to approach": "how_to_answer",
    "how to approach this question": "how_to_answer",
    "key points to mention": "key_points",
    "key points": "key_points",
    "key terminology": "key_terms",
    "key terms": "key_terms",
    "keywords": "key_terms",
    "what interviewers look for": "look_for",
    "what interviewers are looking for": "look_for",
    "what the interviewer is looking for": "look_for",
    "common mistakes to avoid": "mistakes",
    "common mistakes": "mistakes",
    "mistakes to avoid": "mistakes",
    "pitfalls to avoid": "mistakes",
}
"""Heading text (lower case, without icons and a trailing colon) to the pack field."""

HEADING_OF_FIELD: dict[str, str] = {
    "framework": "Answer Framework",
    "star": "STAR Example",
    "how_to_answer": "How to Answer",
    "key_points": "Key Points to Mention",
    "key_terms": "Key Terminology",
    "look_for": "What Interviewers Look For",
    "mistakes": "Common Mistakes to Avoid",
}
"""The heading each field is written under (by exporters) and read back from."""

BULLET_CHARACTERS = "•●○◦▪▫■□►▸‣⁃∙·✓✔☑✗✘✕✖❌✅➤→"
_BULLET = re.compile(rf"^\s*(?:[{BULLET_CHARACTERS}]|[-*+–](?=\s|[{BULLET_CHARACTERS}]))")
_LEADING_MARKS = re.compile(rf"^(?:\s|[{BULLET_CHARACTERS}]|[-*+–](?=\s|[{BULLET_CHARACTERS}]))*")
_ICON_ONLY = re.compile(r"^[^\w\s]{1,3}$")
_NOT_HEADING_TEXT = re.compile(r"^[^\w]+|[\s:]+$")

STAR_PARTS = ("situation", "task", "action", "result")
_STAR_LABELS = {
    "situation": "situation",
    "task": "task",
    "action": "action",
    "result": "result",
    "outcome": "result",
    "results": "result",
}
_STAR_LETTERS = {"S": "situation", "T": "task", "A": "action", "R": "result"}
_INLINE_LABEL = re.compile(
    r"(?:^|(?<=[.!?])\s+)(Situation|Task|Action|Result|Outcome)\s*:\s*", re.IGNORECASE
)
_CUT_OFF_LABEL = re.compile(
    r"(?:^|(?<=[.!?]))\s*\b(Si|Sit|Situ|Situa|Situat|Situati|Situatio|Ta|Tas|Ac|Act|Acti|"
    r"Actio|Re|Res|Resu|Resul|Ou|Out|Outc|Outco|Outcom)$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")
_RESULT_CUES = re.compile(
    r"^(This|These|That|As a result|The result|Result|Outcome|Ultimately|In the end|"
    r"Consequently|Overall|Eventually|Within)\b"
)
_TASK_CUES = re.compile(
    r"\b(tasked|my goal|our goal|the goal|I needed to|I had to|we needed to|"
    r"responsible for|my role|my task|objective|(?:was|were) (?:asked|assigned|charged) "
    r"(?:to|with))\b",
    re.IGNORECASE,
)
_ACTION_START = re.compile(r"^(I|We)\b")


def section_of(line: str) -> str | None:
    """The pack field a heading line starts, or None when the line is not a heading."""
    text = _NOT_HEADING_TEXT.sub("", line.strip()).lower()
    return SECTION_NAMES.get(text)


def is_bullet(line: str) -> bool:
    """True when the line starts a list item (•, ✓, ✗, -, * and the like)."""
    return bool(_BULLET.match(line))


def strip_bullet(line: str) -> str:
    """The text of a list item without its bullets and check marks."""
    return _LEADING_MARKS.sub("", line, count=1).strip()


def is_icon_line(line: str) -> bool:
    """True for decorative lines made of a symbol or two ("★", "💡")."""
    return bool(_ICON_ONLY.match(line.strip()))


@dataclass
class Sections:
    """Lines of each section of one answer, in the order met."""

    lines: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, line: str) -> None:
        """Append a line to section `name`."""
        self.lines.setdefault(name, []).append(line)


_FIRST_LETTERS = re.escape("".join(sorted({name[0] for name in SECTION_NAMES})))
_ANY_HEADING = re.compile(
    # The first letter looked ahead for, and a prefix never given back (no name starts
    # with what it matches): the same lines, searched in half the time.
    rf"^[^\w\n]*+(?=[{_FIRST_LETTERS}])(?:"
    + "|".join(re.escape(name) for name in SECTION_NAMES)
    + r")[\s:]*$",
    re.IGNORECASE | re.MULTILINE,
)


def has_sections(text: str) -> bool:
    """True when `text` has a line that is a section heading."""
    return bool(_ANY_HEADING.search(text))


def split_sections(lines: list[str], first: str = "framework") -> Sections:
    """Sort lines into sections by their headings; text before any heading goes to `first`."""
    sections = Sections()
    current = first
    for line in lines:
        name = section_of(line)
        if name is not None:
            current = name
            sections.lines.setdefault(name, [])
            continue
        if is_icon_line(line):
            continue
        sections.add(current, line)
    return sections


def block_text(lines: list[str]) -> str:
    """Lines as one block: each stripped, runs of blank lines as one, no outer blanks."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def list_items(lines: list[str]) -> list[str]:
    """List items: each bullet starts one; other lines continue the item before them."""
    return split_list(lines)[0]


def split_list(lines: list[str]) -> tuple[list[str], list[str]]:
    """(list items, lines after the list): each bullet starts an item, a line right after
    an item continues it, and text after a blank line that follows bullets ends the list
    (on scraped pages it is page chrome, or a section this importer does not know)."""
    items: list[str] = []
    bulleted = after_blank = False
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            after_blank = True
            continue
        if is_bullet(raw):
            bulleted = True
        elif bulleted and after_blank:
            return items, [rest.strip() for rest in lines[index:] if rest.strip()]
        if is_bullet(raw) or not items:
            text = strip_bullet(line)
            if text:
                items.append(text)
        else:
            items[-1] = f"{items[-1]} {line}"
        after_blank = False
    return items, []


def run_together_items(lines: list[str], vocabulary: Vocabulary) -> list[str]:
    """Items of a list section that may have lost its separators (one item per bullet, or
    items run together on a line)."""
    if any(is_bullet(line) for line in lines):
        return list_items(lines)
    items: list[str] = []
    for line in lines:
        items.extend(split_run_together(line, vocabulary))
    return items


@dataclass
class StarParse:
    """A STAR example read from a section, with notes about what had to be guessed."""

    parts: dict[str, str]
    warnings: list[str]


def parse_star(lines: list[str]) -> StarParse:
    """Read a STAR example: letter + label lines, label lines, inline labels or a paragraph.

    A "Task" that comes after the Action is the Result (pages mislabel it so); inline
    labels ("Outcome: …") inside a part start the part they name; a label cut off at the
    end of a part is dropped; a STAR given as one paragraph is split by sentence cues.
    """
    labelled: list[tuple[str | None, list[str]]] = []
    pending_letter: str | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line in _STAR_LETTERS:
            pending_letter = _STAR_LETTERS[line]
            continue
        label = _STAR_LABELS.get(line.rstrip(":").lower())
        if label is not None:
            labelled.append((label, []))
            pending_letter = None
            continue
        if pending_letter is not None:
            labelled.append((pending_letter, []))
            pending_letter = None
        if not labelled:
            labelled.append((None, []))
        labelled[-1][1].append(line)
    warnings: list[str] = []
    pieces: list[tuple[str | None, str]] = []
    for label, text_lines in labelled:
        text = " ".join(text_lines).strip()
        if not text:
            continue
        pieces.extend(_inline_pieces(label, text, warnings))
    if not pieces:
        return StarParse({}, warnings)
    if all(label is None for label, _ in pieces):
        text = " ".join(text for _, text in pieces)
        warnings.append("STAR example given as one paragraph; split into parts by its sentences")
        return StarParse(_split_paragraph(text), warnings)
    parts: dict[str, str] = {}
    last_order = -1
    for label, text in pieces:
        name = label or "situation"
        if name == "task" and last_order >= STAR_PARTS.index("action"):
            name = "result"  # the page's "Task" after the Action is the Result
        parts[name] = f"{parts[name]} {text}" if name in parts else text
        last_order = max(last_order, STAR_PARTS.index(name))
    return StarParse({name: parts[name] for name in STAR_PARTS if name in parts}, warnings)


def _inline_pieces(
    label: str | None, text: str, warnings: list[str]
) -> list[tuple[str | None, str]]:
    cut = _CUT_OFF_LABEL.search(text)
    if cut:
        warnings.append(f"STAR example: dropped the cut-off label {cut.group(1)!r}")
        text = text[: cut.start()].rstrip()
    matches = list(_INLINE_LABEL.finditer(text))
    if not matches:
        return [(label, text)]
    pieces: list[tuple[str | None, str]] = []
    lead = text[: matches[0].start()].strip()
    if lead:
        first = _STAR_LABELS[matches[0].group(1).lower()]
        lead_label = label
        if label is None or STAR_PARTS.index(label) >= STAR_PARTS.index(first):
            lead_label = STAR_PARTS[max(STAR_PARTS.index(first) - 1, 0)]
        pieces.append((lead_label, lead))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip()
        if body:
            pieces.append((_STAR_LABELS[match.group(1).lower()], body))
    return pieces


def _split_paragraph(text: str) -> dict[str, str]:
    """Situation, task, action and result of a STAR told in one paragraph, by sentence cues."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 3:
        return {"situation": text}
    result_at = next(
        (i for i in range(2, len(sentences)) if _RESULT_CUES.match(sentences[i])),
        len(sentences) - 1,
    )
    first_person = [i for i in range(1, result_at) if _ACTION_START.match(sentences[i])]
    # "I was asked to …" states the Task even though it starts like an Action
    doing = [i for i in first_person if not _TASK_CUES.search(sentences[i])]
    action_at = next(iter(doing or first_person), result_at - 1 if result_at > 1 else result_at)
    parts: dict[str, list[str]] = {"situation": [], "task": [], "action": [], "result": []}
    for index, sentence in enumerate(sentences):
        if index >= result_at:
            parts["result"].append(sentence)
        elif index >= action_at:
            parts["action"].append(sentence)
        elif index > 0 and _TASK_CUES.search(sentence):
            parts["task"].append(sentence)
        else:
            parts["situation"].append(sentence)
    return {name: " ".join(found) for name, found in parts.items() if found}


def fields_from_sections(
    sections: Sections, vocabulary: Vocabulary, where: str, warnings: list[str]
) -> dict[str, Any]:
    """Question fields (framework, star, lists, key terms) from sorted section lines."""
    fields: dict[str, Any] = {}
    for name, lines in sections.lines.items():
        if name == "framework":
            text = block_text(lines)
            if text:
                fields["framework"] = text
        elif name == "star":
            star = parse_star(lines)
            warnings.extend(f"{where}: {warning}" for warning in star.warnings)
            if star.parts:
                fields["star"] = star.parts
        elif name in ("key_points", "key_terms"):
            items = run_together_items(lines, vocabulary)
            if items:
                fields[name] = items
        else:
            items, rest = split_list(lines)
            if items:
                fields[name] = items
            if rest:
                shown = rest[0] if len(rest[0]) <= 60 else rest[0][:57] + "..."
                warnings.append(
                    f"{where}: dropped {len(rest)} line(s) after the "
                    f"'{HEADING_OF_FIELD[name]}' list, starting {shown!r}"
                )
    return fields
