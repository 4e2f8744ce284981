"""The interview-date plan (`drill plan --by DATE`): every question seen before the
date, and reviewed close to it.

One plan at a time is kept (the `plan` table): the date and the packs it covers (None:
every pack). Each study day before the date, sessions on a planned pack follow it:

- **new cards**: each planned pack's target for the day is ceil(unseen / days left),
  where unseen counts the pack's never-reviewed questions at the start of the day (those
  introduced today count as unseen for this), and days left counts
  the study days from today to the day before the interview. This replaces the daily
  limit of new cards (`--new`) for the planned packs, so every question is seen once
  by the eve of the interview.
- **reviews close to the date**: in the last `FINAL_DAYS` days before the date, cards
  whose next due falls after the interview and that were not reviewed in those days are
  brought forward: ceil(such cards / days left) of them join the day's due cards,
  lowest retrievability first (those brought forward earlier today count towards it).

On and after the interview date the plan no longer changes sessions.
"""

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from drillcards.errors import UserError
from drillcards.scheduler import study_day_start
from drillcards.store import Store, from_ms, to_ms

FINAL_DAYS = 3
"""Days before the interview in which cards due after it are brought forward."""


@dataclass(frozen=True)
class Plan:
    """The stored plan."""

    by: date
    """The interview date."""
    packs: tuple[str, ...] | None
    """The packs planned for; None for every pack."""
    created_at: datetime


@dataclass(frozen=True)
class PlanDay:
    """What the plan asks of today, for some packs."""

    plan: Plan
    pack_ids: tuple[str, ...]
    """The planned packs among those asked about."""
    days_left: int
    """Study days left before the interview, today included (0 on or after the date)."""
    unseen: int
    """Never-reviewed questions of the planned packs, now."""
    new_target: int
    """New cards to introduce today."""
    new_done: int
    """Cards of the planned packs introduced today so far."""
    bring_forward: tuple[tuple[str, int], ...]
    """Keys and due times (epoch ms) of the cards brought forward today."""

    @property
    def new_left(self) -> int:
        """New cards still to introduce today."""
        return max(0, self.new_target - self.new_done)


def parse_date(text: str) -> date:
    """A plan date given as YYYY-MM-DD; a UserError otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"--by: not a date: {text!r} (use YYYY-MM-DD, e.g. 2026-12-20)") from None


def save_plan(store: Store, by: date, packs: Sequence[str] | None, now: datetime) -> Plan:
    """Replace the plan; the date must be after today."""
    if by <= today(now):
        raise UserError(f"--by: {by.isoformat()} is not after today ({today(now).isoformat()})")
    stored = json.dumps(list(packs)) if packs else None
    with store.transaction() as db:
        db.execute(
            "INSERT OR REPLACE INTO plan VALUES (1, ?, ?, ?)", (by.isoformat(), stored, to_ms(now))
        )
    return Plan(by, tuple(packs) if packs else None, now)


def load_plan(store: Store) -> Plan | None:
    """The plan, None when there is none."""
    row = store.db.execute("SELECT by_date, packs, created_at FROM plan WHERE id = 1").fetchone()
    if row is None:
        return None
    by, packs, created_at = row
    return Plan(
        date.fromisoformat(by), tuple(json.loads(packs)) if packs else None, from_ms(created_at)
    )


def clear_plan(store: Store) -> bool:
    """Remove the plan; False when there was none."""
    with store.transaction() as db:
        return db.execute("DELETE FROM plan").rowcount > 0


def today(now: datetime) -> date:
    """The local date of the study day holding `now`."""
    return study_day_start(now).astimezone().date()


def plan_day(
    store: Store, now: datetime, pack_ids: Sequence[str], *, reviews: bool = True
) -> PlanDay | None:
    """What the plan asks today of the planned packs among `pack_ids`; None when no plan
    covers any of them. `reviews=False` leaves `bring_forward` empty (faster)."""
    plan = load_plan(store)
    if plan is None:
        return None
    planned = tuple(p for p in pack_ids if plan.packs is None or p in plan.packs)
    if not planned:
        return None
    marks = ", ".join("?" * len(planned))
    day_start = study_day_start(now)
    unseen, introduced = store.db.execute(
        "SELECT SUM(c.key IS NULL), SUM(c.introduced >= ?) FROM catalog_questions AS q"
        f" LEFT JOIN cards AS c ON c.key = q.key WHERE q.pack_id IN ({marks})",
        (to_ms(day_start), *planned),
    ).fetchone()
    unseen, introduced = unseen or 0, introduced or 0
    days_left = max(0, (plan.by - today(now)).days)
    target = math.ceil((unseen + introduced) / days_left) if days_left else 0
    forward: tuple[tuple[str, int], ...] = ()
    if reviews and 0 < days_left <= FINAL_DAYS:
        window_start = day_start - timedelta(days=FINAL_DAYS - days_left)
        interview_start = day_start + timedelta(days=days_left)
        join = "FROM cards AS c JOIN catalog_questions AS q ON q.key = c.key"
        late = f"c.pack_id IN ({marks}) AND c.due >= ? AND c.last_review < ?"
        late_args = (*planned, to_ms(interview_start), to_ms(window_start))
        late_count = store.db.execute(f"SELECT count(*) {join} WHERE {late}", late_args)
        done_today = store.db.execute(
            f"SELECT count(*) FROM cards WHERE pack_id IN ({marks}) AND due >= ?"
            " AND last_review >= ? AND introduced < ?",
            (*planned, to_ms(interview_start), to_ms(day_start), to_ms(day_start)),
        ).fetchone()[0]
        quota = math.ceil((late_count.fetchone()[0] + done_today) / days_left) - done_today
        if quota > 0:
            forward = tuple(
                store.db.execute(
                    f"SELECT c.key, c.due {join} WHERE {late}"
                    " ORDER BY (? - c.last_review) / c.stability DESC, c.key LIMIT ?",
                    (*late_args, to_ms(now), quota),
                ).fetchall()
            )
    return PlanDay(plan, planned, days_left, unseen, target, introduced, forward)
