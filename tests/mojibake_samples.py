"""Making mojibake on purpose, for the tests of its repair."""


def as_thai_mojibake(text: str) -> str:
    """What a UTF-8 page looks like when read as Windows-874 (1252 for undefined bytes)."""
    out = []
    for byte in text.encode("utf-8"):
        for encoding in ("cp874", "cp1252", "latin-1"):
            try:
                out.append(bytes([byte]).decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    return "".join(out)
