"""The line-mode front end (CONTRACTS.md §4): plain text in, plain text out.

For each card it prints the prompt, reads the answer up to a line holding a single `.`
(or the end of input), prints the grade and the model answer, then reads the rating:
`1`-`4`, an empty line for the suggested rating, or `q` to end. A `q` alone on the first
line of an answer ends the session too (no answer is a lone "q"). The review is stored
before the next card is shown. At the end, or at the end of input, it prints a
one-line summary. Output never contains terminal escape sequences, so it works with
pipes, scripts and screen readers.
"""

import time
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from drillcards.humanize import (
    format_interval,
    format_when,
    leech_message,
    plural,
    session_progress,
)
from drillcards.rating import Rating
from drillcards.session import Session, SessionCard, SessionSummary

if TYPE_CHECKING:
    from drillcards.matcher import Grade
    from drillcards.models import Question
    from drillcards.question_data import QuestionData

END_OF_ANSWER = "."
QUIT = "q"


def run_plain(session: Session, source: TextIO, out: TextIO) -> SessionSummary:
    """Drill the session's cards over `source` and `out`; returns the summary printed."""
    while (card := session.next_card()) is not None:
        _show_card(session, card, out)
        started = time.monotonic()
        answer = read_answer(source)
        if answer is None:
            break
        duration_ms = round((time.monotonic() - started) * 1000)
        # Imported here, not at the top: the first prompt shows ~0.1 s sooner.
        from drillcards.matcher import grade

        result = grade(card.question, answer)
        _show_grade(result, out)
        _show_model_answer(card.question, out)
        rating = _read_rating(session, card, result.suggested_rating, source, out)
        if rating is None:
            break
        leech = session.record(card, rating, grade=result, answer=answer, duration_ms=duration_ms)
        out.write(_saved_line(session, card, rating) + "\n")
        if leech:
            out.write(leech_message(card.key) + "\n")
        out.write("\n")
    summary = session.summary()
    out.write(summary_line(summary) + "\n")
    out.flush()
    return summary


def _show_card(session: Session, card: SessionCard, out: TextIO) -> None:
    kind = "practice" if session.cram else "new" if card.is_new else "due"
    progress = session_progress(session.done, *session.remaining(), breakdown=False)
    out.write(f"[{progress}] {card.key} ({kind})\n")
    out.write(f"{card.question.prompt}\n")
    out.write(f'Your answer (end with a line holding a single "{END_OF_ANSWER}"):\n')
    out.flush()


def read_answer(source: TextIO) -> str | None:
    """The answer's lines up to a lone `.` (or the end of input).

    The answer is None when the session is to end: the input ended before any line of
    the answer, or its first line is a lone `q`.
    """
    lines: list[str] = []
    while True:
        line = source.readline()
        if not line:
            return "\n".join(lines) if lines else None
        line = line.rstrip("\r\n")
        if not lines and line.strip().lower() == QUIT:
            return None
        if line.strip() == END_OF_ANSWER:
            return "\n".join(lines)
        lines.append(line)


def _show_grade(result: "Grade", out: TextIO) -> None:
    found = [term.term for term in result.key_terms if term.matched]
    missed = [term.term for term in result.key_terms if not term.matched and not term.optional]
    required = sum(not term.optional for term in result.key_terms)
    flagged = [mistake.text for mistake in result.mistakes if mistake.flagged]
    out.write(f"\nScore: {result.score:.0%} (suggested rating: {result.suggested_rating})\n")
    out.write(f"How: {result.explanation}\n")
    if result.key_terms:
        optional = len(result.key_terms) - required
        extra = f", {optional} optional" if optional else ""
        out.write(f"Key terms found ({len(found)}/{required}{extra}): {_listing(found)}\n")
        out.write(f"Key terms missed: {_listing(missed)}\n")
    if result.ideas:
        from drillcards.matcher.ideas import main_covered, main_missed

        covered = main_covered(result.ideas)
        uncovered, more = main_missed(result.ideas)
        if more:
            uncovered.append(f"{more} more")
        out.write(f"Ideas covered ({len(covered)}/{len(result.ideas)}): {_listing(covered)}\n")
        out.write(f"Ideas missed: {_listing(uncovered)}\n")
    out.write(f"Mistakes flagged: {_listing(flagged)}\n")


