"""Syndicated copies must not multiply relations: the seeds alone vs the seeds with 300 varied copies.

    python benchmarks/copies.py [--copies 300] [--seeds ../shared/seeds/seeds.jsonl] [--json OUT]

Each copy is one seed republished the way aggregators and partner sites do it: another outlet,
published up to three days later, with a credit line or an agency prefix, page furniture around it
(share prompts, "read more" links, a newsletter box), typographic quotes made straight, and a
paragraph left out now and then (a trimmed re-run). All of them go into one SQLite store through
``sitroom ingest``'s path (:func:`sitroom.process.ingest_paths`), then ``analyze_store`` runs over
the store. Reported: relations of the seeds alone and of the seeds with their copies, syndication
groups and their sizes, claim groups. The check passes when the copies add no relation and every
seed with its copies forms exactly one syndication group.

The seed texts are read from ``../shared`` at run time; nothing from them is stored in the repo.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitroom.config import load_settings
from sitroom.process import analyze_store, ingest_paths
from sitroom.store import Store

OUTLETS = ["Regional Herald", "Daily Digest", "World Wire Review", "News Aggregator 24", "Partner Site",
           "Morning Brief", "Press Roundup", "Global Desk"]
PREFIXES = ["({outlet}) - ", "{outlet} / ", "", "", "Reporting by staff; edited by the desk.\n"]
FURNITURE = ["Share this article", "Read more: latest updates from the front", "Subscribe to our newsletter",
             "Follow us on social media", "Advertisement", "Related: more stories on this topic"]


def vary(record: dict, k: int, rng: random.Random) -> dict:
    """Copy ``k`` of one seed record: another outlet, a later date, a credit, furniture, trims."""
    outlet = OUTLETS[k % len(OUTLETS)]
    paragraphs = [p for p in record["text"].split("\n") if p.strip()]
    if len(paragraphs) > 3 and rng.random() < 0.3:  # a trimmed re-run: one later paragraph left out
        del paragraphs[rng.randrange(2, len(paragraphs))]
    headline, body = paragraphs[0], "\n".join(paragraphs[1:])
    if rng.random() < 0.5:
        body = body.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    body = rng.choice(PREFIXES).format(outlet=outlet) + body  # agencies' prefixes open the body
    text = "\n".join([*rng.sample(FURNITURE, 1), headline, body, *rng.sample(FURNITURE, 2)])
    published = record.get("published")
    if published:
        published = (date.fromisoformat(published[:10]) + timedelta(days=rng.randrange(4))).isoformat()
    return {"source": f"copy{k:03d}_{record['source']}", "text": text, "outlet": outlet, "published": published}


def measure(records: list[dict], workdir: Path) -> dict:
    corpus = workdir / f"corpus_{len(records)}.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    settings = load_settings(env={}, overrides={"store.url": f"sqlite:///{workdir / f'store_{len(records)}.db'}"})
    started = time.perf_counter()
    with Store.open(settings.get("store", "url")) as store:
        ingest_paths([corpus], settings, store)
        stored = store.count()
    result = analyze_store(settings)
    sizes = sorted((len(g) for g in result.syndication), reverse=True)
    return {"articles": len(records), "stored": stored, "relations": len(result.relations),
            "contradictions": sum(r.relation == "contradicts" for r in result.relations),
            "corroborations": sum(r.relation == "corroborates" for r in result.relations),
            "syndication_groups": len(sizes), "group_sizes": sizes, "claim_groups": len(result.claim_groups),
            "seconds": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=300)
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1] / "../shared/seeds/seeds.jsonl")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not args.seeds.is_file():
        print(f"no seeds at {args.seeds}: nothing to measure", file=sys.stderr)
        return 2
    seeds = [json.loads(line) for line in args.seeds.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(11)
    copies = [vary(seeds[k % len(seeds)], k, rng) for k in range(args.copies)]
    with tempfile.TemporaryDirectory() as tmp:
        alone = measure(seeds, Path(tmp))
        together = measure(seeds + copies, Path(tmp))
    # copies that come out byte-identical are stored once: every stored article must be in a group
    passed = together["relations"] <= alone["relations"] and together["syndication_groups"] == len(seeds) and \
        sum(together["group_sizes"]) == together["stored"]
    report = {"seeds_alone": alone, "with_copies": together, "passed": passed}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
