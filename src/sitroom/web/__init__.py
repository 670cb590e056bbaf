"""Server-rendered pages over the same reader as the API: search, story, claim, place, outlet.

Templates are Jinja2 with autoescape on for every template, so every string that comes from an
article is escaped; nothing from an article is ever marked safe. Pages carry no inline script or
style (the Content-Security-Policy forbids both): the map is ``static/map.js`` over the vendored
Leaflet 1.9.4 in ``static/leaflet/``, and its markers travel in a ``data-`` attribute. ``/api/docs``
is Swagger UI 5 from the files the ``fastapi-offline`` package ships (MIT; only its files are used),
started by ``static/api-docs.js``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sitroom.web.render import render, render_error

__all__ = ["mount", "render", "render_error"]


def mount(app: FastAPI, settings: Any) -> None:
    """Add the pages and ``/static`` to ``app``."""
    from sitroom.web.pages import router

    static = resources.files("sitroom.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    swagger = resources.files("fastapi_offline").joinpath("static")
    app.mount("/api/docs/assets", StaticFiles(directory=str(swagger)), name="api-docs-assets")
    app.include_router(router)
    app.state.render_error = render_error  # error pages for browsers (sitroom.api.errors)
