"""The SQLite store at `$DRILL_HOME/drill.db`: the review log, card states, settings.

- `review_log` is append-only: every rating ever given, with the typed answer (a long
  one compressed, see `answers.py`), the grade score, the time taken and the card's
  phase, step and due time after the review (as Anki's revlog, not the memory state:
  replaying the log gives it back). The one exception is `undo`, a deliberate user
  action that removes the last review. Its rows name their card by the integer id of
  `card_keys` (each card key once) and pack small columns together (schema 8), and the
  view `reviews` reads the log with the card keys (`card_key`) and the columns unpacked:
  queries read `reviews`, writes go to `review_log`.
- `cards` caches each reviewed card's current state and due time (indexed by due). It
  can always be rebuilt from `reviews` (`drill doctor --rebuild`).
- `review_counts` totals the log per pack, rating, practice flag and whether the review
  was the card's first (non-practice) one, with the sum and count of grade scores, so
  `drill stats` needs no scan of the log. It is kept in the same transaction as every
  write to `reviews` and can be recounted from the log (`recount_reviews`).
- `settings` holds the scheduler settings as JSON, so user parameters can be stored.
- `catalog_*` index the questions of the available pack files (see `catalog.py`):
  derived data, refreshed whenever a pack file changes.
- `card_flags` marks cards suspended (never queued) or leeches (see `card_flags.py`),
  by card key, so the marks survive removing and re-importing a pack.
- `missed_terms` holds the key terms each graded review missed (for `drill stats`);
  its rows go with their review (a trigger deletes them on undo).
- `missed_term_counts` and `review_quarters` (per pack and quarter of an hour: the
  reviews, the practice ones among them, and the true-retention counts, which the view
  `retention_counts` lists as rows) are running totals for the statistics (the heatmap,
  today's reviews, the streak, true retention), kept up to date by triggers on
  `review_log` and `missed_terms`.
- `drafts` keeps the answer being typed to a card, so that leaving the card, quitting
  or a crash loses nothing; a card's draft goes in the transaction that records its
  review.

Times are stored as integer milliseconds since the Unix epoch (UTC). The database runs
in WAL mode with a busy timeout, so several `drill` processes can share it; every write
is one `BEGIN IMMEDIATE` transaction, committed before the method returns. The schema
version is kept in `PRAGMA user_version` and migrated forward on open. Commands that
only read open the database read-only (`Store.open(path, read_only=True)`), so they work
on a read-only data directory. SQLite errors leave as `UserError`s naming the file and
the fix (`drillcards.faults`).
"""

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drillcards.answers import COMPRESS_FROM_BYTES, answer_text, stored_answer
from drillcards.errors import UserError
from drillcards.faults import database_failure, describe_os_error
from drillcards.rating import Rating
from drillcards.scheduler import (
    CardState,
    PackScheduler,
    Phase,
    Scheduler,
    SchedulerSettings,
    exact_instant,
    study_day_start,
)

if TYPE_CHECKING:
    from drillcards.card_filter import CardFilter

SCHEMA_VERSION = 8
BUSY_TIMEOUT_MS = 30_000
READ_CACHE_KIB = 65_536
"""SQLite's page cache for a read-only command (`drill stats`, `packs`, `doctor`), at
most this many KiB: their queries read the cards and the catalog several times over,
and with SQLite's default 2 MB every pass read its pages from the OS again (100,000
cards: the stats' forecast, read after the packs table, 96 -> 42 ms)."""
PAGE_SIZE = 16_384
"""Page size of a new database (an existing one keeps its own): a review with a 300-word
answer takes ~1 KB, of which a 4 KB page held 3 or 4 (77-88 % full), a 16 KB page 18 (98 %):
`bench/bench_storage.py` 1,082 -> 972 bytes per review."""
SCHEDULER_SETTINGS = "scheduler"
"""Name of the settings row holding `SchedulerSettings` as JSON."""


def to_ms(moment: datetime) -> int:
    """An aware datetime as integer milliseconds since the epoch."""
    moment = exact_instant(moment)
    return int(moment.timestamp()) * 1000 + moment.microsecond // 1000


def from_ms(value: int) -> datetime:
    """Milliseconds since the epoch as an aware UTC datetime."""
    seconds, millis = divmod(value, 1000)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=millis * 1000)


def pack_of(key: str) -> str:
    """The pack id of a card key `pack/question`."""
    return key.split("/", 1)[0]


@dataclass(frozen=True)
class StoredCard:
    """A card that has been reviewed at least once, as the `cards` table holds it."""

    key: str
    pack_id: str
    state: CardState
    introduced: datetime
    """When the card was first reviewed."""
    reps: int
    """Reviews that count for scheduling (practice-ahead reviews do not)."""
    lapses: int
    """Times the card was forgotten in the review phase."""


@dataclass(frozen=True)
class Review:
    """One row of the review log."""

    id: int
    card_key: str
    reviewed_at: datetime
    rating: Rating
    score: float | None
    """The matcher's grade of the answer, None when it was not graded."""
    answer: str
    duration_ms: int
    cram: bool
    """A practice-ahead review: logged, but it does not change the schedule."""
    phase: Phase | None
    """The card's phase after the review; None for practice-ahead reviews."""
    due: datetime | None
    """When the review made the card due; None for practice-ahead reviews."""


# --- schema -------------------------------------------------------------------


