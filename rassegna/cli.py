"""The command line: one subcommand per pipeline step.

Each command parses its options, opens the store (one way: :func:`_store`, or
:func:`opened` with the campaign), calls one pipeline function and prints what it
did. A user mistake (bad campaign file, bad registry row, unreachable store) is one
line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from audience import CATEGORIES, normalise_category
from common.dates import parse_day
from common.errors import RassegnaError
from rassegna import discovery, outlets, pipeline
from rassegna.campaign import EXAMPLE, EXAMPLE_REGISTRY, Campaign, load_campaign
from rassegna.crawling import check_max_pages, crawl_lock
from rassegna.store import Store, opened_store
from review import FORMATS, ReviewOptions, number

if TYPE_CHECKING:
    from rassegna.uscite_files import ImportResult

app = typer.Typer(
    name="rassegna",
    help="Press review and media monitoring: crawl, extract, dedupe, audience, build.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="The store (an SQLite file).")]
CampaignOption = Annotated[Path, typer.Option("--campaign", "-c", help="The campaign TOML file.")]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder for the review files.")]
RefreshOption = Annotated[
    bool,
    typer.Option(
        "--refresh-audience",
        help="Use the latest registry version, even if a review was built with an older one.",
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def _print_version(value: bool) -> None:
    if not value:
        return
    try:
        version = importlib.metadata.version("rassegna")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout, not installed
        version = "(not installed)"
    out.print(f"rassegna {version}", highlight=False)
    raise typer.Exit()


@app.callback()
def _options_of_every_command(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True,
                     help="Print rassegna's version and exit."),
    ] = False,
) -> None:
    """Options before any command: --version."""


def user_errors(func: F) -> F:
    """Turn a RassegnaError, or a file that cannot be written or read (an output folder
    that does not exist, a full disk), into one line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RassegnaError as exc:
            _error(str(exc).splitlines() or [type(exc).__name__])
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            _error([f"{where}{exc.strerror or exc}"])

    return wrapper  # type: ignore[return-value]


def _error(lines: list[str]) -> NoReturn:
    for line in lines:
        err.print(f"[bold red]error:[/] {escape(line)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


@contextmanager
def opened(
    db: Path, campaign_path: Path, reading: bool = False, create: bool = True
) -> Iterator[tuple[Store, Campaign]]:
    """The campaign and its store, as :func:`_store` opens it."""
    campaign = load_campaign(campaign_path)
    with _store(db, reading, create) as store:
        if not reading:
            store.register_campaign(campaign.slug, campaign.name, str(campaign.path))
        yield store, campaign


@contextmanager
def progress_bars() -> Iterator[Callable[[str], pipeline.Progress]]:
    """Rich progress bars, one per step; each step reports (done, total)."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bars:

        def bar(step: str) -> pipeline.Progress:
            task = bars.add_task(step, total=None)

            def update(done: int, total: int | None) -> None:
                bars.update(task, completed=done, total=total)

            return update

        yield bar


def _say(result: pipeline.StepResult) -> None:
    out.print(result.line(), highlight=False)


@app.command()
@user_errors
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the campaign file.")] = Path(
        "campaign.toml"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented example campaign file, and the registry file it names.

    An existing registry file is kept as it is, even with --force.

    Example: rassegna init lgnet2.toml
    """
    if path.exists() and not force:
        raise RassegnaError(f"{path}: already exists (use --force to overwrite)")
    _write(path, EXAMPLE)
    out.print(f"wrote {path}: edit the terms, the sources and the registry, then rassegna run")
    registry = load_campaign(path).registry
    if registry is None:
        return
    if registry.exists():
        out.print(f"kept {registry}: it already exists")
    else:
        _write(registry, EXAMPLE_REGISTRY)
        out.print(f"wrote {registry}: two example rows, to replace with the office's outlets")


def _write(path: Path, text: str) -> None:
    """Write a new file, creating its folder."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise RassegnaError(f"{path}: cannot write ({exc.strerror})") from exc


@app.command()
@user_errors
def crawl(
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
    report: Annotated[
        bool, typer.Option("--report", help="List the pages left out and why; do not crawl.")
    ] = False,
    max_pages: Annotated[
        int, typer.Option(help="Fetch at most N article pages; the next crawl resumes there.")
    ] = 0,
) -> None:
    """Fetch the campaign's feeds, sitemaps, start pages and URL lists.

    An interrupted crawl (Ctrl-C, --max-pages) resumes on the next run.

    Example: rassegna crawl --db lgnet2.db --campaign lgnet2.toml
    """
    check_max_pages(max_pages)  # before the store is touched
    if report:
        with opened(db, campaign, reading=True) as (store, camp):
            _print_report(store, camp)
        return
    with opened(db, campaign) as (store, camp):
        _no_crawl_running(store, camp)
        with progress_bars() as bar:
            _say(pipeline.crawl(store, camp, bar("crawl"), max_pages))


def _no_crawl_running(store: Store, campaign: Campaign) -> None:
    """Refuse at once, before any progress bar, a crawl of a campaign already crawling.

    (The crawl process itself holds the lock while it runs.)
    """
    with crawl_lock(store.path, campaign):
        pass


def _table(*columns: str, numbers: tuple[str, ...] = (), title: str | None = None) -> Table:
    """A table of these columns, long values folded, the ``numbers`` right-aligned."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold",
                         justify="right" if column in numbers else "left")
    return table


