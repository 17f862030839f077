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
  article's entities, a quotation gone) is resolved again from a summary of all its mentions in
  the store (`resolve.identity_rules`, as `resolve.speakers.resolve_speakers` on one block gives
  what it gives on the whole corpus; the summary is kept per block and the batch's new rows added
  to it, `store.block_summaries`): its new quotations are decided, and its open ones again where
  the summary's digest changed. Then the `speakers` rows of the identities it changed are
  written again: from the batch's new quotations added to the row's tally where an identity only
  gained some, else counted again from all its quotations (`store.identity_rows`).

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
from typing import Any

from newsgraph.records import Entity
from newsgraph.resolve.appositions import appositive_role, described_speaker
from newsgraph.resolve.identity_rules import BlockState, MentionFacts, decide, mention_facts
from newsgraph.resolve.speakers import clean_role, fold, name_parts, statement_date
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
from newsgraph.store.block_summaries import BlockAdditions, additions, aggregate, read_stored, stored_value
from newsgraph.store.identity_rows import write_identities

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

    def columns(self, sqlite_sql: str, unnest_sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """`many` for many rows: on PostgreSQL one statement taking each column as an array
        (`unnest_sql`, one `?` per column), where a row at a time costs a statement's overhead each."""
        if not rows:
            return
        if self.postgresql:
            self.run(unnest_sql, [list(column) for column in zip(*rows)])
        else:
            self.conn.executemany(sqlite_sql, rows)

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
    new_links, link_facts = _link_quotes(sql, ids)
    new_people = _add_people(sql, ids)
    people_blocks = {row[0] for row in new_people}
    dirty = sql.rows("SELECT kind, key FROM identity_dirty")
    dirty_blocks = {key for kind, key in dirty if kind == "block"}
    dirty_statements = {key for kind, key in dirty if kind == "statement"}
    regrouped = _regroup(sql, dirty_statements)
    joined, fewer = _assign_statements(sql, new_links)
    touched_statements = regrouped | joined
    blocks = {block for _, _, block in new_links} | people_blocks | dirty_blocks
    recount, added, changed_statements = _resolve_blocks(sql, blocks, dirty_blocks, people_blocks,
                                                         additions(sql, link_facts, new_people))
    touched_statements |= changed_statements
    # Statements that split change the statement counts of their speakers: counted again (rare: a
    # deletion). Merged ones take from each speaker's count the statements now one.
    for speaker_id, block in sql.rows_in("SELECT DISTINCT speaker_id, block FROM quote_links WHERE statement_id IN ({})",
                                         sorted(regrouped)):
        if speaker_id:
            recount.setdefault(speaker_id, block)
    sql.many("UPDATE speakers SET statements = statements - ? WHERE id = ?",
             [(n, speaker_id) for speaker_id, n in sorted(fewer.items()) if n and speaker_id not in recount])
    write_identities(sql, recount, added)
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


def _link_quotes(sql: Sql, article_ids: Sequence[str],
                 ) -> tuple[list[tuple[int, list[list[str]], str]], list[tuple]]:
    """A `quote_links` row for each quotation of these articles that has none; (link id, pieces'
    tokens, block) of each, and what each adds to its block's summary (`block_summaries.additions`)."""
    if not article_ids:
        return [], []
    quotes = sql.rows_in(
        'SELECT q.article_id, q.position, q."start", q."end", q.text, q.field, q.speaker_name, q.date, '
        "a.published, a.seq, q.speaker_role, q.speaker_affiliation, q.speaker_text FROM quotes AS q "
        "JOIN articles AS a ON a.id = q.article_id "
        "LEFT JOIN quote_links AS l ON l.article_id = q.article_id AND l.position = q.position "
        "WHERE l.id IS NULL AND q.article_id IN ({}) ORDER BY q.article_id, q.position", article_ids,
    )
    if not quotes:
        return [], []
    entities = _entities(sql, sorted({q[0] for q in quotes}))
    labels = {(a, e.name): e.label for a, found in entities.items() for e in found if e.label in _NAMED_LABELS}
    # An apposition in the article gives the role where the analysis found none (`Ana Ruiz, a Chilean economist`).
    needing = sorted({q[0] for q in quotes if q[6] and clean_role(q[10], q[11]) is None})
    texts = dict(sql.rows_in("SELECT id, text FROM articles WHERE id IN ({})", needing)) if needing else {}
    people, organisations = _named(quotes, entities)
    rows = []
    for article_id, position, start, end, text, field, speaker, said, published, seq, role, affiliation, mention in quotes:
        if not speaker and mention:
            # `the president` where the article names one person only.
            speaker = described_speaker(mention, people.get(article_id, ()), organisations.get(article_id, ()))
        about = (about_entities(start or 0, end or 0, text or "", entities.get(article_id, ()), speaker)
                 if field == "text" else [])
        if speaker and article_id in texts and clean_role(role, affiliation) is None:
            found = appositive_role(texts[article_id], speaker)
            if found is not None and clean_role(found) is not None:
                role, affiliation = found, None
        said_on = statement_date(said, published)
        facts = mention_facts(speaker or "", role, affiliation)
        rows.append((article_id, position, speaker_block(speaker), labels.get((article_id, speaker)),
                     said_on, said_on or "", seq, json.dumps(about), len(statement_tokens(text or "")),
                     role, affiliation, facts.key, int(facts.full), int(facts.organisation), facts.role_head,
                     facts.country, speaker))
    sql.many("INSERT INTO quote_links (article_id, position, block, label, said_on, when_key, seq, about, shingles, "
             "role, affiliation, name_key, full_name, organisation, role_head, country, name, settled) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2)", rows)
    made = sql.rows_in(
        "SELECT l.id, l.block, q.text, l.article_id, l.label, l.name_key, l.full_name, l.role_head, l.country "
        "FROM quote_links AS l JOIN quotes AS q ON q.article_id = l.article_id AND q.position = l.position "
        "WHERE l.statement_id IS NULL AND l.article_id IN ({}) ORDER BY l.article_id, l.position", article_ids,
    )
    return ([(row[0], statement_pieces(row[2] or ""), row[1]) for row in made],
            [(link, article, block, label, key, bool(full), head, country)
             for link, block, _, article, label, key, full, head, country in made])


def _named(quotes: Sequence[tuple], entities: dict[str, list[Entity]],
           ) -> tuple[dict[str, list[tuple[str, str | None]]], dict[str, list[str]]]:
    """Per article, the persons it names (with the role head it quotes them with) and the organisations."""
    people: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    organisations: dict[str, list[str]] = defaultdict(list)
    for article_id, found in entities.items():
        for entity in found:
            if entity.label == "PERSON":
                people[article_id].append((entity.name, None))
            elif entity.label == "ORG":
                organisations[article_id].append(entity.name)
    for row in quotes:
        article_id, speaker, role, affiliation = row[0], row[6], row[10], row[11]
        if speaker:
            facts = mention_facts(speaker, role, affiliation)
            if facts.organisation:
                organisations[article_id].append(speaker)
            else:
                people[article_id].append((speaker, facts.role_head))
    return people, organisations


def _add_people(sql: Sql, article_ids: Sequence[str]) -> list[tuple[str, str, str, int]]:
    """Full PERSON names each new article gives, per speaker block: what decides a bare surname.
    The rows added, (block, article, name, mentions): only articles with no rows yet are read."""
    if not article_ids:
        return []
    counts: Counter[tuple[str, str, str]] = Counter()
    for article_id, name in _people_rows(sql, article_ids):
        key = name_parts(name)
        if len(key) >= 2 and key[1] != "":
            counts[(speaker_block(name), article_id, name)] += 1
    rows = [(block, article_id, name, n) for (block, article_id, name), n in sorted(counts.items())
            if block and not block.startswith(("org:", "group:"))]
    sql.many("INSERT INTO block_people (block, article_id, name, mentions) VALUES (?, ?, ?, ?) "
             "ON CONFLICT DO NOTHING", rows)
    return rows


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


_VALUES_ROWS = 1000  # (link, piece, keys, key) rows per lookup: 4,000 parameters


def _stored_matches(sql: Sql, pieces: dict[int, list[tuple[int, list[int]]]]) -> dict[int, set[int]]:
    """The stored quotations each new one is the same statement as, for all of them in a few
    lookups (each piece's keys within one, so that its shared keys are counted together)."""
    found: dict[int, set[int]] = defaultdict(set)
    chunk: list[tuple[int, int, int, int]] = []

    def look_up() -> None:
        # One key in common makes the same statement only where a side has one key (`is_same_statement`):
        # the many quotations of a big block that share one common shingle are not read.
        if sql.postgresql:  # one query text whatever the number of rows (psycopg parses each new one)
            wanted, params = "SELECT * FROM unnest(?::bigint[], ?::int[], ?::int[], ?::bigint[])", \
                [list(column) for column in zip(*chunk)]
        else:
            wanted, params = "VALUES " + ", ".join("(?, ?, ?, ?)" for _ in chunk), [value for row in chunk for value in row]
        for link, piece, keys, other, other_piece, size, shared in sql.rows(
                f"WITH wanted (link, piece, keys, key) AS ({wanted}) "
                "SELECT w.link, w.piece, max(w.keys), s.link, s.piece, s.size, count(*) "
                "FROM wanted AS w JOIN statement_keys AS s ON s.key = w.key "
                "GROUP BY w.link, w.piece, s.link, s.piece, s.size HAVING count(*) >= 2 OR s.size <= 1 OR max(w.keys) <= 1",
                params):
            if is_same_statement(shared, keys, size, fragment=piece > 0 or other_piece > 0):
                found[link].add(other)
        chunk.clear()

    for link, link_pieces in pieces.items():
        for number, keys in link_pieces:
            if chunk and len(chunk) + len(keys) > _VALUES_ROWS:
                look_up()
            chunk.extend((link, number, len(keys), key) for key in keys)
    if chunk:
        look_up()
    return found


def _batch_matches(pieces: Sequence[tuple[int, list[int]]], earlier: dict[int, list[tuple[int, int, int]]]) -> set[int]:
    """The quotations of the batch taken in before (their keys in `earlier`) that are the same statement."""
    same: set[int] = set()
    for number, keys in pieces:
        shared: Counter[tuple[int, int, int]] = Counter(hit for key in keys for hit in earlier.get(key, ()))
        same.update(link for (link, piece, size), count in shared.items()
                    if is_same_statement(count, len(keys), size, fragment=number > 0 or piece > 0))
    return same


def _assign_statements(sql: Sql, new_links: Sequence[tuple[int, list[str], str]]) -> tuple[set[str], Counter[str]]:
    """Each new quotation joins (and joins together) the statements it is the same as; the
    statements touched, and how many statements fewer each speaker of stored quotations has
    where statements merged (its quotations in three of them, now one: two fewer).

    The batch is read and written in a few statements, not a few per quotation: its matches
    among the stored quotations in one pass over `statement_keys`, those among its own in
    memory; then its quotations are taken in (article id, position) order, each as if the ones
    before it were stored, and the statements they end in are written at the end."""
    pieces = {link: _piece_keys(block, tokens) for link, tokens, block in new_links}
    places = {link: (a, p) for link, a, p in sql.rows_in(
        "SELECT id, article_id, position FROM quote_links WHERE id IN ({})", list(pieces))}
    stored = _stored_matches(sql, pieces)
    statement_of: dict[int, str | None] = dict(sql.rows_in(
        "SELECT id, statement_id FROM quote_links WHERE id IN ({})", sorted(set().union(*stored.values()))))
    anchors: dict[str, tuple[str, int]] = {}  # each statement's first member
    for statement, article_id, position in sql.rows_in(
            "SELECT statement_id, article_id, position FROM quote_links WHERE statement_id IN ({})",
            sorted({s for s in statement_of.values() if s})):
        anchors[statement] = min(anchors.get(statement, (article_id, position)), (article_id, position))
    sql.columns("INSERT INTO statement_keys (key, link, piece, size) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                "INSERT INTO statement_keys (key, link, piece, size) "
                "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::int[], ?::int[]) ON CONFLICT DO NOTHING",
                [(key, link, number, len(keys)) for link, found in pieces.items() for number, keys in found for key in keys])
    renamed: dict[str, str] = {}  # a statement -> the one it was merged into

    def current(statement: str) -> str:
        while statement in renamed:
            statement = renamed[statement]
        return statement

    touched: set[str] = set()
    earlier: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # key -> (link, piece, size)
    for link, _, _ in new_links:
        same = stored.get(link, set()) | _batch_matches(pieces[link], earlier)
        joined = {current(s) for s in (statement_of.get(other) for other in same) if s}
        first = min([places[link], *(anchors[s] for s in joined)])
        target = statement_id(*first)
        anchors[target] = first
        statement_of[link] = target
        for number, keys in pieces[link]:
            for key in keys:
                earlier[key].append((link, number, len(keys)))
        others = joined - {target}
        renamed.update((other, target) for other in others)
        touched.update(others)
        touched.add(target)
    moving: dict[str, list[str]] = defaultdict(list)
    for statement in sorted(renamed):
        moving[current(statement)].append(statement)
    fewer = _fewer_statements(sql, moving)
    sql.columns("UPDATE quote_links SET statement_id = ? WHERE id = ?",
                "UPDATE quote_links AS l SET statement_id = v.statement FROM unnest(?::text[], ?::bigint[]) "
                "AS v (statement, id) WHERE l.id = v.id",
                [(current(statement_of[link]), link) for link, _, _ in new_links])
    # The stored members of the statements merged into others (the batch's own are set above).
    for target, statements in sorted(moving.items()):
        for start in range(0, len(statements), _CHUNK):
            chunk = statements[start:start + _CHUNK]
            sql.run(f"UPDATE quote_links SET statement_id = ? WHERE statement_id IN ({', '.join('?' for _ in chunk)})",
                    (target, *chunk))
    return touched, fewer


def _fewer_statements(sql: Sql, moving: dict[str, list[str]]) -> Counter[str]:
    """Per speaker, the statements its stored quotations were in, less the merged ones they are in
    now (`moving`: each statement that takes others in -> those; read before they move)."""
    into = {statement: target for target, statements in moving.items() for statement in (target, *statements)}
    spread: dict[tuple[str, str], set[str]] = defaultdict(set)
    for speaker_id, statement in sql.rows_in(
            "SELECT DISTINCT speaker_id, statement_id FROM quote_links WHERE statement_id IN ({})", sorted(into)):
        if speaker_id:
            spread[(speaker_id, into[statement])].add(statement)
    fewer: Counter[str] = Counter()
    for (speaker_id, _), statements in spread.items():
        fewer[speaker_id] += len(statements) - 1
    return fewer


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
        matches = _stored_matches(sql, {link: sorted(keys[link].items()) for link in sorted(ids)})
        for link in sorted(ids):
            for other in sorted(matches.get(link, set()) & ids):
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

def _block_state(sql: Sql, block: str, stored: str | None, dirty: bool, adding: BlockAdditions | None,
                 ) -> tuple[BlockState, str | None]:
    """What the store holds of a speaker block, as `identity_rules.decide` needs it, and the digest
    its open decisions were last made with: the stored summary (its `block_state` value) plus the
    batch's new rows, or (a block that lost rows, or has no summary stored) aggregated from all its rows."""
    before, state = read_stored(stored)
    if dirty or state is None:
        return aggregate(sql, block), before
    return (adding.apply(state) if adding else state), before


def _resolve_blocks(sql: Sql, blocks: set[str], dirty: set[str], people: set[str],
                    adding: dict[str, BlockAdditions],
                    ) -> tuple[dict[str, str], dict[str, tuple[str, list[int]]], set[str]]:
    """Decide the open mentions of each touched block; the identities to count again (with their
    block: one lost or changed a quotation), those that only gained quotations (with their block
    and these quotations) and the statements whose members' speaker changed."""
    recount: dict[str, str] = {}
    added: dict[str, tuple[str, list[int]]] = {}
    touched: set[str] = set()
    columns = ("l.id, l.article_id, l.name, l.label, l.name_key, l.full_name, l.organisation, l.role_head, "
               "l.country, l.speaker_id, l.statement_id, l.settled, l.why")
    ordered = sorted(b for b in blocks if b)
    stored = dict(sql.rows_in("SELECT block, fingerprint FROM block_state WHERE block IN ({})", ordered))
    kept: list[tuple[str, str]] = []
    for block in ordered:
        if block.startswith("group:"):
            sql.run("UPDATE quote_links SET settled = 1 WHERE block = ? AND settled = 0", (block,))
            continue
        state, before = _block_state(sql, block, stored.get(block), block in dirty, adding.get(block))
        split = sorted(k for k in state.countries if len(state.strong(k)) >= 2)
        fingerprint = state.fingerprint()
        kept.append((block, stored_value(fingerprint, state)))
        # New quotations (settled 2) are decided; open ones (0) again only when what they depend on changed.
        params: list[Any] = [block]
        if block in dirty:
            where = "l.block = ?"
        elif before == fingerprint:
            where = "l.block = ? AND l.settled = 2"
        else:
            where = "l.block = ? AND (l.settled IN (0, 2)" + (
                f" OR l.name_key IN ({', '.join('?' for _ in split)}))" if split else ")")
            params.extend(split)
        rows = sql.rows(f"SELECT {columns} FROM quote_links AS l JOIN quotes AS q ON q.article_id = l.article_id "
                        f"AND q.position = l.position WHERE {where} ORDER BY l.article_id, l.position", params)
        article_keys = _article_keys(sql, block, sorted({r[1] for r in rows if not r[5]}))
        changed = []
        for link, article_id, name, label, key, full, organisation, head, country, old, statement, was, why in rows:
            facts = MentionFacts(key=key or "", full=bool(full), organisation=bool(organisation), role_head=head,
                                 country=country)
            decision = decide(name or "", label, facts, state, article_keys.get(article_id, Counter()),
                              lambda target, a=article_id: _article_country(sql, block, a, target, state))
            settled = int(decision.settled)
            if (decision.speaker_id, decision.reason, settled) != (old, why, was):
                changed.append((decision.speaker_id, decision.kind, decision.reason, settled, link))
            if decision.speaker_id != old:
                if statement:
                    touched.add(statement)
                if old:
                    recount[old] = block
                if decision.speaker_id:
                    added.setdefault(decision.speaker_id, (block, []))[1].append(link)
            elif old and decision.reason != why:
                recount[old] = block
        sql.many("UPDATE quote_links SET speaker_id = ?, kind = ?, why = ?, settled = ? WHERE id = ?", changed)
        if block in dirty:
            # Quotations gone: every identity of the block is counted again.
            for (speaker_id,) in sql.rows("SELECT id FROM speakers WHERE block = ?", (block,)):
                recount.setdefault(speaker_id, block)
        elif block in people:
            # A full name an article gives can become the name of an identity quoted only by surname.
            for (speaker_id,) in sql.rows(f"SELECT id FROM speakers WHERE block = ? AND {sql.instr}(name, ' ') = 0",
                                          (block,)):
                added.setdefault(speaker_id, (block, []))
    sql.many("DELETE FROM block_state WHERE block = ?", [(block,) for block, _ in kept])
    sql.many("INSERT INTO block_state (block, fingerprint) VALUES (?, ?)", kept)
    return recount, added, touched


def _article_keys(sql: Sql, block: str, article_ids: Sequence[str]) -> dict[str, Counter[str]]:
    """Per article, the full names of the block it names (entities and quoted speakers) and how often."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id, name, count in sql.rows_in(
            "SELECT article_id, name, mentions FROM block_people WHERE block = ? AND article_id IN ({})",
            article_ids, (block,)):
        found[article_id]["|".join(name_parts(name))] += count
    # Read by article (its few quotations), not through the block's index (all the block's quotations).
    for article_id, in_block, key in sql.rows_in(
            "SELECT article_id, block, name_key FROM quote_links WHERE full_name = 1 AND article_id IN ({})",
            article_ids):
        if in_block == block:
            found[article_id][key] += 1
    return found


def _article_country(sql: Sql, block: str, article_id: str, key: str, state: BlockState) -> str | None:
    """The country an article places a name in (of those the name is split by)."""
    strong = set(state.strong(key))
    # Read by article, as `_article_keys`.
    for country in sorted({country for in_block, name_key, country in sql.rows(
            "SELECT block, name_key, country FROM quote_links WHERE article_id = ? AND country IS NOT NULL",
            (article_id,)) if in_block == block and name_key == key}):
        if country in strong:
            return country
    return None
