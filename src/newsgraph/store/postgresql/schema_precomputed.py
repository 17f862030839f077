"""PostgreSQL migration 0012 (as SQLite's 0015): what the listings and `stats` read instead of
every row: events with their listing key and its indexes, `entity_totals` (one row per
canonical name and label), and `tallies` (the counts `stats` reports).

The triggers that keep them are BEFORE row triggers that ask whether the row they add or
take away is the first or last of its kind, excluding the row itself: a BEFORE row trigger
sees the rows its statement changed before this one and none after, so a statement that
moves many rows at once (a cluster's new lead, a deletion's cascade) counts each transition
once. (An AFTER row trigger sees the whole statement's result and would count it per row.)
"""

from __future__ import annotations

__all__ = ["entity_totals_by_statement", "precomputed_listings"]

# An entity's key: its canonical name else its mention, and its label ('' for none).
_NAME = "coalesce({row}.name, {row}.text COLLATE \"C\", '')"
_LABEL = "coalesce({row}.label, '')"


def _same_entity(row: str) -> str:
    return f"{_NAME.format(row='e')} = {_NAME.format(row=row)} AND {_LABEL.format(row='e')} = {_LABEL.format(row=row)}"


_EVENT_ORDER = (
    'ALTER TABLE events ADD COLUMN when_key TEXT COLLATE "C"',
    "ALTER TABLE events ADD COLUMN seq BIGINT",
    "UPDATE events AS ev SET when_key = coalesce(ev.date, a.published, ''), seq = a.seq "
    "FROM articles AS a WHERE a.id = ev.article_id",
    """CREATE FUNCTION events_order_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT coalesce(NEW.date, a.published, ''), a.seq INTO NEW.when_key, NEW.seq FROM articles AS a WHERE a.id = NEW.article_id;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER events_order_keys BEFORE INSERT OR UPDATE OF date ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_order_keys()",
    """CREATE FUNCTION events_order_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE events SET when_key = coalesce(date, NEW.published, '') WHERE article_id = NEW.id;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER events_order_published AFTER UPDATE OF published ON articles "
    "FOR EACH ROW EXECUTE FUNCTION events_order_published()",
    "CREATE INDEX events_order ON events (when_key DESC, seq DESC, position)",
    "CREATE INDEX events_type_order ON events (type, when_key DESC, seq DESC, position)",
    "CREATE INDEX events_actor_order ON events (actor_country, when_key DESC, seq DESC, position)",
    "CREATE INDEX events_recipient_order ON events (recipient_country, when_key DESC, seq DESC, position)",
)

