"""The desk's pages: Datasette routes under ``/-/desk/``, server-rendered, no script.

The desk works on the latest registry version: an outlet confirmed there (a new
version) counts at once, in the uscite it shows, those added and the reviews it builds
(``rassegna build`` keeps the version of the campaign's last review unless
``--refresh-audience``).

``rassegna serve --desk`` adds them to the archive's Datasette (one process, one
port). Reading needs an account (viewer or editor); every change is a POST by a
logged-in editor, with Datasette's CSRF token (asgi-csrf: the ``csrftoken`` field
must match the signed ``ds_csrftoken`` cookie), and is a manual correction in the
store, the same one ``rassegna correct`` writes, logged with who and when.

The session is Datasette's signed ``ds_actor`` cookie (HttpOnly, SameSite=Lax, Secure
over HTTPS, eight hours); the role is read from the store on every request, so an
account changed or removed takes effect at once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette.app import Datasette
from datasette.utils import baseconv
from datasette.utils.asgi import Request, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from audience.categories import CATEGORIES
from common.errors import RassegnaError
from rassegna.campaign import Campaign
from rassegna.desk.accounts import LoginBrake, check_password
from rassegna.store import CORRECTABLE, StoredUscita, User, opened_store

__all__ = ["PREFIX", "ROUTES", "SESSION_HOURS"]

PREFIX = "/-/desk"
SESSION_HOURS = 8
_TEMPLATES = Path(__file__).parent / "templates"
_STYLE = Path(__file__).parent / "static" / "desk.css"
_ENV = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(),
                   trim_blocks=True, lstrip_blocks=True)
#: on every desk page: no script, no plugin, nothing framing it, forms only to itself
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; "
                               "style-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                               "base-uri 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
}
_BRAKE = LoginBrake()
_ROLE = "rassegna.desk.role"  # where a request keeps the role read for it
_SORTS = {"data": "published", "testata": "testata", "categoria": "category",
          "audience": "audience", "titolo": "title", "citta": "city", "id": "id"}
_FORMATS = ("pdf", "docx", "xlsx", "html", "json")
View = Callable[[Datasette, Request], Awaitable[Response]]


def _db(datasette: Datasette) -> str:
    path = datasette.get_database().path
    assert path is not None  # the archive serves one file
    return str(path)


def _page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    token = request.scope["csrftoken"]() if "csrftoken" in request.scope else ""
    html = _ENV.get_template(template).render(
        csrftoken=token, actor=request.actor, prefix=PREFIX, **context)
    return Response.html(html, status=status, headers=dict(_HEADERS))


def _redirect(path: str) -> Response:
    return Response.redirect(path, headers=dict(_HEADERS))


def _refused(request: Request, why: str, status: int = 403) -> Response:
    return _page(request, "refused.html.j2", status=status, why=why)


def _role(datasette: Datasette, request: Request) -> str:
    """The role of the logged-in account, as the store has it now ("" for nobody);
    read from the store once per request."""
    if _ROLE not in request.scope:
        actor = request.actor
        user = None
        if isinstance(actor, dict) and "desk" in actor:
            with opened_store(_db(datasette), readonly=True) as store:
                user = store.user(str(actor["desk"]))
        request.scope[_ROLE] = user.role if user else ""
    return str(request.scope[_ROLE])


def _reader(view: View) -> View:
    """A page for any logged-in account; the others go to the login page."""

    async def guarded(datasette: Datasette, request: Request) -> Response:
        if not _role(datasette, request):
            return _redirect(f"{PREFIX}/login?" + urlencode({"next": request.full_path}))
        return await view(datasette, request)

    return guarded


def _editor(view: View) -> View:
    """A change: a POST by a logged-in editor (the CSRF token is checked before)."""

    async def guarded(datasette: Datasette, request: Request) -> Response:
        if request.method != "POST":
            return _refused(request, "Questa azione si fa dal modulo della pagina.", 405)
        role = _role(datasette, request)
        if role != "editor":
            return _refused(request, "Solo un redattore (editor) può decidere: "
                                     + ("il tuo account può solo leggere." if role
                                        else "accedi prima."))
        return await view(datasette, request)

    return guarded


async def _pairs(request: Request) -> list[tuple[str, str]]:
    return parse_qsl((await request.post_body()).decode("utf-8", "replace"),
                     keep_blank_values=True)


async def _form(request: Request) -> dict[str, str]:
    return dict(await _pairs(request))


def _author(request: Request) -> str:
    return f"{request.actor['desk']} (desk)" if isinstance(request.actor, dict) else "desk"


# -- login ----------------------------------------------------------------------


def _safe_next(target: str) -> str:
    """Where to go after login: a path of the desk, never another site."""
    return target if target.startswith(f"{PREFIX}/") and not target.startswith("//") else (
        f"{PREFIX}/")


def _checked(db: str, name: str, password: str) -> User | None:
    """The account if the password is its own (argon2 takes a while: a worker thread)."""
    with opened_store(db, readonly=True) as store:
        return check_password(store, name, password)


async def login(datasette: Datasette, request: Request) -> Response:
    target = _safe_next(request.args.get("next", ""))
    if request.method != "POST":
        return _page(request, "login.html.j2", next=target, error="")
    form = await _form(request)
    target = _safe_next(form.get("next", ""))
    if "ds_csrftoken" not in request.cookies:  # a login posted from anywhere but our form
        return _refused(request, "Apri la pagina di accesso e riprova.")
    name, password = form.get("name", "").strip().lower(), form.get("password", "")
    address = (request.scope.get("client") or ("", 0))[0]
    wait = _BRAKE.wait(name, address)
    if wait:
        return _page(request, "login.html.j2", status=429, next=target,
                     error=f"Troppi tentativi: riprova tra {int(wait) + 1} secondi.")
    user = await asyncio.to_thread(_checked, _db(datasette), name, password)
    if user is None:
        _BRAKE.failed(name, address)
        return _page(request, "login.html.j2", status=401, next=target,
                     error="Nome o password non validi.")
    response = _redirect(target)
    expires = baseconv.base62.encode(int(time.time()) + SESSION_HOURS * 3600)
    response.set_cookie("ds_actor", datasette.sign({"a": {"desk": user.name}, "e": expires},
                                                   "actor"),
                        httponly=True, samesite="lax", secure=request.scheme == "https",
                        max_age=SESSION_HOURS * 3600)
    return response


async def logout(datasette: Datasette, request: Request) -> Response:
    if request.method != "POST":
        return _refused(request, "Per uscire usa il pulsante Esci.", 405)
    response = _redirect(f"{PREFIX}/login")
    response.set_cookie("ds_actor", "", max_age=0, httponly=True, samesite="lax",
                        secure=request.scheme == "https")
    return response


# -- the uscite -----------------------------------------------------------------


def _campaign(store: Any, request: Request) -> tuple[str, list[tuple[str, str, str]]]:
    campaigns = store.campaigns()
    slugs = [slug for slug, _, _ in campaigns]
    asked = request.args.get("campagna", "")
    return (asked if asked in slugs else (slugs[0] if slugs else "")), campaigns


def _matches(uscita: StoredUscita, args: Any, found: set[int] | None) -> bool:
    if found is not None and uscita.id not in found:
        return False
    for key, value in (("categoria", uscita.category), ("testata", uscita.testata)):
        if args.get(key) and args.get(key) != value:
            return False
    return bool(args.get("esclusi")) or not uscita.excluded


def _sort_key(column: str) -> Callable[[Any], Any]:
    def key(row: dict[str, Any]) -> Any:
        value = row["uscita"].id if column == "id" else row[column]
        return (value is None or value == "", value if value is not None else 0)

    return key


def totals(rows: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """(category, uscite, audience) of the counted rows (not excluded), in the review's
    order, then the overall total; a figure counts once per uscita, none adds nothing."""
    counted = [r for r in rows if not r["uscita"].excluded]
    lines = [(c, sum(1 for r in counted if r["category"] == c),
              sum(r["audience"] or 0 for r in counted if r["category"] == c))
             for c in CATEGORIES]
    return [*lines, ("Totale", len(counted), sum(r["audience"] or 0 for r in counted))]


def _words(query: str) -> str:
    """What the office typed, as full-text words that must all be there: each one a
    quoted phrase, so that no character of it is read as FTS syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


