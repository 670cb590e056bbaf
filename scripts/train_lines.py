#!/usr/bin/env python
"""Train the line classifier of the cleaner and write it as JSON (src/sitroom/data/models/lines.json).

Input: the pages written by ``scripts/build_line_data.py`` (build/lines/lines.jsonl). Each page's
lines get the features of :func:`sitroom.clean.lines_model.features`, computed on the rules' own
verdicts (:func:`sitroom.clean.boilerplate.rule_reasons`), exactly as the cleaner computes them.
The model is trained on the lines it will be asked about: lines the rules keep that are not
running text (running text is never removed, and the rules' removals stand).

The model is scikit-learn's ``GradientBoostingClassifier`` (shallow trees), exported tree by tree
to plain JSON and checked against scikit-learn's own predictions; ``--kind logistic`` trains a
standardised logistic regression instead. Gold pages (../shared/gold seeds and dev) weigh more
than the silver pages of the article-extraction benchmark.

The removal threshold is chosen for precision by cross-validation over the gold pages of the
training data (folds by article): the threshold with the best removal F1 among those whose
removal precision reaches ``--min-precision``, scored line by line after the whole cleaner
(rules, model, headline guard) has run. Single process throughout.

Usage:
  python scripts/build_line_data.py            # once: build/lines/lines.jsonl
  python scripts/train_lines.py [--data build/lines/lines.jsonl] [--out src/sitroom/data/models/lines.json]
  python benchmarks/lines.py                   # cross-validated by article on the dev set
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sitroom.clean.boilerplate import classify, is_running_text, rule_reasons  # noqa: E402
from sitroom.clean.lines_model import FEATURES, MODEL_FILE, LineModel, Tree, features  # noqa: E402

DEFAULT_DATA = REPO / "build" / "lines" / "lines.jsonl"
DEFAULT_OUT = REPO / "src" / "sitroom" / "data" / "models" / MODEL_FILE
#: thresholds tried: the model must at least call a line more likely furniture than body
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
GOLD = ("seeds", "dev")


@dataclass
class Params:
    kind: str = "trees"            # "trees" or "logistic"
    n_estimators: int = 300
    learning_rate: float = 0.05
    max_depth: int = 3
    subsample: float = 0.8
    min_samples_leaf: int = 5
    c: float = 1.0                 # logistic regression: inverse regularisation
    weights: dict[str, float] = field(default_factory=lambda: {"silver": 1.0, "seeds": 4.0, "dev": 4.0})
    threshold: float | None = None  # None: chosen by cross-validation (see choose_threshold)
    min_precision: float = 0.97
    threshold_folds: int = 3
    #: a line that may be the page's headline is kept unless the model is this sure
    headline_threshold: float = 0.9
    seed: int = 13


def load_pages(path: Path) -> list[dict]:
    if not path.is_file():
        raise SystemExit(f"no training data at {path}: run scripts/build_line_data.py first")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def page_items(page: dict) -> list[tuple[int, str]]:
    """(raw line number, line) for each line of a page: the numbers keep the blank lines."""
    return list(zip(page.get("numbers") or range(len(page["lines"])), page["lines"], strict=True))


def page_text(page: dict) -> str:
    """The page as raw text again, blank lines included."""
    out: list[str] = []
    for no, line in page_items(page):
        out += [""] * (no - len(out)) + [line]
    return "\n".join(out)


def page_rows(page: dict) -> tuple[list[list[float]], list[bool]]:
    """Feature rows of a page's lines, and which lines the model is asked about."""
    lines = page["lines"]
    reasons = rule_reasons(page_items(page))
    running = [is_running_text(t) for t in lines]
    rows = features(lines, reasons, running)
    asked = [r is None and not run for r, run in zip(reasons, running, strict=True)]
    return rows, asked


