"""The record contract's JSON Schema and README table, derived from `records`.

Both come from the record types' hints and field descriptions, so they cannot
drift from what `extract` writes: a test checks every record of the sample
corpus against the schema and the README's table against `contract_table()`.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass
from typing import Any, Literal

from newsgraph.records import Article

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://newsgraph.invalid/schema/article.json"

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def json_schema(record: type = Article) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one JSON Lines record of `extract`."""
    definitions: dict[str, Any] = {}
    root = _object_schema(record, definitions)
    definitions.pop(record.__name__, None)
    schema = {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, "title": record.__name__, **root}
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def _object_schema(record: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(record)
    properties = {}
    for spec in fields(record):
        prop = _type_schema(hints[spec.name], definitions)
        if meaning := spec.metadata.get("doc"):
            prop = {"description": meaning, **prop}
        properties[spec.name] = prop
    return {
        "description": _first_line(record.__doc__),
        "type": "object",
        "properties": properties,
        # Every field is always present in the output, null or empty where nothing was found.
        "required": list(properties),
        "additionalProperties": False,
    }


def _type_schema(kind: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(option, definitions) for option in typing.get_args(kind)]
        simple = [o["type"] for o in options if list(o) == ["type"]]
        if len(simple) == len(options):
            return {"type": simple}
        return {"anyOf": options}
    if origin is Literal:
        return {"enum": list(typing.get_args(kind))}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(kind)[0], definitions)}
    if isinstance(kind, type) and is_dataclass(kind):
        if kind.__name__ not in definitions:
            definitions[kind.__name__] = {}  # placeholder against recursion
            definitions[kind.__name__] = _object_schema(kind, definitions)
        return {"$ref": f"#/$defs/{kind.__name__}"}
    if kind in _SCALARS:
        return {"type": _SCALARS[kind]}
    raise TypeError(f"no JSON Schema for {kind!r}")


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text else ""


def _type_name(kind: Any) -> str:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(option) for option in typing.get_args(kind) if option is not type(None)]
        nullable = type(None) in typing.get_args(kind)
        return " or ".join(names) + (" or null" if nullable else "")
    if origin is Literal:
        return " / ".join(map(str, typing.get_args(kind)))
    if origin is tuple:
        return f"[{_type_name(typing.get_args(kind)[0])}]"
    if isinstance(kind, type) and is_dataclass(kind):
        return "{" + ", ".join(spec.name for spec in fields(kind)) + "}"
    return {str: "str", int: "int", float: "float", bool: "bool"}.get(kind, str(kind))


def contract_table(record: type = Article) -> str:
    """The README's contract table (Markdown): one row per field of `record`, then one per sub-record."""
    lines = ["| field | type | meaning |", "|---|---|---|"]
    hints = typing.get_type_hints(record)
    nested: dict[str, type] = {}
    for spec in fields(record):
        kind = hints[spec.name]
        lines.append(f"| `{spec.name}` | {_type_name(kind)} | {spec.metadata.get('doc', '')} |")
        _collect(kind, nested)
    for name, sub in nested.items():
        sub_hints = typing.get_type_hints(sub)
        lines.append("")
        lines.append(f"`{name}`: {_first_line(sub.__doc__)}")
        lines.append("")
        lines.append("| field | type | meaning |")
        lines.append("|---|---|---|")
        for spec in fields(sub):
            lines.append(f"| `{spec.name}` | {_type_name(sub_hints[spec.name])} | {spec.metadata.get('doc', '')} |")
    return "\n".join(lines)


def _collect(kind: Any, found: dict[str, type]) -> None:
    for arg in typing.get_args(kind):
        _collect(arg, found)
    if isinstance(kind, type) and is_dataclass(kind) and kind.__name__ not in found:
        found[kind.__name__] = kind
        for sub_kind in typing.get_type_hints(kind).values():
            _collect(sub_kind, found)
