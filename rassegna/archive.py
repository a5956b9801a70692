"""The archive: every uscita searchable, browsable and citable, with its page as it was.

``rassegna serve`` runs Datasette read-only on the store with facets, full-text
search and canned queries over the ``uscite`` view, and a route that shows an
uscita's archived page; ``rassegna snapshot`` writes that page to a file.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils.asgi import Response
from markupsafe import Markup

from rassegna.store import ARCHIVE_QUERIES, Store

__all__ = ["with_banner", "metadata", "datasette_app", "serve", "archived_page"]

_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


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
        f"{f' (HTTP {status})' if status else ''}. Il contenuto è quello pubblicato allora."
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


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/archivio/(?P<id>\d+)$", archived_page)]


@hookimpl
def render_cell(value: Any, column: str) -> Any:
    if column == "archived" and isinstance(value, str) and value.startswith("/-/archivio/"):
        return Markup(f'<a href="{html.escape(value)}">pagina archiviata</a>')
    return None


async def archived_page(datasette: Datasette, request: Any) -> Response:
    """``/-/archivio/<id>``: the uscita's page as fetched, with the archive banner."""
    article_id = int(request.url_vars["id"])
    store = Store(datasette.get_database().path, readonly=True)
    try:
        found = store.archived_page(article_id)
    finally:
        store.close()
    if found is None:
        return Response.text(f"uscita {article_id}: nessuna pagina archiviata", status=404)
    body, page = found
    page_bytes = with_banner(body, page["url"], page["fetched_at"], page["status"])
    content_type = page["content_type"] or "text/html; charset=utf-8"
    return Response(page_bytes, content_type=content_type)


def datasette_app(db_path: str | Path) -> Datasette:
    """A read-only Datasette on the store, with the archive's metadata and routes.

    Raises:
        StoreError: when the file is not a store or is of a newer schema.
    """
    if not pm.has_plugin("rassegna_archive"):
        pm.register(sys.modules[__name__], name="rassegna_archive")
    path = str(Path(db_path).resolve())
    store = Store(path, readonly=True)  # a clear error for a missing, older or newer store
    store.close()
    # a store nobody can write (a read-only folder or medium) is served as immutable
    return Datasette(
        files=[] if store.immutable else [path],
        immutables=[path] if store.immutable else [],
        metadata=metadata(Path(path).stem),
        settings={"allow_download": False, "default_page_size": 50},
    )


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the archive until interrupted."""
    import uvicorn

    uvicorn.run(datasette_app(db_path).app(), host=host, port=port, log_level="warning")
