import pytest

from sitroom.eval import score


def test_score_bcubed_perfect_and_merged():
    gold = {"a": ["1", "2"], "b": ["3"]}
    assert score.bcubed(gold, {"x": ["1", "2"], "y": ["3"]})["f1"] == 1.0
    merged = score.bcubed(gold, {"x": ["1", "2", "3"]})
    assert merged["recall"] == 1.0 and merged["precision"] == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)


def test_score_overlap_needs_half_of_shorter():
    assert score.overlaps((0, 10), (5, 30))
    assert not score.overlaps((0, 10), (6, 30))
    assert not score.overlaps(None, (0, 1))


def test_score_claims_match_by_span_and_speaker():
    body = "The ministry said two villages were taken. The governor denied it."
    gold = {"claims": [{"id": "c1", "speaker": "Ministry", "evidence": "The ministry said two villages were taken.",
                        "via": [], "quote": None},
                       {"id": "c2", "speaker": "Governor", "evidence": "The governor denied it.", "via": [],
                        "quote": None}]}
    system = {"body": body, "claims": [
        {"id": "x1", "speaker": "ministry", "evidence": "The ministry said two villages were taken", "via": []},
        {"id": "x2", "speaker": "someone", "evidence": "The governor denied it.", "via": []}]}
    result = score.score_claims(gold, system, "d")
    assert (result["counts"].tp, result["counts"].sys, result["counts"].gold) == (1, 2, 2)
    assert result["speaker"].value == 0.5
    assert result["pairs"] == {"c1": "x1"}


def test_score_boilerplate_counts_kept_lines_without_tags():
    raw = "Menu\nBody line one [Wire attribution].\n(WIRE) Body line two continues here."
    gold = {"boilerplate_lines": ["Menu"], "boilerplate_fragments": ["(WIRE)"],
            "attribution_tags": ["[Wire attribution]"]}
    system = {"body": "Body line one.\n\nBody line two continues here.", "boilerplate_lines": ["Menu"]}
    result = score.score_boilerplate(raw, gold, system)
    assert result["removal_recall"].value == 1.0 and result["removal_precision"].value == 1.0
    assert result["body_lines_kept"].value == 1.0 and result["fragments_removed"].value == 1.0


def test_score_prefixes_for_duplicates():
    counts = score.score_prefixes(["Despite the advance"], ["Despite the advance, officials said more."])
    assert (counts.tp, counts.precision, counts.recall) == (1, 1.0, 1.0)
