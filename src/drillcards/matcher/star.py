"""Behavioural answers: does a story have a Situation, Task, Action and quantified Result?

A behavioural question ("Tell me about a time you disagreed with your manager") is not
answered by repeating the model answer's example: a good answer is the candidate's
own story, told in STAR form. So besides the model answer's ideas, such an answer is
graded on its shape:

- **Situation**: it sets a scene in the past ("at my last company", "we had", "last
  year", "there was", or several verbs in the past tense);
- **Task**: it says what the candidate had to achieve ("my goal was", "I was asked
  to", "I was responsible for", "we needed to");
- **Action**: the candidate's own actions, at least `MIN_ACTIONS` clauses of "I" and
  a verb in the past tense ("I proposed", "I set up", "I then wrote");
- **Result**: how it ended ("as a result", "in the end", "reduced", "improved",
  "shipped", "went from … to");
- **quantified**: the result has a number ("by 40%", "from 12 to 3 days", "two weeks").

The cues are plain English words; no part is guessed from the model answer.
"""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drillcards.matcher.tokens import Tokens, tokenize, word_set

if TYPE_CHECKING:  # grading never imports pydantic (see drillcards.question_data)
    from drillcards.models import Question

MIN_ACTIONS = 2
"""Clauses of "I" and a past-tense verb that make the candidate's actions."""
MIN_PAST_VERBS = 3
"""Verbs in the past tense that set a scene without an explicit marker."""
WEIGHTS = {"situation": 0.2, "task": 0.2, "action": 0.3, "result": 0.2, "quantified": 0.1}
"""How much each part is worth in `StarParts.share` (they add up to 1)."""

BEHAVIOURAL_CATEGORIES = word_set(
    "behavioral behavioural leadership situational teamwork culture hr soft-skills"
)
# The cues are searched with `re.search`, case-insensitively: compiled on first use
# (~2 ms for them all), as only behavioural questions need them.
_BEHAVIOURAL_PROMPT = (
    r"\b(tell (me|us) about|describe|give (me |us )?an example|share|walk (me|us) through|"
    r"talk about)\b.*\b(a time|an occasion|a situation|when you|an experience|a project|"
    r"a conflict|a mistake|a failure|a decision)\b"
)
_IRREGULAR_PAST = word_set(
    "was were had did made took led built ran found saw went got gave told wrote began "
    "brought chose drove felt kept knew left lost met paid put read said sent set sat "
    "spent stood thought understood won came became broke caught fell grew hid held hit "
    "taught rang rose shook spoke stole swore threw woke wore"
)
_SCENE_MARKER = (
    r"\b(at|in) my (last|previous|former|current|first|old) (job|company|role|team|"
    r"employer|position|startup|internship)\b|\b(last|this past|a few|two|three|several) "
    r"(year|years|month|months|quarter|quarters|weeks?) ago\b|\blast (year|month|"
    r"quarter|spring|summer|autumn|fall|winter)\b|\bwe had\b|\bthere was\b|\bonce\b|"
    r"\bin (19|20)\d\d\b|\bwhen i was\b|\bthe situation\b"
)
_TASK = (
    r"\bmy (task|job|goal|role|responsibility|aim|mission|objective)\b|\bi was "
    r"(asked|tasked|responsible|in charge|assigned|expected|hired|brought in)\b|"
    r"\b(i|we) (needed|had) to\b|\bthe (goal|task|objective|challenge|aim) was\b|"
    r"\bi wanted to\b|\bmy part was\b"
)
_RESULT = (
    r"\b(as a result|in the end|the result|the outcome|resulted in|which meant|"
    r"ended up|eventually|finally|afterwards|since then|went from|down from|up from)\b|"
    r"\b(reduc|improv|increas|decreas|cut|sav|grew|grow|drop|fell|rose|shipp|deliver|"
    r"launch|halv|doubl|prevent|recover|resolv|fix|achiev|reach|hit|exceed|won|promot)\w*"
)
_QUANTITY = (
    r"\d+(\.\d+)?\s*(%|percent|x\b|times\b|ms\b|s\b|seconds?|minutes?|hours?|days?|"
    r"weeks?|months?|years?|users?|customers?|people|engineers|k\b|m\b|tickets?|bugs?|"
    r"incidents?|points?|releases?)|[$€£]\s?\d|\bfrom \S*\d\S* to \S*\d|"
    r"\b(half|twice|double|tripled?|doubled|halved)\b|\b(one|two|three|four|five|six|seven|"
    r"eight|nine|ten|twenty|thirty|fifty|hundred) (percent|times|weeks|days|hours|months|"
    r"people|engineers|customers)\b"
)


@dataclass(frozen=True, slots=True)
class StarParts:
    """Which parts of a STAR story an answer has."""

    situation: bool
    task: bool
    action: bool
    result: bool
    quantified: bool

    @property
    def share(self) -> float:
        """The weighted share of the parts present, in [0, 1] (see `WEIGHTS`)."""
        return round(sum(weight for part, weight in WEIGHTS.items() if getattr(self, part)), 3)

    @property
    def missing(self) -> list[str]:
        """The names of the parts the story lacks, in STAR order."""
        return [part for part in WEIGHTS if not getattr(self, part)]


def is_behavioural(question: "Question") -> bool:
    """Whether a question asks for the candidate's own story (by category or wording)."""
    category = (question.category or "").casefold().replace("_", "-")
    if any(word in BEHAVIOURAL_CATEGORIES for word in category.replace("/", " ").split()):
        return True
    return bool(re.search(_BEHAVIOURAL_PROMPT, question.prompt, re.IGNORECASE))


def _past_verbs(tokens: Tokens) -> int:
    return sum(
        word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed")) for word in tokens.texts
    )


def _actions(tokens: Tokens) -> int:
    texts = tokens.texts
    actions = 0
    for index, word in enumerate(texts):
        if word != "i":
            continue
        for following in texts[index + 1 : index + 3]:  # "I proposed", "I then proposed"
            if following in _IRREGULAR_PAST or (len(following) > 3 and following.endswith("ed")):
                actions += following not in ("was", "were", "had")
                break
    return actions


def star_parts(answer: str) -> StarParts:
    """Which parts of a STAR story `answer` tells."""
    tokens = tokenize(answer)
    situation = bool(re.search(_SCENE_MARKER, answer, re.IGNORECASE))
    situation = situation or _past_verbs(tokens) >= MIN_PAST_VERBS
    result = bool(re.search(_RESULT, answer, re.IGNORECASE))
    return StarParts(
        situation=situation,
        task=bool(re.search(_TASK, answer, re.IGNORECASE)),
        action=_actions(tokens) >= MIN_ACTIONS,
        result=result,
        quantified=result and bool(re.search(_QUANTITY, answer, re.IGNORECASE)),
    )
