"""Mock interviews: choosing the questions, the report and its rules, keeping reports,
the plain-mode protocol, `--history` and `--show` (Markdown and HTML)."""

import html
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.catalog import Catalog
from drillcards.cli import app
from drillcards.home import database_path
from drillcards.interview import QuestionReport, choose_cards, focus_points, open_interview
from drillcards.interview_render import markdown_text, report_html, report_markdown
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.store import Store

runner = CliRunner()
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)

PACK = """\
id: mix
title: Mixed pack
questions:
  - id: d1
    prompt: Design one
    category: design
    key_terms: [Load Balancer]
  - id: d2
    prompt: Design two
    category: design
  - id: d3
    prompt: Design three
    category: design
  - id: b1
    prompt: "Tell me about a time you failed <script>alert(1)</script> [x](http://evil)"
    category: behavioral
  - id: c1
    prompt: Code one
    category: coding
"""


@pytest.fixture
def home(drill_home: Path) -> Path:
    Library(drill_home).install([parse_pack_text(PACK, "mix.yaml")])
    return drill_home


def review(home: Path, key: str, rating: Rating, score: float, when: datetime = NOW) -> None:
    with Store.open(database_path(home)) as store:
        store.record_review(
            store.scheduler(),
            key,
            rating,
            when - timedelta(days=30),
            score=score,
            answer="",
            duration_ms=1000,
        )


def chosen(home: Path, count: int) -> list[str]:
    with Store.open(database_path(home)) as store:
        catalog = Catalog(store, Library(home))
        packs = catalog.refresh(["mix"])
        return [card.key for card in choose_cards(store, catalog, packs, count, NOW)]


def test_new_cards_mix_categories(home: Path) -> None:
    assert chosen(home, 3) == ["mix/d1", "mix/b1", "mix/c1"]


def test_weak_and_due_cards_come_before_new_ones(home: Path) -> None:
    review(home, "mix/d3", Rating.AGAIN, 0.1)  # weak, due long ago
    review(home, "mix/d2", Rating.EASY, 0.95)  # strong (due or not, it is due: 30 days ago)
    keys = chosen(home, 3)
    assert keys[0] == "mix/d3"
    assert keys.index("mix/d3") < keys.index("mix/b1")


def report(**changes: object) -> QuestionReport:
    fields: dict[str, object] = dict(
        key="p/q",
        prompt="Q?",
        category=None,
        answer="word " * 120,
        duration_ms=60_000,
        score=0.8,
        suggested_rating=Rating.GOOD,
        ideas_covered=("a",),
        ideas_missed=(),
        terms_found=("A",),
        terms_missed=(),
        mistakes=(),
        star=None,
    )
    fields.update(changes)
    return QuestionReport(**fields)  # type: ignore[arg-type]


def test_focus_points_follow_the_rules() -> None:
    story = {"situation": True, "task": True, "action": True, "result": True, "quantified": False}
    reports = [
        report(mistakes=("Big bang rewrite",)),
        report(star=story, answer="short answer", score=0.3, ideas_missed=("the long idea here",)),
        report(terms_missed=("CDC",)),
    ]
    focus = focus_points(reports)
    assert len(focus) == 3
    assert focus[0] == "Avoid this mistake (question 1): Big bang rewrite"
    assert any("quantified Result" in item for item in focus)
    assert any("Say more: answers 2" in item for item in focus)
    assert focus_points([report()]) == []  # a strong, long, fast answer: nothing to say


def test_words_per_minute() -> None:
    assert report(answer="one two three", duration_ms=30_000).words_per_minute == 6


def make_report(home: Path):
    with open_interview(home, ["mix"], questions=2) as interview:
        interview.answer("<b>bold</b> [link](http://x) ![img](http://y) \x1b[31m", 2000)
        interview.answer("I used a load balancer.", 3000)
        saved = interview.finish()
        interview.rate(0, Rating.HARD)
    return saved


def test_ratings_go_into_the_schedule_and_the_report(home: Path) -> None:
    make_report(home)
    with Store.open(database_path(home)) as store:
        assert store.card("mix/d1") is not None
        assert store.card("mix/b1") is None  # answer 2 was not rated: unrecorded
        rows = store.db.execute("SELECT position, rating FROM interview_answers").fetchall()
    assert rows == [(0, Rating.HARD.number), (1, None)]


def test_markdown_escapes_untrusted_text(home: Path) -> None:
    make_report(home)
    result = runner.invoke(app, ["interview", "--show", "1"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "](http" not in text and "<b>" not in text and "<script>" not in text
    assert "\\[link\\]\\(http://x\\)" in text
    assert "\x1b" not in text
    assert markdown_text("a_b*c") == "a\\_b\\*c"


def test_html_is_self_contained_and_escaped(home: Path, tmp_path: Path) -> None:
    make_report(home)
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["interview", "--show", "1", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<script" not in page and "<b>" not in page
    assert not re.search(r"(src|href)=|url\(|@import", page)
    assert html.escape("<b>bold</b>") in page
    assert html.escape("failed <script>alert(1)</script>") in page


def test_unknown_interview_and_format_are_user_errors(home: Path) -> None:
    assert runner.invoke(app, ["interview", "--show", "9"]).exit_code == 1
    make_report(home)
    bad = runner.invoke(app, ["interview", "--show", "1", "--format", "pdf"])
    assert bad.exit_code == 1 and "unknown format" in bad.stderr


def test_history_lists_interviews_with_the_trend(home: Path) -> None:
    assert "No interviews yet" in runner.invoke(app, ["interview", "--history"]).stdout
    make_report(home)
    make_report(home)
    out = runner.invoke(app, ["interview", "--history"]).stdout
    assert re.search(r"^1 .* mix$", out, re.M) and re.search(r"^2 .*\+0 pts +mix$", out, re.M)
    assert "Trend: +0 points from the first interview" in out


def test_plain_interview_through_the_real_program(home: Path) -> None:
    answers = "A load balancer in front.\n.\nAt my last job we had an outage.\n.\nq\n"
    result = subprocess.run(
        [sys.executable, "-m", "drillcards", "interview", "--plain", "--pack", "mix", "-n", "3"],
        input=answers + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Question 1/3 (mix/d1)\nDesign one\n")
    assert "Score:" not in out.split("Interview 1:")[0]  # no feedback before the report
    assert "Work on:" in out and "Rate answer 1 [1-4, Enter = " in out
    assert "Interview 1 saved: 1 of 2 answers rated" in out  # q ended answers; end of input
    with Store.open(database_path(home)) as store:
        assert store.review_count() == 1


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_html_report_renders_in_headless_chromium(home: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report_html(make_report(home)), encoding="utf-8")
    shot = tmp_path / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",  # type: ignore[list-item]
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--window-size=900,1200",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_markdown_report_lists_every_question(home: Path) -> None:
    text = report_markdown(make_report(home))
    assert text.count("\n## ") == 3  # two questions and "Work on"
