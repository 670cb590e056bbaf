"""The OpenAPI document: valid JSON, every operation tagged, summarised, described, parameters documented."""

from __future__ import annotations

import json

import pytest

ENDPOINTS = ["/api/articles", "/api/articles/{article_id}", "/api/claims", "/api/claims/{claim_id}", "/api/events",
             "/api/entities", "/api/stories", "/api/stories/{story_id}", "/api/outlets", "/api/outlets/{name}",
             "/api/search", "/api/places/{name}", "/api/ingest", "/api/brief",
             "/api/groups/{group_id}", "/api/control", "/api/relations", "/api/export/{kind}.{fmt}"]


@pytest.fixture(scope="module")
def spec(client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    return json.loads(r.text)


def test_openapi_lists_every_endpoint(spec):
    assert spec["openapi"].startswith("3.") and spec["info"]["title"] == "sitroom" and spec["info"]["description"]
    assert set(ENDPOINTS) <= set(spec["paths"])
    assert not [p for p in spec["paths"] if not p.startswith("/api/")], "pages must stay out of the API document"


def test_openapi_operations_are_documented(spec):
    tags = {t["name"] for t in spec["tags"]}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            assert op.get("summary") and op.get("description"), f"{method} {path}"
            assert op.get("tags") and set(op["tags"]) <= tags, f"{method} {path}"
            for param in op.get("parameters", []):
                assert param.get("description"), f"{path} {param['name']}"


def test_openapi_has_examples_and_error_shapes(spec):
    text = json.dumps(spec)
    assert text.count('"examples"') >= 10
    assert "ErrorBody" in spec["components"]["schemas"]
    ingest = spec["paths"]["/api/ingest"]["post"]
    assert {"401", "403", "413"} <= set(ingest["responses"])
    assert ingest["requestBody"]["content"]["application/json"]["schema"]["type"] == "array"


def test_openapi_refs_resolve(spec):
    schemas = spec["components"]["schemas"]

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref:
                assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
