"""The most recently stored matches of a search, found newest slice first (PostgreSQL).

A search ranks the most recently stored `SEARCH_WINDOW` matches (as on SQLite). Found through
the tsvector's GIN index alone, a common word (77,000 matches in 100,000 articles) or a phrase
of common words reads every match's row (a phrase also its whole tsvector, to check the words
are adjacent) before the newest are kept: 50-80 ms for a word, up to 450 ms for a phrase.

So a second GIN index (migration 0014, `newsgraph_search_terms`) holds, for each article, its
words, each pair of adjacent words as one term (`' said the'`: a two-word phrase is one posting
list, no position check) and the slice of `seq` the article is in (`'  24'`: seqs 98,304 to
102,399). A space starts no word, so a prefix (`dock*`) matches words only, as it does in
search_vector, not the pairs they begin. A search's words are turned into such terms (`candidates`)
and looked up slice by slice, newest first (two slices, then as many as the matches per slice
found so far say are needed), until the window is full: the rows read are about the matches kept.

Where the terms are only a superset of the matches (a phrase of three words or more, a word
the parser splits, a column filter, which the terms carry no weights for), each candidate is
checked with the query itself. A query with NOT, or with a term of no words, is left to the
whole-index path (`None`).
"""

from __future__ import annotations

import math
from typing import Any

from newsgraph.store.postgresql.tsquery import ARTICLE_WEIGHTS, quoted, render
from newsgraph.store.search_syntax import SearchToken, parse_search

__all__ = ["SEARCH_TERMS", "SLICE", "recent_matches"]

SLICE = 4096  # seqs per slice term
# Slices looked up at first, newest first; then as many as the matches found so far say the
# window needs (with a margin), four times as many while none is found; the rest at once where
# more than _MAX_STEP would be needed.
_FIRST_STEP, _GROWTH, _MAX_STEP, _MARGIN = 2, 4, 16, 1.25
_TERMS = "newsgraph_search_terms(a.headline, a.text, a.seq)"

# Migration 0014. The article's tsvector is made as the search_vector column makes it (so word
# positions, and which words are adjacent, are the same). `SET search_path FROM CURRENT` binds
# the text search configuration to the schema the store was made in.
SEARCH_TERMS = (
    f"""CREATE FUNCTION newsgraph_search_terms(headline text, body text, seq bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
SELECT strip(v)
    || coalesce((SELECT array_to_tsvector(array_agg(DISTINCT ' ' || a.lexeme || ' ' || b.lexeme))
                 FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(v)) AS a
                 JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(v)) AS b ON b.p = a.p + 1), ''::tsvector)
    || array_to_tsvector(ARRAY['  ' || (seq / {SLICE})::text])
FROM (SELECT setweight(to_tsvector('newsgraph', coalesce(headline, '')), 'A')
             || setweight(to_tsvector('newsgraph', coalesce(body, '')), 'B') AS v) AS s
$$""",
    f"CREATE INDEX articles_search_terms ON articles USING GIN ({_TERMS.replace('a.', '')})",
)


def candidates(conn: Any, text: str) -> tuple[str, bool] | None:
    """tsquery text over the search terms that every match of `text` matches, and whether
    exactly the matches do; None where the whole-index path answers (NOT, a term of no words)."""
    tokens = parse_search(text)
    if not tokens or any(t.kind == "op" and t.text == "NOT" for t in tokens):
        return None
    terms = sorted({t.text for t in tokens if t.kind == "term"})
    words: dict[str, dict[int, str]] = {term: {} for term in terms}
    for term, lexeme, positions in conn.execute(
            "SELECT t.term, x.lexeme, x.positions FROM unnest(%s::text[]) AS t (term), "
            "unnest(to_tsvector('newsgraph', t.term)) AS x", (terms,)):
        for position in positions:
            words[term][position] = lexeme
    if not all(words.values()):
        return None
    exact = not any(t.kind == "column" for t in tokens)

    def literal(token: SearchToken, weight: str | None) -> str:
        nonlocal exact
        found = words[token.text]
        order = [found[p] for p in sorted(found)]
        if len(order) == 1:
            return quoted(order[0]) + (":*" if token.prefix else "")
        if token.prefix or len(order) > 2 or len(found) != max(found) - min(found) + 1:
            exact = False
        if token.prefix:
            return "(" + " & ".join([*map(quoted, order[:-1]), quoted(order[-1]) + ":*"]) + ")"
        pairs = sorted({f" {found[p]} {found[p + 1]}" for p in found if p + 1 in found})
        return "(" + " & ".join(map(quoted, pairs or order)) + ")"

    return render(tokens, ARTICLE_WEIGHTS, literal), exact


