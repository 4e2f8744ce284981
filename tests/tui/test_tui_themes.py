"""The light theme's contrast, and the theme chosen last coming back at the next start."""

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme
from tui_helpers import settle

from drillcards.tui.app import DrillApp
from drillcards.tui.themes import DRILL_LIGHT, LIGHT_THEME, SETTINGS_FILE, saved_theme

AppFactory = Callable[..., DrillApp]

TEXT_COLOURS = ["foreground", "text-muted", "text-primary", "text-success", "text-error"]
TEXT_COLOURS += ["text-warning", "accent", "footer-key-foreground"]
"""Variables the stylesheet uses for text (the brand in the header is `accent`)."""


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        scaled = value / 255
        return scaled / 12.92 if scaled <= 0.03928 else ((scaled + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def _contrast(theme: Theme, text: str, background: str) -> float:
    """WCAG contrast ratio of the theme's `text` colour drawn on its `background`."""
    variables = theme.to_color_system().generate()
    behind = Color.parse(variables[background])
    value = variables[text]
    if value.startswith("auto"):  # "auto 60%": the contrasting colour at that alpha
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        colour = behind.get_contrast_text(alpha)
    else:
        colour = Color.parse(value)
    lighter, darker = sorted([_luminance(behind + colour), _luminance(behind)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("background", ["background", "surface", "panel"])
@pytest.mark.parametrize("text", TEXT_COLOURS)
def test_light_theme_text_reaches_wcag_aa(text: str, background: str) -> None:
    assert _contrast(DRILL_LIGHT, text, background) >= 4.5


def test_textual_light_was_too_pale() -> None:
    """Why drillcards has its own light theme: the orange accent on light grey."""
    assert _contrast(BUILTIN_THEMES["textual-light"], "accent", "panel") < 2


@pytest.mark.asyncio
async def test_the_chosen_theme_is_remembered(make_app: AppFactory, installed: Path) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.theme == LIGHT_THEME
    assert saved_theme(installed) == LIGHT_THEME
    again = make_app()
    async with again.run_test() as pilot:
        await settle(pilot)
        assert again.theme == LIGHT_THEME and not again.current_theme.dark


@pytest.mark.asyncio
async def test_an_unreadable_or_unknown_saved_theme_is_ignored(
    make_app: AppFactory, installed: Path
) -> None:
    (installed / SETTINGS_FILE).write_text('{"theme": "no-such-theme"}')
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.current_theme.dark
    (installed / SETTINGS_FILE).write_text("not json")
    assert saved_theme(installed) is None


def _looks(app: DrillApp) -> tuple[object, ...]:
    """What the theme decides: the app's classes, CSS variables, ANSI colour mapping and
    the colours of the answer editor."""
    editor = app.screen.query_one("#answer")
    return (
        set(app.classes),
        app.theme_variables,
        app.ansi_theme,
        editor.styles.background,
        editor.styles.color,
        editor.styles.border,
    )


@pytest.mark.asyncio
async def test_a_saved_theme_is_in_place_before_any_css_is_parsed(
    make_app: AppFactory, installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting in the saved light theme looks as switching to it does, without the
    re-parse of every stylesheet (`refresh_css`) that setting it once started costs."""
    switched = make_app()
    async with switched.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        expected = _looks(switched)
    refreshes: list[DrillApp] = []
    refresh_css = DrillApp.refresh_css
    monkeypatch.setattr(
        DrillApp, "refresh_css", lambda app, **kw: (refreshes.append(app), refresh_css(app, **kw))
    )
    restarted = make_app()
    async with restarted.run_test() as pilot:
        await settle(pilot)
        assert _looks(restarted) == expected
    assert refreshes == []
