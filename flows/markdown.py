"""Markdown for Prefect artifacts and forms, with every value escaped.

Text read from a vendor's document (vendor names, invoice numbers, line
descriptions, file names, problem messages that quote them) is attacker-controlled.
Prefect renders artifact and form markdown as HTML, so a value must show as the
text it is: HTML is escaped (``<``, ``>``, ``&``, quotes), markdown punctuation is
backslash-escaped (no links, images, emphasis, headings or table breaks), and
line breaks become spaces so a value cannot start a new block.
"""

from __future__ import annotations

import html
import re

#: inline markdown punctuation; values are never placed at the start of a line, so the
#: block markers (``#``, ``-``, ``+``, ``1.``) need no escape and amounts stay readable
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()|~])")


def text(value) -> str:
    """``value`` as inert markdown text (for table cells and inline use)."""
    if value is None:
        return ""
    flat = " ".join(str(value).split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(flat, quote=True))


def code(value) -> str:
    """``value`` shown literally inside backticks (backticks themselves removed)."""
    return "`" + html.escape(" ".join(str(value or "").split()).replace("`", "'"), quote=True) + "`"


def table(header: list[str], rows: list[list]) -> list[str]:
    """A markdown table whose every cell is escaped."""
    out = ["| " + " | ".join(text(h) for h in header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(text(cell) for cell in row) + " |" for row in rows]
    return out
