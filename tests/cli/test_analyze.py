import json

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store import Store

pytestmark = pytest.mark.slow
runner = CliRunner()

ARTICLES = [
    {"source": "a.txt", "published": "2025-03-04", "outlet": "TASS",
     "text": "Village falls\n\nThe Russian Defence Ministry said on Tuesday that its forces captured the village of "
             "Lyptsi in the Kharkov region after two days of fighting near the border."},
    {"source": "b.txt", "published": "2025-03-05", "outlet": "Ukrinform",
     "text": "Lyptsi held\n\nThe General Staff of the Armed Forces of Ukraine said on Wednesday that there was no "
             "capture of Lyptsi and that Ukrainian units still held the village in the Kharkiv region."},
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES), encoding="utf-8")
    return path


def test_cli_analyze_json_shape(corpus):
    result = runner.invoke(app, ["analyze", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"articles", "stories", "claim_groups", "relations", "outlets"}
    source_of = {a["id"]: a["source"] for a in doc["articles"]}
    assert [[source_of[i] for i in s["articles"]] for s in doc["stories"]] == [["a.txt", "b.txt"]]
    claim_ids = {c["id"] for a in doc["articles"] for c in a["claims"]}
    assert all(r["a"] in claim_ids and r["b"] in claim_ids for r in doc["relations"])
    assert any(r["relation"] == "contradicts" for r in doc["relations"])
    assert set(doc["outlets"]) == {"TASS", "Ukrinform"}


def test_cli_ingest_updates_stored_analysis_and_queries(corpus, tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    result = runner.invoke(app, ["ingest", str(corpus), "--store", url])
    assert "analysis updated" in result.stdout
    with Store.open(url) as db:
        stored = db.load_analysis()
        assert stored["relations"] and stored["stories"]
        events = db.find_event_ids(region="Kharkiv Oblast")
        assert events and {db.get(a).source for _, a in events} <= {"a.txt", "b.txt"}
        assert db.find_event_ids(region="Donetsk Oblast") == []
        claims = [next(c for c in db.get(a).claims if c.id == i) for i, a in db.find_claim_ids(side="russia")]
        assert [c.speaker for c in claims] == ["Ministry of Defence of Russia"]


def test_cli_same_text_from_two_outlets_is_two_articles_in_one_copy_group(tmp_path):
    wire = ARTICLES[0]
    path = tmp_path / "copies.jsonl"
    path.write_text("\n".join(json.dumps({**wire, "source": src, "outlet": outlet}) for src, outlet in
                              (("tass/1", "TASS"), ("rt/1", "RT"), ("tass/1-again", "TASS"))), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 's.db'}"
    result = runner.invoke(app, ["ingest", str(path), "--store", url])
    assert result.exit_code == 0, result.output
    assert "2 new, 1 already stored" in result.stdout
    with Store.open(url) as db:
        stored = list(db.articles())
        assert sorted(a.outlet for a in stored) == ["RT", "TASS"]
        assert db.copies(stored[0].id) == sorted(a.id for a in stored)
        analysis = db.load_analysis()
        assert [sorted(g) for g in analysis["syndication"]] == [sorted(a.id for a in stored)]
        assert set(analysis["outlets"]) == {"RT", "TASS"}
    report = runner.invoke(app, ["report", "--store", url, "--format", "md"])
    assert report.exit_code == 0, report.output
    assert "carried by TASS" in report.stdout and "carried by RT" in report.stdout
