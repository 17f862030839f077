"""How the command line shows things: progress bars, summaries, articles and listings.

Every string that came from an input (a headline, a source, a quotation) is
printed as text, never interpreted as Rich markup.
"""

from __future__ import annotations

import os
import re

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

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # an error is one line, whatever the width

# The summary lists this many failures and problems on screen; all are in the errors table.
SHOWN_FAILURES = 20
# Control characters cannot occur in stored text, so they mark matches unambiguously on screen.
MATCH_START, MATCH_END = "\x02", "\x03"


def progress(transient: bool = False) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description:<9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"),
        TextColumn("[cyan]{task.fields[articles]}[/] articles"),
        TextColumn("[cyan]{task.fields[rate]:.1f}[/]/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=transient,
        disable=not err.is_terminal and not os.environ.get("NEWSGRAPH_PROGRESS"),
    )


class Tracker:
    """Two bars: reading the input files (first pass), then cleaning and analysing the
    documents read (second pass, whose total is known by then, so its ETA is real)."""

    def __init__(self, bars: Progress, files: int) -> None:
        self.bars = bars
        self.reading = bars.add_task("reading", total=files, unit="files", articles=0, rate=0.0)
        self.deriving = None
        self._file: str | None = None
        self._articles = 0

    def on_read(self, source: str, documents: int) -> None:
        file = _file_of(source)
        if file != self._file:
            if self._file is not None:
                self.bars.advance(self.reading)
            self._file = file
        elapsed = self.bars.tasks[self.reading].elapsed or 0.0
        self.bars.update(self.reading, articles=documents, rate=documents / elapsed if elapsed else 0.0)

    def on_derive(self, total: int) -> None:
        self._finish_reading()
        self.deriving = self.bars.add_task("analysing", total=total, unit="docs", articles=0, rate=0.0)

    def on_document(self, item, seconds: float) -> None:
        self.advance(item)
        self.count(item, seconds)

    def advance(self, item=None) -> None:
        """One more document through the second pass (the bar and its ETA move)."""
        if self.deriving is None:
            self.on_derive(0)
        self.bars.advance(self.deriving)

    def count(self, item, seconds: float) -> None:
        """One more document settled (written, for ingest): the article count and rate."""
        if self.deriving is None:
            self.on_derive(0)
        self._articles += item.article is not None
        self.bars.update(self.deriving, articles=self._articles, rate=self._articles / seconds if seconds else 0.0)

    def _finish_reading(self) -> None:
        if self._file is not None:
            self.bars.advance(self.reading)
            self._file = None
        task = self.bars.tasks[self.reading]
        self.bars.update(self.reading, completed=task.total)

    def finish(self) -> None:
        if self.deriving is None:
            self._finish_reading()


def _file_of(source: str) -> str:
    head, sep, tail = source.rpartition("#")
    return head if sep and tail.isdigit() else source


