"""benchmarks/identities.py on a few synthetic articles: growth and migration rows add up."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _benchmark():
    spec = importlib.util.spec_from_file_location("identities_benchmark", ROOT / "benchmarks" / "identities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scale_times_the_identity_step_of_every_write(tmp_path):
    (row,) = _benchmark().scale([160], where=tmp_path)
    assert (row["quotes"], row["articles"]) == (160, 20)
    assert 0 < row["identities_s"] < row["write_s"] and 0 < row["identities"] <= 8


def test_rebuild_applies_the_migration_again_and_names_every_link(tmp_path):
    result = _benchmark().rebuild(12, tmp_path)
    assert result["migrations_applied"][0] == "0013_link_names"
    assert result["quotes"] == result["links_named"] == 96
    assert result["identities"] > 0
    # The store it made is kept for a later run; its working copy is gone.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["identities_rebuild_12.db"]
