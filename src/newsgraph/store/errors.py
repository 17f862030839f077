"""What a store raises: one-line messages a person can act on."""

from __future__ import annotations

__all__ = ["EvidenceChanged", "QueryError", "QueryTimeout", "StoreError"]


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


class QueryError(StoreError):
    """A search or lookup the caller phrased in a way the store cannot run."""


class QueryTimeout(StoreError):
    """A query ran past the time limit the store was opened with and was cut off."""


class EvidenceChanged(StoreError):
    """Another writer added template evidence for these sites since the batch was cleaned:
    the batch must be cleaned again with the current evidence before it is written."""

    def __init__(self, sites: set[str]) -> None:
        self.sites = set(sites)
        shown = ", ".join(sorted(self.sites)[:3]) + (", ..." if len(self.sites) > 3 else "")
        super().__init__(f"template evidence changed meanwhile for {shown}")
