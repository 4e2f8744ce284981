"""Cleaning of untrusted text: terminal escapes removed, Unicode normalised."""

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and other two-byte ESC sequences.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte Fe sequences
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# C0 controls but tab and newline, DEL, C1 controls, and bidi overrides/isolates
# (which can make text read differently from what it is).
# (CR is in this class, so the fast path in clean_text leaves no CR behind either.)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str) -> str:
    """Return `value` without terminal control sequences, NFC-normalised.

    Newlines and tabs are kept; CRLF and lone CR become LF.
    """
    if value.isascii() and value.isprintable():
        return value  # a line of ASCII text: no control character, NFC (2.5x the search)
    if not _CONTROL.search(value) and (value.isascii() or unicodedata.is_normalized("NFC", value)):
        return value  # the common case: nothing to remove or normalise
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _CONTROL.sub("", value)
    return unicodedata.normalize("NFC", value)