def _print_report(store: Store, campaign: Campaign) -> None:
    searched = discovery.search_lines(store, campaign)
    if searched:
        found = _table("query", "results", "kept", "left, and why",
                       numbers=("results", "kept"),
                       title=f"Search engines and alerts of {campaign.name}")
        for line in searched:
            why = ", ".join(f"{n} {reason}" for reason, n in line.left.most_common())
            found.add_row(line.via, str(line.results), str(line.kept), why)
        out.print(found)
    table = _table("URL", "found via", "reason", title=f"Left out of {campaign.name}")
    rows = store.rejections(campaign.slug)
    for row in rows:
        table.add_row(row.url, row.found_via, row.reason)
    out.print(table)
    out.print(f"{len(rows)} pages left out")


@app.command()
@user_errors
def extract(
    db: DbOption = Path("rassegna.db"), campaign: CampaignOption = Path("campaign.toml")
) -> None:
    """Extract title, date, author, outlet and text of every page fetched.

    Example: rassegna extract --db lgnet2.db --campaign lgnet2.toml
    """
    with opened(db, campaign) as (store, camp), progress_bars() as bar:
        _say(pipeline.extract(store, camp, bar("extract")))


@app.command()
@user_errors
def entities(
    db: DbOption = Path("rassegna.db"), campaign: CampaignOption = Path("campaign.toml")
) -> None:
    """Recompute cities, city stop, officials and figures of every uscita.

    Example: rassegna entities --db lgnet2.db --campaign lgnet2.toml
    """
    with opened(db, campaign) as (store, camp):
        _say(pipeline.entities(store, camp))


@app.command()
@user_errors
def dedupe(
    db: DbOption = Path("rassegna.db"), campaign: CampaignOption = Path("campaign.toml")
) -> None:
    """Cluster syndicated copies of the same press release.

    Example: rassegna dedupe --db lgnet2.db --campaign lgnet2.toml
    """
    with opened(db, campaign) as (store, camp):
        _say(pipeline.dedupe(store, camp))


@app.command()
@user_errors
def audience(
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
    refresh_audience: RefreshOption = False,
) -> None:
    """Give each uscita its testata, category and audience from the registry.

    Example: rassegna audience --db lgnet2.db --campaign lgnet2.toml
    """
    with opened(db, campaign) as (store, camp):
        _say(pipeline.audience(store, camp, refresh_audience))


