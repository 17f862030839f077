"""TBAQ: temporal expressions (TimeML TIMEX3) found and normalised by find_dates.

Reads every `.tml` document under ../shared/data/tbaq (TimeBank + AQUAINT,
TempEval-3 "TBAQ-cleaned"), takes the plain text of its TEXT element with the
tags stripped (gold offsets are computed on that text), runs
`find_dates(text, published=DCT value)` and scores, TempEval-3 style:

- extent F1, relaxed (a predicted span overlapping a gold span) and strict (same span);
- type accuracy and value accuracy over the relaxed matches;
- value F1 = relaxed F1 x value accuracy (all four types together).

    .venv/bin/python eval/tbaq.py [--corpus all|timebank|aquaint] [--verbose] [--check] [--limit N]

`--corpus` picks the documents by the folder TBAQ keeps them in: `timebank` (TimeBank/,
183 documents: WSJ, APW, NYT, CNN, VOA, ABC, PRI ... of 1989-1998), `aquaint` (AQUAINT/,
73 documents: APW, NYT and XIE newswire of 1996-2000), `all` (every .tml under tbaq/, the
default: both, plus testpipeline/, which holds one more copy of TimeBank's AP900815-0044).
Tune on one half and measure on the other, then the reverse.
`--verbose` lists every miss (spurious, missed, wrong type or value);
`--check` exits 1 when value F1 is below the target.
Anchors on TempEval-3 (value F1): HeidelTime 77.61, NavyTime 70.97, SUTime 67.38.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from _common import shared_data_dir  # noqa: E402

from newsgraph.nlp.timex import contract_value, find_dates  # noqa: E402
from newsgraph.records import Timex  # noqa: E402

TARGET_VALUE_F1 = 0.80
ANCHORS = {"HeidelTime": 0.7761, "NavyTime": 0.7097, "SUTime": 0.6738}


@dataclass(slots=True)
class Document:
    name: str
    text: str
    dct: str
    gold: list[Timex] = field(default_factory=list)


def read_document(path: Path) -> Document:
    """The TEXT element as plain text, with the gold TIMEX3 spans on it and the DCT value."""
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    dct = dct_timex.get("value", "") if dct_timex is not None else ""
    text_element = root.find("TEXT")
    pieces: list[str] = []
    gold: list[Timex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                surface = "".join(child.itertext())
                gold.append(Timex(start=start, end=length, text=surface, type=child.get("type", ""),
                                  value=child.get("value", "")))
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)

    if text_element is not None:
        walk(text_element)
    return Document(path.stem, "".join(pieces), dct, gold)


CORPUS_FOLDERS = {"timebank": "TimeBank", "aquaint": "AQUAINT"}


def tbaq_documents(root: Path, corpus: str = "all") -> list[Document]:
    """The documents of one corpus (its folder under tbaq/), or every .tml for "all"."""
    if corpus != "all":
        root = root / CORPUS_FOLDERS[corpus]
    return [read_document(path) for path in sorted(root.rglob("*.tml"))]


@dataclass(slots=True)
class Scores:
    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0
    problems: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(matched: int, predicted: int, gold: int) -> float:
        if not matched:
            return 0.0
        precision, recall = matched / predicted, matched / gold
        return 2 * precision * recall / (precision + recall)

    def figures(self) -> dict[str, float]:
        relaxed_f1 = self._f1(self.relaxed, self.predicted, self.gold)
        value_accuracy = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "relaxed_precision": self.relaxed / self.predicted if self.predicted else 0.0,
            "relaxed_recall": self.relaxed / self.gold if self.gold else 0.0,
            "relaxed_f1": relaxed_f1,
            "strict_f1": self._f1(self.strict, self.predicted, self.gold),
            "type_accuracy": self.type_ok / self.relaxed if self.relaxed else 0.0,
            "value_accuracy": value_accuracy,
            "value_f1": relaxed_f1 * value_accuracy,
        }


def score_document(document: Document, predicted: Sequence[Timex], scores: Scores) -> None:
    """Pairs each gold span with the first unused overlapping prediction (relaxed match)."""
    scores.gold += len(document.gold)
    scores.predicted += len(predicted)
    used: set[int] = set()
    for gold in document.gold:
        match = None
        for index, guess in enumerate(predicted):
            if index not in used and guess.start < gold.end and gold.start < guess.end:
                match = index
                break
        if match is None:
            scores.problems.append(f"{document.name}\tMISSED\t{gold.text!r}\t{gold.type}\t{gold.value}"
                                   f"\t…{_context(document.text, gold.start, gold.end)}…")
            continue
        used.add(match)
        guess = predicted[match]
        scores.relaxed += 1
        scores.strict += guess.start == gold.start and guess.end == gold.end
        scores.type_ok += guess.type == gold.type
        gold_value = contract_value(gold.value)  # TimeBank's "199" is the contract's "199X"
        scores.value_ok += guess.value == gold_value
        if guess.type != gold.type or guess.value != gold_value:
            scores.problems.append(f"{document.name}\tWRONG\t{gold.text!r}\t{gold.type}\t{gold.value}"
                                   f"\tgot {guess.text!r} {guess.type} {guess.value}"
                                   f"\t…{_context(document.text, gold.start, gold.end)}…")
    for index, guess in enumerate(predicted):
        if index not in used:
            scores.problems.append(f"{document.name}\tSPURIOUS\t{guess.text!r}\t{guess.type}\t{guess.value}"
                                   f"\t…{_context(document.text, guess.start, guess.end)}…")


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    return " ".join(text[max(0, start - width):end + width].split())


def evaluate(documents: list[Document]) -> Scores:
    scores = Scores()
    for document in documents:
        score_document(document, find_dates(document.text, published=document.dct), scores)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--check", action="store_true", help="exit 1 when value F1 is below target")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--corpus", choices=["all", *CORPUS_FOLDERS], default="all",
                        help="TimeBank, AQUAINT or both (the folders TBAQ keeps them in)")
    args = parser.parse_args(argv)

    root = shared_data_dir() / "tbaq"
    if not root.is_dir():
        print(f"TBAQ data not found at {root}", file=sys.stderr)
        return 2
    documents = tbaq_documents(root, args.corpus)
    if args.limit:
        documents = documents[: args.limit]
    began = time.perf_counter()
    scores = evaluate(documents)
    elapsed = time.perf_counter() - began
    if args.verbose:
        for line in scores.problems:
            print(line)
    figures = scores.figures()
    print(f"TBAQ ({args.corpus}): {len(documents)} documents, {scores.gold} gold TIMEX3, {scores.predicted} predicted, {elapsed:.1f}s")
    for name, figure in figures.items():
        print(f"  {name:18s} {figure:.4f}")
    print("  anchors (TempEval-3 value F1): " + ", ".join(f"{k} {v:.4f}" for k, v in ANCHORS.items())
          + f"; target {TARGET_VALUE_F1:.2f}")
    if args.check and figures["value_f1"] < TARGET_VALUE_F1:
        print(f"value F1 {figures['value_f1']:.4f} below target {TARGET_VALUE_F1:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
