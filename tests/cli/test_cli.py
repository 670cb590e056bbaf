import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.model import Article
from sitroom.store import Store

runner = CliRunner()

GOOD = ("Shelling hits river town\n\nOfficials said on Monday that three houses near the river had been damaged "
        "overnight and that nobody was hurt, while buses took families to the regional capital.\n\nBack to top\n")


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder


def test_cli_help_lists_commands_with_examples():
    result = runner.invoke(app, ["--help"])
    for command in ("ingest", "extract", "eval", "demo"):
        assert command in result.output
    assert "Examples" in runner.invoke(app, ["ingest", "--help"]).output


def test_cli_extract_json_prints_one_object_per_article(inputs):
    result = runner.invoke(app, ["extract", str(inputs / "good.txt"), "--json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout.strip())
    assert doc["source"].endswith("good.txt") and doc["title"] == "Shelling hits river town"
    assert doc["boilerplate_lines"] == ["Back to top"]
    assert "Back to top" not in doc["body"]


def test_cli_ingest_records_bad_inputs_and_goes_on(inputs, tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    result = runner.invoke(app, ["ingest", str(inputs), "--store", url])
    assert result.exit_code == 0, result.output
    assert "1 new, 0 already stored, 2 failed" in result.stdout
    with Store.open(url) as db:
        reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in db.failures()}
        assert db.count() == 1
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["picture.txt"]
    again = runner.invoke(app, ["ingest", str(inputs), "--store", url])
    assert "0 new, 1 already stored" in again.stdout


def test_cli_interrupted_ingest_loses_and_duplicates_nothing(inputs, tmp_path, monkeypatch):
    """A run that dies after the first article keeps it; the re-run adds only the rest."""
    for i in range(3):
        (inputs / f"more{i}.txt").write_text(GOOD.replace("three", f"{i + 4}"), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 's.db'}"
    original = Store.add
    calls = {"n": 0}

    def dying_add(self, article: Article):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(self, article)

    monkeypatch.setattr(Store, "add", dying_add)
    runner.invoke(app, ["ingest", str(inputs), "--store", url])
    monkeypatch.setattr(Store, "add", original)
    with Store.open(url) as db:
        assert db.count() == 1
    runner.invoke(app, ["ingest", str(inputs), "--store", url])
    with Store.open(url) as db:
        assert db.count() == 4
        assert len({a.id for a in db.articles()}) == 4


def test_cli_errors_become_one_line_and_exit_code_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[nope]\nx = 1\n")
    (tmp_path / "x.txt").write_text("Shelling was reported on Monday.")
    proc = subprocess.run([sys.executable, "-c", "from sitroom.cli import main; main()", "extract", str(tmp_path / "x.txt"),
                           "--config", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "unknown section [nope]" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_cli_demo_runs_on_sample_corpus(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stdout
    lines = (tmp_path / "demo" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 15
