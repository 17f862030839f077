"""Reading stored speaker identities and statements (`store.identities` writes them).

Every listing reads the stored rows with their precomputed counts through an index (speakers by
quotes, statements by reports, a speaker's quotations by when said), so it answers in time that
does not grow with the corpus. The same SQL serves both backends (`identities.Sql`).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from newsgraph.records import to_dict
from newsgraph.resolve.speakers import RoleSpell, fold
from newsgraph.store.errors import QueryError
from newsgraph.store.identities import Sql
from newsgraph.store.rows import QuoteHit, QuotedSpeaker
from newsgraph.store.search_syntax import date_lower_bound, date_upper_bound

__all__ = [
    "IdentityQueries",
    "SpeakerIdentityRow",
    "SpeakerProfile",
    "StatementFilter",
    "StatementRow",
    "TopicCount",
    "get_speaker",
    "list_identities",
    "list_statements",
    "quote_identities",
    "speaker_quotes",
]


class _Row:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


_ROW = dataclass(frozen=True, slots=True, kw_only=True)


@_ROW
class SpeakerIdentityRow(_Row):
    """One speaker identity: canonical name, every name form seen, roles over time, counts."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # person | organisation
    roles: tuple[RoleSpell, ...]  # each with affiliation, ISO3 country, first and last date seen
    affiliations: tuple[str, ...]
    quotes: int
    statements: int  # distinct statements
    articles: int
    outlets: int
    first: str | None  # when its statements were made (the quote's own date, else publication)
    last: str | None
    why: tuple[str, ...]  # one line per merged name form


@_ROW
class StatementRow(_Row):
    """One statement across outlets: the same words reported by several articles."""

    id: str
    text: str
    speaker_id: str | None
    speaker: str | None
    kind: str | None
    first_seen: str | None  # the earliest publication reporting it
    articles: int  # reports: near-duplicate copies count once per outlet
    outlets: int
    quotes: int
    about: tuple[str, ...]


@_ROW
class TopicCount(_Row):
    name: str
    statements: int


@_ROW
class SpeakerProfile(_Row):
    """An identity with its statements (most reported first) and whom it talks about most."""

    speaker: SpeakerIdentityRow
    statements: tuple[StatementRow, ...]
    talks_about: tuple[TopicCount, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementFilter:
    """Statements by speaker (an identity id or any of its name forms, accents aside), an entity
    they are about (part of its name), and when first reported (inclusive ISO dates)."""

    speaker: str | None = None
    about: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.limit, int) or self.limit < 1 or not isinstance(self.offset, int) or self.offset < 0:
            raise QueryError(f"limit must be at least 1 and offset at least 0, got limit={self.limit}, offset={self.offset}")


_SPEAKER_COLUMNS = ("id, name, aliases, kind, roles, affiliations, quotes, statements, articles, outlets, "
                    "first, last, why")


def _speaker(row: tuple) -> SpeakerIdentityRow:
    return SpeakerIdentityRow(
        id=row[0], name=row[1], aliases=tuple(json.loads(row[2])), kind=row[3],
        roles=tuple(RoleSpell(**spell) for spell in json.loads(row[4])), affiliations=tuple(json.loads(row[5])),
        quotes=row[6], statements=row[7], articles=row[8], outlets=row[9], first=row[10], last=row[11],
        why=tuple(json.loads(row[12])),
    )


def list_identities(sql: Sql, name: str | None = None, limit: int = 50,
                    after: tuple[int, str, str] | None = None) -> list[SpeakerIdentityRow]:
    """Identities most quoted first (then by name and id); `name` is part of any name form seen,
    accents and case aside; `after` is the (quotes, name, id) of the last row of the page before."""
    clauses, params = [], []
    if name is not None:
        clauses.append(f"{sql.instr}(search_names, ?) > 0")
        params.append(fold(name.strip()))
    if after is not None:
        clauses.append("(quotes < ? OR (quotes = ? AND (name > ? OR (name = ? AND id > ?))))")
        params.extend([after[0], after[0], after[1], after[1], after[2]])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # With a name, the table is read through and its matches sorted (`+quotes` keeps the ranking
    # index out): walking that index fetches every identity's row in turn until a page matches,
    # nine times the cost of reading the table when few or none match (23,767 identities: 44 ms
    # against 5 ms of CPU). Without one, the index gives the page at once.
    order = "+quotes DESC, name, id" if name is not None else "quotes DESC, name, id"
    rows = sql.rows(f"SELECT {_SPEAKER_COLUMNS} FROM speakers {where} ORDER BY {order} LIMIT ?",
                    [*params, limit])
    return [_speaker(row) for row in rows]


