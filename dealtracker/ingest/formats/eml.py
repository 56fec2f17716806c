"""E-mail (.eml): the subject as title, the plain-text body (else the HTML body), the Date header as date.

Analysts forward news by e-mail; the stdlib parser with ``policy.default`` decodes headers and bodies
(quoted-printable, base64, any charset). Attachments are not read.
"""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from email import policy
from email.utils import parsedate_to_datetime

from ...schema import Article, ReadProblem
from ..article import make_article
from ..encoding import decode
from ..errors import IngestError
from ..limits import Limits
from .html import read_html

_REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|пересл|إعادة توجيه)\s*:\s*)+", re.IGNORECASE)


def read(name: str, data: bytes, limits: Limits) -> Iterator[Article | ReadProblem]:
    decode(data)  # refuses binary files renamed .eml with the same reason as any text
    try:
        message = email.message_from_bytes(data, policy=policy.default)
        subject = _REPLY_PREFIX.sub("", str(message.get("subject") or "")).strip() or None
        date = _date(message.get("date"))
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception as error:  # the header parser raises on some malformed headers
        raise IngestError(f"the e-mail could not be parsed ({type(error).__name__})") from None
    if part is None:
        raise IngestError("the e-mail has no text body")
    body = _content(part)
    if part.get_content_subtype() == "html":
        article = read_html(name, body)
        title = subject or article.title
        yield make_article(name, _with_title(title, article.text), title=title, date=date or article.date)
        return
    if not body.strip():
        raise IngestError("the e-mail has no text body")
    yield make_article(name, _with_title(subject, body), title=subject, date=date)


def _content(part) -> str:
    """The part's text; a charset the header names wrongly or unknown falls back to detection (a damaged
    header can name one with a NUL in it, which Python's codec look-up refuses with a ValueError)."""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, KeyError, ValueError):
        payload = part.get_payload(decode=True) or b""
        return decode(payload).text if payload.strip() else ""


def _with_title(title: str | None, body: str) -> str:
    return f"{title}\n\n{body}" if title and not body.lstrip().startswith(title) else body


def _date(header) -> str | None:
    if not header:
        return None
    try:
        return parsedate_to_datetime(str(header)).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
