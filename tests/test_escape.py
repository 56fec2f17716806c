"""Text from an article or a person shown literally, whatever element shows it (issue 18).

The Markdown escapers are checked by rendering their output with a CommonMark parser (markdown-it, which the
models' requirements install through rich) and then running the text-node rewrites Streamlit's frontend applies
after parsing (material icons, emoji shortcodes, ``:streamlit:``, GFM's literal autolinks, LaTeX), with the
patterns its 1.67 bundle uses. The browser test (test_browser_hostile.py) checks the same in Chromium.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.text import (
    escape_markdown,
    html_text,
    label_text,
    markdown_text,
    option_text,
    plotly_text,
    plotly_texts,
)

try:  # installed with rich (transformers → typer → rich): requirements-models.txt, which the dev requirements include
    import markdown_it
except ImportError:  # pragma: no cover
    markdown_it = None
needs_parser = pytest.mark.skipif(markdown_it is None, reason="markdown-it-py is not installed")

HOSTILE = [
    "![p](http://evil.example/px.png)",
    "[click](http://evil.example)",
    "<img src=http://evil.example/x>",
    '<a href="http://evil.example">a</a>',
    ":red[big]",
    ":blue-background[big]",
    ":orange-badge[new]",
    ":material/home:",
    ":material_home:",
    ":smile:",
    ":+1:",
    ":streamlit:",
    "$x^2$",
    "$$\\int x$$",
    "**bold**",
    "_it_ and *it*",
    "~~gone~~",
    "`code`",
    "# Heading",
    "- item",
    "1. first",
    "> quote",
    "a | b\n--|--\nc | d",
    "Title\n===",
    "<http://evil.example>",
    "http://evil.example/x.png",
    "HTTPS://evil.example",
    "www.evil.example",
    "someone@evil.example",
    "a\\b \\\\ c\\",
    "\\![p](http://evil.example/px.png)",
    "&copy; &amp; &#58; &lt;b&gt;",
    "Smith & Sons <Ltd>",
    "[x]: http://evil.example\n\n[x]",
    "<!-- comment --> <script>alert(1)</script>",
    "line one\nline two\r\n\r\n- three",
]

ZWSP = "\u200b"


class _Rendered(HTMLParser):
    """The tags and the text of rendered HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def _render(markdown: str) -> _Rendered:
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = _Rendered()
    rendered.feed(parser.render(markdown))
    rendered.text = rendered.text.strip("\n")  # the paragraph's closing line break
    return rendered


# What Streamlit's frontend (1.67, StreamlitMarkdown and its remark plugins) rewrites in text nodes after parsing
# (JavaScript's \w is ASCII)
_MATERIAL = re.compile(r":material_(\w+):", re.ASCII)  # after its raw ":material/" → ":material_" replacement
_EMOJI = re.compile(r":\+1:|:-1:|:[\w-]+:", re.ASCII)  # remark-emoji
_STREAMLIT_LOGO = re.compile(r":streamlit:")
_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE | re.ASCII)  # mdast-util-gfm-autolink-literal
_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)
_DIRECTIVE = re.compile(r"(?<!\\):[a-z][\w-]*\[")  # remark-directive's text directive, in the source
_LATEX = re.compile(r"(?<![\\$])\$(?![\s$])[^$\n]*?[^\s$\\]\$")  # its inline-math test, in the source


def _streamlit_rewrites(text_node: str, source: str) -> list[str]:
    found = [p.pattern for p in (_MATERIAL, _EMOJI, _STREAMLIT_LOGO, _URL, _EMAIL) if p.search(text_node)]
    if _MATERIAL.search(source.replace(":material/", ":material_")):
        found.append("material icon in the source")
    found += [p.pattern for p in (_DIRECTIVE, _LATEX) if p.search(source)]
    return found