@_reader
async def uscite(datasette: Datasette, request: Request) -> Response:
    with opened_store(_db(datasette), readonly=True) as store:
        slug, campaigns = _campaign(store, request)
        listed = store.uscite(slug, with_excluded=True) if slug else []
        query = request.args.get("q", "").strip()
        found = {hit.id for hit in store.search(_words(query), slug)} if query else None
        cities = store.main_cities(slug) if slug else {}
        found_via = dict(store.kept_pages_found(slug, ("",))) if slug else {}
    rows = [{"uscita": u, "published": u.published.isoformat() if u.published else "",
             "testata": u.testata or u.outlet, "category": u.category, "audience": u.audience,
             "title": u.title, "city": cities.get(u.id, ""), "cluster": u.cluster_id,
             "found_via": found_via.get(u.page_url) or ("importata" if not u.page_url else "")}
            for u in listed if _matches(u, request.args, found)]
    sort = request.args.get("ordina", "data")
    rows.sort(key=_sort_key(_SORTS.get(sort, "published")),
              reverse=request.args.get("verso") == "giu")
    args = {k: request.args.get(k) for k in request.args.keys() if k not in ("ordina", "verso")}
    return _page(
        request, "uscite.html.j2", rows=rows, totals=totals(rows), campaigns=campaigns,
        campaign=slug, categories=CATEGORIES, testate=sorted({u.testata for u in listed
                                                             if u.testata}),
        args=request.args, sorts=_SORTS, sort=sort, base=urlencode(args),
        here=request.full_path, editor=_role(datasette, request) == "editor")


