"""The session queue, time-travelling with DRILL_NOW: due first, new up to the day's limit,
Again within the session, undo, practice ahead, pack edits keeping history."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from drillcards.errors import UserError
from drillcards.library import Library
from drillcards.matcher import Grade, TermMatch
from drillcards.models import Pack
from drillcards.packs import parse_pack_text
from drillcards.rating import Rating
from drillcards.scheduler import SchedulerSettings
from drillcards.session import LEARN_AHEAD, Session, SessionCard, open_session
from drillcards.store import Store, due_cards

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def make_pack(pack_id: str, question_ids: list[str], prompt: str = "What is {id}?") -> Pack:
    questions = "".join(
        f"  - id: {qid}\n    prompt: {prompt.format(id=qid)}\n    key_terms: [{qid} term]\n"
        for qid in question_ids
    )
    return parse_pack_text(f"id: {pack_id}\ntitle: Pack {pack_id}\nquestions:\n{questions}")


@pytest.fixture
def tiny(drill_home: Path) -> Pack:
    """A pack of five questions installed in the test's DRILL_HOME."""
    pack = make_pack("tiny", ["a", "b", "c", "d", "e"])
    Library(drill_home).install([pack])
    return pack


def set_now(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setenv("DRILL_NOW", moment.isoformat())


def rate(session: Session, card: SessionCard, rating: Rating) -> None:
    session.record(card, rating, grade=None, answer=f"answer to {card.key}", duration_ms=900)


def drain(session: Session, rating: Rating = Rating.GOOD) -> list[str]:
    """Rate every card the session brings, returning their keys in order."""
    keys = []
    while (card := session.next_card()) is not None:
        keys.append(card.key)
        rate(session, card, rating)
    return keys


def graduate(session: Session, rating: Rating = Rating.GOOD) -> None:
    """Rate the first card `rating`, then every card (itself again) Good till the end."""
    card = session.next_card()
    assert card is not None
    rate(session, card, rating)
    drain(session)


def due_keys(home: Path, moment: datetime, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The cards a `review --due` session would bring at `moment`."""
    set_now(monkeypatch, moment)
    with open_session(home, ["tiny"], due_only=True) as session:
        return [key for key, _ in due_cards(session.store, moment, session.pack_ids)]


def test_new_cards_come_in_pack_order_and_the_session_counts_them(
    drill_home: Path, tiny: Pack
) -> None:
    with open_session(drill_home, ["tiny"]) as session:
        assert (session.total, session.due_left, session.new_left, session.position) == (5, 0, 5, 0)
        card = session.next_card()
        assert card is not None
        assert (card.key, card.is_new, card.due) == ("tiny/a", True, None)
        assert card.question.prompt == "What is a?"
        assert card.pack.id == "tiny" and card.pack.title == "Pack tiny"
        assert session.next_card() is card  # the same card until it is rated
        assert (session.position, session.new_left) == (1, 4)


def test_good_is_not_due_the_next_day_and_is_due_after_its_interval(
    drill_home: Path, tiny: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_session(drill_home, ["tiny"], limit=1) as session:
        card = session.next_card()
        assert card is not None
        rate(session, card, Rating.GOOD)
        again = session.next_card()  # the second learning step (10 minutes) in the session
        assert again is not None and again.key == card.key and not again.is_new
        rate(session, again, Rating.GOOD)
        assert session.next_card() is None
        with Store.open(drill_home / "drill.db") as store:
            stored = store.card(card.key)
        assert stored is not None
    interval = stored.state.due - START
    assert interval >= timedelta(days=1)
    assert due_keys(drill_home, START + timedelta(days=1) - timedelta(minutes=1), monkeypatch) == []
    assert due_keys(drill_home, stored.state.due - timedelta(seconds=1), monkeypatch) == []
    assert due_keys(drill_home, stored.state.due, monkeypatch) == ["tiny/a"]


def test_again_brings_the_card_back_within_the_session(drill_home: Path, tiny: Pack) -> None:
    with open_session(drill_home, ["tiny"], limit=3) as session:
        first = session.next_card()
        assert first is not None
        rate(session, first, Rating.AGAIN)
        assert session.total == 4  # the failed card is coming back
        order = drain(session)
    # With the clock fixed, the failed card waits until the rest is done, then comes back
    # (and once more for its second learning step after Good).
    assert order == ["tiny/b", "tiny/c", "tiny/a", "tiny/b", "tiny/c", "tiny/a"]


def test_a_failed_card_comes_back_first_once_its_step_has_passed(
    drill_home: Path, tiny: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_session(drill_home, ["tiny"]) as session:
        first = session.next_card()
        assert first is not None
        rate(session, first, Rating.AGAIN)
        second = session.next_card()
        assert second is not None and second.key == "tiny/b"
        rate(session, second, Rating.EASY)
        set_now(monkeypatch, START + timedelta(minutes=1))
        back = session.next_card()
        assert back is not None and back.key == "tiny/a"


def test_learning_cards_beyond_the_learn_ahead_window_leave_the_session(
    drill_home: Path, tiny: Pack
) -> None:
    with Store.open(drill_home / "drill.db") as store:
        store.save_settings(SchedulerSettings(learning_steps=(LEARN_AHEAD * 2,)))
    with open_session(drill_home, ["tiny"], limit=1) as session:
        card = session.next_card()
        assert card is not None
        rate(session, card, Rating.AGAIN)
        assert session.total == 1
        assert session.next_card() is None


def test_easy_gives_a_longer_interval_than_good(drill_home: Path, tiny: Pack) -> None:
    with open_session(drill_home, ["tiny"]) as session:
        card = session.next_card()
        assert card is not None
        intervals = session.preview_intervals(card)
        assert intervals[Rating.AGAIN] == timedelta(minutes=1)
        assert intervals[Rating.GOOD] == timedelta(minutes=10)
        assert intervals[Rating.EASY] > intervals[Rating.GOOD]
        rate(session, card, Rating.EASY)
        with Store.open(drill_home / "drill.db") as store:
            stored = store.card(card.key)
            assert stored is not None
            assert stored.state.due - START == intervals[Rating.EASY]


def test_due_cards_come_first_lowest_retrievability_first(
    drill_home: Path, tiny: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_session(drill_home, ["tiny"], limit=3) as session:
        for rating in (Rating.EASY, Rating.GOOD, Rating.EASY):  # a, b, c
            card = session.next_card()
            assert card is not None
            rate(session, card, rating)
        drain(session)
    later = START + timedelta(days=60)
    set_now(monkeypatch, later)
    with open_session(drill_home, ["tiny"], new_limit=1) as session:
        assert (session.due_left, session.new_left) == (3, 1)
        keys = drain(session)
    # b was learnt less well (Good, shorter stability): most forgotten, so first.
    assert keys[0] == "tiny/b"
    assert keys[1:3] == ["tiny/a", "tiny/c"] or keys[1:3] == ["tiny/c", "tiny/a"]
    assert keys[3] == "tiny/d"
    assert due_keys(drill_home, later, monkeypatch) == []


def test_the_new_card_limit_counts_cards_introduced_today(
    drill_home: Path, tiny: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_session(drill_home, ["tiny"], new_limit=2) as session:
        assert session.new_left == 2
        drain(session)
    with open_session(drill_home, ["tiny"], new_limit=3) as session:
        assert session.new_left == 1  # two of today's three are used
        assert session.next_card().key == "tiny/c"  # type: ignore[union-attr]
    set_now(monkeypatch, START + timedelta(days=1))
    with open_session(drill_home, ["tiny"], new_limit=3, due_only=True) as session:
        assert session.new_left == 0
    with open_session(drill_home, ["tiny"], new_limit=3) as session:
        assert session.new_left == 3  # a new study day


def test_limit_caps_the_session(drill_home: Path, tiny: Pack) -> None:
    with open_session(drill_home, ["tiny"], limit=2) as session:
        assert session.total == 2
        assert len(set(drain(session))) == 2


def test_pack_filter_and_unknown_packs(drill_home: Path, tiny: Pack) -> None:
    Library(drill_home).install([make_pack("other", ["x", "y"])])
    with open_session(drill_home, ["other"]) as session:
        assert {key.split("/")[0] for key in drain(session)} == {"other"}
    with open_session(drill_home, ["other", "tiny"], new_limit=20) as session:
        assert session.next_card().key == "tiny/a"  # type: ignore[union-attr]
    with pytest.raises(UserError, match="unknown pack 'nope'"):
        open_session(drill_home, ["nope"])


def test_undo_restores_the_card_and_puts_it_back_at_the_front(drill_home: Path, tiny: Pack) -> None:
    with open_session(drill_home, ["tiny"]) as session:
        assert session.undo() is None
        first = session.next_card()
        assert first is not None
        rate(session, first, Rating.GOOD)
        second = session.next_card()
        assert second is not None
        rate(session, second, Rating.AGAIN)
        third = session.next_card()
        assert third is not None and third.key == "tiny/c"
        restored = session.undo()
        assert restored is not None and restored.key == "tiny/b" and restored.is_new
        assert session.position == 2
        assert session.next_card() == restored
        with Store.open(drill_home / "drill.db") as store:
            assert store.card("tiny/b") is None
            assert len(store.reviews_of("tiny/b")) == 0
        rate(session, restored, Rating.EASY)
        assert session.next_card().key == "tiny/c"  # type: ignore[union-attr]
        assert session.summary().ratings[Rating.AGAIN] == 0  # the undone review is gone
        again = session.undo()
        assert again is not None and again.key == "tiny/b"
        earlier = session.undo()
        assert earlier is not None and earlier.key == "tiny/a" and earlier.is_new
        assert [session.next_card().key for _ in range(1)] == ["tiny/a"]  # type: ignore[union-attr]


def test_undo_of_a_later_review_restores_the_earlier_state(drill_home: Path, tiny: Pack) -> None:
    with open_session(drill_home, ["tiny"], limit=1) as session:
        card = session.next_card()
        assert card is not None
        rate(session, card, Rating.GOOD)
        with Store.open(drill_home / "drill.db") as store:
            after_first = store.card(card.key)
        back = session.next_card()
        assert back is not None
        rate(session, back, Rating.GOOD)
        restored = session.undo()
        assert restored is not None and not restored.is_new
        assert after_first is not None and restored.due == after_first.state.due
        with Store.open(drill_home / "drill.db") as store:
            assert store.card(card.key) == after_first


def test_practice_ahead_does_not_change_the_schedule(
    drill_home: Path, tiny: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_session(drill_home, ["tiny"], new_limit=2) as session:
        drain(session)
    with Store.open(drill_home / "drill.db") as store:
        before = store.db.execute("SELECT * FROM cards ORDER BY key").fetchall()
    set_now(monkeypatch, START + timedelta(hours=2))
    with open_session(drill_home, ["tiny"], new_limit=0) as session:
        assert session.total == 0
    with open_session(drill_home, ["tiny"], cram=True) as session:
        assert session.cram and session.total == 2
        practised = drain(session, Rating.AGAIN)
        assert sorted(practised) == ["tiny/a", "tiny/b"]  # Again does not bring them back
        assert session.summary().cram
    with Store.open(drill_home / "drill.db") as store:
        assert store.db.execute("SELECT * FROM cards ORDER BY key").fetchall() == before
        assert [r.cram for r in store.reviews_of("tiny/a")][-1] is True


def test_editing_a_pack_keeps_history_and_removing_a_question_stops_scheduling_it(
    drill_home: Path, tiny: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_session(drill_home, ["tiny"], new_limit=2) as session:
        drain(session)
    library = Library(drill_home)
    edited = make_pack("tiny", ["b", "c", "d", "e"], prompt="Explain {id} again?")
    library.install([edited])
    later = START + timedelta(days=90)
    set_now(monkeypatch, later)
    with open_session(drill_home, ["tiny"], new_limit=0) as session:
        card = session.next_card()
        assert card is not None
        assert (card.key, card.question.prompt) == ("tiny/b", "Explain b again?")
        assert not card.is_new and session.total == 1  # tiny/a is gone from the pack
        summary_due = session.next_due()
    with Store.open(drill_home / "drill.db") as store:
        assert len(store.reviews_of("tiny/a")) == 2  # its history is kept
    assert summary_due is None or summary_due[0] > later


def test_summary_and_next_due(drill_home: Path, tiny: Pack) -> None:
    def grade(score: float, missed: str) -> Grade:
        term = TermMatch(term=missed, matched=False, matched_text=None, start=None, end=None)
        return Grade(score=score, key_terms=(term,), mistakes=(), suggested_rating=Rating.GOOD)

    with open_session(drill_home, ["tiny"], new_limit=2) as session:
        assert session.next_due() is None
        a = session.next_card()
        assert a is not None
        session.record(a, Rating.AGAIN, grade=grade(0.2, "a term"), answer="?", duration_ms=1)
        b = session.next_card()
        assert b is not None
        session.record(b, Rating.EASY, grade=grade(0.8, "a term"), answer="!", duration_ms=1)
        summary = session.summary()
    assert (summary.cards, summary.reviews) == (2, 2)
    assert summary.ratings == {Rating.AGAIN: 1, Rating.HARD: 0, Rating.GOOD: 0, Rating.EASY: 1}
    assert summary.average_score == pytest.approx(0.5)
    assert summary.missed_terms == (("a term", 2),)
    assert summary.next_due == (START + timedelta(minutes=1), 1)
    assert not summary.cram


def test_record_takes_only_the_current_card(drill_home: Path, tiny: Pack) -> None:
    with open_session(drill_home, ["tiny"]) as session:
        card = session.next_card()
        assert card is not None
        rate(session, card, Rating.GOOD)
        with pytest.raises(ValueError, match="not the current card"):
            rate(session, card, Rating.GOOD)


def test_done_and_left_stay_honest_when_a_card_comes_back(tiny: Pack, drill_home: Path) -> None:
    """`--limit 2` with one card rated Again: "1 done · 2 left", never "card 3 of 3"."""
    with open_session(drill_home, ["tiny"], limit=2) as session:
        card = session.next_card()
        assert card is not None
        assert (session.done, session.remaining()) == (0, (0, 2))
        rate(session, card, Rating.AGAIN)
        card = session.next_card()
        assert card is not None
        assert (session.done, session.remaining()) == (1, (1, 1))  # the failed one is due
        rate(session, card, Rating.EASY)
        card = session.next_card()
        assert card is not None
        assert (session.done, session.remaining()) == (2, (1, 0))
        rate(session, card, Rating.EASY)
        assert session.next_card() is None
        assert (session.done, session.remaining()) == (3, (0, 0))
