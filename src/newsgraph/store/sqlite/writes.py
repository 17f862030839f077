"""Writing to the SQLite store: batches of articles, and site template evidence.

A batch is written in one transaction: the articles, their search index rows
(by trigger), near-duplicate keys, exact duplicates' sources, derivations,
failures, warnings and the inputs marked processed are either all there or
none of them are.

One article per normalised body: a body already stored makes the newcomer a
further source of the stored article. Which of the copies is the stored one
does not depend on arrival order: the one whose source sorts first, so that a
corpus ingested in any order, in any number of runs, stores the same records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsgraph.evidence import SiteEvidence, SiteObservation
from newsgraph.records import Article, Failure, RecordError, check
from newsgraph.resolve import near_duplicates
from newsgraph.store.base import ArticleEntry, StoredDerivation, WriteBatch
from newsgraph.store.errors import EvidenceChanged
from newsgraph.store.identities import Sql, update_identities
from newsgraph.store.rows import BatchResult
from newsgraph.store.sqlite.mapping import CHILD_TABLES

__all__ = ["BadArticle", "LshSettings", "add_evidence", "derivations", "evidence", "write_batch"]

# Most-shared-band candidates checked per new article. Copies of one story share
# most bands, so they come first; the cap bounds the work for huge clusters.
MAX_CANDIDATES = 200


class BadArticle(Exception):
    """An article the store cannot hold as given; the message is the reason."""


@dataclass(frozen=True, slots=True)
class LshSettings:
    num_perm: int
    bands: int
    threshold: float


@dataclass(slots=True)
class _Prepared:
    entry: ArticleEntry
    site: str | None
    keys: near_duplicates.ContentKeys
    children: dict[str, list[tuple]]


def _site_of(article: Article) -> str | None:
    """The publisher an article belongs to: its URL's host, without "www."."""
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def check_article(article: object) -> None:
    """The shape the database needs; records made by newsgraph always pass."""
    if not isinstance(article, Article):
        raise BadArticle(f"expected an Article, got {type(article).__name__}")
    for name in ("id", "source", "text", "language"):
        if not isinstance(getattr(article, name), str):
            raise BadArticle(f"field {name} is {type(getattr(article, name)).__name__}, expected str")
    for name in ("url", "headline", "published"):
        if not isinstance(getattr(article, name), str | None):
            raise BadArticle(f"field {name} is {type(getattr(article, name)).__name__}, expected str or null")
    if not article.id.strip():
        raise BadArticle("field id is empty")
    minutes = article.reading_minutes
    if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)):
        raise BadArticle(f"field reading_minutes is {type(minutes).__name__}, expected int or null")
    if not all(isinstance(name, str) for name in article.byline):
        raise BadArticle("field byline must be a list of strings")
    for name in ("id", "source", "text", "headline", "url"):
        value = getattr(article, name)
        if isinstance(value, str) and "\x00" in value:
            raise BadArticle(f"field {name} contains a NUL character")
    try:
        check(article)
    except RecordError as exc:
        raise BadArticle(str(exc)) from exc


def prepare(entry: ArticleEntry, lsh: LshSettings) -> _Prepared:
    """Everything about an article that needs no database: done outside the write lock."""
    article = entry.article
    check_article(article)
    try:
        children = {spec.table: spec.rows(article.id, getattr(article, spec.field)) for spec in CHILD_TABLES}
    except (AttributeError, TypeError, ValueError) as exc:
        raise BadArticle(f"an annotation list holds something that is not a record: {exc}") from exc
    keys = near_duplicates.content_keys(article.text, num_perm=lsh.num_perm, bands=lsh.bands)
    return _Prepared(entry, entry.site or _site_of(article), keys, children)


