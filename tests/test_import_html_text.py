"""HTML to text, as Anki fields and saved pages need it."""

import random
import re
import sys

import pytest

from drillcards.importers.html_text import (
    _INLINE_SPACE,
    _tokenized_html_to_text,
    html_to_text,
    media_references,
)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Consistency &amp; Availability<br>Partition", "Consistency & Availability\nPartition"),
        ("<div>Line one</div><div>Line two</div>", "Line one\nLine two"),
        ("<ul><li>one</li><li>two <b>bold</b></li></ul>after", "• one\n• two bold\nafter"),
        ("<ol><li>a</li><li>b<ul><li>c</li></ul></li></ol>", "1. a\n2. b\n  • c"),
        ("a<br><br>c", "a\n\nc"),
        ("<pre>def f():\n    x  =  1</pre>after", "def f():\n    x  =  1\nafter"),
        ("x &nbsp; y &lt;tag&gt;", "x y <tag>"),
        ("<!-- hidden -->shown<script>bad()</script><style>p{}</style>", "shown"),
        ("plain\ntext  kept", "plain\ntext kept"),
        ("[sound:q.mp3]Listen<img src='a.png'>", "Listen"),
        ("<li><div>item in a block</div></li>", "• item in a block"),
        ("a&#10;b<br>c", "a b\nc"),  # an encoded line break is white space, as in a browser
        ('<a title="x>y">link</a><br>z', "link\nz"),  # '>' inside a quoted attribute
        ("<DIV>one</DIV><Br/>two<br />three", "one\n\ntwo\nthree"),
        ("x\u2003\u00a0<div>y</div>", "x\ny"),
    ],
)
def test_conversions(html, text):
    assert html_to_text(html) == text


def test_media_references():
    assert media_references("<img src=a.png> [sound:b.mp3] <IMG src=c>") == 3
    assert media_references("<video><source src=v.mp4></video>[SOUND:c.ogg]") == 3
    assert media_references("no media [link] <imgx>") == 0


def test_hostile_markup_takes_linear_time():
    """Tag, comment and sound starts by the hundred thousand, never closed: a pattern that
    scanned to the end from each of them would take minutes here, not milliseconds."""
    assert html_to_text("<a" * 100_000) == "<a" * 100_000
    assert html_to_text('<a "' * 100_000 + ">x") == "x"
    assert html_to_text("<b>kept</b>" + "<!--" * 100_000) == "kept"
    assert html_to_text("<pre>" + "<x" * 100_000) == "<x" * 100_000
    assert html_to_text("[sound:" * 100_000 + "<br>") == "[sound:" * 100_000


def test_inline_space_is_every_white_space_but_the_line_break():
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    white_space = [character for character in every_character if character.isspace()]
    assert re.findall(f"[{_INLINE_SPACE}]", every_character) == [
        character for character in white_space if character != "\n"
    ]


_PIECES = [
    "<b>", "</b>", "<br>", "<br/>", "<Br>", "<div>", "</div>", "<DIV>", "<p>", "</p>", "<ul>",
    "</ul>", "<ul class='a'>", "<li>", "</li>", "<LI>", " ", "  ", "\n", "\t", "text", "a",
    "&amp;", "&nbsp;", "&lt;", "&#39;", "<span class='x'>", "</span>", "<i>", "</i>", "<h3>",
    "</h3>", "[sound:a.mp3]", "<img src='x.png'>", "{{c1::cloze}}", "<hr>", "<blockquote>",
    "</blockquote>", "<ol>", "</ol>", "<pre>", "</pre>", "<!-- c -->", "<script>x</script>",
    "<table>", "<td>", "<a href='#'>", "</a>", "<li/>", "<BR />", "</ br>", "<p/>", "<section>",
    "&gt;", "&#10;", "&#13;", "&NewLine;", "&bull;", "\r", "\xa0", "\u2003", "\u2028", "\x85",
    "•", "<", ">", "x<y", '<div class="x>y">', "<font color=red>", "</TD>", "<TR>",
]  # fmt: skip


def test_fast_paths_agree_with_the_tokenizer():
    """The substitution-only paths give exactly the general tokenizer's text."""
    generator = random.Random(2026)
    for _ in range(5000):
        html = "".join(generator.choice(_PIECES) for _ in range(generator.randint(1, 16)))
        expected = _tokenized_html_to_text(html.replace("[sound:a.mp3]", ""))
        if "<" not in html and "&" not in html:
            continue  # plain text keeps its line breaks; not HTML at all
        assert html_to_text(html) == expected, html
