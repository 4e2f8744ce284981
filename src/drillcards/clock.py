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
        # The example is built from what was parsed, not from the text: a date with an
        # offset ("2026-12-20+00:00") parses as a date alone and needs a time too.
        example = value.replace(tzinfo=UTC).isoformat()
        raise UserError(f"{name}: the timestamp needs a time and a time zone, e.g. {example}")
    return value.astimezone(UTC)
