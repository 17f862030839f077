"""SQLite store: articles, their annotation lists, full-text search and duplicates.

One file, WAL journal (readers keep working while an ingest writes),
foreign keys on. All SQL of the store lives in this class, behind an interface
that names no SQLite concept, so that a PostgreSQL store can stand beside it.

A batch is written in one transaction: the articles, their search index rows
(by trigger), their near-duplicate signatures, exact duplicates' sources, the
failures and the inputs marked processed are either all there or none of them
are, so a crash mid-ingest loses at most the batch in hand and a re-run redoes
exactly that.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsgraph.ingest import dedup
from newsgraph.records import CONTRACT_FIELDS, Article, Failure
from newsgraph.store import query as fts
from newsgraph.store import annotations as annotation_queries
from newsgraph.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    QueryError,
    StoreError,
    applied_migrations,
    check_known,
    migrate,
    quote_identifier,
)

__all__ = ["SNIPPET_END", "SNIPPET_START", "BatchResult", "SQLiteStore", "SearchHit", "open_store"]

# Waiting this long for another writer's lock covers a large batch being committed.
BUSY_TIMEOUT_MS = 30_000
# bm25 column weights (headline, text): a word in the headline says more about
# what the article is about than the same word deep in the body.
HEADLINE_WEIGHT = 4.0
TEXT_WEIGHT = 1.0
SNIPPET_TOKENS = 16
# Default markers around matched terms in search snippets.
SNIPPET_START = "["
SNIPPET_END = "]"
# Most-shared-band candidates checked per new article. Copies of one story share
# most bands, so they come first; the cap bounds the work for huge clusters.
MAX_CANDIDATES = 200
# (source, fingerprint) pairs per `seen` query, well under SQLite's variable limit.
_SEEN_CHUNK = 400
_MIN_PREFIX = 6


@dataclass(slots=True)
class BatchResult:
    """What one `write_batch` did.

    `new` counts articles stored now (near duplicates included); `near_duplicates`
    counts those of them that joined an existing cluster; `duplicates` counts
    exact copies of a stored body from a source not seen before (recorded as a
    further source, not stored again); `unchanged` counts articles this store
    already had from the same source (a re-run); `failed` counts the batch's
    failures plus articles the store refused as malformed. `ids` has one entry
    per input article, in order: the id it is stored under, or the stored
    article it duplicates (None for a refused one). `renamed` lists
    (given id, stored id) where the given id already belonged to another body.
    """

    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    unchanged: int = 0
    ids: list[str | None] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class SearchHit:
    id: str
    headline: str | None
    published: str | None
    source: str
    url: str | None
    snippet: str  # matched terms wrapped in the `highlight` markers
    score: float  # higher is better (negated bm25)


# --- annotation lists <-> child tables ------------------------------------------

@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    path: tuple[str, ...]  # where the value sits in the contract record
    kind: type  # the Python type the column holds; other values go to `extra`


@dataclass(frozen=True, slots=True)
class _ChildTable:
    table: str
    field: str
    columns: tuple[_Column, ...]
    objects: tuple[str, ...] = ()  # keys whose value is an object or null


def _cols(*specs: tuple[str, str, type]) -> tuple[_Column, ...]:
    return tuple(_Column(name, tuple(path.split(".")), kind) for name, path, kind in specs)


def _span(prefix: str = "", column_prefix: str = "") -> list[tuple[str, str, type]]:
    return [
        (f"{column_prefix}start", f"{prefix}start", int),
        (f"{column_prefix}end", f"{prefix}end", int),
        (f"{column_prefix}text", f"{prefix}text", str),
    ]


_CHILD_TABLES = (
    _ChildTable(
        "entities",
        "entities",
        _cols(*_span(), ("label", "label", str), ("name", "name", str), ("country", "country", str)),
    ),
    _ChildTable(
        "quotes",
        "quotes",
        _cols(
            *_span(),
            ("field", "field", str),
            ("kind", "kind", str),
            *_span("cue.", "cue_"),
            *_span("speaker.", "speaker_"),
            ("speaker_name", "speaker.name", str),
            ("speaker_role", "speaker.role", str),
            ("speaker_affiliation", "speaker.affiliation", str),
            ("date", "date", str),
        ),
        objects=("cue", "speaker"),
    ),
    _ChildTable(
        "dates",
        "dates",
        _cols(*_span(), ("type", "type", str), ("value", "value", str)),
    ),
    _ChildTable(
        "amounts",
        "amounts",
        _cols(*_span(), ("value", "value", float), ("unit", "unit", str), ("approximate", "approximate", bool)),
    ),
    _ChildTable(
        "events",
        "events",
        _cols(
            ("type", "type", str),
            ("mode", "mode", str),
            ("actor_text", "actor.text", str),
            ("actor_name", "actor.name", str),
            ("actor_country", "actor.country", str),
            ("recipient_text", "recipient.text", str),
            ("recipient_name", "recipient.name", str),
            ("recipient_country", "recipient.country", str),
            ("date", "date", str),
            ("amount", "amount", int),
            ("quote", "quote", int),
            *_span(),
        ),
        objects=("actor", "recipient"),
    ),
)


class _BadArticle(Exception):
    """An article the store cannot hold as given; the message is the reason."""


def _fits(value: Any, kind: type) -> bool:
    if value is None:
        return True
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, kind)


def _dig(record: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = record
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _flatten(spec: _ChildTable, record: Any, where: str) -> tuple[Any, ...]:
    """One child row: column values, then `extra` (JSON of whatever has no column)."""
    if not isinstance(record, Mapping):
        raise _BadArticle(f"{where} is {type(record).__name__}, expected an object")
    rest = copy.deepcopy(dict(record))
    values: list[Any] = []
    for column in spec.columns:
        value = _dig(record, column.path)
        if not _fits(value, column.kind):
            values.append(None)  # kept as written in `extra` instead
            continue
        values.append(int(value) if column.kind is bool and value is not None else value)
        parent = _dig(rest, column.path[:-1]) if len(column.path) > 1 else rest
        if isinstance(parent, dict):
            parent.pop(column.path[-1], None)
    for key in spec.objects:
        if key not in rest:
            continue
        if rest[key] is None:
            del rest[key]  # a null object reads back as null from all-NULL columns
        elif rest[key] == {} and any(_dig(record, (key, leaf)) is not None for leaf in record[key]):
            del rest[key]  # fully held by columns
        # else: an object of only nulls keeps an {} marker, so it does not read back as null
    try:
        extra = json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None
    except (TypeError, ValueError) as exc:
        raise _BadArticle(f"{where} holds a value that is not JSON: {exc}") from exc
    return (*values, extra)


def _merge(target: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def _unflatten(spec: _ChildTable, row: Sequence[Any]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for column, value in zip(spec.columns, row, strict=False):
        if column.kind is bool and value is not None:
            value = bool(value)
        target = record
        for key in column.path[:-1]:
            target = target.setdefault(key, {})
        target[column.path[-1]] = value
    for key in spec.objects:
        if all(value is None for value in record.get(key, {}).values()):
            record[key] = None
    extra = row[len(spec.columns)]
    if extra:
        for key, value in json.loads(extra).items():
            if value == {} and key in spec.objects and record.get(key) is None:
                record[key] = {leaf: None for leaf in _object_leaves(spec, key)}
            elif isinstance(value, Mapping) and isinstance(record.get(key), dict):
                _merge(record[key], value)
            else:
                record[key] = value
    return record


def _object_leaves(spec: _ChildTable, key: str) -> list[str]:
    return [column.path[1] for column in spec.columns if len(column.path) == 2 and column.path[0] == key]


# --- preparing an article, outside the write lock --------------------------------

@dataclass(slots=True)
class _Prepared:
    article: Article
    site: str | None
    body_hash: str
    has_body: bool
    signature: bytes | None
    bands: list[str]
    bylines: list[str]
    children: dict[str, list[tuple[Any, ...]]]


def _site_of(article: Article) -> str | None:
    """The publisher an article belongs to: its URL's host, without "www."."""
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def _check_scalars(article: Article) -> None:
    expected: dict[str, tuple[type, ...]] = {
        "id": (str,),
        "source": (str,),
        "text": (str,),
        "url": (str, type(None)),
        "headline": (str, type(None)),
        "published": (str, type(None)),
        "language": (str,),
    }
    for name, kinds in expected.items():
        value = getattr(article, name)
        if not isinstance(value, kinds):
            raise _BadArticle(f"field {name} is {type(value).__name__}, expected {' or '.join(k.__name__ for k in kinds)}")
    if not article.id.strip():
        raise _BadArticle("field id is empty")
    minutes = article.reading_minutes
    if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)):
        raise _BadArticle(f"field reading_minutes is {type(minutes).__name__}, expected int or null")
    if not isinstance(article.byline, list) or not all(isinstance(name, str) for name in article.byline):
        raise _BadArticle("field byline must be a list of strings")
    for spec in _CHILD_TABLES:
        if not isinstance(getattr(article, spec.field), list):
            raise _BadArticle(f"field {spec.field} must be a list")
    for name in ("id", "source", "text", "headline", "url"):
        value = getattr(article, name)
        if isinstance(value, str) and "\x00" in value:
            raise _BadArticle(f"field {name} contains a NUL character")


