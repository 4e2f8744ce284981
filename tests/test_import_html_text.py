"""HTML to text, as Anki fields and saved pages need it."""

import random

import pytest

from drillcards.importers.html_text import (
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
    ],
)
def test_conversions(html, text):
    assert html_to_text(html) == text


def test_media_references():
    assert media_references("<img src=a.png> [sound:b.mp3] <IMG src=c>") == 3
    assert media_references("no media") == 0


_PIECES = [
    "<b>", "</b>", "<br>", "<br/>", "<Br>", "<div>", "</div>", "<DIV>", "<p>", "</p>", "<ul>",
    "</ul>", "<ul class='a'>", "<li>", "</li>", "<LI>", " ", "  ", "\n", "\t", "text", "a",
    "&amp;", "&nbsp;", "&lt;", "&#39;", "<span class='x'>", "</span>", "<i>", "</i>", "<h3>",
    "</h3>", "[sound:a.mp3]", "<img src='x.png'>", "{{c1::cloze}}", "<hr>", "<blockquote>",
    "</blockquote>", "<ol>", "</ol>", "<pre>", "</pre>", "<!-- c -->", "<script>x</script>",
    "<table>", "<td>", "<a href='#'>",
]  # fmt: skip


def test_fast_paths_agree_with_the_tokenizer():
    """The substitution-only paths give exactly the general tokenizer's text."""
    generator = random.Random(2026)
    for _ in range(3000):
        html = "".join(generator.choice(_PIECES) for _ in range(generator.randint(1, 14)))
        expected = _tokenized_html_to_text(html.replace("[sound:a.mp3]", ""))
        if "<" not in html and "&" not in html:
            continue  # plain text keeps its line breaks; not HTML at all
        assert html_to_text(html) == expected, html