@needs_parser
@pytest.mark.parametrize("escape", [markdown_text, label_text], ids=["markdown", "label"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_escapers_show_hostile_text_literally(escape, hostile):
    escaped = escape(hostile)
    rendered = _render(escaped)
    assert rendered.tags == ["p"], (escaped, rendered.tags)  # no image, link, emphasis, code, heading, list, table
    assert "\n" not in escaped  # one line: a label has no second line, a body no block of the article's
    expected = " ".join(hostile.split())  # whitespace runs fold into one space (HTML shows any run of them as one)
    assert " ".join(rendered.text.replace(ZWSP, "").split()) == expected
    assert _streamlit_rewrites(rendered.text, escaped) == [], escaped
    assert "<" not in escaped and ">" not in escaped  # no raw HTML reaches the page


@needs_parser
def test_the_examples_of_the_issue():
    assert markdown_text("![p](http://evil.example/px.png)") == "\\!\\[p\\]\\(http\\:\u200b\\/\\/evil\\.example\\/px\\.png\\)"
    assert _render(markdown_text("Smith & Sons <Ltd>")).text == "Smith & Sons <Ltd>"
    assert _render(label_text("Smith & Sons <Ltd>")).text == "Smith & Sons <Ltd>"
    assert plotly_text("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert html.unescape(plotly_text("Smith & Sons <Ltd>")) == "Smith & Sons <Ltd>"


@needs_parser
def test_plain_text_is_left_as_it_is():
    for text in ("Kazakhstan", "Asian Development Bank", "Ташкент", "أرامكو السعودية", "4.2B", "10 deals"):
        assert _render(markdown_text(text)).text == text
        assert ZWSP not in markdown_text(text)
    assert markdown_text("Kazakhstan") == "Kazakhstan"


@pytest.mark.parametrize("escape", [markdown_text, label_text, option_text, html_text, plotly_text])
@pytest.mark.parametrize("text", ["Smith & Sons <Ltd>", "&amp;", "![p](http://evil.example/px.png)", "a\\b", ":smile:"])
def test_escaping_twice_changes_nothing(escape, text):
    once = escape(text)
    assert escape(once) == once
    assert type(escape(once)) is type(once)


def test_a_markdown_body_escaped_once_is_a_label_too_and_back():
    body = markdown_text("Smith & Sons")
    assert label_text(body) == body and markdown_text(label_text("Smith & Sons")) == body


@needs_parser
def test_composed_text_escapes_each_piece_once():
    name = "Smith & Sons <Ltd>"
    line = f"**{markdown_text(name)}** could not be read: {markdown_text('bad *bytes*')}"
    rendered = _render(line)
    assert rendered.tags == ["p", "strong"] and rendered.text == "Smith & Sons <Ltd> could not be read: bad *bytes*"


def test_the_former_name_escapes_the_same_way():
    assert escape_markdown("![p](x)") == markdown_text("![p](x)")


def test_missing_values_and_numbers():
    assert markdown_text(None) == "" and label_text(None) == "" and plotly_text(None) == "" and html_text(None) == ""
    assert markdown_text(4.5) == "4\\.5" and plotly_text(4.5) == "4.5"


def test_option_text_is_plain_text_on_one_line():
    """Selectbox and multiselect options are drawn as plain text: a backslash would show, so none is added."""
    assert option_text("![p](http://evil.example/px.png)") == "![p](http://evil.example/px.png)"
    assert option_text("a\nb\r\n c") == "a b c"


@pytest.mark.parametrize("hostile", ["<b>x</b>", '<a href="http://evil.example">a</a>', "<br>", "<img src=x>",
                                     "&amp;", "&lt;b&gt;", "Smith & Sons <Ltd>", "a\\b", "%{customdata[0]}"])
def test_plotly_text_shows_tags_and_entities_literally(hostile):
    escaped = plotly_text(hostile)
    assert "<" not in escaped and ">" not in escaped
    assert re.fullmatch(r"(?:[^&]|&(?:amp|lt|gt);)*", escaped)  # every "&" starts an entity plotly decodes
    assert html.unescape(escaped) == hostile
    assert plotly_texts([hostile, hostile]) == [escaped, escaped]


@pytest.mark.parametrize("hostile", ["<img src=http://evil.example/x>", '" onmouseover="alert(1)', "Smith & Sons <Ltd>"])
def test_html_text_escapes_text_and_attributes(hostile):
    escaped = html_text(hostile)
    assert "<" not in escaped and '"' not in escaped and "'" not in escaped
    assert html.unescape(escaped) == hostile


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60)


@needs_parser
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TEXT, st.sampled_from(HOSTILE), st.sampled_from(list("\\`*_{}[]()#+-.!|~$:=/@^<>&;\"'"))),
                max_size=8))
def test_any_text_renders_as_itself_with_no_markup(pieces):
    text = "".join(pieces)
    escaped = markdown_text(text)
    rendered = _render(escaped)
    assert set(rendered.tags) <= {"p"}
    assert " ".join(rendered.text.replace(ZWSP, "").split()) == " ".join(text.replace(ZWSP, "").split())
    assert _streamlit_rewrites(rendered.text, escaped) == []
    assert html.unescape(plotly_text(text)) == text
