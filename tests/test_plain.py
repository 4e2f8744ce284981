"""Plain mode (CONTRACTS.md §4) and the `start` / `review` commands."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards.cli import app
from drillcards.library import Library
from drillcards.packs import parse_pack_text
from drillcards.plain import run_plain
from drillcards.rating import Rating
from drillcards.session import open_session
from drillcards.store import Store

runner = CliRunner()

PACK = """\
id: tiny
title: Tiny pack
questions:
  - id: gateway
    prompt: What does an API gateway do?
    framework: |
      It is the single entry point:
      it routes, authenticates and rate-limits.
    key_points: [Routing, Authentication]
    key_terms: [Rate Limiting, Reverse Proxy]
    mistakes:
      - text: Putting business logic in the gateway
        triggers: [business logic in the gateway]
  - id: cache
    prompt: When would you add a cache?
    key_terms: [Cache-Aside]
  - id: queue
    prompt: Why use a message queue?
    star: {situation: Orders were lost, result: None lost since}
"""
GOOD_ANSWER = "It is a reverse proxy that does rate limiting.\n.\n"


@pytest.fixture
def home(drill_home: Path) -> Path:
    Library(drill_home).install([parse_pack_text(PACK)])
    return drill_home


def plain(home: Path, text: str, **options: object) -> tuple[str, Store]:
    out = StringIO()
    with open_session(home, ["tiny"], **options) as session:  # type: ignore[arg-type]
        run_plain(session, StringIO(text), out)
    return out.getvalue(), Store.open(home / "drill.db")


def test_a_card_shows_the_prompt_the_grade_and_the_model_answer(home: Path) -> None:
    output, store = plain(home, GOOD_ANSWER + "3\n" + GOOD_ANSWER + "3\n", limit=1)
    assert "[0 done · 1 left] tiny/gateway (new)\nWhat does an API gateway do?\n" in output
    assert 'Your answer (end with a line holding a single "."):' in output
    assert "Key terms found (2/2): Rate Limiting, Reverse Proxy\n" in output
    assert "Key terms missed: none\n" in output
    assert "Mistakes flagged: none\n" in output
    assert "Model answer:\n  It is the single entry point:\n  it routes," in output
    assert "Key points:\n  - Routing\n  - Authentication\n" in output
    assert "1 again (1m) · 2 hard (6m) · 3 good (10m) · 4 easy (" in output
    assert "Saved: good. Due again 2026-12-01 09:10." in output
    assert (
        output.rstrip()
        .splitlines()[-1]
        .startswith("Session over: 1 card, 2 reviews (again 0, hard 0, good 2, easy 0)")
    )  # Good twice: the card came back for its second learning step
    [first, _] = store.reviews_of("tiny/gateway")
    assert first.answer == "It is a reverse proxy that does rate limiting."
    assert first.rating == Rating.GOOD and first.score is not None and first.score > 0
    assert first.duration_ms >= 0
    store.close()


def test_missed_terms_flagged_mistakes_star_and_multi_line_answers(home: Path) -> None:
    answer = "We put business logic in the gateway.\nSecond line.\n.\n"
    output, store = plain(home, answer + "1\n", limit=1)
    assert "Key terms found (0/2): none\nKey terms missed: Rate Limiting, Reverse Proxy\n" in output
    assert "Mistakes flagged: Putting business logic in the gateway\n" in output
    assert store.reviews_of("tiny/gateway")[0].answer == (
        "We put business logic in the gateway.\nSecond line."
    )
    store.close()
    output, _ = plain(home, "x\n.\n3\nx\n.\nq\n", new_limit=3)  # cache, then queue
    assert "STAR example:\n  Situation: Orders were lost\n  Result: None lost since\n" in output


def test_an_empty_rating_line_takes_the_suggested_rating(home: Path) -> None:
    output, store = plain(home, "no idea\n.\n\n", limit=1)
    assert "(suggested rating: again)" in output
    assert "Rating [1-4, Enter = again, q = quit]: " in output
    assert store.reviews_of("tiny/gateway")[0].rating == Rating.AGAIN
    store.close()


def test_a_bad_rating_is_asked_again_with_a_hint(home: Path) -> None:
    output, store = plain(home, GOOD_ANSWER + "5\nmeh\neasy\n", limit=1)
    assert output.count("Type 1, 2, 3 or 4, Enter, or q.") == 2
    assert store.reviews_of("tiny/gateway")[0].rating == Rating.EASY
    store.close()


def test_q_ends_the_session_without_storing_that_card(home: Path) -> None:
    output, store = plain(home, GOOD_ANSWER + "4\n" + GOOD_ANSWER + "q\n")
    assert store.review_count() == 1
    assert output.rstrip().splitlines()[-1].startswith("Session over: 1 card, 1 review ")
    store.close()


def test_end_of_input_ends_the_session_with_a_summary(home: Path) -> None:
    output, store = plain(home, GOOD_ANSWER + "3\nhalf an answer")
    assert store.review_count() == 1  # the half-answered card has no rating: not stored
    assert output.rstrip().splitlines()[-1].startswith("Session over: 1 card, 1 review ")
    store.close()
    output, store = plain(home, "")
    assert output.strip().endswith(
        "Session over: no cards reviewed. Next: 1 card on 2026-12-01 09:10."
    )
    store.close()


# --- the commands ---------------------------------------------------------------------


def test_start_plain_through_the_cli_prints_plain_text(home: Path) -> None:
    result = runner.invoke(
        app,
        ["start", "--plain", "--pack", "tiny", "--limit", "2"],
        input=GOOD_ANSWER + "3\n" + "no\n.\n1\nq\n",
    )
    assert result.exit_code == 0, result.output
    assert "What does an API gateway do?" in result.stdout
    assert "\x1b" not in result.stdout
    assert "Session over: 2 cards, 2 reviews (again 1, hard 0, good 1, easy 0)" in result.stdout


def test_start_without_a_terminal_asks_for_plain(home: Path) -> None:
    result = runner.invoke(app, ["start"])
    assert result.exit_code == 2
    assert "--plain" in result.stderr
    assert not (home / "drill.db").exists()


def test_review_without_due_reviews_the_due_cards() -> None:
    result = runner.invoke(app, ["review", "--plain"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Nothing due and no cards studied yet.\n"


def test_review_due_on_a_fresh_home_reports_nothing_due() -> None:
    for args in (["review", "--due"], ["review", "--due", "--plain"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout == "Nothing due and no cards studied yet.\n"


def test_review_due_says_when_the_next_card_is_due_then_reviews_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain(home, GOOD_ANSWER + "4\n" + GOOD_ANSWER + "4\nq\n")[1].close()
    result = runner.invoke(app, ["review", "--due", "--plain"])
    assert result.exit_code == 0
    with Store.open(home / "drill.db") as store:
        dues = [
            card.state.due for key in ("tiny/gateway", "tiny/cache") if (card := store.card(key))
        ]
    due = min(dues)
    assert result.stdout == f"Nothing due. Next: 1 card on {due:%Y-%m-%d %H:%M}.\n"
    monkeypatch.setenv("DRILL_NOW", (due + timedelta(days=20)).isoformat())
    result = runner.invoke(app, ["review", "--due", "--plain"], input=GOOD_ANSWER + "3\n")
    assert result.exit_code == 0
    assert "[0 done · 2 left] tiny/" in result.stdout and "(due)" in result.stdout
    assert "(new)" not in result.stdout


def test_start_offers_practice_ahead_when_nothing_is_left(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["start", "--plain", "--pack", "tiny", "--new", "0"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Nothing to study")
    plain(home, GOOD_ANSWER + "4\nq\n")[1].close()
    monkeypatch.setenv("DRILL_NOW", datetime(2026, 12, 2, 9, 0, tzinfo=UTC).isoformat())
    with Store.open(home / "drill.db") as store:
        before = store.card("tiny/gateway")
    start = ["start", "--plain", "--pack", "tiny", "--new", "0"]
    result = runner.invoke(app, start, input=GOOD_ANSWER + "1\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == (  # offered, not started: stdin holds answers, not a yes
        "Nothing due and no new cards left for today. To practise ahead (the schedule "
        "does not change): drill start --plain --practice\n"
    )
    result = runner.invoke(app, [*start, "--practice"], input=GOOD_ANSWER + "1\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Practising ahead: these ratings are logged but do not")
    assert "(practice)" in result.stdout
    assert "1 again · 2 hard · 3 good · 4 easy · practice: the schedule does not change" in (
        result.stdout
    )
    assert "1 again (" not in result.stdout  # no intervals: they would not be applied
    assert "Practised: again (schedule unchanged)." in result.stdout
    assert "Practice over: 1 card, 1 review" in result.stdout
    with Store.open(home / "drill.db") as store:
        assert store.card("tiny/gateway") == before
        assert store.reviews_of("tiny/gateway")[-1].cram


def test_practice_with_nothing_studied_says_so(home: Path) -> None:
    result = runner.invoke(app, ["start", "--plain", "--practice"])
    assert result.exit_code == 0
    assert result.stdout == "Nothing to practise: no card has been studied yet.\n"


def test_q_alone_as_an_answer_ends_the_session(home: Path) -> None:
    output, store = plain(home, GOOD_ANSWER + "3\n" + "q\n" + GOOD_ANSWER + "3\n")
    assert output.count("Score: ") == 1
    assert "[1 done · 3 left] tiny/cache (new)" in output  # gateway comes back at 09:10
    assert output.endswith(
        "Session over: 1 card, 1 review (again 0, hard 0, good 1, easy 0), "
        "average score 100%. Next: 1 card on 2026-12-01 09:10.\n"
    )
    assert len(store.reviews_of("tiny/gateway")) == 1
    assert store.reviews_of("tiny/cache") == []
    store.close()


def test_q_inside_an_answer_is_part_of_it(home: Path) -> None:
    output, store = plain(home, "A reverse proxy\nq\n.\n3\nq\n", limit=1)
    assert output.count("Score: ") == 1
    assert [review.answer for review in store.reviews_of("tiny/gateway")] == ["A reverse proxy\nq"]
    store.close()


def test_the_summary_counts_cards_left_due_now(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain(home, (GOOD_ANSWER + "4\n") * 3)[1].close()
    monkeypatch.setenv("DRILL_NOW", datetime(2027, 6, 1, 9, 0, tzinfo=UTC).isoformat())
    output, store = plain(home, GOOD_ANSWER + "3\n", limit=1)
    store.close()
    assert "[0 done · 1 left] tiny/" in output
    assert output.endswith(" Next: 2 cards due now.\n")


def test_time_is_said_to_be_ignored_in_plain_mode(home: Path) -> None:
    result = runner.invoke(app, ["start", "--plain", "--pack", "tiny", "--time", "60"], input="q\n")
    assert result.exit_code == 0, result.output
    assert result.stderr == "drill: --time is ignored with --plain: line mode has no countdown\n"


def test_an_unknown_pack_is_a_user_error(home: Path) -> None:
    result = runner.invoke(app, ["start", "--plain", "--pack", "nope"])
    assert result.exit_code == 1
    assert result.stderr.startswith("drill: unknown pack 'nope'")


def test_the_real_drill_program_drills_the_bundled_pack() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "drillcards", "start", "--plain", "--limit", "1"],
        input="A strangler fig with an API gateway.\n.\n4\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[0 done · 1 left] senior-fullstack/")
    assert "Score: " in result.stdout and "Model answer:" in result.stdout
    assert "Session over: 1 card, 1 review (again 0, hard 0, good 0, easy 1)" in result.stdout
