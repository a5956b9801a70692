"""The command line: one subcommand per pipeline step.

Each command opens the store, calls one pipeline function and prints what it did.
A user mistake (bad campaign file, bad registry row, unreachable store) is one
line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

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

from rassegna import pipeline
from rassegna.campaign import EXAMPLE, Campaign, load_campaign
from rassegna.errors import RassegnaError
from rassegna.store import Store

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

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Turn a RassegnaError into one line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RassegnaError as exc:
            for line in str(exc).splitlines() or [type(exc).__name__]:
                err.print(f"[bold red]error:[/] {escape(line)}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def opened(db: Path, campaign_path: Path) -> Iterator[tuple[Store, Campaign]]:
    campaign = load_campaign(campaign_path)
    store = Store(db)
    try:
        store.register_campaign(campaign.slug, campaign.name, str(campaign.path))
        yield store, campaign
    finally:
        store.close()


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
    rejected = f", {result.rejected} rejected" if result.rejected else ""
    detail = f" ({result.detail})" if result.detail else ""
    out.print(f"{result.step}: {result.done} done{rejected}{detail}", highlight=False)


@app.command()
@user_errors
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the campaign file.")] = Path(
        "campaign.toml"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented example campaign file.

    Example: rassegna init lgnet2.toml
    """
    if path.exists() and not force:
        raise RassegnaError(f"{path}: already exists (use --force to overwrite)")
    path.write_text(EXAMPLE, encoding="utf-8")
    out.print(f"wrote {path}: edit the terms, the sources and the registry, then rassegna run")


@app.command()
@user_errors
def crawl(
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
    report: Annotated[
        bool, typer.Option("--report", help="List the pages left out and why; do not crawl.")
    ] = False,
) -> None:
    """Fetch the campaign's feeds, sitemaps, start pages and URL lists.

    Example: rassegna crawl --db lgnet2.db --campaign lgnet2.toml
    """
    with opened(db, campaign) as (store, camp):
        if report:
            _print_report(store, camp)
            return
        with progress_bars() as bar:
            _say(pipeline.crawl(store, camp, bar("crawl")))


def _print_report(store: Store, campaign: Campaign) -> None:
    table = Table(title=f"Left out of {campaign.name}")
    table.add_column("URL", overflow="fold")
    table.add_column("found via", overflow="fold")
    table.add_column("reason", overflow="fold")
    rows = store.rejections(campaign.slug)
    for row in rows:
        table.add_row(row["url"], row["found_via"], row["reason"])
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
    db: DbOption = Path("rassegna.db"), campaign: CampaignOption = Path("campaign.toml")
) -> None:
    """Give each uscita its testata, category and audience from the registry.

    Example: rassegna audience --db lgnet2.db --campaign lgnet2.toml
    """
    with opened(db, campaign) as (store, camp):
        _say(pipeline.audience(store, camp))


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RassegnaError(f"--updated {value!r}: not a date like 2023-12-14") from None


@app.command()
@user_errors
def build(
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
    out_dir: OutOption = Path("out"),
    updated: Annotated[
        str | None, typer.Option(help="Cover date 'Ultimo aggiornamento' (default today).")
    ] = None,
) -> None:
    """Write the rassegna stampa (HTML and JSON) into the output folder.

    Example: rassegna build --db lgnet2.db --campaign lgnet2.toml --out out
    """
    with opened(db, campaign) as (store, camp):
        paths = pipeline.build(store, camp, out_dir, updated=_parse_day(updated))
    for path in paths:
        out.print(f"wrote {path}")


@app.command()
@user_errors
def run(
    db: DbOption = Path("rassegna.db"),
    campaign: CampaignOption = Path("campaign.toml"),
    out_dir: OutOption = Path("out"),
) -> None:
    """Run every step in order: crawl, extract, dedupe, audience, build.

    Example: rassegna run --db lgnet2.db --campaign lgnet2.toml --out out
    """
    with opened(db, campaign) as (store, camp), progress_bars() as bar:
        results = pipeline.run(store, camp, out_dir, bar)
    for result in results:
        _say(result)


@app.command()
@user_errors
def correct(
    article_id: Annotated[int, typer.Argument(help="The uscita's id (in the JSON listing).")],
    field: Annotated[str, typer.Argument(help="excluded, testata, category, audience, title, "
                                              "author or published.")],
    value: Annotated[str, typer.Argument(help="The new value; 'excluded 1' drops the uscita.")],
    db: DbOption = Path("rassegna.db"),
    note: Annotated[str, typer.Option(help="Why, for whoever reads the store later.")] = "",
) -> None:
    """Record a manual correction; it wins over computed values in every review.

    Example: rassegna correct 12 category "Periodici e periodici online" --db lgnet2.db
    """
    store = Store(db)
    try:
        store.correct(article_id, field, value, note)
    finally:
        store.close()
    out.print(f"uscita {article_id}: {field} = {value!r}")


def main() -> None:
    app()
