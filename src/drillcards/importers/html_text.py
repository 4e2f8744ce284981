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
    r"<!--.*?(?:-->|(?P<unclosed>$))"  # comment
    r"|<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"  # tag
    r"|<![^>]*>"  # doctype
    r"|[^<]+|<",  # text, a lone '<'
    re.DOTALL,
)
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_MEDIA_TAG = re.compile(r"<(?:img|audio|video|source|object|embed)\b", re.IGNORECASE | re.ASCII)
_SOUND_TAG = re.compile(r"\[sound:", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f\v\r\n\u00a0]+")
_KEEP = "\u0001"  # marks a list item line: its indentation is meaningful
_PRE = "\u0004"  # marks a line of preformatted text: all its spacing is meaningful


def media_references(html: str) -> int:
    """How many images, sounds and videos the HTML refers to."""
    count = len(_MEDIA_TAG.findall(html))
    return count + len(_SOUND_TAG.findall(html)) if "[" in html else count


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


_SLOW_TAGS = frozenset({"pre", "ol", "td", "th", *_DROPPED})
"""Tags the substitution path leaves to the tokenizer (kept spacing, numbers, cells, drops)."""
_SIMPLE_TAG = re.compile(r"""<(/?[a-zA-Z][a-zA-Z0-9]*)\b(?:[^<>"']|"[^<>"]*"|'[^<>']*')*>""")
"""A tag the tokenizer reads the same way, by name: any other '<' or '>' is left in the text
(and the text to the tokenizer). No '<' inside: linear on "<a<a<a…"."""
_SOFT = "\u0002"  # a block boundary: a line break unless the line is empty so far
_BREAK = "\u0003"  # a <br>: always a line break
_TAG_TEXT = {
    **{name: _SOFT for name in _BLOCKS},
    **{f"/{name}": _SOFT for name in _BLOCKS},
    "li": _SOFT + _KEEP + "• ",
    "br": _BREAK,
    "/br": _BREAK,
}
"""What the substitution path puts for a tag (by lower-case name); other tags vanish."""
_INLINE_SPACE = "\t\r\x0b\x0c\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Every whitespace character but the line break, as the inside of a regex class."""
_SOFT_AFTER_BULLET = re.compile(f"{_KEEP}•[{_INLINE_SPACE}]*{_SOFT}[{_SOFT}{_INLINE_SPACE}]*")
_SOFT_AFTER_BREAK = re.compile(f"{_BREAK}[{_INLINE_SPACE}]*{_SOFT}[{_SOFT}{_INLINE_SPACE}]*")
_SOFT_RUN = re.compile(f"{_SOFT}[{_SOFT}{_INLINE_SPACE}]*")
_BLANK_LINES = re.compile(f"{_BREAK}{{3,}}")


def _substituted_html_to_text(html: str) -> str | None:
    """Inline tags, <br>, blocks and a single level of <ul>: a tag-name lookup and a few
    substitutions, no tokenizer. None when the markup needs the tokenizer."""
    parts = _SIMPLE_TAG.split(html.replace("\n", " "))
    names = parts[1::2]
    if not "".join(names).islower():
        names = [name.lower() for name in names]
    if not _SLOW_TAGS.isdisjoint(names) or names.count("ul") > 1:
        return None
    parts[1::2] = [_TAG_TEXT.get(name, "") for name in names]
    text = "".join(parts)
    if "<" in text or ">" in text:
        return None  # comments, quoted '>' in attributes, a stray '<': leave them to the tokenizer
    if "&" in text:
        text = unescape(text)
        if "\n" in text:
            text = text.replace("\n", " ")  # "&#10;" is white space like any other
    if _SOFT in text:
        if _KEEP in text:
            text = _SOFT_AFTER_BULLET.sub(_KEEP + "• ", text)  # "<li><p>": one line
        text = _SOFT_AFTER_BREAK.sub(_BREAK, _BREAK + text)  # (at the start too)
        text = _SOFT_RUN.sub(_BREAK, text)
    if _KEEP in text:
        text = text.replace(_KEEP, "")
    return _tidy_lines(text)


def _tidy_lines(text: str) -> str:
    """Plain text from text whose line breaks are _BREAK characters: white space collapsed
    within each line, no blank line at either end, never two in a row."""
    if "  " in text or not text.replace(_BREAK, "").isprintable():
        text = " ".join(text.split())  # (only single spaces are printable white space)
    else:
        text = text.strip(" ")
    if _BREAK not in text:
        return text
    text = text.replace(" " + _BREAK, _BREAK).replace(_BREAK + " ", _BREAK).strip(_BREAK)
    if _BREAK * 3 in text:
        text = _BLANK_LINES.sub(_BREAK * 2, text)
    return text.replace(_BREAK, "\n")


def _tokenized_html_to_text(html: str) -> str:
    """The general conversion (any markup): a tokenizer feeding `_Collector`."""
    collector = _Collector()
    # No tag starts after the last '>', so that tail is text (up to a comment, which runs
    # to the end). Tokenizing only up to there keeps hostile input such as "<a<a<a…"
    # linear: from every '<', the tag pattern would scan to the end of the text.
    end = html.rfind(">") + 1
    match = None
    for match in _TOKEN.finditer(html, 0, end):
        name = match.group("name")
        if name is None:
            token = match.group()
            if not token.startswith("<!"):
                collector.data(token)
        elif match.group("close"):
            collector.end(name.lower())
        else:
            name = name.lower()
            collector.start(name)
            if match.group().endswith("/>") and name != "br":
                collector.end(name)
    if match is None or match.group("unclosed") is None:
        collector.data(html[end:].partition("<!--")[0])
    return _tidy("".join(collector.parts))


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph or list item per line, trimmed.

    Common fields (inline tags, breaks, blocks, one flat list) take a substitution-only
    path that gives the same text as the general tokenizer, several times faster.
    """
    if "[sound:" in html:
        end = html.rfind("]") + 1  # (as for tags below: linear on "[sound:[sound:[sound:…")
        html = _SOUND.sub("", html[:end]) + html[end:]
    if "<" not in html and "&" not in html:
        return _tidy_lines(html.replace("\n", _BREAK))  # plain text: its line breaks are kept
    text = _substituted_html_to_text(html)
    return _tokenized_html_to_text(html) if text is None else text


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
