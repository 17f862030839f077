"""SQLite migration 0015: what the listings and `stats` read instead of every row.

At 100,000 articles (a million quotations, as many events, several million entity
mentions) three readings cost seconds, not milliseconds: events newest first (a sort of
every event), entities most mentioned first (a GROUP BY over every mention) and the
near-duplicate and source counts of `stats` (a scan of every article). Each is kept
here as rows written with the data, by triggers, so every write path (ingest, import,
re-analysis, a deletion's cascade, a migration) keeps them exact:

- events carry their listing key (`when_key`: the event's own date, else its article's
  publication date, '' for neither; `seq`: the article's) and are indexed by it alone and
  after type, actor country and recipient country, so a page is read off an index;
- `entity_totals` holds one row per canonical name and label (mentions, distinct articles,
  the country some mention states), indexed in the listing's order;
- `tallies` holds the counts `stats` reports that no index answers at once.
"""

from __future__ import annotations

import re
import sqlite3

from newsgraph.store.sqlite.migrations import split_statements

__all__ = ["ADDED_COLUMNS", "created_objects", "precomputed_listings"]

# An entity's key: its canonical name else its mention, and its label ('' for none).
_NAME = "coalesce({row}.name, {row}.text, '')"
_LABEL = "coalesce({row}.label, '')"

_EVENT_ORDER = """
ALTER TABLE events ADD COLUMN when_key TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE events SET
    when_key = coalesce(date, (SELECT a.published FROM articles AS a WHERE a.id = events.article_id), ''),
    seq = (SELECT a.seq FROM articles AS a WHERE a.id = events.article_id);
CREATE INDEX events_order ON events (when_key DESC, seq DESC, position);
CREATE INDEX events_type_order ON events (type, when_key DESC, seq DESC, position);
CREATE INDEX events_actor_order ON events (actor_country, when_key DESC, seq DESC, position);
CREATE INDEX events_recipient_order ON events (recipient_country, when_key DESC, seq DESC, position);
CREATE TRIGGER events_order_insert AFTER INSERT ON events BEGIN
    UPDATE events SET
        when_key = coalesce(new.date, (SELECT a.published FROM articles AS a WHERE a.id = new.article_id), ''),
        seq = (SELECT a.seq FROM articles AS a WHERE a.id = new.article_id)
    WHERE article_id = new.article_id AND position = new.position;
END;
CREATE TRIGGER events_order_date AFTER UPDATE OF date ON events BEGIN
    UPDATE events SET
        when_key = coalesce(new.date, (SELECT a.published FROM articles AS a WHERE a.id = new.article_id), '')
    WHERE article_id = new.article_id AND position = new.position;
END;
CREATE TRIGGER events_order_published AFTER UPDATE OF published ON articles BEGIN
    UPDATE events SET when_key = coalesce(date, new.published, '') WHERE article_id = new.id;
END;
"""

_ENTITY_TOTALS = f"""
CREATE TABLE entity_totals (
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    country TEXT,
    PRIMARY KEY (name, label)
) WITHOUT ROWID;
INSERT INTO entity_totals (name, label, mentions, articles, country)
    SELECT {_NAME.format(row="e")}, {_LABEL.format(row="e")}, count(*), count(DISTINCT e.article_id), max(e.country)
    FROM entities AS e GROUP BY 1, 2;
CREATE INDEX entity_totals_order ON entity_totals (mentions DESC, name, label);
CREATE INDEX entity_totals_label ON entity_totals (label, mentions DESC, name);
CREATE INDEX entity_totals_country ON entity_totals (country, mentions DESC, name, label);
-- A deleted mention that stated the entity's country sends for the others' (rare: a deletion).
CREATE INDEX entities_key ON entities (coalesce(name, text, ''), coalesce(label, ''));
CREATE TRIGGER entity_totals_insert AFTER INSERT ON entities BEGIN
    INSERT INTO entity_totals (name, label, mentions, articles, country)
        VALUES ({_NAME.format(row="new")}, {_LABEL.format(row="new")}, 1, 1, new.country)
        ON CONFLICT (name, label) DO UPDATE SET
            mentions = mentions + 1,
            articles = articles + NOT EXISTS (
                SELECT 1 FROM entities AS e WHERE e.article_id = new.article_id AND e.position != new.position
                AND {_NAME.format(row="e")} = {_NAME.format(row="new")} AND {_LABEL.format(row="e")} = {_LABEL.format(row="new")}),
            country = CASE WHEN country IS NULL OR new.country > country THEN coalesce(new.country, country)
                           ELSE country END;
END;
CREATE TRIGGER entity_totals_delete AFTER DELETE ON entities BEGIN
    UPDATE entity_totals SET
        mentions = mentions - 1,
        articles = articles - NOT EXISTS (
            SELECT 1 FROM entities AS e WHERE e.article_id = old.article_id
            AND {_NAME.format(row="e")} = {_NAME.format(row="old")} AND {_LABEL.format(row="e")} = {_LABEL.format(row="old")}),
        country = CASE WHEN old.country IS NOT NULL AND old.country = country THEN (
            SELECT max(e.country) FROM entities AS e
            WHERE {_NAME.format(row="e")} = {_NAME.format(row="old")} AND {_LABEL.format(row="e")} = {_LABEL.format(row="old")})
            ELSE country END
    WHERE name = {_NAME.format(row="old")} AND label = {_LABEL.format(row="old")};
    DELETE FROM entity_totals WHERE name = {_NAME.format(row="old")} AND label = {_LABEL.format(row="old")}
        AND mentions <= 0;
END;
"""

