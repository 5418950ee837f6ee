"""The errors the command line reports as one line, with their exit codes."""

from __future__ import annotations


class GeneratorError(Exception):
    """An error meant for the user: the command line prints its message alone and exits non-zero."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(GeneratorError):
    """The command was called wrongly (a bad option, answer or path): exit status 2."""

    exit_code = 2


class Aborted(GeneratorError):
    """The user pressed Ctrl-C: exit status 130, as shells do."""

    exit_code = 130
