"""Several worker processes give what one gives, in input order, and store it once."""

import os
from dataclasses import replace

import pytest

from sitroom.config import load_settings
from sitroom.model import Article, Failure
from sitroom.output import article_json
from sitroom.process import ingest_paths, process, read
from sitroom.report.situation import SAMPLE_DIR
from sitroom.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def settings():
    return load_settings(env={}, overrides={"nlp.batch_size": 3})  # small batches: several go to the workers


def _items(settings):
    articles = [a for a in read([SAMPLE_DIR], settings) if isinstance(a, Article)][:8]
    failure = Failure("broken.txt", "not UTF-8 text")
    return [*articles[:4], failure, *articles[4:]]


def test_parallel_output_equals_one_worker_in_input_order(settings):
    items = _items(settings)
    one = list(process([replace(i) if isinstance(i, Article) else i for i in items], settings, workers=1))
    two = list(process([replace(i) if isinstance(i, Article) else i for i in items], settings, workers=2))
    assert [i.source for i in two] == [i.source for i in items]  # the reader's failure kept in its place
    assert isinstance(two[4], Failure)
    assert [article_json(a) for a in two if isinstance(a, Article)] == \
        [article_json(a) for a in one if isinstance(a, Article)]


def test_parallel_ingest_stores_each_article_once(tmp_path, settings):
    counts = []
    for workers in (1, 2):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        with Store.open(url) as store:
            summary = ingest_paths([SAMPLE_DIR], settings, store, workers=workers)
            counts.append((summary.new, store.count(), sorted(a.id for a in store.articles())))
    assert counts[0] == counts[1] and counts[0][0] > 3


def _die(articles):
    os._exit(1)  # a worker killed mid-batch (out of memory, a signal)


def test_parallel_a_dead_worker_does_not_lose_its_batch(settings, monkeypatch):
    import sitroom.parallel as parallel

    items = _items(settings)
    one = list(process([replace(i) if isinstance(i, Article) else i for i in items], settings, workers=1))
    monkeypatch.setattr(parallel, "_run", _die)  # every worker dies on its first batch
    two = list(process([replace(i) if isinstance(i, Article) else i for i in items], settings, workers=2))
    assert [article_json(a) for a in two if isinstance(a, Article)] == \
        [article_json(a) for a in one if isinstance(a, Article)]