@_reader
async def uscita(datasette: Datasette, request: Request) -> Response:
    article_id = int(request.url_vars["id"])
    with opened_store(_db(datasette), readonly=True) as store:
        slug, _ = _campaign(store, request)
        shown = next((u for u in store.uscite(slug, with_excluded=True) if u.id == article_id),
                     None) if slug else None
        if shown is None:
            return _page(request, "refused.html.j2", status=404,
                         why=f"Nessuna uscita {article_id} in questa campagna.")
        provenance = store.provenance(article_id)
        history = store.correction_history(article_id)
    return _page(request, "uscita.html.j2", u=shown, provenance=provenance, history=history,
                 campaign=slug, categories=CATEGORIES, fields=CORRECTABLE,
                 editor=_role(datasette, request) == "editor")


@_editor
async def correct(datasette: Datasette, request: Request) -> Response:
    from rassegna.uscite_files import correction_value

    article_id = int(request.url_vars["id"])
    form = await _form(request)
    field = form.get("field", "")
    try:
        value = correction_value(field, form.get("value", ""))
        with opened_store(_db(datasette)) as store:
            if form.get("undo"):
                store.uncorrect(article_id, field, author=_author(request))
            else:
                store.correct(article_id, field, value, form.get("note", ""),
                              author=_author(request))
    except RassegnaError as exc:
        return _refused(request, str(exc), 400)
    back = form.get("back", "")
    return _redirect(back if back.startswith(f"{PREFIX}/") else
                     f"{PREFIX}/uscita/{article_id}?" + urlencode(
                         {"campagna": form.get("campagna", "")}))


