"""HTTP API and pages over the store: ``create_app(settings)``, and ``serve(settings)`` to run it.

Thin by design: every endpoint reads through :class:`~sitroom.api.queries.Reader` (store queries,
shaped) or writes through :func:`sitroom.process.ingest_paths`, the function behind
``sitroom ingest``. Errors become responses in one place (:mod:`sitroom.api.errors`); security
headers, the size limit and the write token live in :mod:`sitroom.api.security`.

    from sitroom.api import create_app, serve
    serve(load_settings())          # uvicorn on serve.host:serve.port (127.0.0.1:8765)
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from sitroom.config import Settings

__all__ = ["create_app", "serve"]

DESCRIPTION = """\
A sourced situation picture from conflict news written by outlets with opposite agendas.

Everything here is read from the store that `sitroom ingest` fills and `sitroom analyze` analyses:
articles with their attributed **claims** (speaker, intermediaries, evidence span) and **events**
(type, places, date, who asserts them), **stories** grouping articles across outlets, stored
**relations** between claims (corroborates / contradicts, independent or not, with a one-line
`why`) and **outlet** framing profiles.

Lists are paged: `limit` (at most 200) and `offset`; a response is
`{"items": [...], "offset", "limit", "next_offset", "total"?}` with `next_offset` null on the last
page. Errors are `{"error": "..."}` with a 4xx or 5xx status. Writing (`POST /api/ingest`) needs
`Authorization: Bearer <serve.write_token>` and is off while that setting is empty.
"""

TAGS = [
    {"name": "articles", "description": "Stored articles as extracted (docs/output-schema.md)."},
    {"name": "claims", "description": "Attributed statements and their provenance."},
    {"name": "events", "description": "What was reported to have happened, where and when."},
    {"name": "entities", "description": "Canonical people, organisations and places with counts."},
    {"name": "stories", "description": "Articles about one development, side by side by outlet."},
    {"name": "outlets", "description": "Publishing outlets and how they frame the war."},
    {"name": "search", "description": "Full-text search over titles and bodies."},
    {"name": "ingest", "description": "Adding articles over HTTP (token required)."},
]


def create_app(settings: Settings) -> FastAPI:
    """The API (``/api/...``, OpenAPI at ``/api/openapi.json``) and the pages, over ``store.url``."""
    from sitroom import __version__
    from sitroom.api import errors
    from sitroom.api.queries import Reader
    from sitroom.api.routes import router
    from sitroom.api.security import BodyLimit, SecurityHeaders
    from sitroom.store import Store
    from sitroom.web import mount as mount_pages

    store = Store.open(settings.get("store", "url"))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="sitroom", version=__version__, description=DESCRIPTION, openapi_tags=TAGS,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.reader = Reader(store)
    errors.install(app)
    app.include_router(router)
    mount_pages(app, settings)
    app.add_middleware(BodyLimit, max_bytes=int(settings.get("serve", "max_request_bytes")))
    app.add_middleware(SecurityHeaders, tile_url=str(settings.get("report", "tile_url") or ""))
    return app


def serve(settings: Settings, **uvicorn_options: Any) -> None:
    """Run the app with uvicorn on ``serve.host`` (default 127.0.0.1) and ``serve.port``."""
    import uvicorn

    uvicorn.run(create_app(settings), host=str(settings.get("serve", "host")), port=int(settings.get("serve", "port")),
                **{"log_level": "info", "proxy_headers": False, "server_header": False, **uvicorn_options})
