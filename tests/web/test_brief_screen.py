"""The brief on real runs: the bundled sample corpus and the five seed articles go through the whole
pipeline and analysis; the report's brief is checked line by line against the stored analysis and,
rendered in headless Chromium at 1400x900, fits the first screen with every link landing on evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from sitroom.config import load_settings
from sitroom.link import analyze
from sitroom.model import Article
from sitroom.process import process, read
from sitroom.report.brief import STATUS_LABELS, line_text
from sitroom.report.situation import SAMPLE_DIR, build_report, render_html
from sitroom.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.browser]
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "seeds.jsonl"


def _report(path: Path, tmp: Path) -> tuple[dict, dict]:
    settings = load_settings(env={})
    articles = [a for a in process(read([path], settings), settings) if isinstance(a, Article)]
    store = Store.open(f"sqlite:///{tmp / 'brief.db'}")
    try:
        for article in articles:
            store.add(article)
        store.save_analysis(analyze(articles))
        return build_report(store), store.load_analysis()
    finally:
        store.close()


@pytest.mark.parametrize("corpus", ["sample", "seeds"])
def test_brief_of_a_real_run_fits_one_screen_and_every_line_is_its_claim_group(corpus, browser, tmp_path):
    if corpus == "seeds" and not SEEDS.exists():
        pytest.skip("../shared is not present")
    report, analysis = _report(SAMPLE_DIR if corpus == "sample" else SEEDS, tmp_path)
    groups = {g["id"]: g for g in analysis["claim_groups"]}
    lines = report["brief"]["lines"]
    assert lines
    for line in lines:
        g = groups[line["group"]]
        assert (line["text"], line["status"], line["sources"]) == (
            line_text(g["proposition"]), STATUS_LABELS[g["status"]], len(g["sources"]))
        assert line["evidence"] and all(e["id"] in g["claims"] for e in line["evidence"])
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    try:
        browser.get(page.as_uri())
        brief = browser.find_element(By.ID, "brief")
        assert brief.rect["y"] + brief.rect["height"] <= 900
        shown = brief.find_elements(By.CSS_SELECTOR, "ol.brief > li")
        assert len(shown) == len(lines)
        for item in shown:
            for link in item.find_elements(By.CSS_SELECTOR, ".evidence a"):
                target = browser.find_element(By.ID, link.get_attribute("href").rsplit("#", 1)[1])
                quoted = link.get_attribute("title")
                assert quoted and " ".join(quoted.split()) in " ".join(target.text.split())
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
