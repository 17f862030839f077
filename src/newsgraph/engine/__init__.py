"""engine stage: runs ingest and the analysis stage over many documents and commits to a store."""

from newsgraph.engine.runner import IngestSummary, analyzed, run_ingest

__all__ = ["IngestSummary", "analyzed", "run_ingest"]