def _parse_day(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_day(value)  # the import's dates: "2023-12-14", "14/12/2023", "14 dic 2023"
    except ValueError:
        raise RassegnaError(f"{option} {value!r}: not a date like 2023-12-14") from None


@app.command()
@user_errors
def build(
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
    out_dir: OutOption = Path("out"),
    updated: Annotated[
        str | None, typer.Option(help="Cover date 'Ultimo aggiornamento' (default today).")
    ] = None,
    refresh_audience: RefreshOption = False,
    formats: Annotated[
        str, typer.Option("--format", help=f"Comma-separated: {','.join(FORMATS)}.")
    ] = ",".join(FORMATS),
    start: Annotated[str | None, typer.Option("--from", help="First day (2023-10-01).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (2023-12-31).")] = None,
    category: Annotated[
        list[str] | None, typer.Option(help="Only this category (repeat for more).")
    ] = None,
    clippings: Annotated[bool, typer.Option(help="Include the full texts.")] = True,
    one_per_cluster: Annotated[
        bool, typer.Option(help="Clip each press release once; refer to it from its copies.")
    ] = False,
    logo: Annotated[Path | None, typer.Option(help="PNG or JPEG for the cover.")] = None,
    charts: Annotated[bool, typer.Option(help="Draw the charts.")] = True,
) -> None:
    """Write the rassegna stampa (HTML, JSON, PDF, DOCX, XLSX) into the output folder.

    Example: rassegna build --db lgnet2.db --campaign lgnet2.toml --out out --format pdf,docx
    """
    chosen = _formats(formats)
    names = _categories(category or [])
    options = _options(start, end, clippings, one_per_cluster, logo, charts)
    with opened(db, campaign, create=False) as (store, camp):
        paths = pipeline.build(
            store, camp, out_dir, chosen, updated=_parse_day(updated, "--updated"),
            refresh_audience=refresh_audience, options=options, categories=names,
        )
    for path in paths:
        out.print(f"wrote {path}")


def _formats(value: str) -> list[str]:
    chosen = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise RassegnaError(f"--format {value!r}: choose among {', '.join(FORMATS)}")
    return chosen


def _categories(values: list[str]) -> list[str]:
    names = []
    for value in values:
        name = normalise_category(value)
        if name is None:
            raise RassegnaError(f"--category {value!r}: one of {'; '.join(CATEGORIES)}")
        names.append(name)
    return names


def _options(
    start: str | None, end: str | None, clippings: bool, one_per_cluster: bool,
    logo: Path | None, charts: bool,
) -> ReviewOptions:
    image = None
    if logo is not None:
        try:
            image = logo.read_bytes()
        except OSError as exc:
            raise RassegnaError(f"{logo}: cannot read the logo ({exc.strerror})") from exc
        if image[:4] != b"\x89PNG" and image[:3] != b"\xff\xd8\xff":
            raise RassegnaError(f"{logo}: the logo must be a PNG or JPEG image")
    return ReviewOptions(
        clippings=clippings, one_per_cluster=one_per_cluster, logo=image, charts=charts,
        start=_parse_day(start, "--from"), end=_parse_day(end, "--to"),
    )


@app.command()
@user_errors
def run(
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
    out_dir: OutOption = Path("out"),
    refresh_audience: RefreshOption = False,
) -> None:
    """Run every step in order: crawl, extract, dedupe, audience, build.

    Example: rassegna run --db lgnet2.db --campaign lgnet2.toml --out out
    """
    with opened(db, campaign) as (store, camp):
        _no_crawl_running(store, camp)
        with progress_bars() as bar:
            results = pipeline.run(store, camp, out_dir, bar, refresh_audience=refresh_audience)
    for result in results:
        _say(result)


def _whoami() -> str:
    """Who takes a decision on the command line, for the history: the system user."""
    import getpass

    try:
        return f"{getpass.getuser()} (riga di comando)"
    except (KeyError, OSError):
        return "riga di comando"


@app.command()
@user_errors
def correct(
    article_id: Annotated[int, typer.Argument(help="The uscita's id (in the JSON listing).")],
    field: Annotated[str, typer.Argument(help="excluded, testata, category, audience, title, "
                                              "author or published.")],
    value: Annotated[
        str | None, typer.Argument(help="The new value; 'excluded 1' drops the uscita.")
    ] = None,
    db: DbOption = Path("rassegna.db"),
    note: Annotated[str, typer.Option(help="Why, for whoever reads the store later.")] = "",
    undo: Annotated[
        bool, typer.Option("--undo", help="Remove the correction of FIELD instead.")
    ] = False,
) -> None:
    """Record a manual correction; it wins over computed values in every review.

    The value is checked as an import checks it: one of the seven categories, an
    audience in figures, a date. --undo removes a correction.

    Example: rassegna correct 12 category "Periodici e periodici online" --db lgnet2.db
    """
    from rassegna.uscite_files import correction_value

    if undo == (value is not None):
        raise RassegnaError("correct: give ID FIELD VALUE, or --undo ID FIELD")
    checked = correction_value(field, value) if value is not None else ""
    with _store(db, create=False) as store:
        author = _whoami()
        if undo and not store.uncorrect(article_id, field, author=author):
            raise RassegnaError(f"uscita {article_id} has no correction of {field}")
        if not undo:
            store.correct(article_id, field, checked, note, author=author)
    out.print(f"uscita {article_id}: {field} correction removed" if undo
              else f"uscita {article_id}: {field} = {checked!r}", highlight=False)


@app.command("import")
@user_errors
def import_(
    file: Annotated[Path, typer.Argument(help="CSV, XLSX or JSON Lines of uscite.")],
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
    urls: Annotated[
        bool, typer.Option("--urls", help="FILE lists URLs (one per line) to fetch and extract.")
    ] = False,
    agency: Annotated[
        bool, typer.Option("--agency", help="FILE is a press-database export of agency items.")
    ] = False,
    skip_invalid: Annotated[
        bool, typer.Option(help="Store the valid rows; write the bad ones to --rejected.")
    ] = False,
    rejected: Annotated[
        Path | None, typer.Option(help="Where the bad rows go (default FILE.rejected.csv).")
    ] = None,
) -> None:
    """Add uscite the crawler cannot reach: print, TV, radio, social posts, agency items.

    A row of an uscita already stored changes only what differs (as a correction).

    Example: rassegna import uscite-a-mano.xlsx --db lgnet2.db --campaign lgnet2.toml
    """
    from rassegna.uscite_files import read_agency, read_uscite

    if urls and agency:
        raise RassegnaError("--urls and --agency: one kind of file at a time")
    if urls:
        with opened(db, campaign) as (store, camp), progress_bars() as bar:
            done = pipeline.import_urls(store, camp, file, bar("fetch"))
        _say(done)
        for page in done.left_out:
            err.print(f"left out: {page.url}: {page.reason}", highlight=False)
        return
    camp = load_campaign(campaign)  # a bad campaign file is reported before the file is read
    with _bars_when_needed() as bar:
        parsed = (read_agency if agency else read_uscite)(file, bar, skip_invalid)
        with _store(db) as store:
            result = pipeline.import_uscite(store, camp, parsed, skip_invalid, rejected, bar)
    _say_import(file, result)


def _say_import(file: Path, result: ImportResult) -> None:
    if result.encoding != "utf-8":
        out.print(f"{file}: read as {result.encoding} (not UTF-8)", highlight=False)
    if result.ignored:
        out.print(f"{file}: columns ignored: {', '.join(result.ignored)}", highlight=False)
    changed = f" ({result.changed} changed)" if result.changed else ""
    repeated = f", {result.repeated} repeated in the file" if result.repeated else ""
    out.print(f"import: {result.new} new, {result.already} already stored{changed}{repeated} "
              f"from {file}", highlight=False)
    for line in result.rejected:
        err.print(f"rejected: {line}", highlight=False)


@contextmanager
def _bars_when_needed() -> Iterator[Callable[[str], pipeline.Progress]]:
    """Progress bars that show only once a step asks for one (a small file gets none)."""
    with ExitStack() as stack:
        started: list[Callable[[str], pipeline.Progress]] = []

        def bar(step: str) -> pipeline.Progress:
            if not started:
                started.append(stack.enter_context(progress_bars()))
            return started[0](step)

        yield bar


@app.command()
@user_errors
def export(
    out_file: Annotated[Path, typer.Argument(help="The file to write (.csv, .jsonl or .xlsx).")],
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
) -> None:
    """Write the campaign's uscite with the columns `rassegna import` reads.

    Example: rassegna export lgnet2.xlsx --db lgnet2.db --campaign lgnet2.toml
    """
    from rassegna.uscite_files import export_rows, write_export

    fmt = out_file.suffix.lower().lstrip(".")
    with opened(db, campaign, reading=True) as (store, camp):
        rows = export_rows(store.uscite(camp.slug))
    write_export(rows, out_file, fmt)
    out.print(f"export: {len(rows)} uscite written to {out_file}")


def _find(store: Store, ref: str) -> int:
    article_id = store.find_uscita(ref)
    if article_id is None:
        raise RassegnaError(f"{store.path}: no uscita {ref!r} (give its id or its URL)")
    return article_id


@app.command()
@user_errors
def show(
    ref: Annotated[str, typer.Argument(help="The uscita's id or URL.")],
    db: DbOption = Path("rassegna.db"),
) -> None:
    """Print an uscita with its provenance: fetch, canonical URL, aliases, cluster, entities.

    Example: rassegna show https://www.example.it/lgnet2-latina/ --db lgnet2.db
    """
    with _store(db, reading=True) as store:
        info = store.provenance(_find(store, ref))
    stored, article, page, reach = info.article, info.article.article, info.page, info.reach
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    rows = [
        ("id", str(stored.id)),
        ("titolo", article.title),
        ("testata", (reach.testata if reach else "") or article.outlet),
        ("categoria", reach.category if reach else ""),
        ("audience", str(reach.audience or "") if reach else ""),
        ("data", article.published.isoformat() if article.published else ""),
        ("giornalista", article.author),
        ("url", article.url),
        ("campagne", ", ".join(info.campaigns)),
    ]
    if page:
        rows += [
            ("pagina", page.url),
            ("canonical", page.canonical_url),
            ("prima vista", page.first_seen),
            ("scaricata", page.fetched_at),
            ("HTTP", str(page.status)),
            ("archivio", f"{page.archived_bytes} byte compressi"),
        ]
    rows += [("trovata con", f"[{campaign}] {via}") for campaign, via in info.found_via]
    rows += [("alias", url) for url in info.aliases]
    for c in info.clusters:
        rows.append(("comunicato", f"[{c.campaign}] cluster {c.cluster_id} "
                                   f"({c.size} uscite): {c.label}"))
    found = info.entities
    rows += [("city", city.name) for city in found.cities]  # kinds as stored, A to Z
    rows += [("figure", figure.text) for figure in found.figures]
    rows += [("main_city", found.main_city)] if found.main_city else []
    rows += [("official", official.name) for official in found.officials]
    rows += [(f"correzione {c.field}", f"{c.value} {c.note}".strip())
             for c in info.corrections]
    for key, value in rows:
        table.add_row(key, escape(value or ""))
    out.print(table)


@app.command()
@user_errors
def snapshot(
    ref: Annotated[str, typer.Argument(help="The uscita's id or URL.")],
    db: DbOption = Path("rassegna.db"),
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default uscita-ID.html).")
    ] = None,
    raw: Annotated[bool, typer.Option(help="The bytes as fetched, without the banner.")] = False,
) -> None:
    """Write the archived page of an uscita as it was fetched, with a banner saying when.

    Its links lead to the original site and its scripts do not run when opened.

    Example: rassegna snapshot 12 --db lgnet2.db --out latina.html
    """
    from rassegna.archive import archived_copy

    with _store(db, reading=True) as store:
        article_id = _find(store, ref)
        page = store.archived_page(article_id)
    if page is None:
        raise RassegnaError(f"uscita {article_id} has no archived page (imported by hand?)")
    target = out_file or Path(f"uscita-{article_id}.html")
    target.write_bytes(page.body if raw else archived_copy(page))
    out.print(f"wrote {target} ({page.url}, fetched {page.fetched_at})")


