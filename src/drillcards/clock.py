"""The one clock of drillcards: UTC now, or the time `DRILL_NOW` fixes."""

import os
from datetime import UTC, datetime

from drillcards.errors import UserError


def now() -> datetime:
    """The current time as an aware UTC datetime, honouring `DRILL_NOW`."""
    fixed = os.environ.get("DRILL_NOW")
    if not fixed:
        return datetime.now(UTC)
    return parse_instant(fixed, "DRILL_NOW")


def parse_instant(text: str, name: str) -> datetime:
    """Parse an ISO-8601 timestamp that carries a time zone, as UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"{name}: not an ISO-8601 timestamp: {text!r} (e.g. 2026-12-01T09:00:00+00:00)"
        ) from None
    if value.tzinfo is None:
        raise UserError(f"{name}: the timestamp needs a time zone, e.g. {text}+00:00")
    return value.astimezone(UTC)
