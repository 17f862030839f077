"""Writing to the PostgreSQL store: batches of articles, and site template evidence.

The same rules as the SQLite backend (`store.sqlite.writes`, whose checks and
preparation outside the transaction are shared): a batch is one transaction
with its failures, warnings and processed inputs; one article per normalised
body, the stored copy being the one whose source sorts first whatever the
arrival order; template evidence counted once per document.

The caller's write transaction holds the writers' advisory lock
(`postgresql.connection`), so the state read here is the state committed into.
Each article is written under a savepoint: a value PostgreSQL cannot hold (a
NUL inside an annotation, an offset past 64 bits) fails that article only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import psycopg

from newsgraph.evidence import SiteEvidence, SiteObservation
from newsgraph.records import Article, Failure
from newsgraph.resolve import near_duplicates
from newsgraph.store.base import StoredDerivation, WriteBatch
from newsgraph.store.errors import EvidenceChanged
from newsgraph.store.identities import Sql, update_identities
from newsgraph.store.rows import BatchResult
from newsgraph.store.sqlite.mapping import CHILD_TABLES, ChildTable
from newsgraph.store.sqlite.migrations import quote_identifier
from newsgraph.store.sqlite.writes import MAX_CANDIDATES, BadArticle, LshSettings, prepare

__all__ = ["LshSettings", "add_evidence", "child_select_sql", "derivations", "evidence", "write_batch"]

# Errors that mean "this article's values do not fit", not "the database is gone".
_UNFIT = (psycopg.DataError, psycopg.IntegrityError, psycopg.ProgrammingError, ValueError, OverflowError,
          UnicodeError, TypeError)


def _child_insert_sql(spec: ChildTable) -> str:
    """The head of a multi-row INSERT of `spec`'s rows; `_insert_rows` adds one VALUES row per row."""
    names = ("article_id", "position", *spec.columns, "extra")
    return f"INSERT INTO {quote_identifier(spec.table)} ({', '.join(map(quote_identifier, names))}) VALUES "


_ROWS_PER_INSERT = 500


def _insert_rows(conn, head: str, rows: Sequence[tuple]) -> None:
    """`rows` in as few statements as may be: a statement trigger (entity totals) runs once for
    all of them, and the server's cost per statement is paid once."""
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        chunk = rows[start:start + _ROWS_PER_INSERT]
        values = ", ".join("(" + ", ".join("%s" for _ in chunk[0]) + ")" for _ in chunk)
        conn.execute(head + values, [value for row in chunk for value in row])


def child_select_sql(spec: ChildTable) -> str:
    names = (*spec.columns, "extra")
    return (f"SELECT {', '.join(map(quote_identifier, names))} FROM {quote_identifier(spec.table)} "
            "WHERE article_id = %s ORDER BY position")


_INSERT_CHILD = {spec.table: _child_insert_sql(spec) for spec in CHILD_TABLES}


def _many(conn, sql: str, rows: Sequence[tuple]) -> None:
    if rows:
        with conn.cursor() as cursor:
            cursor.executemany(sql, rows)


def write_batch(conn, batch: WriteBatch, lsh: LshSettings, now: str) -> BatchResult:
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
        try:
            with conn.transaction():  # a savepoint inside the batch's transaction
                _write_article(conn, item, lsh, now, result)
        except _UNFIT as exc:
            article = entry.article
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            failures.append(Failure(article.source, f"cannot store article {article.id!r}: {reason}"))
            result.ids.append(None)
            continue
        if (problem := item.entry.article.analysis_problem()) is not None:
            analysis.append((item.entry.article.source, problem))
    rows = ([(f.source, f.reason, "error") for f in failures]
            + [(source, reason, "analysis") for source, reason in analysis]
            + [(str(w.source), str(w.reason), "warning") for w in batch.warnings])
    _many(conn,
          "INSERT INTO errors (source, reason, at, kind) VALUES (%s, %s, %s, %s) "
          "ON CONFLICT (source, reason) DO UPDATE SET at = excluded.at, kind = excluded.kind",
          [(source.replace("\x00", " "), reason.replace("\x00", " "), now, kind) for source, reason, kind in rows])
    _many(conn,
          "INSERT INTO processed (source, fingerprint, processed_at) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
          list(dict.fromkeys((str(source), str(fingerprint), now) for source, fingerprint in batch.processed)))
    result.failed = len(failures)
    # Speaker identities and statements, in the same transaction as the quotations they cover.
    update_identities(Sql(conn, postgresql=True), [article_id for article_id in result.ids or () if article_id])
    return result


