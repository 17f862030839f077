"""A speaker block's summary (`identity_rules.BlockState`), kept with the block and brought up to
date from each batch's new rows instead of aggregated again from the block's whole history.

The summary is made of counts, sets and distinct counts over the block's `quote_links` rows of a
full name and its `block_people` rows: adding a batch's new rows to the stored summary gives what
aggregating all of them gives. Both tables are only added to by `store.identities` (which brings
the summaries of the blocks it adds to up to date in the same transaction); a row deleted marks its
block in `identity_dirty` (a trigger), and a marked block, or one with no summary stored (a store
from before summaries, or emptied by a migration), is aggregated again from all its rows.

The summary is kept in `block_state.fingerprint` beside the digest the rows' decisions were made
with: a JSON object {"fingerprint": digest, "summary": ...}; a row holding the digest alone (written
before summaries) still gives its digest.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsgraph.resolve.identity_rules import BlockState
from newsgraph.resolve.speakers import name_parts

__all__ = ["BlockAdditions", "aggregate", "additions", "read_stored", "stored_value"]



@dataclass
class BlockAdditions:
    """What a batch's new rows add to one block's summary."""

    name_counts: Counter[str] = field(default_factory=Counter)  # full key -> new quotations of it
    known: set[str] = field(default_factory=set)  # full keys of new quotations tagged PERSON
    heads: set[tuple[str, str]] = field(default_factory=set)  # (full key, role head) of new quotations
    places: set[tuple[str, str, str]] = field(default_factory=set)  # (full key, country, article) new to the block
    people: list[tuple[str, int]] = field(default_factory=list)  # (name, mentions) of new block_people rows

    def apply(self, state: BlockState) -> BlockState:
        for key, count in self.name_counts.items():
            state.weights[key] += 2 * count  # as `aggregate`
        state.known.update(self.known)
        for key, head in self.heads:
            state.heads.setdefault(key, set()).add(head)
        for key, country, _ in self.places:
            found = state.countries.setdefault(key, {})
            found[country] = found.get(country, 0) + 1
        for name, mentions in self.people:
            key = "|".join(name_parts(name))
            state.weights[key] += mentions
            state.articles[key] += 1
            state.known.add(key)
        return state


def aggregate(sql: Any, block: str) -> BlockState:
    """A block's summary from all its rows (the cost grows with the block's full-name quotations)."""
    state = BlockState()
    for key, count in sql.rows("SELECT name_key, count(*) FROM quote_links WHERE block = ? AND full_name = 1 "
                               "GROUP BY name_key", (block,)):
        state.weights[key] += 2 * count  # as `resolve_speakers`: a quotation and its article's mention
    for name, count, articles in sql.rows("SELECT name, sum(mentions), count(*) FROM block_people WHERE block = ? "
                                          "GROUP BY name", (block,)):
        key = "|".join(name_parts(name))
        state.weights[key] += count
        state.articles[key] += articles
        state.known.add(key)
    for (key,) in sql.rows("SELECT DISTINCT name_key FROM quote_links WHERE block = ? AND full_name = 1 "
                           "AND label = 'PERSON'", (block,)):
        state.known.add(key)
    for key, head in sql.rows("SELECT DISTINCT name_key, role_head FROM quote_links WHERE block = ? AND full_name = 1 "
                              "AND role_head IS NOT NULL", (block,)):
        state.heads.setdefault(key, set()).add(head)
    for key, country, articles in sql.rows(
            "SELECT name_key, country, count(DISTINCT article_id) FROM quote_links WHERE block = ? AND full_name = 1 "
            "AND country IS NOT NULL GROUP BY name_key, country", (block,)):
        state.countries.setdefault(key, {})[country] = articles
    return state


def additions(sql: Any, links: Iterable[tuple[int, str, str, str | None, str, bool, str | None, str | None]],
              people: Iterable[tuple[str, str, str, int]]) -> dict[str, BlockAdditions]:
    """Per block, what these new rows add: `links` (link id, article, block, label, name key, full
    name, role head, country) of new `quote_links` rows, `people` (block, article, name, mentions)
    of new `block_people` rows."""
    found: dict[str, BlockAdditions] = {}
    links = [row for row in links if row[5]]
    new_ids = {row[0] for row in links}
    placed = sorted({row[1] for row in links if row[7] is not None})
    # A country is counted once per article: one an older quotation of the article already places
    # the name in is not new to the block.
    seen = {(block, key, country, article) for link, article, block, key, country in sql.rows_in(
        "SELECT id, article_id, block, name_key, country FROM quote_links WHERE article_id IN ({}) "
        "AND full_name = 1 AND country IS NOT NULL", placed) if link not in new_ids}
    for _, article, block, label, key, _, head, country in links:
        adding = found.setdefault(block, BlockAdditions())
        adding.name_counts[key] += 1
        if label == "PERSON":
            adding.known.add(key)
        if head is not None:
            adding.heads.add((key, head))
        if country is not None and (block, key, country, article) not in seen:
            adding.places.add((key, country, article))
    for block, _, name, mentions in people:
        found.setdefault(block, BlockAdditions()).people.append((name, mentions))
    return found


def read_stored(value: str | None) -> tuple[str | None, BlockState | None]:
    """(digest, summary) of a `block_state.fingerprint` value; no summary in a digest alone."""
    if value is None:
        return None, None
    if not value.startswith("{"):
        return value, None
    data = json.loads(value)
    kept = data["summary"]
    state = BlockState()
    state.weights.update(kept["weights"])
    state.articles.update(kept["articles"])
    state.heads = {k: set(v) for k, v in kept["heads"].items()}
    state.countries = {k: dict(v) for k, v in kept["countries"].items()}
    state.known = set(kept["known"])
    return data["fingerprint"], state


def stored_value(fingerprint: str, state: BlockState) -> str:
    """The `block_state.fingerprint` value keeping this digest and the summary it was made from."""
    return json.dumps({"fingerprint": fingerprint, "summary": {
        "weights": dict(sorted(state.weights.items())), "articles": dict(sorted(state.articles.items())),
        "heads": {k: sorted(v) for k, v in sorted(state.heads.items())},
        "countries": {k: dict(sorted(v.items())) for k, v in sorted(state.countries.items())},
        "known": sorted(state.known)}}, separators=(",", ":"))