# --- the store --------------------------------------------------------------------

class SQLiteStore:
    """Articles in one SQLite file. Use `open_store` to make one; close it, or use `with`."""

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        # FastAPI and thread pools call from several threads; one lock keeps a
        # transaction's statements together on the shared connection.
        self._lock = threading.RLock()
        self._conn = self._connect()
        try:
            self._prepare_schema()
            self._num_perm, self._bands, self._threshold = self._lsh_settings()
        except BaseException:
            self._conn.close()
            raise

    # -- connection and schema

    def _connect(self) -> sqlite3.Connection:
        memory = self.path == ":memory:"
        if self.readonly and not memory and not Path(self.path).exists():
            raise StoreError(f"no newsgraph database at {self.path}")
        try:
            if self.readonly and not memory:
                target = Path(self.path).resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(target, uri=True, isolation_level=None, check_same_thread=False)
            else:
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            # Fails here, not on first use, for a file that is not a database.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path} as a newsgraph database: {exc}") from exc
        return conn

    def _prepare_schema(self) -> None:
        try:
            if self.readonly:
                applied = applied_migrations(self._conn)
                check_known(applied)
                if len(applied) < SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} is at schema version {len(applied)}, this newsgraph needs "
                        f"{SCHEMA_VERSION}; open it once without read-only to migrate it"
                    )
            else:
                migrate(self._conn, MIGRATIONS)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the schema of {self.path}: {exc}") from exc

    def _lsh_settings(self) -> tuple[int, int, float]:
        settings = dict(self._conn.execute("SELECT key, value FROM settings"))
        try:
            return (
                int(settings["minhash_num_perm"]),
                int(settings["minhash_bands"]),
                float(settings["near_duplicate_threshold"]),
            )
        except (KeyError, ValueError) as exc:
            raise StoreError(f"{self.path} has unusable near-duplicate settings {settings}: {exc}") from exc

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a writer waits (busy_timeout)
        # instead of failing when it later upgrades from a read.
        with self._lock:
            if self._conn is None:
                raise StoreError(f"the store {self.path} is closed")
            if self._conn.in_transaction:
                raise StoreError("the store is already inside a transaction")
            self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            if self._conn is None:
                return
            if not self.readonly:
                try:
                    self._conn.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass  # only a planner hint; closing must not fail over it
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r}{', readonly=True' if self.readonly else ''})"

    # -- re-run support

    def seen(self, items: Sequence[tuple[str, str]]) -> set[str]:
        """Sources already processed with that same fingerprint, from (source, fingerprint) pairs."""
        pairs = list(dict.fromkeys((str(source), str(fingerprint)) for source, fingerprint in items))
        found: set[str] = set()
        with self._transaction(write=False) as conn:
            for start in range(0, len(pairs), _SEEN_CHUNK):
                chunk = pairs[start : start + _SEEN_CHUNK]
                values = ", ".join("(?, ?)" for _ in chunk)
                params = [value for pair in chunk for value in pair]
                rows = conn.execute(
                    f"SELECT source FROM processed WHERE (source, fingerprint) IN (VALUES {values})",
                    params,
                )
                found.update(source for (source,) in rows)
        return found

    # -- writing

    def write_batch(
        self,
        articles: Sequence[Article],
        failures: Sequence[Failure] = (),
        processed: Sequence[tuple[str, str]] = (),
        *,
        sites: Mapping[str, str] | None = None,
    ) -> BatchResult:
        """Store a batch in one transaction; see BatchResult for what is counted.

        `sites` optionally maps an article's source to its site (publisher) where
        the reader knows it; otherwise the URL's host is used. An article the
        store cannot hold (wrong field types, values that are not JSON) becomes a
        failure with a one-line reason instead of failing the batch.
        """
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        result = BatchResult()
        prepared: list[_Prepared | None] = []
        all_failures = [Failure(str(failure.source), str(failure.reason)) for failure in failures]
        for article in articles:
            try:
                site = sites.get(article.source) if sites and isinstance(article.source, str) else None
                prepared.append(self._prepare(article, site))
            except _BadArticle as exc:
                label = getattr(article, "id", "?")
                all_failures.append(Failure(str(getattr(article, "source", "?")), f"cannot store article {label!r}: {exc}"))
                prepared.append(None)
        now = _now()
        try:
            with self._transaction(write=True) as conn:
                for item in prepared:
                    if item is None:
                        result.ids.append(None)
                        continue
                    self._write_article(conn, item, now, result)
                conn.executemany(
                    "INSERT INTO errors (source, reason, at) VALUES (?, ?, ?) "
                    "ON CONFLICT (source, reason) DO UPDATE SET at = excluded.at",
                    [(failure.source, failure.reason, now) for failure in all_failures],
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO processed (source, fingerprint, processed_at) VALUES (?, ?, ?)",
                    [(str(source), str(fingerprint), now) for source, fingerprint in processed],
                )
        except sqlite3.Error as exc:
            raise StoreError(f"writing a batch of {len(articles)} articles to {self.path} failed, nothing of it was stored: {exc}") from exc
        result.failed = len(all_failures)
        return result

    def _prepare(self, article: Article, site: str | None) -> _Prepared:
        if not isinstance(article, Article):
            raise _BadArticle(f"expected an Article, got {type(article).__name__}")
        _check_scalars(article)
        normalised = dedup.normalise_body(article.text)
        signature = dedup.minhash_signature(article.text, num_perm=self._num_perm) if normalised else None
        bands = dedup.lsh_bands(signature, bands=self._bands) if signature is not None else []
        children: dict[str, list[tuple[Any, ...]]] = {}
        for spec in _CHILD_TABLES:
            records = getattr(article, spec.field)
            children[spec.table] = [
                (article.id, position, *_flatten(spec, record, f"{spec.field}[{position}]"))
                for position, record in enumerate(records)
            ]
        return _Prepared(
            article=article,
            site=site or _site_of(article),
            body_hash=dedup.body_hash(article.text),
            has_body=bool(normalised),
            signature=dedup.signature_to_bytes(signature) if bands else None,
            bands=bands,
            bylines=list(article.byline),
            children=children,
        )

    def _write_article(self, conn: sqlite3.Connection, item: _Prepared, now: str, result: BatchResult) -> None:
        article = item.article
        if item.has_body:
            row = conn.execute(
                "SELECT id FROM articles WHERE body_hash = ? ORDER BY seq LIMIT 1", (item.body_hash,)
            ).fetchone()
            if row is not None:
                self._record_copy(conn, row[0], article, now, result)
                return
        article_id = article.id
        suffix_length = 6
        while True:
            row = conn.execute("SELECT body_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                break
            if row[0] == item.body_hash:
                # Same id and body (only reachable for empty bodies): the same article.
                self._record_copy(conn, article_id, article, now, result)
                return
            # The id belongs to a different body: keep both, under a body-derived suffix.
            article_id = f"{article.id}-{item.body_hash[:suffix_length]}"
            suffix_length += 6
        if article_id != article.id:
            result.renamed.append((article.id, article_id))

        cluster_id = self._best_cluster(conn, item) or article_id
        if cluster_id != article_id:
            result.near_duplicates += 1
        conn.execute(
            "INSERT INTO articles (id, source, url, headline, published, language, reading_minutes, "
            "text, body_hash, cluster_id, site, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                article.source,
                article.url,
                article.headline,
                article.published,
                article.language,
                article.reading_minutes,
                article.text,
                item.body_hash,
                cluster_id,
                item.site,
                now,
            ),
        )
        conn.execute(
            "INSERT INTO article_sources (article_id, source, url, kind, seen_at) VALUES (?, ?, ?, 'original', ?)",
            (article_id, article.source, article.url, now),
        )
        conn.executemany(
            "INSERT INTO bylines (article_id, position, name) VALUES (?, ?, ?)",
            [(article_id, position, name) for position, name in enumerate(item.bylines)],
        )
        for spec in _CHILD_TABLES:
            rows = item.children[spec.table]
            if not rows:
                continue
            names = ["article_id", "position", *(column.name for column in spec.columns), "extra"]
            conn.executemany(
                f"INSERT INTO {quote_identifier(spec.table)} ({', '.join(map(quote_identifier, names))}) "
                f"VALUES ({', '.join('?' for _ in names)})",
                [(article_id, *row[1:]) for row in rows],
            )
        if item.signature is not None:
            conn.execute(
                "INSERT INTO minhash_signatures (article_id, signature) VALUES (?, ?)", (article_id, item.signature)
            )
            conn.executemany(
                "INSERT INTO minhash_bands (band, article_id) VALUES (?, ?)",
                [(band, article_id) for band in item.bands],
            )
        # The source now has an article: earlier failures of it are history.
        conn.execute("DELETE FROM errors WHERE source = ?", (article.source,))
        result.new += 1
        result.ids.append(article_id)

    def _record_copy(self, conn: sqlite3.Connection, stored_id: str, article: Article, now: str, result: BatchResult) -> None:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO article_sources (article_id, source, url, kind, seen_at) "
            "VALUES (?, ?, ?, 'duplicate', ?)",
            (stored_id, article.source, article.url, now),
        )
        if cursor.rowcount:
            result.duplicates += 1
            conn.execute("DELETE FROM errors WHERE source = ?", (article.source,))
        else:
            result.unchanged += 1
        result.ids.append(stored_id)

    def _best_cluster(self, conn: sqlite3.Connection, item: _Prepared) -> str | None:
        """The cluster of the most similar stored article at or above the threshold, if any."""
        if not item.bands or item.signature is None:
            return None
        placeholders = ", ".join("?" for _ in item.bands)
        rows = conn.execute(
            "SELECT a.cluster_id, s.signature, count(*) AS shared "
            "FROM minhash_bands AS b "
            "JOIN minhash_signatures AS s ON s.article_id = b.article_id "
            "JOIN articles AS a ON a.id = b.article_id "
            f"WHERE b.band IN ({placeholders}) "
            "GROUP BY b.article_id ORDER BY shared DESC, a.seq LIMIT ?",
            (*item.bands, MAX_CANDIDATES),
        ).fetchall()
        signature = dedup.signature_from_bytes(item.signature)
        best: tuple[float, str] | None = None
        for cluster_id, stored, _shared in rows:
            stored_signature = dedup.signature_from_bytes(stored)
            if stored_signature.size != signature.size:
                continue
            similarity = dedup.jaccard_estimate(signature, stored_signature)
            if similarity >= self._threshold and (best is None or similarity > best[0]):
                best = (similarity, cluster_id)
        return best[1] if best else None

    # -- reading

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        highlight: tuple[str, str] = (SNIPPET_START, SNIPPET_END),
    ) -> list[SearchHit]:
        """Full-text search over headline and text, best first.

        Plain words are ANDed; "phrases", OR, NOT, prefix*, ( ), headline:word
        work as in FTS5; -word excludes. `source` keeps articles whose source
        contains that text (a file, a folder) or whose site is exactly that
        (courier.example). `since`/`until` are inclusive ISO dates
        of any precision on `published` (articles without a date drop out).
        """
        if limit < 1 or offset < 0:
            raise QueryError(f"limit must be at least 1 and offset at least 0, got limit={limit}, offset={offset}")
        match = fts.fts_query(query)
        if match is None:
            return []
        clauses = ["articles_fts MATCH ?"]
        params: list[Any] = [highlight[0], highlight[1], match]
        if source is not None:
            # instr, not LIKE: the text is matched literally, "%" and "_" included.
            clauses.append("(instr(a.source, ?) > 0 OR a.site = ?)")
            params.extend([source, source])
        if since is not None:
            clauses.append("a.published >= ?")
            params.append(fts.date_lower_bound(since, "since"))
        if until is not None:
            clauses.append("a.published <= ?")
            params.append(fts.date_upper_bound(until, "until"))
        params.extend([limit, offset])
        sql = (
            "SELECT a.id, a.headline, a.published, a.source, a.url, "
            f"snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS}), "
            f"bm25(articles_fts, {HEADLINE_WEIGHT}, {TEXT_WEIGHT}) AS weighted_bm25 "
            "FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid "
            f"WHERE {' AND '.join(clauses)} ORDER BY weighted_bm25, a.seq LIMIT ? OFFSET ?"
        )
        try:
            with self._transaction(write=False) as conn:
                rows = conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc) or "syntax error" in str(exc) or "no such column" in str(exc):
                raise QueryError(f"malformed search query: {query!r} ({exc}); {fts.HINT}") from exc
            raise StoreError(f"search failed on {self.path}: {exc}") from exc
        return [
            SearchHit(
                id=row[0], headline=row[1], published=row[2], source=row[3], url=row[4], snippet=row[5], score=-row[6]
            )
            for row in rows
        ]

    def resolve_id(self, article_id: str) -> str | None:
        """The stored id for an id or a unique prefix of at least 6 characters.

        Raises QueryError if the prefix matches several articles.
        """
        with self._transaction(write=False) as conn:
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
            raise QueryError(f"id prefix {article_id!r} matches several articles ({shown}); give more characters")
        return matches[0] if matches else None

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The stored record (contract fields) plus cluster_id, cluster_size, sources, site, ingested_at."""
        with self._transaction(write=False) as conn:
            resolved = self._resolve_id(conn, article_id)
            if resolved is None:
                return None
            row = conn.execute(
                "SELECT id, source, url, headline, published, language, reading_minutes, text, "
                "cluster_id, site, ingested_at FROM articles WHERE id = ?",
                (resolved,),
            ).fetchone()
            record: dict[str, Any] = dict(
                zip(("id", "source", "url", "headline", "published", "language", "reading_minutes", "text"), row[:8], strict=True)
            )
            record["byline"] = [
                name for (name,) in conn.execute("SELECT name FROM bylines WHERE article_id = ? ORDER BY position", (resolved,))
            ]
            for spec in _CHILD_TABLES:
                names = [column.name for column in spec.columns] + ["extra"]
                rows = conn.execute(
                    f"SELECT {', '.join(map(quote_identifier, names))} FROM {quote_identifier(spec.table)} "
                    "WHERE article_id = ? ORDER BY position",
                    (resolved,),
                ).fetchall()
                record[spec.field] = [_unflatten(spec, child) for child in rows]
            full = {name: record[name] for name in CONTRACT_FIELDS}
            full["cluster_id"] = row[8]
            full["cluster_size"] = conn.execute(
                "SELECT count(*) FROM articles WHERE cluster_id = ?", (row[8],)
            ).fetchone()[0]
            full["sources"] = [
                {"source": source, "url": url, "kind": kind, "seen_at": seen_at}
                for source, url, kind, seen_at in conn.execute(
                    "SELECT source, url, kind, seen_at FROM article_sources WHERE article_id = ? "
                    "ORDER BY kind = 'duplicate', seen_at, source",
                    (resolved,),
                )
            ]
            full["site"] = row[9]
            full["ingested_at"] = row[10]
            return full

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        about_entity: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored quotations newest first; see `store.annotations.list_quotes` for the filters."""
        with self._transaction(write=False) as conn:
            return annotation_queries.list_quotes(
                conn, speaker=speaker, about=about, since=since, until=until, kind=kind,
                about_entity=about_entity, limit=limit, offset=offset,
            )

    def entities(
        self, *, label: str | None = None, country: str | None = None, name: str | None = None, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Entities by canonical name with mention counts, most mentioned first."""
        with self._transaction(write=False) as conn:
            return annotation_queries.list_entities(conn, label=label, country=country, name=name, limit=limit)

    def events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        """Coded political events newest first, filtered by actor/recipient country, PLOVER type, dates."""
        with self._transaction(write=False) as conn:
            return annotation_queries.list_events(
                conn, actor=actor, recipient=recipient, type=type, since=since, until=until, limit=limit
            )

    def speakers(self, *, limit: int = 50, name: str | None = None) -> list[dict[str, Any]]:
        """Resolved speakers with quote counts, roles and affiliations, most quoted first."""
        with self._transaction(write=False) as conn:
            return annotation_queries.list_speakers(conn, limit=limit, name=name)

    def cluster(self, article_id: str) -> list[str]:
        """Ids of the articles in the same near-duplicate cluster, oldest first."""
        with self._transaction(write=False) as conn:
            resolved = self._resolve_id(conn, article_id)
            if resolved is None:
                return []
            return [
                row[0]
                for row in conn.execute(
                    "SELECT id FROM articles WHERE cluster_id = "
                    "(SELECT cluster_id FROM articles WHERE id = ?) ORDER BY seq",
                    (resolved,),
                )
            ]

    def stats(self) -> dict[str, Any]:
        """Counts and ranges describing what the store holds."""
        with self._transaction(write=False) as conn:
            one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
            articles = one("SELECT count(*) FROM articles")
            clusters = one("SELECT count(DISTINCT cluster_id) FROM articles")
            first, last = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
            stats: dict[str, Any] = {
                "articles": articles,
                "clusters": clusters,
                "near_duplicate_articles": one("SELECT count(*) FROM articles WHERE cluster_id != id"),
                "clusters_with_near_duplicates": one(
                    "SELECT count(DISTINCT cluster_id) FROM articles WHERE cluster_id != id"
                ),
                "duplicates_seen": one("SELECT count(*) FROM article_sources WHERE kind = 'duplicate'"),
                "errors": one("SELECT count(*) FROM errors"),
                "processed_inputs": one("SELECT count(*) FROM processed"),
                "sources": one("SELECT count(DISTINCT source) FROM article_sources"),
                "sites": one("SELECT count(DISTINCT site) FROM articles"),
                "languages": dict(
                    conn.execute(
                        "SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language"
                    ).fetchall()
                ),
                "published_first": first,
                "published_last": last,
                "schema_version": one("PRAGMA user_version"),
                "db_bytes": one("PRAGMA page_count") * one("PRAGMA page_size"),
                "path": self.path,
            }
        if self.path != ":memory:":
            wal = Path(self.path + "-wal")
            if wal.exists():
                stats["db_bytes"] += wal.stat().st_size
        return stats

    def errors(self, *, limit: int = 50) -> list[dict[str, Any]]:
        """The most recent failures: {"source", "reason", "at"}, newest first."""
        if limit < 1:
            raise QueryError(f"limit must be at least 1, got {limit}")
        with self._transaction(write=False) as conn:
            return [
                {"source": source, "reason": reason, "at": at}
                for source, reason, at in conn.execute(
                    "SELECT source, reason, at FROM errors ORDER BY at DESC, id DESC LIMIT ?", (limit,)
                )
            ]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def open_store(db: str | os.PathLike[str] = "newsgraph.db", *, readonly: bool = False) -> SQLiteStore:
    """Open (creating and migrating if needed) the store named by a path or URL.

    Accepts a plain path, "sqlite:///relative/path", "sqlite:////absolute/path"
    and ":memory:". PostgreSQL URLs are recognised and refused until that
    backend exists.
    """
    target = os.fspath(db)
    if not isinstance(target, str):
        raise StoreError(f"a database path must be text, got {target!r}")
    scheme, separator, rest = target.partition("://")
    if separator and "/" not in scheme and "\\" not in scheme:
        scheme = scheme.lower()
        if scheme in _POSTGRES_SCHEMES:
            raise StoreError("PostgreSQL support is not built yet; use a SQLite file path or sqlite:///path")
        if scheme != "sqlite":
            raise StoreError(f"unsupported database URL {target!r}: use a file path, sqlite:///path or postgresql://")
        # sqlite:///x is the relative path x and sqlite:////x the absolute /x;
        # sqlite:// alone is an in-memory database (SQLAlchemy's conventions).
        target = rest[1:] if rest.startswith("/") else rest
        target = target.split("?", 1)[0] or ":memory:"
    if not target:
        raise StoreError("no database path given")
    return SQLiteStore(target, readonly=readonly)
