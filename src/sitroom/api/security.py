"""Security at the edge: response headers, the request size limit, the write token.

* Every response carries a strict Content-Security-Policy (scripts and styles only from this
  server, no inline script or style, no framing), ``X-Content-Type-Options: nosniff`` and a
  ``Referrer-Policy``. Map tiles are the one outside source allowed, as images, and only when
  ``report.tile_url`` names one.
* Bodies over ``serve.max_request_bytes`` are refused with 413, by ``Content-Length`` before
  reading and by counting bytes as they arrive (chunked uploads).
* Writes need ``Authorization: Bearer <serve.write_token>``; with the setting empty they are off.
"""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitroom.api.errors import RequestTooLarge, Unauthorized, WritesDisabled
from sitroom.api.headers import content_security_policy, security_headers, tile_origin

__all__ = ["BodyLimit", "SecurityHeaders", "check_write_token", "content_security_policy", "security_headers",
           "tile_origin"]


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp, tile_url: str = "") -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in security_headers(tile_url).items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in self.headers if k not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware answering 413 to bodies over ``max_bytes``.

    A body without ``Content-Length`` is counted as it arrives; once over the limit the 413 is
    sent, the application sees the client as gone, and whatever it answers is dropped.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes and not started:
                    refused = True
                    await self._refuse(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception:
            if not refused:
                raise

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        from starlette.requests import Request

        from sitroom.api.errors import handle_sitroom_error

        error = RequestTooLarge(f"request body over {self.max_bytes} bytes; send fewer articles per "
                                f"request or raise serve.max_request_bytes")
        response = await handle_sitroom_error(Request(scope), error)
        await response(scope, receive, send)


def check_write_token(authorization: str | None, token: str) -> None:
    """Raise unless ``authorization`` is ``Bearer <token>``; writes are off when ``token`` is empty."""
    if not token:
        raise WritesDisabled("writing over HTTP is disabled; set serve.write_token to enable it")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise Unauthorized("missing or wrong token; send 'Authorization: Bearer <serve.write_token>'")
