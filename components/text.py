"""Safe display of text that came from an article or a person: one escaper per kind of element.

Every string the app did not write itself (a party, a counterparty, a file name, an evidence sentence, a title,
a reason quoting what a person typed) goes through the escaper of the element that shows it, once:

- ``markdown_text``: the body of ``st.markdown``, ``st.caption``, ``st.info``/``warning``/``error``/``success``,
  ``st.toast``, ``st.progress(text=...)`` and ``st.write`` of a string.
- ``label_text``: a widget label, which Streamlit also reads as Markdown (``st.button``, ``st.expander``,
  ``st.tabs``, ``st.checkbox``/``st.toggle``, ``st.radio``/``st.segmented_control``/``st.pills`` options,
  ``st.metric`` labels): the same escaping, on one line.
- ``option_text``: an option of ``st.selectbox``/``st.multiselect``. Streamlit draws those as plain text, so
  nothing is escaped (a backslash would show); only line breaks are folded.
- ``html_text``: anything put into ``st.html`` or an HTML attribute (``html.escape``).
- ``plotly_text``: a chart's title, axis category, legend, hover or treemap/sankey label. Plotly reads a subset
  of HTML in every text (``<b>``, ``<i>``, ``<br>``, ``<a href>`` makes a link) and decodes entities, so ``<``,
  ``>`` and ``&`` are escaped and the reader sees the literal string.

What Streamlit's Markdown makes of text (read in its 1.67 frontend): CommonMark with GFM (links, images —
drawn as icons in labels —, tables, strikethrough), directives such as ``:red[...]``, ``:small[...]`` and
``:blue-badge[...]``, LaTeX between ``$``, and rewrites of *text nodes* after parsing: ``:material/name:``
icons, ``:streamlit:``, emoji shortcodes (``:smile:``) and GFM's literal autolinks (``http://...``,
``www....``, ``name@host``). A backslash before every ASCII punctuation character that means something stops
the first group (and HTML is escaped, so ``<img>`` is text); it cannot stop the text-node rewrites, because the
escape is resolved before they run. So those patterns are broken with an invisible zero-width space (U+200B):
after the colon that opens a ``:word:`` run, between ``http:`` and ``//``, after ``www`` and after the ``@`` of
an address. The visible text is the string as written; Playwright's text matching ignores U+200B.

Every escaper returns a ``str`` subclass that marks its result as escaped for that element, and leaves such a
string as it is: escaping twice changes nothing (``Smith & Sons`` never reads ``Smith &amp;amp; Sons``). Compose
the pieces with f-strings *after* escaping each untrusted one; the composed string is a plain ``str`` again.
"""

from __future__ import annotations

import html
import re

# The ASCII punctuation that starts or ends a Markdown construct, a directive or LaTeX (CommonMark lets any ASCII
# punctuation be backslash-escaped, so one escaped needlessly still reads as itself). "&", "<" and ">" are
# handled by html.escape first (the parser decodes an entity: "&amp;" reads "&").
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:=/@^])")
# Where a zero-width space goes, in the text as written, to break a pattern that Streamlit's Markdown finds in
# text nodes after parsing (a backslash escape is gone by then): after the colon that opens a ":word:" run
# (":smile:", ":material/home:", ":streamlit:", ":+1:"), between "scheme:" and "//" and after "www" (GFM's
# literal autolinks, "http://evil.example", "www.evil.example"), and after the "@" of an e-mail address.
_TEXT_NODE_PATTERNS = re.compile(r"(?::(?=[\w+\-/]+:|//)|www(?=\.)|@(?=[\w\-]))", re.ASCII | re.IGNORECASE)
_ZERO_WIDTH_SPACE = "\u200b"
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")
_WHITESPACE = re.compile(r"\s+")
_WEB_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f\"'<>`\\]+", re.IGNORECASE)


class _Escaped(str):
    """A string already escaped for one kind of element (subclasses name which)."""

    __slots__ = ()


class MarkdownText(_Escaped):
    """Escaped for a Markdown body."""

    __slots__ = ()


class LabelText(_Escaped):
    """Escaped for a widget label (Markdown on one line)."""

    __slots__ = ()


class OptionText(_Escaped):
    """Ready for a selectbox or multiselect option (plain text on one line)."""

    __slots__ = ()


class HtmlText(_Escaped):
    """Escaped for HTML."""

    __slots__ = ()


class PlotlyText(_Escaped):
    """Escaped for a plotly text (its HTML subset and entities)."""

    __slots__ = ()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def _one_run_of_words(text: str) -> str:
    """Whitespace runs as one space, none at the ends: what the page shows anyway, and Markdown cannot read a
    line start ("    code", a list) or an end ("**name **" is not bold) into it."""
    return _WHITESPACE.sub(" ", text).strip()


def _markdown(text: str) -> str:
    # the zero-width space first, on the text as written (the backslashes would hide a shortcode from the pattern)
    spaced = _TEXT_NODE_PATTERNS.sub(lambda match: match.group() + _ZERO_WIDTH_SPACE, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(spaced, quote=False))


def markdown_text(value: object) -> MarkdownText:
    """Show ``value`` literally inside a Markdown body: no formatting, link, image, HTML, directive, icon, emoji
    or LaTeX from it. Whitespace runs, line breaks included, become one space (a line of its own could start a
    heading, list or table), and none is left at the ends."""
    if isinstance(value, (MarkdownText, LabelText)):
        return MarkdownText(value)
    return MarkdownText(_markdown(_one_run_of_words(_text(value))))


def label_text(value: object) -> LabelText:
    """Show ``value`` literally in a widget label (button, expander, tab, radio/segmented/pills option)."""
    if isinstance(value, (LabelText, MarkdownText)):  # the same escaping: a body escaped once is a label too
        return LabelText(value)
    return LabelText(_markdown(_one_run_of_words(_text(value))))


def option_text(value: object) -> OptionText:
    """A selectbox/multiselect option as the person should read it: plain text, on one line."""
    if isinstance(value, OptionText):
        return value
    return OptionText(_one_line(_text(value)))


def html_text(value: object) -> HtmlText:
    """``value`` escaped for HTML text or a quoted attribute."""
    if isinstance(value, HtmlText):
        return value
    return HtmlText(html.escape(_text(value), quote=True))


def plotly_text(value: object) -> PlotlyText:
    """``value`` shown literally by plotly (titles, axis categories, legend, hover, treemap and sankey labels).
    Plotly folds line breaks itself and reads ``<br>`` as one: only ``&``, ``<`` and ``>`` are escaped."""
    if isinstance(value, PlotlyText):
        return value
    return PlotlyText(html.escape(_text(value), quote=False))


def plotly_texts(values) -> list[PlotlyText]:
    """``plotly_text`` of each value (a list, a Series, an Index)."""
    return [plotly_text(value) for value in values]


def web_link(value: object) -> str | None:
    """``value`` as a link target when it is a plain http(s) address (no other scheme — ``javascript:``, ``data:`` —,
    no whitespace or control characters, no quote or angle bracket), else None: a target must never come from
    text that is not an address. For ``st.link_button`` and a LinkColumn; the address as text still goes through
    ``markdown_text``."""
    text = _text(value).strip()
    if not _WEB_LINK.fullmatch(text):
        return None
    return text


def escape_markdown(text: object) -> MarkdownText:
    """The former name of ``markdown_text`` (kept for callers and tests that use it)."""
    return markdown_text(text)
