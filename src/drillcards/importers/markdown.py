"""Import Markdown Q&A files in the style of the popular GitHub interview-question collections.

Each question heading (`##`…`######`, numbered or not, also inside a numbered list as
in "1. ### What is React?"), else each bold question line (`**1. What is X?**`), else
each list item that asks a question, becomes a question. Headings above the question
level are categories; the first top-level heading is the pack title. The text and code
under a question become its model answer (fenced code kept verbatim); an answer inside
`<details>` is read, and what stands before it (a code snippet, options) joins the
prompt. Tables of contents, "back to top" links, badges, rules and HTML comments are
dropped.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from drillcards.errors import UserError
from drillcards.importers.building import ImportedPack, make_pack
from drillcards.importers.html_text import unescape_entities
from drillcards.importers.mojibake import repair_mojibake
from drillcards.importers.slugs import content_id, pack_id_from_name, slugify
from drillcards.importers.sources import read_text

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(?:\d{1,4}[.)]\s+)?(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^ {0,3}(?:\d{1,4}[.)]\s+)?(?:\*\*|__)(?P<text>.+?)(?:\*\*|__)\s*:?\s*$")
_LIST_ITEM = re.compile(r"^(?P<indent> {0,3})(?:[-*+]|\d{1,4}[.)])\s+(?P<text>.*)$")
_NUMBERING = re.compile(
    r"^(?:(?:Q(?:uestion)?\s*#?\s*)?\d{1,4}\s*[.:)\-–]\s*|Q(?:uestion)?\s*\d{1,4}\s+|Q\s*[.:]\s*)",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|explain|describe|define|compare|"
    r"contrast|list|name|can|could|do|does|did|is|are|was|were|should|would|will|tell|"
    r"walk|give|write|implement|design|discuss|differentiate|distinguish|what's|how's)\b",
    re.IGNORECASE,
)
_NOT_QUESTIONS = re.compile(
    r"^(table of contents|contents|toc|index|references?|further reading|resources|"
    r"contributing|contributors?|license|credits|acknowledge?ments|support|sponsors?|"
    r"disclaimer|translations?|downloads?|about|introduction|preface|author|authors|"
    r"changelog|faq|useful links|links|credit|notes?)\b",
    re.IGNORECASE,
)
_ANCHOR_LINK = re.compile(r"\[([^\]]*)\]\(#[^)]*\)")
_BACK_TO_TOP = re.compile(
    r"^\W*\[+.{0,20}?(?:back to top|to top|top|↑|⬆|go up)\W*\]\(#[^)]*\)\W*$", re.IGNORECASE
)
_FRONT_MATTER = re.compile(r"\A---\n(?:.*\n){0,50}?---\n")
_BADGE = re.compile(r"^\s*(?:\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+$")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_HTML_WRAPPER = re.compile(
    r"^\s*</?(?:div|p|center|span|br|hr|img|a|table|tr|td|th|tbody|thead|b|strong|sub|sup)"
    r"\b[^>]*>\s*(?:</?(?:div|p|center|span|br|img|a|b|strong)\b[^>]*>\s*)*$",
    re.IGNORECASE,
)
_INLINE_TAGS = re.compile(r"</?(?:b|strong|i|em|p|span|br|sub|sup|u|code|kbd)\s*/?>")
_SUMMARY = re.compile(r"<summary\b[^>]*>.*?</summary>", re.IGNORECASE | re.DOTALL)
_DETAILS = re.compile(r"</?details\b[^>]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ANSWER_LABEL = re.compile(r"^(?:\*\*|__)?A\s*[:.](?:\*\*|__)?\s+(?=\S)")
_MAX_DESCRIPTION = 300


@dataclass
class _Line:
    text: str
    in_code: bool
    in_details: bool = False


@dataclass
class _Question:
    prompt: str
    category: str | None
    line: int
    body: list[_Line] = field(default_factory=list)


def _lines(text: str) -> list[_Line]:
    """Lines marked as code (inside a fence) or not; HTML comments outside code removed."""
    out: list[_Line] = []
    fence: str | None = None
    prose: list[str] = []

    def flush() -> None:
        if prose:
            cleaned = _COMMENT.sub("", "\n".join(prose))
            out.extend(_Line(line, False) for line in cleaned.split("\n"))
            prose.clear()

    for line in text.split("\n"):
        opener = _FENCE.match(line)
        if fence is None and opener:
            flush()
            fence = opener.group(1)[0] * 3
            out.append(_Line(line, True))
        elif fence is not None:
            out.append(_Line(line, True))
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        else:
            prose.append(line)
    flush()
    depth = 0
    for line in out:
        if line.in_code:
            line.in_details = depth > 0
            continue
        opened = len(re.findall(r"<details\b", line.text, re.IGNORECASE))
        closed = len(re.findall(r"</details>", line.text, re.IGNORECASE))
        line.in_details = depth > 0 or opened > 0
        depth = max(depth + opened - closed, 0)
    return out


def clean_prompt(text: str) -> str:
    """A heading or list item as a prompt: numbering, emphasis and anchor links removed."""
    text = _ANCHOR_LINK.sub(r"\1", text.strip())
    text = re.sub(r"^(\*\*|__)(.*)\1$", r"\2", text).strip()
    text = _NUMBERING.sub("", text).strip()
    text = re.sub(r"^(\*\*|__)(.*)\1$", r"\2", text).strip()
    return unescape_entities(text)


def _is_question_text(text: str) -> bool:
    prompt = clean_prompt(text)
    return bool(prompt) and (prompt.rstrip(" *_").endswith("?") or bool(_ASKING.match(prompt)))


def _headings(lines: list[_Line]) -> list[tuple[int, int, str]]:
    found = []
    for index, line in enumerate(lines):
        if line.in_code or line.in_details:
            continue
        match = _HEADING.match(line.text)
        if match:
            found.append((index, len(match.group("hashes")), match.group("text")))
    return found


def _question_level(headings: list[tuple[int, int, str]]) -> int | None:
    counts: dict[int, int] = {}
    for _, level, text in headings:
        if _is_question_text(text) and not _NOT_QUESTIONS.match(clean_prompt(text)):
            counts[level] = counts.get(level, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda level: (counts[level], level))


def _by_headings(
    lines: list[_Line], headings: list[tuple[int, int, str]], level: int, title_index: int | None
) -> list[_Question]:
    questions: list[_Question] = []
    categories: dict[int, str] = {}
    current: _Question | None = None
    heading_at = {index: (lvl, text) for index, lvl, text in headings}
    for index, line in enumerate(lines):
        if index in heading_at:
            lvl, text = heading_at[index]
            if lvl <= level:
                current = None
                name = clean_prompt(text)
                if lvl < level:
                    if index != title_index:
                        categories = {k: v for k, v in categories.items() if k < lvl}
                        categories[lvl] = name
                    continue
                if _NOT_QUESTIONS.match(name) or not name:
                    continue
                category = categories[max(categories)] if categories else None
                current = _Question(name, category, index + 1)
                questions.append(current)
                continue
        if current is not None:
            current.body.append(line)
    return questions


def _by_marked_lines(
    lines: list[_Line],
    title_index: int | None,
    question_of: Callable[[str], str | None],
    ends_question: Callable[[str], bool],
) -> list[_Question]:
    """Questions started by lines that `question_of` recognises (outside code and answers).

    Headings give the category and end the current question, as does any line for
    which `ends_question` is true; other lines are the current question's body.
    """
    questions: list[_Question] = []
    category: str | None = None
    current: _Question | None = None
    for index, line in enumerate(lines):
        if not line.in_code and not line.in_details:
            heading = _HEADING.match(line.text)
            if heading:
                current = None
                if index != title_index:
                    category = clean_prompt(heading.group("text"))
                continue
            prompt = question_of(line.text)
            if prompt is not None:
                current = _Question(clean_prompt(prompt), category, index + 1)
                questions.append(current)
                continue
            if ends_question(line.text):
                current = None
                continue
        if current is not None:
            current.body.append(line)
    return questions


def _bold_question(text: str) -> str | None:
    """The question of a bold question line (`**1. What is X?**`)."""
    bold = _BOLD_LINE.match(text)
    return bold.group("text") if bold and _is_question_text(bold.group("text")) else None


def _list_item_question(text: str) -> str | None:
    """The question of a top-level list item that asks one."""
    item = _LIST_ITEM.match(text)
    if item and not item.group("indent") and _asks(item.group("text")):
        return item.group("text")
    return None


def _ends_list_item(text: str) -> bool:
    """A top-level list item or unindented text ends the item before it."""
    item = _LIST_ITEM.match(text)
    return bool(item and not item.group("indent")) or bool(text.strip() and not text[:1].isspace())


def _never(_: str) -> bool:
    return False


def _asks(text: str) -> bool:
    prompt = clean_prompt(text)
    return "?" in prompt or bool(_ASKING.match(prompt))


def _is_chrome(line: str) -> bool:
    """Back-to-top links, badges, rules, bare HTML wrappers and table-of-contents rows."""
    return bool(
        _BACK_TO_TOP.match(line)
        or _BADGE.match(line)
        or _RULE.match(line)
        or _HTML_WRAPPER.match(line)
        or (_TABLE_ROW.match(line) and "](#" in line)
    )


def _body_text(body: list[_Line]) -> tuple[str, str]:
    """(text before a <details> answer, the answer text) of a question's body."""
    kept = [line for line in body if line.in_code or not _is_chrome(line.text)]
    indents = [
        len(line.text) - len(line.text.lstrip(" "))
        for line in kept
        if line.text.strip() and not line.in_code
    ]
    dedent = min(indents, default=0)
    joined: list[str] = []
    for line in kept:
        text = line.text[dedent:] if not line.text[:dedent].strip() else line.text.lstrip(" ")
        if not line.in_code:
            text = _prose_line(text)
        joined.append(text.rstrip() if not line.in_code else text.rstrip("\n"))
    text = "\n".join(joined)
    if "<details" in text.lower():
        before, _, after = re.split(r"(<details\b[^>]*>)", text, maxsplit=1, flags=re.IGNORECASE)
        answer = _DETAILS.sub("", _SUMMARY.sub("", after))
        return _tidy(before), _tidy(answer)
    return "", _tidy(text)


