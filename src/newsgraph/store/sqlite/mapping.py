"""Typed records to table rows and back: one child table per annotation list.

Offsets are Python string indices into `text` (or the field a quote names).
A nested record that is null leaves its columns NULL. An event party that is
present with every value null (rare) is marked in the row's `extra` JSON, so
that it reads back as it was written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.records import AnalysisError, Amount, Entity, Event, EventParty, Quote, Span, Speaker, Timex
from newsgraph.store.sqlite.migrations import quote_identifier

__all__ = ["CHILD_TABLES", "ChildTable"]

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class ChildTable:
    table: str
    field: str  # the Article list it holds
    columns: tuple[str, ...]  # after article_id and position, before extra
    to_row: Callable[[Any], Row]  # the column values, then extra
    from_row: Callable[[Row], Any]  # from the column values then extra

    @property
    def insert_sql(self) -> str:
        names = ("article_id", "position", *self.columns, "extra")
        return (f"INSERT INTO {quote_identifier(self.table)} ({', '.join(map(quote_identifier, names))}) "
                f"VALUES ({', '.join('?' for _ in names)})")

    @property
    def select_sql(self) -> str:
        names = (*self.columns, "extra")
        return (f"SELECT {', '.join(map(quote_identifier, names))} FROM {quote_identifier(self.table)} "
                "WHERE article_id = ? ORDER BY position")

    def rows(self, article_id: str, records: Sequence[Any]) -> list[Row]:
        return [(article_id, position, *self.to_row(record)) for position, record in enumerate(records)]


def _entity_row(e: Entity) -> Row:
    return (e.start, e.end, e.text, e.label, e.name, e.country, None)


def _entity(r: Row) -> Entity:
    return Entity(start=r[0], end=r[1], text=r[2], label=r[3], name=r[4], country=r[5])


def _quote_row(q: Quote) -> Row:
    cue, who = q.cue, q.speaker
    return (
        q.start, q.end, q.text, q.field, q.kind,
        cue.start if cue else None, cue.end if cue else None, cue.text if cue else None,
        who.start if who else None, who.end if who else None, who.text if who else None,
        who.name if who else None, who.role if who else None, who.affiliation if who else None,
        q.date, None,
    )


def _quote(r: Row) -> Quote:
    cue = Span(start=r[5], end=r[6], text=r[7]) if r[7] is not None else None
    speaker = Speaker(start=r[8], end=r[9], text=r[10], name=r[11], role=r[12], affiliation=r[13]) if r[10] is not None else None
    return Quote(start=r[0], end=r[1], text=r[2], field=r[3], kind=r[4], cue=cue, speaker=speaker, date=r[14])


def _timex_row(d: Timex) -> Row:
    return (d.start, d.end, d.text, d.type, d.value, None)


def _timex(r: Row) -> Timex:
    return Timex(start=r[0], end=r[1], text=r[2], type=r[3], value=r[4])


def _amount_row(a: Amount) -> Row:
    return (a.start, a.end, a.text, a.value, a.unit, int(a.approximate), a.value_max, a.kind, None)


def _amount(r: Row) -> Amount:
    return Amount(start=r[0], end=r[1], text=r[2], value=r[3], unit=r[4], approximate=bool(r[5]),
                  value_max=r[6], kind=r[7] or "quantity")


def _party_columns(party: EventParty | None) -> Row:
    return (party.text, party.name, party.country) if party else (None, None, None)


def _event_row(e: Event) -> Row:
    empty = [side for side, party in (("actor", e.actor), ("recipient", e.recipient))
             if party is not None and party.text is None and party.name is None and party.country is None]
    extra = json.dumps({side: {} for side in empty}) if empty else None
    return (e.type, e.mode, *_party_columns(e.actor), *_party_columns(e.recipient), e.date, e.amount, e.quote,
            e.start, e.end, e.text, extra)


def _party(values: Row, marked: bool) -> EventParty | None:
    if all(value is None for value in values):
        return EventParty() if marked else None
    return EventParty(text=values[0], name=values[1], country=values[2])


def _event(r: Row) -> Event:
    extra = json.loads(r[14]) if r[14] else {}
    return Event(type=r[0], mode=r[1], actor=_party(r[2:5], "actor" in extra),
                 recipient=_party(r[5:8], "recipient" in extra), date=r[8], amount=r[9], quote=r[10],
                 start=r[11], end=r[12], text=r[13])


def _analysis_error_row(e: AnalysisError) -> Row:
    return (e.step, e.reason, None)


def _analysis_error(r: Row) -> AnalysisError:
    return AnalysisError(step=r[0], reason=r[1])


_SPAN = ("start", "end", "text")
CHILD_TABLES: tuple[ChildTable, ...] = (
    ChildTable("entities", "entities", (*_SPAN, "label", "name", "country"), _entity_row, _entity),
    ChildTable(
        "quotes", "quotes",
        (*_SPAN, "field", "kind", "cue_start", "cue_end", "cue_text", "speaker_start", "speaker_end",
         "speaker_text", "speaker_name", "speaker_role", "speaker_affiliation", "date"),
        _quote_row, _quote,
    ),
    ChildTable("dates", "dates", (*_SPAN, "type", "value"), _timex_row, _timex),
    ChildTable("amounts", "amounts", (*_SPAN, "value", "unit", "approximate", "value_max", "kind"), _amount_row, _amount),
    ChildTable(
        "events", "events",
        ("type", "mode", "actor_text", "actor_name", "actor_country", "recipient_text", "recipient_name",
         "recipient_country", "date", "amount", "quote", *_SPAN),
        _event_row, _event,
    ),
    ChildTable("analysis_errors", "analysis_errors", ("step", "reason"), _analysis_error_row, _analysis_error),
)
