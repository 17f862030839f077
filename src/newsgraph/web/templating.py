"""Jinja2 with autoescaping on for every template, and the filters the pages use."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

__all__ = ["environment", "render", "safe_url"]

HERE = Path(__file__).resolve().parent


def safe_url(url: str | None) -> str | None:
    """An ingested URL fit for an href: http or https only, else None (shown as text)."""
    if not url or any(ord(ch) < 32 for ch in url):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _query(base: str, **params: Any) -> str:
    """`base?k=v&...` with the parameters that are set, each URL-encoded."""
    kept = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{base}?{urlencode(kept)}" if kept else base


def short_date(value: str | None) -> str:
    """An ISO date-time shown as its day (2024-06-26T21:15:00+03:00 -> 2024-06-26); other values as they are."""
    if not value:
        return ""
    return value[:10] if len(value) > 10 and value[10] == "T" else value


environment = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals.update(safe_url=safe_url, query=_query)
environment.filters["day"] = short_date


def render(request: Request, template: str, context: dict[str, Any], *, status_code: int = 200,
           headers: dict | None = None) -> HTMLResponse:
    page = environment.get_template(template).render(request=request, **context)
    return HTMLResponse(page, status_code=status_code, headers=headers)
