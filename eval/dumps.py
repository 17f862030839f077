"""Raw scraped dumps (../shared/data/dumps_dev): the scorer's table per style, and a style split.

The 84 dumps come in 12 site styles, 7 each. The styles are a sample of what
real sites print, not the target, so the rules are tuned on one half of the
styles and measured on the other. The halves are fixed by a hash of the style
names alone (sorted by sha256 of the name, first six = A), chosen before any
dump was read:

    A: blog_ordinal, mobile_numeric, asia_wire_kst, us_cable, relative_dayfirst, us_tabloid
    B: uk_broadcaster, gmt_portal, south_asia_ist, euro_weekday, email_digest, reader_markdown

A was tuned on first. B was scored untouched (headline .881, published .976, body F1
.976, junk leak .055, byline .762, reading .667: the held-out estimate) and only then
read and tuned on, so neither half is unseen any more.

    .venv/bin/python eval/dumps.py                 # all 84 in one folder (one site): table, ALL, A, B
    .venv/bin/python eval/dumps.py --half A        # only half A's figures (B's never printed)
    .venv/bin/python eval/dumps.py --half A --scope half
                                                   # half A's dumps extracted on their own

By default every dump is extracted together, as `newsgraph extract raw` does
(one folder, one site: the template evidence sees all styles mixed), and the
scores are split afterwards. `--scope half` extracts only the chosen half, so
nothing of the other half reaches even the unsupervised template evidence.
`--scope style` extracts each style's dumps in a folder of their own, as one
site's scrapes arrive: the template evidence (lines and line shapes repeated
across a site's documents) then comes from that style's own batch only, with no
rule written for it; `--no-templates` turns that learning off, so the two runs
give the batch mechanism's contribution per style.
Scores come from the data set's own `score.py`, run on the gold of each half.

    .venv/bin/python eval/dumps.py --scope style [--no-templates]
    .venv/bin/python eval/dumps.py --data tests/fixtures/dumps --half none --scope style

`tests/fixtures/dumps` holds four styles invented for issue 14 (forum, mailing list,
wire, magazine), written with their gold before the cleaner was first run on them:
with `--half none` only ALL and the per-style table are printed.

`tests/fixtures/dumps_heldout` holds five more invented styles (council e-newsletter,
football match report, press-release wire, one-person newsletter, regional paper with a
sponsored rail; 5 dumps each), written after both sets above had been tuned on, with gold
committed (8b4982b) before the cleaner was first run on them. Scored once untouched, at
13d19d0, they are the held-out figure for layouts never seen:

    .venv/bin/python eval/dumps.py --data tests/fixtures/dumps_heldout --half none --scope style
        headline .600, published 1.000, body F1 .908, junk leak .050, byline .400, reading 1.000
    (without --scope style, all 25 as one site: .560, 1.000, .879, .071, .400, 1.000)

Rules are written from the errors of the other sets, never from this set's lines; it is
re-scored only to report. Scored again at b1699c0, after the mechanisms of 87b6b47..b1699c0
(its errors not read): --scope style .800, 1.000, .933, .030, .400, 1.000; all in one
folder .760, 1.000, .903, .051, .400, 1.000. That second score is optimistic: the rules came
from the older sets' errors and from test pages written by the author of these styles.
Its misses were then read (issue 14's byline/headline work, 1e23141..65aa674): --scope style
1.000, 1.000, .973, .010, 1.000, 1.000, so it is no longer held out.

`tests/fixtures/dumps_heldout2` (public radio story, university news page; 4 dumps each) was
written after that and committed (b86da38) before the cleaner first ran on it. Its first score,
untouched, --scope style: headline 1.000, published 1.000, body F1 .913, junk leak .045, byline
.500, reading 1.000 (all 8 in one folder: 1.000, 1.000, .870, .071, .500, 1.000); after reading
its misses (1dacd8e) 1.000, 1.000, .966, .019, 1.000, 1.000.

    .venv/bin/python eval/dumps.py --data tests/fixtures/dumps_heldout2 --half none --scope style
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import shared_data_dir  # noqa: E402

from newsgraph.engine import EngineOptions, run_extract  # noqa: E402

HEADLINE_METRICS = ("headline", "published", "body_f1", "junk_leak", "byline", "reading")
TARGETS = {"headline": 0.95, "published": 0.97, "body_f1": 0.97, "junk_leak": 0.02, "byline": 0.90, "reading": 0.90}
# How much worse a held-out half may score than the half the rules were tuned on.
MAX_GAP = 0.03


def split_styles(styles: list[str]) -> dict[str, str]:
    """Each style's half, "A" or "B": the first half of the styles ordered by sha256 of the name is A."""
    ordered = sorted(set(styles), key=lambda name: hashlib.sha256(name.encode("utf-8")).hexdigest())
    half = len(ordered) // 2
    return {style: ("A" if position < half else "B") for position, style in enumerate(ordered)}


@dataclass(slots=True)
class HalfScore:
    name: str
    summary: dict
    table: str  # the scorer's output: per-style rows, ALL, leak by kind


