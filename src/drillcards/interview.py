"""A mock interview: a few questions picked for the user, answered one after another
with no feedback, then one report; every answer is rated into the schedule as usual.

Questions are chosen from the review log (see `choose_cards`): first the weak ones
(a low last grade score, lapses) and those due now, then new ones, then the rest; within
each group the categories are mixed (a question of the category asked least so far
goes first). An interview is saved in the `interviews` and `interview_answers` tables
when its last answer is in; each answer's rating is recorded (in the review log and on
the interview's row) when the user confirms it on the report.
"""

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from drillcards import clock
from drillcards.catalog import Catalog, CatalogCard
from drillcards.errors import UserError
from drillcards.home import database_path
from drillcards.humanize import plural
from drillcards.library import Library
from drillcards.rating import Rating
from drillcards.store import Store, from_ms, to_ms

DEFAULT_QUESTIONS = 5
WEAK_SCORE = 0.6
"""A card whose last graded answer scored below this is weak."""
SHORT_ANSWER_WORDS = 40
"""An answer with fewer words is short: an interviewer expects a paragraph or more."""
SLOW_WORDS_PER_MINUTE = 15.0
"""Typing fewer words a minute than this is slow for a spoken-length answer."""
FOCUS_ITEMS = 3
STAR_PARTS = ("situation", "task", "action", "result", "quantified")


@dataclass(frozen=True)
class QuestionReport:
    """How one answer of an interview went."""

    key: str
    """The card key `pack/question`."""
    prompt: str
    category: str | None
    answer: str
    duration_ms: int
    score: float
    suggested_rating: Rating
    ideas_covered: tuple[str, ...]
    ideas_missed: tuple[str, ...]
    terms_found: tuple[str, ...]
    terms_missed: tuple[str, ...]
    """Required key terms the answer did not name (optional ones are left out)."""
    mistakes: tuple[str, ...]
    """The common mistakes the answer was flagged for."""
    star: dict[str, bool] | None
    """For a behavioural question, which STAR parts the answer has; None otherwise."""
    rating: Rating | None = None
    """The rating the user confirmed; None until then (or when they stopped first)."""

    @property
    def words(self) -> int:
        """Words in the answer."""
        return len(re.findall(r"\S+", self.answer))

    @property
    def words_per_minute(self) -> float:
        """Words typed per minute of answering (0 for an instant, empty answer)."""
        minutes = self.duration_ms / 60_000
        return self.words / minutes if minutes > 0 else 0.0

    @property
    def star_missing(self) -> list[str]:
        """The STAR parts a behavioural answer lacks (empty for other questions)."""
        return [part for part in STAR_PARTS if self.star is not None and not self.star[part]]

    def to_json(self) -> str:
        """The report as stored in `interview_answers.report`."""
        data = asdict(self)
        data["suggested_rating"] = self.suggested_rating.value
        data.pop("rating")
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, rating: Rating | None) -> "QuestionReport":
        """A report read back from the database."""
        data = json.loads(text)
        for name in ("ideas_covered", "ideas_missed", "terms_found", "terms_missed", "mistakes"):
            data[name] = tuple(data[name])
        data["suggested_rating"] = Rating(data["suggested_rating"])
        return cls(**data, rating=rating)


@dataclass(frozen=True)
class InterviewReport:
    """A whole interview: its questions' reports and what to work on."""

    id: int
    started_at: datetime
    packs: tuple[str, ...]
    time_limit: int | None
    """Seconds per answer (`--time`), None without a limit."""
    questions: tuple[QuestionReport, ...]

    @property
    def average_score(self) -> float:
        """The mean score of the answers."""
        return sum(q.score for q in self.questions) / len(self.questions)

    def focus(self) -> list[str]:
        """The (up to) three things to work on, most important first."""
        return focus_points(self.questions)


def grade_answer(card: CatalogCard, answer: str, duration_ms: int) -> QuestionReport:
    """Grade one interview answer into its report."""
    from drillcards.matcher import grade
    from drillcards.matcher.ideas import main_covered
    from drillcards.matcher.star import is_behavioural, star_parts

    result = grade(card.question, answer)
    star = None
    if is_behavioural(card.question):
        parts = star_parts(answer)
        star = {part: bool(getattr(parts, part)) for part in STAR_PARTS}
    return QuestionReport(
        key=card.key,
        prompt=card.question.prompt,
        category=card.question.category,
        answer=answer,
        duration_ms=duration_ms,
        score=result.score,
        suggested_rating=result.suggested_rating,
        ideas_covered=tuple(main_covered(result.ideas)),
        ideas_missed=tuple(
            idea.text for idea in result.ideas if not idea.matched and idea.worth_showing
        ),
        terms_found=tuple(term.term for term in result.key_terms if term.matched),
        terms_missed=tuple(
            term.term for term in result.key_terms if not term.matched and not term.optional
        ),
        mistakes=tuple(mistake.text for mistake in result.mistakes if mistake.flagged),
        star=star,
    )


