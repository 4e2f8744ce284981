"""Hostile inputs for every way untrusted text gets in, and the check each must pass;
shared by tests/test_fuzz.py (a modest, derandomised run) and bench/bench_fuzz.py
(>= 10,000 inputs).

The check: `drill import` (or `drill check`) ends with exit 0 or exit 1 and no
traceback, within `TIME_LIMIT` seconds, and an import that fails changes nothing in
DRILL_HOME.
"""

import contextlib
import io
import json
import sqlite3
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import zstandard
from fault_scenarios import invoke_drill
from hypothesis import strategies as st

TIME_LIMIT = 10.0
"""Seconds any one input may take."""

VALID_PACK = """\
id: fuzz-base
title: Fuzz base
questions:
  - id: first
    prompt: How would you cache a read-heavy API?
    framework: Cache-aside with Redis and a TTL.
    key_terms: [Redis, {term: Time-to-Live (TTL), aliases: [expiry]}]
    mistakes: [{text: Caching forever, triggers: [never expire]}]
"""

# --- text pieces --------------------------------------------------------------------

CONTROL = "".join(chr(c) for c in [*range(0, 32), 127, *range(0x80, 0xA0)])
NASTY = ["\x1b[2J", "\x1b]0;pwned\x07", "\u202e", "\ufeff", "\x00", "[bold]x[/]", "\r\n", "\t"]
nasty_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(CONTROL),
        st.sampled_from(["\u0301", "\u200b", "𝕏", "ï", "Ã"]),
    ),
    max_size=200,
) | st.builds("".join, st.lists(st.sampled_from([*NASTY, "ï»¿", "Ã©"]), max_size=10))

huge_text = st.builds(
    lambda c, n: c * n,
    st.sampled_from(["a", "é", "a ", "\n", "-", "{"]),
    st.integers(100_000, 3_000_000),
)


# --- pack YAML ----------------------------------------------------------------------


def _alias_bomb(levels: int, width: int) -> str:
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels):
        previous = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{previous}]")
    lines.append(f"id: bomb\ntitle: Bomb\nquestions: [{{id: q, prompt: *a{levels - 1}}}]")
    return "\n".join(lines) + "\n"


def _deep_nesting(depth: int, bracket: str) -> str:
    opening, closing = bracket
    return f"id: deep\ntitle: Deep\nquestions: {opening * depth}{closing * depth}\n"


TAGS = [
    "!!python/object/apply:os.system ['echo pwned']",
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!timestamp 2001-12-14",
    "!custom thing",
    "!!float nan",
    "!!omap [a: 1]",
    "!<tag:yaml.org,2002:str> text",
]


def _tagged(tag: str, field: str) -> str:
    return VALID_PACK.replace("prompt: How would you cache a read-heavy API?", f"{field}: {tag}")


def _mutated(base: str, edits: list[tuple[int, str, int]]) -> str:
    text = base
    for position, insert, delete in edits:
        where = position % (len(text) + 1)
        text = text[:where] + insert + text[where + delete :]
    return text


yaml_edits = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.sampled_from(
            [
                "",
                ":",
                "- ",
                "&x ",
                "*x",
                "{",
                "}",
                "[",
                "]",
                "'",
                '"',
                "\n  ",
                "\t",
                "? ",
                "!!str ",
                "%YAML 1.1\n",
                "---\n",
                "...\n",
                "|\n",
                ">-\n",
                "#",
            ]
        )
        | nasty_text,
        st.integers(0, 5),
    ),
    max_size=8,
)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), nasty_text)
structures = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_text, inner, max_size=4),
    max_leaves=20,
)


def _dumped(value: object) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True)


pack_yaml = st.one_of(
    st.builds(_alias_bomb, st.integers(2, 12), st.integers(2, 12)),
    st.builds(_deep_nesting, st.integers(10, 50_000), st.sampled_from(["[]", "{}"])),
    st.builds(_tagged, st.sampled_from(TAGS), st.sampled_from(["prompt", "id", "title", "tags"])),
    st.builds(_mutated, st.just(VALID_PACK), yaml_edits),
    st.builds(
        lambda huge: VALID_PACK.replace("Cache-aside with Redis and a TTL.", json.dumps(huge)),
        huge_text,
    ),
    st.builds(
        lambda questions: _dumped({"id": "gen", "title": "Gen", "questions": questions}),
        st.lists(
            st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "prompt",
                        "key_terms",
                        "mistakes",
                        "star",
                        "tags",
                        "framework",
                        "aliases",
                    ]
                ),
                structures,
            ),
            max_size=5,
        ),
    ),
    st.builds(_dumped, structures),
    nasty_text,
)

# --- CSV / Anki text ----------------------------------------------------------------

