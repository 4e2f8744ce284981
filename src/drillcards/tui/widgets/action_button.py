"""The app's buttons: Textual's compact `Button`, with only the CSS that they use."""

from typing import Literal

from textual.content import Content
from textual.widgets import Button

ActionVariant = Literal["default", "primary", "error"]
"""The variants the app's buttons come in (Submit is primary, Quit is error)."""


class ActionButton(Button, inherit_css=False):
    """A compact button (one line, no border) in the default, primary or error variant.

    A `Button` in everything it does (focus, enter and click press it, it posts
    `Button.Pressed`), but styled by the rules below rather than Button's 7 KB of CSS for
    every variant and style (flat, bordered, ANSI colours): parsing those was ~5-8 ms of
    the first question's paint, for its two buttons. The rules are Button's own for a
    compact button in these variants (Textual 8.2.8); drillcards never runs in ANSI
    colour mode, so Button's `:ansi` rules are left out.
    """

    DEFAULT_CSS = """
    ActionButton {
        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        text-style: bold;
        color: $button-foreground;
        background: $surface;
        border: none;

        &:disabled {
            text-opacity: 0.6;
            pointer: not-allowed;
        }
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover {
            background: $surface-darken-1;
        }
        &.-active {
            background: $surface;
            tint: $background 30%;
        }
        &.-primary {
            color: $button-color-foreground;
            background: $primary;
            &:hover {
                background: $primary-darken-2;
            }
            &.-active {
                background: $primary;
            }
        }
        &.-error {
            color: $button-color-foreground;
            background: $error;
            &:hover {
                background: $error-darken-1;
            }
            &.-active {
                background: $error;
            }
        }
    }
    """

    def __init__(self, label: str, *, id: str, variant: ActionVariant = "default") -> None:
        """A button showing `label` as plain text (never markup)."""
        super().__init__(Content(label), id=id, variant=variant, compact=True)
