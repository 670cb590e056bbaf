"""Russian and Ukrainian named entities: NEREL dev (ru) and ner-uk DEV (uk), and Cyrillic place names
in every grammatical case.

    python benchmarks/multilingual.py [--bench-dir DIR] [--limit N] [--errors N] [--json OUT]

Data (read at run time, never copied into the repository), by default from
``../shared/bench/multilingual`` beside the repository:

- ``nerel-ru-dev``: NEREL v1.1 dev split (Loukachevitch et al., LREV 2023), brat standoff with nested
  entities (``T2<TAB>PERSON 6 11<TAB>Обамы``) and Wikidata links (``N1<TAB>Reference T11
  Wikidata:Q13133<TAB>...``);
- ``ner-uk-dev``: lang-uk/ner-uk v2.0 DEV split (CC BY-NC-SA 4.0, evaluation only), brat standoff
  with tab-separated offsets (``T1<TAB>ORG<TAB>0<TAB>17<TAB>...``).

Types are mapped to sitroom's three: NEREL PERSON -> person, ORGANIZATION -> organization, CITY /
COUNTRY / STATE_OR_PROVINCE / DISTRICT / LOCATION -> place; ner-uk PERS / ORG / LOC likewise. Each
document goes through cleaning-free ``sitroom.extract.cyrillic`` parsing and entity resolution in its
language. Two systems are scored, on exact spans, micro-averaged per type:

- ``ner``: the spans sitroom's Cyrillic stage reads (natasha NER made ready: cut at line breaks,
  region words taken in, bodies joined with their country, offices cut off people), typed by what
  the registry and gazetteer make of them, unknown places included;
- ``entities``: the mentions of the entities sitroom outputs (what an analyst sees: registry names in
  any case added, places the gazetteer does not know dropped).

NEREL nests entities ("Сенат США" holds "США"); a flat tagger can match at most one of two nested
spans of the same type, so the script also reports recall against the outermost spans of each type.
NEREL also marks nationality adjectives ("американского") as countries and common nouns
("правительство", "полиция") as organisations; ``ner_names_only`` scores against the gold spans that
do not begin with a lower-case letter. ``ner_with_demonyms`` adds the adjectives of places that
sitroom lists apart from places (``demonyms``: "американского", "британської") as place spans, as
NEREL annotates them (the geoparsing benchmark counts them the same way for TR-News).

ner-uk annotates flat names (311 of its 15,062 spans lie inside another): "Кабінету Міністрів України"
is one organisation there, with no place inside. sitroom keeps the country, region or city a body's
name holds as a place mention of its own (NEREL annotates it so), so ``ner_flat`` scores only the
spans sitroom reads that lie inside no other it reads, as such a corpus is annotated.

The names of laws sitroom reads (``law``: "Закону України «...»", "УК РФ") are no entity and are
not scored; in ``ner_flat`` they hold the country inside them, as a body's name does.

``linking`` (NEREL): gold mentions of one Wikidata entity should reach one canonical entity whatever
their case ("Обамы", "Барак Обама", "Барака"). Over the mapped gold mentions that carry a Wikidata
link, the share whose overlapping output mention has the canonical name most often given to that
Wikidata id (a mention with no output counts as a miss).

``place_items`` (NEREL): over the gold place mentions linked to a Wikidata item, how many get an
item from sitroom (``Entity.wikidata`` of an overlapping place), and how many of those are the gold
item (precision) and of all (recall).

``throughput``: characters per second of the whole analysis after cleaning (parse, entities,
claims, events, propositions) on Russian (NEREL) and Ukrainian (ner-uk) texts and, in the same run,
on the English sample corpus; each against its bare tagger on the same texts (natasha's segmenter,
morphology, syntax and NER; spaCy's ``nlp.pipe``).

``dates``: ``benchmarks/data/cyrillic_dates.tsv``, sentences written for the project with the day
they tell of against a publication date; the share ``cyrillic.sentence_date`` gets right, and
dateparser's ``search_dates`` with the publication date as its base (the first date it finds, else
the publication date).

``cases``: ``benchmarks/data/cyrillic_cases.tsv``, a hand-written table of place names of the war in
the six cases in both languages (canonical, language, case, form); the share of forms that
``cyrillic.Names.place`` resolves to the place whose gazetteer name is the canonical.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.extract import cyrillic
from sitroom.extract.cyrillic.entities import demonym_mentions
from sitroom.extract.cyrillic.parse import analyzer
from sitroom.extract.cyrillic.parse import parse as natasha_parse
from sitroom.kb import KB
from sitroom.kb.wikidata import place_item
from sitroom.model import Article

NEREL_TYPES = {"PERSON": "person", "ORGANIZATION": "organization", "CITY": "place", "COUNTRY": "place",
               "STATE_OR_PROVINCE": "place", "DISTRICT": "place", "LOCATION": "place"}
UK_TYPES = {"PERS": "person", "ORG": "organization", "LOC": "place"}
LABELS = {"person": "person", "organization": "organization", "location": "place", "law": "law"}  # laws: unscored
NER_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
TYPES = ("person", "organization", "place")


def read_nerel(path: Path) -> tuple[list[tuple[int, int, str, str]], dict[str, str]]:
    """Gold (start, end, type, T-id) of the mapped types, and T-id -> Wikidata id."""
    spans, links = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            if kind in NEREL_TYPES and ";" not in offsets:
                start, end = map(int, offsets.split())
                spans.append((start, end, NEREL_TYPES[kind], parts[0]))
        elif line.startswith("N") and len(parts) >= 2:
            _, target, ref = parts[1].split(" ")[:3]
            if ref.startswith("Wikidata:") and ref != "Wikidata:NULL":  # NULL: no item, not one entity
                links[target] = ref.split(":", 1)[1]
    return spans, links


def read_uk(path: Path) -> list[tuple[int, int, str, str]]:
    spans = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 4 and parts[1] in UK_TYPES:
            spans.append((int(parts[2]), int(parts[3]), UK_TYPES[parts[1]], parts[0]))
    return spans


def outermost(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    return [s for s in spans if not any(o is not s and o[2] == s[2] and o[0] <= s[0] and s[1] <= o[1]
                                        and (o[0], o[1]) != (s[0], s[1]) for o in spans)]


def run(text: str, language: str, kb: KB, demonyms: list | None = None) -> tuple[set, list]:
    """(ner spans, entity mentions) of one text: sets of (start, end, type); mentions carry canonicals.
    ``demonyms``, when given, receives the (start, end, "place") of the adjectives of places."""
    article = Article(source="<bench>", raw_text=text)
    article.body, article.language = text, language
    article = cyrillic.cyrillic_parse(article)
    ner = {(t.span.start, t.span.end, LABELS[t.label]) for t in cyrillic.typed_mentions(article, kb)}
    entities, _ = cyrillic.find_entities(article, kb)
    if demonyms is not None:
        demonyms += [(d["start"], d["end"], "place") for d in
                     demonym_mentions(article, cyrillic.Names.of(kb, language), entities)]
    mentions = [(m.span.start, m.span.end, LABELS[e.label], e.canonical, place_item(e.id) if e.label == "location" else None)
                for e in entities for m in e.mentions]
    return ner, mentions


class Score:
    def __init__(self):
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()

    def add(self, gold: set, found: set) -> None:
        for kind in TYPES:
            g = {s for s in gold if s[2] == kind}
            f = {s for s in found if s[2] == kind}
            self.tp[kind] += len(g & f)
            self.fp[kind] += len(f - g)
            self.fn[kind] += len(g - f)

    def table(self) -> dict[str, dict[str, float]]:
        out = {}
        for kind in TYPES:
            tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            out[kind] = {"precision": round(p, 3), "recall": round(r, 3),
                         "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "gold": tp + fn}
        return out


def corpus(folder: Path, language: str, limit: int | None, errors: int) -> dict:
    kb = KB.load()
    ner, ent, ner_outer, ner_names, ner_demonyms, ner_flat = Score(), Score(), Score(), Score(), Score(), Score()
    linked: list[tuple[str, str | None]] = []  # (wikidata id, canonical reached)
    items: list[tuple[str, str | None]] = []   # places: (gold Wikidata item, item output on an overlapping place)
    examples: list[str] = []
    files = sorted(folder.glob("*.txt"))[:limit] if limit else sorted(folder.glob("*.txt"))
    started = time.perf_counter()
    chars = 0
    for txt in files:
        text = txt.read_text(encoding="utf-8")
        chars += len(text)
        ann = txt.with_suffix(".ann")
        if language == "ru":
            gold_spans, links = read_nerel(ann)
        else:
            gold_spans, links = read_uk(ann), {}
        gold = {(s, e, k) for s, e, k, _ in gold_spans}
        adjectives: list = []
        found_ner, mentions = run(text, language, kb, adjectives)
        found_ent = {(s, e, k) for s, e, k, _, _ in mentions}
        ner.add(gold, found_ner)
        ent.add(gold, found_ent)
        ner_outer.add({(s, e, k) for s, e, k, _ in outermost(gold_spans)}, found_ner)
        ner_names.add({(s, e, k) for s, e, k in gold if not text[s:s + 1].islower()}, found_ner)
        ner_demonyms.add(gold, found_ner | set(adjectives))
        ner_flat.add(gold, {x for x in found_ner if not any(y != x and y[0] <= x[0] and x[1] <= y[1] for y in found_ner)})
        for s, e, k, tid in gold_spans:
            if tid in links:
                hit = next((c for ms, me, mk, c, _ in mentions if ms < e and s < me and mk == k), None)
                linked.append((links[tid], hit))
                if k == "place":
                    items.append((links[tid], next((q for ms, me, mk, _, q in mentions if ms < e and s < me and mk == k),
                                                   None)))
        if len(examples) < errors:
            for s, e, k in sorted(gold - found_ent)[:2]:
                examples.append(f"  miss {k:12} {text[s:e]!r} in {txt.name}")
            for s, e, k in sorted(found_ent - gold)[:2]:
                examples.append(f"  extra {k:12} {text[s:e]!r} in {txt.name}")
    elapsed = time.perf_counter() - started
    out = {"documents": len(files), "characters": chars, "seconds": round(elapsed, 1),
           "ner": ner.table(), "entities": ent.table(), "ner_names_only": ner_names.table(),
           "ner_with_demonyms": ner_demonyms.table(), "ner_flat": ner_flat.table(), "ner_outermost_recall": {
               k: v["recall"] for k, v in ner_outer.table().items()}}
    if linked:
        majority: dict[str, Counter] = defaultdict(Counter)
        for qid, canonical in linked:
            if canonical is not None:
                majority[qid][canonical] += 1
        same = sum(1 for qid, canonical in linked if canonical is not None and canonical == majority[qid].most_common(1)[0][0])
        out["linking"] = {"mentions": len(linked), "same_canonical": round(same / len(linked), 3)}
    if items:
        given = [(gold, item) for gold, item in items if item is not None]
        right = sum(gold == item for gold, item in given)
        out["place_items"] = {"linked_place_mentions": len(items), "with_item": len(given), "right": right,
                              "precision": round(right / len(given), 3) if given else 0.0,
                              "recall": round(right / len(items), 3)}
    if examples:
        out["examples"] = examples
    return out


def cases(table: Path) -> dict:
    kb = KB.load()
    rows = list(csv.DictReader(table.open(encoding="utf-8"), delimiter="\t"))
    right, wrong = 0, []
    names = {lang: cyrillic.Names(kb, lang) for lang in ("ru", "uk")}
    for row in rows:
        place = names[row["language"]].place(row["form"], row["form"])
        if place is not None and place.name == row["canonical"]:
            right += 1
        else:
            wrong.append(f"{row['language']} {row['case']} {row['form']} -> {place.name if place else None} "
                         f"(want {row['canonical']})")
    return {"forms": len(rows), "places": len({r["canonical"] for r in rows}),
            "resolved": round(right / len(rows), 3) if rows else 0.0, "wrong": wrong}


def throughput(bench: Path, limit: int) -> dict:
    from sitroom.config import load_settings
    from sitroom.extract.parse import load_nlp
    from sitroom.pipeline import Pipeline
    from sitroom.process import article_stages, read

    settings = load_settings(env={})
    kb = KB.load()
    stages = [st for st in article_stages(settings, kb) if st.name not in ("clean", "titles", "outlet", "published",
                                                                             "language")]
    pipeline = Pipeline(stages, provided=("body", "removed", "duplicates", "attribution_tags", "title", "published",
                                          "language"))
    english = [a.raw_text for a in read([ROOT / "src" / "sitroom" / "data" / "sample"], settings)
               if isinstance(a, Article) and a.meta.get("language", "en") == "en"]
    corpora = {"en": english,
               "ru": [p.read_text(encoding="utf-8") for p in sorted((bench / "nerel-ru-dev").glob("*.txt"))[:limit]],
               "uk": [p.read_text(encoding="utf-8") for p in sorted((bench / "ner-uk-dev").glob("*.txt"))[:limit]]}
    nlp = load_nlp(settings.get("nlp", "model"))
    cyrillic.models(), analyzer("ru"), analyzer("uk"), cyrillic.registry_matcher()

    def articles(texts: list[str], language: str) -> list[Article]:
        out = []
        for text in texts:
            a = Article(source="<bench>", raw_text=text, meta={"published": "2024-06-03"})
            a.body, a.language, a.published, a.title = text, language, "2024-06-03", None
            out.append(a)
        return out

    out = {}
    for language, texts in corpora.items():
        chars = sum(map(len, texts))
        start = time.perf_counter()
        if language == "en":
            for _ in nlp.pipe(texts, batch_size=32):
                pass
        else:
            for text in texts:
                natasha_parse(text, language)
        bare = time.perf_counter() - start
        start = time.perf_counter()
        list(pipeline.pipe(articles(texts, language), on_error="raise"))
        ours = time.perf_counter() - start
        out[language] = {"texts": len(texts), "characters": chars, "bare_chars_per_s": round(chars / bare),
                         "sitroom_chars_per_s": round(chars / ours), "ratio_to_bare": round(bare / ours, 2)}
    for language in ("ru", "uk"):
        out[language]["ratio_to_english"] = round(out[language]["sitroom_chars_per_s"] / out["en"]["sitroom_chars_per_s"], 2)
    return out


def dates(table: Path) -> dict:
    from datetime import datetime

    from dateparser.search import search_dates

    rows = list(csv.DictReader(table.open(encoding="utf-8"), delimiter="\t"))
    ours = theirs = 0
    for row in rows:
        ours += cyrillic.sentence_date(row["sentence"], row["published"])[0] == row["day"]
        base = datetime.fromisoformat(row["published"])
        found = search_dates(row["sentence"], languages=[row["language"]],
                             settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        day = found[0][1].date().isoformat() if found else row["published"]
        theirs += day == row["day"]
    return {"sentences": len(rows), "sitroom": round(ours / len(rows), 3), "dateparser": round(theirs / len(rows), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=ROOT.parent / "shared" / "bench" / "multilingual")
    parser.add_argument("--cases", type=Path, default=ROOT / "benchmarks" / "data" / "cyrillic_cases.tsv")
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus")
    parser.add_argument("--errors", type=int, default=0, help="print up to N missed and extra mentions per corpus")
    parser.add_argument("--only", choices=("nerel", "uk", "cases", "dates", "throughput"), default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    result: dict = {}
    if args.only in (None, "cases") and args.cases.exists():
        result["cases"] = cases(args.cases)
    if args.only in (None, "dates"):
        result["dates"] = dates(ROOT / "benchmarks" / "data" / "cyrillic_dates.tsv")
    if args.only in (None, "nerel"):
        result["nerel-ru-dev"] = corpus(args.bench_dir / "nerel-ru-dev", "ru", args.limit, args.errors)
    if args.only in (None, "uk"):
        result["ner-uk-dev"] = corpus(args.bench_dir / "ner-uk-dev", "uk", args.limit, args.errors)
    if args.only in (None, "throughput"):
        result["throughput"] = throughput(args.bench_dir, args.limit or 60)
    for name, res in result.items():
        print(f"== {name}")
        if name == "dates":
            print(f"  {res['sentences']} sentences: sitroom {res['sitroom']:.3f}, dateparser {res['dateparser']:.3f}")
            continue
        if name == "throughput":
            for language, r in res.items():
                extra = f", {r['ratio_to_english']}x the English pipeline's" if "ratio_to_english" in r else ""
                print(f"  {language}: {r['texts']} texts, sitroom {r['sitroom_chars_per_s']} chars/s, bare tagger "
                      f"{r['bare_chars_per_s']} chars/s ({r['ratio_to_bare']}x){extra}")
            continue
        if name == "cases":
            print(f"  {res['resolved']:.3f} of {res['forms']} forms of {res['places']} places resolved")
            for line in res["wrong"][: max(args.errors, 10)]:
                print("  ", line)
            continue
        print(f"  {res['documents']} documents, {res['characters']} characters, {res['seconds']} s")
        for system in ("ner", "entities", "ner_names_only", "ner_with_demonyms"):
            cells = "  ".join(f"{k} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}"
                              for k, v in res[system].items())
            print(f"  {system:9} {cells}")
        print(f"  ner recall of outermost spans: {res['ner_outermost_recall']}")
        if "linking" in res:
            print(f"  linking: {res['linking']}")
        if "place_items" in res:
            print(f"  Wikidata items of places: {res['place_items']}")
        for line in res.get("examples", []):
            print(line)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