HEADERS = [
    "separator",
    "html",
    "tags column",
    "notetype column",
    "deck column",
    "guid column",
    "columns",
    "notetype",
    "deck",
    "if matches",
    "tags",
]
header_values = (
    st.sampled_from(
        [
            "tab",
            "comma",
            "semicolon",
            "pipe",
            "space",
            "Colon",
            "true",
            "false",
            "0",
            "-1",
            "1",
            "2",
            "99999999999999999999",
            "",
        ]
    )
    | nasty_text
)
csv_fields = st.one_of(
    nasty_text,
    st.sampled_from(
        ['"', '""', '"a""b', "<b>x</b>", "{{c1::x}}", "{{c1::", "<img src=x>", "&#0;", "&#x110000;"]
    ),
)
csv_text = st.builds(
    lambda headers, rows, separator: (
        "".join(f"#{name}:{value}\n" for name, value in headers)
        + "".join(separator.join(row) + "\n" for row in rows)
    ),
    st.lists(st.tuples(st.sampled_from(HEADERS), header_values), max_size=6),
    st.lists(st.lists(csv_fields, max_size=8), max_size=20),
    st.sampled_from(["\t", ",", ";", "|"]),
) | st.builds(lambda huge: f"prompt,answer\nq,{huge}\n", huge_text)

# --- Markdown and pages -------------------------------------------------------------

MARKDOWN_PIECES = [
    "# ",
    "## ",
    "### ",
    "**",
    "- ",
    "1. ",
    "```",
    "```python\n",
    "<details>",
    "<summary>",
    "</details>",
    "[back to top](#top)",
    "| a | b |\n|---|---|\n",
    "![badge](x)",
    "?",
    "\n",
    "    ",
    "> ",
    "<!--",
    "-->",
    "[^1]",
]
markdown_text = st.builds(
    "".join, st.lists(st.sampled_from(MARKDOWN_PIECES) | nasty_text, max_size=60)
) | st.builds(lambda huge: f"## Question?\n{huge}\n", huge_text)

PAGE_PIECES = [
    "Answer Framework\n",
    "STAR Example\n",
    "Situation\n",
    "Task\n",
    "Action\n",
    "Result\n",
    "How to Answer\n",
    "Key Points to Mention\n",
    "Key Terminology\n",
    "What Interviewers Look For\n",
    "Common Mistakes to Avoid\n",
    "1\n",
    "2\n",
    "\n",
    "â€¢ ",
    "  â€¢ â€¢ ",
    "â˜…\n",
    "?\n",
    "Ã©",
    "ðŸ”¥ ",
]
page_text = st.builds(
    "".join, st.lists(st.sampled_from(PAGE_PIECES) | nasty_text, max_size=80)
) | st.builds(lambda huge: f"Title\n\n1\n\nQuestion?\n\nAnswer Framework\n\n{huge}\n", huge_text)

# --- .apkg --------------------------------------------------------------------------


@cache
def zstd_bomb() -> bytes:
    """A package whose zstd collection unpacks to 600 MiB (the limit is 512 MiB)."""
    compressed = io.BytesIO()
    block = b"\0" * (16 * 1024 * 1024)
    with zstandard.ZstdCompressor(level=1).stream_writer(compressed, closefd=False) as writer:
        for _ in range(600 // 16):
            writer.write(block)
    return _package([("collection.anki21b", compressed.getvalue())], compress=False)


@cache
def zip_bomb() -> bytes:
    """A package whose deflated collection unpacks 1,000 times its size."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("collection.anki21", "w", force_zip64=True) as member,
    ):
        block = b"\0" * (16 * 1024 * 1024)
        for _ in range(8):
            member.write(block)
    return buffer.getvalue()


def _collection(tables: dict[str, list[tuple[object, ...]]], schema: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection"
        with sqlite3.connect(path) as db:
            db.executescript(schema)
            for table, rows in tables.items():
                for row in rows:
                    marks = ", ".join("?" * len(row))
                    # a row that does not fit the generated schema is left out
                    with contextlib.suppress(sqlite3.Error, OverflowError):
                        db.execute(f"INSERT INTO {table} VALUES ({marks})", row)
        db.close()
        return path.read_bytes()


ANKI_SCHEMA = """
CREATE TABLE col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags);
CREATE TABLE notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data);
CREATE TABLE cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses,
                    left, odue, odid, flags, data);