@_reader
async def candidates(datasette: Datasette, request: Request) -> Response:
    from audience.registry import SOURCES
    from rassegna.outlets import list_outlets, new_outlets

    with opened_store(_db(datasette), readonly=True) as store:
        slug, campaigns = _campaign(store, request)
        left = store.rejections(slug) if slug else []
        found = new_outlets(store, slug) if slug else []
        to_confirm = list_outlets(store, slug, inferred=True) if slug else []
    reason = request.args.get("motivo", "")
    reasons = sorted({r.reason for r in left})
    return _page(request, "candidati.html.j2", campaign=slug, campaigns=campaigns,
                 left=[r for r in left if not reason or r.reason == reason], reasons=reasons,
                 reason=reason, found=found, to_confirm=to_confirm, categories=CATEGORIES,
                 sources=SOURCES, editor=_role(datasette, request) == "editor")


def _campaign_of(db: str, slug: str) -> Campaign:
    """The store's campaign ``slug``, read from its file.

    Raises:
        RassegnaError: the store knows no such campaign, or its file cannot be read.
    """
    from rassegna.campaign import load_campaign

    with opened_store(db, readonly=True) as store:
        paths = {known: path for known, _, path in store.campaigns()}
    if slug not in paths:
        raise RassegnaError(f"Campagna {slug!r} sconosciuta.")
    return load_campaign(Path(paths[slug]))


def _confirm(db: str, slug: str, form: dict[str, str], author: str) -> str:
    """Set the outlet in the registry (a new version) and give its uscite the new
    reach; "" when done, else why not."""
    from rassegna import outlets, pipeline

    try:
        campaign = _campaign_of(db, slug)
        with opened_store(db) as store:
            outlets.set_outlet(
                store, form.get("testata", ""), category=form.get("categoria") or None,
                audience=form.get("audience", ""), source=form.get("fonte", ""),
                domains=form.get("domini") or None, measured_at=form.get("rilevazione", ""),
                notes=f"confermata al desk da {author}")
            pipeline.audience(store, campaign, refresh_audience=True)
    except RassegnaError as exc:
        return str(exc)
    return ""


@_editor
async def confirm_outlet(datasette: Datasette, request: Request) -> Response:
    form = await _form(request)
    slug = form.get("campagna", "")
    why = await asyncio.to_thread(_confirm, _db(datasette), slug, form, _author(request))
    if why:
        return _refused(request, why, 400)
    return _redirect(f"{PREFIX}/candidati?" + urlencode({"campagna": slug}))


# -- uscite added by hand -------------------------------------------------------


@_reader
async def add_page(datasette: Datasette, request: Request) -> Response:
    from rassegna.uscite_files import COLUMNS

    with opened_store(_db(datasette), readonly=True) as store:
        slug, campaigns = _campaign(store, request)
    return _page(request, "aggiungi.html.j2", campaign=slug, campaigns=campaigns,
                 categories=CATEGORIES, columns=COLUMNS, left=[], added="", error="",
                 editor=_role(datasette, request) == "editor")


def _add(db: str, slug: str, form: dict[str, str], by_url: bool
         ) -> tuple[bool, str, list[str]]:
    """Add the uscite of the form (its URLs fetched and checked like ``import --urls``, or
    its one row read like a line of ``rassegna import``): (done, what was added or why
    not, the pages left out with their reason)."""
    import csv
    import tempfile

    from rassegna import pipeline
    from rassegna.uscite_files import COLUMNS, read_uscite

    with tempfile.TemporaryDirectory(prefix="rassegna-desk-") as folder:
        file = Path(folder) / ("indirizzi.txt" if by_url else "modulo.csv")
        try:
            campaign = _campaign_of(db, slug)
            if by_url:
                file.write_text(form.get("indirizzi", "") + "\n", encoding="utf-8")
                with opened_store(db) as store:
                    done = pipeline.import_urls(store, campaign, file)
                    pipeline.audience(store, campaign, refresh_audience=True)
                return (True, f"Uscite aggiunte dagli indirizzi: {done.done}.",
                        [f"{page.url}: {page.reason}" for page in done.left_out])
            with file.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS)
                writer.writerow([form.get(column, "").strip() for column in COLUMNS])
            parsed = read_uscite(file)
            with opened_store(db) as store:
                result = pipeline.import_uscite(store, campaign, parsed)
                pipeline.audience(store, campaign, refresh_audience=True)
        except RassegnaError as exc:
            return False, str(exc).replace(str(file), "modulo"), []
    return True, ("Uscita aggiunta." if result.new else "Uscita già presente: aggiornata."), []


