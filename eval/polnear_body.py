"""How much real article text `clean_text` keeps: PolNeAR body preservation.

PolNeAR articles are clean text (title line, blank line, paragraphs), so
everything `clean_text` removes from their body is a loss. This reports the
share of body word tokens still present in the cleaned text (bag-of-tokens
recall over the lines after the title) and how often the title line is
returned as the headline, exactly.

    .venv/bin/python eval/polnear_body.py [--split dev|train|all] [--sites] [--check] [--show N]

With --check the exit status is 1 when recall is below the 99.5% target.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.ingest.furniture import SiteTemplates
from newsgraph.ingest.textclean import clean_text

TARGET_RECALL = 0.995
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
_TOKEN_RE = re.compile(r"\w+")


@dataclass(slots=True)
class BodyReport:
    documents: int = 0
    body_tokens: int = 0
    kept_tokens: int = 0
    headline_exact: int = 0
    headline_found: int = 0
    # The same bodies cleaned without their title line: what a wrongly taken headline would cost.
    titleless_tokens: int = 0
    titleless_kept: int = 0
    removed_reasons: Counter = field(default_factory=Counter)
    worst: list[tuple[float, str, int]] = field(default_factory=list)  # (recall, file, lost tokens)
    per_publisher: dict[str, list[int]] = field(default_factory=dict)  # publisher -> [body, kept]

    @property
    def recall(self) -> float:
        return self.kept_tokens / self.body_tokens if self.body_tokens else 1.0

    @property
    def titleless_recall(self) -> float:
        return self.titleless_kept / self.titleless_tokens if self.titleless_tokens else 1.0

    @property
    def headline_rate(self) -> float:
        return self.headline_exact / self.documents if self.documents else 0.0


def _tokens(text: str) -> Counter:
    # Both sides in NFC, the form clean_text writes: a decomposed "A" + combining tilde in the
    # source is the same text as the composed "Ã" it keeps, not a lost token.
    return Counter(_TOKEN_RE.findall(unicodedata.normalize("NFC", text).casefold()))


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _publisher(path: Path) -> str:
    return path.name.split("_", 1)[0]


def evaluate(data_dir: Path, splits: list[str], *, sites: bool = False) -> BodyReport:
    """Clean every article of `splits` and measure what of its body survives.

    With `sites`, each publisher's articles are one site whose template evidence is
    learnt from all of them first (as `newsgraph extract` does for a folder): whatever
    recurring-line evidence takes from these clean bodies is a loss too.
    """
    report = BodyReport()
    files = sorted(f for split in splits for f in (data_dir / split / "text").glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no PolNeAR texts under {data_dir} for splits {splits}")
    templates = None
    if sites:
        templates = SiteTemplates()
        for path in files:
            templates.observe(_publisher(path), path.read_text(encoding="utf-8").splitlines())
    for path in files:
        raw = path.read_text(encoding="utf-8")
        lines = raw.splitlines()
        title = _normalise(lines[0]) if lines else ""
        body = "\n".join(lines[1:])
        cleaned = clean_text(raw, templates=templates, site=_publisher(path))
        expected, got = _tokens(body), _tokens(cleaned.text)
        kept = sum(min(count, got[token]) for token, count in expected.items())
        total = sum(expected.values())
        report.documents += 1
        report.body_tokens += total
        report.kept_tokens += kept
        bare = clean_text("\n".join(lines[2:]) if len(lines) > 1 and not lines[1].strip() else body)
        bare_got = _tokens(bare.text)
        report.titleless_tokens += total
        report.titleless_kept += sum(min(count, bare_got[token]) for token, count in expected.items())
        report.headline_found += cleaned.headline is not None
        report.headline_exact += cleaned.headline is not None and _normalise(cleaned.headline) == title
        publisher = _publisher(path)
        counts = report.per_publisher.setdefault(publisher, [0, 0])
        counts[0] += total
        counts[1] += kept
        for reason, line in cleaned.removed:
            if _normalise(line) != title:
                report.removed_reasons[reason] += 1
        if total and kept < total:
            report.worst.append((kept / total, path.name, total - kept))
    report.worst.sort()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR folder (with train/ and dev/)")
    parser.add_argument("--split", choices=["dev", "train", "all"], default="all")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when recall < {TARGET_RECALL * 100:.1f}%%")  # argparse formats help with %
    parser.add_argument("--show", type=int, default=5, help="list the N documents that lost most")
    parser.add_argument("--sites", action="store_true",
                        help="clean with template evidence learnt per publisher (each publisher one site)")
    args = parser.parse_args(argv)
    splits = ["train", "dev"] if args.split == "all" else [args.split]
    try:
        report = evaluate(args.data, splits, sites=args.sites)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"documents:            {report.documents} ({'+'.join(splits)})")
    print(f"body token recall:    {report.recall:.4%}  ({report.kept_tokens}/{report.body_tokens}; target {TARGET_RECALL:.1%})")
    print(f"same, titles removed: {report.titleless_recall:.4%}  (bodies alone: a lead taken for a headline is lost)")
    print(f"headline exact match: {report.headline_rate:.2%}  ({report.headline_exact}/{report.documents}; "
          f"a headline returned for {report.headline_found})")
    for publisher, (total, kept) in sorted(report.per_publisher.items()):
        print(f"  {publisher:<14} recall {kept / total if total else 1:.4%}")
    if report.removed_reasons:
        print("lines removed from bodies, by reason: "
              + ", ".join(f"{r} {n}" for r, n in report.removed_reasons.most_common()))
    for recall, name, lost in report.worst[: args.show]:
        print(f"  lost {lost:>4} tokens ({recall:.1%} kept): {name}")
    if args.check and report.recall < TARGET_RECALL:
        print(f"FAIL: body token recall {report.recall:.4%} is below {TARGET_RECALL:.1%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
