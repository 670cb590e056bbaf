"""POST /api/ingest runs the real pipeline (reader, cleaning, spaCy, extraction) and stores."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app

from .conftest import TOKEN, make_settings

pytestmark = pytest.mark.slow

TEXT = ("Drone strike damages depot in Sumy\n\n"
        "A drone struck a fuel depot in Sumy on Tuesday night, regional governor Volodymyr Artiukh said. "
        "Firefighters put out the blaze by morning, the emergency service said.")
PAGE = ("<html><head><title>Shelling near Kupiansk</title></head><body><article><h1>Shelling near Kupiansk</h1>"
        "<p>Artillery shelled the outskirts of Kupiansk on Monday, the local administration said. "
        "Two houses were damaged.</p></article></body></html>")


def test_ingest_stores_texts_and_pages_and_updates_the_analysis(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    with TestClient(create_app(make_settings(url, **{"serve.write_token": TOKEN}))) as c:
        records = [{"source": "https://example.test/sumy", "text": TEXT, "published": "2024-08-06",
                    "outlet": "Example Daily"},
                   {"source": "https://example.test/kupiansk", "html": PAGE, "published": "2024-08-05"}]
        r = c.post("/api/ingest", json=records, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        result = r.json()
        assert result["new"] == 2 and result["existing"] == 0 and result["failed"] == []
        assert result["analyzed"] is True and result["total"] == 2
        article = c.get(f"/api/articles/{result['articles'][0]}").json()
        assert article["outlet"] == "Example Daily" and article["published"] == "2024-08-06"
        assert article["claims"], "the pipeline extracted no claim"
        assert c.get("/api/stories").json()["total"] >= 1
        again = c.post("/api/ingest", json=records[:1], headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert again["new"] == 0 and again["existing"] == 1 and again["analyzed"] is False


def test_ingest_reports_failures_per_record(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    with TestClient(create_app(make_settings(url, **{"serve.write_token": TOKEN}))) as c:
        r = c.post("/api/ingest", json=[{"source": "empty", "text": "   "}],
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200
        assert r.json()["new"] == 0 and len(r.json()["failed"]) == 1
