"""Whether an answer affirms a phrase or rejects it (NegEx-style negation scope).

A trigger is negated when, in the same clause (see `tokens`):

- a negation cue stands at most `CUE_WINDOW` words before it, or before an "or" /
  "nor" that joins it to the trigger ("never store them in plaintext or with MD5"):
  "not", "no", "never", "without", "against", a "n't" contraction, a form of "avoid",
  "prevent", "skip", "refuse", "reject", "eliminate", "stop", "disable", "remove",
  "deprecate", "ban", "instead of", "rather than", "as opposed to", "away from",
  "over" after "prefer"/"choose" ("I'd pick X over a rewrite"), "end up with", "watch
  out for", or a verdict such as "mistake", "pitfall", "anti-pattern", "worst", "risk";
  pseudo-negations such as "not only"
  and "no doubt" are not cues, nor is a cue that is part of another trigger found in
  the answer;
- or the words just after it reject it: an odd number of negators ("not", "never",
  "n't") and negative verdicts ("mistake", "bad idea", "anti-pattern", "risky",
  "fails", "would lose", ...) within `CUE_WINDOW` words: "X is a mistake" and "X is not something
  I'd do" reject X, "X is not a problem" does not. A relative clause right after the
  trigger ("X, which turned out to be a mistake") is read whole, up to
  `RELATIVE_CLAUSE_WINDOW` words.
"""

from collections.abc import Collection

from drillcards.matcher.lexicon import stem
from drillcards.matcher.tokens import Tokens, word_set

CUE_WINDOW = 5
"""How many words a negation cue may stand away from the trigger."""
RELATIVE_CLAUSE_WINDOW = 10
"""How many words of a ", which ..." clause after a trigger are read for a verdict."""

_NEGATORS = word_set(
    "not never cannot nor neither dont doesnt didnt wont wouldnt shouldnt cant "
    "couldnt isnt arent wasnt werent mustnt havent hasnt hadnt aint neednt"
)
"""Negating words, before or after a trigger (besides any "n't" contraction)."""
_PRE_NEGATORS = word_set("no without against none nobody")
"""Negating words only before a trigger: "X with no downtime" does not reject X."""
_CUE_STEMS = word_set(
    "avoid prevent skip refus reject elimin prohibit forbid stop discourag disabl remov deprec ban"
)
_DISJUNCTIONS = word_set("or nor")
"""Under a negation, "or" carries it on: "never X or Y" is never X and never Y."""
_RELATIVE_PRONOUNS = word_set("which")
"""A clause they open right after a trigger comments on it: "X, which was a mistake"."""
_PRE_VERDICTS = word_set(
    "mistake mistakes pitfall pitfalls antipattern antipatterns worst risk risks danger trap"
)
"""Verdicts that reject what follows: "the classic mistake is a big bang rewrite"."""
_TWO_WORD_CUES = frozenset(
    {
        ("instead", "of"),
        ("rather", "than"),
        ("opposed", "to"),
        ("away", "from"),
        ("clear", "of"),
        ("anti", "pattern"),
        ("anti", "patterns"),
        ("bad", "idea"),
        ("end", "up"),
        ("ending", "up"),
        ("ends", "up"),
        ("watch", "out"),
    }
)
_PSEUDO_NEGATIONS = frozenset(
    {
        ("no", "doubt"),
        ("not", "only"),
        ("not", "just"),
        ("no", "matter"),
        ("not", "hesitate"),
        ("without", "doubt"),
        ("without", "hesitation"),
    }
)
_PREFERENCE_STEMS = word_set("prefer favor choos chose pick opt")
_NEGATIVE_VERDICTS = word_set(
    "mistake mistakes mistaken bad worse worst terrible awful antipattern "
    "antipatterns pitfall pitfalls risky risk risks dangerous harmful wrong problem "
    "problems problematic issue issues unwise overkill unnecessary discouraged avoid "
    "avoided fail fails failed nightmare disaster lose loses losing break breaks"
)


def is_negated(tokens: Tokens, first: int, last: int, other_triggers: Collection[int] = ()) -> bool:
    """Whether the phrase at tokens[first..last] is negated or rejected in its clause.

    `other_triggers` are the indexes of tokens that belong to other triggers found in
    the answer: a cue inside one ("we skip the tests and ssh into the servers") is
    that trigger's own word, not a negation of the next.
    """
    return _cue_before(tokens, first, other_triggers) or _rejected_after(tokens, first, last)


def _is_negator(word: str) -> bool:
    return word.endswith("n't") or word in _NEGATORS


def _cue_before(tokens: Tokens, first: int, other_triggers: Collection[int]) -> bool:
    texts, clauses = tokens.texts, tokens.clauses
    lowest = first - CUE_WINDOW - 1
    index = first
    while index > max(0, lowest):
        index -= 1
        if clauses[index] != clauses[first]:
            return False
        word = texts[index]
        if word in _DISJUNCTIONS:
            lowest = index - CUE_WINDOW - 1
        if index in other_triggers:
            continue
        if (word, texts[index + 1]) in _PSEUDO_NEGATIONS:
            continue
        if (
            _is_negator(word)
            or word in _PRE_NEGATORS
            or word in _PRE_VERDICTS
            or stem(word) in _CUE_STEMS
        ):
            return True
        if index > 0 and (texts[index - 1], word) in _TWO_WORD_CUES:
            return True
        if word == "over" and _preference_before(tokens, index):
            return True
    return False


def _preference_before(tokens: Tokens, index: int) -> bool:
    clauses = tokens.clauses
    for earlier in range(index - 1, -1, -1):
        if clauses[earlier] != clauses[index]:
            return False
        if stem(tokens.texts[earlier]) in _PREFERENCE_STEMS:
            return True
    return False


def _rejected_after(tokens: Tokens, first: int, last: int) -> bool:
    texts, clauses = tokens.texts, tokens.clauses
    negatives = 0
    index = last + 1
    highest = min(len(texts), last + 1 + CUE_WINDOW)
    clause = clauses[first]
    if index < len(texts) and clauses[index] != clause and texts[index] in _RELATIVE_PRONOUNS:
        clause = clauses[index]
        highest = min(len(texts), last + 1 + RELATIVE_CLAUSE_WINDOW)
    while index < highest and clauses[index] == clause:
        word = texts[index]
        following = texts[index + 1] if index + 1 < len(texts) else ""
        if word == "anti" and following in {"pattern", "patterns"}:
            index += 1
            negatives += 1
        elif _is_negator(word) or word in _NEGATIVE_VERDICTS:
            negatives += 1
        index += 1
    return negatives % 2 == 1
