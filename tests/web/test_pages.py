"""Pages rendered in-process: each page answers, links through, and escapes article text."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from sitroom.web.pages import _markers, _paragraphs


def test_pages_search_overview_and_results(page_client, ids):
    home = page_client.get("/").text
    assert "Latest stories" in home and f"/stories/{ids['story']}" in home and "/places/Kharkiv%20Oblast" in home
    found = page_client.get("/?q=evacuated").text
    assert "Families leave Kupiansk after shelling" in found and "[evacuated]" in found
    claims = page_client.get("/?speaker=Ministry+of+Defence+of+Russia&region=Kharkiv+Oblast").text
    assert claims.count('class="claim') == 2


def test_pages_home_brief_follows_the_place_and_window(page_client):
    home = page_client.get("/").text
    assert 'id="brief"' in home and "What changed" in home
    everywhere = page_client.get("/api/brief").json()
    assert everywhere["lines"] and all(line["evidence"] for line in everywhere["lines"])
    nowhere = page_client.get("/?region=Sumy+Oblast&since=2030-01-01").text
    assert "What changed in Sumy Oblast, 2030-01-01 to now" in nowhere and 'class="brief"' not in nowhere
    assert page_client.get("/api/brief", params={"since": "2030-01-01"}).json()["lines"] == []


def test_pages_every_claim_group_has_a_provenance_view(page_client, web_settings):
    from sitroom.store import Store

    store = Store.open(web_settings.get("store", "url"))
    try:
        groups = store.load_analysis().get("claim_groups") or []
    finally:
        store.close()
    assert groups
    for g in groups:
        assert page_client.get(f"/groups/{g['id']}").status_code == 200
        detail = page_client.get(f"/api/groups/{g['id']}").json()
        assert {o["source"] for o in detail["origins"]} == set(g["sources"]) and detail["independent"] == len(g["sources"])
        shown = {c["id"] for o in detail["origins"] for c in o["claims"]} | {c["id"] for c in detail["copies"]}
        assert shown == set(g["claims"])
    assert page_client.get("/api/groups/g999").status_code == 404


def test_pages_every_settlement_with_a_control_claim_has_a_timeline_and_a_map_marker(page_client):
    places = page_client.get("/api/control").json()
    assert places
    whole = page_client.get("/map").text
    for p in places:
        page = page_client.get(f"/places/{quote(p['place'], safe='')}").text
        assert 'id="control"' in page and all(f"/groups/{e['group']}" in page for e in p["entries"])
        assert f"/places/{quote(p['place'], safe='')}" in whole
        assert p["latest"] == p["entries"][-1] and p["latest"]["holder"] in ("russia", "ukraine")


def test_pages_story_has_one_column_per_outlet(page_client, ids):
    html = page_client.get(f"/stories/{ids['story']}").text
    assert html.count('class="column"') == 2 and 'data-outlet="Blue Post"' in html
    assert "contradicts" in html and "independent" in html


def test_pages_claim_shows_chain_and_relations(page_client, ids):
    html = page_client.get(f"/claims/{quote(ids['red_c1'])}").text
    assert html.count('<li class="link-') == 3 and "contradicts" in html and "Why:" in html


def test_pages_place_passes_markers_in_a_data_attribute(page_client):
    html = page_client.get("/places/Kharkiv%20Oblast").text
    assert 'id="map"' in html and "data-markers=" in html and 'src="/static/map.js"' in html
    assert 'href="/static/leaflet/leaflet.css"' in html and "Timeline" in html


def test_pages_outlet_profile(page_client):
    html = page_client.get("/outlets/Red%20Wire").text
    assert "Overall lean" in html and "<meter" in html and "Kharkov/Kharkiv" in html


@pytest.mark.parametrize("page", ["/articles/{evil}", "/claims/{evil_c1}", "/stories", "/outlets",
                                  "/outlets/{evil_outlet}", "/places/Sumy", "/?q=bridge",
                                  "/?speaker=x&outlet={evil_outlet}"])
def test_pages_escape_article_text(page_client, ids, page):
    html = page_client.get(page.format(**{k: quote(v, safe="") for k, v in ids.items()})).text
    assert "<script>window" not in html and "<img src=x" not in html
    assert "window.__pwned" in html or page in ("/stories", "/?speaker=x&outlet={evil_outlet}")


def test_pages_vendored_leaflet_is_served(page_client):
    js = page_client.get("/static/leaflet/leaflet.js")
    assert js.status_code == 200 and '"1.9.4"' in js.text
    assert page_client.get("/static/leaflet/leaflet.css").status_code == 200
    assert page_client.get("/static/leaflet/images/marker-icon.png").status_code == 200
    assert "BSD" in page_client.get("/static/leaflet/LICENSE").text


def test_pages_api_docs_are_served_from_local_files_without_inline_script(page_client):
    page = page_client.get("/api/docs")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert 'src="/api/docs/assets/swagger-ui-bundle.js"' in page.text and "<script>" not in page.text
    bundle = page_client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text
    assert page_client.get("/api/docs/assets/swagger-ui.css").status_code == 200


def test_pages_markers_group_events_by_place():
    events = [{"id": "a:e1", "type": "attack", "places": [{"name": "X", "lat": 1.0, "lon": 2.0}], "article": {}},
              {"id": "b:e1", "type": "other", "places": [{"name": "X", "lat": 1.0, "lon": 2.0},
                                                          {"name": "Y"}], "article": {"id": "b"}}]
    (marker,) = _markers(events)
    assert marker["name"] == "X" and [e["id"] for e in marker["events"]] == ["a:e1", "b:e1"]


def test_pages_paragraphs_mark_evidence_once():
    body = "One two.\n\nThree four."
    doc = {"body": body, "claims": [{"id": "c1", "evidence_span": {"start": 0, "end": 8}},
                                    {"id": "c2", "evidence_span": {"start": 4, "end": 12}}]}
    paras = _paragraphs(doc)
    assert [[s["claim"] for s in p] for p in paras] == [["c1"], [None]]
    assert "".join(s["text"] for s in paras[0]) + "\n\n" + "".join(s["text"] for s in paras[1]) == body
