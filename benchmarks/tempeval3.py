"""Time normalisation and finding on TempEval-3 (TimeBank + AQUAINT, TBAQ-cleaned), against bare dateparser.

    python benchmarks/tempeval3.py [--bench-dir DIR] [--json OUT] [--show N] [--no-search-baseline]

DIR defaults to ../shared/bench/tempeval3/TBAQ-cleaned (from the repository root).

For every document the DCT (the TIMEX3 with functionInDocument="CREATION_TIME") is the anchor. Every other
TIMEX3 text goes through ``normalize(text, anchor=DCT)`` and the result is compared with the gold ``value``.
Accuracy is reported overall, by TIMEX3 type, and for DATE split by the annotators' ``temporalFunction``
(false: absolute, "May 11, 2024"; true: resolved against the DCT, "last Friday").

Our outputs are mapped to TimeML only where the meaning is the same:

    day / week / month / quarter / season / year / decade / since -> value  (2024-05-10, 2024-W19, 2024-05,
                                                                             2024-Q2, 2024-SU, 2024, 199)
    interval, duration or set with a ``duration``                  -> that duration (P3D, PT72H, PXW, P1D)
    interval [anchor, anchor] ("now")                              -> PRESENT_REF
    interval open before / after the anchor ("recently", "soon")   -> PAST_REF / FUTURE_REF
    interval Saturday..Sunday ("the weekend")                      -> 2024-W19-WE
    anything else (relative, unknown, other intervals)             -> no value (a miss)

Durations are compared in one canonical form on both sides (PT24H = P1D, P1DE = P10Y). TIME values carry a
clock time or a part of day (1998-02-12TEV) that sitroom does not model, so day-level answers miss them.

Baseline: dateparser 1.x with ``RELATIVE_BASE`` = DCT and English only (``DateDataParser.get_date_data``,
which is what ``dateparser.parse`` calls), its date mapped by the period it reports (day, week, month,
year). Span recall: ``find_times`` on the document text against the TIMEX3 spans (exact and overlapping),
and ``dateparser.search.search_dates`` as the baseline finder.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sitroom.extract.dates import TimeValue, find_times, normalize

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "bench" / "tempeval3" / "TBAQ-cleaned"


@dataclass
class Timex:
    text: str
    type: str
    value: str
    relative: bool
    start: int
    end: int


@dataclass
class Doc:
    name: str
    dct: date
    text: str
    timexes: list[Timex]


def read_doc(path: Path) -> Doc | None:
    root = ET.parse(path).getroot()
    dct = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    body = root.find("TEXT")
    if dct is None or body is None:
        return None
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if node.tag == "TIMEX3":
            text = "".join(parts)[start:]
            function = node.get("temporalFunction")
            relative = function == "true" if function else not re.search(r"\b\d{4}\b", text)
            timexes.append(Timex(text, node.get("type", ""), node.get("value", ""), relative, start,
                                 start + len(text)))

    walk(body)
    return Doc(path.name, date.fromisoformat(dct.get("value", "")[:10]), "".join(parts), timexes)


# --- mapping to TimeML ---------------------------------------------------------------------------

def canonical(value: str | None) -> str | None:
    """One form on both sides: PT48H -> P2D, P1DE -> P10Y, P1CE -> P100Y, 2000-W7 -> 2000-W07."""
    if not value:
        return value
    if m := re.fullmatch(r"(\d{4})-W(\d)(\D.*)?", value):                     # 2000-W7 as 2000-W07
        return f"{m.group(1)}-W0{m.group(2)}{m.group(3) or ''}"
    if m := re.fullmatch(r"PT(\d+)H", value):
        hours = int(m.group(1))
        return f"P{hours // 24}D" if hours % 24 == 0 else value
    if m := re.fullmatch(r"P(\d+)(DE|CE)", value):
        return f"P{int(m.group(1)) * (10 if m.group(2) == 'DE' else 100)}Y"
    return value


def to_timeml(tv: TimeValue, anchor: date) -> str | None:
    if tv.precision in ("day", "week", "month", "quarter", "season", "year", "decade", "since"):
        return tv.value
    if tv.precision in ("interval", "duration", "set") and tv.duration:
        return tv.duration
    if tv.precision != "interval":
        return None
    iso = anchor.isoformat()
    if tv.start == iso and tv.end == iso:
        return "PRESENT_REF"
    if tv.start is None and tv.end == iso:
        return "PAST_REF"
    if tv.start == iso and tv.end is None:
        return "FUTURE_REF"
    if tv.start and tv.end:
        start, end = date.fromisoformat(tv.start), date.fromisoformat(tv.end)
        if start.weekday() == 5 and end == start + timedelta(days=1):
            y, w, _ = start.isocalendar()
            return f"{y}-W{w:02d}-WE"
    return None


class Dateparser:
    """Bare dateparser, its answer mapped to TimeML by the period it reports."""

    def __init__(self) -> None:
        from dateparser.date import DateDataParser

        self._cls = DateDataParser
        self._parsers: dict[date, object] = {}

    def parser(self, anchor: date):
        if anchor not in self._parsers:
            base = datetime.combine(anchor, datetime.min.time())
            self._parsers[anchor] = self._cls(languages=["en"], settings={"RELATIVE_BASE": base})
        return self._parsers[anchor]

    def value(self, text: str, anchor: date) -> str | None:
        try:
            data = self.parser(anchor).get_date_data(text)
        except Exception:  # noqa: BLE001 - the baseline's own failures count as misses
            return None
        if data is None or data.date_obj is None:
            return None
        d, period = data.date_obj.date(), data.period or "day"
        if period == "year":
            return f"{d.year:04d}"
        if period == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if period == "week":
            y, w, _ = d.isocalendar()
            return f"{y}-W{w:02d}"
        return d.isoformat()

    def search(self, text: str, anchor: date) -> list[tuple[int, int]]:
        from dateparser.search import search_dates

        base = datetime.combine(anchor, datetime.min.time())
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        spans, at = [], 0
        for piece, _ in found:
            k = text.find(piece, at)
            if k >= 0:
                spans.append((k, k + len(piece)))
                at = k + len(piece)
        return spans


# --- scoring -------------------------------------------------------------------------------------

def categories(t: Timex) -> list[str]:
    out = ["all", t.type]
    if t.type == "DATE":
        out.append("DATE relative" if t.relative else "DATE absolute")
    return out


def span_scores(found: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[str, float]:
    found_set = set(found)
    exact = sum(g in found_set for g in gold)
    overlap = sum(any(s < ge and gs < e for s, e in found) for gs, ge in gold)
    pred_exact = sum(f in set(gold) for f in found)
    pred_overlap = sum(any(s < ge and gs < e for gs, ge in gold) for s, e in found)
    return {"gold": len(gold), "found": len(found), "exact_hits": exact, "overlap_hits": overlap,
            "pred_exact": pred_exact, "pred_overlap": pred_overlap}


def run(docs: list[Doc], search_baseline: bool, show: int) -> dict:
    baseline = Dateparser()
    hits: dict[str, Counter] = defaultdict(Counter)
    misses: list[tuple[str, str, str | None, str]] = []
    t0 = time.perf_counter()
    for doc in docs:
        for t in doc.timexes:
            gold = canonical(t.value)
            ours = canonical(to_timeml(normalize(t.text, doc.dct), doc.dct))
            base = canonical(baseline.value(t.text, doc.dct))
            for c in categories(t):
                hits[c]["n"] += 1
                hits[c]["sitroom"] += ours == gold
                hits[c]["dateparser"] += base == gold
            if ours != gold:
                misses.append((t.type, t.text, ours, t.value))
    normalise_s = time.perf_counter() - t0

    spans: Counter = Counter()
    e2e = Counter()
    t0 = time.perf_counter()
    found_all = [find_times(doc.text, doc.dct) for doc in docs]
    cold_s = time.perf_counter() - t0                   # includes compiling the rules for each new prefix
    t0 = time.perf_counter()
    found_all = [find_times(doc.text, doc.dct) for doc in docs]
    find_s = time.perf_counter() - t0
    for doc, found in zip(docs, found_all):
        gold = [(t.start, t.end) for t in doc.timexes]
        spans.update(span_scores([(m.span.start, m.span.end) for m in found], gold))
        by_span = {(m.span.start, m.span.end): m for m in found}
        for t in doc.timexes:
            if (m := by_span.get((t.start, t.end))) is not None:
                e2e["n"] += 1
                e2e["right"] += canonical(to_timeml(m.value, doc.dct)) == canonical(t.value)
    base_spans: Counter = Counter()
    search_s = None
    if search_baseline:
        t0 = time.perf_counter()
        for doc in docs:
            gold = [(t.start, t.end) for t in doc.timexes]
            base_spans.update(span_scores(baseline.search(doc.text, doc.dct), gold))
        search_s = time.perf_counter() - t0

    chars = sum(len(d.text) for d in docs)
    result = {
        "documents": len(docs), "timexes": sum(len(d.timexes) for d in docs),
        "value_accuracy": {c: {"n": h["n"], "sitroom": h["sitroom"] / h["n"],
                               "dateparser": h["dateparser"] / h["n"]} for c, h in hits.items()},
        "find_times": _span_summary(spans) | {
            "seconds": find_s, "chars_per_s": chars / find_s, "first_pass_seconds": cold_s,
            "value_accuracy_on_exact_spans": e2e["right"] / max(1, e2e["n"])},
        "normalize_seconds": normalise_s,
    }
    if search_baseline:
        result["dateparser_search_dates"] = _span_summary(base_spans) | {"seconds": search_s,
                                                                         "chars_per_s": chars / search_s}
    result["top_misses"] = [list(k) + [n] for k, n in Counter(misses).most_common(show)]
    return result


def _span_summary(c: Counter) -> dict[str, float]:
    gold, found = max(1, c["gold"]), max(1, c["found"])
    return {"recall_exact": c["exact_hits"] / gold, "recall_overlap": c["overlap_hits"] / gold,
            "precision_exact": c["pred_exact"] / found, "precision_overlap": c["pred_overlap"] / found,
            "found": c["found"], "gold": c["gold"]}


def report(r: dict) -> None:
    print(f"TempEval-3 TBAQ-cleaned: {r['documents']} documents, {r['timexes']} TIMEX3 (DCT excluded)\n")
    print(f"{'value accuracy':24} {'n':>5} {'sitroom':>8} {'dateparser':>11}")
    order = ["all", "DATE", "DATE absolute", "DATE relative", "TIME", "DURATION", "SET"]
    for c in order:
        if c in r["value_accuracy"]:
            v = r["value_accuracy"][c]
            print(f"{c:24} {v['n']:5d} {v['sitroom']:8.3f} {v['dateparser']:11.3f}")
    f = r["find_times"]
    print("\nspans (TIMEX3 in text)   recall exact/overlap   precision exact/overlap   speed")
    print(f"{'sitroom find_times':24} {f['recall_exact']:.3f} / {f['recall_overlap']:.3f}"
          f"          {f['precision_exact']:.3f} / {f['precision_overlap']:.3f}"
          f"          {f['chars_per_s'] / 1e6:.2f} M chars/s (first pass {f['first_pass_seconds']:.1f} s)")
    if b := r.get("dateparser_search_dates"):
        print(f"{'dateparser search_dates':24} {b['recall_exact']:.3f} / {b['recall_overlap']:.3f}"
              f"          {b['precision_exact']:.3f} / {b['precision_overlap']:.3f}"
              f"          {b['chars_per_s'] / 1e6:.3f} M chars/s")
    print(f"find_times value accuracy on exact-span hits: {f['value_accuracy_on_exact_spans']:.3f}")
    if r["top_misses"]:
        print("\nmost frequent misses (type, text, ours, gold, count):")
        for row in r["top_misses"]:
            print("  ", row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print the N most frequent normalisation misses")
    parser.add_argument("--no-search-baseline", action="store_true",
                        help="skip dateparser.search_dates (about 10 s)")
    args = parser.parse_args(argv)
    if not args.bench_dir.is_dir():
        print(f"TempEval-3 data not found at {args.bench_dir}; pass --bench-dir. Nothing to do.")
        return 0
    docs = [d for p in sorted(args.bench_dir.rglob("*.tml")) if (d := read_doc(p)) is not None]
    result = run(docs, not args.no_search_baseline, args.show)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
