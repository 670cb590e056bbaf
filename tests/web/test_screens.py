"""Every page of the web app over the bundled sample corpus, in headless Chromium at 1400x900: the
brief, the control map, a settlement page, a claim group's provenance, the API documentation, search,
a story, a claim and an outlet. Each
is checked for what it shows against the store, keyboard reach (Tab walks the links, the focus is
visible) and readable contrast (WCAG AA, 4.5:1 for text); each is saved as a screenshot, into
``docs/img`` when ``SITROOM_SCREENSHOTS=1`` (the README shows them), else into a temporary folder."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from sitroom.config import load_settings
from sitroom.link import analyze
from sitroom.model import Article
from sitroom.process import process, read
from sitroom.report.situation import SAMPLE_DIR
from sitroom.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.browser]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "img"

#: the WCAG contrast ratio of every element's own text against the background it is drawn on
CONTRAST = """
function lum(c) {
  var m = c.match(/[\\d.]+/g).map(Number);
  var v = m.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function background(el) {
  for (var e = el; e; e = e.parentElement) {
    var c = getComputedStyle(e).backgroundColor, a = c.match(/[\\d.]+/g);
    if (a && (a.length < 4 || Number(a[3]) > 0.5)) { return c; }
  }
  return "rgb(255, 255, 255)";
}
var bad = [];
document.querySelectorAll("main *, header *").forEach(function (el) {
  var own = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  var style = getComputedStyle(el);
  if (!own || style.visibility === "hidden" || style.display === "none" || el.closest(".leaflet-container, #swagger-ui")) { return; }
  var a = lum(style.color), b = lum(background(el));
  var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) { bad.push(el.tagName + "." + el.className + " '" + el.textContent.trim().slice(0, 30) + "' " + ratio.toFixed(2)); }
});
return bad;
"""


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    import socket

    import uvicorn

    from sitroom.api import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('screens') / 'sample.db'}"
    settings = load_settings(env={}, overrides={"store.url": url})
    articles = [a for a in process(read([SAMPLE_DIR], settings), settings) if isinstance(a, Article)]
    store = Store.open(url)
    for article in articles:
        store.add(article)
    store.save_analysis(analyze(articles))
    analysis = store.load_analysis()
    store.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", analysis
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return DOCS if os.environ.get("SITROOM_SCREENSHOTS") == "1" else tmp_path_factory.mktemp("shots")


def _largest_contested_group(analysis) -> dict:
    return max(analysis["claim_groups"], key=lambda g: (g["status"] == "contested", len(g["sources"])))


def _pages(analysis):
    group = _largest_contested_group(analysis)
    story = max(analysis["stories"], key=lambda st: len(st["articles"]))
    return [("search", "/?q=Kupiansk", "#articles ol.results li"),
            ("story", f"/stories/{quote(story['id'])}", "#columns .column"),
            ("claim", f"/claims/{quote(group['claims'][0])}", "#chain li"),
            ("outlet", "/outlets/TASS", "main h1"),
            ("brief", "/", "#brief ol.brief > li"),
            ("control-map", "/map", "#map path.control-marker"),
            ("settlement", f"/places/{quote(group['proposition']['place'])}", "#control ol.control-timeline > li"),
            ("provenance", f"/groups/{group['id']}", "#origins > li.origin"),
            ("api-docs", "/api/docs", "#swagger-ui .opblock-summary-path")]


@pytest.mark.parametrize("name", ["brief", "control-map", "settlement", "provenance", "api-docs", "search", "story",
                                  "claim", "outlet"])
def test_screens_show_the_store_reach_by_keyboard_read_clearly(name, browser, sample_server, shots):
    base, analysis = sample_server
    _, path, shown = next(p for p in _pages(analysis) if p[0] == name)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    try:
        browser.get(base + path)
        WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, shown))
        if name == "provenance":
            group = _largest_contested_group(analysis)
            sources = [e.get_attribute("data-source") for e in browser.find_elements(By.CSS_SELECTOR, shown)]
            assert sorted(sources) == sorted(group["sources"])
        if name == "control-map":
            WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "map").get_attribute("data-boundaries-ready"))
        assert browser.execute_script(CONTRAST) == []
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        first = browser.switch_to.active_element
        assert first.text == "Skip to content" and first.is_displayed()
        reached = set()
        for _ in range(12):
            browser.switch_to.active_element.send_keys(Keys.TAB)
            active = browser.switch_to.active_element
            reached.add(active.get_attribute("href") or active.tag_name)
            outline = browser.execute_script("var s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + arguments[0].matches(':focus') + ' ' + arguments[0].type + ' ' + document.hasFocus();", active)
            assert not outline.startswith("none"), (name, active.tag_name, outline)
        assert len(reached) >= 5
        browser.execute_script("window.scrollTo(0, 0); document.activeElement.blur();")
        time.sleep(0.3)
        browser.save_screenshot(str(shots / f"{name}.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
