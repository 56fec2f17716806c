"""Web pages: the article body, title and publication date; navigation, scripts and comments dropped.

trafilatura finds the main text (it is built for news pages); the date comes from the page's metadata
(htmldate without its guessing mode) and, failing that, from a dateline in the text.

The page is parsed once (trafilatura's parser): the title, the dated elements and the text all come from that
one tree, read in that order because dropping furniture and extracting the text change it; htmldate reads the
page once. Only the title is taken from trafilatura's metadata: its full metadata reader also runs htmldate's
extensive date search (through dateparser, seconds of start-up per process), and that date is not used.

Page furniture is dropped from the page before trafilatura reads it, because trafilatura lets it through
whenever a page's markup does not say which part is the story (no ``<article>``, ``<div>`` for ``<aside>``):
an exchange-rate ticker, a menu, a "related news" list of other deals, a copyright footer. The signals are
structural and general: ``nav``/``aside``/``footer`` elements and a page ``header`` without the headline;
class and id words such as ``ticker``, ``related``, ``menu``, ``sidebar`` (``block`` rows of
``data/furniture.csv``); lists of links and link bars; a "Read also" / «Похожие новости» / "أخبار ذات صلة"
heading with the list after it; and blocks whose every line is furniture by shape (``dealtracker/furniture/``).
The headline's ancestors and the block holding most of the page's paragraphs are never dropped.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterator

from ...schema import Article, ReadProblem
from ..article import make_article
from ..encoding import Decoded, decode, strict_utf8
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
    fast = strict_utf8(data)  # most pages: valid UTF-8, no detection needed
    if fast is not None:
        return fast
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
    from trafilatura.utils import load_html

    try:
        with warnings.catch_warnings():  # parsers warn about odd markup on standard error; the reason is ours to give
            warnings.simplefilter("ignore")
            tree = load_html(html)
            # Read before the furniture is dropped and the text extracted: both change the tree.
            title = _page_title(tree) if tree is not None else None
            date = _published_date(html) or (_dated_element(tree) if tree is not None else None)
            body = trafilatura.extract(
                _without_furniture(tree, html), include_comments=False, include_tables=True, favor_recall=True,
                deduplicate=False,
            )
    except Exception as error:  # lxml and trafilatura fail in many ways on broken markup; say so plainly
        raise IngestError(f"the web page could not be parsed ({type(error).__name__})") from None
    if not body or not body.strip():
        raise IngestError("no article text was found in this web page")
    text = f"{title}\n{body}" if title and not body.lstrip().startswith(title) else body
    return make_article(source, text, title=title, date=date)


def _page_title(tree) -> str | None:
    """The title ``trafilatura.extract_metadata`` gives (meta tags, JSON-LD, else the headline or <title>), by the
    same steps and cleaning, without the rest of its work (author, sitename, categories, and an extensive
    htmldate search that loads dateparser's every locale)."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:  # as trafilatura does before reading JSON-LD
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # as trafilatura: bugs in its JSON-LD reader leave the meta tags' values
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    metadata.clean_and_trim()
    return metadata.title or None


def _published_date(html: str) -> str | None:
    """The date a page states in its metadata (meta tags, JSON-LD, <time>), never a guess.

    htmldate's extensive search would turn a footer's "© 2025" into 2025-01-01; a wrong deal date is worse
    than none. Without metadata, the article's own dateline is looked for in its text.
    """
    from htmldate import find_date

    if html.startswith("http") and " " not in html:
        return None  # htmldate would take the text for an address and download it; a page has spaces
    try:
        with warnings.catch_warnings():  # dateutil warns about unknown time zones in broken pages
            warnings.simplefilter("ignore")
            return find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises on some malformed pages; the date is optional
        return None


# Elements that hold a page's date line by their class or id: "meta", "date", "byline", «ТАШКЕНТ, 27 февраля
# 2026, 09:31 /УзА/» in a div.meta that the article text leaves out.
_DATED_CLASS = re.compile(r"date|time|meta|byline|posted|publish|dateline", re.IGNORECASE)
MAX_DATED_ELEMENTS = 20


def _dated_element(tree) -> str | None:
    """The date line of an element marked as a date or byline, read as a dateline (``publication_date``),
    when the page's metadata gives none."""
    from ..dates import publication_date

    try:
        candidates = [
            element for element in tree.iter()
            if isinstance(element.tag, str) and element.tag.lower() not in ("script", "style", "meta", "link")
            and _DATED_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}")
        ]
        for element in candidates[:MAX_DATED_ELEMENTS]:
            text = " ".join(element.text_content().split())
            if 0 < len(text) <= 200:
                found = publication_date(text)
                if found:
                    return found
    except Exception:  # the date is optional; odd markup simply has none
        return None
    return None


