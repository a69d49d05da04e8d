"""What can go wrong with the sales journal, sorted into what the cashier is told."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class JournalError(Exception):
    """The journal cannot be read or written; nothing was sent because of it.

    `reason` is "damaged" (not a usable SQLite journal), "newer" (written by a newer till),
    "read_only", "locked" (another program holds it) or "unavailable" (anything else: a
    missing folder, a full disk). `message` says it in plain English for the log; the UI words
    it for the cashier by `reason`. `moved_to` is where a damaged file was put aside.
    """

    def __init__(self, reason: str, message: str, *, moved_to: Path | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.moved_to = moved_to


def classify(exc: BaseException) -> str:
    """Which JournalError reason an sqlite3 (or OS) error is."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "locked"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "read_only"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "damaged"
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return "damaged"
    if isinstance(exc, ValueError | ArithmeticError):  # a row no till could have written
        return "damaged"
    return "unavailable"


def journal_error(exc: BaseException, path: Path) -> JournalError:
    """A JournalError for `exc` met while using the journal at `path`."""
    if isinstance(exc, JournalError):
        return exc
    return JournalError(classify(exc), f"sales journal {path}: {type(exc).__name__}: {exc}")


__all__ = ["JournalError", "classify", "journal_error"]
