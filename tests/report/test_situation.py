"""Situation reports from a small store of invented articles built by hand (no NLP model)."""

from __future__ import annotations

import json
import re
from html import escape

import pytest

from sitroom.errors import ConfigError
from sitroom.link import analyze
from sitroom.link.propositions import propositions
from sitroom.model import Article, Claim, Entity, Event, Mention, Span
from sitroom.report import situation
from sitroom.report.situation import build_report, md_escape, render_html, render_markdown, script_json
from sitroom.store import Store

PLACES = {  # canonical -> (kind, admin1, lat, lon)
    "Kharkiv Oblast": ("region", None, 49.5, 36.5),
    "Hlyboke": ("village", "Kharkiv Oblast", 50.2566, 36.4252),
    "Kupiansk": ("town", "Kharkiv Oblast", 49.7106, 37.6156),
    "Kharkiv": ("city", "Kharkiv Oblast", 49.9935, 36.2304),
    "Sumy": ("city", "Sumy Oblast", 50.9077, 34.7981),
}
RU, UA = "Ministry of Defence of Russia", "Armed Forces of Ukraine"
PAYLOAD = "<script>alert(1)</script>"


def make_article(source, outlet, published, title, sentences, meta=None):
    """``sentences``: (text, speaker or None, event type or None, negated); places found by name."""
    body = " ".join(s[0] for s in sentences)
    article = Article(source=source, raw_text=f"{title}\n\n{body}", body=body, title=title, outlet=outlet,
                      published=published, language="en", meta=meta or {})
    mentions: dict[str, list[Mention]] = {}
    claims, events, at = [], [], 0
    for text, speaker, kind, negated in sentences:
        span = Span(at, at + len(text))
        named = []
        for name in sorted(PLACES, key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(name)}\b", text):
                if not any(s.start <= at + m.start() < s.end for ms in mentions.values() for s in
                           (x.span for x in ms)):
                    mentions.setdefault(name, []).append(Mention(name, Span(at + m.start(), at + m.end())))
                    named.append(name)
        claim_id = None
        if speaker:
            claim_id = f"{article.id}:c{len(claims) + 1}"
            claims.append(Claim(claim_id, speaker, "said", span, text.rstrip("."), negated=negated,
                                speaker_kind="organization"))
        if kind:
            events.append(Event(f"{article.id}:e{len(events) + 1}", kind, span, locations=tuple(named),
                                date=published, date_precision="day", claimed_by=speaker or outlet,
                                claim_id=claim_id, status="claimed" if speaker else "reported"))
        at = span.end + 1
    article.entities = tuple(
        Entity(name, "location", tuple(ms), id=str(100 + list(PLACES).index(name)), kind=PLACES[name][0],
               country="UA", admin1=PLACES[name][1], lat=PLACES[name][2], lon=PLACES[name][3])
        for name, ms in mentions.items())
    article.claims, article.events = tuple(claims), tuple(events)
    return propositions(article)


def corpus():
    return [
        make_article("https://news.example/ru/1", "Northern Wire", "2025-03-10", "Hlyboke captured, ministry says", [
            (f"The {RU} said its forces captured Hlyboke in the Kharkiv Oblast after heavy fighting.",
             RU, "territory_change", False),
            (f"The {RU} said residents are fleeing Kupiansk as the front moves closer.", RU, "evacuation", False),
            ("Shelling was heard near Kharkiv overnight.", None, "attack", False),
        ]),
        make_article("https://news.example/ua/2", "Southern Herald", "2025-03-11", "Hlyboke holds, army says", [
            (f"The {UA} said Russian forces did not capture Hlyboke and the fighting in the Kharkiv Oblast goes on.",
             UA, "territory_change", True),
            (f"The {UA} said residents are fleeing Kupiansk, with evacuation buses leaving daily.", UA,
             "evacuation", False),
            (f"The {UA} said reserves were deployed to Kharkiv.", UA, "deployment", False),
        ]),
        make_article("/data/scrapes/sumy.txt", "Southern Herald", "2025-03-12", "Drone strike in Sumy", [
            ("A drone struck a warehouse in Sumy on Wednesday.", None, "attack", False),
        ]),
        make_article("https://news.example/ua/0", "Southern Herald", "2025-01-05", "Winter shelling", [
            ("Shelling damaged houses in Kupiansk.", None, "attack", False),
        ]),
    ]


