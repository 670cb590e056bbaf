import csv
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.model import Article, Claim, Entity, Event, Proposition, Quantity, Span
from sitroom.report.export import (CLAIM_COLUMNS, EVENT_COLUMNS, Context, ExportError, claim_rows, csv_cell,
                                   event_rows, export)
from sitroom.store import Store


def _body(*sentences: str) -> tuple[str, list[Span]]:
    body, spans = "", []
    for s in sentences:
        body += ("" if not body else " ")
        spans.append(Span(len(body), len(body) + len(s)))
        body += s
    return body, spans


def _at(body: str, word: str) -> Span:
    i = body.index(word)
    return Span(i, i + len(word))


AFU = "Armed Forces of Ukraine"
STRIKE = (Proposition("strike", "Vovkove", "settlement", region="Kharkiv Oblast"),)
STRIKE_KEY = {"predicate": "strike", "place": "Vovkove", "negated": False}
PLACES = (
    Entity("Ukraine", "location", id="690791", kind="country", country="UA", lat=49.0, lon=32.0),
    Entity("Kharkiv Oblast", "location", id="706482", kind="region", country="UA", admin1="Kharkiv Oblast",
           lat=49.5, lon=36.5),
    Entity("Vovkove", "location", id="900001", kind="village", country="UA", admin1="Kharkiv Oblast",
           lat=49.61, lon=37.42),
    Entity("Zorianyi", "location", id="900002", kind="town", country="UA", admin1="Kharkiv Oblast",
           lat=49.80, lon=37.10),
)


def _ukrainian() -> Article:
    body, (s1, s2, s3, s4) = _body(
        "The Armed Forces of Ukraine said a drone hit a fuel depot in Vovkove on Monday.",
        "The army said its units killed 14 soldiers near Vovkove.",
        "The army said Ukrainian troops retook Zorianyi.",
        "Reserves were moved to Vovkove and across Kharkiv Oblast.")
    aid = Article("ua.txt", body).id
    claims = (Claim(f"{aid}:c1", AFU, "said", s1, "a drone hit a fuel depot in Vovkove",
                    via=("Ukrinform",)),
              Claim(f"{aid}:c2", AFU, "said", s2, "its units killed 14 soldiers", quote="=SUM(A1:A9)",
                    propositions=STRIKE),
              Claim(f"{aid}:c3", AFU, "said", s3, "Ukrainian troops retook Zorianyi"))
    events = (Event(f"{aid}:e1", "attack", s1, ("Vovkove",), "2025-03-03", "day", AFU, AFU, f"{aid}:c1",
                    "claimed", subtype="drone"),
              Event(f"{aid}:e2", "casualties", s2, ("Vovkove",), "2025-03-02", "since", AFU, AFU, f"{aid}:c2",
                    "claimed", quantities=(Quantity("14 soldiers", 14.0, "soldiers"),),
                    trigger=_at(body, "killed")),
              Event(f"{aid}:e3", "territory_change", s3, ("Zorianyi",), "2025-03-04", "day",
                    "Ukrainian troops", AFU, f"{aid}:c3", "claimed"),
              Event(f"{aid}:e4", "deployment", s4, ("Vovkove", "Kharkiv Oblast"), None, "day", None,
                    "Ukrinform", None, "reported"))
    return Article("ua.txt", body, body=body, outlet="Ukrinform", published="2025-03-04", title="Depot hit",
                   entities=PLACES, claims=claims, events=events)


def _russian() -> Article:
    body, (s1, s2) = _body(
        "The Russian Defence Ministry said its forces took Zorianyi.",
        "Officials said shelling of Vovkove stopped, and added - calmly - that all was quiet.")
    aid = Article("ru.txt", body).id
    claims = (Claim(f"{aid}:c1", "Ministry of Defence of Russia", "said", s1, "its forces took Zorianyi"),
              Claim(f"{aid}:c2", "officials", "said", s2, "-calm in Vovkove", speaker_kind="unnamed",
                    negated=True, hedged=True, propositions=STRIKE))
    events = (Event(f"{aid}:e1", "territory_change", s1, ("Zorianyi",), "2025-03-05", "day", "Russian forces",
                    "Ministry of Defence of Russia", f"{aid}:c1", "claimed"),
              Event(f"{aid}:e2", "attack", s2, ("Vovkove",), "2025-03-05", "day", None, "officials",
                    f"{aid}:c2", "claimed", subtype="shelling"))
    return Article("ru.txt", body, body=body, outlet="TASS", published="2025-03-05", title="Zorianyi",
                   entities=PLACES, claims=claims, events=events)


