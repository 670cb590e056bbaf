"""A story's title: its most central headline, never a path."""

from __future__ import annotations

from collections import Counter

import pytest

from sitroom.report.titles import central_title, story_title, usable


@pytest.mark.parametrize("title, ok", [
    ("Drone hits apartment block in Sumy", True),
    ("/data/scrapes/sumy.txt", False),
    ("s04_wire_village_dispute", False),
    ("page.html", False),
    ("", False),
    (None, False),
])
def test_titles_a_path_or_file_name_is_no_headline(title, ok):
    assert usable(title) is ok


def test_titles_the_central_headline_beats_a_generic_one():
    titles = ["Military operation in Ukraine", "Russia claims capture of Lyptsi; Ukraine says assault repelled",
              "Lyptsi assault repelled, General Staff says", "Special military operation", "/tmp/x.txt"]
    assert central_title(titles, Counter({"Lyptsi": 3, "Kharkiv Oblast": 2})) == \
        "Russia claims capture of Lyptsi; Ukraine says assault repelled"


def test_titles_without_a_headline_a_story_is_named_by_size_and_place():
    assert story_title(["/a/b.txt", None], Counter({"Kupiansk": 2}), 2) == "2 articles on Kupiansk"
    assert story_title([], None, 1) == "1 article"
