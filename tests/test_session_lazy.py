"""A session reads only its first due card (and how many are due) when it opens, the
others when it reaches them, in the order `due_cards` gives at the session's start; and
the questions of a pack indexed from validated models are read without pydantic."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drillcards import session as session_module
from drillcards.card_filter import CardFilter
from drillcards.card_flags import CardFlags, set_flags
from drillcards.catalog import Catalog
from drillcards.cli import app
from drillcards.errors import UserError
from drillcards.library import Library
from drillcards.models import Pack, Question
from drillcards.packs import parse_pack_text
from drillcards.question_data import PackData, QuestionData
from drillcards.rating import Rating
from drillcards.session import Session, open_session
from drillcards.store import Store, due_cards, due_count, first_due

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LATER = START + timedelta(days=40)
FIRST_RATINGS = (Rating.HARD, Rating.GOOD, Rating.EASY, Rating.AGAIN)
runner = CliRunner()


def pack_text(count: int) -> str:
    questions = "".join(
        f"  - id: q{n:02d}\n    prompt: Question {n}?\n    tags: [{'even' if n % 2 else 'odd'}]\n"
        f"    key_terms: [term {n}]\n"
        for n in range(count)
    )
    return f"id: many\ntitle: Many\nquestions:\n{questions}"


def studied(home: Path, monkeypatch: pytest.MonkeyPatch, count: int = 30) -> Pack:
    """A pack of `count` questions, each studied at START with varied first ratings (so
    their stabilities differ), installed without the catalog (indexed from its JSON)."""
    pack = parse_pack_text(pack_text(count))
    Library(home).install([pack])
    monkeypatch.setenv("DRILL_NOW", START.isoformat())
    with open_session(home, new_limit=count) as session:
        first = 0
        while (card := session.next_card()) is not None:
            seen = card.is_new
            rating = FIRST_RATINGS[first % len(FIRST_RATINGS)] if seen else Rating.GOOD
            first += seen
            session.record(card, rating, grade=None, answer="", duration_ms=1)
    monkeypatch.setenv("DRILL_NOW", LATER.isoformat())
    return pack


def eager_order(home: Path, limit: int | None = None) -> list[str]:
    with Store.open(home / "drill.db") as store:
        return [key for key, _ in due_cards(store, LATER, ["many"], limit)]


def drain(session: Session) -> list[str]:
    keys = []
    while (card := session.next_card()) is not None:
        keys.append(card.key)
        session.record(card, Rating.GOOD, grade=None, answer="", duration_ms=1)
    return keys


@pytest.mark.parametrize("limit", [None, 1, 7])
def test_the_due_cards_are_read_when_reached_in_the_order_of_the_start(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch, limit: int | None
) -> None:
    studied(drill_home, monkeypatch)
    expected = eager_order(drill_home, limit)
    assert len(expected) > 10 if limit is None else len(expected) == limit
    calls: list[int | None] = []

    def counted(*args: object, **kwargs: object) -> list[tuple[str, int]]:
        calls.append(1)
        return due_cards(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session_module, "due_cards", counted)
    with open_session(drill_home, ["many"], due_only=True, limit=limit) as session:
        counts = (session.total, session.due_left, session.new_left)
        assert counts == (len(expected), len(expected), 0)
        first = session.next_card()
        assert first is not None and first.key == expected[0] and first.due is not None
        assert calls == []  # only the first card is read when the session opens
        assert session.remaining() == (len(expected), 0)
        assert drain(session) == expected  # the first card first (still showing)
        assert len(calls) == (0 if len(expected) == 1 else 1)


def test_cards_undone_before_the_rest_is_read_keep_their_place(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    studied(drill_home, monkeypatch)
    expected = eager_order(drill_home)
    with open_session(drill_home, ["many"], due_only=True) as session:
        first = session.next_card()
        assert first is not None
        session.record(first, Rating.AGAIN, grade=None, answer="", duration_ms=1)
        assert session.undo() == first  # due again, and back in front of the queue
        assert session.remaining() == (len(expected), 0)
        assert drain(session) == expected


def test_a_card_failed_in_the_session_still_comes_back(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    studied(drill_home, monkeypatch, count=8)
    expected = eager_order(drill_home)
    with open_session(drill_home, ["many"], due_only=True) as session:
        first = session.next_card()
        assert first is not None
        session.record(first, Rating.AGAIN, grade=None, answer="", duration_ms=1)
        assert drain(session) == [*expected[1:], first.key]


def test_first_due_counts_and_orders_as_due_count_and_due_cards(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    studied(drill_home, monkeypatch)
    with Store.open(drill_home / "drill.db") as store:
        every = due_cards(store, LATER, ["many"])
        set_flags(store, every[0][0], CardFlags(suspended=True))
        odd = CardFilter(tags=("odd",))
        for matching in (None, odd):
            listed = due_cards(store, LATER, ["many"], None, matching)
            assert first_due(store, LATER, ["many"], matching) == (len(listed), listed[0])
            assert due_count(store, LATER, ["many"], matching) == len(listed)
        assert len(due_cards(store, LATER, ["many"])) == len(every) - 1
        assert first_due(store, START - timedelta(days=1), ["many"]) == (0, None)
        assert first_due(store, LATER, []) == (0, None)


IMPORTED = """\
id: imported
title: Imported pack
tags: [demo]
questions:
  - id: cache
    prompt: How would you add a cache?
    category: system-design
    framework: Put Redis in front of the database.
    key_points: [Cache-aside]
    key_terms: [Redis, {term: Time To Live (TTL), aliases: [expiry]}]
    mistakes: [{text: No invalidation, triggers: [never invalidate]}]
  - id: queue
    prompt: Why use a queue?
