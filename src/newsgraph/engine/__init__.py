"""engine: runs the pipeline over many documents (in this process, worker processes or Ray) and commits."""

from newsgraph.engine.executors import ENGINES
from newsgraph.engine.passes import TimeLimits
from newsgraph.engine.runner import EngineOptions, Extracted, IngestSummary, run_extract, run_ingest

__all__ = ["ENGINES", "EngineOptions", "Extracted", "IngestSummary", "TimeLimits", "run_extract", "run_ingest"]