# Counts `stats` reports that no index answers in one step. A cluster is the articles sharing a
# cluster_id (the id of the one kept as original); it "has near-duplicates" while one of its
# articles is not that original. Each trigger asks the indexes whether a row it adds or takes
# away was the first or last of its kind, so a count moves only when the answer changes.
_COPY = "cluster_id != id"
_TALLIES = f"""
CREATE TABLE tallies (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO tallies (name, value) VALUES
    ('clusters', (SELECT count(DISTINCT cluster_id) FROM articles)),
    ('near_duplicate_articles', (SELECT count(*) FROM articles WHERE {_COPY})),
    ('clusters_with_near_duplicates', (SELECT count(DISTINCT cluster_id) FROM articles WHERE {_COPY})),
    ('duplicates_seen', (SELECT count(*) FROM article_sources WHERE kind = 'duplicate')),
    ('sources', (SELECT count(DISTINCT source) FROM article_sources));
CREATE TRIGGER tallies_article_insert AFTER INSERT ON articles BEGIN
    UPDATE tallies SET value = value + 1 WHERE name = 'clusters' AND NOT EXISTS (
        SELECT 1 FROM articles AS a WHERE a.cluster_id = new.cluster_id AND a.seq != new.seq);
    UPDATE tallies SET value = value + 1 WHERE name = 'near_duplicate_articles' AND new.cluster_id != new.id;
    UPDATE tallies SET value = value + 1 WHERE name = 'clusters_with_near_duplicates' AND new.cluster_id != new.id
        AND NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.cluster_id = new.cluster_id AND a.id != a.cluster_id
                        AND a.seq != new.seq);
END;
CREATE TRIGGER tallies_article_delete AFTER DELETE ON articles BEGIN
    UPDATE tallies SET value = value - 1 WHERE name = 'clusters' AND NOT EXISTS (
        SELECT 1 FROM articles AS a WHERE a.cluster_id = old.cluster_id);
    UPDATE tallies SET value = value - 1 WHERE name = 'near_duplicate_articles' AND old.cluster_id != old.id;
    UPDATE tallies SET value = value - 1 WHERE name = 'clusters_with_near_duplicates' AND old.cluster_id != old.id
        AND NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.cluster_id = old.cluster_id AND a.id != a.cluster_id);
END;
-- A move between clusters: taken out of the old one as a deletion, put in the new one as an insertion.
CREATE TRIGGER tallies_article_cluster AFTER UPDATE OF cluster_id ON articles
WHEN old.cluster_id IS NOT new.cluster_id BEGIN
    UPDATE tallies SET value = value - 1 WHERE name = 'clusters' AND NOT EXISTS (
        SELECT 1 FROM articles AS a WHERE a.cluster_id = old.cluster_id);
    UPDATE tallies SET value = value - 1 WHERE name = 'clusters_with_near_duplicates' AND old.cluster_id != old.id
        AND NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.cluster_id = old.cluster_id AND a.id != a.cluster_id);
    UPDATE tallies SET value = value + 1 WHERE name = 'clusters' AND NOT EXISTS (
        SELECT 1 FROM articles AS a WHERE a.cluster_id = new.cluster_id AND a.seq != new.seq);
    UPDATE tallies SET value = value + 1 WHERE name = 'clusters_with_near_duplicates' AND new.cluster_id != new.id
        AND NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.cluster_id = new.cluster_id AND a.id != a.cluster_id
                        AND a.seq != new.seq);
    UPDATE tallies SET value = value + (new.cluster_id != new.id) - (old.cluster_id != old.id)
        WHERE name = 'near_duplicate_articles';
END;
CREATE TRIGGER tallies_source_insert AFTER INSERT ON article_sources BEGIN
    UPDATE tallies SET value = value + 1 WHERE name = 'duplicates_seen' AND new.kind = 'duplicate';
    UPDATE tallies SET value = value + 1 WHERE name = 'sources' AND NOT EXISTS (
        SELECT 1 FROM article_sources AS s WHERE s.source = new.source AND s.article_id != new.article_id);
END;
CREATE TRIGGER tallies_source_delete AFTER DELETE ON article_sources BEGIN
    UPDATE tallies SET value = value - 1 WHERE name = 'duplicates_seen' AND old.kind = 'duplicate';
    UPDATE tallies SET value = value - 1 WHERE name = 'sources' AND NOT EXISTS (
        SELECT 1 FROM article_sources AS s WHERE s.source = old.source);
END;
CREATE TRIGGER tallies_source_update AFTER UPDATE OF kind, source ON article_sources BEGIN
    UPDATE tallies SET value = value + (new.kind = 'duplicate') - (old.kind = 'duplicate') WHERE name = 'duplicates_seen';
    UPDATE tallies SET value = value - 1 WHERE name = 'sources' AND old.source != new.source AND NOT EXISTS (
        SELECT 1 FROM article_sources AS s WHERE s.source = old.source);
    UPDATE tallies SET value = value + 1 WHERE name = 'sources' AND old.source != new.source AND NOT EXISTS (
        SELECT 1 FROM article_sources AS s WHERE s.source = new.source AND s.article_id != new.article_id);
END;
"""


# Columns the migration adds to tables it did not create (table, column).
ADDED_COLUMNS = (("events", "when_key"), ("events", "seq"))


def created_objects() -> list[tuple[str, str]]:
    """(kind, name) of every table, index and trigger the migration creates, in order: what a
    benchmark that takes migrations back on a copy drops (`benchmarks/identities.py rebuild`)."""
    return re.findall(r"CREATE (TABLE|INDEX|TRIGGER) (\w+)", _EVENT_ORDER + _ENTITY_TOTALS + _TALLIES)


def precomputed_listings(conn: sqlite3.Connection) -> None:
    for statement in split_statements(_EVENT_ORDER + _ENTITY_TOTALS + _TALLIES):
        conn.execute(statement)