CREATE TABLE notetypes (id, name, mtime_secs, usn, config);
CREATE TABLE fields (ntid, ord, name, config);
CREATE TABLE decks (id, name, mtime_secs, usn, common, kind);
"""

anki_values = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    nasty_text,
    st.binary(max_size=64),
    st.none(),
    st.just("\x1f".join(["front", "back"])),
    st.builds(lambda n: b"\x08" + bytes([n % 256]) * 1000, st.integers()),
)
anki_tables = st.fixed_dictionaries(
    {
        "notes": st.lists(st.tuples(*[anki_values] * 11), max_size=5),
        "notetypes": st.lists(
            st.tuples(
                st.integers(0, 5),
                nasty_text,
                st.integers(),
                st.integers(),
                st.binary(max_size=2000)
                | st.builds(lambda n: b"\x10" * n, st.integers(0, 200_000)),
            ),
            max_size=3,
        ),
        "fields": st.lists(
            st.tuples(st.integers(0, 5), st.integers(-1, 3), nasty_text, st.binary(max_size=20)),
            max_size=4,
        ),
        "decks": st.lists(
            st.tuples(
                st.integers(0, 5),
                nasty_text,
                st.integers(),
                st.integers(),
                st.binary(max_size=8),
                st.binary(max_size=8),
            ),
            max_size=3,
        ),
        "col": st.lists(st.tuples(*[anki_values] * 13), max_size=2),
    }
)
random_schema = st.builds(
    lambda names: "".join(f"CREATE TABLE IF NOT EXISTS {name} (a, b, c);" for name in names),
    st.lists(
        st.sampled_from(["notes", "col", "cards", "notetypes", "x", "fields", "decks"]), max_size=4
    ),
)


def _package(members: list[tuple[str, bytes]], compress: bool) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


collection_bytes = st.one_of(
    st.builds(_collection, anki_tables, st.just(ANKI_SCHEMA)),
    st.builds(_collection, st.just({}), random_schema),
    st.binary(max_size=4096),
)
member_names = st.sampled_from(
    [
        "collection.anki21b",
        "collection.anki21",
        "collection.anki2",
        "media",
        "0",
        "../../evil",
        "/etc/passwd",
        "collection.anki21/../x",
        "C:\\evil",
        "a" * 300,
    ]
)
apkg_bytes = st.one_of(
    st.builds(
        lambda name, data, zstd, compress, extra: _package(
            [(name, zstandard.ZstdCompressor().compress(data) if zstd else data), *extra], compress
        ),
        member_names,
        collection_bytes,
        st.booleans(),
        st.booleans(),
        st.lists(st.tuples(member_names, st.binary(max_size=256)), max_size=3),
    ),
    st.binary(max_size=4096),
    st.builds(
        lambda data, cut: data[:cut],
        st.just(None).map(lambda _: _package([("collection.anki21", b"x" * 5000)], True)),
        st.integers(0, 200),
    ),
)

# --- answers ------------------------------------------------------------------------

answers = st.one_of(
    nasty_text,
    st.builds(
        lambda c, n: c * n,
        st.sampled_from(["redis ", "a", "\x00", "é ", "never expire "]),
        st.integers(1, 1_000_000),
    ),
    st.builds(
        lambda base, noise: base + noise,
        st.just("Cache-aside with Redis and a TTL; I would never expire"),
        nasty_text,
    ),
)

# --- the checks ---------------------------------------------------------------------


def _snapshot(home: Path) -> dict[str, tuple[int, int]]:
    if not home.exists():
        return {}
    return {
        str(path.relative_to(home)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in home.rglob("*")
        if path.is_file()
    }


def check_import(
    home: Path, work: Path, data: str | bytes, suffix: str, file_format: str
) -> subprocess.CompletedProcess[str]:
    """`drill import` of `data`: exit 0 or 1, no traceback, in time, nothing changed on
    error. Returns the command's result."""
    source = work / f"input{suffix}"
    source.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    before = _snapshot(home)
    started = time.monotonic()
    result = invoke_drill(home, "import", str(source), "--format", file_format)
    took = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-500:])
    assert took < TIME_LIMIT, f"took {took:.1f} s"
    if result.returncode == 1:
        assert result.stderr.startswith("drill: ") or ": " in result.stderr, result.stderr[-500:]
        assert _snapshot(home) == before, "a failed import changed DRILL_HOME"
    return result


def check_answer(home: Path, work: Path, answer: str) -> None:
    """`drill check` of `answer` against a fixed pack: one JSON document, in time."""
    pack = work / "fuzz-base.yaml"
    if not pack.exists():
        pack.write_text(VALID_PACK, encoding="utf-8")
    answer_file = work / "answer.txt"
    answer_file.write_bytes(answer.encode("utf-8", "surrogatepass"))
    started = time.monotonic()
    result = invoke_drill(
        home,
        "check",
        "--file",
        str(pack),
        "--question",
        "first",
        "--answer-file",
        str(answer_file),
        "--json",
    )
    took = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert took < TIME_LIMIT, f"took {took:.1f} s for {len(answer):,} characters"
    if result.returncode == 0:
        document = json.loads(result.stdout)
        assert 0 <= document["score"] <= 1
    else:
        assert result.returncode == 1 and result.stderr.startswith("drill: "), result.stderr


IMPORT_KINDS: dict[str, tuple[st.SearchStrategy[str] | st.SearchStrategy[bytes], str, str]] = {
    "pack YAML": (pack_yaml, ".yaml", "yaml"),
    "CSV/Anki text": (csv_text, ".txt", "csv"),
    "Markdown": (markdown_text, ".md", "markdown"),
    "pages": (page_text, ".txt", "page"),
    ".apkg": (apkg_bytes, ".apkg", "apkg"),
}
"""Input kind -> (strategy, file suffix, --format)."""

BOMBS: dict[str, Callable[[], bytes]] = {"zstd bomb": zstd_bomb, "zip bomb": zip_bomb}
"""Packages too costly to build per example: each is checked on its own."""

Check = Callable[..., None]
