"""newsgraph: raw news in; who said what, about whom, when, and what was done out.

The Python API mirrors the command line: `extract`, `ingest_files`, `open_store`.
They are imported on first use, so `import newsgraph` stays cheap.
"""

__version__ = "0.1.0"

_API = {
    "extract", "ingest_files", "open_store", "Article", "Failure", "IngestSummary",
    "SearchQuery", "QuoteFilter", "SpeakerFilter", "EntityFilter", "EventFilter",
    "speakers", "statements", "speaker", "StatementFilter", "import_records", "export_records",
}


def __getattr__(name: str):
    if name in _API:
        from newsgraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")


__all__ = sorted(_API)
