"""Rich rendering of a grade: the answer with matched spans highlighted, a checklist.

Pure Rich (no Textual), so any line-mode output can reuse it. The answer is untrusted
text: it is only ever put into `rich.text.Text` objects (never parsed as markup), and
control characters are replaced one for one, so the grade's offsets still apply.
"""

import re

from rich.console import Group
from rich.text import Text

from drillcards.matcher import Grade
from drillcards.matcher.ideas import main_covered, main_missed

TERM_STYLE = "bold green"
MISTAKE_STYLE = "bold white on red"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible_text(text: str) -> str:
    """`text` with each control character replaced by one visible character.

    A carriage return becomes a space (so CRLF files look normal), anything else
    U+FFFD; the length is unchanged, so character offsets into `text` still apply.
    """
    return _CONTROL.sub(lambda found: " " if found.group() == "\r" else "\ufffd", text)


def highlighted_answer(answer: str, grade: Grade) -> Text:
    """The answer as plain text, key terms found and mistakes flagged highlighted."""
    text = Text(visible_text(answer))
    for term in grade.key_terms:
        if term.start is not None and term.end is not None:
            text.stylize(TERM_STYLE, term.start, term.end)
    for mistake in grade.mistakes:
        if mistake.start is not None and mistake.end is not None:
            text.stylize(MISTAKE_STYLE, mistake.start, mistake.end)
    return text


def key_term_checklist(grade: Grade) -> Text:
    """One line per key term: ✓ found (with what matched), ✗ missed, ○ optional not said."""
    lines = Text()
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


def idea_lists(grade: Grade) -> Text:
    """The model answer's ideas: one line of those covered, one of those missed."""
    covered = main_covered(grade.ideas)
    missed, more = main_missed(grade.ideas)
    if more:
        missed.append(f"{more} more")
    lines = Text()
    lines.append("✓ covered: ", style="bold green")
    lines.append(" · ".join(map(visible_text, covered)) or "none")
    lines.append("\n")
    lines.append("✗ missed: ", style="bold red")
    lines.append(" · ".join(map(visible_text, missed)) or "none", style="dim")
    return lines


def flagged_mistakes(grade: Grade) -> Text:
    """One line per mistake the answer makes, with the words that show it."""
    lines = Text()
    for mistake in grade.mistakes:
        if mistake.flagged:
            lines.append("⚠ ", style="bold red")
            lines.append(mistake.text)
            lines.append(f"  ({visible_text(mistake.matched_text or '')})", style="dim")
            lines.append("\n")
    lines.rstrip()
    return lines


def score_line(grade: Grade) -> Text:
    """The score as a percentage, the suggested rating and how the score was reached."""
    line = Text.assemble(
        ("Score ", "bold"),
        (f"{grade.score:.0%}", "bold"),
        "  ·  suggested rating: ",
        (str(grade.suggested_rating), "bold"),
    )
    if grade.explanation:
        line.append(f"\n{grade.explanation}", style="dim")
    return line


def grade_report(answer: str, grade: Grade) -> Group:
    """Everything about a grade: highlighted answer, checklist, mistakes, score."""
    parts = [Text("Your answer", style="bold underline"), highlighted_answer(answer, grade)]
    if grade.key_terms:
        parts += [Text(), Text("Key terms", style="bold underline"), key_term_checklist(grade)]
    if grade.ideas:
        covered = sum(idea.matched for idea in grade.ideas)
        heading = f"Ideas of the model answer  {covered} of {len(grade.ideas)}"
        parts += [Text(), Text(heading, style="bold underline"), idea_lists(grade)]
    mistakes = flagged_mistakes(grade)
    if mistakes:
        parts += [Text(), Text("Mistakes", style="bold underline"), mistakes]
    parts += [Text(), score_line(grade)]
    return Group(*parts)
