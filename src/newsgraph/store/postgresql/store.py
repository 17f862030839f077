"""The PostgreSQL backend of the Store protocol: a shared database, tsvector full-text search.

This class ties the pieces together: `connection` (opening from a URL,
transactions, the writers' lock), `schema`/`migrations`, `writes` (batches,
evidence), `listings` (quotes, speakers, entities, events) and `tsquery`
(search), and reads whole articles. Every query answers with the same typed
rows as the SQLite backend.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg

from newsgraph.evidence import SiteEvidence, SiteObservation
from newsgraph.messages import clip
from newsgraph.records import Article
from newsgraph.store.article_stream import ARTICLE_CHUNK, ArticleFilter, Dialect, stream_articles
from newsgraph.store.base import StoredDerivation, WriteBatch
from newsgraph.store.errors import QueryError, StoreError
from newsgraph.store.identity_listings import IdentityQueries
from newsgraph.store.keyset import decode_cursor
from newsgraph.store.postgresql import listings, writes
from newsgraph.store.postgresql.connection import Connection, PooledConnection
from newsgraph.store.postgresql.migrations import applied_migrations, check_known, migrate
from newsgraph.store.postgresql.recent_matches import recent_matches
from newsgraph.store.postgresql.schema import MIGRATIONS, SCHEMA_VERSION
from newsgraph.store.postgresql.tsquery import tsquery_text
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
from newsgraph.store.search_syntax import date_lower_bound, date_upper_bound, parse_search
from newsgraph.store.sqlite.mapping import CHILD_TABLES

__all__ = ["PostgreSQLStore"]

# ts_rank weights for {D, C, B, A}: headline words (A) count four times body words (B),
# as the SQLite backend's bm25 column weights do.
RANK_WEIGHTS = "{0.1, 0.1, 0.25, 1.0}"
# ts_headline marks matches with these and the caller's markers replace them, so no
# marker text ever enters ts_headline's option string.
_MARK_START, _MARK_END = "\x02", "\x03"
_HEADLINE_OPTIONS = f"StartSel={_MARK_START}, StopSel={_MARK_END}, MaxWords=24, MinWords=8, MaxFragments=1"
# The stretch of text a snippet is sought in: from this many characters before the first place
# a term is written (MaxWords=24 words fit in it) over this many.
_SNIPPET_BEFORE, _SNIPPET_SPAN = 300, 1000
_MIN_PREFIX = 6
# A search ranks at most this many matches, the most recently stored (the SQLite backend's window).
SEARCH_WINDOW = 2000
_ARTICLE_COLUMNS = ("id", "source", "url", "headline", "published", "language", "reading_minutes", "text")


def _search_sql(clauses: list[str], params: list[Any], query: SearchQuery, windowed: bool,
                recent: list[int] | None, window: int) -> tuple[str, list[Any]]:
    """A search's SQL: its matches (among `recent`, else where windowed the newest `window`
    found through the whole index), ranked, one page of them with snippets."""
    whole = ("recent AS MATERIALIZED (SELECT w.seq FROM articles AS w, q WHERE w.search_vector @@ q.query "
             "ORDER BY w.seq DESC LIMIT %s), ") if windowed and recent is None else ""
    sql = (
        f"WITH q AS (SELECT to_tsquery('newsgraph', %s) AS query), {whole}"
        "hits AS ("
        f" SELECT a.seq, ts_rank('{RANK_WEIGHTS}', a.search_vector, q.query) AS rank"
        f" FROM articles AS a, q WHERE {' AND '.join(clauses)}"
        " ORDER BY rank DESC, a.seq LIMIT %s OFFSET %s) "
        "SELECT a.id, a.headline, a.published, a.source, a.url, hits.rank, "
        f"CASE WHEN strpos(coalesce(near.snippet, ''), '{_MARK_START}') = 0 "
        f"THEN ts_headline('newsgraph', a.text, q.query, '{_HEADLINE_OPTIONS}') ELSE near.snippet END, "
        f"ts_headline('newsgraph', coalesce(a.headline, ''), q.query, '{_HEADLINE_OPTIONS}') "
        "FROM hits JOIN articles AS a ON a.seq = hits.seq CROSS JOIN q "
        # The snippet is sought in the text around the first place a term's words are written
        # (ts_headline parses all it is given: a whole text costs 0.6 ms a hit), and in the
        # whole text where they are not written so there (a stem, another form of the word).
        "CROSS JOIN LATERAL (SELECT min(p) AS at FROM (SELECT lower(a.text) AS t) AS l, "
        "  unnest(%s::text[]) AS n (needle), strpos(l.t, n.needle) AS p WHERE p > 0) AS found "
        "CROSS JOIN LATERAL (SELECT CASE WHEN found.at IS NOT NULL THEN ts_headline('newsgraph', "
        f"  substr(a.text, greatest(1, found.at - {_SNIPPET_BEFORE}), {_SNIPPET_SPAN}), q.query, "
        f"  '{_HEADLINE_OPTIONS}') END AS snippet OFFSET 0) AS near "  # (OFFSET 0: made once, not per use)
        "ORDER BY hits.rank DESC, a.seq"
    )
    params = [*params, query.limit, query.offset, _needles(query.text)]
    if windowed:
        # The first clause's, after the tsquery; seqs as array text (psycopg's list dumper took 3 ms of 2,000).
        params.insert(1, window if recent is None else "{" + ",".join(map(str, recent)) + "}")
    return sql, params


def _needles(text: str) -> list[str]:
    """The terms of a search as written, lower case, for finding where the text first has them
    (not those after NOT)."""
    tokens = parse_search(text)
    return sorted({token.text.lower() for before, token in zip([None, *tokens], tokens, strict=False)
                   if token.kind == "term" and not (before and before.kind == "op" and before.text == "NOT")})


def _server_cursor(conn, sql: str, params) -> psycopg.ServerCursor:
    """A cursor on the server (inside the read transaction): rows cross the wire a chunk at a time."""
    cursor = conn.cursor(name="newsgraph_stream")
    cursor.itersize = ARTICLE_CHUNK
    cursor.execute(sql, params)
    return cursor


_STREAM = Dialect("%s", "strpos({column}, %s) > 0", _server_cursor)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PostgreSQLStore(IdentityQueries):
    """Articles in a PostgreSQL database. Use `open_store("postgresql://...")`; close it, or use `with`."""

    def __init__(self, url: str, *, readonly: bool = False, query_timeout_s: float | None = None,
                 pool: int = 0) -> None:
        self._db = Connection(url, readonly=readonly, query_timeout_s=query_timeout_s)
        self.location = self.path = self._db.location
        self.readonly = readonly
        try:
            self._prepare_schema()
            self._lsh = self._lsh_settings()
        except BaseException:
            self._db.close()
            raise
        if pool:
            # Checked and migrated on one connection (its errors are the precise ones); served by a pool.
            single, self._db = self._db, PooledConnection(url, readonly=readonly, size=pool,
                                                          query_timeout_s=query_timeout_s)
            single.close()

    # -- connection and schema

    def _prepare_schema(self) -> None:
        conn = self._db.raw
        try:
            if self.readonly:
                applied = applied_migrations(conn)
                check_known(applied, MIGRATIONS)
                if len(applied) < SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.location} is at schema version {len(applied)}, this newsgraph needs "
                        f"{SCHEMA_VERSION}; migrate it once with: newsgraph migrate --db DATABASE"
                    )
            else:
                migrate(conn, MIGRATIONS)
        except psycopg.Error as exc:
            raise StoreError(f"cannot read the schema of {self.location}: {exc}") from exc

    def _lsh_settings(self) -> writes.LshSettings:
        settings = dict(self._db.raw.execute("SELECT key, value FROM settings").fetchall())
        try:
            return writes.LshSettings(
                int(settings["minhash_num_perm"]), int(settings["minhash_bands"]),
                float(settings["near_duplicate_threshold"]),
            )
        except (KeyError, ValueError) as exc:
            raise StoreError(f"{self.location} has unusable near-duplicate settings {settings}: {exc}") from exc

    def _read(self):
        return self._db.transaction(write=False)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> PostgreSQLStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PostgreSQLStore({self.location!r}{', readonly=True' if self.readonly else ''})"

    # -- writing

    def seen(self, items: Sequence[tuple[str, str]]) -> set[str]:
        """Sources already processed with that same fingerprint, from (source, fingerprint) pairs."""
        pairs = list(dict.fromkeys((str(source), str(fingerprint)) for source, fingerprint in items))
        if not pairs:
            return set()
        with self._read() as conn:
            rows = conn.execute(
                "SELECT p.source FROM processed AS p JOIN unnest(%s::text[], %s::text[]) AS asked (source, fingerprint) "
                "ON p.source = asked.source AND p.fingerprint = asked.fingerprint",
                ([source for source, _ in pairs], [fingerprint for _, fingerprint in pairs]),
            ).fetchall()
        return {source for (source,) in rows}

    def write_batch(self, batch: WriteBatch) -> BatchResult:
        """Store a batch in one transaction; see BatchResult for what is counted."""
        self._writable()
        try:
            with self._db.transaction(write=True) as conn:
                return writes.write_batch(conn, batch, self._lsh, _now())
        except psycopg.Error as exc:
            raise StoreError(
                f"writing a batch of {len(batch.articles)} articles to {self.location} failed, "
                f"nothing of it was stored: {exc}"
            ) from exc

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.location} is open read-only")

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
            row = conn.execute("SELECT prepared FROM article_derivations WHERE article_id = %s",
                               (article_id,)).fetchone()
        return bytes(row[0]) if row else None

    # -- reading

    def search(self, query: SearchQuery | str, **keywords: Any) -> list[SearchHit]:
        """Full-text search over headline and text, best first (the syntax of `store.search_syntax`)."""
        query = as_filter(SearchQuery, query, keywords)
        match = tsquery_text(query.text)
        if match is None:
            return []
        clauses = ["a.search_vector @@ q.query"]
        params: list[Any] = [match]
        if query.source is not None:
            clauses.append("(strpos(a.source, %s) > 0 OR a.site = %s)")
            params.extend([query.source, query.source])
        if query.since is not None:
            clauses.append("a.published >= %s")
            params.append(date_lower_bound(query.since, "since"))
        if query.until is not None:
            clauses.append("a.published <= %s")
            params.append(date_upper_bound(query.until, "until"))
        if query.after is not None:
            # After the cursor in the order (rank DESC, seq): its score is the rank, a real whose
            # shortest decimal form (as it came back) casts to the same real.
            score, article_id = decode_cursor("search", query.after)
            rank = f"ts_rank('{RANK_WEIGHTS}', a.search_vector, q.query)"
            seq = "(SELECT seq FROM articles WHERE id = %s)"
            clauses.append(f"({rank} < %s::real OR ({rank} = %s::real AND a.seq > {seq}))")
            params.extend([score, score, article_id])
        windowed = query.source is None and query.since is None and query.until is None
        window = max(SEARCH_WINDOW, 4 * (query.limit + query.offset))
        try:
            with self._read() as conn:
                recent = None
                if windowed:
                    # Rank the most recently stored `window` matches only, as on SQLite: the same
                    # answer when there are fewer, a bounded cost when a common word matches 100,000.
                    recent = recent_matches(conn, query.text, match, window)  # sets the planner as below
                    if recent is None:
                        # Bitmap scans through the GIN index: the planner does not count the reading
                        # of each row's tsvector, so it would walk the seq index or the table testing
                        # every article's (10,000 articles: 'public', 1,709 matches, 260 ms that way,
                        # 10 ms through the index).
                        conn.execute("SET LOCAL enable_seqscan = off")
                        conn.execute("SET LOCAL enable_indexscan = off")
                    clauses[0] = "a.seq = ANY(%s::bigint[])" if recent is not None else "a.seq IN (SELECT seq FROM recent)"
                rows = conn.execute(*_search_sql(clauses, params, query, windowed, recent, window)).fetchall()
        except psycopg.errors.SyntaxError as exc:
            raise QueryError(f"malformed search query: {clip(query.text)} ({exc})") from exc
        except psycopg.Error as exc:
            raise StoreError(f"search failed on {self.location}: {exc}") from exc
        start, end = query.highlight
        return [
            SearchHit(id=row[0], headline=row[1], published=row[2], source=row[3], url=row[4],
                      snippet=_snippet(row[6], row[7]).replace(_MARK_START, start).replace(_MARK_END, end),
                      score=float(row[5]))
            for row in rows
        ]

    def resolve_id(self, article_id: str) -> str | None:
        """The stored id for an id or a unique prefix of at least 6 characters (QueryError if ambiguous)."""
        with self._read() as conn:
            return self._resolve_id(conn, article_id)

    def _resolve_id(self, conn, article_id: str) -> str | None:
        if "\x00" in article_id:
            return None  # PostgreSQL text holds no NUL, so no stored id has one
        if conn.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone():
            return article_id
        if len(article_id) < _MIN_PREFIX:
            return None
        matches = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM articles WHERE id >= %s AND id < %s ORDER BY id LIMIT 6",
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
                f"SELECT {', '.join(_ARTICLE_COLUMNS)}, cluster_id, site, ingested_at FROM articles WHERE id = %s",
                (resolved,),
            ).fetchone()
            scalars = dict(zip(_ARTICLE_COLUMNS, row[:8], strict=True))
            lists: dict[str, Any] = {
                spec.field: tuple(spec.from_row(child)
                                  for child in conn.execute(writes.child_select_sql(spec), (resolved,)).fetchall())
                for spec in CHILD_TABLES
            }
            byline = tuple(name for (name,) in conn.execute(
                "SELECT name FROM bylines WHERE article_id = %s ORDER BY position", (resolved,)).fetchall())
            cluster_size = conn.execute("SELECT count(*) FROM articles WHERE cluster_id = %s", (row[8],)).fetchone()[0]
            sources = tuple(
                Appearance(source=source, url=url, kind=kind, seen_at=seen_at)
                for source, url, kind, seen_at in conn.execute(
                    "SELECT source, url, kind, seen_at FROM article_sources WHERE article_id = %s "
                    "ORDER BY kind = 'duplicate', seen_at, source",
                    (resolved,),
                ).fetchall()
            )
        article = Article(**scalars, byline=byline, **lists)
        return StoredArticle(article=article, cluster_id=row[8], cluster_size=cluster_size, sources=sources,
                             site=row[9], ingested_at=row[10])

    def iter_articles(self, filters: ArticleFilter | None = None) -> Iterator[Article]:
        """Every stored article matching `filters`, oldest stored first, through a server-side cursor
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
                    "SELECT id FROM articles WHERE cluster_id = (SELECT cluster_id FROM articles WHERE id = %s) "
                    "ORDER BY seq",
                    (resolved,),
                ).fetchall()
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
                    "SELECT source, reason, at, kind FROM errors ORDER BY at DESC, id DESC LIMIT %s", (limit,)
                ).fetchall()
            ]

    def stats(self) -> StoreStats:
        """Counts and ranges describing what the store holds."""
        with self._read() as conn:
            def one(sql: str) -> Any:
                return conn.execute(sql).fetchone()[0]

            first, last = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
            kinds = dict(conn.execute("SELECT kind, count(*) FROM errors GROUP BY kind").fetchall())
            # Kept by triggers as rows are written (migration 0012): PostgreSQL counts by reading.
            tallies = dict(conn.execute("SELECT name, value FROM tallies").fetchall())
            languages = sorted(((name.removeprefix("language:"), value) for name, value in tallies.items()
                                if name.startswith("language:") and value > 0), key=lambda pair: (-pair[1], pair[0]))
            return StoreStats(
                articles=tallies["articles"],
                clusters=tallies["clusters"],
                near_duplicate_articles=tallies["near_duplicate_articles"],
                clusters_with_near_duplicates=tallies["clusters_with_near_duplicates"],
                duplicates_seen=tallies["duplicates_seen"],
                errors=kinds.get("error", 0),
                warnings=kinds.get("warning", 0),
                analysis_errors=kinds.get("analysis", 0),
                processed_inputs=tallies["processed_inputs"],
                sources=tallies["sources"],
                sites=tallies["sites"],
                languages=dict(languages),
                published_first=first,
                published_last=last,
                schema_version=one("SELECT count(*) FROM newsgraph_migrations"),
                db_bytes=one("SELECT pg_database_size(current_database())"),
                path=self.location,
            )


def _snippet(from_text: str, from_headline: str) -> str:
    """The body's best fragment where the match is in the body, else the headline's."""
    if _MARK_START in from_text or _MARK_START not in from_headline:
        return from_text
    return from_headline
