"""The brief: one line a claim group that says something changed, checked against the analysis."""

from __future__ import annotations

import re

import pytest

from sitroom.report.brief import MAX_LINES, STATUS_LABELS, build_brief, line_text


def group(gid, predicate, place, claims, status="single source", side=None, negated=False, sources=("A",)):
    return {"id": gid, "claims": list(claims), "status": status, "sources": list(sources), "sides": [],
            "proposition": {"predicate": predicate, "place": place, "side": side, "negated": negated}}


def claim(published, speaker="Speaker", outlet="Outlet", article="a1"):
    return {"speaker": speaker, "outlet": outlet, "published": published, "evidence": "A sentence.",
            "article_id": article, "link": "#x"}


@pytest.mark.parametrize("proposition, text", [
    ({"predicate": "captured", "place": "Lyptsi", "side": "russia"}, "Capture of Lyptsi by Russia"),
    ({"predicate": "evacuation", "place": "Kupiansk"}, "Evacuation in Kupiansk"),
    ({"predicate": "repelled", "place": "Vovchansk", "side": "russia"}, "Assault repelled at Vovchansk by Russia"),
    ({"predicate": "entered", "place": "Vovchansk", "side": "russia", "negated": True},
     "Denied: entry of Vovchansk by Russia"),
])
def test_brief_line_says_what_is_claimed(proposition, text):
    assert line_text(proposition) == text


def test_brief_keeps_changes_in_scope_newest_first_with_the_groups_status():
    groups = [group("g1", "captured", "Lyptsi", ["a:c1", "b:c1"], "several sources, same side", "russia",
                    sources=("Ministry", "Bloggers")),
              group("g2", "stable", "Kharkiv", ["c:c1"]),                  # not a change
              group("g3", "strike", "Kupiansk", ["d:c1"], "contested"),
              group("g4", "evacuation", "Izium", ["e:c1"])]              # no claim in scope
    claims = {"a:c1": claim("2024-05-10"), "b:c1": claim("2024-05-12", article="b"), "c:c1": claim("2024-05-13"),
              "d:c1": claim("2024-05-11", article="d")}
    brief = build_brief(groups, claims)
    assert [(line["group"], line["status"], line["sources"]) for line in brief["lines"]] == [
        ("g1", "confirmed by one side", 2), ("g3", "contested", 1)]
    assert brief["lines"][0]["latest"] == "2024-05-12"
    assert [e["id"] for e in brief["lines"][0]["evidence"]] == ["b:c1", "a:c1"]


def test_brief_is_at_most_one_screen_and_one_line_a_proposition():
    groups = [group(f"g{k}", "strike", f"Place {k}", [f"a{k}:c1"]) for k in range(MAX_LINES + 4)]
    groups.append(group("dup", "strike", "Place 0", ["z:c1"]))  # the same proposition, another group
    claims = {f"a{k}:c1": claim(f"2024-05-{k + 1:02d}", article=f"a{k}") for k in range(MAX_LINES + 4)}
    claims["z:c1"] = claim("2024-04-01", article="z")
    brief = build_brief(groups, claims)
    assert len(brief["lines"]) == MAX_LINES and brief["total"] == MAX_LINES + 4
    assert len({line["text"] for line in brief["lines"]}) == MAX_LINES


def test_brief_evidence_is_one_link_a_speaker_and_article():
    groups = [group("g1", "captured", "Lyptsi", ["a:c1", "a:c2", "b:c1"])]
    claims = {"a:c1": claim("2024-05-10"), "a:c2": claim("2024-05-10"), "b:c1": claim("2024-05-11", article="b")}
    (line,) = build_brief(groups, claims)["lines"]
    assert [e["id"] for e in line["evidence"]] == ["b:c1", "a:c1"]
