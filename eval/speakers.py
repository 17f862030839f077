"""Speaker identities across articles (issue 13), measured two ways.

`python eval/speakers.py` ingests the labelled corpus `eval/speakers_corpus.py` (32 invented
articles, six outlets, two years) into a temporary database with analysis, then scores the
store's identities against the gold: pairwise identity precision and recall over the gold
quotes the analysis attributed to a named speaker (a gold quote is found by a piece of its
text inside a stored quote of its article), the share of listed roles that are roles the
gold allows for that identity, and whether every identity's first/last dates are
days no later than its last article and within a year before its first.

`python eval/speakers.py --listing FILE [FILE ...]` reads `newsgraph speakers --json -n 100000`
output (any version) and counts what an analyst notices: identities that duplicate another
(the same first and last name once titles, middle names and accents are dropped, or the
same organisation name less "the"; a bare surname shared by exactly one full-name identity), listed roles that are a form of address,
a number, a clause (a relative pronoun or over six words) or hold no office noun, and
first/last values that are not a day.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speakers_corpus import ARTICLES, GOLD_ROLES, HELDOUT, HELDOUT_ROLES  # noqa: E402

from newsgraph.resolve.speakers import fold, name_parts, organisation_key, speaker_kind  # noqa: E402
from newsgraph.resolve.speakers_lexicon import HONORIFICS, OFFICE_NOUNS, TITLE_EXPANSIONS  # noqa: E402


def pairwise(system: dict[int, str], gold: dict[int, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering of the same items."""
    same_system = {pair for pair in combinations(sorted(system), 2) if system[pair[0]] == system[pair[1]]}
    same_gold = {pair for pair in combinations(sorted(gold), 2) if gold[pair[0]] == gold[pair[1]]}
    both = same_system & same_gold
    precision = len(both) / len(same_system) if same_system else 1.0
    recall = len(both) / len(same_gold) if same_gold else 1.0
    return precision, recall


def score_corpus(articles: list[dict], gold_roles: dict[str, set[str]]) -> dict[str, object]:
    from newsgraph import ingest_files
    from newsgraph.store.sqlite.listings import speaker_identities

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "speakers.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for article in articles:
                record = {k: article[k] for k in ("id", "url", "published", "headline", "text")}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        db = Path(folder) / "speakers.db"
        ingest_files([source], db=db)
        conn = sqlite3.connect(db)
        keys, identities = speaker_identities(conn)
        texts = {(a, p): t for a, p, t in conn.execute("SELECT article_id, position, text FROM quotes")}
        published = {a: p for a, p in conn.execute("SELECT id, published FROM articles")}
        conn.close()
    identity_of = {keys[m]: identity for identity in identities for m in identity.mentions}
    system: dict[int, str] = {}
    gold: dict[int, str] = {}
    gold_by_identity: dict[str, Counter[str]] = defaultdict(Counter)
    missing = []
    item = 0
    for article in articles:
        for piece, who in article["gold"]:
            found = [key for key in identity_of if key[0] == article["id"] and piece in texts[key]]
            if not found:
                missing.append((article["id"], piece))
                continue
            identity = identity_of[found[0]]
            system[item], gold[item] = identity.id, who
            gold_by_identity[identity.id][who] += 1
            item += 1
    precision, recall = pairwise(system, gold)
    listed = right = 0
    wrong_roles = []
    for identity in identities:
        if identity.id not in gold_by_identity:
            continue
        who = gold_by_identity[identity.id].most_common(1)[0][0]
        for spell in identity.roles:
            listed += 1
            if fold(spell.role) in gold_roles[who]:
                right += 1
            else:
                wrong_roles.append((identity.name, spell.role))
    bad_dates = []
    for identity in identities:
        days = sorted(published[keys[m][0]][:10] for m in identity.mentions)
        earliest = (date.fromisoformat(days[0]) - timedelta(days=366)).isoformat()
        if not all(d and len(d) == 10 and earliest <= d <= days[-1] for d in (identity.first, identity.last)):
            bad_dates.append((identity.name, identity.first, identity.last))
    return {
        "gold quotes": sum(len(a["gold"]) for a in articles), "attributed": item, "not attributed": missing,
        "identity precision": round(precision, 3), "identity recall": round(recall, 3),
        "roles listed": listed, "role precision": round(right / listed, 3) if listed else None,
        "roles not in gold": wrong_roles, "identities with a first/last that is no day within a year before their articles": bad_dates,
        "identities": [(i.name, i.quotes, i.aliases) for i in identities],
    }


def _office_word(word: str) -> bool:
    key = fold(word).strip(".,")
    key = fold(TITLE_EXPANSIONS.get(key, key))
    return key in OFFICE_NOUNS or key.removesuffix("s") in OFFICE_NOUNS


def count_listing(rows: list[dict]) -> dict[str, object]:
    full: dict[tuple[str, ...], list[str]] = defaultdict(list)
    bare: list[str] = []
    for row in rows:
        kind = row.get("kind") or speaker_kind(row["name"])
        if kind == "organisation":
            full[("organisation", organisation_key(row["name"]))].append(row["name"])
        if kind != "person":
            continue
        key = name_parts(row["name"])
        (full[key] if len(key) > 1 else bare).append(row["name"])
    surnames = Counter(key[1] for key in full if len(key) == 2 and key[0] != "organisation")
    duplicates = [names for names in full.values() if len(names) > 1]
    bare_duplicates = [name for name in bare if surnames[name_parts(name)[0]] == 1]
    bare_open = [name for name in bare if surnames[name_parts(name)[0]] > 1]
    flags: Counter[str] = Counter()
    for row in rows:
        for role in row["roles"]:
            words = role.split()
            if fold(role).strip(".") in HONORIFICS | {"rev"}:
                flags["form of address"] += 1
            elif any(c.isdigit() for c in role):
                flags["number"] += 1
            elif len(words) > 6 or {"who", "which", "that", "whom", "whose"} & {fold(w) for w in words}:
                flags["clause"] += 1
            elif not any(_office_word(w) for w in words):
                flags["no office noun"] += 1
    dates = Counter("null" if row[k] is None else "day" if len(row[k]) >= 10 else "not a day"
                    for row in rows for k in ("first", "last"))
    return {
        "identities": len(rows), "same-name duplicates": sum(len(n) - 1 for n in duplicates),
        "duplicate groups": duplicates, "bare surnames of one full name": bare_duplicates,
        "bare surnames of several": bare_open,
        "roles listed": sum(len(row["roles"]) for row in rows), "roles flagged": dict(flags),
        "roles flagged total": sum(flags.values()), "first/last": dict(dates),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("tuned", "heldout"), default="tuned",
                        help="the 32 articles the rules were tuned on, or the 12 written after and scored untouched")
    parser.add_argument("--listing", nargs="+", type=Path, help="speakers --json files to count instead")
    args = parser.parse_args()
    if args.listing:
        for path in args.listing:
            print(path, json.dumps(count_listing(json.loads(path.read_text(encoding="utf-8"))), indent=1,
                                   ensure_ascii=False))
        return
    chosen = (ARTICLES, GOLD_ROLES) if args.set == "tuned" else (HELDOUT, HELDOUT_ROLES)
    print(json.dumps(score_corpus(*chosen), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
