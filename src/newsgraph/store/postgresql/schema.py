"""The PostgreSQL schema, as the numbered migrations that build it.

The same tables as the SQLite backend (`store.sqlite.schema`), written once in
their present form rather than replaying SQLite's history. Migrations are
history: once released, one is never edited; a change is a new migration at
the end. The runner is `postgresql.migrations`.

Text that is compared or sorted (ids, sources, ISO dates, names) is declared
COLLATE "C": code-point order, as SQLite compares and as the date bounds of
`store.search_syntax` assume ("~" sorts after every character of a timestamp),
whatever the database's own locale.
"""

from __future__ import annotations

from newsgraph.resolve import near_duplicates
from newsgraph.store.identities import Sql, rebuild_identities
from newsgraph.store.postgresql.recent_matches import SEARCH_TERMS
from newsgraph.store.postgresql.migrations import Migration
from newsgraph.store.postgresql.schema_precomputed import entity_totals_by_statement, precomputed_listings

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

_CORE = """
CREATE TABLE articles (
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id TEXT COLLATE "C" PRIMARY KEY,
    source TEXT COLLATE "C" NOT NULL,
    url TEXT,
    headline TEXT,
    published TEXT COLLATE "C",
    language TEXT NOT NULL,
    reading_minutes INTEGER,
    text TEXT NOT NULL,
    body_hash TEXT COLLATE "C" NOT NULL,
    has_body BOOLEAN NOT NULL,
    cluster_id TEXT COLLATE "C" NOT NULL,
    site TEXT COLLATE "C",
    ingested_at TEXT COLLATE "C" NOT NULL
);
-- One article per normalised body, whatever the number of writers.
CREATE UNIQUE INDEX articles_one_per_body ON articles (body_hash) WHERE has_body;
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE INDEX articles_cluster ON articles (cluster_id);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_site ON articles (site);
CREATE INDEX articles_source ON articles (source);

-- Every place an article appeared: its own source and each exact duplicate.
CREATE TABLE article_sources (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source TEXT COLLATE "C" NOT NULL,
    url TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('original', 'duplicate')),
    seen_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, source)
);
CREATE INDEX article_sources_source ON article_sources (source);

-- Inputs already handled with this exact content, so a re-run skips them.
CREATE TABLE processed (
    source TEXT COLLATE "C" NOT NULL,
    fingerprint TEXT COLLATE "C" NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (source, fingerprint)
);

-- kind 'error': the input gave no article; 'analysis': stored with its analysis incomplete;
-- 'warning': stored, with something worth knowing.
CREATE TABLE errors (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source TEXT COLLATE "C" NOT NULL,
    reason TEXT COLLATE "C" NOT NULL,
    at TEXT COLLATE "C" NOT NULL,
    kind TEXT NOT NULL DEFAULT 'error',
    UNIQUE (source, reason)
);
CREATE INDEX errors_at ON errors (at);
CREATE INDEX errors_kind ON errors (kind);

-- Parameters the stored near-duplicate signatures were made with; later writers must match.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""

# The text search configuration every tsvector and tsquery here uses: English with the
# Snowball stemmer ("sanctions" finds "sanction") and no stop words, as SQLite's porter
# tokenizer indexes every word ("the", "not" and "a" can be searched for too). Created
# before the generated columns that name it.
_TEXT_SEARCH = """
CREATE TEXT SEARCH DICTIONARY newsgraph_stem (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION newsgraph (COPY = english);
ALTER TEXT SEARCH CONFIGURATION newsgraph
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH newsgraph_stem
"""

_ANNOTATIONS = """
CREATE TABLE bylines (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX bylines_name ON bylines (name);

-- Offsets are Python string indices into `text` (or the field a row names).
-- `extra` keeps keys without a column yet (JSON text), as on SQLite.
CREATE TABLE entities (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" BIGINT,
    "end" BIGINT,
    text TEXT,
    label TEXT COLLATE "C",
    name TEXT COLLATE "C",
    country TEXT COLLATE "C",
    extra TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE quotes (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" BIGINT,
    "end" BIGINT,
    text TEXT,
    field TEXT,
    kind TEXT,
    cue_start BIGINT,
    cue_end BIGINT,
    cue_text TEXT,
    speaker_start BIGINT,
    speaker_end BIGINT,
    speaker_text TEXT,
    speaker_name TEXT COLLATE "C",
    speaker_role TEXT COLLATE "C",
    speaker_affiliation TEXT COLLATE "C",
    date TEXT COLLATE "C",
    extra TEXT,
    -- What was said (weight A) and who said it (weight B), for `quotes --about`.
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('newsgraph', coalesce(text, '')), 'A')
        || setweight(to_tsvector('newsgraph', coalesce(speaker_name, '') || ' ' || coalesce(speaker_text, '')), 'B')
    ) STORED,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes (speaker_name);
CREATE INDEX quotes_date ON quotes (date);
CREATE INDEX quotes_kind ON quotes (kind);
CREATE INDEX quotes_search ON quotes USING GIN (search_vector);

CREATE TABLE dates (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" BIGINT,
    "end" BIGINT,
    text TEXT,
    type TEXT,
    value TEXT COLLATE "C",
    extra TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX dates_value ON dates (value);

CREATE TABLE amounts (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" BIGINT,
    "end" BIGINT,
    text TEXT,
    value DOUBLE PRECISION,
    unit TEXT,
    approximate INTEGER,
    value_max DOUBLE PRECISION,
    kind TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE events (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    type TEXT,
    mode TEXT,
    actor_text TEXT,
    actor_name TEXT COLLATE "C",
    actor_country TEXT COLLATE "C",
    recipient_text TEXT,
    recipient_name TEXT COLLATE "C",
    recipient_country TEXT COLLATE "C",
    date TEXT COLLATE "C",
    amount INTEGER,   -- index into this article's amounts, or NULL
    quote INTEGER,    -- index into this article's quotes, or NULL
    "start" BIGINT,
    "end" BIGINT,
    text TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_actor ON events (actor_name);
CREATE INDEX events_date ON events (date);

CREATE TABLE analysis_errors (
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    step TEXT NOT NULL,
    reason TEXT NOT NULL,
    extra TEXT,
    PRIMARY KEY (article_id, position)
)
"""

# A generated tsvector column with a GIN index: headline words weigh A, body words B,
# so ts_rank puts a headline match above the same word in the body.
_FULL_TEXT = """
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('newsgraph', coalesce(headline, '')), 'A')
    || setweight(to_tsvector('newsgraph', text), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search_vector)
"""

_NEAR_DUPLICATES = """
CREATE TABLE minhash_signatures (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BYTEA NOT NULL   -- little-endian uint32 MinHash values
);
-- One row per (LSH band key, article): candidates for a new article share a band key.
CREATE TABLE minhash_bands (
    band TEXT COLLATE "C" NOT NULL,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
);
CREATE INDEX minhash_bands_article ON minhash_bands (article_id)
"""


def _near_duplicate_settings(conn) -> None:
    from newsgraph.store.postgresql.migrations import statements

    for statement in statements(_NEAR_DUPLICATES):
        conn.execute(statement)
    with conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO settings (key, value) VALUES (%s, %s)",
            [
                ("minhash_num_perm", str(near_duplicates.DEFAULT_NUM_PERM)),
                ("minhash_bands", str(near_duplicates.DEFAULT_BANDS)),
                ("near_duplicate_threshold", str(near_duplicates.NEAR_DUPLICATE_THRESHOLD)),
                ("minhash_scheme", "crc32-words-multiply-shift-mersenne61-v1"),
            ],
        )


_TEMPLATE_EVIDENCE = """
-- Per site, how many distinct documents were seen and in how many of them each
-- normalised line occurs; `version` grows with every addition.
CREATE TABLE template_sites (
    site TEXT COLLATE "C" PRIMARY KEY,
    documents BIGINT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE template_documents (
    site TEXT COLLATE "C" NOT NULL,
    document BIGINT NOT NULL,
    PRIMARY KEY (site, document)
);
CREATE TABLE template_lines (
    site TEXT COLLATE "C" NOT NULL,
    line BIGINT NOT NULL,
    documents BIGINT NOT NULL,
    long INTEGER NOT NULL,
    PRIMARY KEY (site, line)
);
CREATE INDEX template_lines_frequent ON template_lines (site, documents);
-- The prepared document each article was cleaned from, to derive it again when evidence changes.
CREATE TABLE article_derivations (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    site TEXT COLLATE "C" NOT NULL,
    prepared BYTEA NOT NULL,
    line_keys BYTEA NOT NULL,
    judgement TEXT NOT NULL
);
CREATE INDEX article_derivations_site ON article_derivations (site)
"""


# Speaker identities and statements as corpus-level facts, as on SQLite (its migration 0009;
# `store.identities` keeps them up to date in every write transaction).
_SPEAKER_IDENTITIES = (
    """CREATE TABLE quote_links (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id TEXT COLLATE "C" NOT NULL,
    position INTEGER NOT NULL,
    block TEXT COLLATE "C" NOT NULL,
    speaker_id TEXT COLLATE "C",
    statement_id TEXT COLLATE "C",
    label TEXT,
    said_on TEXT COLLATE "C",
    when_key TEXT COLLATE "C" NOT NULL,
    seq BIGINT NOT NULL,
    about TEXT NOT NULL,
    shingles INTEGER NOT NULL,
    UNIQUE (article_id, position),
    FOREIGN KEY (article_id, position) REFERENCES quotes (article_id, position) ON DELETE CASCADE
)""",
    "CREATE INDEX quote_links_block ON quote_links (block)",
    "CREATE INDEX quote_links_speaker ON quote_links (speaker_id, when_key DESC, seq DESC, position)",
    "CREATE INDEX quote_links_statement ON quote_links (statement_id)",
    """CREATE TABLE statement_keys (
    key BIGINT NOT NULL,
    link BIGINT NOT NULL REFERENCES quote_links (id) ON DELETE CASCADE,
    PRIMARY KEY (key, link)
)""",
    "CREATE INDEX statement_keys_link ON statement_keys (link)",
    """CREATE TABLE block_people (
    block TEXT COLLATE "C" NOT NULL,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name TEXT COLLATE "C" NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (block, article_id, name)
)""",
    "CREATE INDEX block_people_article ON block_people (article_id)",
    """CREATE TABLE speakers (
    id TEXT COLLATE "C" PRIMARY KEY,
    block TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
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
    first TEXT COLLATE "C",
    last TEXT COLLATE "C"
)""",
    "CREATE INDEX speakers_block ON speakers (block)",
    "CREATE INDEX speakers_rank ON speakers (quotes DESC, name, id)",
    """CREATE TABLE statements (
    id TEXT COLLATE "C" PRIMARY KEY,
    block TEXT COLLATE "C" NOT NULL,
    text TEXT NOT NULL,
    speaker_id TEXT COLLATE "C",
    speaker TEXT,
    kind TEXT,
    first_seen TEXT COLLATE "C",
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    about TEXT NOT NULL,
    about_search TEXT NOT NULL
)""",
    "CREATE INDEX statements_rank ON statements (articles DESC, outlets DESC, id)",
    "CREATE INDEX statements_speaker ON statements (speaker_id, articles DESC, outlets DESC, id)",
    """CREATE TABLE identity_dirty (
    kind TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, key)
)""",
    """CREATE FUNCTION newsgraph_quote_link_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO identity_dirty (kind, key) VALUES ('block', OLD.block) ON CONFLICT DO NOTHING;
    IF OLD.statement_id IS NOT NULL THEN
        INSERT INTO identity_dirty (kind, key) VALUES ('statement', OLD.statement_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN OLD;
END $$""",
    "CREATE TRIGGER quote_links_gone AFTER DELETE ON quote_links FOR EACH ROW EXECUTE FUNCTION newsgraph_quote_link_gone()",
    """CREATE FUNCTION newsgraph_block_people_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO identity_dirty (kind, key) VALUES ('block', OLD.block) ON CONFLICT DO NOTHING;
    RETURN OLD;
END $$""",
    "CREATE TRIGGER block_people_gone AFTER DELETE ON block_people FOR EACH ROW EXECUTE FUNCTION newsgraph_block_people_gone()",
)


def _speaker_identities(conn) -> None:
    # Filled by the migration after it (0007), which the code that fills them needs.
    for statement in _SPEAKER_IDENTITIES:
        conn.execute(statement)


# As SQLite's migration 0010: statements compared piece by piece, the role each quotation's
# speaker is resolved with; links, statements and identities made again from the stored quotes.
_STATEMENT_PIECES = (
    "DROP TABLE statement_keys",
    """CREATE TABLE statement_keys (
    key BIGINT NOT NULL,
    link BIGINT NOT NULL REFERENCES quote_links (id) ON DELETE CASCADE,
    piece INTEGER NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (key, link, piece)
)""",
    "CREATE INDEX statement_keys_link ON statement_keys (link)",
    "ALTER TABLE quote_links ADD COLUMN role TEXT",
    "ALTER TABLE quote_links ADD COLUMN affiliation TEXT",
    "DELETE FROM quote_links",
    "DELETE FROM block_people",
    "DELETE FROM speakers",
    "DELETE FROM statements",
    "DELETE FROM identity_dirty",
)


def _statement_pieces(conn) -> None:
    # Filled by migration 0009, which the code that fills them needs.
    for statement in _STATEMENT_PIECES:
        conn.execute(statement)


# Quotations in the listings' order (as SQLite's 0011): each quotation carries its sort key,
# set by a trigger as it is stored (when said: its own date, else the article's publication
# date, '' for neither; then the article's seq), indexed with position and by lower-cased
# speaker name and mention, so a page by speaker or date is read off an index instead of
# sorting every match. The distinct speaker keys are kept in `quote_speaker_keys`, so a
# speaker filter (any part of a name or mention) reads the distinct names, not every quote.
_QUOTE_ORDER = (
    'ALTER TABLE quotes ADD COLUMN when_key TEXT COLLATE "C"',
    "ALTER TABLE quotes ADD COLUMN seq BIGINT",
    "UPDATE quotes AS q SET when_key = coalesce(q.date, a.published, ''), seq = a.seq "
    "FROM articles AS a WHERE a.id = q.article_id",
    'CREATE TABLE quote_speaker_keys (key TEXT COLLATE "C" PRIMARY KEY)',
    "INSERT INTO quote_speaker_keys (key) SELECT lower(speaker_name) FROM quotes WHERE speaker_name IS NOT NULL "
    "UNION SELECT lower(speaker_text) FROM quotes WHERE speaker_text IS NOT NULL",
    """CREATE FUNCTION quote_order_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT coalesce(NEW.date, a.published, ''), a.seq INTO NEW.when_key, NEW.seq FROM articles AS a WHERE a.id = NEW.article_id;
    INSERT INTO quote_speaker_keys (key)
        SELECT k FROM (VALUES (lower(NEW.speaker_name)), (lower(NEW.speaker_text))) AS v (k) WHERE k IS NOT NULL
        ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER quote_order_keys BEFORE INSERT OR UPDATE OF date, speaker_name, speaker_text ON quotes "
    "FOR EACH ROW EXECUTE FUNCTION quote_order_keys()",
    """CREATE FUNCTION quote_order_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE quotes SET when_key = coalesce(date, NEW.published, '') WHERE article_id = NEW.id;
    RETURN NEW;
END $$""",
    "CREATE TRIGGER quote_order_published AFTER UPDATE OF published ON articles "
    "FOR EACH ROW EXECUTE FUNCTION quote_order_published()",
    "CREATE INDEX quotes_order ON quotes (when_key DESC, seq DESC, position)",
    "CREATE INDEX quotes_name_order ON quotes (lower(speaker_name), when_key DESC, seq DESC, position)",
    "CREATE INDEX quotes_text_order ON quotes (lower(speaker_text), when_key DESC, seq DESC, position)",
    # stats: languages and near-duplicate counts from indexes.
    "CREATE INDEX articles_language ON articles (language)",
    "CREATE INDEX articles_cluster_id ON articles (cluster_id, id)",
)


def _quote_order(conn) -> None:
    for statement in _QUOTE_ORDER:
        conn.execute(statement)


# As SQLite's migration 0012: identities decided one quotation at a time (`resolve.identity_rules`).
_IDENTITY_DECISIONS = (
    "ALTER TABLE quote_links ADD COLUMN name_key TEXT",
    "ALTER TABLE quote_links ADD COLUMN full_name INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE quote_links ADD COLUMN organisation INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE quote_links ADD COLUMN role_head TEXT",
    "ALTER TABLE quote_links ADD COLUMN country TEXT",
    "ALTER TABLE quote_links ADD COLUMN kind TEXT",
    "ALTER TABLE quote_links ADD COLUMN why TEXT",
    "ALTER TABLE quote_links ADD COLUMN settled INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX quote_links_open ON quote_links (block, settled)",
    "CREATE INDEX quote_links_names ON quote_links (block, full_name, name_key)",
    'CREATE TABLE block_state (block TEXT COLLATE "C" PRIMARY KEY, fingerprint TEXT NOT NULL)',
)


def _identity_decisions(conn) -> None:
    # Emptied and filled again by migration 0010, which the code that fills them needs.
    for statement in _IDENTITY_DECISIONS:
        conn.execute(statement)


# As SQLite's migration 0013: the name each quotation's speaker is resolved with.
_LINK_NAMES = (
    "ALTER TABLE quote_links ADD COLUMN name TEXT",
    "DELETE FROM statement_keys",
    "DELETE FROM quote_links",
    "DELETE FROM block_people",
    "DELETE FROM speakers",
    "DELETE FROM statements",
    "DELETE FROM identity_dirty",
    "DELETE FROM block_state",
)


def _link_names(conn) -> None:
    for statement in _LINK_NAMES:
        conn.execute(statement)
    _speaker_tallies(conn)  # the rebuild writes them (migration 0011 finds the column)
    rebuild_identities(Sql(conn, postgresql=True))


# What each identity's row is made from (`store.identity_rows`), so that a batch adds its new
# quotations to it instead of counting all of the identity's again. Rows written before it have
# none and are counted again the first time a batch changes them: nothing is rebuilt here.
def _speaker_tallies(conn) -> None:
    conn.execute("ALTER TABLE speakers ADD COLUMN IF NOT EXISTS tally TEXT")


# A search ranks its newest matches with ts_rank, which reads each one's tsvector: stored out of
# line (a 3 KB vector barely compresses, so the toaster moves it to the TOAST table) each read is
# a TOAST index lookup and two chunks, 5 of the 14 ms that ranking 2,000 matches took. MAIN keeps
# it in the row while the row fits a page (the text, EXTENDED, goes out of line first). Rows
# stored before this keep theirs where they are until rewritten (`VACUUM FULL articles`): the
# answers are the same, and the newest rows, which searches rank, come after it.
_SEARCH_VECTOR_IN_THE_ROW = "ALTER TABLE articles ALTER COLUMN search_vector SET STORAGE MAIN"

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_articles_sources_processed_errors", _CORE + ";\n" + _TEXT_SEARCH),
    Migration("0002_bylines_and_annotation_lists", _ANNOTATIONS),
    Migration("0003_full_text_search", _FULL_TEXT),
    Migration("0004_near_duplicate_index", _near_duplicate_settings),
    Migration("0005_template_evidence_and_derivations", _TEMPLATE_EVIDENCE),
    Migration("0006_speaker_identities_and_statements", _speaker_identities),
    Migration("0007_statement_pieces_and_speaker_roles", _statement_pieces),
    Migration("0008_quote_order_and_stats_indexes", _quote_order),
    Migration("0009_identity_decisions", _identity_decisions),
    Migration("0010_link_names", _link_names),
    Migration("0011_speaker_tallies", _speaker_tallies),
    Migration("0012_precomputed_listings_and_tallies", precomputed_listings),
    Migration("0013_entity_totals_by_statement", entity_totals_by_statement),
    Migration("0014_search_terms", ";\n".join(SEARCH_TERMS)),
    Migration("0015_search_vector_in_the_row", _SEARCH_VECTOR_IN_THE_ROW),
)

SCHEMA_VERSION = len(MIGRATIONS)
