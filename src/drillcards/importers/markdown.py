"""Import Markdown Q&A files in the style of the popular GitHub interview-question collections.

Each heading that asks a question (`##`…`######`, any level, numbered or not, also inside
a numbered list as in "1. ### What is React?"), else each `<details>` whose `<summary>`
asks one, else each bold question line (`**1. What is X?**`), else each list item that
asks a question, becomes a question. "Asks" means a question mark or an asking or
imperative opening ("What…", "Explain…", "Tell me…", "Walk me through…"). Other headings
are categories, except guide chrome ("Source(s) and further reading", "Disadvantage(s)"),
which only ends the question before it; a file where nothing asks is refused. The first
top-level heading (or the front matter's `title`) is the pack title.

The text and code under a question become its model answer (fenced code kept verbatim);
an answer inside `<details>` is read, and what stands before it joins the prompt when it
is the question's material (a code snippet, options A–D), else the answer. Follow-up
questions in sub-bullets and code right under a list-item question belong to the prompt.
Tables of contents, "back to top" links, badges, sponsor banners, MDX lines, promotional
tails, rules and HTML comments are dropped.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from drillcards.errors import UserError
from drillcards.importers.building import ImportedPack, make_pack
from drillcards.importers.html_text import unescape_entities
from drillcards.importers.markdown_chrome import (
    drop_head_blocks,
    is_back_to_top,
    is_mdx_line,
    is_promo,
    split_front_matter,
    strip_emphasis,
)
from drillcards.importers.mojibake import repair_mojibake
from drillcards.importers.slugs import content_id, pack_id_from_name, slugify
from drillcards.importers.sources import read_text

_FENCE_OPEN = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_HEADING = re.compile(
    r"^ {0,3}(?P<listed>\d{1,4}[.)]\s+)?(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$"
)
_BOLD_LINE = re.compile(r"^ {0,3}(?:\d{1,4}[.)]\s+)?(?:\*\*|__)(?P<text>.+?)(?:\*\*|__)\s*:?\s*$")
_LABELLED = re.compile(
    r"^ {0,3}(?:Q(?:uestion)?\s*#?\s*\d{0,4}\s*[:.)]|Q\d{1,4})\s+(?P<text>\S.*)$", re.IGNORECASE
)
_SHORTCODE = re.compile(r"(?<![\w:]):[a-z0-9_+-]{2,40}:(?![\w:])")
_LEADING_HASHES = re.compile(r"^#+\s*")
_WHOLLY_BOLD = re.compile(r"^(\*\*|__)(.*)\1$")
_SETEXT = re.compile(r"^ {0,3}(=+|-{2,})\s*$")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?:[-*+]|\d{1,4}[.)])\s+(?P<text>.*)$")
_NUMBERING = re.compile(
    r"^(?:(?:Q(?:uestion)?\s*#?\s*)?\d{1,4}[a-z]?\s*[.:)\-–]\s*|Q(?:uestion)?\s*\d{1,4}\s+|Q\s*[.:]\s*)",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|explain|describe|define|compare|"
    r"contrast|list|name|can|could|do|does|did|is|are|was|were|should|would|will|tell|"
    r"walk|give|write|implement|design|discuss|differentiate|distinguish|what's|how's|"
    r"talk|share|take me|state|teach|imagine|mention|justify|make|create|build|show|"
    r"illustrate|demonstrate|elaborate|outline|summari[sz]e|predict|identify|suggest|"
    r"find|solve|rank|have you|if you|if)(?![-\w'])",
    re.IGNORECASE,
)
_IMPERATIVE_SENTENCE = re.compile(
    r"[.!:]\s+(?:explain|describe|tell (?:me|us)|walk (?:me|us) through|"
    r"give (?:me |us )?an example|talk about|share|name|list|discuss|rank)\b",
    re.IGNORECASE,
)
_HOW_TO_TITLE = re.compile(r"^(?:how|when|where|what|why|which) to\b", re.IGNORECASE)
_NOT_QUESTIONS = re.compile(
    r"^(table of contents|contents|toc|index|references?|further reading|resources|"
    r"contributing|contributors?|license|credits|acknowledge?ments|support|sponsors?|"
    r"disclaimer|translations?|downloads?|about|introduction|preface|author|authors|"
    r"changelog|faq|useful links|links|credit|notes?|related topics|see also|"
    r"sources?\b|source\(s\)|disadvantages?\b|disadvantage\(s\)|advantages?\b|"
    r"advantage\(s\)|pros and cons)",
    re.IGNORECASE,
)
_CHROME_HEADINGS = re.compile(
    r"^(table of contents|contents|toc|index|references?|further reading|resources|"
    r"contributing|contributors?|license|credits|acknowledge?ments|support|sponsors?|"
    r"disclaimer|translations?|downloads?|changelog|useful links|links|credit|"
    r"related topics|see also|sources?\b|source\(s\)|disadvantages?\b|disadvantage\(s\)|"
    r"advantages?\b|advantage\(s\)|pros and cons)",
    re.IGNORECASE,
)
"""Headings that are never a category either: what follows them is not questions."""
_ANCHOR_LINK = re.compile(r"\[([^\]]*)\]\(#[^)]*\)")
_BACK_TO_TOP = re.compile(
    r"^\W*\[+.{0,20}?(?:back to top|to top|top|↑|⬆|go up)\W*\]\(#[^)]*\)\W*$", re.IGNORECASE
)
_BADGE = re.compile(r"^\s*(?:\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+$")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_HTML_WRAPPER = re.compile(
    r"^\s*</?(?:div|p|center|span|br|hr|img|a|table|tr|td|th|tbody|thead|b|strong|sub|sup)"
    r"\b[^>]*>\s*(?:</?(?:div|p|center|span|br|img|a|b|strong)\b[^>]*>\s*)*$",
    re.IGNORECASE,
)
_HTML_LINK = re.compile(
    r"<a\s[^>]*?href\s*=\s*[\"'](?P<href>[^\"']*)[\"'][^>]*>(?P<text>.*?)</a>", re.IGNORECASE
)
_INLINE_TAGS = re.compile(r"</?(?:b|strong|i|em|p|span|br|sub|sup|u|code|kbd)\s*/?>")
_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<text>.*?)</summary>", re.IGNORECASE | re.DOTALL)
_DETAILS = re.compile(r"</?details\b[^>]*>", re.IGNORECASE)
_DETAILS_OPEN = re.compile(r"<details\b", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ANSWER_LABEL = re.compile(r"^(?:\*\*|__)?A\s*[:.](?:\*\*|__)?\s+(?=\S)")
_OPTION = re.compile(r"^\s*(?:[-*+]\s+)?\(?[A-Ha-h1-9][).:]\s+\S")
_MAX_DESCRIPTION = 300
_MIN_RUN = 3
"""In a file where most headings (or list items) do not ask, a question must stand in a
run of at least this many, or under a heading that says it holds questions."""
_QUESTION_SECTION = re.compile(
    r"\b(?:questions?|exercises?|quiz(?:zes)?|puzzles?|katas?)\b",
    re.IGNORECASE,
)
_STRONG_ASKING = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|what's|how's|is|are|was|were|can|"
    r"could|do|does|did|should|would|will|have you|if|explain|describe|tell|walk|talk|"
    r"design|share|imagine|teach|take me|discuss|compare|differentiate|distinguish|define)"
    r"(?![-\w'])",
    re.IGNORECASE,
)
"""The openings that ask even in a guide; "Write a headline", "Summarize the points"
there are advice."""
_NEGATIVE_IMPERATIVE = re.compile(r"^(?:do not|don't|never|always|avoid)\b", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    in_code: bool
    in_details: bool = False


@dataclass
class _Heading:
    index: int
    level: int
    text: str
    numbering: str | None
    """How the heading is numbered: "listed" ("1. ### …"), "q" ("Q. …", "Q1 …"), "n"
    ("1. …"), or None."""


@dataclass
class _Question:
    prompt: str
    category: str | None
    line: int
    body: list[_Line] = field(default_factory=list)
    listed: bool = False
    """A list-item question: code and follow-up sub-bullets right under it are its prompt."""
    run: int = 0
    """Questions with the same run number follow each other with nothing else between."""


def _code_flags(lines: list[str]) -> list[bool]:
    """Which lines are fenced code. A fence opens only at a line start (any indent); a
    backtick "fence" with a backtick after it is an inline span (```x```), and a fence
    that is never closed is no fence (a stray one must not swallow the rest)."""
    flags = [False] * len(lines)
    unclosed: dict[str, int] = {}  # fence character -> shortest fence found never closed
    index = 0
    while index < len(lines):
        opener = _FENCE_OPEN.match(lines[index])
        if opener is None or (opener.group("fence")[0] == "`" and "`" in opener.group("info")):
            index += 1
            continue
        fence = opener.group("fence")
        if len(fence) >= unclosed.get(fence[0], len(fence) + 1):
            index += 1  # no closing line for it further on either: keeps this linear
            continue
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = next((j for j in range(index + 1, len(lines)) if closing.match(lines[j])), None)
        if end is None:
            unclosed[fence[0]] = len(fence)
            index += 1
            continue
        for j in range(index, end + 1):
            flags[j] = True
        index = end + 1
    return flags


def _setext_to_atx(raw: list[str], code: list[bool]) -> None:
    """Rewrite setext headings ("Title" over "=====" or "-----") as "#"/"##" headings, in
    place, outside code. A dash line under a list item, a table or a blank is no underline."""
    for index in range(1, len(raw)):
        underline = _SETEXT.match(raw[index])
        above = raw[index - 1]
        if (
            underline is None
            or code[index]
            or code[index - 1]
            or not above.strip()
            or (index >= 2 and raw[index - 2].strip() and not code[index - 2])
            or _HEADING.match(above)
            or _LIST_ITEM.match(above)
            or _TABLE_ROW.match(above)
            or above.lstrip().startswith(("<", ">", "|"))
        ):
            continue
        raw[index - 1] = ("# " if underline.group(1)[0] == "=" else "## ") + above.strip()
        raw[index] = ""


def _details_opened(text: str) -> int:
    return len(_DETAILS_OPEN.findall(text)) if "<" in text else 0


def _details_closed(text: str) -> int:
    return len(_DETAILS_CLOSE.findall(text)) if "<" in text else 0


def _lines(text: str) -> list[_Line]:
    """Lines marked as code (inside a fence) or not, and as inside `<details>` or not;
    HTML comments outside code removed."""
    raw = text.split("\n")
    flags = _code_flags(raw)
    _setext_to_atx(raw, flags)
    out: list[_Line] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            cleaned = _COMMENT.sub("", "\n".join(prose))
            out.extend(_Line(line, False) for line in cleaned.split("\n"))
            prose.clear()

    for line, in_code in zip(raw, flags, strict=True):
        if in_code:
            flush()
            out.append(_Line(line, True))
        else:
            prose.append(line)
    flush()
    depth = 0
    for line in out:
        if line.in_code:
            line.in_details = depth > 0
            continue
        opened = _details_opened(line.text)
        closed = _details_closed(line.text)
        line.in_details = depth > 0 or opened > 0
        depth = max(depth + opened - closed, 0)
    return out


@lru_cache(maxsize=65536)
def clean_prompt(text: str) -> str:
    """A heading or list item as a prompt: numbering, emphasis and anchor links removed."""
    text = _ANCHOR_LINK.sub(r"\1", text.strip())
    if "<" in text:
        text = _TAG.sub("", text).strip()  # "<a name=x></a>64. …", "<code>x</code>"
    text = _LEADING_HASHES.sub("", text)  # "## # 1. Introduction"
    text = _WHOLLY_BOLD.sub(r"\2", text).strip()
    text = _NUMBERING.sub("", text).strip()
    text = _WHOLLY_BOLD.sub(r"\2", text).strip()
    return _without_decoration(unescape_entities(strip_emphasis(text)))


def _without_decoration(text: str) -> str:
    """Text without emoji shortcodes (":star:") and without emoji or symbols at either
    end (difficulty marks such as "👶", "⭐️")."""
    if ":" in text:
        text = _SHORTCODE.sub(" ", text).strip()
    start, end = 0, len(text)
    while start < end and _is_decoration(text[start]):
        start += 1
    while end > start and _is_decoration(text[end - 1]):
        end -= 1
    return text[start:end] if (start, end) != (0, len(text)) else text


def _is_decoration(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) in ("So", "Sk", "Cf", "Mn")


@lru_cache(maxsize=65536)
def _asks(text: str) -> bool:
    """Whether a line asks a question: a question mark, or an asking or imperative start
    (or an imperative sentence after a statement: "… at work. Give an example of …")."""
    prompt = clean_prompt(text)
    if not prompt or _NOT_QUESTIONS.match(prompt):
        return False
    if prompt.rstrip(" *_").endswith("?") or "? " in prompt:
        return True
    if _HOW_TO_TITLE.match(prompt) or _NEGATIVE_IMPERATIVE.match(prompt):
        return False  # "How to approach …", "Do not apply twice": a guide's advice
    return bool(_ASKING.match(prompt) or _IMPERATIVE_SENTENCE.search(prompt))


def _headings(lines: list[_Line]) -> list[_Heading]:
    """The headings outside code and `<details>`. A heading that is only a number or a
    label ("## Q.", "### Question 2") takes the paragraph line under it as its text."""
    found = []
    for index, line in enumerate(lines):
        if line.in_code or line.in_details:
            continue
        match = _HEADING.match(line.text)
        if match:
            text = match.group("text")
            if not clean_prompt(text):
                text = f"{text} {_take_next_line(lines, index)}".strip()
            found.append(_Heading(index, len(match.group("hashes")), text, _numbering(match)))
    return found


def _take_next_line(lines: list[_Line], index: int) -> str:
    """The first prose line after `index` (emptied where it stood), or ""."""
    for line in lines[index + 1 : index + 4]:
        if line.in_code or _HEADING.match(line.text):
            return ""
        if line.text.strip():
            text, line.text = line.text.strip(), ""
            return text
    return ""


def _numbering(heading: re.Match[str]) -> str | None:
    if heading.group("listed"):
        return "listed"
    number = _NUMBERING.match(_TAG.sub("", heading.group("text")).strip())
    if number is None:
        return None
    return "q" if number.group().lstrip().lower().startswith("q") else "n"


def _question_numbering(headings: list[_Heading], level: int) -> str | None:
    """The numbering nearly all (80%) asking headings of the question level share: then a
    heading numbered so is a question even when it does not ask ("Q. All objects have
    prototypes.")."""
    at_level = [heading for heading in headings if heading.level == level]
    asking = [heading.numbering for heading in at_level if _asks(heading.text)]
    if not asking:
        return None
    common = max(set(asking), key=asking.count)
    numbered_so = sum(1 for heading in at_level if heading.numbering == common)
    if (
        common is None
        or asking.count(common) < _MIN_RUN
        or asking.count(common) < 0.8 * len(asking)
        or asking.count(common) < 0.5 * numbered_so
    ):
        return None  # a guide's numbered steps, of which one or two happen to ask
    return common


def _question_level(headings: list[_Heading]) -> int | None:
    counts: dict[int, int] = {}
    for heading in headings:
        if _asks(heading.text):
            counts[heading.level] = counts.get(heading.level, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda level: (counts[level], level))


def _by_headings(
    lines: list[_Line], headings: list[_Heading], level: int, title_index: int | None
) -> list[_Question]:
    """Questions from headings that ask, at any level. At or above the main question
    level, other headings are categories (chrome ones only end the question); below it,
    they are part of the answer, unless numbered like a question or outside any answer."""
    questions: list[_Question] = []
    categories: dict[int, str] = {}
    current: _Question | None = None
    heading_at = {heading.index: heading for heading in headings}
    numbering = _question_numbering(headings, level)
    run = 0
    for index, line in enumerate(lines):
        heading = heading_at.get(index)
        if heading is None or index == title_index:
            if current is not None and heading is None:
                current.body.append(line)
            continue
        name = clean_prompt(heading.text)
        asks = _asks(heading.text) or (
            numbering is not None
            and heading.level == level
            and heading.numbering == numbering
            and bool(name)
            and not _NOT_QUESTIONS.match(name)
        )
        if asks and (heading.level <= level or current is None or heading.numbering is not None):
            category = categories[max(categories)] if categories else None
            current = _Question(name, category, index + 1, run=run)
            questions.append(current)
        elif heading.level <= level:
            current = None
            run += 1
            categories = {k: v for k, v in categories.items() if k < heading.level}
            if name and not _CHROME_HEADINGS.match(name) and not is_promo(heading.text):
                categories[heading.level] = name
        elif current is not None:
            current.body.append(line)
    return questions


def _summary_question(text: str) -> str | None:
    """The question of a `<summary>` line that asks one ("<summary>What is X?</summary>")."""
    match = _SUMMARY.search(text)
    if match is None:
        return None
    question = " ".join(_TAG.sub("", match.group("text")).split())
    return question if _asks(question) else None


def _by_summaries(lines: list[_Line], title_index: int | None) -> list[_Question]:
    """Questions from `<details><summary>question</summary>answer</details>` blocks; the
    headings around them are categories."""
    questions: list[_Question] = []
    category: str | None = None
    current: _Question | None = None
    depth = 0
    for index, line in enumerate(lines):
        if not line.in_code:
            heading = _HEADING.match(line.text)
            if heading and depth == 0:
                current = None
                if index != title_index:
                    name = clean_prompt(heading.group("text"))
                    category = None if _CHROME_HEADINGS.match(name) else name
                continue
            if depth <= 1 and "<summary" in line.text.lower():
                question = _summary_question(line.text)
                if question is not None:
                    current = _Question(clean_prompt(question), category, index + 1)
                    questions.append(current)
                    after = line.text[_SUMMARY.search(line.text).end() :]  # type: ignore[union-attr]
                    depth = max(depth, 1)
                    if after.strip():
                        current.body.append(_Line(after, False))
                    depth += _details_opened(after)
                    depth -= _details_closed(after)
                    if depth <= 0:
                        current, depth = None, 0
                    continue
            opened = _details_opened(line.text)
            closed = _details_closed(line.text)
            depth = max(depth + opened - closed, 0)
            if current is not None and depth == 0 and closed:
                current.body.append(_Line(_DETAILS_CLOSE.sub("", line.text), False))
                current = None
                continue
        if current is not None:
            current.body.append(line)
    return questions


def _by_marked_lines(
    lines: list[_Line],
    title_index: int | None,
    question_of: Callable[[str], str | None],
    ends_question: Callable[[str], bool],
    *,
    listed: bool = False,
) -> list[_Question]:
    """Questions started by lines that `question_of` recognises (outside code and answers).

    Headings give the category and end the current question, as does any line for
    which `ends_question` is true; other lines are the current question's body.
    """
    questions: list[_Question] = []
    category: str | None = None
    current: _Question | None = None
    run = 0
    for index, line in enumerate(lines):
        if not line.in_code and not line.in_details:
            heading = _HEADING.match(line.text)
            if heading:
                current = None
                run += 1
                if index != title_index:
                    name = clean_prompt(heading.group("text"))
                    category = None if _CHROME_HEADINGS.match(name) else name
                continue
            prompt = question_of(line.text)
            if prompt is not None:
                current = _Question(
                    clean_prompt(prompt), category, index + 1, listed=listed, run=run
                )
                questions.append(current)
                continue
            if ends_question(line.text):
                current = None
                run += 1
                continue
        if current is not None:
            current.body.append(line)
    return questions


def _bold_question(text: str) -> str | None:
    """The question of a bold question line (`**1. What is X?**`)."""
    bold = _BOLD_LINE.match(text)
    return bold.group("text") if bold and _asks(bold.group("text")) else None


def _labelled_question(text: str) -> str | None:
    """The question of a prose line labelled as one ("Question: What is …?", "Q1. …")."""
    labelled = _LABELLED.match(text)
    return labelled.group("text") if labelled and _asks(labelled.group("text")) else None


def _list_item_question(text: str) -> str | None:
    """The question of a top-level list item that asks one."""
    item = _LIST_ITEM.match(text)
    if not item or len(item.group("indent")) > 1 or not _asks(item.group("text")):
        return None
    body = item.group("text").lstrip()
    if body and _is_decoration(body[0]) and not clean_prompt(body).endswith("?"):
        return None  # a checklist's "✅ Explain your approach" is advice
    return item.group("text")


def _ends_list_item(text: str) -> bool:
    """A top-level list item or unindented text ends the item before it."""
    item = _LIST_ITEM.match(text)
    return bool(item and len(item.group("indent")) <= 1) or bool(
        text.strip() and not text[:1].isspace()
    )


def _never(_: str) -> bool:
    return False


def _is_chrome(line: str) -> bool:
    """Back-to-top links, badges, rules, bare HTML wrappers, MDX lines, promotional lines
    and table-of-contents rows."""
    return bool(
        _BACK_TO_TOP.match(line)
        or is_back_to_top(line)
        or _BADGE.match(line)
        or _RULE.match(line)
        or _HTML_WRAPPER.match(line)
        or is_mdx_line(line)
        or is_promo(line)
        or (_TABLE_ROW.match(line) and "](#" in line)
    )


def _follow_ups(question: _Question) -> tuple[list[str], list[_Line]]:
    """(prompt lines, the rest of the body): follow-up question sub-bullets right under
    the question, and, under a list-item question or one ending in ':', the code that
    comes before any answer text, belong to the prompt."""
    extra: list[str] = []
    body = question.body
    takes_code = question.listed or question.prompt.rstrip().endswith(":")
    index = 0
    while index < len(body):
        line = body[index]
        if line.in_code:
            if not takes_code:
                break
            extra.append(line.text.strip() if _FENCE_OPEN.match(line.text) else line.text)
        elif not line.text.strip():
            pass
        else:
            item = _LIST_ITEM.match(line.text)
            if not (item and item.group("indent") and _asks(item.group("text"))):
                break
            extra.append(f"- {clean_prompt(item.group('text'))}")
        index += 1
    if not extra:
        return [], body
    return _dedent_code(extra), body[index:]


def _dedent_code(lines: list[str]) -> list[str]:
    """Prompt lines with the common indentation of code lines removed."""
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] if line[:cut].strip() == "" else line for line in lines]


