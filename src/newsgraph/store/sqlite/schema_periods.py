"""SQLite migration 0016: each quotation's month as a word of its full-text row.

`quotes --about WORDS`, newest first, either sorts every match (about 1 us each) or walks
the listing order and probes the index for each quotation passed (about 70 us each); at a
million quotations a word with tens of thousands of matches costs 50-65 ms either way.
With the month of its listing key (`when_key`) indexed beside its words, a quotation's
matches are read a month at a time, newest month first (`period : p201605`), and only
the months a page needs are sorted (`listings.quote_periods_walk`).

The month word is `p` and the key's first seven characters without their hyphens
(`2016-05-03` -> `p201605`, a year alone `2016` -> `p2016`), `pnone` for no date: the
months in the listing's order are the keys' first seven characters in descending order.
"""

from __future__ import annotations

import sqlite3

from newsgraph.store.sqlite.migrations import split_statements

__all__ = ["PERIOD_COLUMNS", "period_word", "quote_periods"]

# The columns a person's words are matched in (the month's column is not one of them).
PERIOD_COLUMNS = "{text speaker}"


def period_word(bucket: str) -> str:
    """The word indexed for the quotations whose listing key starts with `bucket` (its first
    seven characters)."""
    return "p" + bucket.replace("-", "") if bucket else "pnone"


def _period_sql(key: str) -> str:
    return f"CASE WHEN {key} = '' THEN 'pnone' ELSE 'p' || replace(substr({key}, 1, 7), '-', '') END"


_SPEAKER = "trim(coalesce({row}.speaker_name, '') || ' ' || coalesce({row}.speaker_text, ''))"

_QUOTE_PERIODS = f"""
DROP TRIGGER quote_order_insert;
DROP TRIGGER quote_order_delete;
DROP TRIGGER quote_order_published;
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text,
    speaker,
    period,
    content = '',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts (rowid, text, speaker, period)
    SELECT o.id, q.text, {_SPEAKER.format(row='q')}, {_period_sql('o.when_key')}
    FROM quote_order AS o JOIN quotes AS q ON q.article_id = o.article_id AND q.position = o.position;
CREATE TRIGGER quote_order_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quote_order (article_id, position, when_key, seq, name_key, text_key)
        SELECT new.article_id, new.position, coalesce(new.date, a.published, ''), a.seq,
               lower(new.speaker_name), lower(new.speaker_text)
        FROM articles AS a WHERE a.id = new.article_id;
    INSERT INTO quotes_fts (rowid, text, speaker, period)
        SELECT o.id, new.text, {_SPEAKER.format(row='new')}, {_period_sql('o.when_key')}
        FROM quote_order AS o WHERE o.article_id = new.article_id AND o.position = new.position;
    INSERT OR IGNORE INTO quote_speaker_keys (key)
        SELECT lower(new.speaker_name) WHERE new.speaker_name IS NOT NULL
        UNION SELECT lower(new.speaker_text) WHERE new.speaker_text IS NOT NULL;
END;
-- A contentless index forgets a row only when given the values it was indexed with.
CREATE TRIGGER quote_order_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker, period)
        SELECT 'delete', o.id, old.text, {_SPEAKER.format(row='old')}, {_period_sql('o.when_key')}
        FROM quote_order AS o WHERE o.article_id = old.article_id AND o.position = old.position;
    DELETE FROM quote_order WHERE article_id = old.article_id AND position = old.position;
END;
-- A new publication date moves the article's undated quotations to another month.
CREATE TRIGGER quote_order_published AFTER UPDATE OF published ON articles BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker, period)
        SELECT 'delete', o.id, q.text, {_SPEAKER.format(row='q')}, {_period_sql('o.when_key')}
        FROM quote_order AS o JOIN quotes AS q ON q.article_id = o.article_id AND q.position = o.position
        WHERE o.article_id = new.id;
    UPDATE quote_order SET when_key = coalesce(
        (SELECT q.date FROM quotes AS q WHERE q.article_id = new.id AND q.position = quote_order.position),
        new.published, '')
    WHERE article_id = new.id;
    INSERT INTO quotes_fts (rowid, text, speaker, period)
        SELECT o.id, q.text, {_SPEAKER.format(row='q')}, {_period_sql('o.when_key')}
        FROM quote_order AS o JOIN quotes AS q ON q.article_id = o.article_id AND q.position = o.position
        WHERE o.article_id = new.id;
END;
"""


def quote_periods(conn: sqlite3.Connection) -> None:
    for statement in split_statements(_QUOTE_PERIODS):
        conn.execute(statement)
