"""`newsgraph export` and `newsgraph import`: a store's records out as files, and record files into a store.

Registered on the `newsgraph` Typer app by cli.py (`register(app)`). Thin over
`store.export` and `engine.importer`; errors are one line and exit status 1.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.markup import escape

from newsgraph.cli_output import err, out, progress

__all__ = ["export_command", "import_command", "register"]

# As in cli.py, which imports this module (so its names are imported from it only when a command runs).
DEFAULT_DB = os.environ.get("NEWSGRAPH_DB", "newsgraph.db")
DbOption = Annotated[str, typer.Option("--db", help="Database: a SQLite file path (default ./newsgraph.db, or "
                                       "$NEWSGRAPH_DB) or a postgresql:// URL.", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

# The export options that are filters, each the field of the chosen kind's filter it sets.
_FILTER_OPTIONS = ("since", "until", "source", "speaker", "about", "about_entity", "kind", "name", "label",
                   "country", "type", "actor", "recipient")


def _filters(what: str, given: dict[str, Any]):
    """The filter of kind `what` from the options given; an option the kind has no filter for is an error."""
    from newsgraph.cli import UserError
    from newsgraph.store.export import EXPORT_KINDS

    if what not in EXPORT_KINDS:
        raise UserError(f"--what must be one of {', '.join(EXPORT_KINDS)}, got {what!r}"[:200])
    filter_type = EXPORT_KINDS[what].filter_type
    fields = {field.name for field in dataclasses.fields(filter_type)}
    chosen = {name: value for name, value in given.items() if value is not None}
    for name in chosen:
        if name not in fields:
            usable = ", ".join("--" + option.replace("_", "-") for option in _FILTER_OPTIONS if option in fields)
            raise UserError(f"--{name.replace('_', '-')} does not filter {what}; its filters are: {usable or 'none'}")
    return filter_type(**chosen)


Text = Optional[str]


def export_command(
    what: Annotated[str, typer.Option("--what", help="articles, quotes, speakers, events or entities.")] = "articles",
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here (Parquet needs a file); "
                                                   "default standard output.")] = None,
    db: DbOption = DEFAULT_DB,
    since: Annotated[Text, typer.Option(help="On or after this date (articles: published; quotes, events: when).")] = None,
    until: Annotated[Text, typer.Option(help="On or before this date.")] = None,
    source: Annotated[Text, typer.Option(help="articles: whose source contains this text, or this site.")] = None,
    speaker: Annotated[Text, typer.Option(help="quotes: by this speaker (any part of the name or mention).")] = None,
    about: Annotated[Text, typer.Option(help="quotes: whose words match this search.")] = None,
    about_entity: Annotated[Text, typer.Option(help="quotes: that name this entity.")] = None,
    kind: Annotated[Text, typer.Option(help="quotes: direct, partial, indirect, mixed or headline.")] = None,
    name: Annotated[Text, typer.Option(help="speakers, entities: whose name contains this text.")] = None,
    label: Annotated[Text, typer.Option(help="entities: of this kind (PERSON, ORG, GPE, ...).")] = None,
    country: Annotated[Text, typer.Option(help="entities: of this country (ISO3).")] = None,
    type: Annotated[Text, typer.Option("--type", help="events: of this PLOVER type.")] = None,
    actor: Annotated[Text, typer.Option(help="events: whose actor is this country (ISO3) or name.")] = None,
    recipient: Annotated[Text, typer.Option(help="events: whose recipient is this country (ISO3) or name.")] = None,
) -> None:
    """Write what the database holds as JSON Lines, CSV or Parquet, in constant memory.

    `--what articles --format jsonl` writes the record contract exactly as `extract` does, so
    `newsgraph import` loads it into another database. Quotes, speakers, events and entities
    are the rows of the listing commands (the same filters, the same order, every row). CSV
    has a header row and nested values as JSON; Parquet has a typed schema. A file is
    written whole or not at all.
    """
    from newsgraph.cli import _open_existing, user_errors
    from newsgraph.store.export import export

    given = dict(since=since, until=until, source=source, speaker=speaker, about=about, about_entity=about_entity,
                 kind=kind, name=name, label=label, country=country, type=type, actor=actor, recipient=recipient)
    started = time.perf_counter()
    with user_errors(), _open_existing(db) as store, progress(transient=True) as bars:
        filters = _filters(what, given)
        task = bars.add_task("exporting", total=None, unit=what, articles=0, rate=0.0)

        def shown(rows: int) -> None:
            elapsed = time.perf_counter() - started
            bars.update(task, completed=rows, articles=rows, rate=rows / elapsed if elapsed else 0.0)

        written = export(store, what, format, output, filters, on_row=shown)
    if output is not None:
        err.print(f"{written} {what} written to {escape(str(output))} ({format})")


def import_command(
    path: Annotated[str, typer.Argument(metavar="FILE", help="Record-contract JSON Lines (as extract or export "
                                        "--what articles write them; .gz too), or - for standard input.")],
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Records per committed transaction.")] = 200,
    as_json: JsonOption = False,
) -> None:
    """Load analysed records into the database without analysing them again.

    Each batch of lines is committed with the lines' fingerprints, so a killed import is
    finished by running it again and a re-run adds nothing twice; an article whose body is
    already stored counts as a duplicate. A line that is not a record is reported as
    FILE#N with the reason, kept in `newsgraph errors`, and skipped; the rest is loaded,
    and the exit status is 1.
    """
    from newsgraph.cli import UserError, user_errors
    from newsgraph.engine.importer import ImportFailed, count_lines, import_records
    from newsgraph.store import open_store

    kept = "every batch committed so far is kept; run the same command again to finish"
    with user_errors(kept):
        try:
            total = count_lines(path)
        except ImportFailed as error:
            raise UserError(str(error)) from None
        with open_store(db) as store, progress() as bars:
            task = bars.add_task("importing", total=total, unit="lines", articles=0, rate=0.0)

            def shown(summary) -> None:
                bars.update(task, completed=summary.line_number, articles=summary.new,
                            rate=summary.records_per_second)

            try:
                summary = import_records(path, store, batch_size=batch_size, stdin=sys.stdin.buffer,
                                         on_batch=shown)
            except ImportFailed as error:
                raise UserError(str(error)) from None
            bars.update(task, completed=total if total is not None else summary.line_number)
    for failure in summary.failures[:20]:
        err.print(f"[yellow]skipped[/] {escape(failure.source)}: {escape(failure.reason)}")
    if summary.failed > 20:
        err.print(f"... and {summary.failed - 20} more: newsgraph errors")
    if as_json:
        out.print_json(data=summary.as_dict())
    err.print(
        f"{summary.lines} records read: {summary.new} new, {summary.duplicates} duplicates, "
        f"{summary.unchanged + summary.skipped} already stored, {summary.failed} failed "
        f"({summary.seconds:.1f} s, {summary.records_per_second:.0f} records/s)"
    )
    if summary.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `export` and `import` to the command line."""
    app.command("export")(export_command)
    app.command("import")(import_command)