@_editor
async def add(datasette: Datasette, request: Request) -> Response:
    form = await _form(request)
    slug = form.get("campagna", "")
    by_url = request.url_vars["how"] == "indirizzi"
    done, said, left = await asyncio.to_thread(_add, _db(datasette), slug, form, by_url)
    from rassegna.uscite_files import COLUMNS

    with opened_store(_db(datasette), readonly=True) as store:
        campaigns = store.campaigns()
    return _page(request, "aggiungi.html.j2", status=200 if done else 400, campaign=slug,
                 campaigns=campaigns, categories=CATEGORIES, columns=COLUMNS, left=left,
                 added=said if done else "", error="" if done else said, editor=True)


@_editor
async def decide_many(datasette: Datasette, request: Request) -> Response:
    """One decision on several uscite at once: exclude, include, or a category."""
    pairs = await _pairs(request)
    form = dict(pairs)
    ids = sorted({int(v) for k, v in pairs if k == "id" and v.isdigit()})
    action = form.get("azione", "")
    if not ids:
        return _refused(request, "Scegli almeno un'uscita.", 400)
    if action not in ("escludi", "includi") and action.removeprefix("categoria:") not in (
            CATEGORIES):
        return _refused(request, f"Azione {action!r} sconosciuta.", 400)
    author = _author(request)
    try:
        with opened_store(_db(datasette)) as store, store.transaction():  # all or none
            for article_id in ids:
                if action == "escludi":
                    store.correct(article_id, "excluded", "1", author=author)
                elif action == "includi":
                    store.uncorrect(article_id, "excluded", author=author)
                else:
                    store.correct(article_id, "category", action.removeprefix("categoria:"),
                                  author=author)
    except RassegnaError as exc:
        return _refused(request, str(exc), 400)
    back = form.get("back", "")
    return _redirect(back if back.startswith(f"{PREFIX}/") else f"{PREFIX}/")


# -- the review -----------------------------------------------------------------


def _reviews_dir(datasette: Datasette) -> Path:
    db = Path(_db(datasette))
    return db.parent / f"{db.stem}-rassegne"


@_reader
async def reviews(datasette: Datasette, request: Request) -> Response:
    with opened_store(_db(datasette), readonly=True) as store:
        slug, campaigns = _campaign(store, request)
        built = store.reviews(slug) if slug else []
        latest = store.registry_version()
    folder = _reviews_dir(datasette).resolve()
    downloads = {record.id: [(path.parent.name, path.name) for name in record.files
                             if (path := Path(name).resolve()).parent.parent == folder
                             and path.is_file()] for record in built}
    return _page(request, "build.html.j2", campaign=slug, campaigns=campaigns, built=built,
                 registry=latest.id if latest else None,
                 downloads=downloads, formats=_FORMATS, categories=CATEGORIES,
                 editor=_role(datasette, request) == "editor")


