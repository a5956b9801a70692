"""The archive: every uscita searchable, browsable and citable, with its page as it was.

``rassegna serve`` runs Datasette read-only on the store with facets, full-text
search and canned queries over the ``uscite`` view, and a route that shows an
uscita's archived page; ``rassegna snapshot`` writes that page to a file.

A crawled page is code from someone else: the archive shows it without running it.
Every archived response carries ``Content-Security-Policy: sandbox`` (no scripts, an
opaque origin that cannot read the archive), ``X-Content-Type-Options: nosniff`` and,
like every archive response, ``X-Frame-Options: DENY`` (nothing frames the archive);
the copy gets a ``<base>`` with the page's own base URL, so that its relative links
lead to the original site and not into the archive, and a meta CSP that keeps a
saved snapshot's scripts off too. Any request but GET and HEAD answers 403.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils.asgi import Base400, Response
from lxml import etree
from markupsafe import Markup
from w3lib.url import safe_url_string

from common.errors import StoreError
from rassegna.store import ARCHIVE_QUERIES, ArchivedPage, open_store, opened_store

__all__ = [
    "with_banner", "with_base", "archived_copy", "metadata", "datasette_app", "serve",
    "archived_page", "ARCHIVED_HEADERS",
]

_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)

#: on every archived page: no script runs, and its origin is opaque (it reads nothing)
ARCHIVED_HEADERS = {"Content-Security-Policy": "sandbox"}
#: on every answer of the archive: its pages cannot be framed, nor their types guessed
_ARCHIVE_HEADERS = ((b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"))
#: in the copy itself, for a snapshot opened from disk (a meta CSP cannot sandbox)
_META_CSP = (
    b'<meta http-equiv="Content-Security-Policy" content="script-src \'none\'; '
    b"object-src 'none'; frame-src 'none'; form-action 'none'\" />"
)
_READ_METHODS = frozenset({"GET", "HEAD"})

_ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
    Awaitable[None],
]


class _HeadStart(HTMLParser):
    """Finds where a page's head content starts: after ``<head>``, else before its first tag.

    ``<html>`` may come first; a tag written in a comment or a doctype is not a tag.
    """

    class Found(Exception):
        pass

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.at: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        start = 0
        for _ in range(line - 1):
            start = self.text.index("\n", start) + 1
        return start + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.at = self._offset()
        if tag in ("html", "head"):
            self.at += len(self.get_starttag_text() or "")
        if tag != "html":
            raise self.Found


def _head_start(body: bytes) -> int:
    """The byte offset where an element inserted into the page's head belongs.

    A page without a single tag gets it at its end, after its doctype if any. Markup
    the standard library's parser gives up on (``<![if !IE]>`` sections) gets it
    before anything it has not read: never after a script it could not see.
    """
    start = 3 if body.startswith(b"\xef\xbb\xbf") else 0  # a BOM stays first
    text = body[start:].decode("latin-1")  # one char per byte: offsets are byte offsets
    parser = _HeadStart(text)
    try:
        parser.feed(text)
        parser.close()
    except _HeadStart.Found:
        pass
    except (AssertionError, ValueError):  # html.parser's way of refusing markup
        return start + (parser.at or 0)
    return start + (parser.at if parser.at is not None else len(text))


def _base_url(body: bytes, url: str) -> str:
    """The URL the page's relative links resolve against: its own ``<base href>``, or its URL."""
    try:
        found = lxml.html.document_fromstring(body).xpath("(//base[@href])[1]/@href")
    except (etree.LxmlError, ValueError):
        found = []
    base = urljoin(url, str(found[0]).strip()) if found else url
    return base if urlsplit(base).scheme in ("http", "https") else url


def with_base(body: bytes, url: str) -> bytes:
    """The page with a ``<base>`` first in its head, and a meta CSP that stops its scripts.

    Browsers use the first ``<base href>`` of a page, so the page's relative and
    root-relative links lead to its own site (as they did when it was fetched) and not
    to whatever serves the copy; the page's own ``<base>`` is honoured, resolved
    against its URL. The inserted markup is ASCII: the page's bytes are otherwise
    untouched.
    """
    base = html.escape(safe_url_string(_base_url(body, url)), quote=True).encode("ascii")
    at = _head_start(body)
    return body[:at] + b'<base href="' + base + b'" />' + _META_CSP + body[at:]


