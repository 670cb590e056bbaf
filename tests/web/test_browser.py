"""The pages in headless Chromium: search, story, provenance, the Leaflet map, and no script injection."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def _open(browser, base: str, path: str):
    browser.get(base + path)
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return browser


def _csp_violations(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]


def test_browser_search_form_finds_articles(browser, live_server):
    _open(browser, live_server, "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("evacuated")
    box.submit()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "articles")))
    results = browser.find_elements(By.CSS_SELECTOR, "#articles ol.results li")
    assert [r.find_element(By.TAG_NAME, "a").text for r in results] == ["Families leave Kupiansk after shelling"]


def test_browser_story_outlets_side_by_side(browser, live_server, ids):
    _open(browser, live_server, f"/stories/{ids['story']}")
    columns = browser.find_elements(By.CSS_SELECTOR, "#columns .column")
    assert [c.get_attribute("data-outlet") for c in columns] == ["Blue Post", "Red Wire"]
    assert columns[0].location["y"] == columns[1].location["y"]  # side by side, not stacked
    assert columns[0].find_elements(By.CSS_SELECTOR, "article.claim")


def test_browser_claim_provenance(browser, live_server, ids):
    _open(browser, live_server, f"/claims/{quote(ids['red_c1'])}")
    roles = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#chain .role")]
    assert roles == ["SPEAKER", "OUTLET", "ARTICLE"] or roles == ["speaker", "outlet", "article"]
    related = browser.find_element(By.ID, "related").text
    assert "contradicts" in related and "independent" in related and "Why:" in related


def test_browser_place_map_has_markers(browser, live_server):
    browser.get_log("browser")  # drop earlier entries
    _open(browser, live_server, "/places/Kharkiv%20Oblast")
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "map").get_attribute("data-ready"))
    assert "leaflet-container" in browser.find_element(By.ID, "map").get_attribute("class")
    markers = browser.find_elements(By.CSS_SELECTOR, "#map path.sitroom-marker.leaflet-interactive")
    assert len(markers) == 3  # Kupiansk, Lyptsi, Vovchansk
    markers[0].click()
    popup = WebDriverWait(browser, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".leaflet-popup")))
    assert popup.find_elements(By.TAG_NAME, "a")
    assert _csp_violations(browser) == []


@pytest.mark.parametrize("page", ["/articles/{evil}", "/claims/{evil_c1}", "/outlets/{evil_outlet}", "/places/Sumy",
                                  "/?q=bridge", "/stories/{story_sumy}"])
def test_browser_article_markup_never_runs(browser, live_server, ids, page):
    values = {k: quote(v, safe="") for k, v in ids.items()}
    values["story_sumy"] = browser_story_of(live_server, ids["evil"])
    _open(browser, live_server, page.format(**values))
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('img[src=\"x\"], [onerror]').length") == 0
    scripts = browser.execute_script("return Array.from(document.scripts).map(s => s.src || 'inline')")
    assert all(s.startswith(live_server + "/static/") for s in scripts)
    assert "<script>window.__pwned=1</script>" in browser.find_element(By.TAG_NAME, "main").text


def browser_story_of(base: str, article_id: str) -> str:
    import json
    from urllib.request import urlopen

    with urlopen(f"{base}/api/articles/{article_id}") as r:
        return json.load(r)["story"]


def test_browser_api_docs_render_every_endpoint_with_no_csp_violation(browser, live_server):
    browser.get_log("browser")
    _open(browser, live_server, "/api/docs")
    WebDriverWait(browser, 15).until(lambda d: d.find_element(By.ID, "swagger-ui").get_attribute("data-ready"))
    WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#swagger-ui .opblock-summary-path"))
    paths = {e.get_attribute("data-path") for e in browser.find_elements(By.CSS_SELECTOR, "#swagger-ui .opblock-summary-path")}
    assert {"/api/articles", "/api/claims", "/api/stories"} <= paths
    assert _csp_violations(browser) == []


def _viewport(browser, width: int = 1400, height: int = 900) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def test_browser_home_brief_fits_one_screen_and_every_line_links_to_its_claims(browser, live_server, page_client):
    _viewport(browser)
    try:
        _open(browser, live_server, "/")
        brief = browser.find_element(By.ID, "brief")
        lines = brief.find_elements(By.CSS_SELECTOR, "ol.brief > li")
        assert lines and brief.rect["y"] + brief.rect["height"] <= 900
        for line in lines:
            links = [a.get_attribute("href") for a in line.find_elements(By.CSS_SELECTOR, ".evidence a")]
            assert links
            for href in links:
                claim_id = href.rsplit("/claims/", 1)[1]
                claim = page_client.get(f"/api/claims/{claim_id}").json()
                assert claim["group"]["id"] == line.get_attribute("data-group")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _resources(browser) -> list[str]:
    return browser.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")


@pytest.mark.parametrize("path", ["/map", "/places/Kharkiv%20Oblast"])
def test_browser_map_draws_shipped_boundaries_and_control_with_no_network(browser, live_server, path):
    browser.get_log("browser")
    _open(browser, live_server, path)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "map").get_attribute("data-boundaries-ready"))
    assert browser.find_elements(By.CSS_SELECTOR, "#map path.boundary-country")
    assert browser.find_elements(By.CSS_SELECTOR, "#map path.boundary-region")
    assert all(url.startswith(live_server) for url in _resources(browser))
    assert _csp_violations(browser) == []


def test_browser_runs_with_no_network_but_this_machine(browser, live_server):
    _open(browser, live_server, "/")
    outside = browser.execute_async_script(
        "var done = arguments[0]; var img = new Image(); img.onload = function () { done('loaded'); };"
        "img.onerror = function () { done('blocked'); }; img.src = 'https://tile.openstreetmap.org/5/18/10.png';")
    assert outside == "blocked"


def test_browser_control_map_marks_the_latest_claim_of_each_settlement(browser, live_server, page_client):
    places = [p for p in page_client.get("/api/control").json() if p["lat"] is not None]
    _open(browser, live_server, "/map")
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "map").get_attribute("data-ready"))
    shown = browser.find_elements(By.CSS_SELECTOR, "#map path.control-marker")
    assert len(shown) == len(places) > 0
    holders = sorted(c.get_attribute("class").split("holder-")[1].split()[0] for c in shown)
    assert holders == sorted(p["latest"]["holder"] for p in places)
    shown[0].click()
    popup = WebDriverWait(browser, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".leaflet-popup")))
    assert any("/groups/" in a.get_attribute("href") for a in popup.find_elements(By.TAG_NAME, "a"))
