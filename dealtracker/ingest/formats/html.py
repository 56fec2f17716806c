"""Web pages: the article body, title and publication date; navigation, scripts and comments dropped.

trafilatura finds the main text (it is built for news pages); the date comes from the page's metadata
(htmldate without its guessing mode) and, failing that, from a dateline in the text.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterator

from ...schema import Article, ReadProblem
from ..article import make_article
from ..encoding import Decoded, decode
from ..errors import IngestError
from ..limits import Limits

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read(name: str, data: bytes, limits: Limits) -> Iterator[Article | ReadProblem]:
    decoded = decode_html(data)
    yield read_html(name, decoded.text)
    if decoded.note:
        yield ReadProblem(name, decoded.note, warning=True)


def decode_html(data: bytes) -> Decoded:
    """Like any text, except that a page's own declared charset is believed when its bytes agree."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            declared = _DECLARED.search(data[:4096])
            if declared:
                try:
                    encoding = codecs.lookup(declared.group(1).decode("ascii")).name
                    return Decoded(data.decode(encoding), encoding)
                except (LookupError, UnicodeDecodeError):
                    pass  # a wrong declaration: detect instead
    return decode(data)


def read_html(source: str, html: str) -> Article:
    """An article from a page's HTML (also used for the HTML part of an e-mail)."""
    import trafilatura

    try:
        with warnings.catch_warnings():  # parsers warn about odd markup on standard error; the reason is ours to give
            warnings.simplefilter("ignore")
            body = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False)
            metadata = trafilatura.extract_metadata(html)
    except Exception as error:  # lxml and trafilatura fail in many ways on broken markup; say so plainly
        raise IngestError(f"the web page could not be parsed ({type(error).__name__})") from None
    if not body or not body.strip():
        raise IngestError("no article text was found in this web page")
    title = metadata.title if metadata is not None and metadata.title else None
    text = f"{title}\n{body}" if title and not body.lstrip().startswith(title) else body
    return make_article(source, text, title=title, date=_published_date(html))


def _published_date(html: str) -> str | None:
    """The date a page states in its metadata (meta tags, JSON-LD, <time>), never a guess.

    htmldate's extensive search would turn a footer's "© 2025" into 2025-01-01; a wrong deal date is worse
    than none. Without metadata, the article's own dateline is looked for in its text.
    """
    from htmldate import find_date

    try:
        with warnings.catch_warnings():  # dateutil warns about unknown time zones in broken pages
            warnings.simplefilter("ignore")
            return find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises on some malformed pages; the date is optional
        return None
