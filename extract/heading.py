"""The visible lines around the page's own heading, for its byline and dateline.

:func:`extract.layout.header_lines` finds the lines around the extracted title; when
that title is not printed on the page as such (a ``<title>`` or ``og:title`` with the
outlet's name, a shortened headline), the page's ``<h1>`` is where the byline and the
dateline sit.
"""

from __future__ import annotations

import re

import lxml.html

from extract.layout import header_lines

__all__ = ["lines_near_heading"]


def lines_near_heading(
    tree: lxml.html.HtmlElement | None, title: str, after: list[str], before: list[str]
) -> tuple[list[str], list[str]]:
    """The lines under and above the title; around the page's headline ``<h1>`` when
    the title was not found on the page (``after`` and ``before`` both empty).

    The headline is the ``<h1>`` sharing the most words with the title: a page may
    hold others (a player's "Live Stream", the outlet's name in the logo).

    Args:
        tree: the parsed page, if it parsed.
        title: the extracted title.
        after: the visible lines under the title, as :func:`header_lines` found them.
        before: the visible lines above it, nearest first.
    """
    if after or before or tree is None:
        return after, before
    wanted = set(_WORD.findall(title.casefold()))
    best, shared = "", 0
    for heading in tree.iter("h1"):
        text = " ".join(heading.text_content().split())
        common = len(wanted & set(_WORD.findall(text.casefold())))
        if common > shared:
            best, shared = text, common
    return header_lines(tree, best) if best else (after, before)


# the words a headline and its title share; short ones ("di", "la", "a") say nothing
_WORD = re.compile(r"[^\W\d_]{3,}")
