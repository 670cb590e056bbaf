import pytest

from sitroom.clean import clean
from sitroom.clean.metadata import iso_date, make_language_stage, outlet, published, titles
from sitroom.model import Article


def run(raw, meta=None):
    article = Article("x.txt", raw, meta=dict(meta or {}))
    for st in (clean, titles, outlet, published):
        article = st(article)
    return article


LONG = ("Officials said on Monday that three villages near the river had been shelled overnight, "
        "damaging a school and two houses, and that no one had been hurt.")


def test_metadata_title_and_standfirst():
    article = run(f"Shelling hits three villages\nNo casualties reported, officials say\n{LONG}\n{LONG[::-1]}")
    assert article.title == "Shelling hits three villages"
    assert article.subtitle == "No casualties reported, officials say"


def test_metadata_no_title_when_text_starts_with_prose():
    article = run(f"{LONG}\n{LONG}")
    assert article.title is None and article.subtitle is None


def test_metadata_feed_values_win():
    article = run(f"A headline\n{LONG}", {"outlet": "Sample Wire", "published": "2025-03-04T08:00:00Z",
                                          "title": "Feed title"})
    assert (article.outlet, article.outlet_basis) == ("Sample Wire", "metadata")
    assert (article.published, article.published_basis) == ("2025-03-04", "metadata")
    assert article.title == "Feed title"


@pytest.mark.parametrize("raw, expected", [
    (f"(SAMPLEWIRE) {LONG}", ("SAMPLEWIRE", "dateline")),
    (f"{LONG}\nSource: www.sample-herald.test", ("sample-herald.test", "source line")),
    (f"Headline\n{LONG}\n{LONG[:60]} again, officials said in a statement on Tuesday evening.\n"
     "Jane Roe is Editor-in-Chief of Sample Herald. Covering conflicts for ten years.\nBack to top",
     ("Sample Herald", "outlet blurb")),
])
def test_metadata_outlet_from_text(raw, expected):
    article = run(raw)
    assert (article.outlet, article.outlet_basis) == expected


def test_metadata_outlet_not_taken_from_cited_outlets():
    article = run(f"According to TASS and Reuters, {LONG}")
    assert article.outlet is None


def test_metadata_published_from_date_line_and_unknown_otherwise():
    article = run(f"Headline\nPublished: 4 March 2025, 10:15\n{LONG}")
    assert (article.published, article.published_basis) == ("2025-03-04", "text: date line")
    assert run(f"Headline\n{LONG}").published is None


@pytest.mark.parametrize("value, expected", [
    ("2024-05-13T10:00:00+03:00", "2024-05-13"), ("2024-02-30", None), ("", None), (None, None),
    ("13 May 2024", "2024-05-13"),
])
def test_metadata_iso_date(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize("text, code", [
    ("Officials said on Monday that the shelling had stopped and residents returned home.", "en"),
    ("Официальные лица заявили в понедельник, что обстрелы прекратились и жители вернулись домой.", "ru"),
    ("Посадовці заявили в понеділок, що обстріли припинилися і мешканці повернулися додому.", "uk"),
    ("Beamte sagten am Montag, dass der Beschuss aufgehört habe und die Bewohner zurückgekehrt seien.", "de"),
])
def test_metadata_language(text, code):
    article = Article("x", text, body=text)
    assert make_language_stage()(article).language == code
