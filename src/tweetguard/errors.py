"""Errors raised by tweetguard.

The tree::

    TweetguardError            anything tweetguard refuses, with a message for people
    ├── PolicyError            a policy file that cannot be read, parsed or validated
    ├── DraftError             a draft that cannot be read or validated
    └── InputError             an input file or stream that cannot be read (not UTF-8, missing)

Every error carries ``where`` (a file name, a line, a key path) so the CLI can say what and
where; the CLI turns each into exit status 2.
"""

from __future__ import annotations


class TweetguardError(Exception):
    """Base class: bad input that tweetguard refuses with a clear message."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class PolicyError(TweetguardError):
    """A policy file that cannot be read, parsed or validated."""


class DraftError(TweetguardError):
    """A draft that is not valid (wrong JSON shape, wrong types, too long)."""


class InputError(TweetguardError):
    """An input that cannot be read at all (missing file, not UTF-8)."""