def _build(db: str, slug: str, out: Path, formats: list[str], categories: list[str],
           period: tuple[dt.date | None, dt.date | None], author: str) -> str:
    """Build the campaign's review into ``out``; "" when done, else why not. Runs in a
    worker thread (a review takes seconds), with its own connection to the store."""
    from rassegna import pipeline
    from review import ReviewOptions

    try:
        campaign = _campaign_of(db, slug)
        with opened_store(db) as store:
            pipeline.build(store, campaign, out, formats=formats, categories=categories,
                           options=ReviewOptions(start=period[0], end=period[1]),
                           author=author, refresh_audience=True)
    except RassegnaError as exc:
        return str(exc)
    return ""


@_editor
async def build(datasette: Datasette, request: Request) -> Response:
    form = await _form(request)
    formats = [f for f in _FORMATS if form.get(f"formato_{f}")] or list(_FORMATS)
    chosen = [c for c in CATEGORIES if form.get(f"categoria_{c}")]
    try:
        start, end = (dt.date.fromisoformat(form[k]) if form.get(k) else None
                      for k in ("dal", "al"))
    except ValueError:
        return _refused(request, "Le date del periodo vanno scritte AAAA-MM-GG.", 400)
    slug = form.get("campagna", "")
    out = _reviews_dir(datasette) / f"{slug}-{dt.datetime.now():%Y%m%d-%H%M%S}"
    # the server goes on answering while the review is written
    why = await asyncio.to_thread(_build, _db(datasette), slug, out, formats, chosen,
                                  (start, end), _author(request))
    if why:
        return _refused(request, why, 400)
    return _redirect(f"{PREFIX}/rassegne?" + urlencode({"campagna": slug}))


_DOWNLOAD = re.compile(r"^\w[\w.-]*$")  # a file or folder name: no "..", no hidden file
_TYPES = {".pdf": "application/pdf", ".json": "application/json",
          ".html": "text/html; charset=utf-8",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@_reader
async def download(datasette: Datasette, request: Request) -> Response:
    folder, name = request.url_vars["folder"], request.url_vars["name"]
    reviews = _reviews_dir(datasette).resolve()
    path = (reviews / folder / name).resolve()
    if not (_DOWNLOAD.match(folder) and _DOWNLOAD.match(name)) or (
            path.parent.parent != reviews or not path.is_file()):
        return _refused(request, "Nessun file con questo nome.", 404)
    body = path.read_bytes()
    headers = {**_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    if path.suffix == ".html":  # a review opened here runs nothing either
        headers["Content-Security-Policy"] = "sandbox"
    return Response(body, content_type=_TYPES.get(path.suffix, "application/octet-stream"),
                    headers=headers)


async def style(datasette: Datasette, request: Request) -> Response:
    return Response(_STYLE.read_text(encoding="utf-8"), content_type="text/css; charset=utf-8",
                    headers={**_HEADERS, "Cache-Control": "max-age=3600"})


async def home(datasette: Datasette, request: Request) -> Response:
    return _redirect(f"{PREFIX}/")


ROUTES: list[tuple[str, Any]] = [
    (rf"^{PREFIX}$", home),
    (rf"^{PREFIX}/$", uscite),
    (rf"^{PREFIX}/stile\.css$", style),
    (rf"^{PREFIX}/login$", login),
    (rf"^{PREFIX}/logout$", logout),
    (rf"^{PREFIX}/decidi$", decide_many),
    (rf"^{PREFIX}/uscita/(?P<id>\d+)$", uscita),
    (rf"^{PREFIX}/uscita/(?P<id>\d+)/correggi$", correct),
    (rf"^{PREFIX}/candidati$", candidates),
    (rf"^{PREFIX}/testate/conferma$", confirm_outlet),
    (rf"^{PREFIX}/aggiungi$", add_page),
    (rf"^{PREFIX}/aggiungi/(?P<how>indirizzi|modulo)$", add),
    (rf"^{PREFIX}/rassegne$", reviews),
    (rf"^{PREFIX}/rassegne/crea$", build),
    (rf"^{PREFIX}/rassegne/(?P<folder>[\w.-]+)/(?P<name>[\w.-]+)$", download),
]
