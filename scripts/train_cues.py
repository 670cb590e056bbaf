"""Train the reporting-cue model (sitroom.extract.cues) on PolNeAR's training split.

    python scripts/train_cues.py [--bench-dir ../shared/bench/polnear] [--out src/sitroom/data/models/cues.json]
                                 [--threshold 0.5] [--c 0.5] [--limit N]

Every verb of every training article (parsed by sitroom's own spaCy pipeline, so features are what
the claims stage will see) is an example; it is a cue when it lies inside a gold ``Cue`` span.
A logistic regression (scikit-learn, lbfgs, L2) is fit on the named features of
:func:`sitroom.extract.cues.features`; weights under 0.01 in size are dropped, and the rest written
as JSON. Token-level precision and recall on PolNeAR dev are printed for the chosen threshold; the
attribution score of the claims stage with the model is ``python benchmarks/polnear.py``.
Deterministic: the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from polnear import DEFAULT_BENCH_DIR, load  # noqa: E402

from sitroom.extract.cues import CueModel, features  # noqa: E402
from sitroom.extract.speakers import lexicon  # noqa: E402


def examples(split_dir: Path, limit: int | None) -> tuple[list[dict[str, float]], list[int]]:
    from sitroom.extract.parse import make_parse_stage
    from sitroom.model import Article

    docs = load(split_dir, limit)
    parse = make_parse_stage()
    reporting = lexicon().reporting
    xs, ys = [], []
    for k in range(0, len(docs), 32):
        batch = docs[k:k + 32]
        articles = parse.pipe([Article(source=d.name, raw_text=d.text, body=d.text) for d in batch])
        for doc, article in zip(batch, articles, strict=True):
            cues = [frag for a in doc.attributions for frag in a.cue]
            for token in article.parsed:
                if token.pos_ not in ("VERB", "AUX"):
                    continue
                xs.append(features(token, reporting))
                ys.append(int(any(s <= token.idx < e for s, e in cues)))
            article.parsed = None
        print(f"  parsed {min(k + 32, len(docs))}/{len(docs)}", file=sys.stderr, flush=True)
    return xs, ys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--out", type=Path, default=REPO / "src" / "sitroom" / "data" / "models" / "cues.json")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--cache", help="keep the parsed examples in this JSON file (for trying C and thresholds)")
    args = parser.parse_args(argv)
    if not (args.bench_dir / "train").is_dir():
        print(f"no PolNeAR at {args.bench_dir}", file=sys.stderr)
        return 2
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.is_file():
        xs, ys, dev_x, dev_y = json.loads(cache.read_text())
    else:
        xs, ys = examples(args.bench_dir / "train", args.limit)
        dev_x, dev_y = examples(args.bench_dir / "dev", None)
        if cache is not None:
            cache.write_text(json.dumps([xs, ys, dev_x, dev_y]))
    print(f"train: {len(ys)} verbs, {sum(ys)} cues ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(xs)
    model = LogisticRegression(C=args.c, solver="lbfgs", max_iter=2000, fit_intercept=False)
    model.fit(matrix, ys)
    weights = {name: float(w) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) >= 0.01}
    cue = CueModel(weights, args.threshold, {
        "trained_on": "PolNeAR v1.0.0 train split (Newell et al., LREC 2018)", "verbs": len(ys), "cues": sum(ys),
        "c": args.c})

    dev_matrix = vectorizer.transform(dev_x)
    probabilities = model.predict_proba(dev_matrix)[:, 1]
    lexicon_only = [int("lexicon" in x) for x in dev_x]
    for name, predicted in (("lexicon", lexicon_only),
                            (f"model >= {args.threshold}", [int(p >= args.threshold) for p in probabilities])):
        tp = sum(p and y for p, y in zip(predicted, dev_y, strict=True))
        precision, recall = tp / max(1, sum(predicted)), tp / max(1, sum(dev_y))
        print(f"dev verbs, {name}: precision {precision:.3f} recall {recall:.3f}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(cue.to_json() + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
