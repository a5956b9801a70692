"""The page's layout as a reader sees it: the visible lines around the title, the chrome.

Bylines and datelines sit in the few visible lines right after (or before) the
article's title; menus, boxes of related articles, share bars and the site's top bar
hold dates and names that are not the article's. These helpers walk the parsed page
once for the fields the extract stage reads from the header (dates, author, text).
"""

from __future__ import annotations

import re

import lxml.html

__all__ = ["CHROME", "HIDDEN", "header_lines", "is_chrome"]

# boxes whose dates belong to other articles or to the site, not to this article
CHROME = re.compile(
    r"related|correlat|comment|share|social|cookie|widget|sidebar|banner|newsletter|"
    r"footer|menu|leggi-?anche|popular|most-read|piu-?lett",
    re.IGNORECASE,
)


_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "time", "br", "section",
     "article", "header", "address", "figure", "figcaption", "dd", "dt", "tr", "table",
     "blockquote", "main"}
)
HIDDEN = frozenset({"script", "style", "noscript", "template", "nav", "footer", "aside", "form"})


def _article_container(tree: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement:
    """The ``<article>``/``<main>`` around the title's heading, else the page: less to walk."""
    for heading in tree.iter("h1", "h2"):
        if " ".join(heading.text_content().split()).casefold() == title:
            for ancestor in heading.iterancestors("article", "main"):
                return ancestor
            break
    return tree


def is_chrome(element: lxml.html.HtmlElement, tag: str) -> bool:
    """Boxes and bars whose dates and names are not the article's.

    The site header (today's date in its top bar) is chrome unless it holds the title;
    so are related-article, share, comment and cookie boxes.
    """
    if tag == "header":
        return not element.xpath(".//h1")
    marks = f"{element.get('class', '')} {element.get('id', '')}".strip()
    return bool(marks) and bool(CHROME.search(marks))


class _Enough(Exception):
    """The title and the lines after it are read: the rest of the page is not needed."""


def _visible_lines(
    tree: lxml.html.HtmlElement, title: str = "", after: int = 0
) -> list[str]:
    """The page's visible text, one line per block, menus, boxes and footer left out.

    With a ``title`` (casefolded), the walk stops ``after`` lines past the first line
    that is the title: the header is all its callers read.
    """
    lines: list[str] = []
    current: list[str] = []
    found: list[int] = []

    def flush() -> None:
        line = " ".join(" ".join(current).split())
        current.clear()
        if not line:
            return
        lines.append(line)
        if title and not found and line.casefold() == title:
            found.append(len(lines) - 1)
        if found and len(lines) > found[0] + after:
            raise _Enough

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag not in HIDDEN and not is_chrome(element, tag):
            block = tag in _BLOCKS
            if block:
                flush()
            if element.text:
                current.append(element.text)
            for child in element:
                walk(child)
            if block:
                flush()
        if element.tail:
            current.append(element.tail)

    body = tree.find("body")
    try:
        walk(body if body is not None else tree)
        flush()
    except _Enough:
        pass
    return lines


def header_lines(
    tree: lxml.html.HtmlElement, title: str, after: int = 12, before: int = 6
) -> tuple[list[str], list[str]]:
    """The visible lines right after the title, and right before it (nearest first).

    That is where bylines and datelines sit; a related article's date in a box or a
    menu is never read as this one's.
    """
    wanted = " ".join(title.split()).casefold()
    lines = _visible_lines(_article_container(tree, wanted), wanted, after)
    index = next((i for i, line in enumerate(lines) if line.casefold() == wanted), -1)
    if index < 0:
        index = next((i for i, line in enumerate(lines) if wanted in line.casefold()), -1)
    if index < 0:
        return [], []
    following: list[str] = []
    for line in lines[index + 1 : index + 1 + after]:
        following.append(line)
        if len(line) > 200 and ". " in line:
            # sentences: the article text has begun, its dateline is the last place to
            # look (a long summary line under the title is one sentence)
            break
    return following, lines[max(0, index - before) : index][::-1]
