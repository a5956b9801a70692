"""The visible lines around the page's own heading, for its byline and dateline.

:func:`extract.layout.header_lines` finds the lines around the extracted title; when
that title is not printed on the page as such (a ``<title>`` or ``og:title`` with the
outlet's name, a shortened headline), the page's ``<h1>`` is where the byline and the
dateline sit.
"""

from __future__ import annotations

import lxml.html

from extract.layout import header_lines

__all__ = ["lines_near_heading"]


def lines_near_heading(
    tree: lxml.html.HtmlElement | None, after: list[str], before: list[str]
) -> tuple[list[str], list[str]]:
    """The lines under and above the title; around the first ``<h1>`` when the title
    was not found on the page (``after`` and ``before`` both empty).

    Args:
        tree: the parsed page, if it parsed.
        after: the visible lines under the title, as :func:`header_lines` found them.
        before: the visible lines above it, nearest first.
    """
    if after or before or tree is None:
        return after, before
    for heading in tree.iter("h1"):
        text = " ".join(heading.text_content().split())
        if text:
            return header_lines(tree, text)
    return after, before
