"""How sitroom scales: ingest rate, analysis updates, API latency and store size, SQLite and PostgreSQL.

    python benchmarks/scale.py                                  # 1k and 10k, both backends
    python benchmarks/scale.py --sizes 1000,10000,100000 --json out.json
    python benchmarks/scale.py --backends sqlite --ingest 0     # skip the NLP ingest part

For each store size and backend: a store of synthetic analysed articles (``benchmarks/analysis.py``:
invented words, places, claims with propositions, events; no NLP), written through ``Store.add``;
then

- the full analysis (``sitroom analyze --rebuild``) and its time,
- the update after 10 new articles (newer than any stored, as a day's feed brings them): what
  ``sitroom ingest`` does after storing them (``analyze_store``, which extends the stored analysis),
- API latency, p50 and p95 over ``--requests`` requests per query, through FastAPI's test client
  in-process (articles, events by oblast, claims by speaker, search, stories, one story),
- the store's size per 1,000 articles (SQLite: the file; PostgreSQL: ``pg_database_size``).

And once, the ingest rate of the whole pipeline (``sitroom ingest``) with 1 and 2 workers on
``--ingest`` articles written from the sample corpus's vocabulary (a word-bigram chain over the
sample texts, which were written for sitroom), whole process, same run.

PostgreSQL runs on a throw-away cluster started here (``tests/support/postgres.py``), skipped when
the server binaries are absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from analysis import synthetic  # noqa: E402

from sitroom.config import load_settings  # noqa: E402
from sitroom.model import Article  # noqa: E402
from sitroom.process import analyze_store  # noqa: E402
from sitroom.store import Store  # noqa: E402

QUERIES = {
    "articles": "/api/articles?limit=20",
    "events by oblast": "/api/events?region=Donetsk%20Oblast&limit=50",
    "claims by speaker": "/api/claims?speaker=Vladimir%20Putin&limit=50",
    "search": "/api/search?q=wzp",
    "stories": "/api/stories?limit=20",
}


#: the synthetic words ("w123") as letters, so that story clustering reads them as words (one for one:
#: every span stays where it is)
LETTERS = str.maketrans("0123456789", "qzxjkvbpyf")


def stored(articles: list[Article]) -> list[Article]:
    """Synthetic records as a reader would make them: a publisher from the outlet, words of letters."""
    for a in articles:
        a.body = a.raw_text = (a.body or "").translate(LETTERS)
        a.publisher = (a.outlet or "").casefold()
        a.meta = {"outlet": a.outlet, "published": a.published}
    return articles


def newer(n: int, count: int) -> list[Article]:
    """``count`` articles like the synthetic ones, dated after all of them, with ids of their own."""
    fresh = synthetic(n + count, seed=99)[n:]
    last = date(2025, 1, 10)
    for k, a in enumerate(fresh):
        a.published = (last + timedelta(days=k % 2)).isoformat()
    return stored(fresh)


def store_size(db: Store, url: str) -> int:
    if db.dialect == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    from sqlalchemy import text

    with db.engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar()


def latency(url: str, requests: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from sitroom.api import create_app

    client = TestClient(create_app(load_settings(env={}, overrides={"store.url": url})))
    story = client.get("/api/stories?limit=1").json()["items"][0]["id"]
    out = {}
    for name, path in {**QUERIES, "one story": f"/api/stories/{story}"}.items():
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code, response.text[:200])
        times.sort()
        out[name] = {"p50_ms": round(statistics.median(times), 1),
                     "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1)}
    return out


def run_store(n: int, url: str, requests: int) -> dict:
    settings = load_settings(env={}, overrides={"store.url": url})
    row: dict = {"articles": n}
    with Store.open(url) as db:
        start = time.perf_counter()
        for article in stored(synthetic(n)):
            db.add(article)
        row["write_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    analyze_store(settings, rebuild=True)
    row["rebuild_s"] = round(time.perf_counter() - start, 2)
    with Store.open(url) as db:
        for article in newer(n, 10):
            db.add(article)
    start = time.perf_counter()
    result = analyze_store(settings)
    row["update_10_s"] = round(time.perf_counter() - start, 2)
    assert sum(len(s.articles) for s in result.stories) == n + 10
    with Store.open(url) as db:
        row["mb_per_1k"] = round(store_size(db, url) / 1e6 / ((n + 10) / 1000), 1)
    row["api"] = latency(url, requests)
    return row


def vocabulary_articles(count: int, seed: int = 5) -> list[dict]:
    """News-like texts from a word-bigram chain over the sample corpus (written for sitroom)."""
    from sitroom.report.situation import SAMPLE_DIR

    words: list[str] = []
    for path in sorted(SAMPLE_DIR.rglob("*")):
        if path.suffix == ".jsonl":
            words += " ".join(json.loads(line).get("text", "") for line in path.read_text().splitlines() if line).split()
        elif path.suffix in (".txt", ".html"):
            words += path.read_text(errors="ignore").split()
    chain: dict[str, list[str]] = {}
    for a, b in zip(words, words[1:]):
        chain.setdefault(a, []).append(b)
    starts = [w for w in chain if w[:1].isupper()]
    rng = random.Random(seed)
    out = []
    for i in range(count):
        sentences = []
        for _ in range(22):
            word, sentence = rng.choice(starts), []
            while len(sentence) < 40:
                sentence.append(word)
                if word.endswith(".") and len(sentence) > 6:
                    break
                word = rng.choice(chain.get(word) or starts)
            sentences.append(" ".join(sentence).rstrip(".") + ".")
        paragraphs = [" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4)]
        out.append({"text": "\n\n".join(paragraphs), "outlet": f"Outlet {i % 7}", "url": f"https://example.org/{i}",
                    "published": (date(2025, 3, 1) + timedelta(days=i % 20)).isoformat(), "title": f"Report {i}"})
    return out


def ingest_rate(count: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("\n".join(json.dumps(a) for a in vocabulary_articles(count)) + "\n")
        out = {}
        for workers in (1, 2):
            db = Path(tmp) / f"w{workers}.db"
            start = time.perf_counter()
            subprocess.run([str(Path(sys.executable).with_name("sitroom")), "ingest", str(feed), "--store", f"sqlite:///{db}",
                            "--workers", str(workers), "--no-analyze"], check=True, capture_output=True,
                           env={**os.environ, "SITROOM_QUIET": "1"})
            seconds = time.perf_counter() - start
            out[f"workers_{workers}"] = {"seconds": round(seconds, 1), "articles_per_s": round(count / seconds, 2)}
        out["speedup"] = round(out["workers_2"]["articles_per_s"] / out["workers_1"]["articles_per_s"], 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--ingest", type=int, default=60, help="articles for the ingest rate (0: skip)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report: dict = {"stores": []}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        admin = None
        if "postgresql" in args.backends:
            from tests.support import postgres

            if postgres.binaries() is None:
                print("PostgreSQL binaries not found: PostgreSQL rows skipped")
            else:
                admin = stack.enter_context(postgres.cluster())
        for n in (int(x) for x in args.sizes.split(",")):
            for backend in args.backends.split(","):
                if backend == "sqlite":
                    url = f"sqlite:///{Path(tmp) / f'scale{n}.db'}"
                elif admin is not None:
                    url = postgres.fresh_database(admin, f"scale{n}")
                else:
                    continue
                row = {"backend": backend, **run_store(n, url, args.requests)}
                report["stores"].append(row)
                api = ", ".join(f"{k} {v['p50_ms']}/{v['p95_ms']}" for k, v in row["api"].items())
                print(f"{backend:10} {n:>7}: write {row['write_s']} s, rebuild {row['rebuild_s']} s, "
                      f"10 new {row['update_10_s']} s, {row['mb_per_1k']} MB per 1k; API p50/p95 ms: {api}", flush=True)
    if args.ingest:
        report["ingest"] = ingest_rate(args.ingest)
        print(f"ingest of {args.ingest} articles: {report['ingest']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