_ENTITY_TOTALS = (
    """CREATE TABLE entity_totals (
    name TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL,
    mentions BIGINT NOT NULL,
    articles BIGINT NOT NULL,
    country TEXT COLLATE "C",
    PRIMARY KEY (name, label)
)""",
    f"INSERT INTO entity_totals (name, label, mentions, articles, country) "
    f"SELECT {_NAME.format(row='e')}, {_LABEL.format(row='e')}, count(*), count(DISTINCT e.article_id), max(e.country) "
    f"FROM entities AS e GROUP BY 1, 2",
    "CREATE INDEX entity_totals_order ON entity_totals (mentions DESC, name, label)",
    "CREATE INDEX entity_totals_label ON entity_totals (label, mentions DESC, name)",
    "CREATE INDEX entity_totals_country ON entity_totals (country, mentions DESC, name, label)",
    # A deleted mention that stated the entity's country sends for the others' (rare: a deletion).
    f"CREATE INDEX entities_key ON entities (({_NAME.format(row='entities')}), ({_LABEL.format(row='entities')}))",
    f"""CREATE FUNCTION entity_totals_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entity_totals AS t (name, label, mentions, articles, country)
        VALUES ({_NAME.format(row='NEW')}, {_LABEL.format(row='NEW')}, 1, 1, NEW.country)
        ON CONFLICT (name, label) DO UPDATE SET
            mentions = t.mentions + 1,
            articles = t.articles + CASE WHEN EXISTS (
                SELECT 1 FROM entities AS e WHERE e.article_id = NEW.article_id AND e.position <> NEW.position
                AND {_same_entity('NEW')}) THEN 0 ELSE 1 END,
            country = CASE WHEN t.country IS NULL OR NEW.country > t.country THEN coalesce(NEW.country, t.country)
                           ELSE t.country END;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER entity_totals_insert BEFORE INSERT ON entities FOR EACH ROW EXECUTE FUNCTION entity_totals_insert()",
    f"""CREATE FUNCTION entity_totals_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entity_totals AS t SET
        mentions = t.mentions - 1,
        articles = t.articles - CASE WHEN EXISTS (
            SELECT 1 FROM entities AS e WHERE e.article_id = OLD.article_id AND e.position <> OLD.position
            AND {_same_entity('OLD')}) THEN 0 ELSE 1 END,
        country = CASE WHEN OLD.country IS NOT NULL AND OLD.country = t.country THEN (
            SELECT max(e.country) FROM entities AS e
            WHERE {_same_entity('OLD')} AND NOT (e.article_id = OLD.article_id AND e.position = OLD.position))
            ELSE t.country END
    WHERE t.name = {_NAME.format(row='OLD')} AND t.label = {_LABEL.format(row='OLD')};
    DELETE FROM entity_totals WHERE name = {_NAME.format(row='OLD')} AND label = {_LABEL.format(row='OLD')}
        AND mentions <= 0;
    RETURN OLD;
END $$""",
    "CREATE TRIGGER entity_totals_delete BEFORE DELETE ON entities FOR EACH ROW EXECUTE FUNCTION entity_totals_delete()",
)

# The counts `stats` reports, as SQLite's; here the plain counts too (PostgreSQL counts rows by
# reading them) and one row per language ('language:en').
_TALLIES = (
    "CREATE TABLE tallies (name TEXT COLLATE \"C\" PRIMARY KEY, value BIGINT NOT NULL)",
    """INSERT INTO tallies (name, value) VALUES
    ('articles', (SELECT count(*) FROM articles)),
    ('clusters', (SELECT count(DISTINCT cluster_id) FROM articles)),
    ('near_duplicate_articles', (SELECT count(*) FROM articles WHERE cluster_id <> id)),
    ('clusters_with_near_duplicates', (SELECT count(DISTINCT cluster_id) FROM articles WHERE cluster_id <> id)),
    ('duplicates_seen', (SELECT count(*) FROM article_sources WHERE kind = 'duplicate')),
    ('sources', (SELECT count(DISTINCT source) FROM article_sources)),
    ('sites', (SELECT count(DISTINCT site) FROM articles)),
    ('processed_inputs', (SELECT count(*) FROM processed))""",
    "INSERT INTO tallies (name, value) SELECT 'language:' || language, count(*) FROM articles GROUP BY language",
    # add(name, by): one count moved; a language's row comes and goes with its articles.
    """CREATE FUNCTION tally_add(counted TEXT, by BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO tallies AS t (name, value) VALUES (counted, by)
        ON CONFLICT (name) DO UPDATE SET value = t.value + by
$$""",
    """CREATE FUNCTION tallies_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        -- OLD leaves its cluster (and, on a deletion, the store)
        IF TG_OP = 'DELETE' OR OLD.cluster_id IS DISTINCT FROM NEW.cluster_id THEN
            IF NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.cluster_id = OLD.cluster_id AND a.id <> OLD.id) THEN
                PERFORM tally_add('clusters', -1);
            END IF;
            IF OLD.cluster_id <> OLD.id THEN
                PERFORM tally_add('near_duplicate_articles', -1);
                IF NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.cluster_id = OLD.cluster_id
                               AND a.id <> a.cluster_id AND a.id <> OLD.id) THEN
                    PERFORM tally_add('clusters_with_near_duplicates', -1);
                END IF;
            END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN
            PERFORM tally_add('articles', -1);
            PERFORM tally_add('language:' || OLD.language, -1);
            IF OLD.site IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.site = OLD.site AND a.id <> OLD.id) THEN
                PERFORM tally_add('sites', -1);
            END IF;
            DELETE FROM tallies WHERE name = 'language:' || OLD.language AND value <= 0;
            RETURN OLD;
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR OLD.cluster_id IS DISTINCT FROM NEW.cluster_id THEN
        IF NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.cluster_id = NEW.cluster_id AND a.id <> NEW.id) THEN
            PERFORM tally_add('clusters', 1);
        END IF;
        IF NEW.cluster_id <> NEW.id THEN
            PERFORM tally_add('near_duplicate_articles', 1);
            IF NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.cluster_id = NEW.cluster_id
                           AND a.id <> a.cluster_id AND a.id <> NEW.id) THEN
                PERFORM tally_add('clusters_with_near_duplicates', 1);
            END IF;
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM tally_add('articles', 1);
        PERFORM tally_add('language:' || NEW.language, 1);
        IF NEW.site IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.site = NEW.site AND a.id <> NEW.id) THEN
            PERFORM tally_add('sites', 1);
        END IF;
    END IF;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER tallies_articles BEFORE INSERT OR DELETE OR UPDATE OF cluster_id ON articles "
    "FOR EACH ROW EXECUTE FUNCTION tallies_articles()",
    """CREATE FUNCTION tallies_article_sources() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        IF OLD.kind = 'duplicate' THEN
            PERFORM tally_add('duplicates_seen', -1);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM article_sources AS s WHERE s.source = OLD.source AND s.article_id <> OLD.article_id) THEN
            PERFORM tally_add('sources', -1);
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
    END IF;
    IF NEW.kind = 'duplicate' THEN
        PERFORM tally_add('duplicates_seen', 1);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM article_sources AS s WHERE s.source = NEW.source AND s.article_id <> NEW.article_id) THEN
        PERFORM tally_add('sources', 1);
    END IF;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER tallies_article_sources BEFORE INSERT OR DELETE OR UPDATE OF kind, source ON article_sources "
    "FOR EACH ROW EXECUTE FUNCTION tallies_article_sources()",
    """CREATE FUNCTION tallies_processed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tally_add('processed_inputs', CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END);
    RETURN NULL;