def write_batch(conn: sqlite3.Connection, batch: WriteBatch, lsh: LshSettings, now: str) -> BatchResult:
    """The whole batch, inside the caller's write transaction."""
    if batch.evidence_versions:
        _check_versions(conn, batch.evidence_versions)
    result = BatchResult()
    for article_id in batch.removals:
        _drop(conn, article_id)
    failures = [Failure(str(f.source), str(f.reason)) for f in batch.failures]
    analysis: list[tuple[str, str]] = []
    for entry in batch.articles:
        try:
            item = prepare(entry, lsh)
        except BadArticle as exc:
            article = entry.article
            label = getattr(article, "id", "?")
            failures.append(Failure(str(getattr(article, "source", "?")), f"cannot store article {label!r}: {exc}"))
            result.ids.append(None)
            continue
        conn.execute("SAVEPOINT article")
        try:
            _write_article(conn, item, lsh, now, result)
        except (sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.IntegrityError, OverflowError, UnicodeError) as exc:
            # A value the database cannot hold: this article fails, the batch goes on.
            conn.execute("ROLLBACK TO article")
            conn.execute("RELEASE article")
            article = entry.article
            failures.append(Failure(article.source, f"cannot store article {article.id!r}: {exc}"))
            result.ids.append(None)
            continue
        conn.execute("RELEASE article")
        if (problem := item.entry.article.analysis_problem()) is not None:
            analysis.append((item.entry.article.source, problem))
    rows = ([(f.source, f.reason, "error") for f in failures]
            + [(source, reason, "analysis") for source, reason in analysis]
            + [(str(w.source), str(w.reason), "warning") for w in batch.warnings])
    conn.executemany(
        "INSERT INTO errors (source, reason, at, kind) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (source, reason) DO UPDATE SET at = excluded.at, kind = excluded.kind",
        [(source, reason, now, kind) for source, reason, kind in rows],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO processed (source, fingerprint, processed_at) VALUES (?, ?, ?)",
        [(str(source), str(fingerprint), now) for source, fingerprint in batch.processed],
    )
    result.failed = len(failures)
    # Speaker identities and statements, in the same transaction as the quotations they cover.
    update_identities(Sql(conn), [article_id for article_id in result.ids or () if article_id])
    return result


def _write_article(conn: sqlite3.Connection, item: _Prepared, lsh: LshSettings, now: str, result: BatchResult) -> None:
    article = item.entry.article
    carried: list[tuple] = []  # places the article replaced here appeared, to move to its successor
    succeeded: _Removed | None = None  # the stored article this one takes the place of
    if item.entry.replaces is not None:
        succeeded = _remove(conn, item.entry.replaces)
        carried = succeeded.places if succeeded else []
        result.rederived += 1
    if item.keys.has_body:
        row = conn.execute(
            "SELECT id, source FROM articles WHERE body_hash = ? AND has_body = 1", (item.keys.body_hash,)
        ).fetchone()
        if row is not None:
            stored_id, stored_source = row
            if article.source >= stored_source:
                _record_copy(conn, stored_id, article, now, result)
                _carry(conn, stored_id, carried, article.source)
                return
            # The newcomer's source sorts first: it becomes the stored copy, the other a further source.
            succeeded = _remove(conn, stored_id)
            carried += succeeded.places if succeeded else []
            result.duplicates += 1
    article_id = _free_id(conn, article.id, item.keys.body_hash)
    if article_id != article.id:
        result.renamed.append((article.id, article_id))
    if succeeded is not None:
        # It takes the place of the article it replaces, in its cluster too.
        cluster_id = article_id if succeeded.cluster_id == succeeded.id else succeeded.cluster_id
    else:
        cluster_id = _best_cluster(conn, item, lsh) or article_id
        if cluster_id != article_id:
            result.near_duplicates += 1
    conn.execute(
        "INSERT INTO articles (id, source, url, headline, published, language, reading_minutes, "
        "text, body_hash, has_body, cluster_id, site, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, article.source, article.url, article.headline, article.published, article.language,
         article.reading_minutes, article.text, item.keys.body_hash, int(item.keys.has_body), cluster_id,
         item.site, now),
    )
    conn.execute(
        "INSERT INTO article_sources (article_id, source, url, kind, seen_at) VALUES (?, ?, ?, 'original', ?)",
        (article_id, article.source, article.url, now),
    )
    conn.executemany(
        "INSERT INTO bylines (article_id, position, name) VALUES (?, ?, ?)",
        [(article_id, position, name) for position, name in enumerate(article.byline)],
    )
    for spec in CHILD_TABLES:
        rows = item.children[spec.table]
        if rows:
            conn.executemany(spec.insert_sql, [(article_id, *row[1:]) for row in rows])
    if item.keys.signature is not None:
        conn.execute("INSERT INTO minhash_signatures (article_id, signature) VALUES (?, ?)",
                     (article_id, item.keys.signature))
        conn.executemany("INSERT INTO minhash_bands (band, article_id) VALUES (?, ?)",
                         [(band, article_id) for band in item.keys.bands])
    derivation = item.entry.derivation
    if derivation is not None and item.site:
        conn.execute(
            "INSERT INTO article_derivations (article_id, site, prepared, line_keys, judgement) VALUES (?, ?, ?, ?, ?)",
            (article_id, item.site, derivation.prepared, derivation.line_keys, derivation.judgement),
        )
    if succeeded is not None and succeeded.cluster_id == succeeded.id:
        conn.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ?", (article_id, succeeded.id))
    # The source now has an article: earlier failures and warnings of it are history.
    conn.execute("DELETE FROM errors WHERE source = ?", (article.source,))
    _carry(conn, article_id, carried, article.source)
    result.new += 1
    result.ids.append(article_id)