def _migrate_to_1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            card_key TEXT NOT NULL,
            reviewed_at INTEGER NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            answer TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            state INTEGER,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due INTEGER
        )"""
    )
    db.execute("CREATE INDEX reviews_by_card ON reviews (card_key, id)")
    db.execute(
        """CREATE TABLE cards (
            key TEXT PRIMARY KEY,
            pack_id TEXT NOT NULL,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL NOT NULL,
            difficulty REAL NOT NULL,
            due INTEGER NOT NULL,
            last_review INTEGER NOT NULL,
            reps INTEGER NOT NULL,
            lapses INTEGER NOT NULL
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX cards_by_due ON cards (due)")


def _migrate_to_2(db: sqlite3.Connection) -> None:
    """Grade scores, practice-ahead reviews, first-review times, settings, the catalog."""
    db.execute("ALTER TABLE reviews ADD COLUMN score REAL")
    db.execute("ALTER TABLE reviews ADD COLUMN cram INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX reviews_by_time ON reviews (reviewed_at)")
    db.execute("ALTER TABLE cards ADD COLUMN introduced INTEGER NOT NULL DEFAULT 0")
    db.execute(
        """UPDATE cards SET introduced =
            (SELECT min(reviewed_at) FROM reviews WHERE reviews.card_key = cards.key)"""
    )
    db.execute("CREATE INDEX cards_by_pack ON cards (pack_id, due)")
    db.execute("CREATE INDEX cards_by_introduction ON cards (introduced)")
    db.execute("CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        "INSERT INTO settings VALUES (?, ?)",
        (SCHEDULER_SETTINGS, json.dumps(SchedulerSettings().to_json_dict())),
    )
    db.execute(
        """CREATE TABLE catalog_packs (
            pack_id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            mtime_ns INTEGER NOT NULL,
            size INTEGER NOT NULL,
            header TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE catalog_questions (
            key TEXT PRIMARY KEY,
            pack_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            question TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX catalog_questions_by_pack ON catalog_questions (pack_id, position)")


def _migrate_to_3(db: sqlite3.Connection) -> None:
    """Review totals per pack, so statistics do not scan the whole log; long typed
    answers compressed (see `answers.py`)."""
    long_answers = db.execute(
        "SELECT id, answer FROM reviews WHERE typeof(answer) = 'text' AND length(answer) >= ?",
        (COMPRESS_FROM_BYTES // 4,),  # (length counts characters; UTF-8 takes 1 to 4 bytes)
    ).fetchall()
    db.executemany(
        "UPDATE reviews SET answer = ? WHERE id = ?",
        ((stored_answer(answer), review_id) for review_id, answer in long_answers),
    )
    db.execute(
        """CREATE TABLE review_counts (
            pack_id TEXT NOT NULL,
            rating INTEGER NOT NULL,
            cram INTEGER NOT NULL,
            first INTEGER NOT NULL,
            reviews INTEGER NOT NULL,
            score_sum REAL NOT NULL,
            scored INTEGER NOT NULL,
            PRIMARY KEY (pack_id, rating, cram, first)
        ) WITHOUT ROWID"""
    )
    _count_reviews(db)


def _create_count_triggers(db: sqlite3.Connection, log: str, pack: str, card: str) -> None:
    """The triggers on the review table `log` that keep `review_quarters` and
    `retention_counts` (migration 4) and delete an undone review's missed terms. `pack` is
    the SQL of a row's pack id, with `{0}` for the row (NEW or OLD); `card` the column that
    names a row's card."""
    quarter_ms = 900_000
    mature_ms = 21 * 86_400_000
    previous = (
        f"(SELECT state, due, reviewed_at FROM {log} WHERE {card} = {{0}}.{card} "
        "AND cram = 0 AND id < {0}.id ORDER BY id DESC LIMIT 1) AS previous"
    )
    mature = f"previous.due - previous.reviewed_at >= {mature_ms}"
    in_review = f"previous.state = {Phase.REVIEW.value}"
    db.execute(
        f"""CREATE TRIGGER reviews_counted AFTER INSERT ON {log} BEGIN
            INSERT INTO review_quarters
                VALUES ({pack.format("NEW")}, NEW.reviewed_at / {quarter_ms}, 1)
                ON CONFLICT (pack_id, quarter) DO UPDATE SET reviews = reviews + 1;
            INSERT INTO retention_counts
                SELECT {pack.format("NEW")}, NEW.reviewed_at / {quarter_ms}, {mature},
                    NEW.rating > 1, 1
                FROM {previous.format("NEW")} WHERE NEW.cram = 0 AND {in_review}
                ON CONFLICT (pack_id, quarter, mature, passed) DO UPDATE
                    SET reviews = reviews + 1;
        END"""
    )
    db.execute(
        f"""CREATE TRIGGER reviews_uncounted AFTER DELETE ON {log} BEGIN
            UPDATE review_quarters SET reviews = reviews - 1
                WHERE pack_id = {pack.format("OLD")} AND quarter = OLD.reviewed_at / {quarter_ms};
            UPDATE retention_counts SET reviews = reviews - 1
                WHERE pack_id = {pack.format("OLD")} AND quarter = OLD.reviewed_at / {quarter_ms}
                AND passed = (OLD.rating > 1) AND OLD.cram = 0
                AND mature = (SELECT {mature} FROM {previous.format("OLD")} WHERE {in_review});
            DELETE FROM missed_terms WHERE review_id = OLD.id;
        END"""
    )


def _migrate_to_4(db: sqlite3.Connection) -> None:
    """Suspended and leech cards; the key terms each review missed; running totals for
    the statistics (see `stats_detail.py`), kept by triggers so that no code path that
    writes reviews can forget them, and filled from the existing log."""
    db.execute(
        """CREATE TABLE card_flags (
            key TEXT PRIMARY KEY,
            suspended INTEGER NOT NULL DEFAULT 0,
            leech INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE missed_terms (
            review_id INTEGER NOT NULL,
            pack_id TEXT NOT NULL,
            term TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX missed_terms_by_review ON missed_terms (review_id)")
    # Misses per pack and term, for "the key terms missed most".
    db.execute(
        """CREATE TABLE missed_term_counts (
            pack_id TEXT NOT NULL,
            term TEXT NOT NULL,
            misses INTEGER NOT NULL,
            PRIMARY KEY (pack_id, term)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TRIGGER missed_terms_counted AFTER INSERT ON missed_terms BEGIN
            INSERT INTO missed_term_counts VALUES (NEW.pack_id, NEW.term, 1)
                ON CONFLICT (pack_id, term) DO UPDATE SET misses = misses + 1;
        END"""
    )
    db.execute(
        """CREATE TRIGGER missed_terms_uncounted AFTER DELETE ON missed_terms BEGIN
            UPDATE missed_term_counts SET misses = misses - 1
                WHERE pack_id = OLD.pack_id AND term = OLD.term;
        END"""
    )
    # Reviews per pack and quarter of an hour (every time zone offset is a multiple of
    # 15 minutes, so local study days can be summed from them): the heatmap.
    db.execute(
        """CREATE TABLE review_quarters (
            pack_id TEXT NOT NULL,
            quarter INTEGER NOT NULL,
            reviews INTEGER NOT NULL,
            PRIMARY KEY (pack_id, quarter)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX review_quarters_by_quarter ON review_quarters (quarter)")
    # Reviews of cards that were in the review phase, per pack, quarter of an hour,
    # maturity (last interval of 21 days or more) and outcome: true retention.
    db.execute(
        """CREATE TABLE retention_counts (
            pack_id TEXT NOT NULL,
            quarter INTEGER NOT NULL,
            mature INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            reviews INTEGER NOT NULL,
            PRIMARY KEY (pack_id, quarter, mature, passed)
        ) WITHOUT ROWID"""
    )
    pack = "substr({0}.card_key, 1, instr({0}.card_key, '/') - 1)"
    quarter_ms = 900_000
    mature_ms = 21 * 86_400_000
    _create_count_triggers(db, "reviews", pack, "card_key")
    db.execute(
        f"""INSERT INTO review_quarters
            SELECT {pack.format("reviews")}, reviewed_at / {quarter_ms}, count(*) FROM reviews
            GROUP BY 1, 2"""
    )
    db.execute(
        f"""INSERT INTO retention_counts
            SELECT pack_id, reviewed_at / {quarter_ms}, mature, passed, count(*) FROM (
                SELECT {pack.format("reviews")} AS pack_id, reviewed_at, rating > 1 AS passed,
                    lag(state) OVER w AS before,
                    lag(due) OVER w - lag(reviewed_at) OVER w >= {mature_ms} AS mature
                FROM reviews WHERE cram = 0
                WINDOW w AS (PARTITION BY card_key ORDER BY id)
            ) WHERE before = {Phase.REVIEW.value} GROUP BY 1, 2, 3, 4"""
    )


def _migrate_to_5(db: sqlite3.Connection) -> None:
    """Drafts: the answer being typed to a card, kept until the card is rated."""
    db.execute(
        """CREATE TABLE drafts (
            card_key TEXT PRIMARY KEY,
            answer TEXT NOT NULL,
            saved_at INTEGER NOT NULL
        ) WITHOUT ROWID"""
    )


def _migrate_to_6(db: sqlite3.Connection) -> None:
    """Mock interviews (`drill interview`) with one row per question, and the
    interview-date plan (`drill plan`)."""
    db.execute(
        """CREATE TABLE interviews (
            id INTEGER PRIMARY KEY,
            started_at INTEGER NOT NULL,
            packs TEXT NOT NULL,
            time_limit INTEGER
        )"""
    )
    db.execute(
        """CREATE TABLE interview_answers (
            interview_id INTEGER NOT NULL REFERENCES interviews (id),
            position INTEGER NOT NULL,
            card_key TEXT NOT NULL,
            score REAL NOT NULL,
            duration_ms INTEGER NOT NULL,
            report TEXT NOT NULL,
            rating INTEGER CHECK (rating BETWEEN 1 AND 4),
            review_id INTEGER,
            PRIMARY KEY (interview_id, position)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            by_date TEXT NOT NULL,
            packs TEXT,
            created_at INTEGER NOT NULL
        )"""
    )


_REVIEW_LOG_VALUES = (
    "reviewed_at, rating, answer, duration_ms, state, step, stability, difficulty, due, score, cram"
)
_SCORE_SCALE = 1000
"""`review_log.score` holds a score of three decimals (as the matcher rounds them) as
whole thousandths, 1 or 2 bytes instead of a REAL's 8; any other score as it is."""


def _log_values(row: str, score: str) -> str:
    """The SQL of `_REVIEW_LOG_VALUES` read from `row`, with the score as `score`
    ({0}: the row's score) gives it."""
    return ", ".join(
        score.format(f"{row}.{c}") if c == "score" else f"{row}.{c}"
        for c in _REVIEW_LOG_VALUES.split(", ")
    )


_STORED_SCORE = (
    f"CASE WHEN round({{0}} * {_SCORE_SCALE}) / {_SCORE_SCALE}.0 = {{0}} "
    f"THEN CAST(round({{0}} * {_SCORE_SCALE}) AS INTEGER) ELSE {{0}} END"
)
_READ_SCORE = (
    f"CASE typeof({{0}}) WHEN 'integer' THEN {{0}} / {_SCORE_SCALE}.0 ELSE {{0}} END AS score"
)


def _stored_score(score: float | None) -> float | int | None:
    """A grade score as `review_log` stores it (whole thousandths when that is exact)."""
    if score is None:
        return None
    thousandths = round(score * _SCORE_SCALE)
    return thousandths if thousandths / _SCORE_SCALE == score else float(score)


def _create_review_edit_triggers(db: sqlite3.Connection) -> None:
    """The triggers that delete a review and replace its answer through the `reviews` view
    (schemas 7 and 8: the same on both logs)."""
    db.execute(
        """CREATE TRIGGER reviews_deleted INSTEAD OF DELETE ON reviews BEGIN
            DELETE FROM review_log WHERE id = OLD.id;
        END"""
    )
    db.execute(
        """CREATE TRIGGER reviews_answer_updated INSTEAD OF UPDATE OF answer ON reviews BEGIN
            UPDATE review_log SET answer = NEW.answer WHERE id = OLD.id;
        END"""
    )


def _migrate_to_7(db: sqlite3.Connection) -> None:
    """The log keeps each card key once: `review_log` rows name their card by the integer
    id of `card_keys`, and `reviews` becomes a view of the log with the keys, so every
    query reads it as before. A key of ~42 characters was in every row and again in the
    by-card index; grade scores are kept as thousandths (`_SCORE_SCALE`): 220 bytes a
    review become 146 (`bench/bench_storage.py`). Review ids are kept, so interviews and
    missed terms still point at their reviews."""
    db.execute("CREATE TABLE card_keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)")
    db.execute(
        "INSERT INTO card_keys (key) "
        "SELECT card_key FROM reviews GROUP BY card_key ORDER BY min(id)"
    )
    db.execute(
        """CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            card INTEGER NOT NULL REFERENCES card_keys (id),
            reviewed_at INTEGER NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            answer TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            state INTEGER,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due INTEGER,
            score,
            cram INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        f"""INSERT INTO review_log (id, card, {_REVIEW_LOG_VALUES})
            SELECT r.id, k.id, {_log_values("r", _STORED_SCORE)}
            FROM reviews AS r JOIN card_keys AS k ON k.key = r.card_key ORDER BY r.id"""
    )
    db.execute("DROP TRIGGER reviews_counted")
    db.execute("DROP TRIGGER reviews_uncounted")
    db.execute("DROP TABLE reviews")
    db.execute("CREATE INDEX review_log_by_card ON review_log (card, id)")
    db.execute("CREATE INDEX review_log_by_time ON review_log (reviewed_at)")
    db.execute(
        f"""CREATE VIEW reviews AS
            SELECT r.id AS id, k.key AS card_key, {_log_values("r", _READ_SCORE)}
            FROM review_log AS r JOIN card_keys AS k ON k.id = r.card"""
    )
    # Writes through the view (tools and older code that insert into `reviews`).
    db.execute(
        f"""CREATE TRIGGER reviews_inserted INSTEAD OF INSERT ON reviews BEGIN
            INSERT OR IGNORE INTO card_keys (key) VALUES (NEW.card_key);
            INSERT INTO review_log (id, card, {_REVIEW_LOG_VALUES})
                VALUES (NEW.id, (SELECT id FROM card_keys WHERE key = NEW.card_key),
                    {_log_values("NEW", _STORED_SCORE)});
        END"""
    )
    _create_review_edit_triggers(db)
    # The running totals of migration 4, kept from the log's rows.
    pack = "(SELECT substr(key, 1, instr(key, '/') - 1) FROM card_keys WHERE id = {0}.card)"
    _create_count_triggers(db, "review_log", pack, "card")


# Schema 8 packs four small columns of the log into `review_log.kind`: bits 0-1 the
# rating less 1, bit 2 practice ahead, bits 3-4 the phase (0: none), bits 5 and up the
# step plus 1 (0: none). `review_log.due_after` is the due time less the review time:
# whole days (the scheduler's intervals of the review phase) times 4 plus 2, other whole
# minutes (its steps) times 4, any other milliseconds times 2 plus 1.
_PHASE_BITS = 3
_STEP_BITS = 5
_MINUTE_MS = 60_000
_DAY_MS = 86_400_000
_QUARTER_MS = 900_000
_LOG_8_DECODED = {
    "rating": "(({0}.kind & 3) + 1)",
    "cram": "(({0}.kind >> 2) & 1)",
    "state": f"nullif(({{0}}.kind >> {_PHASE_BITS}) & 3, 0)",
    "step": f"(nullif({{0}}.kind >> {_STEP_BITS}, 0) - 1)",
    "due": (
        "({0}.reviewed_at + CASE {0}.due_after & 3 WHEN 2 "
        f"THEN ({{0}}.due_after >> 2) * {_DAY_MS} "
        f"WHEN 0 THEN ({{0}}.due_after >> 2) * {_MINUTE_MS} ELSE {{0}}.due_after >> 1 END)"
    ),
}
_KIND_8 = (
    "(({0}.rating - 1) | (({0}.cram != 0) << 2) "
    f"| (coalesce({{0}}.state, 0) << {_PHASE_BITS}) "
    f"| (coalesce({{0}}.step + 1, 0) << {_STEP_BITS}))"
)
_DUE_AFTER_8 = (
    f"CASE WHEN ({{0}}.due - {{0}}.reviewed_at) % {_DAY_MS} = 0 "
    f"THEN (({{0}}.due - {{0}}.reviewed_at) / {_DAY_MS}) << 2 | 2 "
    f"WHEN ({{0}}.due - {{0}}.reviewed_at) % {_MINUTE_MS} = 0 "
    f"THEN (({{0}}.due - {{0}}.reviewed_at) / {_MINUTE_MS}) << 2 "
    "ELSE (({0}.due - {0}.reviewed_at) << 1) | 1 END"
)
_LOG_8_COLUMNS = "reviewed_at, kind, duration_ms, due_after, score, answer"
_LOG_8_VALUES = (
    f"{{0}}.reviewed_at, {_KIND_8}, {{0}}.duration_ms, {_DUE_AFTER_8}, {{1}}, {{0}}.answer"
)
"""The SQL of `_LOG_8_COLUMNS` from a row `{0}` with the columns of schema 7's log, its
score as `{1}`."""
_BAD_LOG_8_VALUES = (
    "{0}.rating NOT BETWEEN 1 AND 4 OR {0}.state NOT BETWEEN 1 AND 3 OR {0}.step < 0"
)
"""Rows `kind` cannot hold (the phases are 1 to 3, steps count from 0)."""


def _log_8_column(row: str, name: str) -> str:
    """The SQL of column `name` (as schema 7's log has it) of `row` of the schema 8 log."""
    decoded = _LOG_8_DECODED.get(name)
    return decoded.format(row) if decoded else f"{row}.{name}"


LOG_BY_CARD = (
    f"(SELECT id, card, reviewed_at, {_log_8_column('review_log', 'rating')} AS rating, "
    f"{_log_8_column('review_log', 'cram')} AS cram FROM review_log) AS r "
    "JOIN card_keys AS k ON k.id = r.card"
)
"""The review log `r` (id, card, reviewed_at, rating, cram) with its card keys `k`, for
reads in card order (`ORDER BY r.card, r.id`: the `reviews` view sorts by `card_key` in a
temporary B-tree)."""


def _kind(rating: Rating, state: CardState | None) -> int:
    """`review_log.kind` (schema 8) of a review; `state` None for practice ahead."""
    if state is None:
        return rating.number - 1 | 1 << 2
    step = 0 if state.step is None else state.step + 1
    return rating.number - 1 | state.phase.value << _PHASE_BITS | step << _STEP_BITS


def _due_after(due: int, reviewed_at: int) -> int:
    """`review_log.due_after` (schema 8) of a review's due time and review time (ms)."""
    after = due - reviewed_at
    if after % _DAY_MS == 0:
        return after // _DAY_MS << 2 | 2
    return after // _MINUTE_MS << 2 if after % _MINUTE_MS == 0 else after << 1 | 1


_MATURE_MS = 21 * _DAY_MS
_RETENTION_COLUMNS = {
    "young_failed": (0, 0),
    "young_passed": (0, 1),
    "mature_failed": (1, 0),
    "mature_passed": (1, 1),
}
"""`review_quarters`' counts of true retention (schema 8; the rows of `retention_counts`
before): the reviews of cards in the review phase by (mature, passed): maturity of the
last interval (21 days or more) and outcome (not Again)."""
_RETENTION_NAMES = ", ".join(_RETENTION_COLUMNS)


def _retention_column_of(row: str) -> dict[str, str]:
    """Retention column -> the SQL condition on `row`'s `mature` and `passed` counting
    in it."""
    return {
        name: f"{row}.mature = {mature} AND {row}.passed = {passed}"
        for name, (mature, passed) in _RETENTION_COLUMNS.items()
    }


def _outcome(row: str) -> str:
    """The SQL of a one-row table (`mature`, `passed`) for review `row` (NEW or OLD) of the
    schema 8 log when it counts for true retention (its card was in the review phase and
    it is no practice review), else of no rows."""
    previous = (
        f"SELECT {_log_8_column('p', 'state')} AS state, {_log_8_column('p', 'due')} AS due, "
        f"p.reviewed_at AS reviewed_at FROM review_log AS p WHERE p.card = {row}.card "
        f"AND {_log_8_column('p', 'cram')} = 0 AND p.id < {row}.id ORDER BY p.id DESC LIMIT 1"
    )
    return (
        f"(SELECT previous.due - previous.reviewed_at >= {_MATURE_MS} AS mature, "
        f"{_log_8_column(row, 'rating')} > 1 AS passed FROM ({previous}) AS previous "
        f"WHERE {_log_8_column(row, 'cram')} = 0 AND previous.state = {Phase.REVIEW.value})"
    )


def _create_count_triggers_8(db: sqlite3.Connection) -> None:
    """The triggers on the schema 8 log that keep `review_quarters` (with its practice and
    retention counts) and delete an undone review's missed terms."""
    pack = "(SELECT substr(key, 1, instr(key, '/') - 1) FROM card_keys WHERE id = {0}.card)"
    added = ", ".join(f"coalesce({c}, 0)" for c in _retention_column_of("o").values())
    db.execute(
        f"""CREATE TRIGGER reviews_counted AFTER INSERT ON review_log BEGIN
            INSERT INTO review_quarters (pack_id, quarter, reviews, practice, {_RETENTION_NAMES})
                SELECT {pack.format("NEW")}, NEW.reviewed_at / {_QUARTER_MS}, 1,
                    {_log_8_column("NEW", "cram")}, {added}
                FROM (SELECT 1) LEFT JOIN {_outcome("NEW")} AS o ON 1 WHERE 1
                ON CONFLICT (quarter, pack_id) DO UPDATE SET reviews = reviews + 1,
                    practice = practice + excluded.practice,
                    {", ".join(f"{c} = {c} + excluded.{c}" for c in _RETENTION_COLUMNS)};
        END"""
    )
    taken = ", ".join(
        f"{c} = {c} - coalesce((SELECT {condition} FROM {_outcome('OLD')} AS o), 0)"
        for c, condition in _retention_column_of("o").items()
    )
    db.execute(
        f"""CREATE TRIGGER reviews_uncounted AFTER DELETE ON review_log BEGIN
            UPDATE review_quarters SET reviews = reviews - 1,
                    practice = practice - {_log_8_column("OLD", "cram")}, {taken}
                WHERE pack_id = {pack.format("OLD")} AND quarter = OLD.reviewed_at / {_QUARTER_MS};
            DELETE FROM missed_terms WHERE review_id = OLD.id;
        END"""
    )


def _migrate_to_8(db: sqlite3.Connection) -> None:
    """Denser rows, `bench/bench_storage.py` 146 -> 82 bytes per review:

    - the log keeps no memory state (stability and difficulty, 18 bytes a row: `cards`
      has the current one and undo replays the card's log), packs rating, practice flag,
      phase and step in one small integer (`_kind`) and keeps the due time as an interval
      (`_due_after`, in whole days or minutes when it is whole); review ids are kept;
    - `cards` is a rowid table, so that its indexes hold a rowid instead of the
      ~42-character key (`cards_by_due` is gone: every query on due times names the
      packs and uses `cards_by_pack`);
    - the by-card index holds the card and the rowid (the id), not the id twice;
    - `review_quarters` is keyed by quarter first, so it needs no second index, and counts
      practice reviews apart: `drill stats` sums today's reviews and probes the streak's
      days there, so the log needs no time index (14 bytes a review);
    - `review_quarters` holds the counts of `retention_counts` (up to four rows a quarter,
      each with the pack id again) as four columns, and `retention_counts` is a view."""
    db.execute("DROP VIEW reviews")  # (and its triggers)
    db.execute("DROP TRIGGER reviews_counted")
    db.execute("DROP TRIGGER reviews_uncounted")
    bad = db.execute(
        f"SELECT count(*) FROM review_log WHERE {_BAD_LOG_8_VALUES.format('review_log')}"
    ).fetchone()[0]
    if bad:
        raise sqlite3.IntegrityError(f"{bad} reviews with a rating, phase or step out of range")
    db.execute("ALTER TABLE review_log RENAME TO review_log_7")
    db.execute(
        """CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            card INTEGER NOT NULL REFERENCES card_keys (id),
            reviewed_at INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            due_after INTEGER,
            score,
            answer TEXT NOT NULL
        )"""
    )
    db.execute(
        f"""INSERT INTO review_log (id, card, {_LOG_8_COLUMNS})
            SELECT r.id, r.card, {_LOG_8_VALUES.format("r", "r.score")}
            FROM review_log_7 AS r ORDER BY r.id"""
    )
    db.execute("DROP TABLE review_log_7")
    # (card) alone: every index entry ends with the rowid, so it is in (card, id) order
    db.execute("CREATE INDEX review_log_by_card ON review_log (card)")
    decoded = ", ".join(
        f"{_log_8_column('r', c)} AS {c}" if c != "score" else _READ_SCORE.format("r.score")
        for c in _REVIEW_LOG_VALUES.split(", ")
        if c not in ("stability", "difficulty")
    )
    db.execute(
        f"""CREATE VIEW reviews AS
            SELECT r.id AS id, k.key AS card_key, {decoded}
            FROM review_log AS r JOIN card_keys AS k ON k.id = r.card"""
    )
    db.execute(
        f"""CREATE TRIGGER reviews_inserted INSTEAD OF INSERT ON reviews BEGIN
            SELECT RAISE(ABORT, 'a rating, phase or step out of range')
                WHERE {_BAD_LOG_8_VALUES.format("NEW")};
            INSERT OR IGNORE INTO card_keys (key) VALUES (NEW.card_key);
            INSERT INTO review_log (id, card, {_LOG_8_COLUMNS})
                VALUES (NEW.id, (SELECT id FROM card_keys WHERE key = NEW.card_key),
                    {_LOG_8_VALUES.format("NEW", _STORED_SCORE.format("NEW.score"))});
        END"""
    )
    _create_review_edit_triggers(db)
    db.execute(
        """CREATE TABLE cards_8 (
            key TEXT NOT NULL PRIMARY KEY,
            pack_id TEXT NOT NULL,
            state INTEGER NOT NULL,
            step INTEGER,
            stability REAL NOT NULL,
            difficulty REAL NOT NULL,
            due INTEGER NOT NULL,
            last_review INTEGER NOT NULL,
            reps INTEGER NOT NULL,
            lapses INTEGER NOT NULL,
            introduced INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("INSERT INTO cards_8 SELECT * FROM cards ORDER BY key")
    db.execute("DROP TABLE cards")
    db.execute("ALTER TABLE cards_8 RENAME TO cards")
    db.execute("CREATE INDEX cards_by_pack ON cards (pack_id, due)")
    db.execute("CREATE INDEX cards_by_introduction ON cards (introduced)")
    db.execute(
        """CREATE TABLE review_quarters_8 (
            pack_id TEXT NOT NULL,
            quarter INTEGER NOT NULL,
            reviews INTEGER NOT NULL,
            practice INTEGER NOT NULL DEFAULT 0,
            young_failed INTEGER NOT NULL DEFAULT 0,
            young_passed INTEGER NOT NULL DEFAULT 0,
            mature_failed INTEGER NOT NULL DEFAULT 0,
            mature_passed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (quarter, pack_id)
        ) WITHOUT ROWID"""
    )
    db.execute(
        "INSERT INTO review_quarters_8 (pack_id, quarter, reviews) SELECT * FROM review_quarters"
    )
    db.execute(
        f"""INSERT INTO review_quarters_8 (pack_id, quarter, reviews, practice)
            SELECT substr(card_key, 1, instr(card_key, '/') - 1), reviewed_at / {_QUARTER_MS},
                0, count(*)
            FROM reviews WHERE cram GROUP BY 1, 2
            ON CONFLICT DO UPDATE SET practice = excluded.practice"""
    )
    counted = ", ".join(
        f"total(reviews * ({c}))" for c in _retention_column_of("retention_counts").values()
    )
    db.execute(
        f"""INSERT INTO review_quarters_8 (pack_id, quarter, reviews, {_RETENTION_NAMES})
            SELECT pack_id, quarter, 0, {counted} FROM retention_counts GROUP BY 1, 2
            ON CONFLICT DO UPDATE SET
                {", ".join(f"{c} = excluded.{c}" for c in _RETENTION_COLUMNS)}"""
    )
    db.execute("DROP TABLE review_quarters")
    db.execute("DROP TABLE retention_counts")
    db.execute("ALTER TABLE review_quarters_8 RENAME TO review_quarters")
    db.execute(
        "CREATE VIEW retention_counts (pack_id, quarter, mature, passed, reviews) AS "
        + " UNION ALL ".join(
            f"SELECT pack_id, quarter, {mature}, {passed}, {c} FROM review_quarters WHERE {c}"
            for c, (mature, passed) in _RETENTION_COLUMNS.items()
        )
    )
    _create_count_triggers_8(db)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migrate_to_1,
    2: _migrate_to_2,
    3: _migrate_to_3,
    4: _migrate_to_4,
    5: _migrate_to_5,
    6: _migrate_to_6,
    7: _migrate_to_7,
    8: _migrate_to_8,
}
"""Schema version -> the step that brings the previous version to it."""


_FIRST_REVIEWS = "SELECT min(id) FROM reviews WHERE cram = 0 {where} GROUP BY card_key"


def _count_reviews(db: sqlite3.Connection, key: str | None = None, sign: int = 1) -> None:
    """Add (`sign` 1) or take away (-1) the log's reviews, or one card's, to `review_counts`."""
    where, params = ("", ()) if key is None else ("AND card_key = ?", (key,))
    db.execute(
        f"""INSERT INTO review_counts
            SELECT substr(card_key, 1, instr(card_key, '/') - 1) AS pack, rating, cram,
                id IN ({_FIRST_REVIEWS.format(where=where)}) AS first,
                ? * count(*), ? * total(score), ? * count(score)
            FROM reviews WHERE 1 {where} GROUP BY pack, rating, cram, first
            ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews,
                score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored""",
        (*params, sign, sign, sign, *params),
    )
    db.execute("DELETE FROM review_counts WHERE reviews = 0")


def _count_review(
    db: sqlite3.Connection, key: str, rating: Rating, cram: bool, first: bool, score: float | None
) -> None:
    """Add one new review to `review_counts`."""
    db.execute(
        """INSERT INTO review_counts VALUES (?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT DO UPDATE SET reviews = reviews + 1,
                score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored""",
        (pack_of(key), rating.number, cram, first, score or 0.0, score is not None),
    )


# --- the store ----------------------------------------------------------------


def _enable_wal(connection: sqlite3.Connection) -> None:
    """Switch the database to WAL mode, waiting for other processes opening it too.

    Switching needs an exclusive lock and SQLite does not call the busy handler for
    it, so two `drill` processes creating a new database at once would otherwise see
    "database is locked". Once the file is in WAL mode the pragma takes no lock.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing database file.

    A WAL database needs its `-shm` index; in a folder that cannot be written and
    without one, SQLite can only read the file as immutable (nobody else writes there).
    """
    uri = path.resolve().as_uri()
    connection = sqlite3.connect(
        f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        connection.close()
        if os.access(path.parent, os.W_OK):
            raise
        connection = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
    connection.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
    return connection


def _newer_schema(path: Path, version: int) -> UserError:
    return UserError(
        f"{path}: the database has schema version {version}, newer than "
        f"this drillcards understands ({SCHEMA_VERSION}); upgrade drillcards"
    )


class Store:
    """An open connection to the database, with the operations drillcards needs."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, read_only: bool = False):
        self.db = connection
        self.path = path
        self.read_only = read_only
        """Opened read-only: writes fail (the catalog is then kept in temporary tables)."""

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> "Store":
        """Open (creating or migrating as needed) the database at `path`.

        `read_only` opens it for reading only and creates nothing: a database that does
        not exist yet is an empty one in memory. Errors are one-line `UserError`s.
        """
        if read_only:
            return cls._open_read_only(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UserError(
                f"{path.parent}: cannot create the folder: {describe_os_error(error, '')}"
            ) from None
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as error:
            raise database_failure(error, path) from None
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new database's only
            _enable_wal(connection)
            connection.execute("PRAGMA synchronous = FULL")
            store = cls(connection, path)
            store._migrate()
        except sqlite3.Error as error:
            connection.close()
            raise database_failure(error, path) from None
        except BaseException:
            connection.close()
            raise
        return store

    @classmethod
    def _open_read_only(cls, path: Path) -> "Store":
        if not path.exists():  # nothing stored yet: an empty database, created nowhere
            if path.parent.exists() and not path.parent.is_dir():
                raise UserError(f"{path.parent}: is a file, not a folder; check DRILL_HOME")
            store = cls(sqlite3.connect(":memory:", isolation_level=None), path)
            store._migrate()
            return store
        try:
            connection = _connect_read_only(path)
        except sqlite3.Error as error:
            raise database_failure(error, path) from None
        store = cls(connection, path, read_only=True)
        try:
            version = store.schema_version
        except sqlite3.Error as error:
            connection.close()
            raise database_failure(error, path) from None
        if version == SCHEMA_VERSION:
            return store
        connection.close()
        if version > SCHEMA_VERSION:
            raise _newer_schema(path, version)
        cls.open(path).close()  # an older schema: migrating it needs one write
        return cls._open_read_only(path)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (`BEGIN IMMEDIATE`), committed when the block ends.

        An SQLite error (locked past the busy timeout, disk full, read-only, damaged)
        rolls it back and becomes a one-line UserError.
        """
        try:
            self.db.execute("BEGIN" if self.read_only else "BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.Error as error:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise database_failure(error, self.path) from None

    def truncate_log(self) -> None:
        """Copy the write-ahead log into the database file and empty it, unless another
        connection is using it now (this never waits).

        Read-only connections cannot do this, and while one is open, closing a writer
        leaves the log behind: after a large write (a pack indexed for a read-only
        command) every later command that only reads would go through the whole log
        (60 MB for 100,000 questions, 20 ms) each time it opens the database.
        """
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def check_writable(self) -> None:
        """UserError unless reviews can be written now (permission, read-only, lock)."""
        probe = UserError("write probe")  # raised to roll the probe back
        try:
            with self.transaction() as db:
                db.execute("INSERT OR REPLACE INTO settings VALUES ('write-probe', '')")
                raise probe
        except UserError as error:
            if error is not probe:
                raise

    def shadow_catalog(self) -> None:
        """On a read-only database, copy the catalog into temporary tables of the same
        names, which hide the stored ones, so a stale catalog can be refreshed in memory."""
        for table in ("catalog_packs", "catalog_questions"):
            self.db.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {table} AS SELECT * FROM main.{table}"
            )

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.schema_version == SCHEMA_VERSION:
            return
        with self.transaction() as db:
            version = self.schema_version  # again: another process may have migrated
            if version > SCHEMA_VERSION:
                raise _newer_schema(self.path, version)
            for target in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[target](db)
                db.execute(f"PRAGMA user_version = {target}")

    # --- settings -------------------------------------------------------------

    def settings(self) -> SchedulerSettings:
        """The scheduler settings in force."""
        row = self.db.execute(
            "SELECT value FROM settings WHERE name = ?", (SCHEDULER_SETTINGS,)
        ).fetchone()
        if row is None:
            return SchedulerSettings()
        try:
            return SchedulerSettings.from_json_dict(json.loads(row[0]))
        except (ValueError, TypeError) as error:
            raise UserError(f"{self.path}: settings.{SCHEDULER_SETTINGS}: {error}") from None

    def save_settings(self, settings: SchedulerSettings) -> None:
        """Store new scheduler settings (they apply to reviews from now on)."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)",
                (SCHEDULER_SETTINGS, json.dumps(settings.to_json_dict())),
            )

    def scheduler(self) -> Scheduler:
        """A scheduler with the stored settings (and any pack's own desired retention)."""
        from drillcards.preferences import pack_retentions  # it imports this module

        by_pack = pack_retentions(self)
        if by_pack:
            return PackScheduler(self.settings(), by_pack)
        return Scheduler(self.settings())

    # --- cards and reviews ----------------------------------------------------

    def card(self, key: str) -> StoredCard | None:
        """The stored state of a card, None for a card never reviewed."""
        row = self.db.execute(f"SELECT {_CARD_COLUMNS} FROM cards WHERE key = ?", (key,)).fetchone()
        return _card_from_row(row) if row else None

    def record_review(
        self,
        scheduler: Scheduler,
        key: str,
        rating: Rating,
        when: datetime,
        *,
        score: float | None,
        answer: str,
        duration_ms: int,
        cram: bool = False,
    ) -> tuple[int, StoredCard | None]:
        """Log a review and update the card's state, in one transaction.

        Returns the review's id and the card's new state (for a practice-ahead review,
        which leaves the schedule alone, the card's unchanged state).
        """
        when = exact_instant(when)
        with self.transaction() as db:
            before = self.card(key)
            _count_review(db, key, rating, cram, not cram and before is None, score)
            if cram:
                review_id = _insert_review(db, key, when, rating, score, answer, duration_ms, None)
                db.execute("DELETE FROM drafts WHERE card_key = ?", (key,))
                return review_id, before
            reps = before.reps if before else 0
            state = scheduler.review(key, before.state if before else None, reps, rating, when)
            review_id = _insert_review(db, key, when, rating, score, answer, duration_ms, state)
            db.execute("DELETE FROM drafts WHERE card_key = ?", (key,))
            lapsed = before is not None and before.state.phase == Phase.REVIEW
            after = StoredCard(
                key=key,
                pack_id=pack_of(key),
                state=state,
                introduced=before.introduced if before else when,
                reps=reps + 1,
                lapses=(before.lapses if before else 0) + (lapsed and rating == Rating.AGAIN),
            )
            _write_cards(db, [after])
        return review_id, after

    def draft(self, key: str) -> str | None:
        """The answer last typed to a card and not yet rated; None if there is none."""
        row = self.db.execute("SELECT answer FROM drafts WHERE card_key = ?", (key,)).fetchone()
        return row[0] if row else None

    def save_draft(self, key: str, answer: str, when: datetime) -> None:
        """Keep the answer being typed to a card (an empty answer removes the draft).

        Recording the card's review removes its draft in the same transaction.
        """
        with self.transaction() as db:
            if answer:
                db.execute(
                    "INSERT OR REPLACE INTO drafts VALUES (?, ?, ?)", (key, answer, to_ms(when))
                )
            else:
                db.execute("DELETE FROM drafts WHERE card_key = ?", (key,))

    def remove_review(self, review_id: int) -> StoredCard | None:
        """Undo: delete one review and restore its card's state by replaying the card's
        remaining log with the scheduler in force (the log keeps no memory states: the
        same reviews and settings always give the same states, see `scheduler.py`).

        Returns the card's restored state (None when it is new again).
        """
        with self.transaction() as db:
            row = db.execute("SELECT card_key FROM reviews WHERE id = ?", (review_id,)).fetchone()
            if row is None:
                raise UserError(f"no review with id {review_id}")
            key = row[0]
            _count_reviews(db, key, -1)
            db.execute("DELETE FROM review_log WHERE id = ?", (review_id,))
            _count_reviews(db, key)
            rows = db.execute(
                "SELECT reviewed_at, rating FROM reviews WHERE card_key = ? AND cram = 0 "
                "ORDER BY id",
                (key,),
            ).fetchall()
            history = _replayed(self.scheduler(), key, rows)
            if not history:
                db.execute("DELETE FROM cards WHERE key = ?", (key,))
                return None
            card = _card_from_history(key, history)
            _write_cards(db, [card])
        return card

    def reviews_of(self, key: str) -> list[Review]:
        """Every logged review of one card, oldest first."""
        rows = self.db.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE card_key = ? ORDER BY id", (key,)
        )
        return [_review_from_row(row) for row in rows]

    def review_count(self) -> int:
        """How many reviews the log holds."""
        return int(self.db.execute("SELECT count(*) FROM review_log").fetchone()[0])

    def replay_cards(self, scheduler: Scheduler) -> list[StoredCard]:
        """Every reviewed card's state, computed by replaying the review log."""
        rows = self.db.execute(
            f"SELECT k.key, r.reviewed_at, r.rating FROM {LOG_BY_CARD} "
            "WHERE r.cram = 0 ORDER BY r.card, r.id"
        )
        return [
            _card_from_history(key, _replayed(scheduler, key, (row[1:] for row in card_rows)))
            for key, card_rows in groupby(rows, key=itemgetter(0))
        ]

    def rebuild_cards(self, scheduler: Scheduler) -> int:
        """Replace the `cards` table by a replay of the review log, and recount the review
        totals; returns the card count.

        The phases and due times logged with each review are left as they are.
        """
        with self.transaction() as db:
            cards = self.replay_cards(scheduler)
            db.execute("DELETE FROM cards")
            _write_cards(db, cards)
            db.execute("DELETE FROM review_counts")
            _count_reviews(db)
        return len(cards)

    def recount_reviews(self) -> None:
        """Recount `review_counts` from the whole log (after writing reviews in bulk)."""
        with self.transaction() as db:
            db.execute("DELETE FROM review_counts")
            _count_reviews(db)

    def cards_differing_from_log(self, scheduler: Scheduler) -> list[str]:
        """Keys of the cards whose stored state is not what replaying the log gives."""
        with self.transaction():  # one consistent view of both tables
            replayed = {card.key: card for card in self.replay_cards(scheduler)}
            stored = {
                row[0]: _card_from_row(row)
                for row in self.db.execute(f"SELECT {_CARD_COLUMNS} FROM cards")
            }
        return sorted(
            key for key in replayed.keys() | stored.keys() if replayed.get(key) != stored.get(key)
        )

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity check finds wrong with the database file (empty: none)."""
        rows = [row[0] for row in self.db.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows


def _replayed(
    scheduler: Scheduler, key: str, reviews: Iterable[tuple[int, int]]
) -> list[tuple[datetime, Rating, CardState]]:
    """Card `key`'s history (time, rating, state after) from its scheduling reviews (time
    in ms, rating number), oldest first, with the states `scheduler` computes."""
    history: list[tuple[datetime, Rating, CardState]] = []
    for reviewed_at, number in reviews:
        when, rating = from_ms(reviewed_at), Rating.from_number(number)
        previous = history[-1][2] if history else None
        history.append((when, rating, scheduler.review(key, previous, len(history), rating, when)))
    return history


def _card_from_history(key: str, history: list[tuple[datetime, Rating, CardState]]) -> StoredCard:
    lapses = 0
    previous: Phase | None = None
    for _, rating, state in history:
        if rating == Rating.AGAIN and previous == Phase.REVIEW:
            lapses += 1
        previous = state.phase
    return StoredCard(
        key=key,
        pack_id=pack_of(key),
        state=history[-1][2],
        introduced=history[0][0],
        reps=len(history),
        lapses=lapses,
    )


_CARD_COLUMNS = (
    "key, pack_id, state, step, stability, difficulty, due, last_review, introduced, reps, lapses"
)
_REVIEW_COLUMNS = "id, card_key, reviewed_at, rating, score, answer, duration_ms, cram, state, due"


def _card_from_row(row: tuple[Any, ...]) -> StoredCard:
    key, pack_id, phase, step, stability, difficulty, due, last_review = row[:8]
    introduced, reps, lapses = row[8:]
    return StoredCard(
        key=key,
        pack_id=pack_id,
        state=CardState(
            Phase(phase), step, stability, difficulty, from_ms(due), from_ms(last_review)
        ),
        introduced=from_ms(introduced),
        reps=reps,
        lapses=lapses,
    )


def _review_from_row(row: tuple[Any, ...]) -> Review:
    review_id, key, reviewed_at, rating, score, answer, duration_ms, cram, phase, due = row
    return Review(
        id=review_id,
        card_key=key,
        reviewed_at=from_ms(reviewed_at),
        rating=Rating.from_number(rating),
        score=score,
        answer=answer_text(answer),
        duration_ms=duration_ms,
        cram=bool(cram),
        phase=None if phase is None else Phase(phase),
        due=None if due is None else from_ms(due),
    )


def _insert_review(
    db: sqlite3.Connection,
    key: str,
    when: datetime,
    rating: Rating,
    score: float | None,
    answer: str,
    duration_ms: int,
    state: CardState | None,
) -> int:
    """Append one review; `state` is the card's state after it, None for practice ahead."""
    reviewed_at = to_ms(when)
    due_after = None if state is None else _due_after(to_ms(state.due), reviewed_at)
    db.execute("INSERT OR IGNORE INTO card_keys (key) VALUES (?)", (key,))
    (card,) = db.execute("SELECT id FROM card_keys WHERE key = ?", (key,)).fetchone()
    cursor = db.execute(
        f"INSERT INTO review_log (card, {_LOG_8_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            card,
            reviewed_at,
            _kind(rating, state),
            duration_ms,
            due_after,
            _stored_score(score),
            stored_answer(answer),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _write_cards(db: sqlite3.Connection, cards: Iterable[StoredCard]) -> None:
    db.executemany(
        f"INSERT OR REPLACE INTO cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                card.key,
                card.pack_id,
                card.state.phase.value,
                card.state.step,
                card.state.stability,
                card.state.difficulty,
                to_ms(card.state.due),
                to_ms(card.state.last_review),
                to_ms(card.introduced),
                card.reps,
                card.lapses,
            )
            for card in cards
        ),
    )


# --- queries about scheduled cards ----------------------------------------------
# A card is scheduled when its question is in the catalog: a question removed from its
# pack keeps its history in the log, but is no longer due. A suspended card is never
# queued. `matching` restricts the questions by tag and category.

_NOT_SUSPENDED = "NOT EXISTS (SELECT 1 FROM card_flags AS f WHERE f.key = q.key AND f.suspended)"


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join('?' * len(values))})"


def _matching(matching: "CardFilter | None") -> tuple[str, list[str]]:
    return matching.sql("q") if matching else ("1", [])


def due_cards(
    store: Store,
    now: datetime,
    pack_ids: Sequence[str],
    limit: int | None = None,
    matching: "CardFilter | None" = None,
) -> list[tuple[str, int]]:
    """Keys and due times (epoch ms) of the cards due at `now`, lowest retrievability first.

    Retrievability falls as the time since the last review grows relative to the
    card's stability, so cards are ordered by that ratio, largest first.
    """
    if not pack_ids:
        return []
    condition, params = _matching(matching)
    rows = store.db.execute(
        "SELECT c.key, c.due FROM cards AS c JOIN catalog_questions AS q ON q.key = c.key "
        f"WHERE c.due <= ? AND {_in('c.pack_id', pack_ids)} AND {_NOT_SUSPENDED} "
        f"AND {condition} "
        "ORDER BY (? - c.last_review) / c.stability DESC, c.due, c.key LIMIT ?",
        (to_ms(now), *pack_ids, *params, to_ms(now), -1 if limit is None else limit),
    )
    return rows.fetchall()


def first_due(
    store: Store,
    now: datetime,
    pack_ids: Sequence[str],
    matching: "CardFilter | None" = None,
) -> tuple[int, tuple[str, int] | None]:
    """How many cards are due at `now` (as `due_count`) and the first of them in
    `due_cards`' order (None when none is), in one read of the cards: what a session
    shows first, sooner than the whole list.

    The cards table is scanned (`+` keeps SQLite off its (pack, due) index): when many
    cards are due, reading it in order is faster than looking each of them up. The
    count is a window over the due cards, taken before the sort keeps the first, so
    they are read once (counted in a subquery of a `WITH`, they were read twice: 35 ms
    against 24 at 100k cards, 20k due).
    """
    if not pack_ids:
        return 0, None
    condition, params = _matching(matching)
    row = store.db.execute(
        "SELECT count(*) OVER (), c.key, c.due FROM cards AS c "
        "JOIN catalog_questions AS q ON q.key = c.key "
        f"WHERE +c.due <= ? AND {_in('+c.pack_id', pack_ids)} AND {_NOT_SUSPENDED} "
        f"AND {condition} "
        "ORDER BY (? - c.last_review) / c.stability DESC, c.due, c.key LIMIT 1",
        (to_ms(now), *pack_ids, *params, to_ms(now)),
    ).fetchone()
    return (0, None) if row is None else (int(row[0]), (row[1], row[2]))


def due_count(
    store: Store,
    now: datetime,
    pack_ids: Sequence[str],
    matching: "CardFilter | None" = None,
) -> int:
    """How many scheduled cards of these packs are due at `now` (suspended ones are not):
    as many as `due_cards` lists, without reading or sorting them."""
    if not pack_ids:
        return 0
    condition, params = _matching(matching)
    row = store.db.execute(
        "SELECT count(*) FROM cards AS c JOIN catalog_questions AS q ON q.key = c.key "
        f"WHERE c.due <= ? AND {_in('c.pack_id', pack_ids)} AND {_NOT_SUSPENDED} "
        f"AND {condition}",
        (to_ms(now), *pack_ids, *params),
    ).fetchone()
    return int(row[0])


def practice_cards(
    store: Store,
    now: datetime,
    pack_ids: Sequence[str],
    limit: int | None = None,
    matching: "CardFilter | None" = None,
) -> list[tuple[str, int]]:
    """Keys and due times (epoch ms) of every scheduled card, lowest retrievability first."""
    if not pack_ids:
        return []
    condition, params = _matching(matching)
    rows = store.db.execute(
        "SELECT c.key, c.due FROM cards AS c JOIN catalog_questions AS q ON q.key = c.key "
        f"WHERE {_in('c.pack_id', pack_ids)} AND {_NOT_SUSPENDED} AND {condition} "
        "ORDER BY (? - c.last_review) / c.stability DESC, c.due, c.key LIMIT ?",
        (*pack_ids, *params, to_ms(now), -1 if limit is None else limit),
    )
    return rows.fetchall()


def new_cards(
    store: Store, pack_id: str, limit: int, matching: "CardFilter | None" = None
) -> list[str]:
    """Keys of up to `limit` never-reviewed questions of a pack, in pack order."""
    condition, params = _matching(matching)
    rows = store.db.execute(
        "SELECT q.key FROM catalog_questions AS q WHERE q.pack_id = ? "
        "AND NOT EXISTS (SELECT 1 FROM cards AS c WHERE c.key = q.key) "
        f"AND {_NOT_SUSPENDED} AND {condition} "
        "ORDER BY q.position LIMIT ?",
        (pack_id, *params, limit),
    )
    return [key for (key,) in rows]


def introduced_since(store: Store, moment: datetime, pack_ids: Sequence[str] | None) -> int:
    """How many cards of these packs (None: of any pack) had their first review at or
    after `moment`."""
    if pack_ids is None:
        row = store.db.execute(
            "SELECT count(*) FROM cards WHERE introduced >= ?", (to_ms(moment),)
        ).fetchone()
        return int(row[0])
    if not pack_ids:
        return 0
    row = store.db.execute(
        f"SELECT count(*) FROM cards WHERE introduced >= ? AND {_in('pack_id', pack_ids)}",
        (to_ms(moment), *pack_ids),
    ).fetchone()
    return int(row[0])


def next_due(
    store: Store,
    after: datetime,
    pack_ids: Sequence[str],
    matching: "CardFilter | None" = None,
) -> tuple[datetime, int] | None:
    """When the next scheduled card falls due after `after`, and how many fall due in the
    study day from then on; None when no card is scheduled."""
    if not pack_ids:
        return None
    condition, params = _matching(matching)
    join = "FROM cards AS c JOIN catalog_questions AS q ON q.key = c.key"
    packs = f"{_in('c.pack_id', pack_ids)} AND {_NOT_SUSPENDED} AND {condition}"
    first = store.db.execute(
        f"SELECT min(c.due) {join} WHERE c.due > ? AND {packs}", (to_ms(after), *pack_ids, *params)
    ).fetchone()[0]
    if first is None:
        return None
    first_due = from_ms(first)
    day_end = study_day_start(first_due) + timedelta(days=1)
    count = store.db.execute(
        f"SELECT count(*) {join} WHERE c.due >= ? AND c.due < ? AND {packs}",
        (first, to_ms(day_end), *pack_ids, *params),
    ).fetchone()[0]
    return first_due, int(count)
