import pytest

from sitroom.clean import clean_text
from sitroom.clean.tags import find_tags, parse_inner


@pytest.mark.parametrize("inner, expected", [
    ("SampleWire attribution", (None, "SampleWire", None)),
    ("Regional governor statement; attribution: Ukrinform", ("Regional governor", "Ukrinform", None)),
    ("Attribution: several officials and analysts", (None, "several officials and analysts", None)),
    ("Background summary; attribution", (None, None, "Background summary")),
    ("Ministry statement", ("Ministry", None, None)),
])
def test_tags_parse_inner(inner, expected):
    assert parse_inner(inner) == expected


def test_tags_ignore_editorial_insertions():
    assert find_tags('"We will hold [the bridgehead] at any cost," he said.') == []
    assert find_tags("The figure was disputed.[3]") == []


def test_tags_cut_from_body_with_scopes():
    raw = ("The ministry said two villages were taken [SampleWire attribution]. Officials disputed it "
           "[Regional governor statement; attribution: Ukrinform].\nA second paragraph without tags.")
    cleaned = clean_text(raw)
    assert "[" not in cleaned.body
    assert cleaned.body.startswith("The ministry said two villages were taken. Officials disputed it.")
    first, second = cleaned.tags
    assert first.source == "SampleWire"
    assert cleaned.body[first.scope.start:first.scope.end] == "The ministry said two villages were taken"
    assert second.speaker == "Regional governor" and second.source == "Ukrinform"
    assert cleaned.body[second.scope.start:second.scope.end] == "Officials disputed it"