@pytest.fixture
def articles():
    return _ukrainian(), _russian()


@pytest.fixture
def analysis(articles):
    ua, ru = articles
    return {
        "articles": [{"id": a.id, "source": a.source, "outlet": a.outlet} for a in articles],
        "stories": [{"id": "s-1", "articles": ["ua.txt", "ru.txt"]}],
        "claim_groups": [
            {"id": "g1", "claims": [f"{ua.id}:c3", f"{ru.id}:c1"], "status": "contested"},
            {"id": "g2", "claims": [f"{ua.id}:c1"], "status": "single source"},
            {"id": "g3", "claims": [f"{ua.id}:c2", f"{ru.id}:c2"], "status": "confirmed across sides"},
        ],
        "relations": [{"a": f"{ua.id}:c3", "b": f"{ru.id}:c1", "relation": "contradicts", "independent": True,
                       "why": "both claim Zorianyi"},
                      {"a": f"{ua.id}:c2", "b": f"{ru.id}:c2", "relation": "corroborates",
                       "independent": True, "why": "both report losses near Vovkove",
                       "propositions": [STRIKE_KEY, STRIKE_KEY]}],
    }


@pytest.fixture
def store(tmp_path, articles, analysis):
    with Store.open(f"sqlite:///{tmp_path / 'export.db'}") as db:
        for a in articles:
            db.add(a)
        db.save_analysis(analysis)
        yield db


def _by_id(rows, key="event_id_cnty"):
    return {r[key]: r for r in rows}


def test_export_event_rows_acled_mapping(store, articles):
    ua, ru = articles
    rows = _by_id(r for a in articles for r in event_rows(a, _context(store)))
    drone, dead, retook = rows[f"{ua.id}:e1"], rows[f"{ua.id}:e2"], rows[f"{ua.id}:e3"]
    assert drone["event_type"] == "Explosions/Remote violence"
    assert drone["sub_event_type"] == "Air/drone strike"
    assert drone["disorder_type"] == "Political violence" and drone["plover"] == "ASSAULT"
    assert (drone["event_date"], drone["year"], drone["time_precision"]) == ("2025-03-03", 2025, 1)
    assert (drone["country"], drone["admin1"], drone["location"]) == ("Ukraine", "Kharkiv Oblast", "Vovkove")
    assert (drone["latitude"], drone["longitude"], drone["geo_precision"]) == (49.61, 37.42, 1)
    assert drone["source"] == ["Ukrinform"] and drone["source_scale"] == "National"
    assert drone["status"] == "claimed; single source" and drone["notes"].startswith("The Armed Forces")
    assert dead["fatalities"] == 14 and dead["time_precision"] == 2
    assert (dead["event_type"], dead["sub_event_type"]) == ("Battles", "Armed clash")
    assert retook["sub_event_type"] == "Government regains territory"
    # the TASS claim contradicts the retaking: it is no source of it
    assert retook["source"] == ["Ukrinform"] and retook["source_scale"] == "National"
    assert retook["claim_ids"] == [f"{ua.id}:c3"] and retook["article_ids"] == [ua.id]
    assert retook["status"] == "claimed; contested" and retook["corroboration"] == "contested"
    took = rows[f"{ru.id}:e1"]
    assert took["sub_event_type"] == "Non-state actor overtakes territory"
    shelled = rows[f"{ru.id}:e2"]
    assert shelled["sub_event_type"] == "Shelling/artillery/missile attack" and shelled["fatalities"] == 0


def test_export_event_rows_one_per_location_and_undated(articles):
    ua = articles[0]
    rows = [r for r in event_rows(ua) if r["sitroom_event_id"] == f"{ua.id}:e4"]
    assert [r["event_id_cnty"] for r in rows] == [f"{ua.id}:e4-1", f"{ua.id}:e4-2"]
    assert [(r["location"], r["geo_precision"]) for r in rows] == [("Vovkove", 1), ("Kharkiv Oblast", 3)]
    assert {(r["event_date"], r["time_precision"], r["date_precision"]) for r in rows} == {
        ("2025-03-04", 2, "published")}
    assert rows[0]["status"] == "reported" and rows[0]["corroboration"] is None
    assert (rows[0]["event_type"], rows[0]["plover"]) == ("Strategic developments", "MOBILIZE")
    assert rows[0]["disorder_type"] == "Strategic developments"


