"""Widgets of the drill screens, one per file."""
