"""Security headers on every response, the write token, the request size limit."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.api.security import content_security_policy, tile_origin

from .conftest import TOKEN, make_settings


@pytest.mark.parametrize("path", ["/api/articles", "/api/openapi.json", "/", "/stories", "/static/map.js",
                                  "/api/articles/none", "/no/such/page"])
def test_security_headers_on_every_response(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.bad_attributes: list[str] = []
        self._in_script_without_src = False

    def handle_starttag(self, tag, attrs):
        names = {k for k, _ in attrs}
        self.bad_attributes += [k for k in names if k == "style" or k.startswith("on")]
        if tag == "script" and "src" not in names:
            self.inline_scripts += 1
        if tag == "style":
            self.bad_attributes.append("<style>")


@pytest.mark.parametrize("page", ["/", "/?q=Lyptsi", "/?speaker=Oleh+Syniehubov", "/stories", "/outlets",
                                  "/outlets/Red%20Wire", "/places/Kharkiv%20Oblast"])
def test_security_pages_have_no_inline_script_or_style(client, page):
    parser = _Markup()
    parser.feed(client.get(page).text)
    assert parser.inline_scripts == 0 and parser.bad_attributes == []


def test_security_tile_origin_joins_the_csp_images():
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert tile_origin("https://tiles.example.net/{z}/{x}/{y}.png") == "https://tiles.example.net"
    assert tile_origin("") is None and tile_origin("javascript:alert(1)") is None
    assert re.search(r"img-src 'self' data: https://\*\.tile\.example\.org;",
                     content_security_policy("https://{s}.tile.example.org/{z}/{x}/{y}.png"))


def _post(c: TestClient, body=None, token: str | None = TOKEN, **kwargs):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    if body is None and "content" not in kwargs:
        body = [{"source": "x", "text": "A short text."}]
    return c.post("/api/ingest", json=body, headers=headers, **kwargs)


def test_security_ingest_needs_the_token(client):
    r = _post(client, token=None)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer" and "token" in r.json()["error"]
    assert _post(client, token="wrong").status_code == 401
    r = client.post("/api/ingest", json=[{"source": "x", "text": "t"}], headers={"Authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401


def test_security_ingest_is_off_without_a_token_setting(store_url):
    with TestClient(create_app(make_settings(store_url))) as c:
        r = _post(c)
        assert r.status_code == 403 and "serve.write_token" in r.json()["error"]
        assert _post(c, token="").status_code == 403


@pytest.mark.parametrize("body", [[], [{"text": "no source"}], [{"source": "x", "text": "t", "extra": 1}],
                                  [{"source": "x", "text": "t", "published": "yesterday"}], {"source": "x"}])
def test_security_ingest_rejects_bad_bodies(client, body):
    r = _post(client, body)
    assert r.status_code == 422 and r.json()["error"]


def test_security_ingest_over_the_size_limit_is_413(store_url):
    settings = make_settings(store_url, **{"serve.write_token": TOKEN, "serve.max_request_bytes": 2000})
    with TestClient(create_app(settings)) as c:
        big = [{"source": "big", "text": "word " * 1000}]
        r = _post(c, big)
        assert r.status_code == 413 and "serve.max_request_bytes" in r.json()["error"]
        assert "content-security-policy" in r.headers

        def chunks():  # no Content-Length: counted as it arrives
            yield b'[{"source": "big", "text": "'
            for _ in range(50):
                yield b"word " * 20
            yield b'"}]'

        r = c.post("/api/ingest", content=chunks(),
                   headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        assert r.status_code == 413
        assert c.get("/api/articles").status_code == 200  # reads are unaffected