@pytest.mark.parametrize("unit,trigger,expected", [
    ("soldiers", "killed", 14), ("killed", "losses", 14), ("soldiers", "wounded", 0),
    ("wounded soldiers", "killed", 0), ("tanks", "killed", 0)])
def test_export_fatalities_only_deaths_of_people(unit, trigger, expected):
    body = f"The army reported {trigger} in the clash."
    event = Event("x:e1", "casualties", Span(0, len(body)), quantities=(Quantity(f"14 {unit}", 14.0, unit),),
                  trigger=_at(body, trigger))
    row, = event_rows(Article("x.txt", body, body=body, events=(event,)))
    assert row["fatalities"] == expected


def test_export_claim_rows_status_and_relations(store, articles):
    ua, ru = articles
    rows = _by_id((r for a in articles for r in claim_rows(a, _context(store))), "claim_id")
    killed = rows[f"{ua.id}:c2"]
    assert killed["status"] == "confirmed across sides" and killed["corroborates"] == [f"{ru.id}:c2"]
    assert (killed["speaker_side"], killed["outlet"]) == ("ukraine", "Ukrinform")
    assert killed["date"] == "2025-03-04"
    took = rows[f"{ru.id}:c1"]
    assert took["contradicts"] == [f"{ua.id}:c3"] and took["speaker_side"] == "russia"
    assert rows[f"{ua.id}:c1"]["via"] == ["Ukrinform"] and rows[f"{ru.id}:c2"]["negated"] is True


def _context(store):
    return Context.from_store(store)


