"""`has_sections` finds a section heading line exactly as the plain pattern does (the
compiled one looks ahead for a first letter and never gives back its prefix)."""

import random
import re

import pytest

from drillcards.importers.sections import SECTION_NAMES, has_sections

PLAIN = re.compile(
    r"^[^\w\n]*(?:" + "|".join(re.escape(name) for name in SECTION_NAMES) + r")[\s:]*$",
    re.IGNORECASE | re.MULTILINE,
)
PIECES = [*"abcdefkmpsw  :\n\t#*-•.", "ſ", "\u212a", "İ", "ı", *SECTION_NAMES]


@pytest.mark.parametrize("seed", range(4))
def test_the_same_texts_have_a_heading(seed: int) -> None:
    chooser = random.Random(seed)
    texts = [
        "".join(
            piece.upper() if chooser.random() < 0.2 else piece
            for piece in chooser.choices(PIECES, k=chooser.randint(0, 10))
        )
        for _ in range(5000)
    ]
    assert any(PLAIN.search(text) for text in texts)
    assert [has_sections(text) for text in texts] == [bool(PLAIN.search(t)) for t in texts]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("### Key Terms:", True),
        ("**Key Terms:**", False),
        ("Framework\n", True),
        ("Framework \n\n  \nnext", True),
        ("intro\n  KEY POINTS  :\nmore", True),
        ("ſtar answer", True),
        ("The framework is this", False),
        ("1. framework", False),
    ],
)
def test_headings(text: str, heading: bool) -> None:
    assert has_sections(text) is heading
