"""The article a deal came from, with its evidence highlighted and its sides and amount marked.

Article text is untrusted: every piece is HTML-escaped before it is wrapped in marks, and the block is
rendered with dir="auto" so Arabic reads right to left.
"""

from __future__ import annotations

import streamlit as st

from dealtracker.highlight import Mark, deal_marks

from .text import html_text, markdown_text, web_link

_STYLE = {
    "evidence": "background:#fff3bf;",
    "party": "background:#c3fae8;font-weight:600;",
    "counterparty": "background:#d0ebff;font-weight:600;",
    "amount": "background:#ffd8a8;font-weight:600;",
}


def render_marked_text(text: str, marks: list[Mark]) -> str:
    """HTML of ``text`` with the evidence as <mark> and the sides and amount as spans inside it.

    Tags are placed by (position, rank): at one place, inner spans close before the evidence closes, and the
    evidence opens before an inner span opens — so the HTML is always well nested. All text is escaped.
    """
    tags: list[tuple[int, int, str]] = []
    for mark in marks:
        if mark.kind == "evidence":
            tags += [(mark.start, 2, f'<mark style="{_STYLE["evidence"]}">'), (mark.end, 1, "</mark>")]
    last_end = -1
    for mark in sorted((m for m in marks if m.kind != "evidence"), key=lambda m: m.start):
        if mark.start >= last_end:  # overlapping marks: keep the first
            tags += [(mark.start, 3, f'<span title="{mark.kind}" style="{_STYLE[mark.kind]}">'), (mark.end, 0, "</span>")]
            last_end = mark.end
    pieces: list[str] = []
    cursor = 0
    for position, _rank, tag in sorted(tags):
        pieces += [html_text(text[cursor:position]), tag]
        cursor = position
    pieces.append(html_text(text[cursor:]))
    body = "".join(pieces).replace("\n", "<br>")
    return f'<div dir="auto" style="line-height:1.7;white-space:normal">{body}</div>'


def render_evidence(article_text: str | None, deal: dict) -> None:
    if not article_text:
        st.info("This deal was added by hand; there is no article text to show.", icon=":material/info:")
        return
    st.caption("Highlighted: the evidence sentence · marked: party, counterparty, amount")
    st.html(render_marked_text(article_text, deal_marks(article_text, deal)))


def render_article_link(url: str | None) -> None:
    """Where the article was fetched from: the address as text, and a button that opens it (only an http(s)
    address becomes a link)."""
    if not url:
        return
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(f"Fetched from {markdown_text(url)}")
    target = web_link(url)
    if target is not None:
        right.link_button("Open the article", target, icon=":material/open_in_new:")
