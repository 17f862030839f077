"""Stored speaker identities and statements on a labelled corpus (issue 13): `python eval/speaker_identities.py`.

The corpus (`tests/fixtures/identities/corpus.json`) was written for this project by the session
that built the stored identities, before the scores were first measured: 33 short invented
articles from six outlets over two years, with name variants with and without accents, middle
initials, forms of address and titles, bare surnames, a father and son, a married couple, two
namesakes of different countries, organisations as speakers, a group word, and statements
syndicated (a wire story in two outlets) and partially quoted. Each gold quotation names its
identity and, where several articles report it, its statement group.

The articles are ingested with the whole analysis into a temporary SQLite store (as `newsgraph
ingest` does). A gold quotation is the stored quotation of its article whose text contains the
gold piece. Printed: pairwise identity precision and recall (gold quotations found; one with no
speaker identity, or a gold speaker of none, is a group of its own), role precision (the share of
the roles listed for identities holding gold quotations that the gold allows), and pairwise
statement grouping precision and recall.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "identities" / "corpus.json"


def pairwise(system: dict[int, str], gold: dict[int, str]) -> tuple[float, float, list, list]:
    """Precision and recall of "same group" over pairs of items, and the wrong and missed pairs."""
    items = sorted(gold)
    same_system = {p for p in combinations(items, 2) if system[p[0]] == system[p[1]]}
    same_gold = {p for p in combinations(items, 2) if gold[p[0]] == gold[p[1]]}
    both = same_system & same_gold
    precision = len(both) / len(same_system) if same_system else 1.0
    recall = len(both) / len(same_gold) if same_gold else 1.0
    return precision, recall, sorted(same_system - same_gold), sorted(same_gold - same_system)


def ingest(corpus: dict, db: Path) -> None:
    import newsgraph

    records = db.parent / "corpus.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for article in corpus["articles"]:
            fields = {k: article[k] for k in ("id", "url", "published", "headline", "text")}
            out.write(json.dumps(fields, ensure_ascii=False) + "\n")
    newsgraph.ingest_files([str(records)], db=str(db), workers=1)


def score(db: Path, corpus: dict) -> dict[str, object]:
    from newsgraph.resolve.speakers import fold
    from newsgraph.store import open_store

    items: list[tuple[str, str, str | None, str | None]] = []  # (article, piece, identity, group)
    system_speaker: dict[int, str] = {}
    system_statement: dict[int, str] = {}
    gold_speaker: dict[int, str] = {}
    gold_statement: dict[int, str] = {}
    missing: list[str] = []
    with open_store(str(db), readonly=True) as store:
        identities = {row.id: row for row in store.speaker_identities(limit=100000)}
        for article in corpus["articles"]:
            stored = store.get_article(article["id"])
            quotes = list(stored.article.quotes) if stored else []
            links = store.quote_identities([(article["id"], i) for i in range(len(quotes))])
            for piece, who, group in article["gold"]:
                index = len(items)
                items.append((article["id"], piece, who, group))
                found = [i for i, q in enumerate(quotes) if fold(piece) in fold(q.text)]
                if not found:
                    missing.append(f"{article['id']}: {piece}")
                    continue
                speaker_id, statement_id = links.get((article["id"], found[0]), (None, None))
                system_speaker[index] = speaker_id or f"none:{index}"
                system_statement[index] = statement_id or f"none:{index}"
                gold_speaker[index] = who or f"none:{index}"
                gold_statement[index] = group or f"own:{index}"
    id_p, id_r, wrong_ids, missed_ids = pairwise(system_speaker, gold_speaker)
    st_p, st_r, wrong_st, missed_st = pairwise(system_statement, gold_statement)
    # Role precision over the identities holding gold quotations (their majority gold identity).
    holders: dict[str, Counter[str]] = defaultdict(Counter)
    for index, speaker_id in system_speaker.items():
        if speaker_id in identities and not gold_speaker[index].startswith("none:"):
            holders[speaker_id][gold_speaker[index]] += 1
    listed = right = 0
    wrong_roles = []
    for speaker_id, counts in sorted(holders.items()):
        who = counts.most_common(1)[0][0]
        allowed = {fold(r) for r in corpus["roles"].get(who, [])}
        for spell in identities[speaker_id].roles:
            listed += 1
            if fold(spell.role) in allowed:
                right += 1
            else:
                wrong_roles.append(f"{who}: {spell.role}")
    show = lambda pairs: [(items[a][:2], items[b][:2]) for a, b in pairs]  # noqa: E731
    return {
        "gold quotations": len(items), "found": len(gold_speaker), "not found": missing,
        "identity precision": round(id_p, 3), "identity recall": round(id_r, 3),
        "role precision": round(right / listed, 3) if listed else 1.0, "roles listed": listed,
        "statement precision": round(st_p, 3), "statement recall": round(st_r, 3),
        "wrong identity pairs": show(wrong_ids), "missed identity pairs": show(missed_ids),
        "roles not in gold": wrong_roles,
        "wrong statement pairs": show(wrong_st), "missed statement pairs": show(missed_st),
    }


def run(corpus_path: Path = CORPUS) -> dict[str, object]:
    corpus = json.loads(corpus_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "identities.db"
        ingest(corpus, db)
        return score(db, corpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    result = run(args.corpus)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
