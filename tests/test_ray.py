"""``sitroom ingest --engine ray``: Ray Data actors give the local run's output, in the same order."""

import json

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.report.situation import SAMPLE_DIR
from sitroom.store import Store

pytest.importorskip("ray", reason="the ray extra is not installed; `make test` installs it")
pytestmark = pytest.mark.slow
runner = CliRunner()


def _records(url):
    with Store.open(url) as db:
        return {a.id: json.dumps(a.to_dict(), sort_keys=True) for a in db.articles()}


def test_ray_engine_stores_what_the_local_engine_stores(tmp_path):
    local, on_ray = f"sqlite:///{tmp_path / 'local.db'}", f"sqlite:///{tmp_path / 'ray.db'}"
    assert runner.invoke(app, ["ingest", str(SAMPLE_DIR), "--store", local, "--workers", "1"]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(SAMPLE_DIR), "--store", on_ray, "--engine", "ray", "--workers", "2"])
    assert result.exit_code == 0, result.output
    expected = _records(local)
    assert len(expected) >= 20 and _records(on_ray) == expected
    with Store.open(local) as a, Store.open(on_ray) as b:
        assert a.load_analysis() == b.load_analysis()
    parquet = tmp_path / "enriched.parquet"
    result = runner.invoke(app, ["ingest", str(SAMPLE_DIR), "--engine", "ray", "--workers", "2", "--out", str(parquet)])
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    rows = pq.read_table(parquet).to_pylist()
    assert {r["id"] for r in rows} >= set(expected) and all(json.loads(r["record"])["body"] for r in rows)