def _read_csv(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_export_events_csv_round_trip(store, tmp_path):
    path = tmp_path / "events.csv"
    n = export(store, "events", "csv", path)
    rows = _read_csv(path.read_text(encoding="utf-8"))
    assert n == len(rows) == 7 and tuple(rows[0]) == EVENT_COLUMNS
    drone = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert drone["latitude"] == "49.61" and drone["time_precision"] == "1" and drone["fatalities"] == "0"
    retook = next(r for r in rows if r["sub_event_type"] == "Government regains territory")
    dead = next(r for r in rows if r["sub_event_type"] == "Armed clash")
    assert dead["source"] == "Ukrinform; TASS" and len(dead["claim_ids"].split(";")) == 2
    assert b"\r\n" in path.read_bytes()


def test_export_claims_csv_guards_formulas(store):
    out = io.StringIO()
    export(store, "claims", "csv", out)
    rows = _read_csv(out.getvalue())
    assert tuple(rows[0]) == CLAIM_COLUMNS
    assert {r["quote"] for r in rows} >= {"'=SUM(A1:A9)"}
    assert {r["content"] for r in rows} >= {"'-calm in Vovkove"}
    negated = next(r for r in rows if r["speaker"] == "officials")
    assert (negated["negated"], negated["hedged"]) == ("true", "true")
    assert negated["status"] == "confirmed across sides"


@pytest.mark.parametrize("value,cell", [
    ("=1+1", "'=1+1"), ("+7", "'+7"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("plain", "plain"),
    (-33.5, "-33.5"), (["=a", "b"], "'=a; b"), (None, ""), (True, "true")])
def test_export_csv_cell(value, cell):
    assert csv_cell(value) == cell


@given(st.text())
def test_export_csv_cell_round_trips_through_csv(text):
    out = io.StringIO()
    csv.writer(out).writerow([csv_cell(text)])
    (cell,), = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert cell == ("'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text)


def test_export_jsonl_to_binary_stream(store):
    out = io.BytesIO()
    n = export(store, "claims", "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().decode("utf-8").splitlines()]
    assert n == len(rows) == 5 and not out.closed
    assert all(list(r) == list(CLAIM_COLUMNS) for r in rows)
    assert {r["quote"] for r in rows} >= {"=SUM(A1:A9)"}   # the guard is for CSV only


def test_export_geojson_points(store, tmp_path):
    path = tmp_path / "events.geojson"
    n = export(store, "events", "geojson", path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == n == 7
    feature = next(f for f in doc["features"] if f["properties"]["sub_event_type"] == "Air/drone strike")
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.42, 49.61]}
    assert set(feature["properties"]) == set(EVENT_COLUMNS)
    assert "GeoNames" in doc["attribution"] and "CC BY 4.0" in feature["properties"]["geo_attribution"]


def test_export_parquet_schema_and_values(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(store, "events", "parquet", path) == 7
    table = pq.read_table(path)
    assert table.schema.names == list(EVENT_COLUMNS)
    assert b"GeoNames" in table.schema.metadata[b"attribution"]
    assert str(table.schema.field("event_date").type) == "date32[day]"
    rows = _by_id(table.to_pylist())
    retook = next(r for r in rows.values() if r["sub_event_type"] == "Government regains territory")
    assert retook["event_date"].isoformat() == "2025-03-04" and retook["source"] == ["Ukrinform"]
    dead = next(r for r in rows.values() if r["sub_event_type"] == "Armed clash")
    assert dead["source"] == ["Ukrinform", "TASS"]
    claims = tmp_path / "claims.parquet"
    assert export(store, "claims", "parquet", claims) == 5
    claim_table = pq.read_table(claims)
    assert claim_table.schema.names == list(CLAIM_COLUMNS)
    assert pa.types.is_boolean(claim_table.schema.field("negated").type)
    assert pa.types.is_list(claim_table.schema.field("via").type)


@pytest.mark.parametrize("filters,expected", [
    ({"place": "Zorianyi"}, {"Zorianyi"}),
    ({"region": "Kharkiv Oblast", "type": "deployment"}, {"Vovkove", "Kharkiv Oblast"}),
    ({"place": "Kharkiv Oblast"}, {"Kharkiv Oblast"}),
    ({"outlet": "TASS"}, {"Zorianyi", "Vovkove"}),
    ({"bbox": (37.0, 49.7, 37.2, 49.9)}, {"Zorianyi"}),
])
def test_export_event_filters(store, filters, expected):
    out = io.StringIO()
    export(store, "events", "jsonl", out, **filters, until=None)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows and {r["location"] for r in rows} == expected


def test_export_claim_filters_and_limit(store, articles):
    out = io.StringIO()
    assert export(store, "claims", "jsonl", out, side="russia") == 1
    assert json.loads(out.getvalue())["speaker"] == "Ministry of Defence of Russia"
    assert export(store, "claims", "jsonl", io.StringIO(), outlet="Ukrinform", limit=2) == 2


@pytest.mark.parametrize("kind,fmt,filters,message", [
    ("stories", "csv", {}, "unknown export kind"), ("events", "xlsx", {}, "unknown export format"),
    ("claims", "geojson", {}, "no coordinates"),
    ("claims", "csv", {"place": "Zorianyi"}, "unknown claims filter")])
def test_export_rejects_bad_requests(store, kind, fmt, filters, message):
    with pytest.raises(ExportError, match=message):
        export(store, kind, fmt, io.StringIO(), **filters)


def test_export_parquet_needs_binary_output(store):
    with pytest.raises(ExportError, match="binary"):
        export(store, "events", "parquet", io.StringIO())


def test_export_with_corpus_analysis(tmp_path, articles):
    from sitroom.link import analyze

    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as db:
        for a in articles:
            db.add(a)
        db.save_analysis(analyze(articles))
        out = io.StringIO()
        assert export(db, "events", "csv", out) == 7
    statuses = {r["corroboration"] for r in _read_csv(out.getvalue())}
    assert statuses <= {"", "single source", "several sources, same side", "confirmed across sides",
                        "contested"}


def test_export_without_pyarrow_csv_works_and_parquet_says_what_to_install(store, tmp_path, monkeypatch):
    import sys

    from sitroom.errors import SitroomError

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the parquet extra were not installed
    assert export(store, "events", "csv", tmp_path / "e.csv") == 7
    with pytest.raises(SitroomError, match=r"sitroom\[parquet\]"):
        export(store, "events", "parquet", tmp_path / "e.parquet")
