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
at a full stop followed by a space, at a dash standing alone, at a blank line or a new
list item (a single line break is just wrapping; a list number is not a word), and
before a conjunction that starts a new clause ("but", "so", "because", "however", "and
we", ...). A colon does not: what follows it elaborates what precedes it ("common
pitfalls: a big bang rewrite").

Speed: the text is cut at white space first (`str.split` is much faster than a regular
expression over the whole text), and only the pieces that are not plain letters and
digits go through a regular expression.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from operator import add, itemgetter, not_


def word_set(words: str) -> frozenset[str]:
    """The set of the space-separated words in `words` (for word lists in the source)."""
    return frozenset(words.split())


_PIECE = re.compile(
    r"(?P<word>[^\W_]+(?:['’][^\W_]+)*(?:\+\+|#)?)"  # a word
    r"|[,;!?()\[\]{}—–…]|\.$"  # or a clause break: punctuation, a full stop at the end
)
"""The parts of a piece of text without white space that is not a plain word."""
_PUNCTUATION_AFTER = frozenset(",;!?.")
"""Clause breaks often typed right after a word."""
_NON_SPACE = re.compile(r"\S+")
_LIST_MARKERS = frozenset("-*•")
_LIST_NUMBER = re.compile(r"\d+[.)]")
_FIRST_TWO = itemgetter(slice(0, 2))
_PLUS_ONE = (1).__add__
_CLAUSE_CONJUNCTIONS = word_set(
    "but so because however although though yet whereas unless then otherwise"
)
_CLAUSE_OPENERS = word_set("and instead")
_CLAUSE_WORDS = _CLAUSE_CONJUNCTIONS | _CLAUSE_OPENERS
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
    chunks = text.split(" ")
    if all(map(str.isalnum, chunks)):  # plain words and single spaces, like most phrases
        originals, breaks, glued = chunks, set(), set()
        starts = _offsets(chunks)
    else:
        words = _WordSplitter(text, chunks)
        originals, starts, breaks, glued = words.originals, words.starts, words.breaks, words.glued
    texts = list(map(canonical_word, originals))
    capitals = {}
    for index in compress(range(len(texts)), map(str.isupper, map(_FIRST_TWO, originals))):
        if count := leading_capitals(originals[index]):
            capitals[index] = count
    return Tokens(
        texts,
        starts,
        list(map(add, starts, map(len, originals))),
        _clauses(texts, breaks),
        after_negating_prefix=glued,
        capitals=capitals,
        has_capitals=text != text.lower(),
    )


class _WordSplitter:
    """The words of a text as written, their starts, and which follow a clause break.

    The text is cut at spaces (so every piece's offset is known without a search); runs
    of plain words (letters and digits only) are taken as they are, and only the other
    pieces are looked at one by one.
    """

    def __init__(self, text: str, chunks: list[str]) -> None:
        """Split `text`, already cut at spaces into `chunks`."""
        self.originals: list[str] = []
        self.starts: list[int] = []
        self.breaks: set[int] = set()
        """Indexes of the words that follow a clause break."""
        self.glued: set[int] = set()
        """Indexes of the words glued to a negating prefix ("blocking" in "non-blocking")."""
        self._at_break = False
        self._newlines = 0
        """Line breaks since the previous piece of text."""
        self._first_piece = True
        offsets = _offsets(chunks)
        done = 0
        for index in compress(range(len(chunks)), map(not_, map(str.isalnum, chunks))):
            if done < index:
                self._plain_words(chunks[done:index], offsets[done:index])
            done = index + 1
            chunk = chunks[index]
            if chunk.isprintable():  # no white space but spaces: one piece (or none)
                if chunk:
                    self._piece(chunk, offsets[index])
                continue
            previous = 0
            for match in _NON_SPACE.finditer(chunk):  # line breaks, tabs, ...
                self._newlines += chunk.count("\n", previous, match.start())
                self._piece(match.group(), offsets[index] + match.start())
                previous = match.end()
            self._newlines += chunk.count("\n", previous)
        if done < len(chunks):
            self._plain_words(chunks[done:], offsets[done:])

    def _plain_words(self, words: list[str], starts: list[int]) -> None:
        if self._newlines > 1 or self._at_break:
            self.breaks.add(len(self.originals))
            self._at_break = False
        self._newlines = 0
        self._first_piece = False
        self.originals.extend(words)
        self.starts.extend(starts)

    def _piece(self, piece: str, start: int) -> None:
        """One piece of text without white space that is not a plain word."""
        if self._newlines or self._first_piece:  # at the start of a line
            if self._newlines > 1:
                self._at_break = True
            self._newlines = 0
            self._first_piece = False
            if piece in _LIST_MARKERS or _LIST_NUMBER.fullmatch(piece):
                self._at_break = True
                return
        if piece[-1] in _PUNCTUATION_AFTER and piece[:-1].isalnum():  # "word," "word."
            self._word(piece[:-1], start)
            self._at_break = True
        elif piece.isalnum():
            self._word(piece, start)
        elif not piece.strip("-"):  # a dash standing alone
            self._at_break = True
        else:
            previous_end = -1
            for match in _PIECE.finditer(piece):
                if match.lastgroup is None:
                    self._at_break = True
                    continue
                if (
                    previous_end > 0
                    and match.start() == previous_end + 1
                    and piece[previous_end] == "-"
                    and canonical_word(self.originals[-1]) in _NEGATING_PREFIXES
                ):
                    self.glued.add(len(self.originals))
                self._word(match.group(), start + match.start())
                previous_end = match.end()

    def _word(self, word: str, start: int) -> None:
        if self._at_break:
            self.breaks.add(len(self.originals))
            self._at_break = False
        self.originals.append(word)
        self.starts.append(start)


def _offsets(chunks: list[str]) -> list[int]:
    """Where each chunk of a text cut at spaces starts."""
    return list(accumulate(map(_PLUS_ONE, map(len, chunks[:-1])), initial=0))


def _clauses(texts: list[str], breaks: set[int]) -> list[int]:
    """Each word's clause number (see the module docstring): a clause starts after a
    break, at a conjunction, and at "and"/"instead" opening one ("and we", "instead we")."""
    count = len(texts)
    if not breaks and _CLAUSE_WORDS.isdisjoint(texts):
        return [0] * count
    starts = breaks | set(compress(range(count), map(_CLAUSE_CONJUNCTIONS.__contains__, texts)))
    openers = [
        index
        for index in compress(range(count - 1), map(_CLAUSE_OPENERS.__contains__, texts))
        if index + 1 not in starts
        and (
            texts[index + 1] in _SUBJECT_PRONOUNS
            if texts[index] == "and"
            else texts[index + 1] != "of"
        )
    ]
    starts.update(openers)
    clauses: list[int] = []
    previous = 0
    for clause, start in enumerate(sorted(starts)):
        clauses += [clause] * (start - previous)
        previous = start
    clauses += [len(starts)] * (count - previous)
    return clauses


def leading_capitals(word: str) -> int:
    """How many capital letters `word` starts with, if at least two; else 0."""
    count = 0
    for character in word:
        if not character.isupper():
            break
        count += 1
    return count if count >= 2 else 0
