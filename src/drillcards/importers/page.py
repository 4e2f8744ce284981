"""Import a scraped interview-question page (plain text copied or saved from a web page).

The shape is that of `senior-fullstack-interview-questions.txt`: a title and subtitle,
then numbered questions, each optionally with its question text on the lines after the
number, then sections ("Answer Framework", "STAR Example", "How to Answer", "Key Points
to Mention", "Key Terminology", "What Interviewers Look For", "Common Mistakes to
Avoid"). Banners, call-to-action footers and icon lines are page chrome and dropped.
Mojibake is repaired first; run-together lists are split with the page's own words.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drillcards.errors import UserError
from drillcards.importers.building import ImportedPack, dedupe_terms, make_pack
from drillcards.importers.html_text import html_to_text
from drillcards.importers.mojibake import repair_mojibake
from drillcards.importers.run_together import Vocabulary, build_vocabulary
from drillcards.importers.sections import (
    fields_from_sections,
    is_bullet,
    is_icon_line,
    section_of,
    split_sections,
    strip_bullet,
)
from drillcards.importers.slugs import content_id, pack_id_from_name
from drillcards.importers.sources import read_text

_QUESTION_NUMBER = re.compile(
    r"^(?:(?:question|q)\s*#?\s*)?(?P<number>\d{1,4})(?:\s*[.):]\s*|\s+[-–—]\s*|\s+)?"
    r"(?P<text>.*)$",
    re.IGNORECASE,
)
_LIST_ITEM_NUMBER = re.compile(r"^(?P<number>\d{1,3})[.)]\s+\S")
_CALL_TO_ACTION = re.compile(
    r"waitlist|launching soon|early access|mock interview|ready to practi[cs]e|"
    r"personali[sz]ed feedback|sign up|subscribe|download (?:the|our) app|upgrade to|"
    r"try it free|start practi[cs]ing",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(
    r"^(?:ready to practi[cs]e|related questions|more questions|next question|"
    r"previous question|share (?:this|on)|back to top|©|copyright|all rights reserved)",
    re.IGNORECASE,
)
_PICTOGRAPH = re.compile(r"^[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]")
MAX_CHROME_WORDS = 16
"""Calls to action are short lines; prose that merely mentions "mock interviews" is not."""
_CATEGORIES = re.compile(
    r"^(technical|behaviou?ral|system design|situational|leadership|coding|culture fit|"
    r"architecture|problem solving|communication)$",
    re.IGNORECASE,
)
_DIFFICULTY = re.compile(r"^(easy|medium|hard|beginner|intermediate|advanced|senior)$", re.I)
_LOOKAHEAD = 6


def is_chrome(line: str, *, preamble: bool = False) -> bool:
    """True for a line of page furniture: a banner, a call to action, a footer.

    Before the first question, a short line starting with a pictograph ("🚀 …") is a
    banner too.
    """
    text = line.strip()
    if _FOOTER_START.match(text):
        return True
    if not text or is_bullet(text) or is_icon_line(text) or len(text.split()) > MAX_CHROME_WORDS:
        return False
    return bool(_CALL_TO_ACTION.search(text) or (preamble and _PICTOGRAPH.match(text)))


@dataclass
class _RawQuestion:
    number: int
    line: int
    prompt_lines: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _question_start(lines: list[str], index: int, previous: int) -> tuple[int, str] | None:
    """(number, text after it) when line `index` starts a question, else None."""
    raw = lines[index]
    if raw[:1].isspace() or is_bullet(raw):
        return None
    match = _QUESTION_NUMBER.match(raw.strip())
    if not match:
        return None
    number = int(match.group("number"))
    text = match.group("text").strip()
    if number <= previous or (text and number != previous + 1):
        return None
    if text and _continues_numbered_list(lines, index, number):
        return None
    seen = 0
    for following in range(index + 1, len(lines)):
        line = lines[following]
        if not line.strip() or is_icon_line(line):
            continue
        if section_of(line) is not None:
            return number, text
        seen += 1
        if seen > _LOOKAHEAD or is_bullet(line) or line.strip().isdigit():
            return None
    return None


def _continues_numbered_list(lines: list[str], index: int, number: int) -> bool:
    """True for "4. Check…" right after "3. Compare…": a step of a numbered list in an
    answer, not the next question, even when its number is the next question's."""
    if not _LIST_ITEM_NUMBER.match(lines[index].strip()):
        return False
    for back in range(index - 1, -1, -1):
        above = lines[back].strip()
        if above:
            item = _LIST_ITEM_NUMBER.match(above)
            return bool(item) and int(item.group("number")) == number - 1
    return False