def print_summary(summary, db: str) -> None:
    table = Table(title=f"ingest into {db}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("documents read", str(summary.documents))
    table.add_row("new articles", f"[green]{summary.new}[/]")
    table.add_row("  of which near-duplicates", str(summary.near_duplicates))
    table.add_row("duplicates (not stored again)", str(summary.duplicates))
    table.add_row("already ingested (skipped)", str(summary.skipped))
    if summary.rederived:
        table.add_row("re-derived (site template changed)", str(summary.rederived))
    table.add_row("failed", f"[red]{summary.failed}[/]" if summary.failed else "0")
    if summary.analysis_failed:
        table.add_row("stored, analysis incomplete", f"[yellow]{summary.analysis_failed}[/]")
    if summary.warnings:
        table.add_row("warnings", f"[yellow]{summary.warnings}[/]")
    table.add_row("time", f"{summary.seconds:.1f} s ({summary.articles_per_second:.1f} articles/s)")
    out.print(table)
    for failure in summary.failures[:SHOWN_FAILURES]:
        out.print(f"[red]failed[/] {escape(failure.source)}: {escape(failure.reason)}")
    for problem in summary.problems[:SHOWN_FAILURES]:
        out.print(f"[yellow]note[/] {escape(problem.source)}: {escape(problem.reason)}")
    hidden = max(0, summary.failed - SHOWN_FAILURES) + max(0, len(summary.problems) - SHOWN_FAILURES)
    if hidden:
        out.print(f"... and {hidden} more: newsgraph errors --db {escape(db)}")


def render_snippet(snippet: str | None) -> Text:
    """A snippet as Rich Text with the matched words highlighted; the text itself is never markup."""
    rendered = Text("   ")
    flat = " ".join((snippet or "").split())  # paragraph breaks would scatter a snippet over lines
    for n, piece in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", flat)):
        rendered.append(piece, style="bold yellow" if n % 2 else None)
    return rendered


def print_article(stored) -> None:
    article = stored.article
    meta = Table(show_header=False, box=None)
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in [("id", article.id), ("published", article.published), ("source", article.source),
                         ("url", article.url), ("language", article.language),
                         ("reading", f"{article.reading_minutes} min" if article.reading_minutes else None)]:
        if value is not None:
            meta.add_row(label, escape(str(value)))
    if article.byline:
        meta.add_row("byline", escape(", ".join(article.byline)))
    if stored.cluster_size > 1:
        meta.add_row("cluster", f"{escape(stored.cluster_id)} ({stored.cluster_size} near-duplicate articles)")
    for place in stored.sources:
        if place.source != article.source:
            meta.add_row("also at", escape(place.url or place.source))
    for error in article.analysis_errors:
        meta.add_row("[yellow]analysis[/]", escape(f"{error.step}: {error.reason}"))
    out.print(Panel(meta, title=escape(article.headline or "(no headline)"), title_align="left"))
    # Wrapped to the terminal's width on screen; piped output keeps each paragraph on one line.
    out.print(escape(article.text), soft_wrap=not out.is_terminal)
    print_analysis(article)


def _party(party) -> str:
    if party is None:
        return "?"
    label = party.name or party.text or "?"
    return f"{label} ({party.country})" if party.country else label


def print_analysis(article) -> None:
    """What the analysis stage found in the article, under its text."""
    if article.quotes:
        out.print("\n[bold]quotations:[/]")
    for quote in article.quotes:
        speaker = quote.speaker
        who = (speaker.name or speaker.text) if speaker else "unattributed"
        if speaker and speaker.name and speaker.text and speaker.name.casefold() not in speaker.text.casefold():
            who += f" ({speaker.text})"
        details = ", ".join(x for x in ((speaker.role if speaker else None), quote.kind, quote.date) if x)
        said = quote.text if len(quote.text) <= 200 else quote.text[:197] + "..."
        out.print(f"  [cyan]{escape(who)}[/] [dim]{escape(details)}[/]: {escape(said)}")
    if article.events:
        out.print("[bold]events:[/]")
    for event in article.events:
        mode = f"/{event.mode}" if event.mode else ""
        when = f"  {event.date}" if event.date else ""
        out.print(f"  [bold]{escape(event.type + mode)}[/] {escape(_party(event.actor))} -> "
                  f"{escape(_party(event.recipient))}[green]{escape(when)}[/]")
    facts = [
        ("dates", lambda d: f"{d.text} = {d.value}"),
        ("amounts", lambda a: f"{a.text} = {a.value:,.10g} {a.unit}" + (" (approx.)" if a.approximate else "")),
        ("entities", lambda e: f"{e.name or e.text} [{e.label}{', ' + e.country if e.country else ''}]"),
    ]
    for key, describe in facts:
        values = list(dict.fromkeys(describe(item) for item in getattr(article, key)))
        if values:
            out.print(f"[bold]{key}:[/] " + escape("; ".join(values)))


def listing(title: str, *columns: str) -> Table:
    """A table for a listing command; a column named "x:r" is right-aligned (counts)."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        name, _, align = column.partition(":")
        table.add_column(name, justify="right" if align == "r" else "left")
    return table
