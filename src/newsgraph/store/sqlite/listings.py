"""Queries over what the analysis stage stored: quotes, speakers, entities, events.

Plain functions over an open connection, run inside the store's read
transactions. A quote's (or event's) time is the date the article states for
it, else the article's publication date.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from newsgraph.messages import clip
from newsgraph.records import EventParty
from newsgraph.resolve.speakers import RoleSpell, SpeakerIdentity, SpeakerMention, fold, resolve_speakers
from newsgraph.store.errors import QueryError
from newsgraph.store.identities import Sql
from newsgraph.store.identity_listings import list_identities
from newsgraph.store.keyset import decode_cursor
from newsgraph.store.rows import (
    EntityFilter,
    EntitySummary,
    EventFilter,
    EventHit,
    QuoteFilter,
    QuoteHit,
    QuotedSpeaker,
    SpeakerFilter,
    SpeakerSummary,
)
from newsgraph.store.search_syntax import HINT, date_lower_bound, date_upper_bound
from newsgraph.store.sqlite.fts5 import fts_query
from newsgraph.store.sqlite.schema_periods import PERIOD_COLUMNS, period_word

__all__ = ["SpeakerIdentitySummary", "list_entities", "list_events", "list_quotes", "list_speakers", "speaker_identities"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerIdentitySummary(SpeakerSummary):
    """A speaker listing row for one identity: its id, every name form seen, person or organisation,
    distinct outlets, roles with the first and last date seen, and why its name forms are one."""

    id: str
    aliases: tuple[str, ...]
    kind: str
    outlets: int
    role_history: tuple[RoleSpell, ...]
    why: tuple[str, ...]
    statements: int = 0  # distinct statements across outlets


# When a quote was said, as sortable ISO text: its own date, else the article's.
_WHEN = "coalesce(q.date, a.published)"


def list_quotes(conn: sqlite3.Connection, filters: QuoteFilter) -> list[QuoteHit]:
    """Quotes newest first, filtered by speaker (name or mention, case-insensitive
    substring), words in what was said (`about`, full-text syntax as in search),
    an entity named inside what was said (`about_entity`: canonical name, mention
    or ISO3 country, case-insensitive), a date range on when it was said, and kind.

    The page is read off `quote_order`'s indexes (see the schema's 0011): each way in
    (a speaker key, the words' matches, or the whole order) gives at most a page of ids in
    order, and only those quotations are read."""
    clauses: list[str] = []
    params: list[Any] = []
    match = None
    if filters.about is not None:
        match = fts_query(filters.about)
        if match is None:
            return []
    if filters.about_entity is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM quotes AS q JOIN entities AS e ON e.article_id = q.article_id "
            "WHERE q.article_id = o.article_id AND q.position = o.position AND q.field = 'text' "
            "AND e.start >= q.start AND e.\"end\" <= q.\"end\" "
            "AND (lower(e.name) = lower(?) OR lower(e.text) = lower(?) OR e.country = upper(?)))"
        )
        params.extend([filters.about_entity] * 3)
    if filters.kind is not None:
        clauses.append("EXISTS (SELECT 1 FROM quotes AS q WHERE q.article_id = o.article_id "
                       "AND q.position = o.position AND q.kind = ?)")
        params.append(filters.kind)
    _add_date_range("o.when_key", filters.since, filters.until, clauses, params)
    if filters.until is not None:
        clauses.append("o.when_key != ''")  # undated quotations have no place in a date range
    _add_order_after("quotes", "o", filters.after, clauses, params)
    page = filters.limit + filters.offset
    try:
        ways = _quote_ways(conn, filters, match, clauses, params, page)
        if not ways:
            return []
        union = " UNION ".join(f"SELECT id FROM ({sql})" for sql, _ in ways)
        rows = conn.execute(
            "SELECT q.article_id, q.position, q.text, q.field, q.kind, q.cue_text, q.speaker_text, q.speaker_name, "
            f"q.speaker_role, q.speaker_affiliation, q.date, {_WHEN}, a.headline, a.published, a.source, a.url, "
            f"l.speaker_id, l.statement_id FROM ({union}) AS hit JOIN quote_order AS o ON o.id = hit.id "
            "JOIN quotes AS q ON q.article_id = o.article_id AND q.position = o.position "
            "JOIN articles AS a ON a.id = o.article_id "
            "LEFT JOIN quote_links AS l ON l.article_id = o.article_id AND l.position = o.position "
            f"ORDER BY {_ORDER} LIMIT ? OFFSET ?",
            [*(value for _, values in ways for value in values), filters.limit, filters.offset],
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "syntax error" in str(exc) or "no such column" in str(exc):
            raise QueryError(f"malformed --about query: {clip(filters.about)} ({exc}); {HINT}") from exc
        raise
    return [
        QuoteHit(
            article_id=row[0], position=row[1], text=row[2], field=row[3], kind=row[4], cue=row[5],
            speaker=QuotedSpeaker(text=row[6], name=row[7], role=row[8], affiliation=row[9]),
            date=row[10], when=row[11], headline=row[12], published=row[13], source=row[14], url=row[15],
            speaker_id=row[16], statement_id=row[17],
        )
        for row in rows
    ]



# The listings' order on `quote_order`: newest first, then the later stored article, then position.
_ORDER = "o.when_key DESC, o.seq DESC, o.position"
# Fewer distinct speaker keys than this matching a speaker filter are each read off their own
# index; more (a filter of a letter or two) walk the whole order, where matches come soon.
_MAX_SPEAKER_KEYS = 48
# A word's matches are either all sorted (about 1 us of CPU a match) or read a month at a time,
# newest month first (one indexed lookup of the month's matches, about 40 us, for each month
# read, and a sort of its matches). At a million quotations over twelve years a word of 86,000
# matches took 70 ms sorted and 4 ms by month: months are read from this many matches per row of
# the page, where sorting them costs about a millisecond.
_SORTED_MATCHES_PER_ROW = 20
# After this many months without a page (matches all in older months) the rest are sorted at once.
_MONTHS_WALKED = 12


def _quote_ways(conn: sqlite3.Connection, filters: QuoteFilter, match: str | None, clauses: list[str],
                params: list[Any], page: int) -> list[tuple[str, list[Any]]]:
    """Queries each giving at most `page` quote_order ids in order; the page is among their union."""
    conditions = list(clauses)
    values = list(params)
    if match is not None:
        match = f"{PERIOD_COLUMNS} : ({match})"  # a person's words, never the month word
        few_matches = _SORTED_MATCHES_PER_ROW * page
        few = conn.execute("SELECT count(*) FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)",
                           (match, few_matches)).fetchone()[0]
        if filters.speaker is None:
            if few < few_matches:
                return [(_sorted_matches(conditions), [match, *values, page])]
            ids = _walk_months(conn, match, conditions, values, page, filters)
            return [("SELECT value AS id FROM json_each(?)", [json.dumps(ids)])]
        conditions.append("EXISTS (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? AND quotes_fts.rowid = o.id)")
        values.append(match)
    if filters.speaker is None:
        return [(_order_walk("quote_order_when", conditions), [*values, page])]
    keys = [key for (key,) in conn.execute(
        "SELECT key FROM quote_speaker_keys WHERE instr(key, lower(?)) > 0 LIMIT ?",
        (filters.speaker, _MAX_SPEAKER_KEYS + 1),
    )]
    if len(keys) > _MAX_SPEAKER_KEYS:
        conditions.append("(instr(o.name_key, lower(?)) > 0 OR instr(o.text_key, lower(?)) > 0)")
        return [(_order_walk("quote_order_when", conditions), [*values, filters.speaker, filters.speaker, page])]
    return [
        (_order_walk(f"quote_order_{column}", [f"o.{column}_key = ?", *conditions]), [key, *values, page])
        for key in keys for column in ("name", "text")
    ]


def _sorted_matches(conditions: list[str]) -> str:
    where = " AND ".join(["quotes_fts MATCH ?", *conditions])
    return (f"SELECT o.id FROM quotes_fts JOIN quote_order AS o ON o.id = quotes_fts.rowid "
            f"WHERE {where} ORDER BY {_ORDER} LIMIT ?")


def _walk_months(conn: sqlite3.Connection, match: str, conditions: list[str], values: list[Any], page: int,
                 filters: QuoteFilter) -> list[int]:
    """The first `page` ids in order among many matches: a month's matches at a time (its month
    word beside the words, schema 0016), newest month first, from the cursor's or `until`'s month."""
    start = [date_upper_bound(filters.until, "until")] if filters.until is not None else []
    if filters.after is not None:
        start.append(decode_cursor("quotes", filters.after)[0])
    since = date_lower_bound(filters.since, "since") if filters.since is not None else None
    key = _newest_key(conn, "<=", min(start)) if start else _newest_key(conn)
    found: list[int] = []
    months = 0
    while key is not None and len(found) < page and (since is None or key >= since):
        if months == _MONTHS_WALKED:
            rest = conn.execute(_sorted_matches([*conditions, "o.when_key <= ?"]), [match, *values, key, page - len(found)])
            return found + [id_ for (id_,) in rest]
        bucket = key[:7]
        found += [id_ for (id_,) in conn.execute(_sorted_matches(conditions),
                                                 [f"({match}) AND period : {_phrase(period_word(bucket))}", *values,
                                                  page - len(found)])]
        months += 1
        key = _newest_key(conn, "<", bucket) if bucket else None
    return found


def _phrase(word: str) -> str:
    """`word` as an FTS5 string (a key of another shape than YYYY-MM stays one phrase of its parts)."""
    return '"' + word.replace('"', '""') + '"'


def _newest_key(conn: sqlite3.Connection, compare: str = "", bound: str | None = None) -> str | None:
    """The latest listing key (`when_key`), or the latest one `compare` `bound`, read off the index."""
    where = f"WHERE when_key {compare} ?" if compare else ""
    row = conn.execute(f"SELECT when_key FROM quote_order INDEXED BY quote_order_when {where} "
                       "ORDER BY when_key DESC LIMIT 1", [bound] if compare else []).fetchone()
    return row[0] if row else None


def _order_walk(index: str, conditions: list[str]) -> str:
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT o.id FROM quote_order AS o INDEXED BY {index} {where} ORDER BY {_ORDER} LIMIT ?"


def _add_order_after(listing: str, alias: str, after: str | None, clauses: list[str], params: list[Any]) -> None:
    """Rows (quotations `o`, events `ev`) after a page cursor in the listings' order: when said
    DESC, the article's seq DESC, position."""
    if after is None:
        return
    when, article_id, at = decode_cursor(listing, after)
    seq = "(SELECT seq FROM articles WHERE id = ?)"
    clauses.append(f"({alias}.when_key < ? OR ({alias}.when_key = ? AND ({alias}.seq < {seq} "
                   f"OR ({alias}.seq = {seq} AND {alias}.position > ?))))")
    params.extend([when, when, article_id, article_id, at])

