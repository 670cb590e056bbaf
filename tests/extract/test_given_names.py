"""People named with a given name, where the tagger saw a place, a body or nothing."""

import pytest

from sitroom.clean import clean
from sitroom.clean.metadata import titles
from sitroom.extract.entities import entities
from sitroom.extract.parse import make_parse_stage
from sitroom.model import Article
from sitroom.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def actors():
    pipeline = Pipeline([clean, titles, make_parse_stage(), entities])

    def run(text: str) -> list[tuple[str, str]]:
        article = pipeline(Article("t.txt", "Report from the front\n" + text))
        return [(a.canonical, a.label) for a in article.actors]

    return run


def test_a_given_name_and_a_surname_are_a_person_not_a_town(actors):
    found = actors("The volunteer Olena Ivanova met Dmitry Peskov in Minsk on Monday.")
    assert ("Olena Ivanova", "person") in found
    assert all(name != "Ivanovo" for name, _ in found)


def test_a_given_name_before_a_place_word_or_inside_a_place_name_stays_a_place(actors):
    found = actors("Flights from Sofia Airport and to Santa Clara resumed on Monday.")
    assert all(label != "person" for _, label in found)


def test_a_title_is_not_a_given_name(actors):
    found = actors("The Supreme Commander and General Staff met in Kyiv on Monday.")
    assert all(label != "person" for _, label in found)
