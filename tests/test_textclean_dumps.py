"""The raw scraped dumps of ../shared/data/dumps_dev: the issue's floors hold, on both halves of the style split."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"
DUMPS = Path(__file__).resolve().parents[2] / "shared" / "data" / "dumps_dev"


def _dumps_eval():
    spec = importlib.util.spec_from_file_location("dumps_eval", EVAL / "dumps.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["dumps_eval"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _misses(summary: dict, targets: dict) -> dict:
    return {m: round(summary[m], 3) for m, floor in targets.items()
            if (summary[m] > floor if m == "junk_leak" else summary[m] < floor)}


@pytest.mark.slow
@pytest.mark.skipif(not (DUMPS / "gold.jsonl").is_file(),
                    reason="needs ../shared/data/dumps_dev (raw dumps with gold), absent here")
def test_dumps_dev_meets_the_floors_on_each_half():
    dumps = _dumps_eval()
    results = dumps.evaluate(DUMPS)  # every dump extracted together, as `newsgraph extract raw` does
    for name in ("ALL", "A", "B"):
        assert not _misses(results[name].summary, dumps.TARGETS), f"{name} under the floors {dumps.TARGETS}"
    gaps = {m: round(abs(results["A"].summary[m] - results["B"].summary[m]), 3) for m in dumps.TARGETS}
    assert all(gap <= dumps.MAX_GAP for gap in gaps.values()), f"halves apart by more than {dumps.MAX_GAP}: {gaps}"
