"""Every read endpoint over the invented corpus: shapes, filters, pagination, not-found errors."""

from __future__ import annotations

from urllib.parse import quote

import pytest


def test_routes_articles_list_has_total_and_summaries(client, ids):
    body = client.get("/api/articles").json()
    assert body["total"] == 4 and len(body["items"]) == 4 and body["next_offset"] is None
    first = body["items"][0]
    assert {"id", "source", "outlet", "title", "published", "claims", "events", "story"} <= first.keys()
    assert [a["published"] for a in body["items"]] == sorted(a["published"] for a in body["items"])


@pytest.mark.parametrize("query, expected", [
    ("outlet=Red%20Wire", {"red", "sumy"}),
    ("since=2024-06-04", {"grey", "sumy"}),
    ("until=2024-06-03", {"red", "blue"}),
    ("place=Lyptsi", {"red", "blue"}),
    ("region=Kharkiv%20Oblast", {"red", "blue", "grey"}),
    ("bbox=34.0,50.5,35.5,51.5", {"sumy"}),
    ("q=evacuated", {"grey"}),
    ("q=Lyptsi&outlet=Blue%20Post", {"blue"}),
])
def test_routes_articles_filters(client, ids, query, expected):
    got = {a["id"] for a in client.get(f"/api/articles?{query}").json()["items"]}
    assert got == {ids[k] for k in expected}


def test_routes_articles_story_filter(client, ids):
    got = {a["id"] for a in client.get(f"/api/articles?story={ids['story']}").json()["items"]}
    assert got == {ids["red"], ids["blue"]}


def test_routes_articles_pagination_walks_every_item(client):
    seen, offset = [], 0
    while offset is not None:
        body = client.get(f"/api/articles?limit=3&offset={offset}").json()
        assert len(body["items"]) <= 3 and body["total"] == 4
        seen += [a["id"] for a in body["items"]]
        offset = body["next_offset"]
    assert len(seen) == len(set(seen)) == 4


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "offset=-1", "since=June", "bbox=1,2,3"])
def test_routes_bad_parameters_are_4xx_with_error(client, query):
    r = client.get(f"/api/articles?{query}")
    assert r.status_code in (400, 422)
    assert set(r.json()) == {"error"} and r.json()["error"]


def test_routes_article_detail_is_the_stored_record(client, ids):
    doc = client.get(f"/api/articles/{ids['red']}").json()
    assert doc["schema"] == "sitroom/article/v1" and doc["outlet"] == "Red Wire"
    assert doc["story"] == ids["story"]
    claim = doc["claims"][0]
    assert doc["body"][claim["evidence_span"]["start"]:claim["evidence_span"]["end"]] == claim["evidence"]


@pytest.mark.parametrize("path", ["/api/articles/0000000000000000", "/api/claims/0000000000000000:c1",
                                  "/api/stories/s-none", "/api/outlets/Nobody", "/api/places/Atlantis"])
