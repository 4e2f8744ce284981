"""Rendering of a grade: the answer with matched spans highlighted, a checklist.

The report is built as `Styled` text (Rich's model, without importing Rich) and
printed by Rich, or as Rich would print it (`styled_text`), so any line-mode output
can reuse it. The answer is untrusted text: it is only ever put into styled text
(never parsed as markup), and control characters are replaced one for one, so the
grade's offsets still apply.
"""

import re
from typing import TYPE_CHECKING

from drillcards.matcher import Grade
from drillcards.matcher.ideas import main_covered, main_missed
from drillcards.styled_text import Styled, print_texts

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text

TERM_STYLE = "bold green"
MISTAKE_STYLE = "bold white on red"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible_text(text: str) -> str:
    """`text` with each control character replaced by one visible character.

    A carriage return becomes a space (so CRLF files look normal), anything else
    U+FFFD; the length is unchanged, so character offsets into `text` still apply.
    """
    return _CONTROL.sub(lambda found: " " if found.group() == "\r" else "\ufffd", text)


def highlighted_answer(answer: str, grade: Grade) -> "Text":
    """The answer as plain text, key terms found and mistakes flagged highlighted."""
    return _highlighted_answer(answer, grade).to_rich()


def _highlighted_answer(answer: str, grade: Grade) -> Styled:
    text = Styled(visible_text(answer))
    for term in grade.key_terms:
        if term.start is not None and term.end is not None:
            text.stylize(TERM_STYLE, term.start, term.end)
    for mistake in grade.mistakes:
        if mistake.start is not None and mistake.end is not None:
            text.stylize(MISTAKE_STYLE, mistake.start, mistake.end)
    return text


def key_term_checklist(grade: Grade) -> Styled:
    """One line per key term: ✓ found (with what matched), ✗ missed, ○ optional not said."""
    lines = Styled()
    for term in grade.key_terms:
        if term.matched:
            lines.append("✓ ", style="bold green")
            lines.append(term.term)
            lines.append(f"  ({visible_text(term.matched_text or '')})", style="dim")
        elif term.optional:
            lines.append("○ ", style="dim")
            lines.append(term.term, style="dim")
            lines.append("  (optional)", style="dim")
        else:
            lines.append("✗ ", style="bold red")
            lines.append(term.term, style="dim")
        lines.append("\n")
    lines.rstrip()
    return lines


def idea_lists(grade: Grade) -> Styled:
    """The model answer's ideas: one line of those covered, one of those missed."""
    covered = main_covered(grade.ideas)
    missed, more = main_missed(grade.ideas)
    if more:
        missed.append(f"{more} more")
    lines = Styled()
    lines.append("✓ covered: ", style="bold green")
    lines.append(" · ".join(map(visible_text, covered)) or "none")
    lines.append("\n")
    lines.append("✗ missed: ", style="bold red")
    lines.append(" · ".join(map(visible_text, missed)) or "none", style="dim")
    return lines


def flagged_mistakes(grade: Grade) -> Styled:
    """One line per mistake the answer makes, with the words that show it."""
    lines = Styled()
    for mistake in grade.mistakes:
        if mistake.flagged:
            lines.append("⚠ ", style="bold red")
            lines.append(mistake.text)
            lines.append(f"  ({visible_text(mistake.matched_text or '')})", style="dim")
            lines.append("\n")
    lines.rstrip()
    return lines


def score_line(grade: Grade) -> Styled:
    """The score as a percentage, the suggested rating and how the score was reached."""
    line = Styled().append("Score ", "bold").append(f"{grade.score:.0%}", "bold")
    line.append("  ·  suggested rating: ").append(str(grade.suggested_rating), "bold")
    if grade.explanation:
        line.append(f"\n{grade.explanation}", style="dim")
    return line


def report_texts(answer: str, grade: Grade) -> list[Styled]:
    """Everything about a grade: highlighted answer, checklist, mistakes, score."""
    parts = [Styled("Your answer", "bold underline"), _highlighted_answer(answer, grade)]
    if grade.key_terms:
        parts += [Styled(), Styled("Key terms", "bold underline"), key_term_checklist(grade)]
    if grade.ideas:
        covered = sum(idea.matched for idea in grade.ideas)
        heading = f"Ideas of the model answer  {covered} of {len(grade.ideas)}"
        parts += [Styled(), Styled(heading, "bold underline"), idea_lists(grade)]
    mistakes = flagged_mistakes(grade)
    if mistakes.plain:
        parts += [Styled(), Styled("Mistakes", "bold underline"), mistakes]
    parts += [Styled(), score_line(grade)]
    return parts


def grade_report(answer: str, grade: Grade) -> "Group":
    """The report of a grade as one Rich renderable."""
    from rich.console import Group

    return Group(*(text.to_rich() for text in report_texts(answer, grade)))


def print_report(answer: str, grade: Grade) -> None:
    """Print the report of a grade to standard output, as Rich prints `grade_report`."""
    print_texts(report_texts(answer, grade))