def _prose_line(text: str) -> str:
    text = _ANCHOR_LINK.sub(r"\1", text)
    heading = _HEADING.match(text)
    if heading:
        text = heading.group("text")
    text = _INLINE_TAGS.sub("", text)
    return unescape_entities(text)


def _tidy(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    in_code = False
    for line in lines:
        if _FENCE.match(line):
            in_code = not in_code
        stripped = line if in_code or _FENCE.match(line) else line.rstrip()
        if in_code or stripped.strip() or (out and out[-1].strip()):
            out.append(stripped)
    return "\n".join(out).strip("\n")


def _title(
    lines: list[_Line], headings: list[tuple[int, int, str]]
) -> tuple[str | None, int | None]:
    for index, level, text in headings:
        if level == 1:
            name = clean_prompt(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text))
            if name:
                return name, index
    return None, None


def _description(lines: list[_Line], start: int, end: int) -> str | None:
    for line in lines[start:end]:
        text = line.text.strip()
        if (
            line.in_code
            or not text
            or _is_chrome(text)
            or text.startswith(("#", ">", "|", "<", "[", "-", "*", "+", "!"))
            or _LIST_ITEM.match(text)
        ):
            continue
        return _prose_line(text)[:_MAX_DESCRIPTION]
    return None


def parse_markdown(text: str, source: Path) -> ImportedPack:
    """Parse Markdown Q&A text into a pack (id from the file name)."""
    lines = _lines(_FRONT_MATTER.sub("", repair_mojibake(text)))
    headings = _headings(lines)
    title, title_index = _title(lines, headings)
    level = _question_level(headings)
    if level == 1 and title is not None and _is_question_text(title):
        title, title_index = None, None  # the top-level headings are the questions
    if level is not None:
        found = _by_headings(lines, headings, level, title_index)
    else:
        found = _by_marked_lines(lines, title_index, _bold_question, _never) or _by_marked_lines(
            lines, title_index, _list_item_question, _ends_list_item
        )
    if not found:
        raise UserError(
            f"{source}: no questions found (no question headings, bold question "
            "lines or question list items)"
        )
    warnings: list[str] = []
    questions = []
    unanswered = 0
    for question in found:
        before, answer = _body_text(question.body)
        answer = _ANSWER_LABEL.sub("", answer, count=1)  # "A: …" after a "Q: …" line
        prompt = question.prompt if not before else f"{question.prompt}\n\n{before}"
        data: dict[str, object] = {"id": content_id(question.prompt), "prompt": prompt}
        if answer:
            data["framework"] = answer
        else:
            unanswered += 1
        if question.category:
            data["category"] = question.category
        questions.append(data)
    if unanswered:
        warnings.append(
            f"{source.name}: {unanswered} of {len(found)} questions have no answer text"
        )
    first_question_line = found[0].line - 1
    description = _description(lines, (title_index or -1) + 1, first_question_line)
    stem = source.stem
    name = (title or stem) if stem.lower() in ("readme", "index") else stem
    pack = make_pack(
        source=source,
        pack_id=pack_id_from_name(slugify(name) or stem),
        title=title or stem.replace("-", " ").replace("_", " ").title(),
        description=description,
        questions=questions,
    )
    return ImportedPack(pack, source, warnings)


def import_markdown(path: Path) -> ImportedPack:
    """Import a Markdown file of interview questions and answers."""
    return parse_markdown(read_text(path), path)
