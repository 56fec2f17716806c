"""Safe display of text that came from files (names, article text) inside Markdown widgets."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~$:])")


def escape_markdown(text: str) -> str:
    """Show a file name or a snippet literally: no Markdown, no HTML, no LaTeX from user data."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
