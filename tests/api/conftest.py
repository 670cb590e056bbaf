"""An app over a store of invented articles (tests/api/corpus.py), built once per module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from sitroom.config import load_settings
from sitroom.link import analyze

TOKEN = "test-token-7f3a"


def load_corpus():
    """tests/api/corpus.py as a module (the tests run with --import-mode=importlib)."""
    name = "sitroom_test_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("corpus.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


corpus = load_corpus()


def make_settings(url: str, **overrides):
    return load_settings(env={}, overrides={"store.url": url, **overrides})


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store_url(request, tmp_path_factory) -> str:
    """The corpus in a SQLite file, and in a fresh database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'sitroom.db'}"
    else:
        from tests.support import postgres

        admin = request.getfixturevalue("postgres_cluster")
        url = postgres.fresh_database(admin, f"api_{request.module.__name__.rsplit('.', 1)[-1]}")
    corpus.build_store(url).close()
    return url


@pytest.fixture(scope="module")
def client(store_url):
    from fastapi.testclient import TestClient

    from sitroom.api import create_app

    with TestClient(create_app(make_settings(store_url, **{"serve.write_token": TOKEN}))) as c:
        yield c


@pytest.fixture(scope="module")
def ids():
    """Article ids by source, claim and story ids of the corpus."""
    arts = {a.source: a for a in corpus.articles()}
    red, blue = arts["t/redwire-lyptsi.txt"], arts["t/bluepost-lyptsi.txt"]
    return {"red": red.id, "blue": blue.id, "grey": arts["t/grey-kupiansk.txt"].id,
            "sumy": arts["t/redwire-sumy.txt"].id, "red_c1": f"{red.id}:c1", "blue_c1": f"{blue.id}:c1", "blue_c2": f"{blue.id}:c2",
            "story": analyze(corpus.articles()).story_of()[red.id]}
