"""Score main-text extraction from HTML on the article-extraction benchmark.

    python benchmarks/html_extraction.py [--bench-dir DIR] [--variants] [--json OUT]

Data (read at run time, never copied into the repository): ``html/*.html.gz`` and
``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) of
github.com/scrapinghub/article-extraction-benchmark, by default from
``../shared/bench/article-extraction-benchmark`` beside the repository.

Scoring follows that benchmark's ``evaluate.py`` (re-implemented here): tokens are ``\\w+`` runs;
a document's true/false positives and false negatives are counted over the multiset of 4-token
shingles and normalised to sum to 1, so long articles weigh no more than short ones; precision
is averaged over documents with any prediction, recall over documents with any truth, and F1 is
computed from the two averages. Standard deviations come from a bootstrap over documents.
``accuracy`` is the share of documents whose token sequence matches exactly. A plain token-bag
F1 (the same averaging over single tokens) is printed beside it for reference.

Systems: ``trafilatura`` is ``trafilatura.extract(html, include_comments=False)``, as the
benchmark ran it; ``sitroom`` is :func:`sitroom.ingest.html.extract_html` with its defaults,
after :func:`sitroom.ingest.decode.decode_bytes`. ``--variants`` also scores other settings.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sitroom.errors import InputError

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DIR = REPO.parent / "shared" / "bench" / "article-extraction-benchmark"

_TOKEN = re.compile(r"\w+")
Counts = tuple[float, float, float]


def tokenize(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles; a text shorter than ``n`` is one shingle."""
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def match_counts(true: str | None, pred: str | None, n: int = 4) -> Counts:
    """Normalised (tp, fp, fn) of ``pred`` against ``true`` over ``n``-token shingles."""
    t, p = shingles(tokenize(true), n), shingles(tokenize(pred), n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def prf(counts: list[Counts]) -> dict[str, float]:
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def score(
    truth: dict[str, str], predicted: dict[str, str | None], n_bootstrap: int = 1000
) -> dict[str, float]:
    keys = sorted(truth)
    counts = [match_counts(truth[k], predicted.get(k)) for k in keys]
    tokens = [match_counts(truth[k], predicted.get(k), n=1) for k in keys]
    exact = [float(tokenize(truth[k]) == tokenize(predicted.get(k))) for k in keys]
    result = prf(counts)
    result["accuracy"] = statistics.mean(exact)
    result["token_f1"] = prf(tokens)["f1"]
    rng = random.Random(0)
    samples: dict[str, list[float]] = {}
    for _ in range(n_bootstrap):
        idx = [rng.randrange(len(keys)) for _ in keys]
        for name, value in prf([counts[i] for i in idx]).items():
            samples.setdefault(name, []).append(value)
        samples.setdefault("accuracy", []).append(statistics.mean(exact[i] for i in idx))
    for name, values in samples.items():
        result[f"{name}_std"] = statistics.stdev(values) if len(values) > 1 else 0.0
    return result


def load(bench_dir: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    truth_all = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        p.name.split(".")[0]: gzip.decompress(p.read_bytes())
        for p in sorted((bench_dir / "html").glob("*.html.gz"))
    }
    truth = {k: v.get("articleBody") or "" for k, v in truth_all.items() if k in pages}
    return truth, pages


def systems(variants: bool) -> dict[str, Callable[[bytes], str | None]]:
    import trafilatura

    from sitroom.ingest.decode import decode_bytes
    from sitroom.ingest.html import DEFAULT_OPTIONS, HtmlOptions, extract_html

    def baseline(page: bytes) -> str | None:
        return trafilatura.extract(page.decode("utf-8"), include_comments=False)

    def ours(options: HtmlOptions) -> Callable[[bytes], str | None]:
        def run(page: bytes) -> str | None:
            try:
                return extract_html(decode_bytes(page, max_bytes=50_000_000).text, options=options).text
            except InputError:
                return None

        return run

    found: dict[str, Callable[[bytes], str | None]] = {
        "trafilatura": baseline,
        "sitroom": ours(DEFAULT_OPTIONS),
    }
    if variants:
        for name, opts in {
            "sitroom balanced": HtmlOptions(favor_precision=False),
            "sitroom favor_recall": HtmlOptions(favor_precision=False, favor_recall=True),
            "sitroom balanced fast": HtmlOptions(favor_precision=False, fast=True),
            "sitroom no tables": replace(DEFAULT_OPTIONS, include_tables=False),
            "sitroom fast": replace(DEFAULT_OPTIONS, fast=True),
        }.items():
            if opts != DEFAULT_OPTIONS:
                found[name] = ours(opts)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--variants", action="store_true", help="also score other extraction settings")
    parser.add_argument("--n-bootstrap", type=int, default=1000)
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the scores as JSON to OUT")
    args = parser.parse_args(argv)

    if not (args.bench_dir / "ground-truth.json").is_file() or not (args.bench_dir / "html").is_dir():
        print(
            f"benchmark data not found in {args.bench_dir} (expects html/*.html.gz and ground-truth.json); "
            "give its location with --bench-dir",
            file=sys.stderr,
        )
        return 0
    logging.disable(logging.WARNING)  # trafilatura logs every page it discards
    truth, pages = load(args.bench_dir)
    results: dict[str, dict[str, float]] = {}
    print(f"{len(pages)} pages from {args.bench_dir}\n")
    header = ("system", "F1", "precision", "recall", "accuracy", "token F1", "s/page")
    print("{:<26} {:>14} {:>14} {:>14} {:>8} {:>8} {:>7}".format(*header))
    for name, run in systems(args.variants).items():
        start = time.perf_counter()
        predicted = {key: run(page) for key, page in pages.items()}
        elapsed = (time.perf_counter() - start) / len(pages)
        r = score(truth, predicted, args.n_bootstrap)
        r["seconds_per_page"] = elapsed
        results[name] = r
        print(
            f"{name:<26} {r['f1']:.3f} ± {r['f1_std']:.3f}  {r['precision']:.3f} ± {r['precision_std']:.3f}  "
            f"{r['recall']:.3f} ± {r['recall_std']:.3f}  {r['accuracy']:>8.3f} {r['token_f1']:>8.3f} "
            f"{elapsed:>7.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
