"""engine: runs ingest and the analysis stage over many documents, and commits to a store."""

from newsgraph.engine.runner import EngineOptions, Extracted, IngestSummary, run_extract, run_ingest

__all__ = ["EngineOptions", "Extracted", "IngestSummary", "run_extract", "run_ingest"]
