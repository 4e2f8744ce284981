"""Exceptions shared by the domain; the CLI turns them into exit status 1."""


class UserError(Exception):
    """A problem caused by the user's input: reported as one line, no traceback."""
