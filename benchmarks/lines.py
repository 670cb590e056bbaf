"""Cross-validate the cleaner's line classifier by article on the dev set.

    python benchmarks/lines.py [--data build/lines/lines.jsonl] [--folds 7] [--kind trees|logistic]

The dev articles (../shared/gold/dev) are split into folds by article; for each fold a model is
trained on the silver pages, the seeds and the *other* dev articles (scripts/train_lines.py), its
threshold chosen by an inner cross-validation over those training articles alone (nested: the
held-out articles choose nothing). The held-out articles are cleaned with it and scored as
``sitroom eval`` scores them (:func:`sitroom.eval.score.score_boilerplate`: removal precision and
recall, body lines kept), and their headline and standfirst as the title stage finds them in the
bare text. The seeds are scored once with a model trained without them. The rules alone are scored
beside, and the removal scores at other thresholds of the same out-of-fold models, for reference.

Needs the training data of scripts/build_line_data.py and scikit-learn; single process.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))

from train_lines import DEFAULT_DATA, Params, fit, load_pages  # noqa: E402

from sitroom.clean import clean_text  # noqa: E402
from sitroom.clean.duplicates import find_duplicates  # noqa: E402
from sitroom.clean.lines_model import LineModel  # noqa: E402
from sitroom.clean.metadata import titles  # noqa: E402
from sitroom.eval import score  # noqa: E402
from sitroom.model import Article  # noqa: E402

DEFAULT_GOLD = REPO.parent / "shared" / "gold"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def gold_articles(gold_dir: Path, texts_dir: Path) -> dict[str, tuple[str, dict]]:
    out = {}
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        if gold_file.name == "corpus.gold.json":
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = gold.get("doc") or gold_file.name.removesuffix(".gold.json")
        raw = next(d / f"{doc}.txt" for d in (gold_dir, texts_dir) if (d / f"{doc}.txt").is_file())
        out[doc] = (raw.read_text(encoding="utf-8"), gold)
    return out


class Tally:
    """Removal precision/recall, body lines kept and title accuracy over many articles."""

    def __init__(self) -> None:
        self.cleaning: dict[str, score.Accuracy] = {}
        self.title = score.Accuracy()
        self.subtitle = score.Accuracy()
        self.misses: list[str] = []

    def add(self, doc: str, raw: str, gold: dict, model: LineModel | None) -> None:
        cleaned = clean_text(raw, model, learned=model is not None)
        system = {"body": cleaned.body,
                  "boilerplate_lines": [r.text for r in cleaned.removed if not r.fragment]}
        for key, acc in score.score_boilerplate(raw, gold, system).items():
            self.cleaning.setdefault(key, score.Accuracy()).add(acc)
            self.misses += [f"{doc[:2]} {key}: {m}" for m in acc.misses]
        article = Article(source=doc, raw_text=raw)
        article.body = cleaned.body
        article.duplicates = tuple(find_duplicates(cleaned.paragraphs))
        article = titles(article)
        self.title.check(score.name(gold.get("title")) == score.name(article.title),
                         f"{doc[:2]} title {article.title!r}")
        self.subtitle.check(score.name(gold.get("subtitle")) == score.name(article.subtitle),
                            f"{doc[:2]} subtitle {article.subtitle!r}")

    def row(self) -> dict[str, float | None]:
        p = self.cleaning["removal_precision"].value
        r = self.cleaning["removal_recall"].value
        f1 = 2 * p * r / (p + r) if p and r else 0.0
        return {"precision": p, "recall": r, "f1": f1, "body_kept": self.cleaning["body_lines_kept"].value,
                "title": self.title.value, "subtitle": self.subtitle.value}

    def line(self) -> str:
        row = self.row()
        c = self.cleaning
        return (f"P {row['precision']:.3f} ({c['removal_precision'].right}/{c['removal_precision'].total})  "
                f"R {row['recall']:.3f} ({c['removal_recall'].right}/{c['removal_recall'].total})  "
                f"F1 {row['f1']:.3f}  body kept {row['body_kept']:.3f}  title {row['title']:.3f}  "
                f"subtitle {row['subtitle']:.3f}")


def folds_of(docs: list[str], k: int) -> list[list[str]]:
    return [docs[i::k] for i in range(k)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="pages from scripts/build_line_data.py")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the gold folder (seeds/, dev/)")
    parser.add_argument("--folds", type=int, default=7, help="folds by article (21: leave one out)")
    parser.add_argument("--kind", choices=("trees", "logistic"), default="trees")
    parser.add_argument("--threshold", type=float, default=None,
                        help="fix the threshold (default: chosen in each fold)")
    parser.add_argument("--misses", action="store_true", help="print the lines scored wrong")
    parser.add_argument("--json", type=Path, help="write the numbers here")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    pages = load_pages(args.data)
    params = Params(kind=args.kind)
    if args.threshold is not None:
        params.threshold = args.threshold
    dev = gold_articles(args.gold / "dev", args.gold / "dev")
    seeds = gold_articles(args.gold / "seeds", args.gold.parent / "seeds")

    rules_only = {"dev": Tally(), "seeds": Tally()}
    for name, articles in (("dev", dev), ("seeds", seeds)):
        for doc, (raw, gold) in articles.items():
            rules_only[name].add(doc, raw, gold, None)

    at = {t: Tally() for t in THRESHOLDS}
    chosen = Tally()
    thresholds = []
    for held in folds_of(sorted(dev), args.folds):
        model = fit([p for p in pages if p["doc"] not in held], params)
        thresholds.append(model.threshold)
        for doc in held:
            raw, gold = dev[doc]
            chosen.add(doc, raw, gold, model)
            for t in THRESHOLDS:
                other = replace(model, threshold=t, headline_threshold=max(t, params.headline_threshold))
                at[t].add(doc, raw, gold, other)
    seeds_model = fit([p for p in pages if p["source"] != "seeds"], params)
    seeds_cv = Tally()
    for doc, (raw, gold) in seeds.items():
        seeds_cv.add(doc, raw, gold, seeds_model)

    print(f"line classifier ({args.kind}), {args.folds} folds by article, thresholds chosen {thresholds}")
    print(f"dev   rules only        {rules_only['dev'].line()}")
    print(f"dev   rules + model (CV) {chosen.line()}")
    print(f"seeds rules only        {rules_only['seeds'].line()}")
    print(f"seeds rules + model (trained without seeds) {seeds_cv.line()}")
    print("dev, other thresholds of the same out-of-fold models:")
    for t, tally in at.items():
        print(f"  {t:.2f}  {tally.line()}")
    if args.misses:
        print("\n".join(["misses (dev, CV):", *chosen.misses, *chosen.title.misses,
                         "misses (seeds):", *seeds_cv.misses]))
    print(f"{time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({
            "folds": args.folds, "kind": args.kind, "thresholds": thresholds,
            "dev_rules": rules_only["dev"].row(), "dev_cv": chosen.row(),
            "seeds_rules": rules_only["seeds"].row(), "seeds_cv": seeds_cv.row(),
            "dev_cv_thresholds": {str(t): tally.row() for t, tally in at.items()},
        }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
