"""The corpus analysis as a fold: added in pieces, through stored JSON state, it is the same analysis."""

import json
import random

import pytest

from sitroom.link import analyze
from sitroom.link.corpus import CorpusAnalysis, corpus_order

pytestmark = pytest.mark.slow


def _parts(result):
    return json.loads(json.dumps(result.parts()))


def _fed(articles, sizes):
    """The fold over ``articles`` in pieces of ``sizes``, its state through JSON between pieces."""
    by_id = {a.id: a.body or "" for a in articles}
    state, at = None, 0
    for size in sizes:
        fold = CorpusAnalysis(state=state, text_of=lambda ids: {i: by_id[i] for i in ids})
        assert fold.add(articles[at:at + size]) == len(articles[at:at + size])
        at += size
        state = json.loads(json.dumps(fold.to_state()))
    return fold.result()


def test_corpus_fed_one_by_one_is_the_analysis_of_all(sample_articles):
    ordered = sorted(sample_articles, key=corpus_order)
    whole = analyze(sample_articles)
    assert whole.relations and whole.syndication and len(whole.stories) < len(ordered)
    assert _parts(_fed(ordered, [1] * len(ordered))) == _parts(whole)
    assert _parts(_fed(ordered, [5, 1, 10, len(ordered)])) == _parts(whole)


def test_corpus_fold_in_any_order_holds_each_article_and_claim_once(sample_articles):
    shuffled = random.Random(3).sample(sample_articles, len(sample_articles))
    result = _fed(shuffled, [1] * len(shuffled))
    members = [m for story in result.stories for m in story.articles]
    assert sorted(members) == sorted(a.id for a in sample_articles)
    claims = {c.id for a in sample_articles for c in a.claims}
    grouped = [c for g in result.claim_groups for c in g.claims]
    assert len(grouped) == len(set(grouped)) and set(grouped) <= claims
    assert {(r.a, r.b) for r in result.relations} <= {(a, b) for a in claims for b in claims}


def test_corpus_adds_an_article_once(sample_articles):
    fold = CorpusAnalysis()
    assert fold.add(sample_articles[:3]) == 3
    assert fold.add(sample_articles[:4]) == 1
