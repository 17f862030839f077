"""The record contract as typed, immutable records.

One definition serves every face of the contract: extractors return these
records, `to_dict` gives the JSON Lines output of `newsgraph extract`,
`from_dict` reads such output back (strictly: an unknown key is an error),
`newsgraph.schema.json_schema` derives the JSON Schema from the same type hints,
and the store and the HTTP API map them.

Frozen standard-library dataclasses (not msgspec Structs): they need no extra
dependency, pickle across worker processes as they are, and FastAPI takes them
as response models directly. Field order is the order of the JSON output.
Every field is always present in the output; lists nothing has filled are empty.
Nothing here imports spaCy, the store or the command line.
"""

from __future__ import annotations

import hashlib
import types
import typing
import dataclasses
from dataclasses import MISSING, dataclass, fields, is_dataclass, replace
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, TypeVar

__all__ = [
    "CONTRACT_FIELDS",
    "Amount",
    "AnalysisError",
    "Article",
    "Entity",
    "Event",
    "EventParty",
    "Failure",
    "Quote",
    "RecordError",
    "Span",
    "Speaker",
    "Timex",
    "check",
    "from_dict",
    "replace",
    "stable_id",
    "to_dict",
]

QuoteKind = Literal["direct", "partial", "indirect", "mixed", "headline"]
QuoteField = Literal["text", "headline"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
AmountKind = Literal["money", "quantity", "percent"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]


def described(meaning: str, *, default: Any = MISSING) -> Any:
    """A field with its one-line meaning, shown in the JSON Schema and the README table."""
    return dataclasses.field(default=default, metadata={"doc": meaning})


_RECORD = dataclass(frozen=True, slots=True, kw_only=True)


@_RECORD
class Span:
    """A piece of text: offsets into the field it belongs to and the text itself."""

    start: int = described("offset of the first character (Python str index)")
    end: int = described("offset after the last character (half-open)")
    text: str = described("the text as written")


@_RECORD
class Speaker:
    """Who a quotation is attributed to: the mention as written and the person or body it resolves to."""

    start: int = described("offset of the mention")
    end: int = described("end offset of the mention")
    text: str = described('the mention as written ("she", "the minister")')
    name: str | None = described('the resolved person or organisation ("Jane Doe")', default=None)
    role: str | None = described('office or occupation ("Foreign Minister")', default=None)
    affiliation: str | None = described("country or organisation the speaker belongs to", default=None)


@_RECORD
class Quote:
    """A quotation or reported statement, with its cue, speaker and the date it was said."""

    start: int = described("offset of the quoted or reported content")
    end: int = described("end offset of the content")
    text: str = described("the content")
    field: QuoteField = described("the article field the offsets refer to", default="text")
    kind: QuoteKind = described("direct, partial, indirect, mixed or headline", default="direct")
    cue: Span | None = described("the verb or phrase that reports it (said, according to)", default=None)
    speaker: Speaker | None = described("who said it", default=None)
    date: str | None = described("when it was said (TIMEX3 value), if the article says", default=None)


@_RECORD
class Entity:
    """A named entity with its canonical name and country."""

    start: int = described("offset of the mention")
    end: int = described("end offset of the mention")
    text: str = described("the mention as written")
    label: str = described("PERSON, ORG, GPE, NORP, LOC, ... (spaCy's OntoNotes labels)")
    name: str = described("canonical name")
    country: str | None = described("ISO 3166 alpha-3 of the country it is or belongs to", default=None)


@_RECORD
class Timex:
    """A temporal expression with its TIMEX3 type and value, anchored to `published`."""

    start: int = described("offset of the expression")
    end: int = described("end offset of the expression")
    text: str = described("the expression as written")
    type: TimexType = described("DATE, TIME, DURATION or SET")
    value: str = described("TIMEX3 value: 2024-03-08, 2024-W10, 2024-SU, 199X, PRESENT_REF, P3D, ...")


@_RECORD
class Amount:
    """A money amount, quantity or percentage, normalised."""

    start: int = described("offset of the amount")
    end: int = described("end offset of the amount")
    text: str = described("the amount as written")
    value: float = described("the number (a range's lower end), scale applied: 3.8e9 for 3.8 billion; "
                             "5 for 5%; negative only where a sign is written (-0.2%, minus 15 degrees)")
    unit: str = described("ISO 4217 code for money; percent, percentage point or basis point; "
                          "else a measure (km, °C, degrees) or the counted noun")
    approximate: bool = described('true for "about", "nearly", "some", "more than"', default=False)
    value_max: float | None = described("a range's upper end, else null", default=None)
    kind: AmountKind = described("money, quantity, or percent (units percent, percentage point, basis point)",
                                 default="quantity")


@_RECORD
class EventParty:
    """The actor or recipient of an event."""

    text: str | None = described("the mention as written (null when only a country is known)", default=None)
    name: str | None = described("canonical name", default=None)
    country: str | None = described("ISO 3166 alpha-3", default=None)


@_RECORD
class Event:
    """A political event coded with a PLOVER type: who did what to whom, when."""

    type: EventType = described("PLOVER event type")
    mode: str | None = described("PLOVER mode (how), where the sentence says", default=None)
    actor: EventParty | None = described("who acts", default=None)
    recipient: EventParty | None = described("who is acted upon", default=None)
    date: str | None = described("when it happened (TIMEX3 value)", default=None)
    amount: int | None = described("index into `amounts` of the sum involved", default=None)
    quote: int | None = described("index into `quotes` of the statement reporting it", default=None)
    start: int = described("offset of the sentence")
    end: int = described("end offset of the sentence")
    text: str = described("the sentence")


@_RECORD
class AnalysisError:
    """An analysis step that failed on this article; its list (and those built on it) stays empty."""

    step: str = described("the extractor: entities, dates, amounts, quotes, events, ...")
    reason: str = described("one line saying what went wrong")


# The JSON record contract, in output order (DESIGN.md; README "The record contract").
CONTRACT_FIELDS = (
    "id", "source", "url", "headline", "published", "language", "reading_minutes", "byline", "text",
    "entities", "quotes", "dates", "amounts", "events", "analysis_errors",
)


@_RECORD
class Article:
    """One clean article: the record contract."""

    id: str = described("the input's own id (a JSONL `id`), else 16 hex digits of the sha256 of the normalised body")
    source: str = described('the input path as given, plus "#N" for the Nth record of a JSONL or WARC file; "-" for stdin')
    url: str | None = described("the page's URL (JSONL `url`, WARC target URI, canonical link)", default=None)
    headline: str | None = described("the headline", default=None)
    published: str | None = described("ISO 8601, as precise as the source says, with an offset where a timezone is stated", default=None)
    language: str = described("ISO 639-1 (`und` when there is too little text)", default="und")
    reading_minutes: int | None = described("as the page states it (`2 min read`); null where it states none", default=None)
    byline: tuple[str, ...] = described("author names", default=())
    text: str = described('clean body; paragraphs separated by a blank line ("\\n\\n")')
    entities: tuple[Entity, ...] = described("named entities", default=())
    quotes: tuple[Quote, ...] = described("quotations and reported statements", default=())
    dates: tuple[Timex, ...] = described("temporal expressions (TimeML TIMEX3)", default=())
    amounts: tuple[Amount, ...] = described("money, quantities and percentages", default=())
    events: tuple[Event, ...] = described("political events (PLOVER)", default=())
    analysis_errors: tuple[AnalysisError, ...] = described("analysis steps that failed on this article (empty when all ran)", default=())

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def analysis_problem(self) -> str | None:
        """One line saying which analysis step failed and what that left out, or None."""
        failed = [e for e in self.analysis_errors if not e.reason.startswith("not run:")]
        if not failed and not self.analysis_errors:
            return None
        first = failed[0] if failed else self.analysis_errors[0]
        skipped = [e.step for e in self.analysis_errors if e is not first]
        return f"analysis step {first.step} failed: {first.reason}" + (
            f" (not run or failed as well: {', '.join(skipped)})" if skipped else "")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return from_dict(cls, data)


@dataclass(slots=True, frozen=True)
class Failure:
    """An input that produced no article, with a one-line reason a person can act on."""

    source: str
    reason: str


def stable_id(*parts: str) -> str:
    """A short, stable identifier: the same inputs give the same id on every run."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


# --- to and from plain JSON data ---------------------------------------------------

def to_dict(record: Any) -> Any:
    """A record as plain JSON data (dicts in field order, lists for tuples)."""
    if isinstance(record, tuple | list):
        return [to_dict(item) for item in record]
    if is_dataclass(record) and not isinstance(record, type):
        return {name: to_dict(getattr(record, name)) for name in _field_names(type(record))}
    return record


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


class RecordError(ValueError):
    """Data that does not fit the record contract; the message names the field."""


T = TypeVar("T")


def from_dict(cls: type[T], data: Any, *, where: str = "") -> T:
    """Build `cls` from plain JSON data, checking every type; unknown keys are an error.

    Missing fields take their defaults (lists empty, optional values null); a
    missing field without a default is an error.
    """
    return _convert(cls, data, where or cls.__name__)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(kind: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _convert(option, value, where)
            except RecordError as error:
                errors.append(error)
        raise errors[0] if errors else RecordError(f"{where} must not be null")
    if origin is Literal:
        if value not in typing.get_args(kind):
            allowed = ", ".join(map(str, typing.get_args(kind)))
            raise RecordError(f"{where} is {_show(value)}, expected one of {allowed}")
        return value
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise RecordError(f"{where} is {type(value).__name__}, expected a list")
        item_kind = typing.get_args(kind)[0]
        return tuple(_convert(item_kind, item, f"{where}[{i}]") for i, item in enumerate(value))
    if isinstance(kind, type) and is_dataclass(kind):
        if isinstance(value, kind):
            return value
        if not isinstance(value, dict):
            raise RecordError(f"{where} is {type(value).__name__}, expected an object")
        hints = _hints(kind)
        unknown = [key for key in value if key not in hints]
        if unknown:
            raise RecordError(f"{where} has unknown field {unknown[0]!r}")
        values = {}
        for spec in fields(kind):
            if spec.name in value:
                values[spec.name] = _convert(hints[spec.name], value[spec.name], f"{where}.{spec.name}")
            elif spec.default is MISSING and spec.default_factory is MISSING:
                raise RecordError(f"{where} lacks field {spec.name!r}")
        return kind(**values)
    if kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind in (str, bool) and isinstance(value, kind):
        return value
    elif kind is Any:
        return value
    raise RecordError(f"{where} is {_show(value)}, expected {getattr(kind, '__name__', kind)}")


def check(record: Any) -> None:
    """Raise RecordError unless every value in `record` (nested records included) has its declared type."""
    _checker(type(record))(record, type(record).__name__)


Checker = Callable[[Any, str], None]


@cache
def _checker(kind: Any) -> Checker:
    """A function that checks a value against a type hint, built once per type."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        nullable = len(options) < len(typing.get_args(kind))
        inner = [_checker(option) for option in options]

        def check_union(value: Any, where: str) -> None:
            if value is None and nullable:
                return
            errors = []
            for each in inner:
                try:
                    return each(value, where)
                except RecordError as error:
                    errors.append(error)
            raise errors[0] if errors else RecordError(f"{where} must not be null")
        return check_union
    if origin is Literal:
        allowed = typing.get_args(kind)

        def check_literal(value: Any, where: str) -> None:
            if value not in allowed:
                raise RecordError(f"{where} is {_show(value)}, expected one of {', '.join(map(str, allowed))}")
        return check_literal
    if origin is tuple:
        item = _checker(typing.get_args(kind)[0])

        def check_tuple(value: Any, where: str) -> None:
            if not isinstance(value, tuple | list):
                raise RecordError(f"{where} is {type(value).__name__}, expected a list")
            for index, element in enumerate(value):
                item(element, f"{where}[{index}]")
        return check_tuple
    if isinstance(kind, type) and is_dataclass(kind):
        hints = _hints(kind)
        parts = [(spec.name, _checker(hints[spec.name])) for spec in fields(kind)]

        def check_record(value: Any, where: str) -> None:
            if not isinstance(value, kind):
                raise RecordError(f"{where} is {type(value).__name__}, expected {kind.__name__}")
            for name, each in parts:
                each(getattr(value, name), f"{where}.{name}")
        return check_record
    accepted: tuple[type, ...] = (int, float) if kind is float else (kind,)
    refused = bool if kind in (int, float) else ()

    def check_scalar(value: Any, where: str) -> None:
        if not isinstance(value, accepted) or (refused and isinstance(value, refused)):
            raise RecordError(f"{where} is {_show(value)}, expected {getattr(kind, '__name__', kind)}")
    return check_scalar


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
