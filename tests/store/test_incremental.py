"""The stored analysis is extended by new articles, and equals a rebuild of the same store."""

import pytest

from sitroom.config import load_settings
from sitroom.link.corpus import CorpusAnalysis, corpus_order
from sitroom.process import analyze_store
from sitroom.store import Store

pytestmark = pytest.mark.slow


def _settings(url):
    return load_settings(env={}, overrides={"store.url": url})


def _rows(relations):
    return sorted(relations, key=lambda r: (r["a"], r["b"]))  # a store returns rows in no set order


def _parts(parts):
    return {**parts, "relations": _rows(parts["relations"])}


def test_incremental_analysis_one_by_one_equals_the_rebuild(store_url, sample_articles, monkeypatch):
    settings = _settings(store_url)
    folded = []
    add = CorpusAnalysis.add
    monkeypatch.setattr(CorpusAnalysis, "add", lambda self, articles: folded.append(add(self, articles)) or folded[-1])
    with Store.open(store_url) as db:
        for article in sorted(sample_articles, key=corpus_order):  # a stream, oldest first
            db.add(article)
            analyze_store(settings)
        fed = db.load_analysis()
    assert sum(folded) == len(sample_articles)  # each article analysed once: extended, never redone
    again = analyze_store(settings)  # nothing new: the stored analysis as it is
    assert _rows(again.parts()["relations"]) == _rows(fed["relations"])
    rebuilt = analyze_store(settings, rebuild=True)
    with Store.open(store_url) as db:
        assert _parts(db.load_analysis()) == _parts(fed)
    assert sum(len(s.articles) for s in rebuilt.stories) == len(sample_articles)
    assert rebuilt.relations and rebuilt.syndication


def test_incremental_analysis_rebuilds_when_an_article_was_replaced(tmp_path, sample_articles):
    from sitroom.model import Article

    url = f"sqlite:///{tmp_path / 'store.db'}"
    first = sample_articles[0]
    bare = Article(source="scrapes/copy.txt", raw_text=first.raw_text, body=first.body, entities=first.entities)
    assert bare.fingerprint == first.fingerprint and bare.publisher is None
    with Store.open(url) as db:
        for article in sample_articles[1:4]:
            db.add(article)
        db.add(bare)
        analyze_store(_settings(url))
        assert db.add(sample_articles[0]).replaced == (bare.id,)  # the copy with its outlet replaces it
        result = analyze_store(_settings(url))
        members = {m for s in result.stories for m in s.articles}
        assert bare.id not in members and sample_articles[0].id in members and len(members) == 4
