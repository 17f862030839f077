"""The SQLite schema, as the numbered migrations that build it.

Migrations are history: once released, one is never edited; a change is a new
migration at the end. The runner is `sqlite.migrations`.
"""

from __future__ import annotations

import sqlite3

from newsgraph.resolve import near_duplicates
from newsgraph.store.identities import Sql, rebuild_identities
from newsgraph.store.sqlite.migrations import Migration, split_statements
from newsgraph.store.sqlite.schema_periods import quote_periods
from newsgraph.store.sqlite.schema_precomputed import precomputed_listings

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

# Scalar contract fields live in columns; `byline` and the annotation lists get
# a child table each, keyed to the article and deleted with it.
_CORE = """
CREATE TABLE articles (
    -- An explicit integer key: FTS5 external content refers to rows by rowid,
    -- and VACUUM may renumber an implicit rowid.
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    headline TEXT,
    published TEXT,
    language TEXT NOT NULL,
    reading_minutes INTEGER,
    text TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    site TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE INDEX articles_cluster ON articles (cluster_id);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_site ON articles (site);
CREATE INDEX articles_source ON articles (source);

-- Every place an article appeared: its own source and each exact duplicate.
CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    url TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('original', 'duplicate')),
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, source)
) WITHOUT ROWID;
CREATE INDEX article_sources_source ON article_sources (source);

-- Inputs already handled with this exact content, so a re-run skips them.
CREATE TABLE processed (
    source TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (source, fingerprint)
) WITHOUT ROWID;

CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (source, reason)
);
CREATE INDEX errors_at ON errors (at);
"""

_ANNOTATIONS = """
CREATE TABLE bylines (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX bylines_name ON bylines (name);

-- Offsets are Python string indices into `text` (or the field a row names).
-- `extra` keeps keys a later stage adds that have no column yet (JSON object),
-- so a record reads back exactly as it was written.
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    label TEXT,
    name TEXT,
    country TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities (name);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    field TEXT,
    kind TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text TEXT,
    speaker_name TEXT,
    speaker_role TEXT,
    speaker_affiliation TEXT,
    date TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes (speaker_name);
CREATE INDEX quotes_date ON quotes (date);

CREATE TABLE dates (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    type TEXT,
    value TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX dates_value ON dates (value);

CREATE TABLE amounts (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    value REAL,
    unit TEXT,
    approximate INTEGER,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    type TEXT,
    mode TEXT,
    actor_text TEXT,
    actor_name TEXT,
    actor_country TEXT,
    recipient_text TEXT,
    recipient_name TEXT,
    recipient_country TEXT,
    date TEXT,
    amount INTEGER,   -- index into this article's amounts, or NULL
    quote INTEGER,    -- index into this article's quotes, or NULL
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX events_type ON events (type);
CREATE INDEX events_actor ON events (actor_name);
CREATE INDEX events_date ON events (date);
"""

# External-content FTS5 over articles: snippet() and highlight() need the column
# text, which a contentless table cannot give back, and a plain FTS table would
# store every body a second time. The triggers keep the index in step inside the
# writer's own transaction. Headline and text are separate columns so bm25 can
# weight the headline higher. porter stems English ("sanctions" finds
# "sanction"); unicode61 with remove_diacritics 2 folds accents so "Zelenskyy"
# queries need not match the page's exact diacritics.
_FULL_TEXT = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    headline,
    text,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, headline, text) VALUES (new.seq, new.headline, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, text)
    VALUES ('delete', old.seq, old.headline, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, text)
    VALUES ('delete', old.seq, old.headline, old.text);
    INSERT INTO articles_fts (rowid, headline, text) VALUES (new.seq, new.headline, new.text);
END;
-- Articles stored before this migration become searchable too.
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
"""

_NEAR_DUPLICATE_TABLES = """
-- Parameters the stored signatures were made with; later writers must match.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE minhash_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB NOT NULL   -- little-endian uint32 MinHash values
) WITHOUT ROWID;