END $$""",
    "CREATE TRIGGER tallies_processed AFTER INSERT OR DELETE ON processed FOR EACH ROW EXECUTE FUNCTION tallies_processed()",
)


def precomputed_listings(conn) -> None:
    for statement in (*_EVENT_ORDER, *_ENTITY_TOTALS, *_TALLIES):
        conn.execute(statement)


# Migration 0013: an entities statement adds to `entity_totals` once, from all the rows it
# inserted (a transition table), where the row trigger upserted a total (four indexes) for each
# mention; the write path inserts an article's rows of a table in one statement. A mention
# adds its article where no row of the same entity in that article was there before the statement.
_ENTITY_TOTALS_BY_STATEMENT = (
    "DROP TRIGGER entity_totals_insert ON entities",
    "DROP FUNCTION entity_totals_insert()",
    f"""CREATE FUNCTION entity_totals_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entity_totals AS t (name, label, mentions, articles, country)
        SELECT k.name, k.label, count(*), count(DISTINCT k.article_id) FILTER (WHERE NOT k.seen), max(k.country)
        FROM (SELECT {_NAME.format(row='n')} AS name, {_LABEL.format(row='n')} AS label, n.article_id, n.country,
                     EXISTS (SELECT 1 FROM entities AS e WHERE e.article_id = n.article_id AND {_same_entity('n')}
                             AND NOT EXISTS (SELECT 1 FROM added AS m
                                             WHERE m.article_id = e.article_id AND m.position = e.position)) AS seen
              FROM added AS n) AS k
        GROUP BY k.name, k.label
        ON CONFLICT (name, label) DO UPDATE SET
            mentions = t.mentions + excluded.mentions,
            articles = t.articles + excluded.articles,
            country = greatest(t.country, excluded.country);
    RETURN NULL;
END $$""",
    "CREATE TRIGGER entity_totals_insert AFTER INSERT ON entities REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION entity_totals_insert()",
)


def entity_totals_by_statement(conn) -> None:
    for statement in _ENTITY_TOTALS_BY_STATEMENT:
        conn.execute(statement)
