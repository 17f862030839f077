"""An identity's `speakers` row, kept up to date from the quotations a batch gives it.

Each row keeps, in its `tally` column, what its summary is made from: the name forms it is quoted
with (with counts), its roles with the first and last day each is seen, its affiliations (with
counts), the outlets it is quoted in, the reasons its mentions joined it, and the first and last
day it is quoted; its `quotes`, `articles` and `statements` columns are counts. A batch that only
adds quotations to an identity (the common case) adds their share to the tally: the cost grows
with the batch, not with the identity. An identity that lost or changed quotations (a mention
decided again, a statement merged or regrouped, an article gone) is counted again from all its
quotations, as is a row written before the tally existed.

Both paths give the same row: the tally's lists are read in the order SQLite's GROUP BY and
ORDER BY give (binary text order, NULL first).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from newsgraph.resolve.identity_rules import summarise_roles
from newsgraph.resolve.speakers import _canonical, _display_name, fold, name_parts

__all__ = ["write_identities"]

_LINK_FACTS = ("SELECT l.id, l.speaker_id, l.article_id, l.statement_id, l.name, l.kind, l.name_key, l.full_name, "
               "l.said_on, l.role, l.affiliation, l.why, CASE WHEN q.speaker_name IS NULL THEN q.speaker_text END, "
               "a.site FROM quote_links AS l JOIN quotes AS q ON q.article_id = l.article_id "
               "AND q.position = l.position JOIN articles AS a ON a.id = l.article_id ")


def _order(values: Sequence[Any]) -> tuple:
    """SQLite's order of a row: NULL before any value, text by code point."""
    return tuple((v is not None, v if v is not None else "") for v in values)


def _empty() -> dict[str, Any]:
    return {"names": {}, "roles": {}, "affiliations": {}, "outlets": [], "why": [], "first": None, "last": None}