def _is_prompt_material(lines: list[_Line]) -> bool:
    """Whether what stands before a `<details>` answer belongs to the question: code,
    options ("A: …"), tables and lead-in lines ending in ':' or '?' only."""
    for line in lines:
        text = line.text.strip()
        if line.in_code or not text or _is_chrome(text) or _TABLE_ROW.match(text):
            continue
        if _OPTION.match(text) or text.endswith((":", "?")):
            continue
        return False
    return True


def _render(body: list[_Line]) -> str:
    """Body lines as answer text: chrome dropped, the common indentation removed."""
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
    return "\n".join(joined)


def _body_text(body: list[_Line]) -> tuple[str, str]:
    """(text that belongs to the prompt, the answer text) of a question's body."""
    split = next(
        (
            index
            for index, line in enumerate(body)
            if not line.in_code and "<details" in line.text.lower()
        ),
        None,
    )
    if split is None:
        return "", _tidy(_render(body))
    before, after = body[:split], body[split:]
    inner = _DETAILS.sub("", _SUMMARY.sub("", _render(after)))
    if _is_prompt_material(before):
        return _tidy(_render(before)), _tidy(inner)
    return "", _tidy(_render(before) + "\n\n" + inner)


def _prose_line(text: str) -> str:
    text = _ANCHOR_LINK.sub(r"\1", text)
    if "<a" in text:
        text = _HTML_LINK.sub(_markdown_link, text)
    heading = _HEADING.match(text)
    if heading:
        text = heading.group("text")
    text = _INLINE_TAGS.sub("", text)
    return unescape_entities(text)