# Elements that are furniture wherever they stand, and the page header outside the story.
_FURNITURE_TAGS = {"nav", "aside", "footer", "menu"}
# Elements after which text starts a new line (so a block's text reads line by line, as in a .txt copy).
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
# Parts of a block that are judged with it, never alone: one list item or one link is not a menu or a ticker.
_PARTS = {"a", "abbr", "b", "em", "i", "img", "li", "small", "strong", "sub", "sup", "td", "th", "time", "u"}
_LISTS = {"ul", "ol"}
_WORD_SPLIT = re.compile(r"[^0-9a-z]+")
_HAS_WORD = re.compile(r"\w")
# Lines of furniture that may be dropped by their text alone: a dateline stays (the date reader uses it).
_DROPPED_KINDS = ("ticker", "menu", "share", "copyright", "read_also", "related")
_DROPPED_IN_STORY = ("ticker", "share", "copyright", "read_also", "related")
MAX_FURNITURE_BLOCK = 3000  # characters: a longer block is never judged furniture by its text
MAX_RELATED_ITEMS = 12


def _without_furniture(tree, html: str):
    """The page's tree with its furniture blocks removed (the page as given when it cannot be parsed)."""
    if tree is None:
        return html
    try:
        _drop_furniture(tree)
    except Exception:  # odd markup the clean-up cannot walk: trafilatura reads the page as it is
        return html
    return tree


def _block_text(element) -> str:
    """The element's text with a line break at every block boundary (``text_content`` runs them together)."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if tag and node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(element)
    return "\n".join(line.strip() for line in "".join(parts).split("\n") if line.strip())


def _class_words(element) -> set[str]:
    """The words of an element's class and id ("side-news" → side, news, sidenews)."""
    words: set[str] = set()
    for value in (element.get("class"), element.get("id")):
        for name in (value or "").lower().split():
            pieces = [piece for piece in _WORD_SPLIT.split(name) if piece]
            words.update(pieces)
            words.add("".join(pieces))
    return words


def _is_link_list(element) -> bool:
    """A list whose items are links (related stories, a menu), or a bar of links with only separators between."""
    tag = element.tag.lower()
    links = element.findall(".//a")
    if tag in _LISTS:
        items = [item for item in element if isinstance(item.tag, str) and item.tag.lower() == "li"]
        linked = [item for item in items if _only_links(item)]
        return len(items) >= 2 and len(linked) >= 0.8 * len(items)
    return len(links) >= 3 and _only_links(element)


def _only_links(element) -> bool:
    """Every word of the element lies inside a link."""
    links = element.findall(".//a")
    if not links:
        return False
    text = element.text_content()
    for link in links:
        text = text.replace(link.text_content(), " ", 1)
    return _HAS_WORD.search(text) is None


def _protected(tree) -> set:
    """The headline with its ancestors, and the block that holds most of the page's paragraph text."""
    keep: set = set()
    for heading in tree.iter("h1"):
        keep.add(heading)
        keep.update(heading.iterancestors())
    paragraphs = [(p, len(p.text_content())) for p in tree.iter("p")]
    total = sum(size for _, size in paragraphs)
    if total:
        held: dict = {}
        for p, size in paragraphs:
            for ancestor in p.iterancestors():
                held[ancestor] = held.get(ancestor, 0) + size
        keep.update(element for element, size in held.items() if size > total / 2)
    return keep


def _drop_furniture(tree) -> None:
    from ...furniture import block_words, is_furniture

    words = block_words()
    keep = _protected(tree)
    dropped: set = set()
    judged: set[str] = set()

    def drop(element) -> None:
        parent = element.getparent()
        if parent is not None and element not in keep:
            dropped.add(element)
            # keep the tail: it is text of the parent, not of the dropped element
            if element.tail and element.tail.strip():
                previous = element.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + element.tail
                else:
                    parent.text = (parent.text or "") + element.tail
            parent.remove(element)

    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element in keep or element.getparent() is None:
            continue
        if any(ancestor in dropped for ancestor in element.iterancestors()):
            continue
        tag = element.tag.lower()
        in_story = any(ancestor.tag == "article" for ancestor in element.iterancestors())
        if tag in _FURNITURE_TAGS or (tag == "header" and not in_story) or _class_words(element) & words:
            drop(element)
            continue
        if tag in _LISTS or tag in {"div", "p", "span", "section"}:
            if _is_link_list(element):
                drop(element)
                continue
        if tag in _PARTS:
            continue  # judged with the block that holds it
        text = _block_text(element)
        if not text or len(text) > MAX_FURNITURE_BLOCK or text in judged:
            continue
        judged.add(text)  # a wrapper with the same text as the block it wraps is not judged twice
        if (tag in _HEADINGS or "\n" not in text) and len(text) <= 60 and is_furniture(text, ("read_also",)):
            for sibling in _related_after(element):
                drop(sibling)
            drop(element)
            continue
        if is_furniture(text, _DROPPED_IN_STORY if in_story else _DROPPED_KINDS):
            drop(element)


def _related_after(heading) -> list:
    """The list of stories under a "related news" heading: the lists, links and short lines after it."""
    from ...furniture import MAX_HEADLINE_CHARS

    found = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        tag = sibling.tag.lower()
        text = _block_text(sibling)
        if tag in _HEADINGS or len(found) >= MAX_RELATED_ITEMS:
            break
        if tag in _LISTS or tag in {"a", "li"} or (text and len(text) <= MAX_HEADLINE_CHARS and not text.endswith(".")):
            found.append(sibling)
        else:
            break
    return found