def _statement(row: tuple) -> StatementRow:
    return StatementRow(id=row[0], text=row[1], speaker_id=row[2], speaker=row[3], kind=row[4], first_seen=row[5],
                        articles=row[6], outlets=row[7], quotes=row[8], about=tuple(json.loads(row[9])))


_STATEMENT_COLUMNS = "id, text, speaker_id, speaker, kind, first_seen, articles, outlets, quotes, about"


def _speaker_ids(sql: Sql, speaker: str) -> list[str]:
    exact = sql.rows("SELECT id FROM speakers WHERE id = ?", (speaker.strip(),))
    if exact:
        return [exact[0][0]]
    return [r[0] for r in sql.rows(f"SELECT id FROM speakers WHERE {sql.instr}(search_names, ?) > 0",
                                   (fold(speaker.strip()),))]


def list_statements(sql: Sql, filters: StatementFilter) -> list[StatementRow]:
    """Statements most reported first (articles, then outlets), filtered as `StatementFilter` says."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.speaker is not None:
        ids = _speaker_ids(sql, filters.speaker)
        if not ids:
            return []
        clauses.append(f"speaker_id IN ({', '.join('?' for _ in ids)})")
        params.extend(ids)
    if filters.about is not None:
        clauses.append(f"{sql.instr}(about_search, ?) > 0")
        params.append(fold(filters.about.strip()))
    if filters.since is not None:
        clauses.append("first_seen >= ?")
        params.append(date_lower_bound(filters.since, "since"))
    if filters.until is not None:
        clauses.append("first_seen <= ?")
        params.append(date_upper_bound(filters.until, "until"))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = sql.rows(f"SELECT {_STATEMENT_COLUMNS} FROM statements {where} "
                    "ORDER BY articles DESC, outlets DESC, id LIMIT ? OFFSET ?", [*params, filters.limit, filters.offset])
    return [_statement(row) for row in rows]


def get_speaker(sql: Sql, speaker_id: str, statements: int = 20, topics: int = 10) -> SpeakerProfile | None:
    """One identity (by id, or a unique name form) with its statements and whom it talks about most."""
    rows = sql.rows(f"SELECT {_SPEAKER_COLUMNS} FROM speakers WHERE id = ?", (speaker_id.strip(),))
    if not rows:
        ids = _speaker_ids(sql, speaker_id)
        if len(ids) > 1:
            raise QueryError(f"{speaker_id[:80]!r} names {len(ids)} speakers; give an id (newsgraph speakers --name)")
        rows = sql.rows(f"SELECT {_SPEAKER_COLUMNS} FROM speakers WHERE id = ?", ids) if ids else []
    if not rows:
        return None
    speaker = _speaker(rows[0])
    said = [_statement(r) for r in sql.rows(
        f"SELECT {_STATEMENT_COLUMNS} FROM statements WHERE speaker_id = ? ORDER BY articles DESC, outlets DESC, id "
        "LIMIT 1000", (speaker.id,))]
    counts: Counter[str] = Counter()
    for statement in said:
        counts.update(statement.about)
    talks = tuple(TopicCount(name=n, statements=c) for n, c in sorted(counts.items(), key=lambda i: (-i[1], i[0]))[:topics])
    return SpeakerProfile(speaker=speaker, statements=tuple(said[:statements]), talks_about=talks)


def speaker_quotes(sql: Sql, speaker_id: str, limit: int = 50, offset: int = 0) -> list[QuoteHit]:
    """An identity's quotations, newest first by when they were said (`statement_date`), through its index."""
    rows = sql.rows(
        "SELECT q.article_id, q.position, q.text, q.field, q.kind, q.cue_text, q.speaker_text, q.speaker_name, "
        "q.speaker_role, q.speaker_affiliation, q.date, coalesce(q.date, a.published), a.headline, a.published, "
        "a.source, a.url FROM quote_links AS l "
        "JOIN quotes AS q ON q.article_id = l.article_id AND q.position = l.position "
        "JOIN articles AS a ON a.id = l.article_id WHERE l.speaker_id = ? "
        "ORDER BY l.when_key DESC, l.seq DESC, l.position LIMIT ? OFFSET ?", (speaker_id, limit, offset))
    return [QuoteHit(article_id=r[0], position=r[1], text=r[2], field=r[3], kind=r[4], cue=r[5],
                     speaker=QuotedSpeaker(text=r[6], name=r[7], role=r[8], affiliation=r[9]), date=r[10],
                     when=r[11], headline=r[12], published=r[13], source=r[14], url=r[15]) for r in rows]