def _split_questions(lines: list[str]) -> tuple[list[str], list[_RawQuestion]]:
    preamble: list[str] = []
    questions: list[_RawQuestion] = []
    in_prompt = False
    in_footer = False
    for index, line in enumerate(lines):
        start = _question_start(lines, index, questions[-1].number if questions else 0)
        if start is not None:
            number, text = start
            questions.append(_RawQuestion(number, index + 1, [text] if text else []))
            in_prompt, in_footer = True, False
            continue
        if not questions:
            preamble.append(line)
            continue
        if section_of(line) is not None:
            in_prompt, in_footer = False, False
            questions[-1].body.append(line)
            continue
        if in_footer or is_chrome(line):
            in_footer = True
            continue
        if in_prompt:
            if line.strip() and not is_icon_line(line):
                questions[-1].prompt_lines.append(line.strip())
        else:
            questions[-1].body.append(line)
    return preamble, questions


def _title_and_description(preamble: list[str]) -> tuple[str | None, str | None]:
    lines = [
        line.strip() for line in preamble if line.strip() and not is_chrome(line, preamble=True)
    ]
    lines = [line for line in lines if not is_icon_line(line)]
    title = lines[0] if lines else None
    description = lines[1] if len(lines) > 1 else None
    return title, description


def _prose(questions: list[_RawQuestion]) -> list[str]:
    """Text where words are delimited (everything but run-together lists), for the vocabulary."""
    texts: list[str] = []
    for question in questions:
        texts.extend(question.prompt_lines)
        current = "framework"
        for line in question.body:
            name = section_of(line)
            if name is not None:
                current = name
            elif current in ("key_points", "key_terms") and not is_bullet(line):
                texts.extend(re.findall(r"\(([^()]*)\)", line))
            else:
                texts.append(line)
    return texts


def _question_fields(
    raw: _RawQuestion, vocabulary: Vocabulary, source: Path, warnings: list[str]
) -> dict[str, Any]:
    where = f"{source.name}: question {raw.number} (line {raw.line})"
    category = None
    prompt_parts = []
    for line in raw.prompt_lines:
        numbered = _QUESTION_NUMBER.match(line)
        repeats_number = numbered and int(numbered.group("number")) == raw.number
        text = numbered.group("text").strip() if repeats_number and numbered else line
        if not text:
            continue
        if category is None and _CATEGORIES.match(text):
            category = text
        elif not _DIFFICULTY.match(text):
            prompt_parts.append(strip_bullet(text) if is_bullet(text) else text)
    fields = fields_from_sections(split_sections(raw.body), vocabulary, where, warnings)
    if "key_terms" in fields:
        fields["key_terms"] = dedupe_terms(fields["key_terms"], where, warnings)
    if prompt_parts:
        prompt = " ".join(prompt_parts)
        fields["id"] = content_id(prompt)
    else:
        prompt = f"[Question {raw.number}: prompt missing on the page — edit me]"
        fields["id"] = f"question-{raw.number}"
        warnings.append(
            f"{where}: the page has no question text; a placeholder prompt was used — "
            "edit the pack to fill it in"
        )
    if category:
        fields["category"] = category
    return {"prompt": prompt, **fields}


def parse_page(text: str, source: Path) -> ImportedPack:
    """Parse the text of a scraped page into a pack (id from the file name)."""
    text = repair_mojibake(text)
    lines = text.split("\n")
    preamble, raw_questions = _split_questions(lines)
    if not raw_questions:
        raise UserError(
            f"{source}: no numbered questions with sections such as 'Answer Framework' found"
        )
    vocabulary = build_vocabulary(_prose(raw_questions))
    warnings: list[str] = []
    questions = [_question_fields(raw, vocabulary, source, warnings) for raw in raw_questions]
    title, description = _title_and_description(preamble)
    pack = make_pack(
        source=source,
        pack_id=pack_id_from_name(source.stem),
        title=title or source.stem.replace("-", " ").replace("_", " ").title(),
        description=description,
        questions=questions,
    )
    return ImportedPack(pack, source, warnings)


def import_page(path: Path) -> ImportedPack:
    """Import a scraped interview-question page: its text, or the page saved as HTML."""
    text = read_text(path)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return parse_page(text, path)
