"""Response models for the JSON API, generated from the typed records and store rows.

Each model is built from a dataclass's own fields and type hints (nested
records become nested models, tuples become lists, a field's `described`
meaning becomes its description), so the OpenAPI document follows
`records.py` and `store/rows.py` without a second list of fields to keep in step.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from newsgraph.engine.summary import IngestSummary
from newsgraph.records import Article, Failure
from newsgraph.store import (
    Appearance,
    EntitySummary,
    EventHit,
    QuoteHit,
    SearchHit,
    StoredArticle,
    StoreStats,
)
from newsgraph.store.sqlite.listings import SpeakerIdentitySummary

__all__ = [
    "ArticleModel",
    "ErrorModel",
    "EntityModel",
    "EventModel",
    "IngestModel",
    "QuoteModel",
    "SearchHitModel",
    "SpeakerDetailModel",
    "SpeakerModel",
    "StatsModel",
    "model_of",
    "page_of",
]


def _field_type(hint: Any) -> Any:
    """The pydantic type for a dataclass field's type hint."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = tuple(_field_type(option) for option in typing.get_args(hint))
        return typing.Union[options]  # noqa: UP007 - built from a tuple of types
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return list[_field_type(args[0])]
        return tuple[tuple(_field_type(arg) for arg in args)]
    if origin is dict:
        key, value = typing.get_args(hint)
        return dict[_field_type(key), _field_type(value)]
    if origin is Literal:
        return hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return model_of(hint)
    return hint


@cache
def model_of(cls: type, name: str | None = None, drop: tuple[str, ...] = ()) -> type[BaseModel]:
    """A pydantic model with `cls`'s fields (less `drop`), in order, with their meanings as descriptions."""
    hints = typing.get_type_hints(cls)
    definitions: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):
        if spec.name in drop:
            continue
        default: Any = ...
        if spec.default is not dataclasses.MISSING:
            default = list(spec.default) if isinstance(spec.default, tuple) else spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            default = spec.default_factory()
        description = spec.metadata.get("doc") if spec.metadata else None
        definitions[spec.name] = (_field_type(hints[spec.name]), Field(default, description=description))
    doc = (cls.__doc__ or "").strip().splitlines()
    model = create_model(name or cls.__name__, __config__=ConfigDict(extra="forbid"), **definitions)
    model.__doc__ = doc[0] if doc and not doc[0].startswith(cls.__name__ + "(") else None
    return model


@cache
def page_of(item: type[BaseModel]) -> type[BaseModel]:
    """`{"items": [...], "next": cursor-or-null}` of `item`."""
    return create_model(
        f"{item.__name__}Page",
        items=(list[item], Field(..., description="this page's items")),
        next=(str | None, Field(None, description="pass as `cursor` for the next page; null on the last page")),
    )


def _stored_article_model() -> type[BaseModel]:
    """The record contract's fields followed by StoredArticle's own (as `StoredArticle.to_dict` gives)."""
    contract = model_of(Article, "ArticleRecord")
    own = model_of(StoredArticle, "StoredArticleFields", drop=("article",))
    fields = {name: (info.annotation, info) for name, info in contract.model_fields.items()}
    fields.update({name: (info.annotation, info) for name, info in own.model_fields.items()})
    fields["cluster"] = (list[str], Field(..., description="ids of the articles in its near-duplicate cluster, oldest first"))
    return create_model("StoredArticle", **fields)


SearchHitModel = model_of(SearchHit)
ArticleModel = _stored_article_model()
AppearanceModel = model_of(Appearance)
# Named after their row types: the record types (Quote, Speaker, Entity, Event) keep their own names.
QuoteModel = model_of(QuoteHit)
SpeakerModel = model_of(SpeakerIdentitySummary, "SpeakerSummary")
SpeakerDetailModel = create_model(
    "SpeakerDetail",
    speaker=(SpeakerModel, ...),
    quotes_by_month=(dict[str, int], Field(..., description="statements per month (YYYY-MM of when said)")),
    talks_about=(list[tuple[str, int]], Field(..., description="entities named most in their statements, with counts")),
)
EntityModel = model_of(EntitySummary)
EventModel = model_of(EventHit)
StatsModel = model_of(StoreStats)
IngestModel = model_of(IngestSummary, "IngestResult")
ErrorModel = create_model("Error", detail=(str, Field(..., description="what went wrong, in one line")))
FailureModel = model_of(Failure)