def test_routes_unknown_ids_are_404_with_error(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "error" in r.json()


def test_routes_claims_carry_article_and_group(client, ids):
    body = client.get("/api/claims").json()
    assert len(body["items"]) == 6 and body["next_offset"] is None
    by_id = {c["id"]: c for c in body["items"]}
    assert by_id[ids["red_c1"]]["article"]["outlet"] == "Red Wire"
    assert by_id[ids["red_c1"]]["group"]["status"] == "contested"


@pytest.mark.parametrize("query, count", [
    ("speaker=Ministry%20of%20Defence%20of%20Russia", 3),
    ("side=ukraine", 3),
    ("side=russia&since=2024-07-01", 1),
    ("outlet=Blue%20Post", 2),
    ("until=2024-06-03", 4),
    ("place=Kupiansk", 1),
    ("region=Kharkiv%20Oblast", 5),
    ("q=Sumy", 1),
    ("status=contested", 3),  # the capture claim, the repelled assault and the denial of the capture
    ("status=confirmed%20across%20sides", 0),  # the depot near Vovchansk and the assault near Lyptsi differ
])
def test_routes_claims_filters(client, query, count):
    assert len(client.get(f"/api/claims?{query}").json()["items"]) == count


def test_routes_claims_story_filter(client, ids):
    assert len(client.get(f"/api/claims?story={ids['story']}").json()["items"]) == 4


def test_routes_claims_pagination_by_next_offset(client):
    first = client.get("/api/claims?limit=4").json()
    assert len(first["items"]) == 4 and first["next_offset"] == 4
    second = client.get("/api/claims?limit=4&offset=4").json()
    assert len(second["items"]) == 2 and second["next_offset"] is None
    assert not {c["id"] for c in first["items"]} & {c["id"] for c in second["items"]}


def test_routes_claim_provenance_chain_and_relations(client, ids):
    claim = client.get(f"/api/claims/{ids['red_c1']}").json()
    assert [link["role"] for link in claim["chain"]] == ["speaker", "outlet", "article"]
    assert claim["chain"][0] == {"role": "speaker", "name": "Ministry of Defence of Russia",
                                 "kind": "organization", "side": "russia"}
    assert claim["chain"][-1]["article"]["id"] == ids["red"]
    assert claim["events"][0]["type"] == "territory_change"
    # the capture is disputed by the repelled assault and contradicted by the denial
    assert {r["claim"]["id"] for r in claim["related"]} == {ids["blue_c1"], ids["blue_c2"]}
    for rel in claim["related"]:
        assert rel["relation"] == "contradicts" and rel["independent"] is True and rel["why"]
        assert rel["claim"]["article"]["outlet"] == "Blue Post"
    assert claim["context"]["evidence"] == claim["evidence"]


def test_routes_claim_chain_runs_from_speaker_through_via_to_outlet(client, ids):
    claim = client.get(f"/api/claims/{ids['grey']}:c1").json()
    assert [(link["role"], link["name"]) for link in claim["chain"][:3]] == [
        ("speaker", "Oleh Syniehubov"), ("via", "Blue Post"), ("outlet", "Grey Agency")]


@pytest.mark.parametrize("query, count", [
    ("", 6),
    ("place=Lyptsi", 2),
    ("region=Kharkiv%20Oblast", 5),
    ("bbox=36.0,50.0,37.0,50.5", 3),
    ("type=attack", 3),
    ("type=attack&region=Kharkiv%20Oblast", 2),
    ("status=reported", 1),
    ("speaker=Oleh%20Syniehubov", 1),
    ("outlet=Red%20Wire", 3),
    ("since=2024-06-04&until=2024-06-30", 2),
    ("q=evacuated", 2),
])
def test_routes_events_filters(client, query, count):
    assert len(client.get(f"/api/events?{query}").json()["items"]) == count


def test_routes_events_carry_coordinates(client):
    (event,) = client.get("/api/events?type=territory_change").json()["items"]
    assert event["places"] == [{"name": "Lyptsi", "kind": "village", "admin1": "Kharkiv Oblast",
                                "lat": 50.209, "lon": 36.421, "wikidata": None}]


def test_routes_events_pagination(client):
    a = client.get("/api/events?limit=5").json()
    b = client.get(f"/api/events?limit=5&offset={a['next_offset']}").json()
    assert len(a["items"]) == 5 and len(b["items"]) == 1 and b["next_offset"] is None


def test_routes_entities_aggregate_counts(client):
    body = client.get("/api/entities").json()
    by_name = {e["canonical"]: e for e in body["items"]}
    assert by_name["Ministry of Defence of Russia"]["articles"] == 2
    assert by_name["Ministry of Defence of Russia"]["outlets"] == ["Red Wire"]
    assert by_name["Lyptsi"]["mentions"] == 2 and by_name["Lyptsi"]["outlets"] == ["Blue Post", "Red Wire"]
    assert body["total"] == len(body["items"])


@pytest.mark.parametrize("query, names", [
    ("type=person", {"Oleh Syniehubov"}),
    ("type=location&region=Kharkiv%20Oblast", {"Lyptsi", "Vovchansk", "Kupiansk", "Kharkiv Oblast"}),
    ("q=staff", {"General Staff of the Armed Forces of Ukraine"}),
    ("outlet=Grey%20Agency", {"Kupiansk", "Oleh Syniehubov"}),
    ("side=russia", {"Ministry of Defence of Russia"}),
])
def test_routes_entities_filters(client, query, names):
    assert {e["canonical"] for e in client.get(f"/api/entities?{query}").json()["items"]} == names


def test_routes_stories_list_and_detail(client, ids):
    stories = client.get("/api/stories").json()
    assert stories["total"] == 3
    lyptsi = next(s for s in stories["items"] if s["id"] == ids["story"])
    assert lyptsi["outlets"] == ["Blue Post", "Red Wire"] and lyptsi["claims"] == 4
    story = client.get(f"/api/stories/{ids['story']}").json()
    assert [c["outlet"] for c in story["columns"]] == ["Blue Post", "Red Wire"]
    assert {r["relation"] for r in story["relations"]} == {"contradicts"}
    red_claims = story["columns"][1]["articles"][0]["claims"]
    assert red_claims[0]["side"] == "russia" and red_claims[0]["group"]["status"] == "contested"


@pytest.mark.parametrize("query, count", [("outlet=Grey%20Agency", 1), ("region=Kharkiv%20Oblast", 2),
                                          ("q=drone", 1), ("since=2024-07-01", 1)])
def test_routes_stories_filters(client, query, count):
    assert client.get(f"/api/stories?{query}").json()["total"] == count


def test_routes_outlets_list_and_profile(client):
    outlets = {o["name"]: o for o in client.get("/api/outlets").json()["items"]}
    assert set(outlets) == {"Red Wire", "Blue Post", "Grey Agency"}
    assert outlets["Red Wire"]["articles"] == 2 and outlets["Red Wire"]["claims"] == 3
    red = client.get(f"/api/outlets/{quote('Red Wire')}").json()
    assert red["profile"]["lexical_choices"]["Kharkov/Kharkiv"]["russian_side"] == 1
    assert red["overall_lean"] > 0
    assert red["speakers"][0] == {"name": "Ministry of Defence of Russia", "claims": 3}


def test_routes_search_snippets_and_paging(client, ids):
    body = client.get("/api/search?q=Defence%20Ministry").json()
    assert {h["id"] for h in body["items"]} == {ids["red"], ids["sumy"]}
    assert all("[" in h["snippet"] and h["outlet"] == "Red Wire" for h in body["items"])
    one = client.get("/api/search?q=Defence%20Ministry&limit=1").json()
    assert len(one["items"]) == 1 and one["next_offset"] == 1
    assert client.get("/api/search").status_code == 422


def test_routes_place_has_timeline_in_date_order(client):
    place = client.get(f"/api/places/{quote('Kharkiv Oblast')}").json()
    assert place["kind"] == "region" and set(place["places_inside"]) == {"Lyptsi", "Vovchansk", "Kupiansk"}
    dates = [d["date"] for d in place["timeline"]]
    assert dates == sorted(dates) and dates[0] == "2024-06-02"


@pytest.mark.parametrize("typed, canonical", [
    ("Kharkov", "Kharkiv Oblast"), ("Харківська область", "Kharkiv Oblast"), ("Kharkivska oblast", "Kharkiv Oblast")])
def test_routes_a_region_typed_as_people_type_it_is_the_stored_oblast(client, typed, canonical):
    as_typed = client.get("/api/claims", params={"region": typed}).json()["items"]
    stored = client.get("/api/claims", params={"region": canonical}).json()["items"]
    assert as_typed == stored and stored


def test_routes_a_speaker_and_an_outlet_typed_as_variants(client):
    for typed in ("Russian MoD", "Ministry of Defense of Rusia"):
        by_variant = client.get("/api/claims", params={"speaker": typed}).json()["items"]
        assert by_variant and {c["speaker"] for c in by_variant} == {"Ministry of Defence of Russia"}
    assert client.get("/api/places/Kupyansk").json()["name"] == "Kupiansk"


@pytest.mark.parametrize("params, words", [
    ({"region": "Kharkof Oblsat"}, ["unknown place", "closest known", "Kharkiv Oblast"]),
    ({"speaker": "General Zorblax"}, ["unknown speaker"]),
    ({"side": "martian"}, ["unknown side", "ukraine, russia"]),
    ({"status": "confirmed"}, ["unknown status", "confirmed across sides"]),
])
def test_routes_an_unknown_name_or_value_is_a_400_naming_the_closest(client, params, words):
    r = client.get("/api/claims", params=params)
    assert r.status_code == 400 and all(w in r.json()["error"] for w in words)


def test_routes_relations_carry_both_evidence_sentences(client):
    found = client.get("/api/relations", params={"relation": "contradicts"}).json()["items"]
    assert found and all(r["relation"] == "contradicts" and r["evidence_a"] and r["evidence_b"] and r["why"]
                         for r in found)
    one = found[0]["a"]
    assert all(one in (r["a"], r["b"]) for r in client.get("/api/relations", params={"claim": one}).json()["items"])
    assert client.get("/api/relations", params={"relation": "agrees"}).status_code == 400


def test_routes_exports_as_files_in_the_formats_analysts_load(client):
    csv = client.get("/api/export/events.csv", params={"region": "Kharkov"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    header = csv.text.splitlines()[0]
    assert "event_date" in header and "fatalities" in header and len(csv.text.splitlines()) > 1
    geo = client.get("/api/export/events.geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert client.get("/api/export/claims.geojson").status_code == 400
    assert client.get("/api/export/claims.jsonl").text.count("\n") >= 1
