"""Whole articles streamed out of a store in constant memory, for `newsgraph export`.

Both backends run the same SQL here (only the placeholder and the substring
test differ): one cursor walks `articles` in storage order, a server-side
cursor on PostgreSQL and SQLite's own stepping cursor, and each chunk of
articles fetches its annotation lists and bylines with one query per table.
Memory is one chunk, however large the store. The records read back are the
record contract exactly as `extract` writes it (`Article`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.records import Article
from newsgraph.store.search_syntax import date_lower_bound, date_upper_bound

__all__ = ["ARTICLE_CHUNK", "ArticleFilter", "Dialect", "stream_articles"]

# Articles read (and their lists fetched) at a time: the memory an export holds.
ARTICLE_CHUNK = 200
_SCALARS = ("id", "source", "url", "headline", "published", "language", "reading_minutes", "text")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFilter:
    """Articles by publication date (inclusive ISO dates of any precision) and by source
    (part of the source, or the whole site), as `search` filters them."""

    since: str | None = None
    until: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between the backends' SQL here."""

    placeholder: str  # "?" (sqlite3) or "%s" (psycopg)
    contains: str  # true where {column} holds the parameter as a substring
    # Runs a query and gives a cursor with fetchmany that reads rows as they are asked for.
    stream: Callable[[Any, str, Sequence[Any]], Any]


def _where(dialect: Dialect, filters: ArticleFilter) -> tuple[str, list[Any]]:
    p = dialect.placeholder
    clauses: list[str] = []
    params: list[Any] = []
    if filters.source is not None:
        clauses.append(f"({dialect.contains.format(column='a.source')} OR a.site = {p})")
        params.extend([filters.source, filters.source])
    if filters.since is not None:
        clauses.append(f"a.published >= {p}")
        params.append(date_lower_bound(filters.since, "since"))
    if filters.until is not None:
        clauses.append(f"a.published <= {p}")
        params.append(date_upper_bound(filters.until, "until"))
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def stream_articles(conn: Any, dialect: Dialect, filters: ArticleFilter | None = None) -> Iterator[Article]:
    """Every stored article matching `filters`, oldest stored first, inside the caller's read transaction."""
    # Imported here: the backends import this module, and these are in the SQLite package.
    from newsgraph.store.sqlite.mapping import CHILD_TABLES
    from newsgraph.store.sqlite.migrations import quote_identifier

    where, params = _where(dialect, filters or ArticleFilter())
    columns = ", ".join(f"a.{quote_identifier(name)}" for name in _SCALARS)
    rows = dialect.stream(conn, f"SELECT {columns} FROM articles AS a {where} ORDER BY a.seq", params)
    try:
        while chunk := rows.fetchmany(ARTICLE_CHUNK):
            ids = [row[0] for row in chunk]
            lists = {spec.field: _grouped(conn, dialect, spec.table, (*spec.columns, "extra"), ids, spec.from_row)
                     for spec in CHILD_TABLES}
            bylines = _grouped(conn, dialect, "bylines", ("name",), ids, lambda row: row[0])
            for row in chunk:
                article_id = row[0]
                yield Article(**dict(zip(_SCALARS, row, strict=True)), byline=tuple(bylines.get(article_id, ())),
                              **{field: tuple(found.get(article_id, ())) for field, found in lists.items()})
    finally:
        rows.close()  # a server-side cursor is closed with the transaction too; this says so at once


def _grouped(conn: Any, dialect: Dialect, table: str, columns: Iterable[str], ids: list[str],
             make: Callable[[tuple], Any]) -> dict[str, list[Any]]:
    """The rows of a child table for these articles, made into records, by article in position order."""
    from newsgraph.store.sqlite.migrations import quote_identifier

    marks = ", ".join(dialect.placeholder for _ in ids)
    names = ", ".join(map(quote_identifier, columns))
    found: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT article_id, {names} FROM {quote_identifier(table)} WHERE article_id IN ({marks}) "
        "ORDER BY article_id, position",
        ids,
    ):
        found[row[0]].append(make(tuple(row[1:])))
    return found
