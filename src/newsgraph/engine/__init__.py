"""engine stage: runs ingest (and, as they land, the analysis stages) over many documents and commits to a store."""

from newsgraph.engine.runner import IngestSummary, run_ingest

__all__ = ["IngestSummary", "run_ingest"]
