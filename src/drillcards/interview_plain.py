"""`drill interview --plain`: the interview in line mode, for pipes and scripts.

For each question it prints `Question i/N (pack/question)`, the prompt and the answer
hint, and reads the answer up to a line holding a single `.` (CONTRACTS.md §4); no
feedback is shown between questions. A lone `q` as an answer's first line, or the end
of input, ends the interview early (the questions answered are still reported). Then
it prints the report, and reads one rating per question: `1`-`4`, an empty line for the
suggested rating, `q` to stop (the answers not rated yet stay unrecorded).
"""

import time
from typing import TextIO

from drillcards.interview import Interview
from drillcards.interview_render import plain_text, report_text
from drillcards.plain import END_OF_ANSWER, read_answer, read_rating


def run_interview_plain(interview: Interview, source: TextIO, out: TextIO) -> None:
    """Ask, report, then take the ratings, over `source` and `out`."""
    total = len(interview.cards)
    for number, card in enumerate(interview.cards, 1):
        out.write(f"Question {number}/{total} ({card.key})\n{plain_text(card.question.prompt)}\n")
        out.write(f'Your answer (end with a line holding a single "{END_OF_ANSWER}"):\n')
        out.flush()
        started = time.monotonic()
        answer = read_answer(source)
        if answer is None:
            break
        interview.answer(answer, round((time.monotonic() - started) * 1000))
        out.write("\n")
    if not interview.answered:
        out.write("Interview over: no answers, nothing saved.\n")
        return
    report = interview.finish()
    out.write("\n" + report_text(report) + "\n")
    for position, question in enumerate(report.questions):
        suggested = question.suggested_rating
        prompt = f"Rate answer {position + 1} [1-4, Enter = {suggested}, q = stop]: "
        rating = read_rating(prompt, suggested, source, out)
        if rating is None:
            break
        interview.rate(position, rating)
    rated = sum(q.rating is not None for q in interview.report.questions)  # type: ignore[union-attr]
    out.write(
        f"\nInterview {report.id} saved: {rated} of {len(report.questions)} answers rated "
        f"into the schedule. Show it again: drill interview --show {report.id}\n"
    )
    out.flush()
