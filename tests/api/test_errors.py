"""Errors become responses in one place: the status table, JSON for the API, HTML for pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.api.errors import BadRequest, NotFound, RequestTooLarge, Unauthorized, WritesDisabled, status_of
from sitroom.errors import (ConfigError, EmptyInput, MalformedInput, PipelineError, SitroomError, StoreError,
                            TooLarge)

from .conftest import make_settings


@pytest.mark.parametrize("error, status", [
    (NotFound("x"), 404), (BadRequest("x"), 400), (Unauthorized("x"), 401), (WritesDisabled("x"), 403),
    (RequestTooLarge("x"), 413), (TooLarge("x"), 413), (EmptyInput("x"), 400), (MalformedInput("x"), 400),
    (StoreError("x"), 503), (ConfigError("x"), 500), (PipelineError("x"), 500), (SitroomError("x"), 500),
])
def test_errors_status_table(error, status):
    assert status_of(error) == status


def test_errors_pages_get_html_and_api_gets_json(client):
    page = client.get("/claims/0000000000000000:c9", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no claim" in page.text
    api = client.get("/api/claims/0000000000000000:c9", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.json()["error"].startswith("no claim")


@pytest.mark.parametrize("error, status", [(StoreError("database is locked; try again"), 503),
                                           (RuntimeError("a bug"), 500)])
def test_errors_raised_below_the_api_are_mapped(store_url, monkeypatch, error, status):
    app = create_app(make_settings(store_url))

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(app.state.reader, "articles", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/articles")
    assert r.status_code == status and set(r.json()) == {"error"}
    assert "a bug" not in r.json()["error"]
    assert "content-security-policy" in r.headers