def with_banner(body: bytes, url: str, fetched_at: str, status: int | None) -> bytes:
    """The archived page with a banner saying when and from where it was fetched.

    The banner is plain ASCII (accents as character references), so it fits a page
    in any ASCII-compatible encoding; the page's own bytes are left untouched.
    """
    when = fetched_at
    try:
        moment = dt.datetime.fromisoformat(fetched_at)
        when = moment.strftime("%d/%m/%Y %H:%M UTC") if moment.tzinfo else fetched_at
    except ValueError:
        pass
    text = (
        f"Copia d'archivio (rassegna): pagina scaricata il {when} da {url}"
        f"{f' (HTTP {status})' if status else ''}. Il contenuto è quello pubblicato allora; "
        "gli script della pagina non vengono eseguiti."
    )
    banner = (
        '<div data-rassegna-banner="1" style="background:#fff3cd;color:#1d232a;'
        "border-bottom:2px solid #c9a227;padding:8px 12px;font:14px sans-serif\">"
        f"{html.escape(text)}</div>"
    ).encode("ascii", "xmlcharrefreplace")
    match = _BODY_OPEN.search(body)
    if match is None:
        return banner + body
    return body[: match.end()] + banner + body[match.end() :]


def archived_copy(page: ArchivedPage) -> bytes:
    """The copy of a fetched page a browser may open: links to its site, scripts off, banner.

    What is inserted is valid in HTML and in XHTML.
    """
    return with_banner(with_base(page.body, page.url), page.url, page.fetched_at, page.status)


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata: titles, facets, full-text search and canned queries."""
    return {
        "title": "rassegna – archivio delle uscite",
        "description": "Le uscite di ogni campagna, con la fonte e la pagina archiviata.",
        "databases": {
            database: {
                "tables": {
                    "uscite": {
                        "title": "Uscite",
                        "facets": [
                            "campaign", "category", "testata", "city", "officials",
                            "release", {"date": "published"},
                        ],
                        "fts_table": "articles_fts",
                        "fts_pk": "id",
                        "sort_desc": "published",
                        "label_column": "title",
                    },
                    "articles": {"fts_table": "articles_fts", "label_column": "title"},
                },
                "queries": ARCHIVE_QUERIES,
            }
        },
    }


#: the plugin configuration (Datasette metadata) that turns the desk on
DESK = "rassegna-desk"


def desk_on(datasette: Datasette) -> bool:
    """Whether this archive serves the desk too (``rassegna serve --desk``)."""
    return bool((datasette.plugin_config(DESK) or {}).get("on"))


@hookimpl
def register_routes(datasette: Datasette) -> list[tuple[str, Any]]:
    routes: list[tuple[str, Any]] = [(r"^/-/archivio/(?P<id>\d+)$", archived_page)]
    if desk_on(datasette):
        from rassegna.desk.views import ROUTES

        routes += ROUTES
    return routes


@hookimpl
def asgi_wrapper(datasette: Datasette) -> Callable[[_ASGIApp], _ASGIApp]:
    return lambda app: _read_only(app, desk=desk_on(datasette))


def _read_only(app: _ASGIApp, desk: bool = False) -> _ASGIApp:
    """The archive answers reads only (403 to anything else) with its headers on every answer.

    Datasette has write endpoints (and answers some POSTs with a 500): none of them
    is reached. With ``desk``, the desk's own pages (``/-/desk/``) take POSTs too: its
    forms, each checked for its CSRF token by Datasette and for an editor by the desk.
    """

    async def guarded(
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Any]],
        send: Callable[[Any], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        writable = desk and scope.get("path", "").startswith("/-/desk/")
        if scope["method"] not in _READ_METHODS and not writable:
            refusal = Response.text(
                f"403: the archive is read-only ({scope['method']} refused)", status=403
            )
            await refusal.asgi_send(_with_archive_headers(send))
            return
        await app(scope, receive, _with_archive_headers(send))

    return guarded


def _with_archive_headers(
    send: Callable[[Any], Awaitable[None]],
) -> Callable[[Any], Awaitable[None]]:
    """``send`` with the archive's headers added to the answer (unless already there)."""

    async def sending(message: Any) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {name.lower() for name, _ in headers}
            headers += [header for header in _ARCHIVE_HEADERS if header[0] not in present]
            message = {**message, "headers": headers}
        await send(message)

    return sending


