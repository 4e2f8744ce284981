"""HTML (as Anki fields and saved web pages hold it) to clean plain text.

Entities are decoded, `<br>` and block elements become line breaks, list items become
"• item" lines (or "1. item" in ordered lists, indented when nested), `<pre>` keeps its
spacing, and comments, scripts, styles, images and Anki sound tags are dropped
(`media_references` counts the media). A small regex tokenizer rather than
`html.parser`: Anki decks hold tens of thousands of short fields, and this is several
times faster on them.
"""

import re
from html import unescape

_BLOCKS = frozenset(
    """
    address article aside blockquote dd details div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead
    tfoot tr ul
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
_DROPPED = frozenset({"script", "style", "head", "title", "template", "noscript"})
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"  # comment
    r"|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"  # tag
    r"|<![^>]*>"  # doctype
    r"|[^<]+|<",  # text, a lone '<'
    re.DOTALL,
)
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_MEDIA = re.compile(r"<(?:img|audio|video|source|object|embed)\b|\[sound:", re.IGNORECASE)
_NEEDS_PARSING = re.compile(r"[<&]")
_SPACES = re.compile(r"[ \t\f\v\r\n\u00a0]+")
_KEEP = "\u0001"  # marks a list item line: its indentation is meaningful
_PRE = "\u0004"  # marks a line of preformatted text: all its spacing is meaningful


def media_references(html: str) -> int:
    """How many images, sounds and videos the HTML refers to."""
    return len(_MEDIA.findall(html))


class _Collector:
    """Turns a stream of tags and text into lines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [is ordered, next number]
        self.dropping = 0
        self.preformatted = 0
        self.at_line_start = True

    def _break(self, *, hard: bool = False) -> None:
        if hard or not self.at_line_start:
            self.parts.append("\n")
            self.at_line_start = True

    def start(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropping += 1
            return
        if tag == "br":
            self._break(hard=True)
            return
        if tag in _BLOCKS:
            self._break()
        if tag in ("ul", "ol"):
            self.lists.append([int(tag == "ol"), 1])
        elif tag == "li":
            depth = max(len(self.lists) - 1, 0)
            if self.lists and self.lists[-1][0]:
                marker = f"{self.lists[-1][1]}. "
                self.lists[-1][1] += 1
            else:
                marker = "• "
            self.parts.append(_KEEP + "  " * depth + marker)
        elif tag == "pre":
            self.preformatted += 1
            self.parts.append(_PRE)
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def end(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropping = max(self.dropping - 1, 0)
            return
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "pre":
            self.preformatted = max(self.preformatted - 1, 0)
        if tag in _BLOCKS:
            self._break()

    def data(self, data: str) -> None:
        if self.dropping or not data:
            return
        if "&" in data:
            data = unescape(data)
        if self.preformatted:
            self.parts.append(data.replace("\n", "\n" + _PRE))
            self.at_line_start = data.endswith("\n")
            return
        text = _SPACES.sub(" ", data)
        if text.strip():
            self.at_line_start = False
        self.parts.append(text)


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_SLOW_PATH = re.compile(
    r"<(?:!|(?:pre|ol|script|style|head|title|template|noscript|td|th)\b)", re.IGNORECASE
)
_SOFT = "\u0002"  # a block boundary: a line break unless the line is empty so far
_SOFT_RUN = re.compile(f"{_SOFT}[{_SOFT} ]*")
_ODD_SPACE = re.compile(r"[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _tag_text(match: re.Match[str]) -> str:
    name = match.group(2).lower()
    if name == "br":
        return "\n"
    if name == "li" and not match.group(1):
        return _SOFT + _KEEP + "• "
    return _SOFT if name in _BLOCKS else ""


def _soft_break(match: re.Match[str]) -> str:
    text, index = match.string, match.start() - 1
    while index >= 0 and text[index] == " ":
        index -= 1
    if index >= 1 and text[index] == "•" and text[index - 1] == _KEEP:
        return ""  # right after a list item's bullet: the line has no text yet
    return "" if index < 0 or text[index] == "\n" else "\n"


_LINE_BREAKING = re.compile(r"</?(?:br|li|ul|" + "|".join(sorted(_BLOCKS)) + r")\b", re.I)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LIST_START = re.compile(r"<ul\b", re.IGNORECASE)


def _inline_html_to_text(html: str) -> str:
    """Text with inline tags only (<b>, <i>, <span>, <a>…): one line."""
    text = _ANY_TAG.sub("", html)
    if "&" in text:
        text = unescape(text)
    return " ".join(text.split())


def _fast_html_to_text(html: str) -> str:
    """Inline tags, <br>, blocks and a single level of <ul>: substitutions, no tokenizer."""
    html = html.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    text = _TAG.sub(_tag_text, html)
    if "&" in text:
        text = _ODD_SPACE.sub(" ", unescape(text))
    if _SOFT in text:
        text = _SOFT_RUN.sub(_soft_break, text)
    return _tidy(text)


def _tokenized_html_to_text(html: str) -> str:
    """The general conversion (any markup): a tokenizer feeding `_Collector`."""
    collector = _Collector()
    for match in _TOKEN.finditer(html):
        tag = match.group(2)
        if tag is None:
            token = match.group()
            if not token.startswith(("<!--", "<!")) or token == "<":
                collector.data(token)
        elif match.group(1):
            collector.end(tag.lower())
        else:
            name = tag.lower()
            collector.start(name)
            if match.group().endswith("/>") and name != "br":
                collector.end(name)
    return _tidy("".join(collector.parts))


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph or list item per line, trimmed.

    Common fields (inline tags, breaks, blocks, one flat list) take substitution-only
    paths that give the same text as the general tokenizer, several times faster.
    """
    if "[sound:" in html:
        html = _SOUND.sub("", html)
    if not _NEEDS_PARSING.search(html):
        return _tidy(html.replace("\r\n", "\n"))
    if not _SLOW_PATH.search(html):
        if not _LINE_BREAKING.search(html):
            return _inline_html_to_text(html)
        if len(_LIST_START.findall(html)) <= 1:
            return _fast_html_to_text(html)
    return _tokenized_html_to_text(html)


def _tidy(text: str) -> str:
    out: list[str] = []
    for raw in text.split("\n"):
        if raw.startswith(_PRE):
            line = raw.replace(_PRE, "").rstrip()
        elif raw.startswith(_KEEP):
            body = raw.replace(_KEEP, "")
            stripped = body.lstrip(" ")
            line = body[: len(body) - len(stripped)] + " ".join(stripped.split())
        else:
            line = " ".join(raw.replace(_KEEP, "").replace(_PRE, "").split()) if raw else raw
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def unescape_entities(text: str) -> str:
    """Decode HTML entities (`&amp;`, `&#39;`) in text that is otherwise plain."""
    return unescape(text) if "&" in text else text