"""


def imported(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "imported.yaml"
    path.write_text(IMPORTED, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 0, result.output


def test_a_session_reads_an_imported_pack_without_pydantic_as_the_models_read(
    drill_home: Path, tmp_path: Path
) -> None:
    imported(drill_home, tmp_path)
    with open_session(drill_home, ["imported"]) as session:
        card = session.next_card()
        assert card is not None
        assert isinstance(card.question, QuestionData) and isinstance(card.pack, PackData)
        with Store.open(drill_home / "drill.db") as store:
            model = Catalog(store, Library(drill_home)).card(card.key)
        assert model is not None and isinstance(model.question, Question)
        assert card.question.prompt == model.question.prompt
        assert card.question.framework == model.question.framework
        assert [t.text for t in card.question.key_terms] == [
            t.text for t in model.question.key_terms
        ]
        assert (card.pack.id, card.pack.title, card.pack.tags) == (
            "imported",
            "Imported pack",
            ("demo",),
        )
        assert card.pack.questions == (card.question,)


def test_a_pack_file_written_behind_drills_back_is_read_through_the_models(
    drill_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    studied(drill_home, monkeypatch, count=3)
    with open_session(drill_home, ["many"], due_only=True) as session:
        card = session.next_card()
        assert card is not None and isinstance(card.question, Question)


def test_a_damaged_catalog_header_is_one_line(drill_home: Path, tmp_path: Path) -> None:
    imported(drill_home, tmp_path)
    with Store.open(drill_home / "drill.db") as store:
        store.db.execute(
            "UPDATE catalog_packs SET header = json_set(header, '$.colour', 'red') "
            "WHERE pack_id = 'imported'"
        )
        with pytest.raises(UserError, match="damaged question catalog"):
            Catalog(store, Library(drill_home)).plain_card("imported/cache")


def test_a_plain_review_of_an_imported_pack_imports_no_pydantic(
    drill_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported(drill_home, tmp_path)
    result = runner.invoke(app, ["start", "--plain"], input="Redis\n.\n3\nq\n")
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("DRILL_NOW", (START + timedelta(days=30)).isoformat())
    code = (
        "import sys\n"
        "from drillcards.cli import main\n"
        "sys.argv = ['drill', 'review', '--due', '--plain']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('pydantic', 'pydantic_core', 'yaml') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input="Redis with a TTL\n.\n3\n",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "imported/cache (due)\nHow would you add a cache?\n" in result.stdout
    assert "Key terms found (2/2): Redis, Time To Live (TTL)" in result.stdout
    assert "Saved: good." in result.stdout
    assert result.stdout.rstrip().endswith("[]")