@hookimpl
def render_cell(value: Any, column: str) -> Any:
    if column == "archived" and isinstance(value, str) and value.startswith("/-/archivio/"):
        return Markup(f'<a href="{html.escape(value)}">pagina archiviata</a>')
    return None


async def archived_page(datasette: Datasette, request: Any) -> Response:
    """``/-/archivio/<id>``: the uscita's page as fetched, sandboxed, with the archive banner."""
    article_id = int(request.url_vars["id"])
    with opened_store(datasette.get_database().path, readonly=True) as store:
        page = store.archived_page(article_id)
    if page is None:
        return Response.text(
            f"uscita {article_id}: nessuna pagina archiviata", status=404,
            headers=dict(ARCHIVED_HEADERS),
        )
    content_type = page.content_type or "text/html; charset=utf-8"
    headers = dict(ARCHIVED_HEADERS)
    if desk_on(datasette):  # the desk shows it beside the text, in a sandboxed frame
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return Response(archived_copy(page), content_type=content_type, headers=headers)


@hookimpl
def handle_exception(request: Any, exception: Exception) -> None:
    """One line in the log for an error page that is the archive's fault (a 500).

    Datasette's own handler still answers (``None``: not handled here); its traceback
    printing is off (:func:`_quiet_error_pages`), so this line is what the log keeps.
    """
    if not isinstance(exception, Base400):  # a 404 or a 403 is the request's, not ours
        print(f"archive: {request.path}: {type(exception).__name__}: {exception}",
              file=sys.stderr)


def _quiet_error_pages() -> None:
    """Datasette's error pages without a traceback in the log (nor a 500 for a 404).

    Datasette prints the exception behind every error page with rich when rich is
    installed (it is, for our CLI), also outside an ``except``, where rich raises: a
    URL that names nothing then answers 500. Without rich it prints neither.
    """
    from datasette import handle_exception  # once Datasette has registered its plugins

    handle_exception.rich = None


def datasette_app(db_path: str | Path, desk: bool = False, secret: str | None = None
                  ) -> Datasette:
    """A read-only Datasette on the store, with the archive's metadata and routes, and
    with ``desk`` the desk's pages (:mod:`rassegna.desk`); ``secret`` signs the sessions
    and CSRF tokens (a random one per start when None: sessions end with the server).

    Raises:
        StoreError: when the file is not a store or is of a newer schema.
    """
    if not pm.has_plugin("rassegna_archive"):
        pm.register(sys.modules[__name__], name="rassegna_archive")
    _quiet_error_pages()
    path = str(Path(db_path).resolve())
    store = open_store(path, readonly=True)  # a clear error: missing, older or newer store
    store.close()
    # a store nobody can write (a read-only folder or medium) is served as immutable
    described = metadata(Path(path).stem)
    if desk:
        if store.immutable:
            raise StoreError(f"{path}: the desk writes decisions, and this store is read-only")
        described["plugins"] = {DESK: {"on": True}}
    return Datasette(
        files=[] if store.immutable else [path],
        immutables=[path] if store.immutable else [],
        metadata=described,
        settings={"allow_download": False, "default_page_size": 50},
        secret=secret,
    )


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
          desk: bool = False) -> None:
    """Serve the archive (and with ``desk`` the desk) until interrupted.

    The desk's sessions are signed with ``RASSEGNA_SECRET`` when set (they then last
    across restarts), else with a secret drawn at start.
    """
    import os

    import uvicorn

    app = datasette_app(db_path, desk=desk, secret=os.environ.get("RASSEGNA_SECRET") or None)
    # uvicorn trusts X-Forwarded-Proto from 127.0.0.1 only: behind a TLS proxy on this
    # machine the desk's session cookie is then Secure
    uvicorn.run(app.app(), host=host, port=port, log_level="warning")
