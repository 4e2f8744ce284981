"""The app's themes, and the one the user chose last, remembered in `DRILL_HOME`.

The light theme is drillcards' own: Textual's `textual-light` puts an orange accent and
a pale green on light grey, below the WCAG AA contrast of 4.5:1 for text. Every colour
here reaches it on the light background and on the panel.
"""

import json
from pathlib import Path

from textual.theme import Theme

DARK_THEME = "textual-dark"
LIGHT_THEME = "drill-light"
SETTINGS_FILE = "tui-settings.json"
"""In `DRILL_HOME`: the full-screen app's preferences (only the theme, for now)."""

DRILL_LIGHT = Theme(
    name=LIGHT_THEME,
    primary="#0B4F8A",
    secondary="#0B5CAD",
    accent="#8F4400",
    warning="#7A5200",
    error="#B3261E",
    success="#1B6B2A",
    foreground="#1A1A1A",
    background="#F4F4F4",
    surface="#FFFFFF",
    panel="#E2E2E2",
    dark=False,
    variables={
        "text-muted": "#505050",
        "footer-key-foreground": "#0B4F8A",
        "footer-description-foreground": "#1A1A1A",
    },
)


def saved_theme(home: Path) -> str | None:
    """The theme saved in `home`, or None (none saved, or the file is unreadable)."""
    try:
        settings = json.loads((home / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    theme = settings.get("theme") if isinstance(settings, dict) else None
    return theme if isinstance(theme, str) else None


def save_theme(home: Path, theme: str) -> None:
    """Remember `theme` in `home` for the next start; a failure to write is ignored (the
    theme is a convenience, never worth an error in the middle of a drill)."""
    path = home / SETTINGS_FILE
    try:
        home.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"theme": theme}) + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass
