"""Story clustering: B-cubed on BASIL and the seeds, and how the run time grows with the corpus.

    python benchmarks/stories.py [--bench-dir ../shared/bench/basil-media-bias] [--seeds-dir ../shared/seeds]
                                 [--gold ../shared/gold/seeds/corpus.gold.json] [--no-pipeline]
                                 [--sizes 1000,10000,100000] [--json OUT]

(a) BASIL: 300 articles, 100 stories told by Fox, NYT and HuffPost (``triplet-uuid``). Each article
    becomes an article dict (title + joined ``body-paragraphs``, ``date``, outlet) and, unless
    ``--no-pipeline``, goes through sitroom's pipeline for canonical entities and places (~1.5 min).
    Scored by B-cubed against ``triplet-uuid``, with dates and again with the dates removed (content
    only, the ``undated_threshold`` path).
(b) Seeds: ``seeds.jsonl`` (text with feed metadata) through the pipeline, B-cubed against the
    ``stories`` of ``corpus.gold.json`` (doc ids are the file names without ``.txt``).
(c) Scaling: synthetic article dicts (generated vocabulary, entities, places, dates; stories of 1-8
    articles, ~200 articles a day) through ``cluster_stories``; seconds per 1,000 articles at each
    size and the growth of that figure against n log n.

Missing data folders are reported and skipped; the scaling part needs nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from sitroom.link.stories import StoryParams, build_index, cluster_stories
from sitroom.model import Article, Entity

REPO = Path(__file__).resolve().parents[1]


def bcubed(gold: dict[str, Iterable[str]], system: dict[str, Iterable[str]]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items of ``gold``; items the system lacks are singletons."""
    gold_of = {item: key for key, items in gold.items() for item in items}
    sys_of = {item: key for key, items in system.items() for item in items if item in gold_of}
    for n, item in enumerate(gold_of):
        sys_of.setdefault(item, f"__single_{n}")
    gold_sets: dict[str, set[str]] = defaultdict(set)
    sys_sets: dict[str, set[str]] = defaultdict(set)
    for item in gold_of:
        gold_sets[gold_of[item]].add(item)
        sys_sets[sys_of[item]].add(item)
    p = r = 0.0
    for item in gold_of:
        both = len(gold_sets[gold_of[item]] & sys_sets[sys_of[item]])
        p += both / len(sys_sets[sys_of[item]])
        r += both / len(gold_sets[gold_of[item]])
    n = len(gold_of) or 1
    p, r = p / n, r / n
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def run_pipeline(records: list[dict[str, Any]]) -> list[Article]:
    """``records`` of ``source``, ``text``, ``published``, ``outlet``, ``title`` -> processed articles
    (id = source, so that stories list sources)."""
    from sitroom.config import load_settings
    from sitroom.process import build_pipeline

    pipeline = build_pipeline(load_settings(env={}))
    articles = [Article(source=r["source"], raw_text=r["text"], id=r["source"],
                        meta={k: r.get(k) for k in ("published", "outlet", "title") if r.get(k)})
                for r in records]
    return list(pipeline.pipe(articles))


def basil(bench_dir: Path, use_pipeline: bool) -> dict[str, Any] | None:
    files = sorted(bench_dir.glob("articles/*/*.json"))
    if not files:
        print(f"BASIL: no articles under {bench_dir}, skipped")
        return None
    records, gold = [], defaultdict(list)
    for path in files:
        raw = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in raw.get("body-paragraphs") or [])
        title = raw.get("title") or ""
        records.append({"source": path.stem, "text": f"{title}\n\n{body}" if title else body, "body": body,
                        "title": title or None, "published": raw.get("date"), "outlet": raw.get("source")})
        gold[raw["triplet-uuid"]].append(path.stem)
    start = time.perf_counter()
    if use_pipeline:
        docs = run_pipeline(records)
    else:
        docs = [Article(source=r["source"], raw_text=r["text"], id=r["source"], title=r["title"], body=r["body"],
                        published=r["published"], outlet=r["outlet"]) for r in records]
    prepared = time.perf_counter() - start
    start = time.perf_counter()
    dated = bcubed(gold, cluster_stories(docs))
    clustered = time.perf_counter() - start
    undated = bcubed(gold, cluster_stories([replace(d, published=None) for d in docs]))
    how = "pipeline" if use_pipeline else "text only"
    print(f"BASIL ({len(docs)} articles, {len(gold)} stories, {how}):")
    print(f"  with dates  P {dated['precision']:.3f} R {dated['recall']:.3f} F1 {dated['f1']:.3f}")
    print(f"  no dates    P {undated['precision']:.3f} R {undated['recall']:.3f} F1 {undated['f1']:.3f}")
    print(f"  preparing {prepared:.1f} s, clustering {clustered:.2f} s")
    return {"articles": len(docs), "stories": len(gold), "pipeline": use_pipeline,
            "dated": dated, "undated": undated, "prepare_s": prepared, "cluster_s": clustered}


def seeds(seeds_dir: Path, gold_file: Path) -> dict[str, Any] | None:
    jsonl = seeds_dir / "seeds.jsonl"
    if not jsonl.is_file() or not gold_file.is_file():
        print(f"seeds: {jsonl} or {gold_file} missing, skipped")
        return None
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = run_pipeline(records)
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["stories"]
    found = cluster_stories(docs)
    system = {sid: [src.removesuffix(".txt") for src in members] for sid, members in found.items()}
    score = bcubed(gold, system)
    print(f"seeds ({len(docs)} articles, {len(gold)} stories): "
          f"P {score['precision']:.3f} R {score['recall']:.3f} F1 {score['f1']:.3f}")
    for sid, members in system.items():
        print(f"  {sid}: {', '.join(members)}")
    return {**score, "stories": system}


def synthetic(n: int, seed: int = 7) -> tuple[list[Article], dict[str, list[str]]]:
    """``n`` articles in date order (id = source), and their true stories."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocab = ["".join(rng.choice(letters, size=rng.integers(4, 10))) for _ in range(30_000)]
    zipf = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    zipf /= zipf.sum()
    background = rng.choice(len(vocab), size=n * 90, p=zipf)
    people = [f"person {i}" for i in range(20_000)]
    places = [f"place {i}" for i in range(5_000)]
    docs: list[Article] = []
    gold: dict[str, list[str]] = defaultdict(list)
    per_day, story = 200, 0
    while len(docs) < n:
        topic = rng.choice(len(vocab), size=25, replace=False)
        names = [people[i] for i in rng.choice(len(people), size=4, replace=False)]
        where = [places[i] for i in rng.choice(len(places), size=2, replace=False)]
        day = 738_000 + len(docs) // per_day
        for _ in range(min(int(rng.integers(1, 9)), n - len(docs))):
            at = len(docs) * 90
            words = [vocab[i] for i in background[at:at + 90]]
            words += [vocab[i] for i in rng.choice(topic, size=40)]
            rng.shuffle(words)
            source = f"syn-{len(docs)}"
            body = " ".join(words)
            entities = [Entity(str(p), "person") for p in rng.choice(names, size=3, replace=False)]
            entities += [Entity(str(p), "location") for p in rng.choice(where, size=1)]
            docs.append(Article(source=source, raw_text=body, id=source, body=body, entities=tuple(entities),
                                published=date.fromordinal(day + int(rng.integers(0, 3))).isoformat()))
            gold[f"story-{story}"].append(source)
        story += 1
    return docs, gold


def scaling(sizes: list[int], repeat: int = 3) -> list[dict[str, Any]]:
    """Time ``cluster_stories`` at each size; sizes up to 10,000 take the best of ``repeat`` runs."""
    rows = []
    for n in sizes:
        docs, gold = synthetic(n)
        runs = []
        for _ in range(repeat if n <= 10_000 else 1):
            start = time.perf_counter()
            index = build_index(docs)
            runs.append(time.perf_counter() - start)
        seconds = min(runs)
        found = index.stories()
        score = bcubed(gold, found)
        rows.append({"n": n, "seconds": round(seconds, 2), "s_per_1000": round(1000 * seconds / n, 4),
                     "comparisons_per_article": round(index.comparisons / n, 2),
                     "postings_read_per_article": round(index.postings_read / n, 1),
                     "stories": len(found), "true_stories": len(gold), "f1": score["f1"]})
        print(f"  n={n:>7}: {seconds:7.1f} s, {1000 * seconds / n:.3f} s per 1,000 articles, "
              f"{index.postings_read / n:.0f} postings read and {index.comparisons / n:.1f} stories scored "
              f"per article, "
              f"{len(found)} stories (true {len(gold)}), B-cubed F1 {score['f1']:.3f}")
    base = rows[0]
    for row in rows[1:]:
        row["growth"] = round(row["s_per_1000"] / base["s_per_1000"], 2)
        row["log_n_ratio"] = round(math.log(row["n"]) / math.log(base["n"]), 2)
        print(f"  time per article x{row['growth']:.2f} from n={base['n']} to n={row['n']} "
              f"(n log n would allow x{row['log_n_ratio']:.2f}, linear x1.00)")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=REPO.parent / "shared/bench/basil-media-bias")
    parser.add_argument("--seeds-dir", type=Path, default=REPO.parent / "shared/seeds")
    parser.add_argument("--gold", type=Path, default=REPO.parent / "shared/gold/seeds/corpus.gold.json")
    parser.add_argument("--no-pipeline", action="store_true", help="BASIL on text only (no entities)")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    params = StoryParams()
    print(f"params: {params}")
    results: dict[str, Any] = {"params": {k: getattr(params, k) for k in params.__slots__}}
    if args.bench_dir.is_dir():
        results["basil"] = basil(args.bench_dir, not args.no_pipeline)
    else:
        print(f"BASIL: {args.bench_dir} not found, skipped")
    if not args.no_pipeline:
        results["seeds"] = seeds(args.seeds_dir, args.gold)
    print("scaling (synthetic):")
    results["scaling"] = scaling([int(s) for s in args.sizes.split(",") if s])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
