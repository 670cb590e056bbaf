"""HTTP-side errors and the one place where every error becomes an HTTP response.

    SitroomError                      (sitroom.errors)
     ├── NotFound          404        no such article, claim, story, outlet or place
     ├── BadRequest        400        a query parameter that cannot be used as given
     ├── Unauthorized      401        a write without ``Authorization: Bearer <serve.write_token>``
     ├── WritesDisabled    403        a write while ``serve.write_token`` is empty
     └── RequestTooLarge   413        a body over ``serve.max_request_bytes``

Errors raised below the API (``InputError`` -> 400, ``StoreError`` -> 503, ``ConfigError`` and
``PipelineError`` -> 500) are mapped by the same table. API paths get ``{"error": "..."}``; pages
get a small HTML page with the same message.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitroom.errors import (ConfigError, ExportError, InputError, PipelineError, SitroomError, StoreError,
                            TooLarge)
from sitroom.query.names import UnknownName


class NotFound(SitroomError):
    pass


class BadRequest(SitroomError):
    pass


class Unauthorized(SitroomError):
    pass


class WritesDisabled(SitroomError):
    pass


class RequestTooLarge(SitroomError):
    pass


#: most specific first; the first class an error is an instance of decides its status
STATUS: tuple[tuple[type[SitroomError], int], ...] = (
    (NotFound, 404),
    (BadRequest, 400),
    (Unauthorized, 401),
    (WritesDisabled, 403),
    (RequestTooLarge, 413),
    (TooLarge, 413),
    (InputError, 400),
    (ExportError, 400),
    (UnknownName, 400),
    (StoreError, 503),
    (ConfigError, 500),
    (PipelineError, 500),
    (SitroomError, 500),
)


def status_of(exc: SitroomError) -> int:
    return next(code for cls, code in STATUS if isinstance(exc, cls))


def error_response(request: Request, status: int, message: str) -> Response:
    """``{"error": message}`` for the API, a small escaped HTML page for everything else."""
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    html = getattr(request.app.state, "render_error", None)  # set when the web pages are mounted
    if html is None or request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    return html(request, status, message)


async def handle_sitroom_error(request: Request, exc: SitroomError) -> Response:
    return error_response(request, status_of(exc), str(exc))


async def handle_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path {request.url.path}; see /api/openapi.json for the API"
    return error_response(request, exc.status_code, message)


async def handle_validation_error(request: Request, exc: RequestValidationError) -> Response:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return error_response(request, 422, "; ".join(problems) or "invalid request")


async def handle_unexpected(request: Request, exc: Exception) -> Response:
    """A bug: logged with its traceback by the server; the client gets one line (and, since this
    response bypasses the middleware, the security headers are set here)."""
    from sitroom.api.headers import security_headers

    response = error_response(request, 500, "internal error; the server log has the details")
    tile_url = str(request.app.state.settings.get("report", "tile_url") or "")
    response.headers.update(security_headers(tile_url))
    return response


def install(app) -> None:
    """Register the handlers above on ``app`` (the only place errors become responses)."""
    app.add_exception_handler(Exception, handle_unexpected)
    app.add_exception_handler(SitroomError, handle_sitroom_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
