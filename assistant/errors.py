"""Errors a user can fix: the CLI prints the message as one line and exits non-zero."""


class UserError(Exception):
    """Something in the user's input, config or machine is wrong; the message says how to fix it."""
