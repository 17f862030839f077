"""Speaker identities on PolNeAR ingested into one database: `python eval/polnear_identities.py --split dev`.

Reads `../shared/data/polnear/{split}/text/*.txt` in place (never copied), with each article's
publication date and publisher from `metadata.tsv` (the publisher becomes the outlet: the records
get a URL on a made-up host per publisher, since the store takes an outlet from the URL), ingests
them with the whole analysis into a temporary SQLite store, and prints the most quoted identities
with their roles, name forms and why the forms were merged, as Markdown (`--output FILE` writes
it there). Merge errors are counted by reading that list.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import shared_data_dir  # noqa: E402


def records(split: str, limit: int | None = None) -> list[dict]:
    root = shared_data_dir() / "polnear"
    meta = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[row["filename"]] = row
    found = []
    for path in sorted((root / split / "text").glob("*.txt"))[:limit]:
        row = meta.get(path.stem, {})
        publisher = row.get("publisher") or "unknown"
        found.append({"id": path.stem, "url": f"https://{publisher}.polnear.example/{path.stem}",
                      "published": row.get("publication_date") or None, "text": path.read_text(encoding="utf-8")})
    return found


def ingest(split: str, db: Path, limit: int | None = None) -> None:
    import newsgraph

    jsonl = db.parent / f"polnear_{split}.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for record in records(split, limit):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    newsgraph.ingest_files([str(jsonl)], db=str(db), workers=1, engine="serial")


def top_listing(db: Path, count: int) -> str:
    from newsgraph.store import open_store

    lines = ["| # | identity | kind | quotes | statements | articles | outlets | roles | name forms | why merged |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    with open_store(str(db), readonly=True) as store:
        for rank, row in enumerate(store.speaker_identities(limit=count), start=1):
            roles = "; ".join(f"{s.role}{', ' + s.affiliation if s.affiliation else ''} ({s.first}..{s.last})"
                              for s in row.roles)
            cell = lambda items: "; ".join(items).replace("|", "/")  # noqa: E731
            lines.append(f"| {rank} | {row.name} | {row.kind} | {row.quotes} | {row.statements} | {row.articles} | "
                         f"{row.outlets} | {cell([roles]) or '-'} | {cell(row.aliases)} | {cell(row.why) or '-'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None, help="keep the database here (default: a temporary one)")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()
    if not (shared_data_dir() / "polnear").exists():
        sys.exit("../shared/data/polnear is absent")
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "polnear.db"
        if not db.exists():
            ingest(args.split, db, args.limit)
        text = top_listing(db, args.top)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
