"""Amounts on hand-written sentences: precision and recall of find_amounts.

    .venv/bin/python eval/amounts.py [--set dev|heldout] [--verbose]

`dev` (eval/amounts_dev.py) is what the percentage, point and degree rules were tuned on;
`heldout` (eval/amounts_heldout.py) was written before those rules and not read while
tuning them. A predicted amount is right when its text, value, upper end, unit and
approximation all equal a gold one in the same sentence; "span" counts the text alone.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsgraph.nlp.amounts import find_amounts  # noqa: E402

Gold = tuple[str, float, "float | None", str, bool]


def _same(predicted, gold: Gold) -> bool:
    text, value, value_max, unit, approximate = gold
    if predicted.text != text or predicted.unit != unit or predicted.approximate is not approximate:
        return False
    if not math.isclose(predicted.value, value, rel_tol=1e-9, abs_tol=1e-12):
        return False
    if value_max is None or predicted.value_max is None:
        return value_max is None and predicted.value_max is None
    return math.isclose(predicted.value_max, value_max, rel_tol=1e-9)


def score(sentences: list[tuple[str, list[Gold]]], verbose: bool = False) -> dict[str, float]:
    """Precision and recall over every amount of every sentence (exact and span only)."""
    predicted_count = gold_count = right = span_right = 0
    for sentence, gold in sentences:
        found = list(find_amounts(sentence))
        predicted_count += len(found)
        gold_count += len(gold)
        unused = list(gold)
        for amount in found:
            match = next((g for g in unused if _same(amount, g)), None)
            if match is not None:
                unused.remove(match)
                right += 1
        span_right += len({a.text for a in found} & {g[0] for g in gold})
        if verbose:
            wrong = [a for a in found if not any(_same(a, g) for g in gold)]
            if unused or wrong:
                print(sentence)
                for g in unused:
                    print(f"    missed   {g}")
                for a in wrong:
                    print(f"    spurious ({a.text!r}, {a.value}, {a.value_max}, {a.unit!r}, {a.approximate})")
    precision = right / predicted_count if predicted_count else 1.0
    recall = right / gold_count if gold_count else 1.0
    return {
        "sentences": len(sentences), "gold": gold_count, "predicted": predicted_count, "right": right,
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "span_precision": span_right / predicted_count if predicted_count else 1.0,
        "span_recall": span_right / gold_count if gold_count else 1.0,
    }


def load(name: str) -> list[tuple[str, list[Gold]]]:
    if name == "dev":
        from amounts_dev import DEV
        return DEV
    from amounts_heldout import HELDOUT
    return HELDOUT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--verbose", action="store_true", help="list every miss and spurious amount")
    args = parser.parse_args(argv)
    figures = score(load(args.set), verbose=args.verbose)
    print(f"amounts, {args.set}: {figures['sentences']} sentences, {figures['gold']} gold, "
          f"{figures['predicted']} predicted, {figures['right']} right")
    for name in ("precision", "recall", "f1", "span_precision", "span_recall"):
        print(f"  {name:15s} {figures[name]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
