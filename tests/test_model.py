import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.model import (Article, AttributionTag, Claim, DuplicateLine, Entity, Event, Failure, Mention,
                           RemovedLine, Span, content_id, normalize_text)

spans = st.builds(lambda a, b: Span(min(a, b), max(a, b)), st.integers(0, 10_000), st.integers(0, 10_000))
texts = st.text(max_size=40)
names = st.text(min_size=1, max_size=30)

entities = st.builds(Entity, canonical=names, label=st.sampled_from(["location", "person", "organization"]),
                     mentions=st.lists(st.builds(Mention, text=texts, span=spans), max_size=3).map(tuple),
                     lat=st.none() | st.floats(-90, 90), kind=st.none() | names)
claims = st.builds(Claim, id=names, speaker=names, cue=names, evidence=spans, content=texts,
                   via=st.lists(names, max_size=3).map(tuple), quote=st.none() | texts,
                   negated=st.booleans(), hedged=st.booleans())
events = st.builds(Event, id=names, type=names, evidence=spans, locations=st.lists(names, max_size=3).map(tuple),
                   date=st.none() | st.dates().map(str), claimed_by=st.none() | names)


@pytest.mark.parametrize("record", [
    Span(1, 5),
    RemovedLine("Back to top", "page chrome", 12),
    DuplicateLine(Span(0, 10), Span(20, 30), "repeated line"),
    DuplicateLine(Span(0, 10), None, "restates earlier content"),
    AttributionTag("[X attribution]", Span(0, 5), None, "X", None),
    Failure("a.txt", "empty file"),
])
def test_model_records_round_trip(record):
    assert type(record).from_dict(json.loads(json.dumps(record.to_dict()))) == record


@given(entities)
def test_model_entity_round_trip(entity):
    assert Entity.from_dict(json.loads(json.dumps(entity.to_dict()))) == entity


@given(claims)
def test_model_claim_round_trip(claim):
    assert Claim.from_dict(json.loads(json.dumps(claim.to_dict()))) == claim


@given(events)
def test_model_event_round_trip(event):
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


@given(st.lists(entities, max_size=3), st.lists(claims, max_size=3), st.text(max_size=200))
def test_model_article_round_trip(ents, cls, raw):
    article = Article(source="x.txt", raw_text=raw, body=raw, entities=tuple(ents), claims=tuple(cls),
                      published_estimate=("2024-05-10", "2024-05-12"), meta={"outlet": "X"})
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_model_span_rejects_negative_and_reversed():
    with pytest.raises(ValueError):
        Span(5, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)


def test_model_normalize_text_quotes_and_spaces():
    assert normalize_text("“Kharkiv’s”\u00a0 front \n") == "\"Kharkiv's\" front"


def test_model_content_id_ignores_whitespace_differences():
    assert content_id("A  line\r\n") == content_id("A line")
    assert content_id("A line") != content_id("Another line")


def test_model_claim_group_and_relation_round_trip():
    from sitroom.model import ClaimGroup, Relation

    group = ClaimGroup("g1", ("a:c1", "b:c2"), "contested", ("TASS",), ("russia",), ("b:c2",),
                       {"predicate": "captured", "place": "Lyptsi", "side": "russia", "negated": False})
    assert ClaimGroup.from_dict(group.to_dict()) == group
    relation = Relation("a:c1", "b:c2", "contradicts", True, "control disputed", "control disputed", 0.8,
                        ("russia", "ukraine"), "x", "y", ({"predicate": "captured", "place": "Lyptsi", "negated": False},
                                                          {"predicate": "repelled", "place": "Lyptsi", "negated": False}))
    assert Relation.from_dict(relation.to_dict()) == relation


def test_model_story_outlet_profile_and_typed_statuses():
    import json

    from sitroom.link.framing import profile
    from sitroom.model import ClaimGroup, GroupStatus, OutletProfile, Relation, RelationKind, Story

    story = Story("s-1", ("a1", "b2"))
    assert Story.from_dict(story.to_dict()) == story
    measured = profile([Article("x.txt", "Kiev and Kharkov.", body="Kiev and Kharkov.", outlet="Wire")])
    assert OutletProfile.from_dict(measured).to_dict() == measured
    relation = Relation("a:c1", "b:c1", "contradicts", True, "why")
    assert relation.relation is RelationKind.CONTRADICTS and json.loads(json.dumps(relation.to_dict()))["relation"] \
        == "contradicts"
    assert ClaimGroup("g1", ("a:c1",), "single source").status is GroupStatus.SINGLE_SOURCE
    with pytest.raises(ValueError):
        Relation("a:c1", "b:c1", "agrees", True, "why")


def test_span_set_answers_overlap_like_span_overlap():
    import random

    from sitroom.model import Span, SpanSet

    rng = random.Random(5)
    spans = [(s, s + rng.randrange(1, 30)) for s in (rng.randrange(0, 1000) for _ in range(200))]
    index = SpanSet(spans)
    for _ in range(500):
        a = rng.randrange(0, 1000)
        b = a + rng.randrange(1, 40)
        expected = any(Span(a, b).overlap(Span(s, e)) > 0 for s, e in spans)
        assert index.overlaps(a, b) == expected
    assert not SpanSet([]).overlaps(0, 10)
