"""Queries over what the analysis stage stored: quotes, speakers, entities, events.

The PostgreSQL counterparts of `store.sqlite.listings`, with the same filters,
order and rows. A quote's (or event's) time is the date the article states for
it, else the article's publication date.
"""

from __future__ import annotations

from typing import Any

from newsgraph.records import EventParty
from newsgraph.store.keyset import decode_cursor
from newsgraph.store.postgresql.tsquery import QUOTE_WEIGHTS, tsquery_text
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
from newsgraph.store.search_syntax import date_lower_bound, date_upper_bound
from newsgraph.store.sqlite import listings as sqlite_listings

__all__ = ["list_entities", "list_events", "list_quotes", "list_speakers"]

_WHEN = "coalesce(q.date, a.published)"
# The listings' order on the quotes' stored sort key: newest first, then the later stored
# article, then position.
_ORDER = "q.when_key DESC, q.seq DESC, q.position"
# Fewer distinct speaker keys than this matching a speaker filter are each read off their own
# index; more (a filter of a letter or two) walk the whole order, where matches come soon.
_MAX_SPEAKER_KEYS = 48


def list_quotes(conn, filters: QuoteFilter) -> list[QuoteHit]:
    """Quotes newest first, filtered as `store.sqlite.listings.list_quotes` describes; the page is
    read off the quotes' order indexes (migration 0008), one way in per speaker key."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.about is not None:
        match = tsquery_text(filters.about, QUOTE_WEIGHTS)
        if match is None:
            return []
        clauses.append("q.search_vector @@ to_tsquery('newsgraph', %s)")
        params.append(match)
    if filters.about_entity is not None:
        clauses.append(
            "q.field = 'text' AND EXISTS (SELECT 1 FROM entities AS e WHERE e.article_id = q.article_id "
            "AND e.start >= q.start AND e.\"end\" <= q.\"end\" "
            "AND (lower(e.name) = lower(%s) OR lower(e.text) = lower(%s) OR e.country = upper(%s)))"
        )
        params.extend([filters.about_entity] * 3)
    if filters.kind is not None:
        clauses.append("q.kind = %s")
        params.append(filters.kind)
    _add_date_range("q.when_key", filters.since, filters.until, clauses, params)
    if filters.until is not None:
        clauses.append("q.when_key != ''")  # undated quotations have no place in a date range
    _add_after("quotes", "q", filters.after, clauses, params)
    ways: list[tuple[list[str], list[Any]]] = [([], [])]
    if filters.speaker is not None:
        keys = [key for (key,) in conn.execute(
            "SELECT key FROM quote_speaker_keys WHERE strpos(key, lower(%s)) > 0 LIMIT %s",
            (filters.speaker, _MAX_SPEAKER_KEYS + 1),
        ).fetchall()]
        if not keys:
            return []
        if len(keys) > _MAX_SPEAKER_KEYS:
            ways = [(["(strpos(lower(q.speaker_name), lower(%s)) > 0 OR strpos(lower(q.speaker_text), lower(%s)) > 0)"],
                     [filters.speaker, filters.speaker])]
        else:
            ways = [([f"lower(q.speaker_{column}) = %s"], [key]) for key in keys for column in ("name", "text")]
    page = filters.limit + filters.offset
    union = " UNION ".join(
        f"(SELECT q.article_id, q.position, q.when_key, q.seq FROM quotes AS q "
        f"WHERE {' AND '.join([*way, *clauses]) or 'TRUE'} ORDER BY {_ORDER} LIMIT %s)"
        for way, _ in ways
    )
    values = [value for way, way_values in ways for value in (*way_values, *params, page)]
    rows = conn.execute(
        "SELECT q.article_id, q.position, q.text, q.field, q.kind, q.cue_text, q.speaker_text, q.speaker_name, "
        f"q.speaker_role, q.speaker_affiliation, q.date, {_WHEN}, a.headline, a.published, a.source, a.url, "
        f"l.speaker_id, l.statement_id FROM ({union}) AS hit "
        "JOIN quotes AS q ON q.article_id = hit.article_id AND q.position = hit.position "
        "JOIN articles AS a ON a.id = q.article_id "
        "LEFT JOIN quote_links AS l ON l.article_id = q.article_id AND l.position = q.position "
        f"ORDER BY {_ORDER} LIMIT %s OFFSET %s",
        [*values, filters.limit, filters.offset],
    ).fetchall()
    return [
        QuoteHit(
            article_id=row[0], position=row[1], text=row[2], field=row[3], kind=row[4], cue=row[5],
            speaker=QuotedSpeaker(text=row[6], name=row[7], role=row[8], affiliation=row[9]),
            date=row[10], when=row[11], headline=row[12], published=row[13], source=row[14], url=row[15],
            speaker_id=row[16], statement_id=row[17],
        )
        for row in rows
    ]


def list_speakers(conn, filters: SpeakerFilter) -> list[SpeakerSummary]:
    """Speaker identities across the corpus, as on SQLite: both read the identities stored at
    ingest (`store.identities`) with the same SQL (`identities.Sql`), so both list the same."""
    return sqlite_listings.list_speakers(conn, filters)


def list_entities(conn, filters: EntityFilter) -> list[EntitySummary]:
    """Entities by canonical name with their mention and article counts, most mentioned first,
    read off `entity_totals` (migration 0012; as SQLite's `list_entities`)."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.label is not None:
        clauses.append("t.label = upper(%s)")
        params.append(filters.label)
    if filters.name is not None:
        clauses.append("strpos(lower(t.name), lower(%s)) > 0")
        params.append(filters.name)
    if filters.country is not None:
        clauses.append("t.country = upper(%s)")
        params.append(filters.country)
    if filters.after is not None:
        mentions, shown, label = decode_cursor("entities", filters.after)
        clauses.append("(t.mentions < %s OR (t.mentions = %s AND (t.name > %s OR (t.name = %s AND t.label > %s))))")
        params.extend([mentions, mentions, shown, shown, label])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # Ties on the count are broken by name, then label: a total order, so cursors page exactly.
    rows = conn.execute(
        f"SELECT t.name, t.label, t.country, t.mentions, t.articles FROM entity_totals AS t {where} "
        "ORDER BY t.mentions DESC, t.name, t.label LIMIT %s",
        [*params, filters.limit],
    ).fetchall()
    return [EntitySummary(name=r[0] or None, label=r[1] or None, country=r[2], mentions=r[3], articles=r[4])
            for r in rows]


# The events listing's order (migration 0012 keeps each event's key and indexes it).
_EVENT_ORDER = "ev.when_key DESC, ev.seq DESC, ev.position"


def list_events(conn, filters: EventFilter) -> list[EventHit]:
    """Coded events newest first; actor and recipient are ISO3 countries (or a name's part).
    Each way in (a type, a party's country, a part of a name, or none) reads at most a page off
    its order index; only the page's events and articles are read."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.type is not None:
        clauses.append("ev.type = %s")
        params.append(filters.type.upper())
    _add_date_range("ev.when_key", filters.since, filters.until, clauses, params)
    if filters.until is not None:
        clauses.append("ev.when_key <> ''")  # undated events have no place in a date range
    _add_after("events", "ev", filters.after, clauses, params)
    ways: list[tuple[list[str], list[Any]]] = [(clauses, params)]
    for column, value in (("actor", filters.actor), ("recipient", filters.recipient)):
        if value is not None:
            ways = [(condition + rest, [value, *values]) for rest, values in ways
                    for condition in ([f"ev.{column}_country = upper(%s)"],
                                      [f"strpos(lower(ev.{column}_name), lower(%s)) > 0"])]
    union = " UNION ".join(
        f"(SELECT ev.article_id, ev.position, ev.when_key, ev.seq FROM events AS ev "
        f"{'WHERE ' + ' AND '.join(conditions) if conditions else ''} ORDER BY {_EVENT_ORDER} LIMIT %s)"
        for conditions, _ in ways
    )
    rows = conn.execute(
        "SELECT ev.article_id, ev.position, ev.type, ev.mode, ev.actor_text, ev.actor_name, ev.actor_country, "
        "ev.recipient_text, ev.recipient_name, ev.recipient_country, ev.date, nullif(ev.when_key, ''), ev.text, "
        "ev.amount, ev.quote, a.headline, a.source "
        f"FROM ({union}) AS hit JOIN events AS ev ON ev.article_id = hit.article_id AND ev.position = hit.position "
        f"JOIN articles AS a ON a.id = ev.article_id ORDER BY {_EVENT_ORDER} LIMIT %s",
        [*(value for _, values in ways for value in [*values, filters.limit]), filters.limit],
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


def _add_after(listing: str, alias: str, after: str | None, clauses: list[str], params: list[Any]) -> None:
    """Rows (quotes `q`, events `ev`) after a page cursor in the listings' order: when said DESC,
    the article's seq DESC, position."""
    if after is None:
        return
    when, article_id, at = decode_cursor(listing, after)
    seq = "(SELECT seq FROM articles WHERE id = %s)"
    clauses.append(f"({alias}.when_key < %s OR ({alias}.when_key = %s AND ({alias}.seq < {seq} "
                   f"OR ({alias}.seq = {seq} AND {alias}.position > %s))))")
    params.extend([when, when, article_id, article_id, at])


def _add_date_range(when: str, since: str | None, until: str | None, clauses: list[str], params: list[Any]) -> None:
    """Inclusive ISO date bounds (any precision) on the SQL expression `when`."""
    if since is not None:
        clauses.append(f"{when} >= %s")
        params.append(date_lower_bound(since, "since"))
    if until is not None:
        clauses.append(f"{when} <= %s")
        params.append(date_upper_bound(until, "until"))

