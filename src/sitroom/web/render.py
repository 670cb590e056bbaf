"""Jinja2 rendering for the pages: autoescape on for every template, strict undefined."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from sitroom.report.titles import usable


def _path(value: Any) -> str:
    """One URL path segment: ``Kharkiv Oblast`` -> ``Kharkiv%20Oblast``; slashes escaped too."""
    return quote(str(value), safe="")


def _query(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged) if merged else ""


def _http_url(value: Any) -> str | None:
    """The value when it is an http(s) URL (safe to link), else None."""
    text = str(value or "")
    return text if text.lower().startswith(("http://", "https://")) else None


def _pct(value: Any) -> str:
    return "–" if value is None else f"{100 * float(value):.0f}%"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("sitroom.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(path=_path, http_url=_http_url, pct=_pct, headline=usable)
    env.globals.update(query=_query)
    return env


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


#: the boundary levels shipped in static/boundaries, drawn under every map in this order
BOUNDARY_LEVELS = ("countries", "regions", "raions")


@lru_cache(maxsize=1)
def boundary_urls() -> list[str]:
    """The URLs of the boundary layers this install ships (scripts/build_boundaries.py builds them)."""
    folder = resources.files("sitroom.web").joinpath("static", "boundaries")
    return [f"/static/boundaries/{name}.geojson" for name in BOUNDARY_LEVELS
            if folder.joinpath(f"{name}.geojson").is_file()]
