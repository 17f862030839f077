"""`newsgraph export`: what a store holds, as JSON Lines, CSV or Parquet, in constant memory.

Articles stream through `Store.iter_articles` (a server-side cursor on
PostgreSQL, SQLite's stepping cursor) and are written as the record contract
exactly as `extract` writes it, so `newsgraph import` reads them back. Quotes,
events, entities and speakers are the listing commands' rows with the same
filters and order, read a page at a time (keyset cursors where the listing has
them). Parquet gets a typed schema declared from the record types themselves
(`arrow_schema`), written in row groups of one page; CSV has a header row and
nested values as JSON text. The file appears whole or not at all: rows go to a
temporary file beside it, renamed into place at the end.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import sys
import tempfile
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from newsgraph.records import Article
from newsgraph.store.article_stream import ArticleFilter
from newsgraph.store.base import Store
from newsgraph.store.errors import StoreError
from newsgraph.store.rows import (
    EntityFilter,
    EntitySummary,
    EventFilter,
    EventHit,
    QuoteFilter,
    QuoteHit,
    SpeakerFilter,
    SpeakerSummary,
)

__all__ = ["EXPORT_FORMATS", "EXPORT_KINDS", "ExportKind", "arrow_schema", "export", "export_rows"]

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
# Rows per listing page, per Parquet row group and per CSV/JSONL flush: the memory an export holds.
PAGE_ROWS = 1000


@dataclasses.dataclass(frozen=True, slots=True)
class ExportKind:
    """One thing that can be exported: its filter, its row type, and how to read it from a store."""

    filter_type: type
    row_type: type
    read: Callable[[Store, Any], Iterator[Any]]


def _paged(list_page: Callable[[Any], list[Any]], filters: Any) -> Iterator[Any]:
    """Every row of a listing, a page at a time: after the last row's keyset cursor where the
    filter takes one, else by offset; a listing with neither is read in one call."""
    names = {field.name for field in dataclasses.fields(filters)}
    if "after" in names:
        from newsgraph.store.keyset import next_cursor

        after = None
        while True:
            page = list_page(dataclasses.replace(filters, limit=PAGE_ROWS, after=after))
            yield from page
            after = next_cursor(page, PAGE_ROWS)
            if after is None:
                return
    elif "offset" in names:
        offset = 0
        while True:
            page = list_page(dataclasses.replace(filters, limit=PAGE_ROWS, offset=offset))
            yield from page
            if len(page) < PAGE_ROWS:
                return
            offset += len(page)
    else:
        yield from list_page(dataclasses.replace(filters, limit=2**62))


EXPORT_KINDS: dict[str, ExportKind] = {
    "articles": ExportKind(ArticleFilter, Article, lambda store, f: store.iter_articles(f)),
    "quotes": ExportKind(QuoteFilter, QuoteHit, lambda store, f: _paged(store.quotes, f)),
    "speakers": ExportKind(SpeakerFilter, SpeakerSummary, lambda store, f: _paged(store.speakers, f)),
    "events": ExportKind(EventFilter, EventHit, lambda store, f: _paged(store.events, f)),
    "entities": ExportKind(EntityFilter, EntitySummary, lambda store, f: _paged(store.entities, f)),
}


def export_rows(store: Store, what: str, filters: Any = None) -> Iterator[Any]:
    """The records of kind `what` (a key of EXPORT_KINDS) matching `filters`, as typed rows."""
    kind = _kind(what)
    return kind.read(store, filters if filters is not None else kind.filter_type())


def _kind(what: str) -> ExportKind:
    if what not in EXPORT_KINDS:
        raise StoreError(f"cannot export {what!r}: choose one of {', '.join(EXPORT_KINDS)}")
    return EXPORT_KINDS[what]


# --- the typed schema ----------------------------------------------------------------

def arrow_schema(row_type: type):
    """The Arrow schema of a record type, from its type hints: str, int, float and bool columns,
    nullable exactly where the type says `| None`, tuples as lists, nested records as structs."""
    import pyarrow as pa

    return pa.schema([pa.field(name, kind, nullable=nullable) for name, kind, nullable in _arrow_fields(row_type)])


def _arrow_fields(row_type: type) -> list[tuple[str, Any, bool]]:
    hints = typing.get_type_hints(row_type)
    return [(field.name, *_arrow_type(hints[field.name])) for field in dataclasses.fields(row_type)]


def _arrow_type(hint: Any) -> tuple[Any, bool]:
    """(Arrow type, nullable) of one type hint."""
    import pyarrow as pa

    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if len(options) != 1:
            raise TypeError(f"no Arrow type for the union {hint}")
        return _arrow_type(options[0])[0], True
    if origin is Literal:
        values = typing.get_args(hint)
        return _arrow_type(type(values[0]))[0], False
    if origin is tuple:
        return pa.list_(_arrow_type(typing.get_args(hint)[0])[0]), False
    if dataclasses.is_dataclass(hint):
        return pa.struct([pa.field(name, kind, nullable=nullable) for name, kind, nullable in _arrow_fields(hint)]), False
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if hint in scalars:
        return scalars[hint], False
    raise TypeError(f"no Arrow type for {hint}")


# --- formats -------------------------------------------------------------------------

def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_jsonl(rows: Iterator[Any], sink: io.TextIOBase, row_type: type) -> int:
    written = 0
    for row in rows:
        sink.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        written += 1
    return written


def _write_csv(rows: Iterator[Any], sink: io.TextIOBase, row_type: type) -> int:
    writer = csv.writer(sink, lineterminator="\n")
    columns = [field.name for field in dataclasses.fields(row_type)]
    writer.writerow(columns)
    written = 0
    for row in rows:
        record = row.to_dict()
        writer.writerow([_csv_value(record.get(name)) for name in columns])
        written += 1
    return written


def _write_parquet(rows: Iterator[Any], target: Path, row_type: type) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(row_type)
    names = schema.names
    written = 0
    with pq.ParquetWriter(target, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            record = row.to_dict()
            batch.append({name: record.get(name) for name in names})
            if len(batch) >= PAGE_ROWS:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                written += len(batch)
                batch = []
        if batch or not written:  # an empty export is still a file with the schema
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            written += len(batch)
    return written


@contextmanager
def _whole_file(output: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside `output`, renamed to it if the block ends well, removed if not."""
    target = Path(output)
    handle, scratch = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(scratch, 0o666 & ~umask)  # as an ordinary new file would be, not mkstemp's 0600
    try:
        yield Path(scratch)
        os.replace(scratch, target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def export(store: Store, what: str, format: str, output: str | os.PathLike[str] | None = None, filters: Any = None,
           *, on_row: Callable[[int], None] | None = None) -> int:
    """Write the records of kind `what` matching `filters` to `output` (standard output when None;
    Parquet needs a file) as `format`; the number of rows written. `on_row(n)` is told the count
    every PAGE_ROWS rows, for a progress display."""
    kind = _kind(what)
    if format not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {format!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    if format == "parquet" and output is None:
        raise StoreError("a Parquet export needs a file: give -o FILE.parquet")
    # The speakers listing answers with a richer row type where the store resolves identities.
    rows = export_rows(store, what, filters)
    row_type = kind.row_type
    first = next(rows, None)
    if first is not None:
        row_type = type(first)
        rows = _counted(_chain(first, rows), on_row)
    if format == "parquet":
        with _whole_file(output) as scratch:
            return _write_parquet(rows, scratch, row_type)
    writer = _write_jsonl if format == "jsonl" else _write_csv
    if output is None:
        return writer(rows, sys.stdout, row_type)
    with _whole_file(output) as scratch, open(scratch, "w", encoding="utf-8", newline="") as sink:
        return writer(rows, sink, row_type)


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _counted(rows: Iterator[Any], on_row: Callable[[int], None] | None) -> Iterator[Any]:
    count = 0
    for row in rows:
        yield row
        count += 1
        if on_row is not None and count % PAGE_ROWS == 0:
            on_row(count)
    if on_row is not None:
        on_row(count)