def recent_matches(conn: Any, text: str, match: str, window: int) -> list[int] | None:
    """The seqs of the newest `window` articles matching the search (`match`: its tsquery text),
    newest first; None where the whole-index path must answer."""
    found = candidates(conn, text)
    if found is None:
        return None
    terms, exact = found
    # The newest seq (through the seq index), and then only bitmap scans, for these lookups and
    # the ranking after them: a plain index scan of seq, newest first, would test each row by
    # making its search terms again (as would a scan of the table). A bitmap past work_mem turns
    # lossy, and a lossy page's rows are tested by making their terms again (1.7 ms a row): room
    # for a prefix's matches in a few million articles. One round trip for the four.
    top = conn.execute("SELECT (SELECT max(seq) FROM articles), set_config('enable_seqscan', 'off', true), "
                       "set_config('enable_indexscan', 'off', true), set_config('work_mem', '64MB', true)").fetchone()[0]
    if top is None:
        return []
    # The check is a filter on the candidates' rows, never a second index scan: ANDed with
    # search_vector's own index (`s` of `ukraine's` matches 40,000 articles) its bitmap is
    # rechecked row by row, the search terms made again for each (1.7 ms a row: 6 s a search).
    check = "" if exact else " AND coalesce(a.search_vector @@ to_tsquery('newsgraph', %s), false)"
    seqs: list[int] = []
    newest = below = top // SLICE + 1  # the slices below `below` are not read yet
    size: int | None = _FIRST_STEP
    while True:
        last = size is None or below - size <= 0  # the rest at once
        if last:
            # (`seq + 0`: not a range of the seq index, whose rows would each be tested as above)
            where, params = f"{_TERMS} @@ %s::tsquery AND a.seq + 0 < %s", [terms, below * SLICE]
        else:
            slices = " | ".join(f"'  {n}'" for n in range(below - 1, below - size - 1, -1))
            where, params = f"{_TERMS} @@ %s::tsquery", [f"({terms}) & ({slices})"]
        rows = conn.execute(f"SELECT a.seq FROM articles AS a WHERE {where}{check} ORDER BY a.seq DESC LIMIT %s",
                            [*params, *([] if exact else [match]), window - len(seqs)],
                            prepare=False).fetchall()  # planned for its terms: a generic plan may test every row
        seqs.extend(row[0] for row in rows)
        if last or len(seqs) >= window:
            break
        below -= size
        size = _next_step(len(seqs), newest - below, window, size)
    return seqs


def _next_step(found: int, read: int, window: int, size: int) -> int | None:
    """How many slices the next lookup reads, from the matches per slice so far: each slice's
    term lists every article in it, so a slice read beyond the window is 4,096 postings for
    nothing (sixteen of them 17-28 ms at 100,000 articles). None: the rest at once."""
    wanted = size * _GROWTH if found == 0 else max(1, math.ceil((window - found) / (found / read) * _MARGIN))
    # A lookup of many slices is an OR of as many terms, tested for each posting (sixteen: 17-28 ms,
    # two hundred: seconds); past that the rest is read at once, by the search's own terms.
    return wanted if wanted <= _MAX_STEP else None