def focus_points(questions: Sequence[QuestionReport]) -> list[str]:
    """Three things to work on, from general rules weighed by how often each applies:

    flagged mistakes (3 each), missing STAR parts (2 per story lacking one), key terms
    missed in more than one answer or the most missed (1 per miss), the ideas of the
    weakest answer (1 per idea missed), short answers (2 each) and slow typing (1 each).
    """
    candidates: list[tuple[float, str]] = []
    for index, question in enumerate(questions, 1):
        for mistake in question.mistakes:
            candidates.append((3, f"Avoid this mistake (question {index}): {mistake}"))
    stories = [q for q in questions if q.star is not None]
    lacking = Counter(part for q in stories for part in q.star_missing)
    if lacking:
        parts = ", ".join(
            "a quantified Result" if part == "quantified" else f"a {part.capitalize()}"
            for part in STAR_PARTS
            if part in lacking
        )
        weight = 2 * sum(1 for q in stories if q.star_missing)
        candidates.append(
            (
                weight,
                f"Tell behavioural answers as STAR stories: give {parts} (missing in "
                f"{sum(1 for q in stories if q.star_missing)} of {plural(len(stories), 'story')})",
            )
        )
    missed_terms = Counter(term for q in questions for term in q.terms_missed)
    if missed_terms:
        common = [term for term, _ in missed_terms.most_common(4)]
        candidates.append(
            (sum(missed_terms[t] for t in common) / 2, f"Name the key terms: {', '.join(common)}")
        )
    weakest = min(questions, key=lambda q: q.score, default=None)
    if weakest is not None and weakest.ideas_missed:
        number = questions.index(weakest) + 1
        ideas = "; ".join(main_ideas(weakest.ideas_missed, 3))
        candidates.append(
            (len(weakest.ideas_missed), f"Question {number} ({weakest.score:.0%}) missed: {ideas}")
        )
    short = [i for i, q in enumerate(questions, 1) if q.words < SHORT_ANSWER_WORDS]
    if short:
        numbers = ", ".join(map(str, short))
        candidates.append(
            (
                2 * len(short),
                f"Say more: answers {numbers} had under {SHORT_ANSWER_WORDS} words; "
                "give the reasoning and an example",
            )
        )
    slow = [
        i
        for i, q in enumerate(questions, 1)
        if q.words and q.duration_ms > 0 and q.words_per_minute < SLOW_WORDS_PER_MINUTE
    ]
    if slow:
        numbers = ", ".join(map(str, slow))
        candidates.append(
            (
                len(slow),
                f"Answer faster: answers {numbers} came at under "
                f"{SLOW_WORDS_PER_MINUTE:.0f} words a minute; outline first, then write",
            )
        )
    candidates.sort(key=lambda item: -item[0])  # stable: equal weights keep rule order
    return [text for _, text in candidates[:FOCUS_ITEMS]]


def main_ideas(ideas: Sequence[str], count: int) -> list[str]:
    """The `count` longest ideas (the grader splits a model answer into many short
    ones; the longer ones say most), in their original order."""
    longest = sorted(range(len(ideas)), key=lambda i: -len(ideas[i].split()))[:count]
    return [ideas[i] for i in sorted(longest)]


# --- choosing the questions ---------------------------------------------------


def choose_cards(
    store: Store, catalog: Catalog, pack_ids: Sequence[str], count: int, now: datetime
) -> list[CatalogCard]:
    """Up to `count` questions for an interview: weak or due first, then new, then the
    rest; categories mixed within each group."""
    if not pack_ids:
        return []
    marks = ", ".join("?" * len(pack_ids))
    rows = store.db.execute(
        "SELECT q.key, json_extract(q.question, '$.category'), c.due, c.lapses,"
        " (SELECT r.score FROM reviews AS r WHERE r.card_key = q.key AND r.score IS NOT NULL"
        "  ORDER BY r.id DESC LIMIT 1)"
        f" FROM catalog_questions AS q LEFT JOIN cards AS c ON c.key = q.key"
        f" WHERE q.pack_id IN ({marks}) ORDER BY q.pack_id, q.position",
        tuple(pack_ids),
    ).fetchall()
    now_ms = to_ms(now)
    groups: list[list[tuple[float, str, str]]] = [[], [], []]
    for key, category, due, lapses, score in rows:
        category = (category or "").strip().lower()
        if due is None:
            groups[1].append((0.0, key, category))
            continue
        weakness = (1 - score if score is not None else 0.5) + 0.25 * lapses
        is_due = due <= now_ms
        weak = (score is not None and score < WEAK_SCORE) or lapses > 0
        if is_due or weak:
            groups[0].append((-(weakness + is_due), key, category))
        else:
            groups[2].append((-weakness, key, category))
    chosen: list[str] = []
    asked: Counter[str] = Counter()
    for group in groups:
        pending = [(key, category) for _, key, category in sorted(group, key=lambda g: g[0])]
        while pending and len(chosen) < count:
            fewest = min(asked[category] for _, category in pending)
            pick = next(item for item in pending if asked[item[1]] == fewest)
            pending.remove(pick)
            chosen.append(pick[0])
            asked[pick[1]] += 1
    cards = [catalog.card(key) for key in chosen]
    return [card for card in cards if card is not None]