def list_speakers(conn: sqlite3.Connection, filters: SpeakerFilter) -> list[SpeakerSummary]:
    """Speaker identities across the corpus by number of quotes, as stored at ingest
    (`store.identities`), with their cleaned roles over time; `name` matches any name form seen,
    accents and case aside. Either backend's connection (`identities.Sql`)."""
    after = None
    if filters.after is not None:
        quotes, name, identity_id = decode_cursor("speakers", filters.after)
        after = (quotes, name, identity_id)
    return [
        SpeakerIdentitySummary(
            name=row.name, quotes=row.quotes, articles=row.articles,
            roles=tuple(dict.fromkeys(spell.role for spell in row.roles)),
            affiliations=row.affiliations, first=row.first, last=row.last,
            id=row.id, aliases=row.aliases, kind=row.kind, outlets=row.outlets,
            role_history=row.roles, why=row.why, statements=row.statements,
        )
        for row in list_identities(Sql(conn), filters.name, filters.limit, after)
    ]


def speaker_identities(conn: sqlite3.Connection) -> tuple[list[tuple[str, int]], list[SpeakerIdentity]]:
    """Every quote with a resolved speaker as (article id, position), and the identities
    `resolve.speakers` makes of them (their `mentions` index the first list)."""
    quotes = conn.execute(
        "SELECT q.article_id, q.position, q.speaker_name, q.speaker_role, q.speaker_affiliation, q.date, "
        "a.published, a.site FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
        "WHERE q.speaker_name IS NOT NULL ORDER BY a.seq, q.position"
    ).fetchall()
    labels: dict[tuple[str, str], str] = {}
    article_names: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id, name, label, count in conn.execute(
        "SELECT article_id, name, label, count(*) FROM entities WHERE label IN ('PERSON', 'ORG') AND name IS NOT NULL "
        "GROUP BY article_id, name, label"
    ):
        labels.setdefault((article_id, name), label)
        if label == "PERSON":
            article_names[article_id][name] += count
    mentions = [
        SpeakerMention(article_id=r[0], name=r[2], role=r[3], affiliation=r[4], said=r[5], published=r[6],
                       outlet=r[7], label=labels.get((r[0], r[2])))
        for r in quotes
    ]
    return [(r[0], r[1]) for r in quotes], resolve_speakers(mentions, article_names)