def _low(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _high(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def _load(stored: str | None) -> dict[str, Any]:
    data = json.loads(stored)
    data["names"] = {tuple(k): n for *k, n in data["names"]}
    data["roles"] = {(r, a): [f, l] for r, a, f, l in data["roles"]}
    data["affiliations"] = dict(data["affiliations"])
    data["why"] = [tuple(w) for w in data["why"]]
    return data


def _dump(tally: dict[str, Any]) -> str:
    return json.dumps({
        "names": [[*k, n] for k, n in sorted(tally["names"].items(), key=lambda kv: _order(kv[0]))],
        "roles": [[r, a, f, l] for (r, a), (f, l) in sorted(tally["roles"].items(), key=lambda kv: _order(kv[0]))],
        "affiliations": sorted(tally["affiliations"].items()),
        "outlets": sorted(tally["outlets"]),
        "why": sorted(set(tally["why"]), key=_order),
        "first": tally["first"], "last": tally["last"]})


def _add(tally: dict[str, Any], row: Sequence[Any]) -> None:
    """One quotation's share (a `_LINK_FACTS` row)."""
    _, _, _, _, name, kind, key, full, said, role, affiliation, why, written, site = row
    names = tally["names"]
    names[(name, kind, key, full)] = names.get((name, kind, key, full), 0) + 1
    if role is not None:
        spell = tally["roles"].setdefault((role, affiliation), [None, None])
        spell[0], spell[1] = _low(spell[0], said), _high(spell[1], said)
    if affiliation is not None:
        tally["affiliations"][affiliation] = tally["affiliations"].get(affiliation, 0) + 1
    if site is not None and site not in tally["outlets"]:
        tally["outlets"].append(site)
    if (name, why, written) not in tally["why"]:
        tally["why"].append((name, why, written))
    tally["first"], tally["last"] = _low(tally["first"], said), _high(tally["last"], said)


def _counted(sql: Any, speaker_id: str) -> tuple[dict[str, Any], int, int, int]:
    """An identity's tally and counts (quotes, articles, statements) from all its quotations."""
    tally = _empty()
    for name, kind, key, full, count in sql.rows(
            "SELECT name, kind, name_key, full_name, count(*) FROM quote_links WHERE speaker_id = ? "
            "GROUP BY name, kind, name_key, full_name", (speaker_id,)):
        tally["names"][(name, kind, key, full)] = count
    quotes, articles, statements, first, last = sql.rows(
        "SELECT count(*), count(DISTINCT article_id), count(DISTINCT statement_id), min(said_on), max(said_on) "
        "FROM quote_links WHERE speaker_id = ?", (speaker_id,))[0]
    tally["first"], tally["last"] = first, last
    tally["outlets"] = [s for (s,) in sql.rows(
        "SELECT DISTINCT a.site FROM quote_links AS l JOIN articles AS a ON a.id = l.article_id "
        "WHERE l.speaker_id = ? AND a.site IS NOT NULL", (speaker_id,))]
    for role, affiliation, first, last in sql.rows(
            "SELECT role, affiliation, min(said_on), max(said_on) FROM quote_links WHERE speaker_id = ? "
            "AND role IS NOT NULL GROUP BY role, affiliation", (speaker_id,)):
        tally["roles"][(role, affiliation)] = [first, last]
    tally["affiliations"] = dict(sql.rows(
        "SELECT affiliation, count(*) FROM quote_links WHERE speaker_id = ? AND affiliation IS NOT NULL "
        "GROUP BY affiliation", (speaker_id,)))
    tally["why"] = [tuple(r) for r in sql.rows(
        "SELECT DISTINCT l.name, l.why, CASE WHEN q.speaker_name IS NULL THEN q.speaker_text END "
        "FROM quote_links AS l JOIN quotes AS q ON q.article_id = l.article_id AND q.position = l.position "
        "WHERE l.speaker_id = ?", (speaker_id,))]
    return tally, quotes, articles, statements


def write_identities(sql: Any, recount: Mapping[str, str], added: Mapping[str, tuple[str, Iterable[int]]]) -> None:
    """Write the `speakers` rows of these identities. `recount`: identity -> block, counted again
    from all its quotations. `added`: identity -> (block, the quotations this batch gave it; none:
    only its name may change); every other quotation of it is as the row last counted it."""
    adding = {s: (b, set(links)) for s, (b, links) in added.items() if s not in recount}
    recount = dict(recount)
    stored = {s: (q, a, st, t) for s, q, a, st, t in sql.rows_in(
        "SELECT id, quotes, articles, statements, tally FROM speakers WHERE id IN ({})", sorted(adding))}
    for speaker_id, (block, links) in list(adding.items()):
        if speaker_id in stored and stored[speaker_id][3] is None:  # a row from before the tally
            recount[speaker_id] = block
            del adding[speaker_id]
    links = sorted({link for _, found in adding.values() for link in found})
    facts = sql.rows_in(_LINK_FACTS + "WHERE l.id IN ({})", links)
    # What else is stored in the articles and statements of the new quotations: is each new to its identity?
    seen_articles = {(s, a) for i, a, s in sql.rows_in("SELECT id, article_id, speaker_id FROM quote_links "
                                                      "WHERE article_id IN ({})", sorted({r[2] for r in facts}))
                     if s in adding and i not in adding[s][1]}
    seen_statements = {(s, st) for i, st, s in sql.rows_in(
        "SELECT id, statement_id, speaker_id FROM quote_links WHERE statement_id IN ({})",
        sorted({r[3] for r in facts if r[3]})) if s in adding and i not in adding[s][1]}
    by_speaker: dict[str, list[tuple]] = defaultdict(list)
    for row in facts:
        if row[1] in adding and row[0] in adding[row[1]][1]:
            by_speaker[row[1]].append(row)
    for speaker_id, (block, _) in sorted(adding.items()):
        quotes, articles, statements, stored_tally = stored.get(speaker_id, (0, 0, 0, None))
        tally = _load(stored_tally) if stored_tally else _empty()
        rows = by_speaker.get(speaker_id, [])
        for row in rows:
            _add(tally, row)
        new_articles = {r[2] for r in rows if (speaker_id, r[2]) not in seen_articles}
        new_statements = {r[3] for r in rows if r[3] and (speaker_id, r[3]) not in seen_statements}
        _store(sql, speaker_id, block, tally, quotes + len(rows), articles + len(new_articles),
               statements + len(new_statements))
    for speaker_id, block in sorted(recount.items()):
        _store(sql, speaker_id, block, *_counted(sql, speaker_id))


def _store(sql: Any, speaker_id: str, block: str, tally: dict[str, Any], quotes: int, articles: int,
           statements: int) -> None:
    """The `speakers` row of an identity from its tally (no quotation: the row goes)."""
    sql.run("DELETE FROM speakers WHERE id = ?", (speaker_id,))
    if not quotes:
        return
    names = sorted(tally["names"].items(), key=lambda kv: _order(kv[0]))
    forms: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    for (name, _, key, full), count in names:
        forms[(name or "").strip()] += count
        if full:
            keys[key] += count
    kind = names[0][0][1] or "person"
    roles = summarise_roles((r, a, f, l) for (r, a), (f, l) in sorted(tally["roles"].items(),
                                                                      key=lambda kv: _order(kv[0]))) \
        if kind == "person" else ()
    affiliations = [a for a, _ in sorted(tally["affiliations"].items(), key=lambda kv: (-kv[1], kv[0]))] \
        if kind == "person" else []
    canonical = _canonical(forms)
    if kind == "organisation":
        canonical = canonical[4:] if canonical.lower().startswith("the ") and len(canonical) > 4 else canonical
    elif len(canonical.split()) == 1 and keys:
        key = keys.most_common(1)[0][0]
        spellings = Counter({_display_name(n): c for n, c in sql.rows(
            "SELECT name, sum(mentions) FROM block_people WHERE block = ? GROUP BY name", (block,))
            if "|".join(name_parts(n)) == key})
        canonical = _canonical(spellings) if spellings else canonical
    why = []
    for name, reason, written in sorted(set(tally["why"]), key=_order):
        if written:
            why.append(f"{written.strip()!r}: the only {fold(written).split()[-1]} its article names ({name})")
        elif name and name.strip() != canonical and reason:
            why.append(f"{name.strip()!r}: {reason}")
    aliases = sorted(forms)
    search = "\n".join(dict.fromkeys(fold(n) for n in (canonical, *aliases)))
    sql.run("INSERT INTO speakers (id, block, name, kind, aliases, roles, affiliations, why, search_names, quotes, "
            "statements, articles, outlets, first, last, tally) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (speaker_id, block, canonical, kind, json.dumps(aliases), json.dumps([asdict(r) for r in roles]),
             json.dumps(affiliations), json.dumps(list(dict.fromkeys(why))), search, quotes, statements, articles,
             len(tally["outlets"]), tally["first"], tally["last"], _dump(tally)))
