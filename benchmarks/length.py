"""Time of one article against its length: every per-article step should be linear.

    python benchmarks/length.py [--sizes 10000,100000,1000000] [--json OUT]

Each article is built from the bundled sample corpus (texts written for sitroom): its articles'
paragraphs, taken in turn, until the text reaches the size, so a long article reads like many
reports run together. Each size goes through the whole pipeline (``sitroom.process.process``, one
worker) and the time per 1,000 characters is reported with the time spent in each stage, so a step
that grows faster than the text shows as a rising share. Models are loaded before timing.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitroom.config import load_settings
from sitroom.model import Article
from sitroom.process import build_pipeline, read

REPO = Path(__file__).resolve().parents[1]


def paragraphs() -> list[str]:
    settings = load_settings(env={})
    out = []
    for article in read([REPO / "src" / "sitroom" / "data" / "sample"], settings):
        if isinstance(article, Article):
            out += [p.strip() for p in (article.raw_text or "").split("\n") if len(p.strip()) > 80]
    return out


def text_of(size: int, parts: list[str]) -> str:
    chunks, total, k = [], 0, 0
    while total < size:
        part = parts[k % len(parts)]
        chunks.append(part)
        total += len(part) + 2
        k += 1
    return "\n\n".join(chunks)[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    settings = load_settings(env={})
    pipeline = build_pipeline(settings)
    pipeline(Article(source="warm.txt", raw_text="Warm-up text for the models, said the test."))
    parts = paragraphs()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        text = text_of(size, parts)
        article = Article(source=f"long-{size}.txt", raw_text=text, meta={"published": "2025-03-14"})
        stages: dict[str, float] = {}
        start = time.perf_counter()
        for st in pipeline.stages:
            t = time.perf_counter()
            article = st(article)
            stages[st.name] = stages.get(st.name, 0.0) + time.perf_counter() - t  # a name per language
        seconds = time.perf_counter() - start
        row = {"chars": len(text), "seconds": round(seconds, 2), "ms_per_1000_chars": round(1e6 * seconds / len(text), 2),
               "claims": len(article.claims), "events": len(article.events), "errors": len(article.errors),
               "stages": {k: round(v, 2) for k, v in stages.items()}}
        rows.append(row)
        print(f"{len(text):>9} chars: {seconds:7.1f} s, {row['ms_per_1000_chars']:6.1f} ms per 1,000 chars, "
              f"{row['claims']} claims, {row['events']} events; slowest: "
              + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(stages.items(), key=lambda t: -t[1])[:3]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
