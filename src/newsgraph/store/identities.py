"""Speaker identities and statements as stored facts, kept up to date in each write transaction.

Both backends call `update_identities` at the end of a batch's transaction with the ids of the
articles it stored. Every quotation gets a `quote_links` row: its speaker block
(`resolve.statements.speaker_block`), its speaker identity, its statement, when it was said and
the entities it is about. Then:

- statements: a new quotation's shingle keys find, with one indexed lookup, the quotations of
  its speaker block it shares enough of them with (`statement_keys`); their statements and it
  become one. A statement that lost a member (an article re-derived or replaced) is regrouped
  from the members it has left.
- identities: every speaker block the batch touched (a new quotation, a new full name in an
  article's entities, a quotation gone) is resolved again from all its mentions in the store
  (`resolve.speakers.resolve_speakers` on one block gives what it gives on the whole corpus), and
  its `speakers` rows, with their counts, are written again.

So the stored records are those a single resolution of the whole corpus gives, whatever the
order and grouping of batches (mentions are read in (article id, position) order), and the
cost of a batch grows with the blocks it touches, not with the corpus. Deleted quotations mark
their block and statement in `identity_dirty` (a trigger), so deletions anywhere in the write
path are caught up here.

SQL is written once with `?` parameters; `Sql` runs it on SQLite as it is and on PostgreSQL with
`%s`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from newsgraph.records import Entity
from newsgraph.resolve.appositions import appositive_role
from newsgraph.resolve.speakers import SpeakerMention, clean_role, fold, name_parts, resolve_speakers, statement_date
from newsgraph.resolve.statements import (
    about_entities,
    is_same_statement,
    rank_about,
    shingle_keys,
    speaker_block,
    statement_id,
    statement_pieces,
    statement_tokens,
)

__all__ = ["Sql", "rebuild_identities", "update_identities"]

_CHUNK = 400  # values per IN (...) list, well under either backend's parameter limit
_NAMED_LABELS = ("PERSON", "ORG")


class Sql:
    """One connection, SQL written with `?` placeholders for either backend."""

    def __init__(self, conn: Any, *, postgresql: bool | None = None) -> None:
        self.conn = conn
        self.postgresql = not isinstance(conn, sqlite3.Connection) if postgresql is None else postgresql
        self.instr = "strpos" if self.postgresql else "instr"

    def _text(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgresql else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.conn.execute(self._text(sql), tuple(params)).fetchall())

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._text(sql), tuple(params))

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.postgresql:
            with self.conn.cursor() as cursor:
                cursor.executemany(self._text(sql), [tuple(r) for r in rows])
        else:
            self.conn.executemany(sql, rows)

    def rows_in(self, sql: str, values: Sequence[Any], params: Sequence[Any] = ()) -> list[tuple]:
        """`sql` with one `IN ({})` filled with `values`, in chunks; `params` come before them."""
        found: list[tuple] = []
        values = list(values)
        for start in range(0, len(values), _CHUNK):
            chunk = values[start:start + _CHUNK]
            found.extend(self.rows(sql.format(", ".join("?" for _ in chunk)), [*params, *chunk]))
        return found


def update_identities(sql: Sql, article_ids: Iterable[str]) -> None:
    """Bring links, statements and identities up to date after a batch stored these articles."""
    ids = sorted({a for a in article_ids if a})
    new_links = _link_quotes(sql, ids)
    people_blocks = _add_people(sql, ids)
    dirty = sql.rows("SELECT kind, key FROM identity_dirty")
    dirty_blocks = {key for kind, key in dirty if kind == "block"}
    dirty_statements = {key for kind, key in dirty if kind == "statement"}
    touched_statements = _regroup(sql, dirty_statements)
    touched_statements |= _assign_statements(sql, new_links)
    blocks = {block for _, _, block in new_links} | people_blocks | dirty_blocks
    touched_statements |= _resolve_blocks(sql, blocks)
    _write_statements(sql, touched_statements)
    if dirty:
        sql.run("DELETE FROM identity_dirty")


def rebuild_identities(sql: Sql) -> None:
    """Links, statements and identities for every stored article (a store made before them)."""
    ids = [a for (a,) in sql.rows("SELECT id FROM articles ORDER BY id")]
    for start in range(0, len(ids), 500):
        update_identities(sql, ids[start:start + 500])


# --- links --------------------------------------------------------------------------------

def _entities(sql: Sql, article_ids: Sequence[str]) -> dict[str, list[Entity]]:
    found: dict[str, list[Entity]] = defaultdict(list)
    for article_id, start, end, text, label, name, country in sql.rows_in(
        'SELECT article_id, "start", "end", text, label, name, country FROM entities WHERE article_id IN ({}) '
        "ORDER BY article_id, position", article_ids,
    ):
        if start is not None and end is not None:
            found[article_id].append(Entity(start=start, end=end, text=text or "", label=label or "",
                                            name=name or text or "", country=country))
    return found


def _link_quotes(sql: Sql, article_ids: Sequence[str]) -> list[tuple[int, list[list[str]], str]]:
    """A `quote_links` row for each quotation of these articles that has none; (link id, pieces' tokens, block)."""
    if not article_ids:
        return []
    quotes = sql.rows_in(
        'SELECT q.article_id, q.position, q."start", q."end", q.text, q.field, q.speaker_name, q.date, '
        "a.published, a.seq, q.speaker_role, q.speaker_affiliation FROM quotes AS q "
        "JOIN articles AS a ON a.id = q.article_id "
        "LEFT JOIN quote_links AS l ON l.article_id = q.article_id AND l.position = q.position "
        "WHERE l.id IS NULL AND q.article_id IN ({}) ORDER BY q.article_id, q.position", article_ids,
    )
    if not quotes:
        return []
    entities = _entities(sql, sorted({q[0] for q in quotes}))
    labels = {(a, e.name): e.label for a, found in entities.items() for e in found if e.label in _NAMED_LABELS}
    # An apposition in the article gives the role where the analysis found none (`Ana Ruiz, a Chilean economist`).
    needing = sorted({q[0] for q in quotes if q[6] and clean_role(q[10], q[11]) is None})
    texts = dict(sql.rows_in("SELECT id, text FROM articles WHERE id IN ({})", needing)) if needing else {}
    rows = []
    for article_id, position, start, end, text, field, speaker, said, published, seq, role, affiliation in quotes:
        about = (about_entities(start or 0, end or 0, text or "", entities.get(article_id, ()), speaker)
                 if field == "text" else [])
        if speaker and article_id in texts and clean_role(role, affiliation) is None:
            found = appositive_role(texts[article_id], speaker)
            if found is not None and clean_role(found) is not None:
                role, affiliation = found, None
        said_on = statement_date(said, published)
        rows.append((article_id, position, speaker_block(speaker), labels.get((article_id, speaker)),
                     said_on, said_on or "", seq, json.dumps(about), len(statement_tokens(text or "")),
                     role, affiliation))
    sql.many("INSERT INTO quote_links (article_id, position, block, label, said_on, when_key, seq, about, shingles, "
             "role, affiliation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    made = sql.rows_in(
        "SELECT l.id, l.block, q.text FROM quote_links AS l JOIN quotes AS q "
        "ON q.article_id = l.article_id AND q.position = l.position "
        "WHERE l.statement_id IS NULL AND l.article_id IN ({}) ORDER BY l.article_id, l.position", article_ids,
    )
    return [(link, statement_pieces(text or ""), block) for link, block, text in made]


def _add_people(sql: Sql, article_ids: Sequence[str]) -> set[str]:
    """Full PERSON names each new article gives, per speaker block: what decides a bare surname."""
    if not article_ids:
        return set()
    counts: Counter[tuple[str, str, str]] = Counter()
    for article_id, name in _people_rows(sql, article_ids):
        key = name_parts(name)
        if len(key) >= 2 and key[1] != "":
            counts[(speaker_block(name), article_id, name)] += 1
    rows = [(block, article_id, name, n) for (block, article_id, name), n in sorted(counts.items())
            if block and not block.startswith(("org:", "group:"))]
    sql.many("INSERT INTO block_people (block, article_id, name, mentions) VALUES (?, ?, ?, ?) "
             "ON CONFLICT DO NOTHING", rows)
    return {row[0] for row in rows}


def _people_rows(sql: Sql, article_ids: Sequence[str]) -> list[tuple[str, str]]:
    """PERSON entity names of the articles that have no `block_people` rows yet."""
    done = {a for (a,) in sql.rows_in("SELECT DISTINCT article_id FROM block_people WHERE article_id IN ({})",
                                      article_ids)}
    todo = [a for a in article_ids if a not in done]
    if not todo:
        return []
    return sql.rows_in("SELECT article_id, name FROM entities WHERE label = 'PERSON' AND name IS NOT NULL "
                       "AND article_id IN ({}) ORDER BY article_id, position", todo)


# --- statements ---------------------------------------------------------------------------

def _piece_keys(block: str, pieces: Sequence[Sequence[str]]) -> list[tuple[int, list[int]]]:
    """(piece number, shingle keys) of a quotation's pieces: 0 its whole text, then its quoted fragments."""
    return [(number, keys) for number, tokens in enumerate(pieces) if (keys := shingle_keys(block, tokens))]


def _matches(sql: Sql, pieces: Sequence[tuple[int, list[int]]], within: set[int] | None = None,
             ) -> list[tuple[int, str | None]]:
    """(link, statement) of the stored quotations that are the same statement as one of these pieces."""
    same: set[int] = set()
    for number, keys in pieces:
        for link, piece, size, shared in sql.rows_in(
                "SELECT link, piece, size, count(*) FROM statement_keys WHERE key IN ({}) GROUP BY link, piece, size",
                keys):
            if (within is None or link in within) and is_same_statement(shared, len(keys), size,
                                                                       fragment=number > 0 or piece > 0):
                same.add(link)
    return sql.rows_in("SELECT id, statement_id FROM quote_links WHERE id IN ({})", sorted(same)) if same else []


def _anchor(sql: Sql, statement: str) -> tuple[str, int] | None:
    row = sql.rows("SELECT article_id, position FROM quote_links WHERE statement_id = ? "
                   "ORDER BY article_id, position LIMIT 1", (statement,))
    return (row[0][0], row[0][1]) if row else None


def _assign_statements(sql: Sql, new_links: Sequence[tuple[int, list[str], str]]) -> set[str]:
    """Each new quotation joins (and joins together) the statements it is the same as."""
    touched: set[str] = set()
    places = dict(((link, (a, p)) for link, a, p in sql.rows_in(
        "SELECT id, article_id, position FROM quote_links WHERE id IN ({})", [link for link, _, _ in new_links])))
    for link, tokens, block in new_links:
        pieces = _piece_keys(block, tokens)
        joined = {statement for _, statement in _matches(sql, pieces) if statement}
        sql.many("INSERT INTO statement_keys (key, link, piece, size) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                 [(key, link, number, len(keys)) for number, keys in pieces for key in keys])
        anchors = [a for a in (_anchor(sql, s) for s in sorted(joined)) if a is not None]
        first = min([places[link], *anchors])
        target = statement_id(*first)
        sql.run("UPDATE quote_links SET statement_id = ? WHERE id = ?", (target, link))
        others = sorted(joined - {target})
        if others:
            for start in range(0, len(others), _CHUNK):
                chunk = others[start:start + _CHUNK]
                sql.run(f"UPDATE quote_links SET statement_id = ? WHERE statement_id IN ({', '.join('?' for _ in chunk)})",
                        (target, *chunk))
            touched.update(others)
        touched.add(target)
    return touched


def _regroup(sql: Sql, statements: set[str]) -> set[str]:
    """Statements that lost members, grouped again from the members they have left."""
    touched = set(statements)
    for statement in sorted(statements):
        members = sql.rows("SELECT id, article_id, position FROM quote_links WHERE statement_id = ? "
                           "ORDER BY article_id, position", (statement,))
        if len(members) <= 1:
            if members:
                target = statement_id(members[0][1], members[0][2])
                sql.run("UPDATE quote_links SET statement_id = ? WHERE id = ?", (target, members[0][0]))
                touched.add(target)
            continue
        ids = {m[0] for m in members}
        parent = {m[0]: m[0] for m in members}

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        keys: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for key, link, piece in sql.rows_in("SELECT key, link, piece FROM statement_keys WHERE link IN ({}) "
                                            "ORDER BY link, piece, key", sorted(ids)):
            keys[link][piece].append(key)
        for link in sorted(ids):
            for other, _ in _matches(sql, sorted(keys[link].items()), ids):
                parent[root(other)] = root(link)
        groups: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
        for link, article_id, position in members:
            groups[root(link)].append((article_id, position, link))
        for group in groups.values():
            target = statement_id(*min((a, p) for a, p, _ in group))
            sql.many("UPDATE quote_links SET statement_id = ? WHERE id = ?", [(target, link) for _, _, link in group])
            touched.add(target)
    return touched


def _write_statements(sql: Sql, statements: set[str]) -> None:
    """The `statements` rows of these statements, from their members (none left: the row goes)."""
    if not statements:
        return
    ordered = sorted(statements)
    members: dict[str, list[tuple]] = defaultdict(list)
    for row in sql.rows_in(
        "SELECT l.statement_id, l.block, l.speaker_id, l.about, q.text, q.kind, a.published, a.site, a.cluster_id, "
        "a.id FROM quote_links AS l JOIN quotes AS q ON q.article_id = l.article_id AND q.position = l.position "
        "JOIN articles AS a ON a.id = l.article_id WHERE l.statement_id IN ({}) ORDER BY l.article_id, l.position",
        ordered,
    ):
        members[row[0]].append(row)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start:start + _CHUNK]
        sql.run(f"DELETE FROM statements WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
    names = dict(sql.rows_in("SELECT id, name FROM speakers WHERE id IN ({})",
                             sorted({r[2] for rows in members.values() for r in rows if r[2]})))
    rows = []
    for statement, found in sorted(members.items()):
        speakers = Counter(r[2] for r in found if r[2])
        speaker_id = min(speakers, key=lambda s: (-speakers[s], s)) if speakers else None
        # The most complete wording: a direct quotation before a reported one, then the longest.
        best = max(found, key=lambda r: (r[5] == "direct", len(r[4] or ""), r[4] or ""))
        outlets = {r[7] or r[9] for r in found}
        # Syndicated copies (one near-duplicate cluster) count once per outlet.
        reports = {(r[8], r[7] or r[9]) for r in found}
        published = sorted(r[6] for r in found if r[6])
        about = rank_about(json.loads(r[3] or "[]") for r in found)
        rows.append((statement, found[0][1], best[4] or "", speaker_id, names.get(speaker_id), best[5],
                     published[0] if published else None, len(reports), len(outlets), len(found),
                     json.dumps(about), "\n".join(fold(a) for a in about)))
    sql.many("INSERT INTO statements (id, block, text, speaker_id, speaker, kind, first_seen, articles, outlets, "
             "quotes, about, about_search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


# --- identities ---------------------------------------------------------------------------

def _resolve_blocks(sql: Sql, blocks: set[str]) -> set[str]:
    """Resolve each speaker block again; the statements whose members' speaker changed."""
    touched: set[str] = set()
    for block in sorted(b for b in blocks if b):
        rows = sql.rows(
            "SELECT l.id, l.article_id, q.speaker_name, l.role, l.affiliation, q.date, a.published, "
            "a.site, l.label, l.speaker_id, l.statement_id FROM quote_links AS l "
            "JOIN quotes AS q ON q.article_id = l.article_id AND q.position = l.position "
            "JOIN articles AS a ON a.id = l.article_id WHERE l.block = ? ORDER BY l.article_id, l.position",
            (block,),
        )
        article_names: dict[str, Counter[str]] = defaultdict(Counter)
        for article_id, name, mentions in sql.rows(
                "SELECT article_id, name, mentions FROM block_people WHERE block = ? ORDER BY article_id, name", (block,)):
            article_names[article_id][name] += mentions
        mentions = [SpeakerMention(article_id=r[1], name=r[2] or "", role=r[3], affiliation=r[4], said=r[5],
                                   published=r[6], outlet=r[7], label=r[8]) for r in rows]
        identities = resolve_speakers(mentions, article_names) if not block.startswith("group:") else []
        speaker_of: dict[int, str] = {}
        speaker_rows = []
        for identity in identities:
            statements = {rows[i][10] for i in identity.mentions}
            for i in identity.mentions:
                speaker_of[i] = identity.id
            roles = [asdict(spell) for spell in identity.roles]
            search = "\n".join(dict.fromkeys(fold(n) for n in (identity.name, *identity.aliases)))
            speaker_rows.append((identity.id, block, identity.name, identity.kind, json.dumps(identity.aliases),
                                 json.dumps(roles), json.dumps(identity.affiliations), json.dumps(identity.why),
                                 search, identity.quotes, len(statements), identity.articles, identity.outlets,
                                 identity.first, identity.last))
        changed = [(speaker_of.get(i), r[0]) for i, r in enumerate(rows) if speaker_of.get(i) != r[9]]
        sql.many("UPDATE quote_links SET speaker_id = ? WHERE id = ?", changed)
        touched.update(rows[i][10] for i, r in enumerate(rows) if speaker_of.get(i) != r[9] and r[10])
        sql.run("DELETE FROM speakers WHERE block = ?", (block,))
        sql.many("INSERT INTO speakers (id, block, name, kind, aliases, roles, affiliations, why, search_names, "
                 "quotes, statements, articles, outlets, first, last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT DO NOTHING",
                 speaker_rows)
    return touched
