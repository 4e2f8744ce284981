"""How `answer_dictionary_2.zstd` was made (run by hand; the shipped file must never change).

Run:  python bench/train_answer_dictionary.py SITE_PACKAGES OUT [--size 32768]

Prose paragraphs of the docstrings of the installed third-party packages (not
drillcards, so no pack is favoured: the storage bench cuts its answers from the bundled
pack, which the dictionary has never seen), cut into 20,000 runs of 30 to 300 words,
and given to Zstandard's dictionary trainer.
"""

import argparse
import ast
import random
import re
from pathlib import Path

import zstandard

_NOT_PROSE = (">>>", ":", "..", "-", "*", "|", "Args", "Returns", "Parameters")


def prose(site_packages: Path) -> list[str]:
    """Docstring paragraphs of at least 12 words that read as prose, not code or lists."""
    paragraphs: list[str] = []
    for path in sorted(site_packages.rglob("*.py")):
        if "drillcards" in str(path):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError):
            continue
        for node in ast.walk(tree):
            if not isinstance(
                node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
            ):
                continue
            for paragraph in re.split(r"\n\s*\n", ast.get_docstring(node) or ""):
                lines = [line.strip() for line in paragraph.splitlines()]
                text = " ".join(lines)
                letters = sum(c.isalpha() or c == " " for c in text) / max(len(text), 1)
                if not any(line.startswith(_NOT_PROSE) for line in lines) and (
                    len(text.split()) >= 12 and letters > 0.9
                ):
                    paragraphs.append(text)
    return paragraphs


def main() -> None:
    """Train the dictionary and write it out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_packages", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", type=int, default=32768)
    args = parser.parse_args()
    words = " ".join(prose(args.site_packages)).split()
    rng = random.Random(1)
    samples = []
    for _ in range(20_000):
        start = rng.randrange(len(words) - 300)
        samples.append(" ".join(words[start : start + rng.randint(30, 300)]).encode())
    trained = zstandard.train_dictionary(args.size, samples, level=19, threads=2)
    args.out.write_bytes(trained.as_bytes())
    print(f"{len(words):,} words -> {args.out} ({len(trained.as_bytes()):,} bytes)")


if __name__ == "__main__":
    main()
