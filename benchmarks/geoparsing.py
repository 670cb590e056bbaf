"""Geoparsing: toponyms found and resolved against TR-News and GeoVirus.

    python benchmarks/geoparsing.py [--bench-dir DIR] [--corpus tr-news|geovirus] [--limit N]
                                    [--errors N] [--json OUT]

Data (read at run time, never copied into the repository): the two corpora of Gritta et al.'s
"Pragmatic Guide to Geoparsing Evaluation", by default from ``../shared/bench/geoparsing`` beside the
repository:

- ``TR-News.xml``: ``<article>`` with ``<text>`` and ``<toponyms>/<toponym>`` (``<phrase>``,
  ``<start>``, ``<end>``, ``<gaztag geonameid=...>`` with ``<lat>``, ``<lon>``; a toponym without a
  gaztag has no coordinates);
- ``GeoVirus.xml``: ``<article>`` with ``<text>`` and ``<locations>/<location>`` (``<name>``,
  ``<start>``, ``<end>``, ``<lat>``, ``<lon>``).

GeoVirus's offsets count from 1 and a few of TR-News's drift: each gold span is moved onto the
nearest occurrence of its phrase when the text at its offsets is not the phrase.

System: each text as it is (no cleaning, so offsets are the file's), run through the ``parse`` and
``entities`` stages; the system's toponyms are the mentions of its ``location`` entities, each with its
entity's coordinates, and its ``demonyms`` ("Turkish" -> Turkey, with the country's point), which
sitroom lists apart from the article's places and which TR-News annotates as toponyms
(``--no-demonyms`` leaves them out).

Measures, micro-averaged over a corpus:

- ``found``: the share of gold toponyms that some system mention overlaps by at least one character;
  ``names``: the same without TR-News's nationality adjectives ("Turkish" for Turkey), which sitroom
  does not take for places by design but lists as demonyms (see :func:`_adjective`);
- ``precision``: the share of system mentions that overlap some gold toponym;
- ``acc@161``: of the found gold toponyms that have gold coordinates and whose (first overlapping)
  system mention has coordinates, the share within 161 km (100 miles); ``median km`` is their median
  error; ``resolved`` says how many that is.

``--errors N`` prints up to N misses, false alarms and far resolutions per corpus with a little
context, for looking at by eye (not for copying anywhere).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DIR = REPO.parent / "shared" / "bench" / "geoparsing"
CORPORA = {"tr-news": "TR-News.xml", "geovirus": "GeoVirus.xml"}
ACC_KM = 161.0


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    adjective: bool = False  # a nationality word standing for a country ("Turkish"), see _adjective


@dataclass
class Doc:
    name: str
    text: str
    gold: list[Toponym]
    system: list[Toponym] = field(default_factory=list)
    metonyms: list[tuple[int, int]] = field(default_factory=list)


def _float(node, tag: str) -> float | None:
    value = node.findtext(tag) if node is not None else None
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _align(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """The gold offsets moved onto the phrase where the file's offsets are off (GeoVirus counts from 1;
    a few TR-News offsets drift): the occurrence of the phrase nearest the given offset."""
    if not phrase or text[start:end] == phrase:
        return start, end
    hits = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not hits:
        return start, end
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(phrase)


ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:an|ian|ean|ese|ish|ic|i|ch|que)$")


def _adjective(phrase: str, name: str | None) -> bool:
    """TR-News also marks nationality adjectives ("Turkish", "Syrian", "French") as toponyms of their
    country; sitroom keeps them out by design. A one-word phrase that is not the place's name and has
    an adjective's ending counts as one, for the ``found (names)`` column."""
    return bool(name) and phrase != name and ADJECTIVE.match(phrase) is not None


def read_corpus(path: Path) -> list[Doc]:
    """The articles of one corpus file with their gold toponyms (offsets aligned, see :func:`_align`)."""
    root = ET.parse(path).getroot()
    docs = []
    for k, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            phrase = t.findtext("phrase") or ""
            start, end = _align(text, int(t.findtext("start")), int(t.findtext("end")), phrase)
            name = tag.findtext("name") if tag is not None else None
            gold.append(Toponym(start, end, phrase, _float(tag, "lat"), _float(tag, "lon"),
                                _adjective(phrase, name)))
        for t in art.iter("location"):
            phrase = t.findtext("name") or ""
            start, end = _align(text, int(t.findtext("start")), int(t.findtext("end")), phrase)
            gold.append(Toponym(start, end, phrase, _float(t, "lat"), _float(t, "lon")))
        docs.append(Doc(f"{path.stem}#{art.get('docid') or k}", text, gold))
    return docs


