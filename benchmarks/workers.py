"""Extraction with one worker process and with several, in the same run, and bare spaCy beside them.

    python benchmarks/workers.py [--copies 8] [--workers 2] [--json OUT]
    python benchmarks/workers.py --whole-process DIR [--repeat 2]


Texts: the bundled sample corpus (written for sitroom), each article repeated ``--copies`` times
under another source name with a copy number in its first line, so every copy is a distinct text.
Timed: ``sitroom.process.process`` over the whole list with ``workers=1`` and with ``--workers``
(pool start-up and model loading in the workers included), and ``nlp.pipe`` of the same spaCy model
over the cleaned bodies (model loading excluded, as a lower bound for any pipeline). The outputs of
the two runs must be identical (``article_json`` of every article, in order).

``--whole-process DIR`` times, as issue 14 measures them, two whole processes on the text files of
``DIR``, alternately, ``--repeat`` times each: ``sitroom extract DIR --json --workers 1`` and a bare
Python process that imports spaCy, loads the same model and runs ``nlp.pipe`` over the same files.
Interpreter start, imports and model loading count on both sides. Suitable directories: 100
distinct news articles of PolNeAR's training split, or the seeds written out 20 times (see README).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

from sitroom.config import load_settings
from sitroom.model import Article
from sitroom.output import article_json
from sitroom.process import process, read

REPO = Path(__file__).resolve().parents[1]


def corpus(copies: int) -> list[Article]:
    settings = load_settings(env={})
    base = [a for a in read([REPO / "src" / "sitroom" / "data" / "sample"], settings) if isinstance(a, Article)]
    out = []
    for k in range(copies):
        for a in base:
            out.append(replace(a, source=f"copy{k}-{a.source}", raw_text=f"Copy {k}\n{a.raw_text}"))
    return out


def timed(articles: list[Article], workers: int) -> tuple[float, list[dict]]:
    settings = load_settings(env={})
    start = time.perf_counter()
    done = [article_json(a) for a in process(list(articles), settings, workers=workers) if isinstance(a, Article)]
    return time.perf_counter() - start, done


def bare_spacy(articles: list[Article]) -> float:
    import spacy

    from sitroom.clean import clean

    settings = load_settings(env={})
    texts = [clean(replace(a)).body or "" for a in articles]
    nlp = spacy.load(settings.get("nlp", "model"))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=int(settings.get("nlp", "batch_size"))):
        pass
    return time.perf_counter() - start


BARE = """
import pathlib, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""


def whole_process(folder: Path, repeat: int) -> dict:
    import subprocess
    import sys

    settings = load_settings(env={})
    model, batch = settings.get("nlp", "model"), str(settings.get("nlp", "batch_size"))
    sitroom = [str(Path(sys.executable).with_name("sitroom")), "extract", str(folder), "--json", "--workers", "1"]
    bare = [sys.executable, "-c", BARE, str(folder), model, batch]
    times: dict[str, list[float]] = {"sitroom": [], "bare_spacy": []}
    for _ in range(repeat):
        for name, command in (("bare_spacy", bare), ("sitroom", sitroom)):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            times[name].append(round(time.perf_counter() - start, 2))
    ratios = [round(b / s, 2) for b, s in zip(times["bare_spacy"], times["sitroom"], strict=True)]
    return {"texts": len(list(folder.glob("*.txt"))), "seconds": times, "sitroom_vs_bare_spacy": ratios}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--whole-process", type=Path, help="a directory of .txt articles: whole processes timed")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    if args.whole_process:
        report = whole_process(args.whole_process, args.repeat)
        print(json.dumps(report, indent=2))
        return 0
    articles = corpus(args.copies)
    one, out_one = timed(articles, 1)
    many, out_many = timed(articles, args.workers)
    bare = bare_spacy(articles)
    n = len(articles)
    report = {"articles": n, "workers": args.workers,
              "one_worker": {"seconds": round(one, 2), "articles_per_s": round(n / one, 2)},
              "many_workers": {"seconds": round(many, 2), "articles_per_s": round(n / many, 2)},
              "speedup": round(one / many, 2), "same_output": out_one == out_many,
              "bare_spacy": {"seconds": round(bare, 2), "articles_per_s": round(n / bare, 2)},
              "one_worker_vs_bare_spacy": round(bare / one, 2)}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0 if report["same_output"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