def _write_article(conn, item, lsh: LshSettings, now: str, result: BatchResult) -> None:
    article = item.entry.article
    carried: list[tuple] = []  # places the article replaced here appeared, to move to its successor
    succeeded: _Removed | None = None  # the stored article this one takes the place of
    if item.entry.replaces is not None:
        succeeded = _remove(conn, item.entry.replaces)
        carried = succeeded.places if succeeded else []
        result.rederived += 1
    if item.keys.has_body:
        row = conn.execute(
            "SELECT id, source FROM articles WHERE body_hash = %s AND has_body", (item.keys.body_hash,)
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
        cluster_id = article_id if succeeded.cluster_id == succeeded.id else succeeded.cluster_id
    else:
        cluster_id = _best_cluster(conn, item, lsh) or article_id
        if cluster_id != article_id:
            result.near_duplicates += 1
    conn.execute(
        "INSERT INTO articles (id, source, url, headline, published, language, reading_minutes, "
        "text, body_hash, has_body, cluster_id, site, ingested_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (article_id, article.source, article.url, article.headline, article.published, article.language,
         article.reading_minutes, article.text, item.keys.body_hash, bool(item.keys.has_body), cluster_id,
         item.site, now),
    )
    conn.execute(
        "INSERT INTO article_sources (article_id, source, url, kind, seen_at) VALUES (%s, %s, %s, 'original', %s)",
        (article_id, article.source, article.url, now),
    )
    _many(conn, "INSERT INTO bylines (article_id, position, name) VALUES (%s, %s, %s)",
          [(article_id, position, name) for position, name in enumerate(article.byline)])
    for spec in CHILD_TABLES:
        _insert_rows(conn, _INSERT_CHILD[spec.table], [(article_id, *row[1:]) for row in item.children[spec.table]])
    if item.keys.signature is not None:
        conn.execute("INSERT INTO minhash_signatures (article_id, signature) VALUES (%s, %s)",
                     (article_id, item.keys.signature))
        _many(conn, "INSERT INTO minhash_bands (band, article_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
              [(band, article_id) for band in item.keys.bands])
    derivation = item.entry.derivation
    if derivation is not None and item.site:
        conn.execute(
            "INSERT INTO article_derivations (article_id, site, prepared, line_keys, judgement) "
            "VALUES (%s, %s, %s, %s, %s)",
            (article_id, item.site, derivation.prepared, derivation.line_keys, derivation.judgement),
        )
    if succeeded is not None and succeeded.cluster_id == succeeded.id:
        conn.execute("UPDATE articles SET cluster_id = %s WHERE cluster_id = %s", (article_id, succeeded.id))
    # The source now has an article: earlier failures and warnings of it are history.
    conn.execute("DELETE FROM errors WHERE source = %s", (article.source,))
    _carry(conn, article_id, carried, article.source)
    result.new += 1
    result.ids.append(article_id)


def _free_id(conn, wanted: str, body_hash: str) -> str:
    """`wanted`, or where another body holds it, `wanted` with a body-derived suffix."""
    article_id, suffix_length = wanted, 6
    while conn.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone() is not None:
        article_id = f"{wanted}-{body_hash[:suffix_length]}"
        suffix_length += 6
    return article_id


@dataclass(frozen=True, slots=True)
class _Removed:
    id: str
    cluster_id: str
    places: list[tuple]  # (source, url, seen_at) of every place it appeared


def _remove(conn, article_id: str) -> _Removed | None:
    """Delete a stored article (its lists go with it); what its successor needs to know is returned."""
    row = conn.execute("SELECT cluster_id FROM articles WHERE id = %s", (article_id,)).fetchone()
    if row is None:
        return None
    places = conn.execute(
        "SELECT source, url, seen_at FROM article_sources WHERE article_id = %s", (article_id,)
    ).fetchall()
    conn.execute("DELETE FROM articles WHERE id = %s", (article_id,))
    return _Removed(article_id, row[0], places)


def _drop(conn, article_id: str) -> None:
    """Delete an article no successor replaces; its cluster is led by its oldest remaining member."""
    removed = _remove(conn, article_id)
    if removed is not None and removed.cluster_id == removed.id:
        heir = conn.execute("SELECT id FROM articles WHERE cluster_id = %s ORDER BY seq LIMIT 1",
                            (removed.id,)).fetchone()
        if heir is not None:
            conn.execute("UPDATE articles SET cluster_id = %s WHERE cluster_id = %s", (heir[0], removed.id))


def _carry(conn, article_id: str, places: Iterable[tuple], own_source: str) -> None:
    _many(conn,
          "INSERT INTO article_sources (article_id, source, url, kind, seen_at) VALUES (%s, %s, %s, 'duplicate', %s) "
          "ON CONFLICT DO NOTHING",
          [(article_id, source, url, seen_at) for source, url, seen_at in places if source != own_source])