def load_gold(data: Path) -> list[dict]:
    return [json.loads(line) for line in (data / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def raw_files(data: Path) -> dict[str, Path]:
    """Each dump's file by name: raw/<file>, or raw/<style>/<file> where a set keeps a folder per style."""
    return {path.name: path for path in sorted((data / "raw").rglob("*.txt"))}


def extract_records(files: list[Path] | dict[str, list[Path]], scratch: Path, *, templates: bool = True) -> list[dict]:
    """The records `newsgraph extract --no-analysis` writes for these dumps: a list is read from one
    folder (one site), a mapping from one folder per key (one site each), in one run."""
    groups = files if isinstance(files, dict) else {"raw": files}
    folders = []
    for name, members in groups.items():
        folder = scratch / "raw" / name
        folder.mkdir(parents=True)
        for path in members:
            shutil.copyfile(path, folder / path.name)
        folders.append(str(folder))
    failures: list = []
    options = EngineOptions(learn_templates=templates)
    records = []
    for item in run_extract(folders, options=options):
        if item.article is not None:
            records.append(item.article.to_dict())
        elif item.failure is not None:
            failures.append(item.failure)
    for failure in failures:
        print(f"failed: {failure.source}: {failure.reason}", file=sys.stderr)
    return records


def score(data: Path, golds: list[dict], records: list[dict], scratch: Path, name: str) -> HalfScore:
    """Run the data set's scorer on these gold dumps and the records made for them."""
    wanted = {g["file"] for g in golds}
    folder = scratch / f"score-{name}"
    folder.mkdir()
    (folder / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in golds), encoding="utf-8")
    predictions = folder / "pred.jsonl"
    predictions.write_text("".join(json.dumps(r) + "\n" for r in records if Path(r["source"]).name in wanted),
                           encoding="utf-8")
    summary_path = folder / "summary.json"
    scorer = data / "score.py" if (data / "score.py").exists() else shared_data_dir() / "dumps_dev" / "score.py"
    out = subprocess.run([sys.executable, str(scorer), str(folder), str(predictions), "--json",
                          str(summary_path)], capture_output=True, text=True, check=True)
    summary = json.loads(summary_path.read_text())["summary"]
    return HalfScore(name, summary, out.stdout)


def evaluate(data: Path, halves: tuple[str, ...] = ("A", "B"), scope: str = "all", *,
             templates: bool = True) -> dict[str, HalfScore]:
    """Scores of each half asked for, and of ALL when every dump is extracted together (or per style)
    and both halves (or none) are asked."""
    golds = load_gold(data)
    files = raw_files(data)
    half_of = split_styles([g["style"] for g in golds])
    results: dict[str, HalfScore] = {}
    with tempfile.TemporaryDirectory(prefix="newsgraph-dumps-") as tmp:
        scratch = Path(tmp)
        records: list[dict] = []
        if scope in ("all", "style"):
            (scratch / "all").mkdir()
            if scope == "all":
                grouped: list[Path] | dict[str, list[Path]] = [files[g["file"]] for g in golds]
            else:
                grouped = {}
                for g in golds:
                    grouped.setdefault(g["style"], []).append(files[g["file"]])
            records = extract_records(grouped, scratch / "all", templates=templates)
            if set(halves) in ({"A", "B"}, set()):
                results["ALL"] = score(data, golds, records, scratch, "ALL")
        for half in halves:
            members = [g for g in golds if half_of[g["style"]] == half]
            if scope == "half":
                (scratch / half).mkdir()
                records = extract_records([files[g["file"]] for g in members], scratch / half, templates=templates)
            results[half] = score(data, members, records, scratch, half)
    return results


def _line(name: str, summary: dict) -> str:
    return f"{name:<5}" + "".join(f"{summary[m]:>10.3f}" for m in HEADLINE_METRICS) + f"{summary['token_f1']:>10.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir() / "dumps_dev")
    parser.add_argument("--half", choices=["A", "B", "both", "none"], default="both",
                        help="the style split's halves to score (none: ALL only, for sets without the split)")
    parser.add_argument("--scope", choices=["all", "half", "style"], default="all",
                        help="extract every dump together (all), only the chosen half's (half), "
                             "or each style in a folder of its own (style: one site per style)")
    parser.add_argument("--no-templates", action="store_true",
                        help="no template learning across the batch (its contribution is the difference)")
    args = parser.parse_args(argv)
    if not (args.data / "gold.jsonl").exists():
        print(f"error: no dumps_dev gold under {args.data}", file=sys.stderr)
        return 2
    halves = {"both": ("A", "B"), "none": ()}.get(args.half, (args.half,))
    if args.scope == "half" and not halves:
        print("error: --scope half needs a half", file=sys.stderr)
        return 2
    results = evaluate(args.data, halves, args.scope, templates=not args.no_templates)
    for name, result in results.items():
        print(f"== {name} ==")
        print(result.table.rstrip())
        print()
    print(f"{'':<5}" + "".join(f"{m:>10}" for m in HEADLINE_METRICS) + f"{'token_f1':>10}")
    for name, result in results.items():
        print(_line(name, result.summary))
    print(f"{'goal':<5}" + "".join(f"{('<=' if m == 'junk_leak' else '>=') + format(TARGETS[m], '.2f'):>10}"
                                   for m in HEADLINE_METRICS))
    if "A" in results and "B" in results:
        gaps = {m: (results["A"].summary[m] - results["B"].summary[m]) * (-1 if m == "junk_leak" else 1)
                for m in HEADLINE_METRICS}
        print(f"{'A-B':<5}" + "".join(f"{gaps[m]:>+10.3f}" for m in HEADLINE_METRICS)
              + f"   (positive: B scores worse; at most {MAX_GAP} either way on the held-out half)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