def build_store(path, articles):
    store = Store.open(f"sqlite:///{path}")
    for article in articles:
        store.add(article)
    store.save_analysis(analyze(articles))
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("report") / "r.db", corpus())
    yield db
    db.close()


@pytest.fixture(scope="module")
def report(store):
    return build_report(store, region="Kharkiv Oblast", since="2025-03-01", until="2025-03-31")


def developments(report):
    return [d for s in report["stories"] for d in s["developments"]]


def map_config(html):
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.DOTALL)
    return json.loads(found.group(1))


def test_situation_html_has_every_section_and_header(report):
    html = render_html(report)
    for section in ('id="developments"', 'id="contradictions"', 'id="map"', 'id="timeline"', 'id="outlets"'):
        assert section in html
    assert "Kharkiv Oblast" in html and "2025-03-01 to 2025-03-31" in html
    assert report["generated_at"] in html
    assert f"{report['counts']['articles']} articles" in html
    assert "SAMPLE DATA" not in html


def test_situation_html_is_self_contained(report):
    html = render_html(report)
    assert "<script src" not in html and "<link" not in html and "cdn" not in html.lower()
    assert "L.map(" in html and "leaflet-container" in html  # Leaflet JS and CSS inlined
    assert map_config(html)["tile_url"] == ""  # no tiles unless asked for
    with_tiles = render_html(report, tile_url="https://tiles.example/{z}/{x}/{y}.png")
    assert map_config(with_tiles)["tile_url"] == "https://tiles.example/{z}/{x}/{y}.png"


@pytest.mark.parametrize("sentence, status", [
    ("says: territory change in Hlyboke, Kharkiv Oblast", "contested"),
    ("denies: territory change in Hlyboke, Kharkiv Oblast", "contested"),
    ("evacuation in Kupiansk", "confirmed across sides"),
    ("says: deployment in Kharkiv", "claimed by one side"),
    ("Attack in Kharkiv", "reported by the outlet"),
])
def test_situation_statuses_never_blur_claimed_and_confirmed(report, sentence, status):
    found = [d for d in developments(report) if sentence in d["sentence"]]
    assert found and {d["status"] for d in found} == {status}
    html = render_html(report)
    assert f'class="status s-{status.replace(" ", "-")}">{status}</span>' in html


def test_situation_citations_name_speaker_outlets_and_links(report):
    dev = next(d for d in developments(report) if "says: deployment in Kharkiv" in d["sentence"])
    (cite,) = dev["citations"]
    assert cite["speaker"] == UA and cite["outlets"] == ["Southern Herald"]
    assert cite["article"]["url"] == "https://news.example/ua/2"
    assert cite["evidence"].startswith(f"The {UA} said reserves")
    assert dev["sentence"].startswith(f"{UA} says:")
    assert 'href="https://news.example/ua/2"' in render_html(report)


def test_situation_contradictions_list_both_sides(report):
    assert report["contradictions"]
    pair = report["contradictions"][0]
    assert {pair["a"]["speaker"], pair["b"]["speaker"]} == {RU, UA}
    assert "Hlyboke" in pair["why"]
    assert all(side["evidence"] for side in (pair["a"], pair["b"]))
    html = render_html(report)
    assert escape(pair["why"]) in html


def test_situation_map_markers_carry_places_types_and_status(report):
    markers = {(m["place"], m["type"]): m for m in map_config(render_html(report))["markers"]}
    assert markers[("Hlyboke", "territory_change")]["status"] == "contested"
    assert markers[("Kupiansk", "evacuation")]["lat"] == pytest.approx(49.7106)
    assert all(m["colour"].startswith("#") for m in markers.values())
    assert "Sumy" not in {place for place, _ in markers}


