"""`/docs`: the API's endpoints, parameters and response schemas, read from the OpenAPI document.

FastAPI's own /docs page loads Swagger UI from a CDN; this one is server-rendered
from `app.openapi()` and works offline. `/openapi.json` is the document itself.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from newsgraph.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _schema_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_schema_name(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_schema_name(schema.get('items'))}"
    return str(schema.get("type", ""))


@router.get("/docs")
def docs(request: Request):
    document = request.app.openapi()
    endpoints = []
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            parameters = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False),
                 "type": _schema_name(p.get("schema")), "description": p.get("description") or p.get("schema", {}).get("description", "")}
                for p in operation.get("parameters", [])
            ]
            body = operation.get("requestBody", {}).get("content", {})
            answers = []
            for status, response in operation.get("responses", {}).items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                answers.append({"status": status, "description": response.get("description", ""), "schema": _schema_name(schema)})
            endpoints.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                              "description": operation.get("description", ""), "parameters": parameters,
                              "body": ", ".join(body), "responses": answers})
    schemas = document.get("components", {}).get("schemas", {})
    models = [
        {"name": name, "description": schema.get("description", ""),
         "fields": [{"name": field, "type": _schema_name(spec) or _schema_name(spec.get("items")),
                     "description": spec.get("description", "")}
                    for field, spec in schema.get("properties", {}).items()]}
        for name, schema in sorted(schemas.items())
    ]
    return render(request, "docs.html", {"endpoints": endpoints, "models": models, "title": document["info"]["title"],
                                         "version": document["info"]["version"]})