def _free_id(conn: sqlite3.Connection, wanted: str, body_hash: str) -> str:
    """`wanted`, or where another body holds it, `wanted` with a body-derived suffix."""
    article_id, suffix_length = wanted, 6
    while conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None:
        article_id = f"{wanted}-{body_hash[:suffix_length]}"
        suffix_length += 6
    return article_id


@dataclass(frozen=True, slots=True)
class _Removed:
    id: str
    cluster_id: str
    places: list[tuple]  # (source, url, seen_at) of every place it appeared


def _remove(conn: sqlite3.Connection, article_id: str) -> _Removed | None:
    """Delete a stored article (its lists go with it); what its successor needs to know is returned."""
    row = conn.execute("SELECT cluster_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    places = conn.execute(
        "SELECT source, url, seen_at FROM article_sources WHERE article_id = ?", (article_id,)
    ).fetchall()
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    return _Removed(article_id, row[0], places)


def _drop(conn: sqlite3.Connection, article_id: str) -> None:
    """Delete an article no successor replaces; its cluster is led by its oldest remaining member."""
    removed = _remove(conn, article_id)
    if removed is not None and removed.cluster_id == removed.id:
        heir = conn.execute("SELECT id FROM articles WHERE cluster_id = ? ORDER BY seq LIMIT 1", (removed.id,)).fetchone()
        if heir is not None:
            conn.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ?", (heir[0], removed.id))


def _carry(conn: sqlite3.Connection, article_id: str, places: Iterable[tuple], own_source: str) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO article_sources (article_id, source, url, kind, seen_at) VALUES (?, ?, ?, 'duplicate', ?)",
        [(article_id, source, url, seen_at) for source, url, seen_at in places if source != own_source],
    )


def _record_copy(conn: sqlite3.Connection, stored_id: str, article: Article, now: str, result: BatchResult) -> None:
    cursor = conn.execute(
        "INSERT OR IGNORE INTO article_sources (article_id, source, url, kind, seen_at) VALUES (?, ?, ?, 'duplicate', ?)",
        (stored_id, article.source, article.url, now),
    )
    if cursor.rowcount:
        result.duplicates += 1
        conn.execute("DELETE FROM errors WHERE source = ?", (article.source,))
    else:
        result.unchanged += 1
    result.ids.append(stored_id)