def test_situation_region_includes_its_settlements_only(report, store):
    places = {p for d in developments(report) for p in d["places"]}
    assert {"Hlyboke", "Kupiansk", "Kharkiv"} <= places and "Sumy" not in places
    sumy = build_report(store, region="Sumy Oblast")
    assert {p for d in developments(sumy) for p in d["places"]} == {"Sumy"}
    assert sumy["counts"]["articles"] == 1
    town = build_report(store, place="Kupiansk", since="2025-03-01")
    assert {tuple(d["places"]) for d in developments(town)} == {("Kupiansk",)}
    box = build_report(store, bbox=(34.0, 50.5, 35.5, 51.5))
    assert {p for d in developments(box) for p in d["places"]} == {"Sumy"}


@pytest.mark.parametrize("since, until, has_winter", [
    ("2025-03-01", "2025-03-31", False), ("2025-01-01", "2025-01-31", True), (None, None, True),
])
def test_situation_time_window(store, since, until, has_winter):
    report = build_report(store, region="Kharkiv Oblast", since=since, until=until)
    dates = {d["date"] for d in developments(report)}
    assert ("2025-01-05" in dates) is has_winter
    assert (len(dates) > 1) is (since != "2025-01-01")
    assert all(since <= t["date"] <= until for t in report["timeline"]) if since else True


def test_situation_outlet_framing_table(report):
    rows = {r["outlet"]: r for r in report["outlets"]}
    assert set(rows) == {"Northern Wire", "Southern Herald"}
    assert rows["Southern Herald"]["articles_profiled"] == 3
    assert "Outlet framing" in render_html(report) and "| Northern Wire |" in render_markdown(report)


def test_situation_markdown_has_sections_statuses_and_links(report):
    md = render_markdown(report)
    for heading in ("# Situation report: Kharkiv Oblast", "## Key developments", "## Contradictions", "## Map",
                    "## Timeline", "## Outlet framing"):
        assert heading in md
    assert "**[contested]**" in md and "**[confirmed across sides]**" in md
    assert "[Hlyboke holds, army says](https://news.example/ua/2)" in md


@pytest.mark.parametrize("sample_by", ["meta", "path"])
def test_situation_sample_banner(tmp_path, sample_by):
    source = str(situation.SAMPLE_DIR / "txt" / "x.txt") if sample_by == "path" else "notes.txt"
    article = make_article(source, "Northern Wire", "2025-03-10", "Invented",
                           [("Shelling was heard near Kharkiv.", None, "attack", False)],
                           meta={"sample": True} if sample_by == "meta" else None)
    with build_store(tmp_path / "s.db", [article]) as db:
        report = build_report(db)
    assert report["sample"] is True
    assert 'class="sample"' in render_html(report) and "SAMPLE DATA" in render_html(report)
    assert render_markdown(report).startswith("> **SAMPLE DATA**")


@pytest.mark.parametrize("where", ["title", "body", "speaker", "outlet", "source"])
def test_situation_escapes_article_text(tmp_path, where):
    speaker = PAYLOAD if where == "speaker" else RU
    text = f"The ministry said its forces captured Kupiansk {PAYLOAD if where == 'body' else ''}."
    article = make_article(f"https://x.example/{PAYLOAD}" if where == "source" else "https://x.example/1",
                           PAYLOAD if where == "outlet" else "Northern Wire", "2025-03-10",
                           PAYLOAD if where == "title" else "Title", [(text, speaker, "territory_change", False)])
    with build_store(tmp_path / "x.db", [article]) as db:
        report = build_report(db, place="Kupiansk", title=PAYLOAD)
    html, md = render_html(report), render_markdown(report)
    assert PAYLOAD in json.dumps(report)  # the text is there, only escaped on the way out
    for out in (html, md):
        assert "<script>alert" not in out.lower()
    assert map_config(html)["markers"][0]["place"] == "Kupiansk"