def _markdown_link(link: re.Match[str]) -> str:
    """An HTML link in prose as a Markdown one (a link within the page as its text)."""
    text = _TAG.sub("", link.group("text")).strip()
    href = link.group("href")
    return text if href.startswith("#") or not text else f"[{text}]({href})"


def _tidy(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    in_code = False
    for line in lines:
        if _FENCE_OPEN.match(line):
            in_code = not in_code
        stripped = line if in_code or _FENCE_OPEN.match(line) else line.rstrip()
        if in_code or stripped.strip() or (out and out[-1].strip()):
            out.append(stripped)
    return "\n".join(out).strip("\n")


def _title(headings: list[_Heading]) -> tuple[str | None, int | None]:
    for heading in headings:
        if heading.level == 1:
            name = clean_prompt(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", heading.text))
            if name:
                return name, heading.index
    return None, None


def _description(lines: list[_Line], start: int, end: int) -> str | None:
    for line in lines[start:end]:
        text = line.text.strip()
        if (
            line.in_code
            or line.in_details
            or not text
            or _is_chrome(text)
            or text.startswith(("#", ">", "|", "<", "[", "-", "*", "+", "!"))
            or _LIST_ITEM.match(text)
        ):
            continue
        return _prose_line(text)[:_MAX_DESCRIPTION]
    return None


def _find_questions(
    lines: list[_Line], headings: list[_Heading], title_index: int | None
) -> list[_Question]:
    """The questions of the file, by the first layout that finds any."""
    level = _question_level(headings)
    by_headings: list[_Question] = []
    if level is not None:
        ends = [heading.index for heading in headings[1:]] + [len(lines)]
        sections = [  # headings of the question level with text of their own, no chrome
            heading
            for heading, end in zip(headings, ends, strict=True)
            if heading.level == level
            and heading.index != title_index
            and not _CHROME_HEADINGS.match(clean_prompt(heading.text))
            and _has_own_text(lines, heading.index, end)
        ]
        asking = sum(1 for heading in sections if _asks(heading.text))
        by_headings = _real_questions(
            _by_headings(lines, headings, level, title_index), asking / max(len(sections), 1)
        )
    summaries = sum(1 for line in lines if "<summary" in line.text.lower())
    if summaries > len(by_headings):
        by_summaries = _by_summaries(lines, title_index)
        if len(by_summaries) > len(by_headings):
            return by_summaries
    prose = [line.text for line in lines if not line.in_code and not line.in_details]
    bold = [text for text in prose if _BOLD_LINE.match(text)]
    by_bold = _by_marked_lines(lines, title_index, _bold_question, _never)
    if by_headings and len(by_bold) < 2 * len(by_headings):
        return by_headings  # bold questions inside answers are part of the answers
    if by_bold:
        return _real_questions(by_bold, len(by_bold) / len(bold))
    labelled = [text for text in prose if _LABELLED.match(text)]
    by_labels = _by_marked_lines(lines, title_index, _labelled_question, _never, listed=True)
    if by_labels:
        return _real_questions(by_labels, len(by_labels) / len(labelled))
    items = [
        text for text in prose if (item := _LIST_ITEM.match(text)) and len(item["indent"]) <= 1
    ]
    by_items = _by_marked_lines(
        lines, title_index, _list_item_question, _ends_list_item, listed=True
    )
    if by_items and _unanswered(by_items) * 2 > len(by_items):
        # "1. What is X?", a blank line, then the answer unindented: read it as the answer
        loose = _by_marked_lines(lines, title_index, _list_item_question, _never, listed=True)
        if _unanswered(loose) * 2 < len(loose):
            by_items = loose
    return _real_questions(by_items, len(by_items) / len(items)) if by_items else []


def _unanswered(questions: list[_Question]) -> int:
    """How many of the questions have no prose or code under them."""
    return sum(
        1
        for question in questions
        if not any(line.text.strip() and not _is_chrome(line.text) for line in question.body)
    )


def _real_questions(questions: list[_Question], asking_share: float) -> list[_Question]:
    """The questions, or in a guide (where most headings or items do not ask) only those
    that clearly ask and stand in a run of questions or under a heading that says it
    holds questions: "Make an elevator pitch" alone among a guide's headings is advice."""
    if asking_share >= 0.5:
        return questions
    runs: dict[int, int] = {}
    for question in questions:
        runs[question.run] = runs.get(question.run, 0) + 1
    return [
        question
        for question in questions
        if (runs[question.run] >= _MIN_RUN or _QUESTION_SECTION.search(question.category or ""))
        and (question.prompt.rstrip().endswith("?") or _STRONG_ASKING.match(question.prompt))
    ]


def _has_own_text(lines: list[_Line], start: int, end: int) -> bool:
    """Whether a heading has text of its own (not only chrome) before the next heading."""
    return any(
        line.text.strip() and (line.in_code or not _is_chrome(line.text))
        for line in lines[start + 1 : end]
    )


_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){3,}")
"""Three or more blank lines in a row: they mean what two do (also inside code), and a
file of millions of them must not take minutes and gigabytes to read."""


def parse_markdown(text: str, source: Path) -> ImportedPack:
    """Parse Markdown Q&A text into a pack (id from the file name)."""
    front, text = split_front_matter(repair_mojibake(_BLANK_RUN.sub("\n\n\n", text)))
    lines = _lines(drop_head_blocks(text))
    headings = _headings(lines)
    title, title_index = _title(headings)
    heading_one, heading_one_index = title, title_index
    if title is not None and _asks(title) and _question_level(headings) == 1:
        title, title_index = None, None  # the top-level headings are the questions
    found = _find_questions(lines, headings, title_index)
    if (
        not found
        and heading_one
        and heading_one_index is not None
        and (_STRONG_ASKING.match(heading_one))
    ):  # one exercise and its solution ("# Design Pastebin.com", then the design)
        body = lines[heading_one_index + 1 :]
        found = [_Question(heading_one, None, heading_one_index + 1, body=body)]
        title, title_index = heading_one, None
    if not found:
        raise UserError(
            f"{source}: no questions found: not a question-and-answer file (none of its "
            f"{len(headings)} headings, <summary> lines, bold lines or list items asks one)"
        )
    warnings: list[str] = []
    questions = []
    unanswered = 0
    for question in found:
        follow_ups, body = _follow_ups(question)
        before, answer = _body_text(body)
        answer = _ANSWER_LABEL.sub("", answer, count=1)  # "A: …" after a "Q: …" line
        prompt_parts = [question.prompt]
        if follow_ups:
            prompt_parts.append("\n".join(follow_ups))
        if before:
            prompt_parts.append(before)
        data: dict[str, object] = {
            "id": content_id(question.prompt),
            "prompt": "\n\n".join(prompt_parts),
        }
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
    description = front.description or _description(
        lines, (title_index or -1) + 1, first_question_line
    )
    title = front.title or title
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
