"""What a Markdown Q&A file holds besides its questions: front matter, MDX/JSX lines,
badges, back-to-top links, sponsor banners and promotional tails. Recognised here, so
that the question reader (`markdown.py`) can drop it.
"""

import re
from dataclasses import dataclass

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?P<body>(?:.*\n){0,80}?)---[ \t]*\n")
_FRONT_MATTER_FIELD = re.compile(r"^(?P<key>title|description)\s*:\s*(?P<value>.*?)\s*$")
_MDX_STATEMENT = re.compile(
    r"^(?:import\s.+\sfrom\s+['\"].*['\"];?|import\s+['\"].*['\"];?|export\s.*)$"
)
_JSX_COMPONENT = re.compile(r"^\s*<(/?)[A-Z][A-Za-z0-9.]*(?:\s[^>]*)?/?>\s*$")
_HEAD_BLOCK = re.compile(r"^\s*<head>.*?</head>\s*$", re.DOTALL | re.MULTILINE)
_TAGS = re.compile(r"<[^>]*>")
_BACK_TO_TOP_TEXT = re.compile(
    r"^\W*(?:back to top|to top|top|go up|↑|⬆|↥)\W*$|^\W*(?:↑|⬆|↥)\s*\w+(?:\s\w+){0,3}\W*$",
    re.IGNORECASE,
)
_ARROWS = re.compile("[↑⬆↥]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PROMO = re.compile(
    r"(?:explore|find|see|view|get|check out|read|access|discover|download)\s+(?:all\s+|the\s+)?"
    r"(?:\d[\d,]*\+?\s+|full\s+|more\s+|complete\s+)?(?:answers|questions|solutions)\b"
    r"|👉",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")


@dataclass
class FrontMatter:
    """The `title` and `description` of YAML front matter, where given."""

    title: str | None = None
    description: str | None = None


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """(its front matter, the text without it). Only `title`/`description` are read,
    line by line: front matter is often not valid YAML and never needs to be."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(), text
    found: dict[str, str] = {}
    for line in match.group("body").split("\n"):
        field = _FRONT_MATTER_FIELD.match(line)
        if field and field.group("value"):
            found.setdefault(field.group("key"), _unquote(field.group("value")))
    rest = text[match.end() :]
    return FrontMatter(found.get("title"), found.get("description")), rest


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def drop_head_blocks(text: str) -> str:
    """Text without `<head>…</head>` blocks (Docusaurus pages put meta tags there)."""
    return _HEAD_BLOCK.sub("", text) if "<head>" in text else text


def is_mdx_line(line: str) -> bool:
    """An MDX `import`/`export` statement or a lone JSX component such as `<InDocAd />`."""
    stripped = line.strip()
    if not stripped.startswith(("import", "export", "<")):
        return False
    return bool(_MDX_STATEMENT.match(stripped) or _JSX_COMPONENT.match(stripped))


def is_back_to_top(line: str) -> bool:
    """A line that is only a link back to the top, in Markdown or HTML."""
    if "#" not in line and "top" not in line.lower() and not _ARROWS.search(line):
        return False
    text = _LINK.sub(r"\1", _TAGS.sub("", line)).replace("*", "").strip()
    return bool(text) and bool(_BACK_TO_TOP_TEXT.match(text))


def is_promo(line: str) -> bool:
    """A promotional line such as "Explore all 100 answers here 👉 [site](…)"."""
    if "http" not in line and "👉" not in line:
        return False
    return bool(_PROMO.search(_TAGS.sub("", line)))


def strip_emphasis(text: str) -> str:
    """Text with Markdown emphasis markers (`_x_`, `*x*`, `**x**`) removed."""
    return _EMPHASIS.sub(r"\2", text) if "_" in text or "*" in text else text
