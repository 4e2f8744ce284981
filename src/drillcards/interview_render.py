"""An interview report written out: plain text (line mode), Markdown or HTML.

Everything taken from packs and answers is untrusted: HTML escapes it (`html.escape`),
Markdown backslash-escapes every character that could start markup (links, images,
emphasis, HTML tags, code), and plain text is written as it is (no terminal escape is
added; control characters in it are replaced).
"""

import html
import re

from drillcards.humanize import format_when
from drillcards.interview import InterviewReport, QuestionReport, main_ideas

IDEAS_SHOWN = 8
"""Missed ideas listed per question (the longest ones); the rest are counted."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def plain_text(text: str) -> str:
    """Untrusted text with control characters (terminal escapes) made harmless."""
    return _CONTROL.sub("?", text)


def markdown_text(text: str) -> str:
    """Untrusted text escaped for Markdown, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain_text(" ".join(text.split())))


def _seconds(question: QuestionReport) -> str:
    return f"{question.duration_ms / 1000:.0f} s"


def _star_line(question: QuestionReport) -> str | None:
    if question.star is None:
        return None
    return "STAR: " + ", ".join(
        f"{part} {'yes' if question.star[part] else 'no'}" for part in question.star
    )


def _missed_ideas(question: QuestionReport) -> str:
    shown = main_ideas(question.ideas_missed, IDEAS_SHOWN)
    more = len(question.ideas_missed) - len(shown)
    return "; ".join(shown) + (f" (and {more} more)" if more > 0 else "")


def _title(report: InterviewReport) -> str:
    return (
        f"Interview {report.id}: {format_when(report.started_at)}, "
        f"packs {', '.join(report.packs)}, average score {report.average_score:.0%}"
    )


def _facts(question: QuestionReport) -> list[tuple[str, str]]:
    """(label, untrusted value) rows shared by every format."""
    rows = [
        ("Score", f"{question.score:.0%} (suggested rating: {question.suggested_rating})"),
        (
            "Time",
            f"{_seconds(question)}, {question.words} words, "
            f"{question.words_per_minute:.0f} words/min",
        ),
        ("Ideas covered", "; ".join(question.ideas_covered) or "none"),
        ("Ideas missed", _missed_ideas(question) or "none"),
        ("Key terms found", ", ".join(question.terms_found) or "none"),
        ("Key terms missed", ", ".join(question.terms_missed) or "none"),
        ("Mistakes flagged", "; ".join(question.mistakes) or "none"),
    ]
    star = _star_line(question)
    if star:
        rows.append(("Behavioural", star.removeprefix("STAR: ")))
    if question.rating is not None:
        rows.append(("Rated", str(question.rating)))
    return rows


def report_text(report: InterviewReport) -> str:
    """The report as plain text (line mode)."""
    lines = [_title(report), ""]
    for number, question in enumerate(report.questions, 1):
        lines.append(f"{number}. {plain_text(question.prompt)}")
        lines.extend(f"   {label}: {plain_text(value)}" for label, value in _facts(question))
        lines.append("")
    lines.append("Work on:")
    lines.extend(f"- {plain_text(item)}" for item in report.focus() or ["nothing stood out"])
    return "\n".join(lines) + "\n"


def report_markdown(report: InterviewReport) -> str:
    """The report as Markdown, every untrusted text escaped."""
    lines = [f"# {markdown_text(_title(report))}", ""]
    for number, question in enumerate(report.questions, 1):
        lines += [f"## {number}\\. {markdown_text(question.prompt)}", ""]
        lines += [f"- **{label}:** {markdown_text(value)}" for label, value in _facts(question)]
        lines += ["", "Answer:", ""]
        lines += [f"> {markdown_text(line)}" for line in question.answer.splitlines() or [""]]
        lines.append("")
    lines += ["## Work on", ""]
    lines += [f"- {markdown_text(item)}" for item in report.focus() or ["nothing stood out"]]
    return "\n".join(lines) + "\n"


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 50em; margin: 2em auto; color: #222;
       background: #fff; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
dl { display: grid; grid-template-columns: 10em 1fr; gap: .2em 1em; }
dt { font-weight: bold; color: #555; } dd { margin: 0; }
blockquote { white-space: pre-wrap; border-left: 4px solid #ccd; margin: .5em 0;
             padding: .3em 1em; background: #f6f7fb; }
.score { font-size: 1.2em; font-weight: bold; }
.focus { background: #fff8e0; border: 1px solid #eed27a; padding: .5em 1.5em; }
"""


def report_html(report: InterviewReport) -> str:
    """The report as one self-contained HTML page: inline CSS, no scripts, no links to
    anything; every untrusted text escaped."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(_title(report))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(_title(report))}</h1>",
        '<section class="focus"><h2>Work on</h2><ol>',
        *(f"<li>{e(item)}</li>" for item in report.focus() or ["nothing stood out"]),
        "</ol></section>",
    ]
    for number, question in enumerate(report.questions, 1):
        parts.append(f"<h2>{number}. {e(question.prompt)}</h2>")
        parts.append("<dl>")
        parts.extend(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in _facts(question))
        parts.append("</dl>")
        parts.append(f"<blockquote>{e(question.answer)}</blockquote>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
