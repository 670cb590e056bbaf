"""Server-rendered pages over the same reader as the API: search, story, claim, place, outlet.

Templates are Jinja2 with autoescape on for every template, so every string that comes from an
article is escaped; nothing from an article is ever marked safe. Pages carry no inline script or
style (the Content-Security-Policy forbids both): the map is ``static/map.js`` over the vendored
Leaflet 1.9.4 in ``static/leaflet/``, and its markers travel in a ``data-`` attribute.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined

__all__ = ["mount", "render", "render_error"]


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
    env.filters.update(path=_path, http_url=_http_url, pct=_pct)
    env.globals.update(query=_query)
    return env


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def mount(app: FastAPI, settings: Any) -> None:
    """Add the pages and ``/static`` to ``app``."""
    from sitroom.web.pages import router

    static = resources.files("sitroom.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(router)
