"""Splitting text into comparable words that remember where they are in the original.

A token is a run of letters and digits (an apostrophe inside a word keeps it whole, so
"don't" is one token; "C++" and "C#" keep their sign). Everything else separates
tokens: spaces, hyphens, slashes, dots, underscores, punctuation. Each token carries its
character span in the ORIGINAL text, so a match can be highlighted exactly where the
user typed it, and a canonical text used for comparing:

- case-folded, accents removed, curly apostrophes straightened;
- a possessive "'s" dropped ("Kafka's" -> "kafka");
- British spellings mapped to American ones ("memoisation" -> "memoization",
  "behaviour" -> "behavior", "centre" -> "center");
- a few irregular Latin plurals mapped to their singular ("indices" -> "index").

How many capitals a word starts with is kept too, for acronyms ("REST", "RESTful").

Tokens are grouped into clauses (for negation scope): a clause ends at , ; ! ? ( ) —,
at a full stop followed by a space, at a blank line or a new list item (a single line
break is just wrapping), and before a conjunction that starts a new clause ("but",
"so", "because", "however", "and we", ...). A colon does not: what follows it
elaborates what precedes it ("common pitfalls: a big bang rewrite").
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


def word_set(words: str) -> frozenset[str]:
    """The set of the space-separated words in `words` (for word lists in the source)."""
    return frozenset(words.split())


_SCAN = re.compile(
    r"(?P<word>[^\W_]+(?:['’][^\W_]+)*(?:\+\+|#)?)"  # a word
    r"|[,;!?()\[\]{}—–…]|\.\s|\s-+\s"  # or a clause break: punctuation,
    r"|\n\s*\n|\n\s*(?:[-*•]|\d+[.)])\s"  # a blank line, a new list item
)
_CLAUSE_CONJUNCTIONS = word_set(
    "but so because however although though yet whereas unless then otherwise"
)
_SUBJECT_PRONOUNS = word_set("i we you they he she it")
_NEGATING_PREFIXES = frozenset({"no", "non", "not", "anti", "un"})
"""Glued by a hyphen to the next word they make a new word: "non-blocking", "no-SQL"."""

_BRITISH_SPELLINGS = (
    (re.compile(r"(?<=\w{4})is(e|es|ed|ing|er|ers|ation|ations|able)$"), r"iz\1"),
    (re.compile(r"(?<=\w{3})ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"(?<=\w{2})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=\w{3})tre(s|d)?$"), r"ter\1"),
)
_IRREGULAR_PLURALS = {
    "indices": "index",
    "vertices": "vertex",
    "matrices": "matrix",
    "appendices": "appendix",
    "criteria": "criterion",
}


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a text, as parallel lists (the i-th entry of each is word i)."""

    texts: list[str] = field(default_factory=list)
    """Each word's canonical form, used for comparisons."""
    starts: list[int] = field(default_factory=list)
    """Offset of each word's first character in the original text."""
    ends: list[int] = field(default_factory=list)
    """Offset just past each word's last character in the original text."""
    clauses: list[int] = field(default_factory=list)
    """Number of the clause each word is in (for negation scope)."""
    after_negating_prefix: set[int] = field(default_factory=set)
    """Words like "blocking" in "non-blocking", not meant on their own."""
    capitals: dict[int, int] = field(default_factory=dict)
    """How many capitals a word starts with, for words starting with two or more
    ("RESTful": 4)."""
    has_capitals: bool = False
    """Whether the text has any capital letter (if not, case tells nothing)."""

    def __len__(self) -> int:
        return len(self.texts)


@lru_cache(maxsize=65536)
def canonical_word(word: str) -> str:
    """The form of one word used for comparisons (see the module docstring)."""
    text = unicodedata.normalize("NFKD", word.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'")
    if text.endswith("'s"):
        text = text[:-2]
    text = _IRREGULAR_PLURALS.get(text, text)
    if len(text) >= 6:
        for pattern, replacement in _BRITISH_SPELLINGS:
            text, count = pattern.subn(replacement, text)
            if count:
                break
    return text


def tokenize(text: str) -> Tokens:
    """Split `text` into words with their spans in `text` and their clause numbers."""
    tokens = Tokens(has_capitals=text != text.lower())
    texts, starts, ends, clauses = tokens.texts, tokens.starts, tokens.ends, tokens.clauses
    clause = 0
    at_break = False
    previous_end = -1
    previous_word = ""
    for match in _SCAN.finditer(text):
        if match.lastgroup is None:
            at_break = True
            continue
        start, end = match.span()
        original = match.group()
        word = canonical_word(original)
        if at_break or word in _CLAUSE_CONJUNCTIONS:
            clause += 1
        elif (previous_word == "and" and word in _SUBJECT_PRONOUNS) or (
            previous_word == "instead" and word != "of"
        ):
            # "and we ...", "instead we ...": the previous word opened a new clause
            clause += 1
            clauses[-1] = clause
        if (
            previous_word in _NEGATING_PREFIXES
            and start == previous_end + 1
            and text[previous_end] == "-"
        ):
            tokens.after_negating_prefix.add(len(texts))
        if original[:2].isupper() and (capitals := leading_capitals(original)):
            tokens.capitals[len(texts)] = capitals
        texts.append(word)
        starts.append(start)
        ends.append(end)
        clauses.append(clause)
        previous_end = end
        previous_word = word
        at_break = False
    return tokens


def leading_capitals(word: str) -> int:
    """How many capital letters `word` starts with, if at least two; else 0."""
    count = 0
    for character in word:
        if not character.isupper():
            break
        count += 1
    return count if count >= 2 else 0