@app.command()
@user_errors
def serve(
    db: DbOption = Path("rassegna.db"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    desk: Annotated[bool, typer.Option("--desk", help="Serve the desk too, at /-/desk/ "
                                       "(accounts: rassegna users add).")] = False,
) -> None:
    """Browse and search the archive in Datasette (read-only; archived pages run no script).

    With --desk, the office curates its uscite and builds the review in the browser.

    Example: rassegna serve --db lgnet2.db --port 8001 --desk
    """
    from rassegna.archive import serve as serve_archive

    with _store(db, reading=not desk, create=False) as store:
        if desk and not store.users():
            raise RassegnaError("serve --desk: no account yet; add one with "
                                f"rassegna users add NAME --role editor --db {db}")
    out.print(f"archive on http://{host}:{port}/"
              + (f", desk on http://{host}:{port}/-/desk/" if desk else "") + " (Ctrl-C to stop)")
    serve_archive(db, host, port, desk=desk)


# -- the desk's accounts -------------------------------------------------------

users_app = typer.Typer(
    help="The accounts of the desk (rassegna serve --desk).\n\n"
    "Example: rassegna users add giulia --role editor --db lgnet2.db",
    no_args_is_help=True,
)
app.add_typer(users_app, name="users")


@users_app.command("add")
@user_errors
def users_add(
    name: Annotated[str, typer.Argument(help="The login name (lower case).")],
    role: Annotated[str, typer.Option(help="editor (decides) or viewer (reads).")] = "viewer",
    db: DbOption = Path("rassegna.db"),
) -> None:
    """Add an account to the desk, or give one a new role and password.

    The password is asked twice on the terminal and stored as an argon2id hash.

    Example: rassegna users add giulia --role editor --db lgnet2.db
    """
    from rassegna.desk.accounts import add_user

    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with _store(db, create=False) as store:
        user = add_user(store, name, role, password)
    out.print(f"account {user.name}: {user.role}")


@users_app.command("list")
@user_errors
def users_list(db: DbOption = Path("rassegna.db")) -> None:
    """List the desk's accounts and their roles.

    Example: rassegna users list --db lgnet2.db
    """
    with _store(db, reading=True) as store:
        users = store.users()
    table = _table("Nome", "Ruolo", "Creato")
    for user in users:
        table.add_row(user.name, user.role, user.created_at)
    out.print(table)
    out.print(f"{len(users)} account")


# -- the campaign's sources ----------------------------------------------------

sources_app = typer.Typer(
    help="The campaign's sources, declared in its file and discovered by search.\n\n"
    "Example: rassegna sources list -c campaign.toml --db lgnet2.db",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")


@sources_app.command("list")
@user_errors
def sources_list(
    db: DbOption = Path("rassegna.db"), campaign: CampaignOption = Path("campaign.toml")
) -> None:
    """List the campaign's sources, declared and discovered, with the pages each brought.

    Example: rassegna sources list -c campaign.toml --db lgnet2.db
    """
    loaded = load_campaign(campaign)
    with _store(db, reading=True) as store:
        lines = discovery.source_lines(store, loaded)
    table = _table("Tipo", "Fonte", "Origine", "Pagine", numbers=("Pagine",))
    for line in lines:
        table.add_row(line.kind, line.source, line.origin, str(line.pages))
    out.print(table)
    discovered = sum(line.origin != "campagna" for line in lines)
    out.print(f"{len(lines)} fonti, {discovered} scoperte")


# -- the outlet registry -------------------------------------------------------

outlets_app = typer.Typer(
    help="The outlet registry in the store: import a file, list, set one outlet.\n\n"
    "Example: rassegna outlets import outlets.xlsx --db lgnet2.db",
    no_args_is_help=True,
)
app.add_typer(outlets_app, name="outlets")


@outlets_app.command("import")
@user_errors
def outlets_import(
    file: Annotated[Path, typer.Argument(help="The registry, CSV or XLSX.")],
    db: DbOption = Path("rassegna.db"),
) -> None:
    """Store a registry file as the new registry version; a bad row refuses the whole file.

    Example: rassegna outlets import outlets.csv --db lgnet2.db
    """
    with _store(db) as store:
        result = outlets.import_outlets(store, file)
    if result.created:
        out.print(f"{file}: {result.outlets} outlets stored as registry version {result.version}")
    else:
        out.print(f"{file}: same as registry version {result.version}, nothing stored")


@outlets_app.command("list")
@user_errors
def outlets_list(
    db: DbOption = Path("rassegna.db"),
    campaign: Annotated[
        Path | None, typer.Option("--campaign", "-c", help="Only this campaign's uscite.")
    ] = None,
    missing_audience: Annotated[
        bool, typer.Option("--missing-audience", help="Only outlets without a figure.")
    ] = False,
    inferred: Annotated[
        bool, typer.Option("--inferred", help="Only outlets whose category was inferred.")
    ] = False,
    new: Annotated[
        bool, typer.Option("--new", help="Only domains that search engines and alerts "
                           "revealed and the registry does not know (needs --campaign).")
    ] = False,
) -> None:
    """List the registry's outlets, or those to complete (--missing-audience) or confirm.

    Example: rassegna outlets list --inferred --db lgnet2.db
    """
    slug = load_campaign(campaign).slug if campaign else None
    if new:
        _new_outlets(db, slug)
        return
    with _store(db, reading=True) as store:
        lines = outlets.list_outlets(store, slug, missing_audience, inferred)
    table = Table()
    for column in ("Testata", "Categoria", "Audience", "Fonte", "Domini", "Stato", "Uscite"):
        table.add_column(column, overflow="fold", no_wrap=column == "Testata",
                         justify="right" if column in ("Audience", "Uscite") else "left")
    for line in lines:
        table.add_row(line.testata, line.category, number(line.audience),
                      line.source, line.domains.replace(";", " "), line.status,
                      str(line.uscite))
    out.print(table)
    out.print(f"{len(lines)} outlets")


def _new_outlets(db: Path, slug: str | None) -> None:
    if slug is None:
        raise RassegnaError("outlets list --new: say which campaign (--campaign FILE)")
    with _store(db, reading=True) as store:
        found = outlets.new_outlets(store, slug)
    table = _table("Dominio", "Testata", "Uscite", "Trovata con", numbers=("Uscite",))
    for line in found:
        table.add_row(line.domain, line.testata, str(line.uscite), line.found_via)
    out.print(table)
    out.print(f"{len(found)} {'dominio nuovo' if len(found) == 1 else 'domini nuovi'}")


@outlets_app.command("set")
@user_errors
def outlets_set(
    testata: Annotated[str, typer.Argument(help="The outlet's name in the registry.")],
    category: Annotated[str | None, typer.Option(help="One of the seven categories.")] = None,
    audience: Annotated[
        str | None, typer.Option(help="The certified figure ('1.464.811'); '' removes it.")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Audipress, Audiweb, Auditel, Radiomonitor, followers…")
    ] = None,
    domains: Annotated[str | None, typer.Option(help="Domains, separated by ';'.")] = None,
    measured_at: Annotated[
        str | None, typer.Option("--measured-at", help="The period of the figure.")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="A note for the office.")] = None,
    db: DbOption = Path("rassegna.db"),
) -> None:
    """Add an outlet to the registry or change its fields: a new registry version.

    Example: rassegna outlets set "Genova 24" --category "Quotidiani e quotidiani online"
    --audience 1.464.811 --source Audiweb --db lgnet2.db
    """
    with _store(db) as store:
        outlet, version = outlets.set_outlet(
            store, testata, category=category, audience=audience, source=source,
            domains=domains, measured_at=measured_at, notes=notes,
        )
    figure = number(outlet.audience) or "no figure"
    out.print(f"{outlet.name}: {outlet.category}, {figure} (registry version {version})")


@contextmanager
def _store(db: Path, reading: bool = False, create: bool = True) -> Iterator[Store]:
    """The store of a command, closed after it: every command opens it this way.

    A command that only reads (``reading``) needs an existing store and reads it as
    it is, also from a read-only medium; one that writes creates it (unless not
    ``create``: ``build`` of a mistyped --db must not deliver an empty review).
    """
    with opened_store(db, readonly=reading, create=create) as store:
        yield store


def main() -> None:
    app()