def speaker_dates(sql: Sql, speaker_id: str) -> dict[str, int]:
    """How many of an identity's quotations were said on each date ('' for none), all of them:
    read off the identity's index (speaker, when said), so a timeline counts every statement
    without reading one."""
    return {when: count for when, count in sql.rows(
        "SELECT when_key, count(*) FROM quote_links WHERE speaker_id = ? GROUP BY when_key", (speaker_id,))}


def quote_identities(sql: Sql, keys: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str | None, str | None]]:
    """(speaker id, statement id) of each quotation given as (article id, position)."""
    found: dict[tuple[str, int], tuple[str | None, str | None]] = {}
    for article_id in sorted({a for a, _ in keys}):
        for position, speaker_id, statement in sql.rows(
                "SELECT position, speaker_id, statement_id FROM quote_links WHERE article_id = ?", (article_id,)):
            found[(article_id, position)] = (speaker_id, statement)
    return found


class IdentityQueries:
    """The identity and statement queries of a store, for a backend class with a `_read()`
    read transaction (both backends mix this in)."""

    __slots__ = ()

    def speaker_identities(self, name: str | None = None, limit: int = 50) -> list[SpeakerIdentityRow]:
        """Speaker identities most quoted first; `name` is part of any name form, accents aside."""
        if not isinstance(limit, int) or limit < 1:
            raise QueryError(f"limit must be at least 1, got {limit!r}"[:100])
        with self._read() as conn:
            return list_identities(Sql(conn), name, limit)

    def speaker(self, speaker_id: str) -> SpeakerProfile | None:
        """One identity with its roles over time, its statements and whom it talks about most."""
        with self._read() as conn:
            return get_speaker(Sql(conn), speaker_id)

    def statements(self, filters: StatementFilter | None = None, **keywords: Any) -> list[StatementRow]:
        """Statements across outlets, most reported first (see `StatementFilter`)."""
        if filters is None:
            filters = StatementFilter(**keywords)
        elif keywords:
            raise QueryError("give a StatementFilter or keyword arguments, not both")
        with self._read() as conn:
            return list_statements(Sql(conn), filters)

    def speaker_quotes(self, speaker_id: str, limit: int = 50, offset: int = 0) -> list[QuoteHit]:
        """An identity's quotations, newest first."""
        if not isinstance(limit, int) or limit < 1 or not isinstance(offset, int) or offset < 0:
            raise QueryError(f"limit must be at least 1 and offset at least 0, got {limit!r}, {offset!r}"[:100])
        with self._read() as conn:
            return speaker_quotes(Sql(conn), speaker_id, limit, offset)

    def speaker_dates(self, speaker_id: str) -> dict[str, int]:
        """How many of an identity's quotations were said on each date ('' for undated)."""
        with self._read() as conn:
            return speaker_dates(Sql(conn), speaker_id)

    def quote_identities(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str | None, str | None]]:
        """(speaker id, statement id) of quotations given as (article id, position)."""
        with self._read() as conn:
            return quote_identities(Sql(conn), keys)