# --- running and keeping interviews -------------------------------------------


class Interview:
    """One interview in progress; built by `open_interview`."""

    def __init__(
        self,
        store: Store,
        pack_ids: list[str],
        cards: list[CatalogCard],
        time_limit: int | None,
    ) -> None:
        self.store = store
        self.pack_ids = pack_ids
        self.cards = cards
        """The questions, in the order they are asked."""
        self.time_limit = time_limit
        self.started_at = clock.now()
        self._answers: list[QuestionReport] = []
        self.report: InterviewReport | None = None
        """The saved report, once `finish` ran."""

    def answer(self, answer: str, duration_ms: int) -> None:
        """Record the answer to the next question (graded now, shown only at the end)."""
        card = self.cards[len(self._answers)]
        self._answers.append(grade_answer(card, answer, duration_ms))

    @property
    def answered(self) -> int:
        """Questions answered so far."""
        return len(self._answers)

    def finish(self) -> InterviewReport:
        """Save the interview (the questions answered) and return its report."""
        if not self._answers:
            raise UserError("the interview has no answers to report")
        with self.store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO interviews (started_at, packs, time_limit) VALUES (?, ?, ?)",
                (to_ms(self.started_at), json.dumps(self.pack_ids), self.time_limit),
            )
            interview_id = cursor.lastrowid
            assert interview_id is not None
            db.executemany(
                "INSERT INTO interview_answers (interview_id, position, card_key, score,"
                " duration_ms, report) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (interview_id, position, q.key, q.score, q.duration_ms, q.to_json())
                    for position, q in enumerate(self._answers)
                ],
            )
        self.report = InterviewReport(
            interview_id,
            self.started_at,
            tuple(self.pack_ids),
            self.time_limit,
            tuple(self._answers),
        )
        return self.report

    def rate(self, position: int, rating: Rating) -> None:
        """Record the confirmed rating of answer `position` (0-based) in the schedule and
        on the interview, in one transaction each."""
        if self.report is None:
            raise ValueError("rate the answers after finish()")
        question = self.report.questions[position]
        if question.rating is not None:
            raise ValueError(f"answer {position + 1} is rated already")
        review_id, _ = self.store.record_review(
            self.store.scheduler(),
            question.key,
            rating,
            clock.now(),
            score=question.score,
            answer=question.answer,
            duration_ms=question.duration_ms,
        )
        with self.store.transaction() as db:
            db.execute(
                "UPDATE interview_answers SET rating = ?, review_id = ?"
                " WHERE interview_id = ? AND position = ?",
                (rating.number, review_id, self.report.id, position),
            )
        questions = list(self.report.questions)
        questions[position] = _with_rating(question, rating)
        self.report = InterviewReport(
            self.report.id,
            self.report.started_at,
            self.report.packs,
            self.report.time_limit,
            tuple(questions),
        )

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    def __enter__(self) -> "Interview":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _with_rating(question: QuestionReport, rating: Rating) -> QuestionReport:
    return QuestionReport.from_json(question.to_json(), rating)


def open_interview(
    home: Path,
    pack_ids: list[str] | None = None,
    *,
    questions: int = DEFAULT_QUESTIONS,
    time_limit: int | None = None,
) -> Interview:
    """Pick the questions of an interview on `pack_ids` (all packs when None)."""
    store = Store.open(database_path(home))
    try:
        catalog = Catalog(store, Library(home))
        selected = catalog.refresh(pack_ids)
        cards = choose_cards(store, catalog, selected, questions, clock.now())
    except BaseException:
        store.close()
        raise
    return Interview(store, selected, cards, time_limit)


def interview_history(store: Store) -> list[InterviewReport]:
    """Every saved interview, oldest first."""
    ids = [row[0] for row in store.db.execute("SELECT id FROM interviews ORDER BY id")]
    return [load_interview(store, interview_id) for interview_id in ids]


def load_interview(store: Store, interview_id: int) -> InterviewReport:
    """One saved interview; a UserError when there is none with this id."""
    row = store.db.execute(
        "SELECT started_at, packs, time_limit FROM interviews WHERE id = ?", (interview_id,)
    ).fetchone()
    if row is None:
        raise UserError(f"no interview with id {interview_id} (drill interview --history)")
    started_at, packs, time_limit = row
    questions = tuple(
        QuestionReport.from_json(report, Rating.from_number(rating) if rating else None)
        for report, rating in store.db.execute(
            "SELECT report, rating FROM interview_answers WHERE interview_id = ? ORDER BY position",
            (interview_id,),
        )
    )
    return InterviewReport(
        interview_id, from_ms(started_at), tuple(json.loads(packs)), time_limit, questions
    )