@pytest.mark.parametrize("raw, escaped", [
    ("<b>", "&lt;b&gt;"), ("[x](javascript:y)", r"\[x\]\(javascript:y\)"), ("a_b*c`", r"a\_b\*c\`"),
    ("two\nlines", "two lines"), ("a | b", r"a \| b"), ("&lt;", "&amp;lt;"),
])
def test_situation_md_escape(raw, escaped):
    assert md_escape(raw) == escaped


def test_situation_script_json_cannot_close_the_script():
    text = script_json({"x": "</script><script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>&"}


def test_situation_caps_developments_with_a_note(store, monkeypatch):
    monkeypatch.setattr(situation, "MAX_DEVELOPMENTS", 2)
    report = build_report(store)
    assert report["counts"]["developments_shown"] == 2 < report["counts"]["developments"]
    assert any("Showing the newest 2" in n for n in report["notes"])


def test_situation_bad_date_is_a_config_error(store):
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        build_report(store, since="March")


def test_situation_without_analysis_says_so(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'n.db'}") as db:
        db.add(corpus()[2])
        report = build_report(db)
    assert any("sitroom analyze" in n for n in report["notes"])
    assert developments(report)[0]["status"] == "reported by the outlet"


def test_situation_links_only_http_urls(tmp_path):
    article = make_article("javascript:alert(1)", "Northern Wire", "2025-03-10", "Title",
                           [("Shelling was heard near Kharkiv.", None, "attack", False)],
                           meta={"url": "data:text/html,x"})
    with build_store(tmp_path / "j.db", [article]) as db:
        report = build_report(db)
    assert developments(report)[0]["citations"][0]["article"]["url"] is None
    assert 'href="javascript' not in render_html(report) and "](javascript" not in render_markdown(report)


# --- the report's brief against the analysis it was built from --------------------------------------

def test_situation_brief_matches_the_analysis_and_links_to_the_evidence(report, store):
    from sitroom.report.brief import STATUS_LABELS, line_text

    analysis = {g["id"]: g for g in store.load_analysis().get("claim_groups") or []}
    cited = {c["claim_id"]: d["id"] for s in report["stories"] for d in s["developments"] for c in d["citations"]
             if c["claim_id"]}
    assert report["brief"]["lines"]
    for line in report["brief"]["lines"]:
        g = analysis[line["group"]]
        assert line["status"] == STATUS_LABELS[g["status"]] and line["sources"] == len(g["sources"])
        assert line["text"] == line_text(g["proposition"])
        for e in line["evidence"]:
            assert e["id"] in g["claims"] and e["link"] == f"#dev-{cited[e['id']]}"
    html = render_html(report)
    anchors = set(re.findall(r'id="(dev-[^"]+)"', html))
    links = re.findall(r'<ol class="brief">.*?</ol>', html, re.S)[0]
    assert {h[1:] for h in re.findall(r'href="(#[^"]+)"', links)} <= anchors


def test_situation_map_inlines_the_outlines_near_its_markers(report):
    config = map_config(render_html(report))
    names = {f["properties"]["name"] for f in config["boundaries"]["features"]}
    assert {"Ukraine", "Kharkiv Oblast"} <= names and "Lviv Oblast" not in names  # near the markers only


def test_situation_a_region_typed_as_a_variant_is_the_stored_oblast_and_a_typo_says_what_is_close(store, report):
    from sitroom.query.names import UnknownName

    typed = build_report(store, region="Kharkov", since="2025-03-01", until="2025-03-31")
    assert typed["scope"]["region"] == "Kharkiv Oblast" and typed["counts"] == report["counts"]
    with pytest.raises(UnknownName, match="closest known: Kharkiv Oblast"):
        build_report(store, region="Kharkof Oblsat")