-- One row per (LSH band key, article): candidates for a new article are the
-- articles sharing any of its band keys, found through the primary key index.
CREATE TABLE minhash_bands (
    band TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands (article_id);
"""


def _add_near_duplicate_index(conn: sqlite3.Connection) -> None:
    """Create the LSH tables and sign every article already stored."""
    for statement in split_statements(_NEAR_DUPLICATE_TABLES):
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        [
            ("minhash_num_perm", str(near_duplicates.DEFAULT_NUM_PERM)),
            ("minhash_bands", str(near_duplicates.DEFAULT_BANDS)),
            ("near_duplicate_threshold", str(near_duplicates.NEAR_DUPLICATE_THRESHOLD)),
        ],
    )
    rows = conn.execute("SELECT id, text FROM articles ORDER BY seq")
    for article_id, text in rows.fetchall():
        signature = near_duplicates.minhash_signature(text, num_perm=near_duplicates.DEFAULT_NUM_PERM)
        bands = near_duplicates.lsh_bands(signature, bands=near_duplicates.DEFAULT_BANDS)
        if not bands:
            continue
        conn.execute(
            "INSERT INTO minhash_signatures (article_id, signature) VALUES (?, ?)",
            (article_id, near_duplicates.signature_to_bytes(signature)),
        )
        conn.executemany(
            "INSERT INTO minhash_bands (band, article_id) VALUES (?, ?)",
            [(band, article_id) for band in bands],
        )


# Quotes are searched by what was said and by who said it. A standalone FTS5
# table (not external content: quotes has no integer rowid) keyed back to the
# quote by (article_id, position), kept in step by triggers.
_QUOTE_SEARCH = """
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text,
    speaker,
    article_id UNINDEXED,
    position UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (text, speaker, article_id, position)
    VALUES (new.text, trim(coalesce(new.speaker_name, '') || ' ' || coalesce(new.speaker_text, '')), new.article_id, new.position);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM quotes_fts WHERE article_id = old.article_id AND position = old.position;
END;
INSERT INTO quotes_fts (text, speaker, article_id, position)
    SELECT text, trim(coalesce(speaker_name, '') || ' ' || coalesce(speaker_text, '')), article_id, position FROM quotes;
CREATE INDEX quotes_kind ON quotes (kind);
-- The MinHash scheme, so that a later change of hashing is detected rather than mixed in.
INSERT OR IGNORE INTO settings (key, value) VALUES ('minhash_scheme', 'crc32-words-multiply-shift-mersenne61-v1');
"""


def _one_article_per_body(conn: sqlite3.Connection) -> None:
    """Mark bodiless articles, fold stored copies of one body into one, then make
    the body hash unique among articles with a body: one article per normalised body,
    enforced by the database whatever the number of writers."""
    conn.execute("ALTER TABLE articles ADD COLUMN has_body INTEGER NOT NULL DEFAULT 1")
    for seq, text in conn.execute("SELECT seq, text FROM articles").fetchall():
        body_hash, has_body = near_duplicates.body_identity(text)
        conn.execute("UPDATE articles SET has_body = ?, body_hash = ? WHERE seq = ?", (int(has_body), body_hash, seq))
    # The copy kept is the one whose source sorts first, as a new store would keep it.
    copies = conn.execute(
        "SELECT a.id, keeper.id FROM articles AS a "
        "JOIN (SELECT body_hash, min(source) AS source FROM articles WHERE has_body = 1 GROUP BY body_hash "
        "      HAVING count(*) > 1) AS first ON first.body_hash = a.body_hash "
        "JOIN articles AS keeper ON keeper.body_hash = first.body_hash AND keeper.source = first.source "
        "WHERE a.id != keeper.id AND a.has_body = 1"
    ).fetchall()
    kept: set[str] = set()
    for copy_id, keeper_id in copies:
        if copy_id in kept:
            continue  # two copies from one source: the first kept is the keeper
        kept.add(keeper_id)
        conn.execute(
            "INSERT OR IGNORE INTO article_sources (article_id, source, url, kind, seen_at) "
            "SELECT ?, source, url, 'duplicate', seen_at FROM article_sources WHERE article_id = ?",
            (keeper_id, copy_id),
        )
        conn.execute("DELETE FROM articles WHERE id = ?", (copy_id,))
        conn.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ?", (keeper_id, copy_id))
    conn.execute("DROP INDEX IF EXISTS articles_body_hash")
    conn.execute("CREATE UNIQUE INDEX articles_one_per_body ON articles (body_hash) WHERE has_body = 1")
    conn.execute("CREATE INDEX articles_body_hash ON articles (body_hash)")


_AMOUNT_COLUMNS_AND_ANALYSIS_ERRORS = """
-- A range's upper end and money/quantity were kept in `extra` before they were columns.
ALTER TABLE amounts ADD COLUMN value_max REAL;
ALTER TABLE amounts ADD COLUMN kind TEXT;
UPDATE amounts SET value_max = json_extract(extra, '$.value_max'), kind = json_extract(extra, '$.kind'),
    extra = nullif(json_remove(extra, '$.value_max', '$.kind'), '{}')
WHERE extra IS NOT NULL AND json_valid(extra);

-- Analysis steps that failed on an article (its list, and those built on it, stay empty).
CREATE TABLE analysis_errors (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    step TEXT NOT NULL,
    reason TEXT NOT NULL,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

-- 'error': the input gave no article; 'analysis': stored with its analysis incomplete;
-- 'warning': stored, with something worth knowing (bytes replaced while decoding, a field dropped).
ALTER TABLE errors ADD COLUMN kind TEXT NOT NULL DEFAULT 'error';
CREATE INDEX errors_kind ON errors (kind);
"""

_TEMPLATE_EVIDENCE = """
-- Per site (publisher), how many distinct documents were seen and in how many of them
-- each normalised line occurs: the evidence page templates are judged by. `version`
-- grows with every addition, so a writer can tell its evidence went stale.
CREATE TABLE template_sites (
    site TEXT PRIMARY KEY,
    documents INTEGER NOT NULL,
    version INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE template_documents (
    site TEXT NOT NULL,
    document INTEGER NOT NULL,
    PRIMARY KEY (site, document)
) WITHOUT ROWID;

CREATE TABLE template_lines (
    site TEXT NOT NULL,
    line INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    long INTEGER NOT NULL,
    PRIMARY KEY (site, line)
) WITHOUT ROWID;
CREATE INDEX template_lines_frequent ON template_lines (site, documents);

-- The prepared document each article was cleaned from, and which of its lines the
-- template judged furniture then: re-derived when later evidence judges otherwise.
CREATE TABLE article_derivations (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    site TEXT NOT NULL,
    prepared BLOB NOT NULL,
    line_keys BLOB NOT NULL,
    judgement TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_derivations_site ON article_derivations (site);
"""


# Speaker identities and statements as corpus-level facts (`store.identities` keeps them up to
# date in every write transaction). A quotation's link row carries its speaker block, identity,
# statement and what it is about; `statement_keys` finds the quotations a new one repeats.
_SPEAKER_IDENTITIES = """
CREATE TABLE quote_links (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    block TEXT NOT NULL,
    speaker_id TEXT,
    statement_id TEXT,
    label TEXT,
    said_on TEXT,
    when_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    about TEXT NOT NULL,
    shingles INTEGER NOT NULL,
    UNIQUE (article_id, position),
    FOREIGN KEY (article_id, position) REFERENCES quotes (article_id, position) ON DELETE CASCADE
);
CREATE INDEX quote_links_block ON quote_links (block);
CREATE INDEX quote_links_speaker ON quote_links (speaker_id, when_key DESC, seq DESC, position);
CREATE INDEX quote_links_statement ON quote_links (statement_id);
CREATE TABLE statement_keys (
    key INTEGER NOT NULL,
    link INTEGER NOT NULL REFERENCES quote_links (id) ON DELETE CASCADE,
    PRIMARY KEY (key, link)
) WITHOUT ROWID;
CREATE INDEX statement_keys_link ON statement_keys (link);
-- Full PERSON names each article gives, by speaker block: what decides a bare surname.
CREATE TABLE block_people (
    block TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (block, article_id, name)
) WITHOUT ROWID;
CREATE INDEX block_people_article ON block_people (article_id);
CREATE TABLE speakers (
    id TEXT PRIMARY KEY,
    block TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    aliases TEXT NOT NULL,
    roles TEXT NOT NULL,
    affiliations TEXT NOT NULL,
    why TEXT NOT NULL,
    search_names TEXT NOT NULL,
    quotes INTEGER NOT NULL,
    statements INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    first TEXT,
    last TEXT
) WITHOUT ROWID;
CREATE INDEX speakers_block ON speakers (block);
CREATE INDEX speakers_rank ON speakers (quotes DESC, name, id);
CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    block TEXT NOT NULL,
    text TEXT NOT NULL,
    speaker_id TEXT,
    speaker TEXT,
    kind TEXT,
    first_seen TEXT,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    about TEXT NOT NULL,
    about_search TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX statements_rank ON statements (articles DESC, outlets DESC, id);
CREATE INDEX statements_speaker ON statements (speaker_id, articles DESC, outlets DESC, id);
-- Blocks and statements that lost a quotation since the last batch's update.
CREATE TABLE identity_dirty (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TRIGGER quote_links_gone AFTER DELETE ON quote_links BEGIN
    INSERT OR IGNORE INTO identity_dirty (kind, key) VALUES ('block', old.block);
    INSERT OR IGNORE INTO identity_dirty (kind, key) SELECT 'statement', old.statement_id WHERE old.statement_id IS NOT NULL;
END;
CREATE TRIGGER block_people_gone AFTER DELETE ON block_people BEGIN
    INSERT OR IGNORE INTO identity_dirty (kind, key) VALUES ('block', old.block);
END;
"""


def _speaker_identities(conn: sqlite3.Connection) -> None:
    # Filled by the migration after it (0010), which the code that fills them needs.
    for statement in split_statements(_SPEAKER_IDENTITIES):
        conn.execute(statement)



# Statements compared piece by piece (a quotation's whole text and the fragments it quotes), and
# the role each quotation's speaker is resolved with (the analysis stage's, else an apposition
# in the article). Links, statements and identities are then made again from the stored quotes.
_STATEMENT_PIECES = """
DROP TABLE statement_keys;
CREATE TABLE statement_keys (
    key INTEGER NOT NULL,
    link INTEGER NOT NULL REFERENCES quote_links (id) ON DELETE CASCADE,
    piece INTEGER NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (key, link, piece)
) WITHOUT ROWID;
CREATE INDEX statement_keys_link ON statement_keys (link);
ALTER TABLE quote_links ADD COLUMN role TEXT;
ALTER TABLE quote_links ADD COLUMN affiliation TEXT;
DELETE FROM quote_links;
DELETE FROM block_people;
DELETE FROM speakers;
DELETE FROM statements;
DELETE FROM identity_dirty;
"""


def _statement_pieces(conn: sqlite3.Connection) -> None:
    # Filled by migration 0012, which the code that fills them needs.
    for statement in split_statements(_STATEMENT_PIECES):
        conn.execute(statement)


# Quotations in the listings' order, found without reading the quotes table: `quote_order`
# holds each quotation's sort key (when said: its own date, else the article's publication
# date, '' for neither; then the article's seq; then its position) and its speaker keys
# (lower-cased resolved name and mention), indexed by key then order, so a listing by
# speaker or date reads its page off an index instead of sorting every match. The distinct
# speaker keys are kept in `quote_speaker_keys`, so a speaker filter (any part of a name or
# mention) reads the few thousand distinct names, not a million quotations. The quote
# search index becomes contentless with the `quote_order` id as its rowid: a word's matches
# join the order by integer key, and a common word is checked row by row down the order.
_QUOTE_ORDER = """
CREATE TABLE quote_order (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    when_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name_key TEXT,
    text_key TEXT,
    UNIQUE (article_id, position)
);
CREATE TABLE quote_speaker_keys (
    key TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO quote_order (article_id, position, when_key, seq, name_key, text_key)
    SELECT q.article_id, q.position, coalesce(q.date, a.published, ''), a.seq, lower(q.speaker_name), lower(q.speaker_text)
    FROM quotes AS q JOIN articles AS a ON a.id = q.article_id ORDER BY a.seq, q.position;
INSERT OR IGNORE INTO quote_speaker_keys (key)
    SELECT name_key FROM quote_order WHERE name_key IS NOT NULL
    UNION SELECT text_key FROM quote_order WHERE text_key IS NOT NULL;
CREATE INDEX quote_order_when ON quote_order (when_key DESC, seq DESC, position);
CREATE INDEX quote_order_name ON quote_order (name_key, when_key DESC, seq DESC, position);
CREATE INDEX quote_order_text ON quote_order (text_key, when_key DESC, seq DESC, position);
DROP TRIGGER quotes_fts_insert;
DROP TRIGGER quotes_fts_delete;
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text,
    speaker,
    content = '',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts (rowid, text, speaker)
    SELECT o.id, q.text, trim(coalesce(q.speaker_name, '') || ' ' || coalesce(q.speaker_text, ''))
    FROM quote_order AS o JOIN quotes AS q ON q.article_id = o.article_id AND q.position = o.position;
CREATE TRIGGER quote_order_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quote_order (article_id, position, when_key, seq, name_key, text_key)
        SELECT new.article_id, new.position, coalesce(new.date, a.published, ''), a.seq,
               lower(new.speaker_name), lower(new.speaker_text)
        FROM articles AS a WHERE a.id = new.article_id;
    INSERT INTO quotes_fts (rowid, text, speaker)
        SELECT o.id, new.text, trim(coalesce(new.speaker_name, '') || ' ' || coalesce(new.speaker_text, ''))
        FROM quote_order AS o WHERE o.article_id = new.article_id AND o.position = new.position;
    INSERT OR IGNORE INTO quote_speaker_keys (key)
        SELECT lower(new.speaker_name) WHERE new.speaker_name IS NOT NULL
        UNION SELECT lower(new.speaker_text) WHERE new.speaker_text IS NOT NULL;
END;
-- A contentless index forgets a row only when given the values it was indexed with.
CREATE TRIGGER quote_order_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker)
        SELECT 'delete', o.id, old.text, trim(coalesce(old.speaker_name, '') || ' ' || coalesce(old.speaker_text, ''))
        FROM quote_order AS o WHERE o.article_id = old.article_id AND o.position = old.position;
    DELETE FROM quote_order WHERE article_id = old.article_id AND position = old.position;
END;
CREATE TRIGGER quote_order_published AFTER UPDATE OF published ON articles BEGIN
    UPDATE quote_order SET when_key = coalesce(
        (SELECT q.date FROM quotes AS q WHERE q.article_id = new.id AND q.position = quote_order.position),
        new.published, '')
    WHERE article_id = new.id;
END;
-- stats: languages and near-duplicate counts from indexes, not from reading every article.
CREATE INDEX articles_language ON articles (language);
CREATE INDEX articles_cluster_id ON articles (cluster_id, id);
"""



# Identities decided one quotation at a time against indexed summaries of its speaker block
# (`resolve.identity_rules`): each link keeps what its mention says on its own (name key, role
# head, country), its decision, why, and whether the rest of the corpus can still change it.
_IDENTITY_DECISIONS = """
ALTER TABLE quote_links ADD COLUMN name_key TEXT;
ALTER TABLE quote_links ADD COLUMN full_name INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quote_links ADD COLUMN organisation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quote_links ADD COLUMN role_head TEXT;
ALTER TABLE quote_links ADD COLUMN country TEXT;
ALTER TABLE quote_links ADD COLUMN kind TEXT;
ALTER TABLE quote_links ADD COLUMN why TEXT;
ALTER TABLE quote_links ADD COLUMN settled INTEGER NOT NULL DEFAULT 0;
CREATE INDEX quote_links_open ON quote_links (block, settled);
CREATE INDEX quote_links_names ON quote_links (block, full_name, name_key);
-- Per speaker block, a digest of what its open decisions depend on (`BlockState.fingerprint`).
CREATE TABLE block_state (
    block TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
) WITHOUT ROWID;
"""


def _identity_decisions(conn: sqlite3.Connection) -> None:
    # Emptied and filled again by migration 0013, which the code that fills them needs (emptying
    # them here too only deleted statement_keys row by row through its cascade, for nothing).
    for statement in split_statements(_IDENTITY_DECISIONS):
        conn.execute(statement)


# The name each quotation's speaker is resolved with: the analysis stage's, or the one person
# (organisation) its article names for a nameless `the president` (`resolve.appositions`).
_LINK_NAMES = """
ALTER TABLE quote_links ADD COLUMN name TEXT;
-- statement_keys first: at once, not row by row through its cascade.
DELETE FROM statement_keys;
DELETE FROM quote_links;
DELETE FROM block_people;
DELETE FROM speakers;
DELETE FROM statements;
DELETE FROM identity_dirty;
DELETE FROM block_state;
"""


def _link_names(conn: sqlite3.Connection) -> None:
    for statement in split_statements(_LINK_NAMES):
        conn.execute(statement)
    _speaker_tallies(conn)  # the rebuild writes them (migration 0014 finds the column)
    rebuild_identities(Sql(conn))


# What each identity's row is made from (`store.identity_rows`), so that a batch adds its new
# quotations to it instead of counting all of the identity's again. Rows written before it have
# none and are counted again the first time a batch changes them: nothing is rebuilt here.
def _speaker_tallies(conn: sqlite3.Connection) -> None:
    if "tally" not in {row[1] for row in conn.execute("PRAGMA table_info(speakers)")}:
        conn.execute("ALTER TABLE speakers ADD COLUMN tally TEXT")


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_articles_sources_processed_errors", _CORE),
    Migration("0002_bylines_and_annotation_lists", _ANNOTATIONS),
    Migration("0003_full_text_search", _FULL_TEXT),
    Migration("0004_near_duplicate_index", _add_near_duplicate_index),
    Migration("0005_quote_search", _QUOTE_SEARCH),
    Migration("0006_one_article_per_body", _one_article_per_body),
    Migration("0007_amount_columns_and_analysis_errors", _AMOUNT_COLUMNS_AND_ANALYSIS_ERRORS),
    Migration("0008_template_evidence_and_derivations", _TEMPLATE_EVIDENCE),
    Migration("0009_speaker_identities_and_statements", _speaker_identities),
    Migration("0010_statement_pieces_and_speaker_roles", _statement_pieces),
    Migration("0011_quote_order_and_stats_indexes", _QUOTE_ORDER),
    Migration("0012_identity_decisions", _identity_decisions),
    Migration("0013_link_names", _link_names),
    Migration("0014_speaker_tallies", _speaker_tallies),
    Migration("0015_precomputed_listings_and_tallies", precomputed_listings),
    Migration("0016_quote_periods", quote_periods),
)

SCHEMA_VERSION = len(MIGRATIONS)