def _show_model_answer(question: "Question | QuestionData", out: TextIO) -> None:
    out.write("\nModel answer:\n")
    if question.framework:
        out.write(_indented(question.framework))
    if question.star:
        out.write("STAR example:\n")
        for part in ("situation", "task", "action", "result"):
            text = getattr(question.star, part)
            if text:
                out.write(f"  {part.capitalize()}: {text}\n")
    if question.key_points:
        out.write("Key points:\n")
        for point in question.key_points:
            out.write(_indented(point, bullet="- "))
    if not (question.framework or question.star or question.key_points):
        out.write("  (this question has no model answer)\n")
    out.write("\n")


def _read_rating(
    session: Session, card: SessionCard, suggested: Rating, source: TextIO, out: TextIO
) -> Rating | None:
    """The rating typed (or the suggested one); None to end the session."""
    if session.cram:  # the intervals would not be applied: showing them would mislead
        choices = " · ".join(f"{rating.number} {rating}" for rating in Rating)
        choices += " · practice: the schedule does not change"
    else:
        intervals = session.preview_intervals(card)
        choices = " · ".join(
            f"{rating.number} {rating} ({format_interval(intervals[rating])})" for rating in Rating
        )
    out.write(f"{choices}\n")
    return read_rating(f"Rating [1-4, Enter = {suggested}, q = quit]: ", suggested, source, out)


def read_rating(prompt: str, suggested: Rating, source: TextIO, out: TextIO) -> Rating | None:
    """Prompt until a rating is typed: 1-4 (or its name), empty for `suggested`; None
    for `q` or the end of input."""
    while True:
        out.write(prompt)
        out.flush()
        line = source.readline()
        text = line.strip().lower()
        if not line or text == QUIT:
            out.write("\n")
            return None
        if not text:
            return suggested
        if text in {"1", "2", "3", "4"}:
            return Rating.from_number(int(text))
        if text in {rating.value for rating in Rating}:
            return Rating(text)
        out.write(f"Not a rating: {text[:20]!r}. Type 1, 2, 3 or 4, Enter, or q.\n")


def _saved_line(session: Session, card: SessionCard, rating: Rating) -> str:
    if session.cram:
        return f"Practised: {rating} (schedule unchanged)."
    stored = session.store.card(card.key)
    if stored is None:
        return f"Saved: {rating}."
    return f"Saved: {rating}. Due again {format_when(stored.state.due)}."


def summary_line(summary: SessionSummary) -> str:
    """The one-line summary printed at the end of a session."""
    label = "Practice over" if summary.cram else "Session over"
    if not summary.reviews:
        text = f"{label}: no cards reviewed."
    else:
        counts = ", ".join(f"{rating} {summary.ratings[rating]}" for rating in Rating)
        text = (
            f"{label}: {plural(summary.cards, 'card')}, "
            f"{plural(summary.reviews, 'review')} ({counts})"
        )
        if summary.average_score is not None:
            text += f", average score {summary.average_score:.0%}"
        text += "."
    if summary.due_now:
        text += f" Next: {plural(summary.due_now, 'card')} due now."
    elif summary.next_due is not None:
        when, count = summary.next_due
        text += f" Next: {plural(count, 'card')} on {format_when(when)}."
    return text


def nothing_due_line(next_due: tuple[datetime, int] | None) -> str:
    """What `drill review --due` says when no card is due."""
    if next_due is None:
        return "Nothing due and no cards studied yet."
    when, count = next_due
    return f"Nothing due. Next: {plural(count, 'card')} on {format_when(when)}."


def _listing(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def _indented(text: str, bullet: str = "") -> str:
    lines = text.splitlines() or [""]
    first, rest = lines[0], lines[1:]
    pad = " " * len(bullet)
    return "".join([f"  {bullet}{first}\n", *(f"  {pad}{line}\n" for line in rest)])
