"""An ingest killed with SIGKILL mid-run loses and duplicates nothing: the re-run completes the store.

The ingest runs as its own process (``sitroom ingest``) against SQLite and against the PostgreSQL
server the test run starts; it is killed once it has stored a few articles. The store must open,
hold only whole articles, and after a second run hold exactly what an uninterrupted run stores.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from sitroom.config import load_settings
from sitroom.model import Article
from sitroom.process import ingest_paths, read
from sitroom.report.situation import SAMPLE_DIR
from sitroom.store import Store

pytestmark = pytest.mark.slow


def _corpus(tmp_path):
    """The sample corpus as one JSONL feed, each text three times under other outlets (more to kill)."""
    settings = load_settings(env={})
    articles = [a for a in read([SAMPLE_DIR], settings) if isinstance(a, Article)]
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for k in range(3):
            for a in articles:
                out.write(json.dumps({"source": f"{k}-{a.source}", "text": a.raw_text,
                                      "outlet": f"Outlet {k}", "published": a.published}) + "\n")
    return path


def _ingest(path, url):
    code = "from sitroom.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "ingest", str(path), "--store", url, "--workers", "1",
                             "--no-analyze"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "SITROOM_CONFIG": ""})


def _ids(url):
    with Store.open(url) as store:
        return [a.id for a in store.articles()]


def test_interrupted_ingest_loses_and_duplicates_nothing(tmp_path, store_url):
    feed = _corpus(tmp_path)
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    with Store.open(reference) as store:
        ingest_paths([feed], load_settings(env={}), store)
    expected = sorted(_ids(reference))

    run = _ingest(feed, store_url)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        try:
            if len(_ids(store_url)) >= 3:
                break
        except Exception:  # noqa: BLE001 - the first run may still be creating the tables
            pass
        time.sleep(0.05)
    assert run.poll() is None, "the ingest ended before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()

    stored = _ids(store_url)
    assert 3 <= len(stored) < len(expected)
    assert len(set(stored)) == len(stored) and set(stored) <= set(expected)

    assert _ingest(feed, store_url).wait(timeout=300) == 0
    assert sorted(_ids(store_url)) == expected
    assert _ingest(feed, store_url).wait(timeout=300) == 0  # a third run adds nothing
    assert sorted(_ids(store_url)) == expected
