"""Mojibake repair: Windows-874 (with 1252 fallbacks), Windows-1252 and Latin-1."""

import pytest
from mojibake_samples import as_thai_mojibake

from drillcards.importers.mojibake import repair_mojibake


@pytest.mark.parametrize(
    "original",
    [
        "• bullet ✓ yes ✗ no ★ star 🚀 rocket",
        "naïve café — “quoted” don’t → résumé 10×",
        "Ελληνικά, Кириллица, 日本語, emoji 👍🏽",
        "€5 • ½ • ©",
    ],
)
def test_utf8_read_as_windows_874_comes_back(original):
    assert repair_mojibake(as_thai_mojibake(original)) == original


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("cafÃ© â€” donâ€™t", "café — don’t"),
        ("Â£5 and â‚¬10", "£5 and €10"),
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"),
        # bytes Windows-1252 leaves undefined (0x8D, 0x9D) come through as C1 controls
        ("as â€œdoneâ€\x9d.", "as “done”."),
        ("ðŸ\x8dª cookies Â· Accept", "🍪 cookies · Accept"),
        ("Deploy â‰\xa0 release âœ“ âœ— â˜…", "Deploy ≠ release ✓ ✗ ★"),
    ],
)
def test_utf8_read_as_windows_1252_or_latin_1_comes_back(broken, fixed):
    assert repair_mojibake(broken) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "ภาษาไทย เก็บ โกก ข้อมูล",  # real Thai stays Thai
        "“Quotes” stay curly — and dashes stay",
        "plain ASCII text",
        "café naïve résumé",
        "Größe, Ärger, ça va",
    ],
)
def test_correct_text_is_left_alone(text):
    assert repair_mojibake(text) == text


def test_mixed_good_and_broken_lines():
    text = "good line — fine\nbroken line โ€ข item\ncafÃ©"
    assert repair_mojibake(text) == "good line — fine\nbroken line • item\ncafé"