def dataset(pages: list[dict], weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X, y (1 = furniture), sample weights over the asked lines with a label."""
    xs, ys, ws = [], [], []
    for page in pages:
        if "_rows" not in page:  # computed once per page, however many folds use it
            page["_rows"], page["_asked"] = page_rows(page)
        for row, ask, label in zip(page["_rows"], page["_asked"], page["labels"], strict=True):
            if ask and label is not None:
                xs.append(row)
                ys.append(1 if label == "furniture" else 0)
                ws.append(weights.get(page["source"], 1.0))
    return np.array(xs, dtype=float), np.array(ys), np.array(ws, dtype=float)


def fit(pages: list[dict], params: Params) -> LineModel:
    """A model trained on ``pages``, with its threshold chosen on their gold pages unless given."""
    model = fit_once(pages, params)
    if params.threshold is not None:
        return model
    threshold, scores = choose_threshold(pages, params)
    return replace(model, threshold=threshold, info={**(model.info or {}), "threshold_cv": scores})


def fit_once(pages: list[dict], params: Params) -> LineModel:
    x, y, w = dataset(pages, params.weights)
    info = {"lines": int(len(y)), "furniture": int(y.sum()),
            "pages": {s: sum(p["source"] == s for p in pages) for s in ("silver", *GOLD)},
            "kind": params.kind}
    threshold = params.threshold if params.threshold is not None else 0.5
    if params.kind == "logistic":
        return _fit_logistic(x, y, w, params, threshold, info)
    return _fit_trees(x, y, w, params, threshold, info)


def _fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray, params: Params, threshold: float,
               info: dict) -> LineModel:
    from sklearn.ensemble import GradientBoostingClassifier

    est = GradientBoostingClassifier(n_estimators=params.n_estimators, learning_rate=params.learning_rate,
                                     max_depth=params.max_depth, subsample=params.subsample,
                                     min_samples_leaf=params.min_samples_leaf, random_state=params.seed)
    est.fit(x, y, sample_weight=w)
    trees = []
    for (reg,) in est.estimators_:
        t = reg.tree_
        trees.append(Tree(tuple(int(f) for f in t.feature), tuple(float(v) for v in t.threshold),
                          tuple(int(v) for v in t.children_left), tuple(int(v) for v in t.children_right),
                          tuple(float(f"{v:.7g}") for v in t.value[:, 0, 0])))
    model = LineModel(features=FEATURES, threshold=threshold, headline_threshold=params.headline_threshold,
                      bias=0.0, trees=tuple(trees), learning_rate=params.learning_rate, info=info)
    # the initial log-odds: what scikit-learn's decision function adds to the trees' sum
    sample = x[:50].astype(np.float32).astype(float)
    bias = np.mean(est.decision_function(sample) - [model.log_odds(row) for row in sample])
    model = replace(model, bias=float(bias))
    _check(model, x, est.predict_proba(x)[:, 1])
    return model


def _fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, params: Params, threshold: float,
                  info: dict) -> LineModel:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    est = LogisticRegression(C=params.c, max_iter=5000)
    est.fit((x - mean) / scale, y, sample_weight=w)
    model = LineModel(features=FEATURES, threshold=threshold, headline_threshold=params.headline_threshold,
                      bias=float(est.intercept_[0]), mean=tuple(map(float, mean)),
                      scale=tuple(map(float, scale)), coef=tuple(map(float, est.coef_[0])), info=info)
    _check(model, x.astype(np.float32).astype(float), est.predict_proba((x - mean) / scale)[:, 1])
    return model


def _check(model: LineModel, x: np.ndarray, expected: np.ndarray) -> None:
    """The JSON model must reproduce scikit-learn (whose trees compare features as float32)."""
    got = np.array(model.probabilities(x.astype(np.float32).astype(float).tolist()))
    worst = float(np.max(np.abs(got - expected))) if len(got) else 0.0
    if worst > 1e-6:
        raise SystemExit(f"the exported model disagrees with scikit-learn by {worst:.2e}")


# --- the threshold --------------------------------------------------------------------------------

def removal_counts(page: dict, model: LineModel | None) -> tuple[int, int, int]:
    """(furniture removed, lines removed, furniture lines) of one gold page after the whole cleaner."""
    lines = classify(page_text(page), model, learned=model is not None)
    removed = [not ln.kept for ln in lines]
    furniture = [label == "furniture" for label in page["labels"]]
    return (sum(r and f for r, f in zip(removed, furniture, strict=True)), sum(removed), sum(furniture))


def choose_threshold(pages: list[dict], params: Params) -> tuple[float, dict[str, dict[str, float]]]:
    """The threshold with the best removal F1 at precision >= ``params.min_precision``, by
    cross-validation over the gold pages among ``pages`` (folds by article)."""
    gold = sorted(p["doc"] for p in pages if p["source"] in GOLD)
    by_doc = {p["doc"]: p for p in pages}
    counts = {t: [0, 0, 0] for t in THRESHOLDS}
    fixed = replace(params, threshold=0.5)
    for k in range(params.threshold_folds):
        held = set(gold[k::params.threshold_folds])
        model = fit_once([p for p in pages if p["doc"] not in held], fixed)
        for doc in held:
            for t in THRESHOLDS:
                at_t = replace(model, threshold=t, headline_threshold=max(t, params.headline_threshold))
                tp, removed, furniture = removal_counts(by_doc[doc], at_t)
                counts[t][0] += tp
                counts[t][1] += removed
                counts[t][2] += furniture
    scores = {}
    for t, (tp, removed, furniture) in counts.items():
        p, r = tp / removed if removed else 1.0, tp / furniture if furniture else 1.0
        scores[f"{t:.2f}"] = {"precision": round(p, 4), "recall": round(r, 4),
                              "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
    ok = [t for t in THRESHOLDS if scores[f"{t:.2f}"]["precision"] >= params.min_precision]
    if ok:
        best = max(ok, key=lambda t: (scores[f"{t:.2f}"]["f1"], t))
    else:
        best = max(THRESHOLDS, key=lambda t: (scores[f"{t:.2f}"]["precision"], t))
    return best, scores


def write(model: LineModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="pages from build_line_data.py")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model JSON to write")
    parser.add_argument("--kind", choices=("trees", "logistic"), default="trees")
    parser.add_argument("--threshold", type=float, default=None,
                        help="fix the threshold instead of choosing it")
    parser.add_argument("--min-precision", type=float, default=Params.min_precision)
    args = parser.parse_args(argv)
    pages = load_pages(args.data)
    model = fit(pages, Params(kind=args.kind, threshold=args.threshold, min_precision=args.min_precision))
    write(model, args.out)
    print(f"trained on {model.info['lines']} lines ({model.info['furniture']} furniture) of "
          f"{model.info['pages']} pages; threshold {model.threshold}; "
          f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
