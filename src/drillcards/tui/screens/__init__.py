"""The screens of the drill app, one per file."""
