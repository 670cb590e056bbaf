"""Nationality words name a place, apart from the article's places."""

import pytest

from sitroom.clean import clean
from sitroom.clean.metadata import titles
from sitroom.extract.entities import entities
from sitroom.extract.parse import make_parse_stage
from sitroom.model import Article
from sitroom.output import article_json
from sitroom.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():
    pipeline = Pipeline([clean, titles, make_parse_stage(), entities])
    return lambda text: pipeline(Article("t.txt", "Report from the border\n" + text))


def test_demonyms_name_their_country_and_stay_out_of_places(run):
    article = run("Turkish officials said the Russian envoy met Canadians and Syrians near the border on Monday.")
    found = [(d["mention"], d["refers_to"]) for d in article.meta["demonyms"]]
    assert found == [("Turkish", "Turkey"), ("Russian", "Russia"), ("Canadians", "Canada"), ("Syrians", "Syria")]
    assert not [e for e in article.entities if e.label == "location" and e.canonical in ("Turkey", "Canada")]
    body = article.body
    assert all(body[d["start"]:d["end"]] == d["mention"] for d in article.meta["demonyms"])
    assert article_json(article)["demonyms"] == article.meta["demonyms"]


def test_a_demonym_inside_a_name_or_a_language_is_none(run):
    article = run("Passengers of Turkish Airlines were told in French that the flight to Kyiv was cancelled.")
    assert [d["mention"] for d in article.meta["demonyms"]] == []