def _record_copy(conn, stored_id: str, article: Article, now: str, result: BatchResult) -> None:
    cursor = conn.execute(
        "INSERT INTO article_sources (article_id, source, url, kind, seen_at) VALUES (%s, %s, %s, 'duplicate', %s) "
        "ON CONFLICT DO NOTHING",
        (stored_id, article.source, article.url, now),
    )
    if cursor.rowcount:
        result.duplicates += 1
        conn.execute("DELETE FROM errors WHERE source = %s", (article.source,))
    else:
        result.unchanged += 1
    result.ids.append(stored_id)


def _best_cluster(conn, item, lsh: LshSettings) -> str | None:
    """The cluster of the most similar stored article at or above the threshold, if any."""
    if not item.keys.bands or item.keys.signature is None:
        return None
    # The candidates first, then each one's signature and cluster read by its key (a LATERAL with
    # LIMIT is not flattened into a join): planned as a join, with a growing table's stale
    # statistics, it scanned every stored signature for each new article.
    rows = conn.execute(
        "SELECT a.cluster_id, s.signature, b.shared "
        "FROM (SELECT article_id, count(*) AS shared FROM minhash_bands WHERE band = ANY(%s) GROUP BY article_id) AS b "
        "CROSS JOIN LATERAL (SELECT signature FROM minhash_signatures WHERE article_id = b.article_id LIMIT 1) AS s "
        "CROSS JOIN LATERAL (SELECT cluster_id, seq FROM articles WHERE id = b.article_id LIMIT 1) AS a "
        "ORDER BY b.shared DESC, a.seq LIMIT %s",
        (list(item.keys.bands), MAX_CANDIDATES), prepare=False,  # planned for the tables' sizes now
    ).fetchall()
    signature = near_duplicates.signature_from_bytes(item.keys.signature)
    return near_duplicates.best_cluster(signature, ((cluster, bytes(stored)) for cluster, stored, _ in rows),
                                        lsh.threshold)


# --- template evidence ---------------------------------------------------------------

def _check_versions(conn, expected: Mapping[str, int]) -> None:
    changed = set()
    for site, version in expected.items():
        row = conn.execute("SELECT version FROM template_sites WHERE site = %s", (site,)).fetchone()
        if (row[0] if row else 0) != version:
            changed.add(site)
    if changed:
        raise EvidenceChanged(changed)


def add_evidence(conn, observations: Sequence[SiteObservation]) -> dict[str, int]:
    """Count each document once per site; the sites whose evidence grew, with their new versions."""
    grew: dict[str, int] = {}
    for observation in observations:
        inserted = conn.execute(
            "INSERT INTO template_documents (site, document) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (observation.site, observation.document),
        ).rowcount
        if not inserted:
            continue
        _many(conn,
              "INSERT INTO template_lines (site, line, documents, long) VALUES (%s, %s, 1, %s) "
              "ON CONFLICT (site, line) DO UPDATE SET documents = template_lines.documents + 1",
              [(observation.site, key, int(long)) for key, long in observation.lines])
        grew[observation.site] = grew.get(observation.site, 0) + 1
    versions: dict[str, int] = {}
    for site, documents in grew.items():
        versions[site] = conn.execute(
            "INSERT INTO template_sites (site, documents, version) VALUES (%s, %s, 1) "
            "ON CONFLICT (site) DO UPDATE SET documents = template_sites.documents + excluded.documents, "
            "version = template_sites.version + 1 RETURNING version",
            (site, documents),
        ).fetchone()[0]
    return versions


def evidence(conn, site: str, least_count: int) -> SiteEvidence:
    row = conn.execute("SELECT documents, version FROM template_sites WHERE site = %s", (site,)).fetchone()
    if row is None:
        return SiteEvidence(site, 0, {}, 0)
    counts = {
        line: (documents, bool(long))
        for line, documents, long in conn.execute(
            "SELECT line, documents, long FROM template_lines WHERE site = %s AND documents >= %s", (site, least_count)
        )
    }
    return SiteEvidence(site, row[0], counts, row[1])


def derivations(conn, site: str) -> list[StoredDerivation]:
    return [
        StoredDerivation(article_id, source, bytes(line_keys), judgement)
        for article_id, source, line_keys, judgement in conn.execute(
            "SELECT d.article_id, a.source, d.line_keys, d.judgement FROM article_derivations AS d "
            "JOIN articles AS a ON a.id = d.article_id WHERE d.site = %s ORDER BY a.seq",
            (site,),
        )
    ]
