"""Cleaning with the evidence a store holds, and re-deriving what later evidence changes.

`TemplateBook` keeps, per site, the template evidence loaded from the store
(and its version). `derive` cleans a prepared document with it into an
`ArticleEntry` that carries its derivation (the prepared document, its line
keys, and which of them were judged template). `stale_articles` finds the
stored articles of a site whose judgement the current evidence changes.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsgraph.evidence import SiteObservation
from newsgraph.ingest.furniture import JudgedTemplates, SiteTemplates, TemplateRule
from newsgraph.ingest.pipeline import Prepared, finish, observe
from newsgraph.records import Article, Failure
from newsgraph.store import ArticleEntry, Derivation, Store

__all__ = ["TemplateBook", "derive", "pack_keys", "stale_articles", "unpack_keys"]


def pack_keys(keys: Iterable[int]) -> bytes:
    ordered = sorted(set(keys))
    return struct.pack(f">{len(ordered)}q", *ordered)


def unpack_keys(blob: bytes) -> list[int]:
    return list(struct.unpack(f">{len(blob) // 8}q", blob))


class TemplateBook:
    """The template evidence of the sites met so far, as the store holds it."""

    def __init__(self, store: Store, rule: TemplateRule | None = None) -> None:
        self.store = store
        self.templates = SiteTemplates(rule)
        self._loaded: set[str] = set()

    def versions(self, sites: Iterable[str | None]) -> dict[str, int]:
        return {site: self.version(site) for site in sites if site}

    def version(self, site: str) -> int:
        self._ensure(site)
        return self.templates.version(site) or 0

    def for_site(self, site: str | None) -> SiteTemplates:
        if site:
            self._ensure(site)
        return self.templates

    def template_keys(self, site: str) -> frozenset[int]:
        return self.for_site(site).template_keys(site)

    def judged(self, site: str | None) -> JudgedTemplates:
        """The site's template as a fixed key set: what a document is cleaned with, in any process."""
        return self.for_site(site).judged(site)

    def refresh(self, sites: Iterable[str]) -> None:
        for site in sites:
            self._loaded.discard(site)

    def _ensure(self, site: str) -> None:
        if site not in self._loaded:
            self.templates.load(self.store.evidence(site, self.templates.rule.least_count))
            self._loaded.add(site)


@dataclass(slots=True)
class Derived:
    """A prepared document finished with its site's evidence."""

    prepared: Prepared
    result: ArticleEntry | Failure
    observation: SiteObservation | None


def derive(prepared: Prepared, templates: JudgedTemplates | None, *, replaces: str | None = None,
           observation: SiteObservation | None = None) -> Derived:
    """Clean `prepared` with its site's template (None: no template learning); the entry
    remembers how. (`observation` is `observe(prepared)` where the caller has it already.)"""
    site = prepared.site
    outcome = finish(prepared, templates)
    if observation is None:
        observation = observe(prepared)
    if isinstance(outcome, Failure):
        return Derived(prepared, outcome, observation)
    derivation = None
    if site and observation is not None and templates is not None:
        keys = [key for key, _ in observation.lines]
        derivation = Derivation(prepared.to_bytes(), pack_keys(keys), templates.judgement(site, keys))
    return Derived(prepared, ArticleEntry(outcome, site=site, derivation=derivation, replaces=replaces), observation)


def with_article(entry: ArticleEntry, article: Article) -> ArticleEntry:
    return ArticleEntry(article, site=entry.site, derivation=entry.derivation, replaces=entry.replaces)


def stale_articles(store: Store, site: str, book: TemplateBook) -> Iterator[str]:
    """Ids of the stored articles of `site` that the current evidence would clean otherwise."""
    templates = book.for_site(site)
    for stored in store.derivations(site):
        if templates.judgement(site, unpack_keys(stored.line_keys)) != stored.judgement:
            yield stored.article_id
