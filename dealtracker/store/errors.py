"""What the store tells a person when it cannot work: one line, the URL with its password masked, a reason.

The CLI prints it and exits 2; the app shows it and stops. Neither shows a traceback: a traceback names server
paths and, for some drivers, the connection string, while the person only needs to know which setting to fix.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

EXPECTED = "sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DATABASE"
# A password wherever make_url cannot find it: "scheme://user:password@", "password=..." in a query or DSN.
_USERINFO = re.compile(r"(://[^:/@\s]*):[^@\s]*@")
_PASSWORD_PARAM = re.compile(r"(password=)[^&\s]*", re.IGNORECASE)
# The driver's words for the common failures, and how a person reads them. First match wins.
_REASONS = (
    ("connection refused", "connection refused (no database server answers at that address)"),
    ("unable to open database file", "the database file cannot be opened (does its folder exist, may this user write there?)"),
    ("could not translate host name", "unknown host name"),
    ("name or service not known", "unknown host name"),
    ("timeout expired", "no answer from the database server (timed out)"),
    ("password authentication failed", "password authentication failed"),
    ("does not exist", None),  # the driver's own words name the missing database or role
    ("database is locked", "the database stayed locked by another program"),
    ("readonly database", "the database file is read-only"),
    ("file is not a database", "the file is not an SQLite database"),
    ("disk i/o error", "disk I/O error"),
    ("database or disk is full", "the disk is full"),
)


class StoreUnavailable(Exception):
    """The store cannot be opened or used; ``str()`` is the one line to show (no password in it)."""

    def __init__(self, url: str | None, reason: str, opening: bool = True):
        self.url = mask_url(url) if url else "(no URL)"
        self.reason = reason
        self.opening = opening
        what = "cannot open the store at" if opening else "the store at"
        super().__init__(f"{what} {self.url}{'' if opening else ' failed'}: {reason}")

    @classmethod
    def from_error(cls, url: str | None, error: BaseException, opening: bool = True) -> StoreUnavailable:
        return cls(url, _scrub(describe(error), url), opening)


class InvalidValue(ValueError):
    """A value the store refuses, with the field it was meant for; ``str()`` names the field (by ``label``, the
    name a person sees, when given) and says why."""

    def __init__(self, field: str, reason: str, label: str | None = None):
        self.field = field
        self.reason = reason
        super().__init__(f"{label or field}: {reason}")


def mask_url(url: str) -> str:
    """The URL with its password replaced by ***, also when it does not parse as a database URL."""
    try:
        masked = make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError, TypeError):
        masked = _USERINFO.sub(r"\1:***@", str(url))
    return _PASSWORD_PARAM.sub(r"\1***", masked)


def describe(error: BaseException) -> str:
    """A short reason, in one line, for an error met while opening or using the store."""
    if isinstance(error, NoSuchModuleError):
        kind = str(error).rsplit(":", 1)[-1].strip()
        return f"unknown database kind '{kind}' (expected {EXPECTED})"
    if isinstance(error, ArgumentError):
        return f"not a database URL (expected {EXPECTED})"
    if isinstance(error, ValueError):  # a URL that parses but holds a wrong part: a port that is no number
        return f"not a valid database URL ({_one_line(str(error))})"
    if isinstance(error, ImportError):
        return f"the database driver is not installed ({error})"
    if isinstance(error, DBAPIError):
        message = str(error.orig) if error.orig is not None else str(error)
    elif isinstance(error, OSError):
        message = f"{error.strerror or error}{f' ({error.filename})' if error.filename else ''}"
    else:
        message = str(error) or type(error).__name__
    folded = message.casefold()
    for words, reason in _REASONS:
        if words in folded:
            return reason or _one_line(message)
    return _one_line(message)


def _one_line(message: str) -> str:
    """The driver's message without SQLAlchemy's "(Background on this error …)" tail, on one line."""
    message = message.split("(Background on this error", 1)[0]
    return " ".join(message.split()) or "unknown error"


def _scrub(reason: str, url: str | None) -> str:
    """The reason with the URL's password masked, in case a driver repeats its connection string."""
    reason = _PASSWORD_PARAM.sub(r"\1***", reason)
    try:
        password = make_url(url).password if url else None
    except (ArgumentError, ValueError, TypeError):
        password = None
    # A very short password would mask ordinary letters of the reason: drivers do not repeat it anyway.
    return reason.replace(str(password), "***") if password and len(str(password)) >= 4 else reason
