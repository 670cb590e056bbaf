"""Districts named after their centres, on fresh sentences."""

import pytest

from sitroom.clean import clean
from sitroom.clean.metadata import titles
from sitroom.extract.districts import district_table
from sitroom.extract.entities import entities
from sitroom.extract.parse import make_parse_stage
from sitroom.model import Article
from sitroom.pipeline import Pipeline


@pytest.fixture(scope="module")
def places():
    pipeline = Pipeline([clean, titles, make_parse_stage(), entities])

    def _run(text):
        article = pipeline(Article("t.txt", "A headline for the test\n\n" + text))
        return {e.canonical: e for e in article.entities if e.label == "location"}

    return _run


def test_districts_a_list_sharing_the_noun_names_one_district_per_town(places):
    found = places("Border guards fought in the Sudzha and Korenevo districts of the Kursk region.")
    assert {"Sudzhansky District", "Korenevsky District", "Kursk Oblast"} <= set(found)
    assert "Sudzha" not in found and "Korenevo" not in found  # named only as districts
    assert found["Sudzhansky District"].admin1 == "Kursk Oblast"


def test_districts_ukraines_raions_are_named_after_their_centres(places):
    found = places("The governor ordered the evacuation of eleven villages in the Sumy district.")
    assert "Sumy Raion" in found and found["Sumy Raion"].admin1 == "Sumy Oblast"


def test_districts_the_town_named_on_its_own_stays_a_place(places):
    found = places("Drones hit Kupiansk at night, and villages of the Kupiansk district lost power.")
    assert "Kupiansk" in found and len(found["Kupiansk"].mentions) == 1 and "Kupiansk Raion" in found


def test_districts_a_name_that_is_no_town_makes_no_district(places):
    found = places("Officials of the Central district met on Monday.")
    assert not any(e.kind == "raion" for e in found.values())


def test_districts_table_ships_russian_and_belarusian_districts():
    table = district_table()
    assert any(name == "Sudzhansky District" for name, _ in table["RU.41"])
    assert any(key.startswith("BY.") for key in table)


def test_districts_regions_in_a_list_that_shares_the_noun_are_oblasts(places):
    found = places("Drones struck the Kharkiv and Sumy regions overnight, officials said.")
    assert {"Kharkiv Oblast", "Sumy Oblast"} <= set(found)
    assert "Kharkiv" not in found and "Sumy" not in found
