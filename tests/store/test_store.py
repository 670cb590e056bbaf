import sqlite3

import pytest

from sitroom.errors import StoreError
from sitroom.model import Article, Claim, Failure, Span
from sitroom.store import Store
from sitroom.store.schema import MIGRATIONS


@pytest.fixture
def store(store_url):
    """Each store test runs against SQLite and against the session's PostgreSQL server."""
    with Store.open(store_url) as db:
        yield db


def _article(text="The brigade held the bridge near the river overnight.", title="Bridge held", **kw):
    return Article(source="a.txt", raw_text=text, body=text, title=title, published="2025-03-04",
                   claims=(Claim("c1", "the brigade", "said", Span(0, 11), "held the bridge"),), **kw)


def test_store_round_trip_and_idempotent_add(store):
    article = _article()
    assert store.add(article).new is True
    assert store.add(article).new is False
    assert store.count() == 1
    assert store.get(article.id) == article
    assert list(store.articles()) == [article]


def test_store_wal_mode_and_schema_version(store):
    from sqlalchemy import text

    assert store.schema_version() == max(v for v, _, _ in MIGRATIONS)
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_store_reopen_keeps_data_and_does_not_remigrate(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Store.open(url) as db:
        db.add(_article())
    with Store.open(url) as db:
        assert db.migrate() == []
        assert db.count() == 1


RELATION = {"a": "x:c1", "b": "y:c2", "relation": "contradicts", "independent": True, "why": "capture vs repelled",
            "type": "control disputed", "confidence": 0.8, "sides": ["russia", "ukraine"],
            "propositions": [{"predicate": "captured", "place": "Lyptsi", "negated": False},
                             {"predicate": "repelled", "place": "Lyptsi", "negated": False}]}


def test_store_relations_keep_type_confidence_and_propositions(store):
    store.save_analysis({"relations": [RELATION]})
    assert store.load_analysis()["relations"] == [RELATION]


def test_store_reads_only_the_parts_of_the_analysis_asked_for(store):
    store.save_analysis({"relations": [RELATION], "stories": [{"id": "s1", "articles": ["x"]}],
                         "claim_groups": [{"id": "g1", "claims": ["x:c1"]}]})
    assert store.load_analysis(["stories"]) == {"stories": [{"id": "s1", "articles": ["x"]}]}
    assert set(store.load_analysis(["claim_groups", "relations"])) == {"claim_groups", "relations"}
    assert set(store.load_analysis()) >= {"stories", "claim_groups", "relations"}


def test_store_version_3_relations_survive_the_detail_migration(tmp_path):
    url = f"sqlite:///{tmp_path / 'v3.db'}"
    with Store.open(url) as db:
        db.save_analysis({"relations": [RELATION]})
    with sqlite3.connect(tmp_path / "v3.db") as conn:  # back to the version 3 table
        conn.execute("ALTER TABLE relations DROP COLUMN detail")
        conn.execute("DELETE FROM schema_migrations WHERE version = 4")
    with Store.open(url) as db:
        assert db.schema_version() == max(v for v, _, _ in MIGRATIONS)
        (old,) = db.load_analysis()["relations"]
        assert old == {k: RELATION[k] for k in ("a", "b", "relation", "independent", "why")}


def _wire(outlet: str | None, source: str) -> Article:
    text = "Two settlements were shelled overnight, the regional governor said."
    meta = {"outlet": outlet} if outlet else {}
    return Article(source=source, raw_text=text, body=text, outlet=outlet, meta=meta)


def test_store_same_text_from_two_outlets_is_two_articles_in_one_copy_group(store):
    first, second = _wire("Outlet One", "one.jsonl:1"), _wire("Outlet Two", "two.jsonl:1")
    assert first.fingerprint == second.fingerprint and first.id != second.id
    assert store.add(first).new and store.add(second).new
    assert not store.add(_wire("outlet one", "again.jsonl:7")).new  # one publication, re-read
    assert store.count() == 2
    assert store.copies(first.id) == sorted([first.id, second.id])


def test_store_bare_copy_adds_nothing_and_is_replaced_by_a_copy_with_its_publisher(store):
    bare = _wire(None, "folder/a.txt")
    assert store.add(bare).new
    assert store.knows(_wire(None, "other/a.txt"))  # a second bare copy is known
    added = store.add(_wire("Outlet One", "feed.jsonl:1"))
    assert added.new and added.replaced == (bare.id,)
    assert [a.outlet for a in store.articles()] == ["Outlet One"]
    assert store.search("settlements")[0]["id"] == added.article_id  # the text index follows
    assert not store.add(bare).new  # the bare text again: its copy is stored


def test_store_version_4_articles_get_fingerprint_and_publisher(tmp_path):
    url = f"sqlite:///{tmp_path / 'v4.db'}"
    with Store.open(url) as db:
        db.add(_wire("Outlet One", "one.jsonl:1"))
    with sqlite3.connect(tmp_path / "v4.db") as conn:  # back to the version 4 table
        conn.execute("DROP INDEX ix_articles_fingerprint")
        conn.execute("ALTER TABLE articles DROP COLUMN fingerprint")
        conn.execute("ALTER TABLE articles DROP COLUMN publisher")
        conn.execute("DELETE FROM schema_migrations WHERE version = 5")
    with Store.open(url) as db:
        assert db.schema_version() == max(v for v, _, _ in MIGRATIONS)
        assert db.knows(_wire("Outlet One", "re-read.jsonl:1"))
        assert db.add(_wire("Outlet Two", "two.jsonl:1")).new and db.count() == 2


def test_store_version_5_gets_the_read_model_backfilled(tmp_path):
    from sitroom.model import Entity, Mention
    from sitroom.store.catalog import Catalog

    url = f"sqlite:///{tmp_path / 'v5.db'}"
    text = "Shelling hit Vovchansk overnight."
    place = Entity("Vovchansk", "location", (Mention("Vovchansk", Span(13, 22)),), kind="city", country="UA",
                   admin1="Kharkiv Oblast", lat=50.29, lon=36.94)
    with Store.open(url) as db:
        db.add(Article(source="a.txt", raw_text=text, body=text, outlet="Wire", entities=(place,)))
    with sqlite3.connect(tmp_path / "v5.db") as conn:  # back to the version 5 tables
        conn.execute("DROP TABLE entity_index")
        conn.execute("ALTER TABLE articles DROP COLUMN claims")
        conn.execute("ALTER TABLE articles DROP COLUMN events")
        conn.execute("DELETE FROM schema_migrations WHERE version = 6")
    with Store.open(url) as db:
        catalog = Catalog(db.engine)
        assert [a["source"] for a in catalog.articles_where(region="Kharkiv Oblast")] == ["a.txt"]
        assert catalog.articles_where(region="Sumy Oblast") == []
        assert catalog.place("Vovchansk")["admin1"] == "Kharkiv Oblast"
        assert catalog.entity_counts()[0]["canonical"] == "Vovchansk"


def test_store_full_text_search(store):
    store.add(_article())
    store.add(_article("Evacuation buses left the square at noon.", title="Buses leave"))
    hits = store.search("bridge")
    assert len(hits) == 1 and "[bridge]" in hits[0]["snippet"]
    assert store.search('bridge" OR "x') == []  # quoting keeps user text out of FTS syntax


def test_store_failures_recorded_once_per_source(store):
    store.add_failure(Failure("bad.bin", "binary file"))
    store.add_failure(Failure("bad.bin", "binary file (looks like PNG image)"))
    assert store.failures() == [Failure("bad.bin", "binary file (looks like PNG image)")]


def test_store_bad_url_is_a_store_error():
    with pytest.raises(StoreError):
        Store.open("nosuchdialect://x")


def test_store_keeps_an_article_with_nul_bytes_and_an_overlong_outlet(store):
    text = "The bridge\x00 held overnight, the brigade said."
    article = Article(source="odd.txt", raw_text=text, body=text, title="Odd\x00 page", outlet="O" * 500,
                      meta={"outlet": "O" * 500},
                      claims=(Claim("c1", "S" * 400, "said", Span(0, 10), "held\x00"),))
    assert store.add(article).new
    assert store.get(article.id).body == text  # the record keeps the text as read
    assert store.search("bridge")[0]["id"] == article.id
    assert not store.add(article).new


def test_store_two_writers_at_once_lose_and_duplicate_nothing(store_url):
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Report number {k}: shelling hit district {k % 7} overnight, the regional office said." for k in range(40)]

    def ingest(order):
        with Store.open(store_url) as db:
            for k in order:
                db.add(Article(source=f"r{k}.txt", raw_text=texts[k], body=texts[k], meta={"outlet": "Wire"}))

    with ThreadPoolExecutor(2) as pool:  # the same 40 articles, in opposite orders, by two writers
        list(pool.map(ingest, [range(40), range(39, -1, -1)]))
    with Store.open(store_url) as db:
        assert db.count() == 40
        assert sorted(a.source for a in db.articles()) == sorted(f"r{k}.txt" for k in range(40))