def _best_cluster(conn: sqlite3.Connection, item: _Prepared, lsh: LshSettings) -> str | None:
    """The cluster of the most similar stored article at or above the threshold, if any."""
    if not item.keys.bands or item.keys.signature is None:
        return None
    placeholders = ", ".join("?" for _ in item.keys.bands)
    rows = conn.execute(
        "SELECT a.cluster_id, s.signature, count(*) AS shared "
        "FROM minhash_bands AS b "
        "JOIN minhash_signatures AS s ON s.article_id = b.article_id "
        "JOIN articles AS a ON a.id = b.article_id "
        f"WHERE b.band IN ({placeholders}) "
        "GROUP BY b.article_id ORDER BY shared DESC, a.seq LIMIT ?",
        (*item.keys.bands, MAX_CANDIDATES),
    ).fetchall()
    signature = near_duplicates.signature_from_bytes(item.keys.signature)
    return near_duplicates.best_cluster(signature, ((cluster, stored) for cluster, stored, _ in rows), lsh.threshold)


# --- template evidence ---------------------------------------------------------------

def _check_versions(conn: sqlite3.Connection, expected: dict[str, int] | object) -> None:
    changed = set()
    for site, version in expected.items():  # type: ignore[union-attr]
        row = conn.execute("SELECT version FROM template_sites WHERE site = ?", (site,)).fetchone()
        if (row[0] if row else 0) != version:
            changed.add(site)
    if changed:
        raise EvidenceChanged(changed)


def add_evidence(conn: sqlite3.Connection, observations: Sequence[SiteObservation]) -> dict[str, int]:
    """Count each document once per site; the sites whose evidence grew, with their new versions."""
    grew: dict[str, int] = {}
    for observation in observations:
        inserted = conn.execute(
            "INSERT OR IGNORE INTO template_documents (site, document) VALUES (?, ?)",
            (observation.site, observation.document),
        ).rowcount
        if not inserted:
            continue
        conn.executemany(
            "INSERT INTO template_lines (site, line, documents, long) VALUES (?, ?, 1, ?) "
            "ON CONFLICT (site, line) DO UPDATE SET documents = documents + 1",
            [(observation.site, key, int(long)) for key, long in observation.lines],
        )
        grew[observation.site] = grew.get(observation.site, 0) + 1
    versions: dict[str, int] = {}
    for site, documents in grew.items():
        conn.execute(
            "INSERT INTO template_sites (site, documents, version) VALUES (?, ?, 1) "
            "ON CONFLICT (site) DO UPDATE SET documents = documents + excluded.documents, version = version + 1",
            (site, documents),
        )
        versions[site] = conn.execute("SELECT version FROM template_sites WHERE site = ?", (site,)).fetchone()[0]
    return versions


def evidence(conn: sqlite3.Connection, site: str, least_count: int) -> SiteEvidence:
    row = conn.execute("SELECT documents, version FROM template_sites WHERE site = ?", (site,)).fetchone()
    if row is None:
        return SiteEvidence(site, 0, {}, 0)
    counts = {
        line: (documents, bool(long))
        for line, documents, long in conn.execute(
            "SELECT line, documents, long FROM template_lines WHERE site = ? AND documents >= ?", (site, least_count)
        )
    }
    return SiteEvidence(site, row[0], counts, row[1])


def derivations(conn: sqlite3.Connection, site: str) -> list[StoredDerivation]:
    return [
        StoredDerivation(article_id, source, line_keys, judgement)
        for article_id, source, line_keys, judgement in conn.execute(
            "SELECT d.article_id, a.source, d.line_keys, d.judgement FROM article_derivations AS d "
            "JOIN articles AS a ON a.id = d.article_id WHERE d.site = ? ORDER BY a.seq",
            (site,),
        )
    ]