def list_entities(conn: sqlite3.Connection, filters: EntityFilter) -> list[EntitySummary]:
    """Entities by canonical name with their mention and article counts, most mentioned first.

    Read off `entity_totals` (migration 0015), one row per name and label kept with the
    mentions: a person's country is stated in some mentions only ("Ukrainian Foreign
    Minister X", later just "X"), so the stated one stands for all."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.label is not None:
        clauses.append("t.label = upper(?)")
        params.append(filters.label)
    if filters.name is not None:
        clauses.append("instr(lower(t.name), lower(?)) > 0")
        params.append(filters.name)
    if filters.country is not None:
        clauses.append("t.country = upper(?)")
        params.append(filters.country)
    if filters.after is not None:
        mentions, shown, label = decode_cursor("entities", filters.after)
        clauses.append("(t.mentions < ? OR (t.mentions = ? AND (t.name > ? OR (t.name = ? AND t.label > ?))))")
        params.extend([mentions, mentions, shown, shown, label])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # Ties on the count are broken by name, then label: a total order, so cursors page exactly.
    rows = conn.execute(
        f"SELECT t.name, t.label, t.country, t.mentions, t.articles FROM entity_totals AS t {where} "
        "ORDER BY t.mentions DESC, t.name, t.label LIMIT ?",
        [*params, filters.limit],
    ).fetchall()
    return [EntitySummary(name=r[0] or None, label=r[1] or None, country=r[2], mentions=r[3], articles=r[4])
            for r in rows]


# The events listing's order (migration 0015 keeps each event's key and indexes it).
_EVENT_ORDER = "ev.when_key DESC, ev.seq DESC, ev.position"


def list_events(conn: sqlite3.Connection, filters: EventFilter) -> list[EventHit]:
    """Coded events newest first; actor and recipient are ISO3 countries (or a name's part).

    The page is read off the events' order indexes: a type walks its own, an actor or
    recipient its country's (and the whole order for a part of a name), nothing else the
    whole order; only the page's events and articles are read."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.type is not None:
        clauses.append("ev.type = ?")
        params.append(filters.type.upper())
    _add_date_range("ev.when_key", filters.since, filters.until, clauses, params)
    if filters.until is not None:
        clauses.append("ev.when_key != ''")  # undated events have no place in a date range
    _add_order_after("events", "ev", filters.after, clauses, params)
    ways = _event_ways(filters, clauses, params)
    union = " UNION ".join(f"SELECT * FROM ({sql})" for sql, _ in ways)
    rows = conn.execute(
        "SELECT ev.article_id, ev.position, ev.type, ev.mode, ev.actor_text, ev.actor_name, ev.actor_country, "
        "ev.recipient_text, ev.recipient_name, ev.recipient_country, ev.date, nullif(ev.when_key, ''), ev.text, "
        "ev.amount, ev.quote, a.headline, a.source "
        f"FROM ({union}) AS hit JOIN events AS ev ON ev.article_id = hit.article_id AND ev.position = hit.position "
        f"JOIN articles AS a ON a.id = ev.article_id ORDER BY {_EVENT_ORDER} LIMIT ?",
        [*(value for _, values in ways for value in values), filters.limit],
    ).fetchall()
    return [
        EventHit(
            article_id=r[0], position=r[1], type=r[2], mode=r[3],
            actor=EventParty(text=r[4], name=r[5], country=r[6]),
            recipient=EventParty(text=r[7], name=r[8], country=r[9]),
            date=r[10], when=r[11], text=r[12], amount=r[13], quote=r[14], headline=r[15], source=r[16],
        )
        for r in rows
    ]


def _event_ways(filters: EventFilter, clauses: list[str], params: list[Any]) -> list[tuple[str, list[Any]]]:
    """Queries each giving at most a page of (article_id, position) in order; the page is among
    their union. A party is a country (its index) or part of a name (checked down the order)."""
    ways = [("events_type_order" if filters.type is not None else "events_order", list(clauses), list(params))]
    for column, value in (("actor", filters.actor), ("recipient", filters.recipient)):
        if value is None:
            continue
        widened = []
        for index, conditions, values in ways:
            widened.append((f"events_{column}_order", [f"ev.{column}_country = upper(?)", *conditions], [value, *values]))
            widened.append((index, [f"instr(lower(ev.{column}_name), lower(?)) > 0", *conditions], [value, *values]))
        ways = widened
    return [
        (f"SELECT ev.article_id, ev.position, ev.when_key, ev.seq FROM events AS ev INDEXED BY {index} "
         f"{'WHERE ' + ' AND '.join(conditions) if conditions else ''} ORDER BY {_EVENT_ORDER} LIMIT ?",
         [*values, filters.limit])
        for index, conditions, values in ways
    ]


def _add_date_range(when: str, since: str | None, until: str | None, clauses: list[str], params: list[Any]) -> None:
    """Inclusive ISO date bounds (any precision) on the SQL expression `when`."""
    if since is not None:
        clauses.append(f"{when} >= ?")
        params.append(date_lower_bound(since, "since"))
    if until is not None:
        clauses.append(f"{when} <= ?")
        params.append(date_upper_bound(until, "until"))