def run_system(docs: list[Doc], demonyms: bool = True) -> float:
    """Fills ``doc.system`` with sitroom's place mentions; returns the seconds spent."""
    from sitroom.extract.entities import entities
    from sitroom.extract.parse import make_parse_stage
    from sitroom.model import Article
    from sitroom.pipeline import Pipeline

    pipeline = Pipeline([make_parse_stage(), entities], provided=["body"])
    by_name = {d.name: d for d in docs}
    start = time.perf_counter()
    for article in pipeline.pipe(Article(source=d.name, raw_text=d.text, body=d.text) for d in docs):
        if article.errors:
            print(f"{article.source}: {article.errors[0].reason}", file=sys.stderr)
        doc = by_name[article.source]
        for e in article.entities:
            if e.label == "location":
                doc.system += [Toponym(m.span.start, m.span.end, m.text, e.lat, e.lon) for m in e.mentions]
        if demonyms:
            doc.system += [Toponym(m["start"], m["end"], m["mention"], m["lat"], m["lon"])
                           for m in article.meta.get("demonyms", [])]
        doc.system.sort(key=lambda t: t.start)
        doc.metonyms = [(m["start"], m["end"]) for m in article.meta.get("metonyms", [])]
        article.parsed = None
    return time.perf_counter() - start


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _overlaps(a: Toponym, b: Toponym) -> bool:
    return a.start < b.end and b.start < a.end


def score(docs: list[Doc]) -> tuple[dict, dict[str, list]]:
    """The corpus's measures, and the errors behind them (misses, false alarms, far resolutions)."""
    gold_n = sys_n = found = correct_sys = metonym_misses = adjectives = adjectives_found = 0
    errors_km: list[float] = []
    errors: dict[str, list] = {"missed": [], "false alarm": [], "far": []}
    for d in docs:
        for g in d.gold:
            hits = [s for s in d.system if _overlaps(g, s)]
            gold_n += 1
            adjectives += g.adjective
            adjectives_found += g.adjective and bool(hits)
            if not hits:
                if any(s < g.end and g.start < e for s, e in d.metonyms):
                    metonym_misses += 1
                errors["missed"].append((d, g, None))
                continue
            found += 1
            s = hits[0]
            if g.lat is not None and s.lat is not None and s.lon is not None:
                err = km(g.lat, g.lon, s.lat, s.lon)
                errors_km.append(err)
                if err > ACC_KM:
                    errors["far"].append((d, g, err))
        for s in d.system:
            sys_n += 1
            if any(_overlaps(g, s) for g in d.gold):
                correct_sys += 1
            else:
                errors["false alarm"].append((d, s, None))
    within = sum(e <= ACC_KM for e in errors_km)
    result = {
        "articles": len(docs), "gold": gold_n, "system": sys_n,
        "found": found / gold_n if gold_n else 0.0,
        "found_names": (found - adjectives_found) / (gold_n - adjectives) if gold_n > adjectives else 0.0,
        "adjectives": adjectives,
        "precision": correct_sys / sys_n if sys_n else 0.0,
        "resolved": len(errors_km),
        "acc@161": within / len(errors_km) if errors_km else 0.0,
        "median_km": statistics.median(errors_km) if errors_km else 0.0,
        "missed_as_metonym": metonym_misses,
    }
    return result, errors


def _show(errors: dict[str, list], n: int) -> None:
    for kind, items in errors.items():
        print(f"  -- {kind} ({len(items)}), first {min(n, len(items))}:")
        for d, t, err in items[:n]:
            left = d.text[max(0, t.start - 40):t.start].replace("\n", " ")
            right = d.text[t.end:t.end + 30].replace("\n", " ")
            extra = f"  {err:,.0f} km" if err is not None else ""
            print(f"     {d.name}: ...{left}[{d.text[t.start:t.end]}]{right}...{extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append",
                        help="score only this corpus (repeatable; default: both)")
    parser.add_argument("--limit", type=int, help="only the first N articles of each corpus")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    parser.add_argument("--json", type=Path, help="write the measures here")
    parser.add_argument("--no-demonyms", action="store_true", help="count places only, not demonyms")
    args = parser.parse_args(argv)
    if not args.bench_dir.is_dir():
        print(f"no benchmark data at {args.bench_dir}; pass --bench-dir", file=sys.stderr)
        return 2
    results = {}
    for name in args.corpus or list(CORPORA):
        docs = read_corpus(args.bench_dir / CORPORA[name])[: args.limit]
        seconds = run_system(docs, demonyms=not args.no_demonyms)
        results[name], errors = score(docs)
        results[name]["seconds"] = round(seconds, 1)
        if args.errors:
            print(f"== {name}")
            _show(errors, args.errors)
    print(f"{'corpus':10} {'articles':>8} {'gold':>6} {'system':>6} {'found':>6} {'names':>6} {'prec.':>6} "
          f"{'resolved':>8} {'acc@161':>7} {'med. km':>8} {'seconds':>7}")
    for name, r in results.items():
        print(f"{name:10} {r['articles']:8d} {r['gold']:6d} {r['system']:6d} {r['found']:6.3f} "
              f"{r['found_names']:6.3f} {r['precision']:6.3f} {r['resolved']:8d} {r['acc@161']:7.3f} "
              f"{r['median_km']:8.1f} {r['seconds']:7.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
