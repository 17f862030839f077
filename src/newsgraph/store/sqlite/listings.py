"""Queries over what the analysis stage stored: quotes, speakers, entities, events.

Plain functions over an open connection, run inside the store's read
transactions. A quote's (or event's) time is the date the article states for
it, else the article's publication date.
"""

from __future__ import annotations

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
# The same as a sort key: '' sorts below every date, so undated rows come last, newest first.
_WHEN_KEY = "coalesce(q.date, a.published, '')"


def list_quotes(conn: sqlite3.Connection, filters: QuoteFilter) -> list[QuoteHit]:
    """Quotes newest first, filtered by speaker (name or mention, case-insensitive
    substring), words in what was said (`about`, full-text syntax as in search),
    an entity named inside what was said (`about_entity`: canonical name, mention
    or ISO3 country, case-insensitive), a date range on when it was said, and kind."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.about is not None:
        match = fts_query(filters.about)
        if match is None:
            return []
        clauses.append("(q.article_id, q.position) IN (SELECT article_id, position FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(match)
    if filters.about_entity is not None:
        clauses.append(
            "q.field = 'text' AND EXISTS (SELECT 1 FROM entities AS e WHERE e.article_id = q.article_id "
            "AND e.start >= q.start AND e.\"end\" <= q.\"end\" "
            "AND (lower(e.name) = lower(?) OR lower(e.text) = lower(?) OR e.country = upper(?)))"
        )
        params.extend([filters.about_entity] * 3)
    if filters.speaker is not None:
        clauses.append("(instr(lower(q.speaker_name), lower(?)) > 0 OR instr(lower(q.speaker_text), lower(?)) > 0)")
        params.extend([filters.speaker, filters.speaker])
    if filters.kind is not None:
        clauses.append("q.kind = ?")
        params.append(filters.kind)
    _add_date_range(_WHEN, filters.since, filters.until, clauses, params)
    _add_after("quotes", _WHEN_KEY, "q.position", filters.after, clauses, params)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        "SELECT q.article_id, q.position, q.text, q.field, q.kind, q.cue_text, q.speaker_text, q.speaker_name, "
        f"q.speaker_role, q.speaker_affiliation, q.date, {_WHEN}, a.headline, a.published, a.source, a.url, "
        "l.speaker_id, l.statement_id FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
        f"LEFT JOIN quote_links AS l ON l.article_id = q.article_id AND l.position = q.position {where} "
        f"ORDER BY {_WHEN_KEY} DESC, a.seq DESC, q.position LIMIT ? OFFSET ?"
    )
    try:
        rows = conn.execute(sql, [*params, filters.limit, filters.offset]).fetchall()
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
    """Entities by canonical name with their mention and article counts, most mentioned first."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.label is not None:
        clauses.append("e.label = upper(?)")
        params.append(filters.label)
    if filters.name is not None:
        clauses.append("instr(lower(coalesce(e.name, e.text)), lower(?)) > 0")
        params.append(filters.name)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # One row per name and label: a person's country is stated in some mentions only
    # ("Ukrainian Foreign Minister X", later just "X"), so the stated one stands for all.
    having: list[str] = []
    if filters.country is not None:
        having.append("max(e.country) = upper(?)")
        params.append(filters.country)
    if filters.after is not None:
        mentions, shown, label = decode_cursor("entities", filters.after)
        having.append(
            "(count(*) < ? OR (count(*) = ? AND (coalesce(coalesce(e.name, e.text), '') > ? "
            "OR (coalesce(coalesce(e.name, e.text), '') = ? AND coalesce(e.label, '') > ?))))"
        )
        params.extend([mentions, mentions, shown, shown, label])
    having_sql = f"HAVING {' AND '.join(having)}" if having else ""
    # Ties on the count are broken by name, then label: a total order, so cursors page exactly.
    rows = conn.execute(
        "SELECT coalesce(e.name, e.text), e.label, max(e.country), count(*), count(DISTINCT e.article_id) "
        f"FROM entities AS e {where} GROUP BY coalesce(e.name, e.text), e.label {having_sql} "
        "ORDER BY count(*) DESC, coalesce(coalesce(e.name, e.text), ''), coalesce(e.label, '') LIMIT ?",
        [*params, filters.limit],
    ).fetchall()
    return [EntitySummary(name=r[0], label=r[1], country=r[2], mentions=r[3], articles=r[4]) for r in rows]


def list_events(conn: sqlite3.Connection, filters: EventFilter) -> list[EventHit]:
    """Coded events newest first; actor and recipient are ISO3 countries (or a name's part)."""
    when = "coalesce(ev.date, a.published)"
    when_key = "coalesce(ev.date, a.published, '')"
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("actor", filters.actor), ("recipient", filters.recipient)):
        if value is not None:
            clauses.append(f"(ev.{column}_country = upper(?) OR instr(lower(ev.{column}_name), lower(?)) > 0)")
            params.extend([value, value])
    if filters.type is not None:
        clauses.append("ev.type = ?")
        params.append(filters.type.upper())
    _add_date_range(when, filters.since, filters.until, clauses, params)
    _add_after("events", when_key, "ev.position", filters.after, clauses, params)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        "SELECT ev.article_id, ev.position, ev.type, ev.mode, ev.actor_text, ev.actor_name, ev.actor_country, "
        f"ev.recipient_text, ev.recipient_name, ev.recipient_country, ev.date, {when}, ev.text, ev.amount, ev.quote, "
        "a.headline, a.source "
        f"FROM events AS ev JOIN articles AS a ON a.id = ev.article_id {where} "
        f"ORDER BY {when_key} DESC, a.seq DESC, ev.position LIMIT ?",
        [*params, filters.limit],
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


def _add_after(listing: str, when_key: str, position: str, after: str | None,
               clauses: list[str], params: list[Any]) -> None:
    """Rows after a page cursor in the order (when DESC, article seq DESC, position)."""
    if after is None:
        return
    when, article_id, at = decode_cursor(listing, after)
    seq = "(SELECT seq FROM articles WHERE id = ?)"
    clauses.append(f"({when_key} < ? OR ({when_key} = ? AND (a.seq < {seq} OR (a.seq = {seq} AND {position} > ?))))")
    params.extend([when, when, article_id, article_id, at])


def _add_date_range(when: str, since: str | None, until: str | None, clauses: list[str], params: list[Any]) -> None:
    """Inclusive ISO date bounds (any precision) on the SQL expression `when`."""
    if since is not None:
        clauses.append(f"{when} >= ?")
        params.append(date_lower_bound(since, "since"))
    if until is not None:
        clauses.append(f"{when} <= ?")
        params.append(date_upper_bound(until, "until"))
