"""The SQLite backend of the Store protocol: one file, WAL, FTS5.

This class ties the pieces together: `connection` (opening, transactions),
`schema`/`migrations`, `writes` (batches, evidence), `listings` (quotes,
speakers, entities, events) and `fts5` (search), and reads whole articles.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.evidence import SiteEvidence, SiteObservation
from newsgraph.messages import clip
from newsgraph.records import Article
from newsgraph.store.article_stream import ArticleFilter, Dialect, stream_articles
from newsgraph.store.base import StoredDerivation, WriteBatch
from newsgraph.store.errors import QueryError, StoreError
from newsgraph.store.identity_listings import IdentityQueries
from newsgraph.store.keyset import decode_cursor
from newsgraph.store.rows import (
    Appearance,
    BatchResult,
    EntityFilter,
    EntitySummary,
    ErrorEntry,
    EventFilter,
    EventHit,
    QuoteFilter,
    QuoteHit,
    SearchHit,
    SearchQuery,
    SpeakerFilter,
    SpeakerSummary,
    StoredArticle,
    StoreStats,
    as_filter,
)
from newsgraph.store.search_syntax import HINT, date_lower_bound, date_upper_bound
from newsgraph.store.sqlite import listings, writes
from newsgraph.store.sqlite.connection import Connection
from newsgraph.store.sqlite.fts5 import fts_query
from newsgraph.store.sqlite.mapping import CHILD_TABLES
from newsgraph.store.sqlite.migrations import applied_migrations, check_known, migrate
from newsgraph.store.sqlite.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["SQLiteStore"]

# bm25 column weights (headline, text): a word in the headline says more about
# what the article is about than the same word deep in the body.
HEADLINE_WEIGHT = 4.0
TEXT_WEIGHT = 1.0
SNIPPET_TOKENS = 16
# A search ranks at most this many matches, the most recently stored (see `_search_window`).
SEARCH_WINDOW = 2000
# (source, fingerprint) pairs per `seen` query, well under SQLite's variable limit.
_SEEN_CHUNK = 400
_MIN_PREFIX = 6
_ARTICLE_COLUMNS = ("id", "source", "url", "headline", "published", "language", "reading_minutes", "text")


# sqlite3's cursor steps through the result as rows are fetched: a stream as it is.
_STREAM = Dialect("?", "instr({column}, ?) > 0", lambda conn, sql, params: conn.execute(sql, params))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(IdentityQueries):
    """Articles in one SQLite file. Use `open_store` to make one; close it, or use `with`."""

    def __init__(self, path: str, *, readonly: bool = False, query_timeout_s: float | None = None) -> None:
        self.path = self.location = path
        self.readonly = readonly
        self._db = Connection(path, readonly=readonly, query_timeout_s=query_timeout_s)
        try:
            self._prepare_schema()
            self._lsh = self._lsh_settings()
        except BaseException:
            self._db.close(optimise=False)
            raise

    # -- connection and schema

    def _prepare_schema(self) -> None:
        conn = self._db.raw
        try:
            if self.readonly:
                applied = applied_migrations(conn)
                check_known(applied, MIGRATIONS)
                if len(applied) < SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} is at schema version {len(applied)}, this newsgraph needs "
                        f"{SCHEMA_VERSION}; migrate it once with: newsgraph migrate --db DATABASE"
                    )
            else:
                migrate(conn, MIGRATIONS)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the schema of {self.path}: {exc}") from exc

    def _lsh_settings(self) -> writes.LshSettings:
        settings = dict(self._db.raw.execute("SELECT key, value FROM settings"))
        try:
            return writes.LshSettings(
                int(settings["minhash_num_perm"]), int(settings["minhash_bands"]),
                float(settings["near_duplicate_threshold"]),
            )
        except (KeyError, ValueError) as exc:
            raise StoreError(f"{self.path} has unusable near-duplicate settings {settings}: {exc}") from exc

    def _read(self):
        return self._db.transaction(write=False)

    def close(self) -> None:
        self._db.close(optimise=not self.readonly)

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r}{', readonly=True' if self.readonly else ''})"

    # -- writing

    def seen(self, items: Sequence[tuple[str, str]]) -> set[str]:
        """Sources already processed with that same fingerprint, from (source, fingerprint) pairs."""
        pairs = list(dict.fromkeys((str(source), str(fingerprint)) for source, fingerprint in items))
        found: set[str] = set()
        with self._read() as conn:
            for start in range(0, len(pairs), _SEEN_CHUNK):
                chunk = pairs[start : start + _SEEN_CHUNK]
                values = ", ".join("(?, ?)" for _ in chunk)
                params = [value for pair in chunk for value in pair]
                rows = conn.execute(f"SELECT source FROM processed WHERE (source, fingerprint) IN (VALUES {values})", params)
                found.update(source for (source,) in rows)
        return found

    def write_batch(self, batch: WriteBatch) -> BatchResult:
        """Store a batch in one transaction; see BatchResult for what is counted.

        An article the store cannot hold (wrong field types) becomes a failure with
        a one-line reason instead of failing the batch.
        """
        self._writable()
        try:
            with self._db.transaction(write=True) as conn:
                return writes.write_batch(conn, batch, self._lsh, _now())
        except sqlite3.Error as exc:
            raise StoreError(
                f"writing a batch of {len(batch.articles)} articles to {self.path} failed, nothing of it was stored: {exc}"
            ) from exc

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")

    def add_evidence(self, observations: Sequence[SiteObservation]) -> dict[str, int]:
        self._writable()
        with self._db.transaction(write=True) as conn:
            return writes.add_evidence(conn, observations)

    def evidence(self, site: str, least_count: int) -> SiteEvidence:
        with self._read() as conn:
            return writes.evidence(conn, site, least_count)

    def derivations(self, site: str) -> Iterator[StoredDerivation]:
        with self._read() as conn:
            found = writes.derivations(conn, site)
        return iter(found)

    def prepared(self, article_id: str) -> bytes | None:
        with self._read() as conn:
            row = conn.execute("SELECT prepared FROM article_derivations WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    # -- reading

    def search(self, query: SearchQuery | str, **keywords: Any) -> list[SearchHit]:
        """Full-text search over headline and text, best first.

        Plain words are ANDed; "phrases", OR, NOT, prefix*, ( ), headline:word
        work; -word excludes. `source` keeps articles whose source contains that
        text (a file, a folder) or whose site is exactly that (courier.example).
        `since`/`until` are inclusive ISO dates of any precision on `published`
        (articles without a date drop out).
        """
        query = as_filter(SearchQuery, query, keywords)
        match = fts_query(query.text)
        if match is None:
            return []
        clauses = ["articles_fts MATCH ?"]
        params: list[Any] = [query.highlight[0], query.highlight[1], match]
        if query.source is not None:
            # instr, not LIKE: the text is matched literally, "%" and "_" included.
            clauses.append("(instr(a.source, ?) > 0 OR a.site = ?)")
            params.extend([query.source, query.source])
        if query.since is not None:
            clauses.append("a.published >= ?")
            params.append(date_lower_bound(query.since, "since"))
        if query.until is not None:
            clauses.append("a.published <= ?")
            params.append(date_upper_bound(query.until, "until"))
        if query.after is not None:
            # After the cursor in the order (bm25, seq): its score is the negated bm25.
            score, article_id = decode_cursor("search", query.after)
            bm25 = f"bm25(articles_fts, {HEADLINE_WEIGHT}, {TEXT_WEIGHT})"
            seq = "(SELECT seq FROM articles WHERE id = ?)"
            clauses.append(f"({bm25} > ? OR ({bm25} = ? AND a.seq > {seq}))")
            params.extend([-score, -score, article_id])
        params.extend([query.limit, query.offset])
        try:
            with self._read() as conn:
                window = self._search_window(conn, query, match)
                if window is not None:
                    clauses.append("articles_fts.rowid >= ?")
                    params.insert(-2, window)  # before limit and offset
                rows = conn.execute(self._search_sql(clauses), params).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc) or "syntax error" in str(exc) or "no such column" in str(exc):
                raise QueryError(f"malformed search query: {clip(query.text)} ({exc}); {HINT}") from exc
            raise StoreError(f"search failed on {self.path}: {exc}") from exc
        return [
            SearchHit(id=row[0], headline=row[1], published=row[2], source=row[3], url=row[4], snippet=row[5],
                      score=-row[6])
            for row in rows
        ]

    @staticmethod
    def _search_window(conn: sqlite3.Connection, query: SearchQuery, match: str) -> int | None:
        """The lowest article seq a search ranks, or None to rank every match.

        Ranking every match of a common word costs a bm25 per matching article (100,000 of
        them in a large store); best first among the most recently stored SEARCH_WINDOW
        matches is the same answer whenever there are fewer, and stays bounded when there
        are more. Filtered searches rank all their matches: the window could miss them."""
        if query.source is not None or query.since is not None or query.until is not None:
            return None
        size = max(SEARCH_WINDOW, 4 * (query.limit + query.offset))
        row = conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, size - 1),
        ).fetchone()
        return row[0] if row else None

    @staticmethod
    def _search_sql(clauses: list[str]) -> str:
        return (
            "SELECT a.id, a.headline, a.published, a.source, a.url, "
            f"snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS}), "
            f"bm25(articles_fts, {HEADLINE_WEIGHT}, {TEXT_WEIGHT}) AS weighted_bm25 "
            "FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid "
            f"WHERE {' AND '.join(clauses)} ORDER BY weighted_bm25, a.seq LIMIT ? OFFSET ?"
        )

    def resolve_id(self, article_id: str) -> str | None:
        """The stored id for an id or a unique prefix of at least 6 characters.

        Raises QueryError if the prefix matches several articles.
        """
        with self._read() as conn:
            return self._resolve_id(conn, article_id)

    def _resolve_id(self, conn: sqlite3.Connection, article_id: str) -> str | None:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            return article_id
        if len(article_id) < _MIN_PREFIX:
            return None
        # A range on the unique index; U+10FFFF sorts after every character.
        matches = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                (article_id, article_id + "\U0010ffff"),
            )
        ]
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
            raise QueryError(f"id prefix {clip(article_id)} matches several articles ({shown}); give more characters")
        return matches[0] if matches else None

    def get_article(self, article_id: str) -> StoredArticle | None:
        """The stored record with its cluster, every place it appeared, its site and when it was stored."""
        with self._read() as conn:
            resolved = self._resolve_id(conn, article_id)
            if resolved is None:
                return None
            row = conn.execute(
                f"SELECT {', '.join(_ARTICLE_COLUMNS)}, cluster_id, site, ingested_at FROM articles WHERE id = ?",
                (resolved,),
            ).fetchone()
            scalars = dict(zip(_ARTICLE_COLUMNS, row[:8], strict=True))
            lists: dict[str, Any] = {
                spec.field: tuple(spec.from_row(child) for child in conn.execute(spec.select_sql, (resolved,)))
                for spec in CHILD_TABLES
            }
            byline = tuple(name for (name,) in conn.execute(
                "SELECT name FROM bylines WHERE article_id = ? ORDER BY position", (resolved,)))
            cluster_size = conn.execute("SELECT count(*) FROM articles WHERE cluster_id = ?", (row[8],)).fetchone()[0]
            sources = tuple(
                Appearance(source=source, url=url, kind=kind, seen_at=seen_at)
                for source, url, kind, seen_at in conn.execute(
                    "SELECT source, url, kind, seen_at FROM article_sources WHERE article_id = ? "
                    "ORDER BY kind = 'duplicate', seen_at, source",
                    (resolved,),
                )
            )
        article = Article(**scalars, byline=byline, **lists)
        return StoredArticle(article=article, cluster_id=row[8], cluster_size=cluster_size, sources=sources,
                             site=row[9], ingested_at=row[10])

    def iter_articles(self, filters: ArticleFilter | None = None) -> Iterator[Article]:
        """Every stored article matching `filters`, oldest stored first, read a chunk at a time
        (constant memory) inside one read transaction: a consistent snapshot however long it takes."""
        with self._read() as conn:
            yield from stream_articles(conn, _STREAM, filters)

    def cluster(self, article_id: str) -> list[str]:
        """Ids of the articles in the same near-duplicate cluster, oldest first."""
        with self._read() as conn:
            resolved = self._resolve_id(conn, article_id)
            if resolved is None:
                return []
            return [
                row[0]
                for row in conn.execute(
                    "SELECT id FROM articles WHERE cluster_id = (SELECT cluster_id FROM articles WHERE id = ?) ORDER BY seq",
                    (resolved,),
                )
            ]

    def quotes(self, filters: QuoteFilter | None = None, **keywords: Any) -> list[QuoteHit]:
        """Stored quotations newest first (see `QuoteFilter`)."""
        with self._read() as conn:
            return listings.list_quotes(conn, as_filter(QuoteFilter, filters, keywords))

    def speakers(self, filters: SpeakerFilter | None = None, **keywords: Any) -> list[SpeakerSummary]:
        """Resolved speakers with quote counts, roles and affiliations, most quoted first."""
        with self._read() as conn:
            return listings.list_speakers(conn, as_filter(SpeakerFilter, filters, keywords))

    def entities(self, filters: EntityFilter | None = None, **keywords: Any) -> list[EntitySummary]:
        """Entities by canonical name with mention counts, most mentioned first."""
        with self._read() as conn:
            return listings.list_entities(conn, as_filter(EntityFilter, filters, keywords))

    def events(self, filters: EventFilter | None = None, **keywords: Any) -> list[EventHit]:
        """Coded political events newest first, filtered by actor/recipient country, PLOVER type, dates."""
        with self._read() as conn:
            return listings.list_events(conn, as_filter(EventFilter, filters, keywords))

    def errors(self, limit: int = 50) -> list[ErrorEntry]:
        """The most recent failures and warnings, newest first."""
        if not isinstance(limit, int) or limit < 1:
            raise QueryError(f"limit must be at least 1, got {clip(limit)}")
        with self._read() as conn:
            return [
                ErrorEntry(source=source, reason=reason, at=at, kind=kind)
                for source, reason, at, kind in conn.execute(
                    "SELECT source, reason, at, kind FROM errors ORDER BY at DESC, id DESC LIMIT ?", (limit,)
                )
            ]

    def stats(self) -> StoreStats:
        """Counts and ranges describing what the store holds."""
        with self._read() as conn:
            def one(sql: str) -> Any:
                return conn.execute(sql).fetchone()[0]

            # Apart, each is one step down the published index; together SQLite reads all of it.
            first = one("SELECT min(published) FROM articles")
            last = one("SELECT max(published) FROM articles")
            kinds = dict(conn.execute("SELECT kind, count(*) FROM errors GROUP BY kind").fetchall())
            # Kept by triggers as rows are written (migration 0015): no index answers them at once.
            tallies = dict(conn.execute("SELECT name, value FROM tallies").fetchall())
            stats = StoreStats(
                articles=one("SELECT count(*) FROM articles"),
                clusters=tallies["clusters"],
                near_duplicate_articles=tallies["near_duplicate_articles"],
                clusters_with_near_duplicates=tallies["clusters_with_near_duplicates"],
                duplicates_seen=tallies["duplicates_seen"],
                errors=kinds.get("error", 0),
                warnings=kinds.get("warning", 0),
                analysis_errors=kinds.get("analysis", 0),
                processed_inputs=one("SELECT count(*) FROM processed"),
                sources=tallies["sources"],
                sites=one("SELECT count(DISTINCT site) FROM articles"),
                languages=dict(conn.execute(
                    "SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language"
                ).fetchall()),
                published_first=first,
                published_last=last,
                schema_version=one("PRAGMA user_version"),
                db_bytes=one("PRAGMA page_count") * one("PRAGMA page_size") + self._wal_bytes(),
                path=self.path,
            )
        return stats

    def _wal_bytes(self) -> int:
        if self.path == ":memory:":
            return 0
        wal = Path(self.path + "-wal")
        return wal.stat().st_size if wal.exists() else 0
