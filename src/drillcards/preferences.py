"""The user's study settings (`drill config`), global and per pack, in the settings table.

- `new_per_day`: new cards introduced per study day. The global value counts the new
  cards of every pack together, so switching packs does not get around it; a pack's
  own value caps that pack's share within it.
- `desired_retention`: the probability of recall reviews are scheduled for. The global
  value lives in the scheduler settings row; a pack's own value applies to its cards.
- `leech_threshold`: lapses that make a card a leech (tagged and suspended, as in
  Anki); it is said again at every further half of the threshold.

Global values are one JSON row (`preferences`); each pack with values of its own has a
row `pack:<id>` holding only those values.
"""

import json
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from drillcards.errors import UserError

if TYPE_CHECKING:
    from drillcards.store import Store

GLOBAL_ROW = "preferences"
PACK_ROW_PREFIX = "pack:"

DEFAULT_NEW_PER_DAY = 10
DEFAULT_LEECH_THRESHOLD = 8


@dataclass(frozen=True)
class Preferences:
    """The settings in force for one pack (or, globally, for all)."""

    new_per_day: int = DEFAULT_NEW_PER_DAY
    desired_retention: float = 0.9
    leech_threshold: int = DEFAULT_LEECH_THRESHOLD


SETTING_NAMES: tuple[str, ...] = tuple(field.name for field in fields(Preferences))
"""The names `drill config` accepts (with `-` or `_`)."""


def parse_value(name: str, text: str) -> int | float:
    """The value of setting `name` typed as `text`; UserError when it is out of range."""
    try:
        if name == "desired_retention":
            value: int | float = float(text)
            if not 0.5 <= value < 1:
                raise ValueError
            return value
        value = int(text)
    except ValueError:
        ranges = {
            "desired_retention": "a number from 0.5 to below 1 (e.g. 0.9)",
            "new_per_day": "a whole number, 0 or more",
            "leech_threshold": "a whole number, 1 or more",
        }
        raise UserError(f"{setting_label(name)}: {text!r} is not {ranges[name]}") from None
    if name == "new_per_day" and value < 0:
        raise UserError(f"{setting_label(name)}: must be 0 or more")
    if name == "leech_threshold" and value < 1:
        raise UserError(f"{setting_label(name)}: must be 1 or more")
    return value


def setting_name(text: str) -> str:
    """The setting a user typed (`new-per-day` or `new_per_day`); UserError if unknown."""
    name = text.strip().lower().replace("-", "_")
    if name not in SETTING_NAMES:
        known = ", ".join(setting_label(known) for known in SETTING_NAMES)
        raise UserError(f"unknown setting {text!r} (settings: {known})")
    return name


def setting_label(name: str) -> str:
    """A setting's name as the command line spells it (`new-per-day`)."""
    return name.replace("_", "-")


def _row(store: "Store", name: str) -> dict[str, Any]:
    found = store.db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
    if found is None:
        return {}
    try:
        data = json.loads(found[0])
        if not isinstance(data, dict):
            raise ValueError("not a mapping")
    except ValueError as error:
        raise UserError(f"{store.path}: settings.{name}: {error}") from None
    return data


def global_preferences(store: "Store") -> Preferences:
    """The global settings."""
    data = _row(store, GLOBAL_ROW)
    return Preferences(
        new_per_day=int(data.get("new_per_day", DEFAULT_NEW_PER_DAY)),
        desired_retention=store.settings().desired_retention,
        leech_threshold=int(data.get("leech_threshold", DEFAULT_LEECH_THRESHOLD)),
    )


def pack_overrides(store: "Store", pack_id: str) -> dict[str, int | float]:
    """The settings a pack has of its own (name -> value); empty when none."""
    data = _row(store, PACK_ROW_PREFIX + pack_id)
    return {name: data[name] for name in SETTING_NAMES if name in data}


def packs_with_overrides(store: "Store") -> dict[str, dict[str, int | float]]:
    """Every pack that has settings of its own, with them, by pack id."""
    rows = store.db.execute(
        "SELECT substr(name, ?) FROM settings WHERE name LIKE ? ORDER BY name",
        (len(PACK_ROW_PREFIX) + 1, PACK_ROW_PREFIX + "%"),
    ).fetchall()
    return {pack_id: pack_overrides(store, pack_id) for (pack_id,) in rows}


def pack_preferences(store: "Store", pack_id: str) -> Preferences:
    """The settings in force for one pack: its own, else the global ones."""
    return replace(global_preferences(store), **pack_overrides(store, pack_id))


def pack_retentions(store: "Store") -> dict[str, float]:
    """Packs with a desired retention of their own, and that retention."""
    return {
        pack_id: float(values["desired_retention"])
        for pack_id, values in packs_with_overrides(store).items()
        if "desired_retention" in values
    }


def set_preference(store: "Store", name: str, value: int | float, pack_id: str | None) -> None:
    """Store one setting, globally (pack_id None) or for one pack."""
    if pack_id is None and name == "desired_retention":
        store.save_settings(replace(store.settings(), desired_retention=float(value)))
        return
    row = GLOBAL_ROW if pack_id is None else PACK_ROW_PREFIX + pack_id
    data = _row(store, row)
    data[name] = value
    with store.transaction() as db:
        db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (row, json.dumps(data)))


def reset_preference(store: "Store", name: str | None, pack_id: str | None) -> None:
    """Forget one setting (or, with name None, all) of a pack, or globally; defaults apply."""
    if pack_id is None:
        names = SETTING_NAMES if name is None else (name,)
        if "desired_retention" in names:
            default = Preferences().desired_retention
            store.save_settings(replace(store.settings(), desired_retention=default))
        data = {key: value for key, value in _row(store, GLOBAL_ROW).items() if key not in names}
        row = GLOBAL_ROW
    else:
        row = PACK_ROW_PREFIX + pack_id
        data = {} if name is None else _row(store, row)
        data.pop(name or "", None)
    with store.transaction() as db:
        if data:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (row, json.dumps(data)))
        else:
            db.execute("DELETE FROM settings WHERE name = ?", (row,))
