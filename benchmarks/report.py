"""How long a situation report takes on a large store.

Builds a store of N synthetic articles (default 10,000) directly as ``Article`` records with
places, claims and events (no NLP pipeline), spread over 21 places in six oblasts and about six
months, with a synthetic corpus analysis (stories by oblast and week, claim groups, contradictions,
outlet profiles). Then times ``build_report(region="Kharkiv Oblast", since, until)`` over one month
plus ``render_html`` and ``render_markdown``, median of ``--runs`` runs.

    python benchmarks/report.py                 # 10,000 articles
    python benchmarks/report.py --n 2000 --json out.json
    python benchmarks/report.py --db /tmp/bench.db   # keep (and reuse) the store

The articles are invented word salad from templates; nothing is taken from real reporting.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sitroom.model import Article, Claim, Entity, Event, Mention, Span
from sitroom.report.situation import build_report, render_html, render_markdown
from sitroom.store import Store

PLACES = {  # canonical -> (kind, admin1, lat, lon)
    "Kharkiv": ("city", "Kharkiv Oblast", 49.9935, 36.2304), "Kupiansk": ("town", "Kharkiv Oblast", 49.7106, 37.6156),
    "Vovchansk": ("town", "Kharkiv Oblast", 50.2908, 36.9411), "Lyptsi": ("village", "Kharkiv Oblast", 50.1950, 36.4300),
    "Izium": ("town", "Kharkiv Oblast", 49.2128, 37.2567), "Chuhuiv": ("town", "Kharkiv Oblast", 49.8356, 36.6886),
    "Pokrovsk": ("town", "Donetsk Oblast", 48.2820, 37.1758), "Kramatorsk": ("city", "Donetsk Oblast", 48.7230, 37.5560),
    "Sloviansk": ("city", "Donetsk Oblast", 48.8533, 37.6053), "Toretsk": ("town", "Donetsk Oblast", 48.3983, 37.8472),
    "Sumy": ("city", "Sumy Oblast", 50.9077, 34.7981), "Okhtyrka": ("town", "Sumy Oblast", 50.3104, 34.8988),
    "Shostka": ("town", "Sumy Oblast", 51.8634, 33.4698), "Zaporizhzhia": ("city", "Zaporizhzhia Oblast", 47.8388, 35.1396),
    "Orikhiv": ("town", "Zaporizhzhia Oblast", 47.5672, 35.7858), "Huliaipole": ("town", "Zaporizhzhia Oblast", 47.6633, 36.2561),
    "Kherson": ("city", "Kherson Oblast", 46.6354, 32.6169), "Beryslav": ("town", "Kherson Oblast", 46.8413, 33.4287),
    "Belgorod": ("city", "Belgorod Oblast", 50.5977, 36.5858), "Shebekino": ("town", "Belgorod Oblast", 50.4000, 36.8875),
    "Graivoron": ("town", "Belgorod Oblast", 50.4780, 35.6781),
}
OUTLETS = ["TASS", "RIA Novosti", "Ukrinform", "Reuters", "Associated Press", "Kyiv Independent", "Meduza", "Suspilne"]
SPEAKERS = [("General Staff of the Armed Forces of Ukraine", "ukraine"), ("Ministry of Defence of Russia", "russia"),
            ("regional governor", None), ("Institute for the Study of War", "west"), ("Kremlin", "russia"),
            ("State Emergency Service of Ukraine", "ukraine"), ("analysts", None)]
EVENT_TYPES = ["attack", "attack", "attack", "territory_change", "casualties", "evacuation", "withdrawal", "deployment"]
VERBS = {"attack": "struck", "territory_change": "took control of", "casualties": "reported losses near",
         "evacuation": "evacuated residents from", "withdrawal": "pulled back from", "deployment": "moved units to"}
START = date(2025, 1, 1)
DAYS = 182


def synthetic_article(i: int, rng: random.Random) -> Article:
    published = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
    outlet = rng.choice(OUTLETS)
    title = f"Report {i}: fighting continues"
    body, entities, claims, events = "", {}, [], []
    for k in range(rng.randint(2, 4)):
        name = rng.choice(list(PLACES))
        speaker, _side = rng.choice(SPEAKERS)
        kind = rng.choice(EVENT_TYPES)
        negated = rng.random() < 0.15
        start = len(body)
        head = f"The {speaker} said that forces {'did not' if negated else 'had'} {VERBS[kind]} "
        at = start + len(head)
        sentence = f"{head}{name} on day {k} of the operation. "
        body += sentence
        span = Span(start, start + len(sentence) - 1)
        mention = Mention(name, Span(at, at + len(name)))
        place_kind, admin1, lat, lon = PLACES[name]
        prior = entities.get(name)
        entities[name] = Entity(name, "location", ((prior.mentions if prior else ()) + (mention,)),
                                id=str(1000 + list(PLACES).index(name)), kind=place_kind, country="UA", admin1=admin1,
                                lat=lat, lon=lon)
        cid = f"c{k + 1}"
        claims.append((cid, speaker, span, f"forces {VERBS[kind]} {name}", negated))
        if not negated or rng.random() < 0.5:
            events.append((f"e{len(events) + 1}", kind, span, name, cid if rng.random() < 0.8 else None, speaker))
    body += f"{outlet} could not verify the reports independently."
    article = Article(source=f"https://bench.invalid/{outlet.replace(' ', '-').lower()}/{i}", raw_text=f"{i} {body}",
                      title=title, outlet=outlet, published=published, body=body, language="en")
    article.entities = tuple(entities.values())
    article.claims = tuple(Claim(f"{article.id}:{cid}", speaker, "said", span, content, negated=neg,
                                 speaker_kind="organization", via=(outlet,))
                           for cid, speaker, span, content, neg in claims)
    article.events = tuple(Event(f"{article.id}:{eid}", kind, span, locations=(name,), date=published,
                                 date_precision="day", claimed_by=speaker if cid else outlet,
                                 claim_id=f"{article.id}:{cid}" if cid else None,
                                 status="claimed" if cid else "reported")
                           for eid, kind, span, name, cid, speaker in events)
    return article


def synthetic_analysis(articles: list[Article]) -> dict:
    """Stories by oblast and week; claims grouped by story, place and polarity; contradictions between them."""
    stories: dict[str, list[str]] = {}
    groups: dict[tuple, list] = {}
    for a in articles:
        admin1 = a.entities[0].admin1 if a.entities else "none"
        week = date.fromisoformat(a.published).isocalendar()[1]
        sid = f"s-{admin1[:4].lower()}{week:02d}"
        stories.setdefault(sid, []).append(a.source)
        for c in a.claims:
            place = a.body[c.evidence.start:c.evidence.end].rsplit(" on day", 1)[0].rsplit(" ", 1)[-1]
            groups.setdefault((sid, place, c.negated), []).append(c)
    sides = dict(SPEAKERS)
    claim_groups, relations = [], []
    for n, ((sid, place, negated), members) in enumerate(sorted(groups.items(), key=lambda kv: str(kv[0])), 1):
        found_sides = sorted({sides[c.speaker] for c in members if sides[c.speaker]})
        sources = sorted({c.speaker for c in members})
        contested = (sid, place, not negated) in groups
        status = ("contested" if contested else "single source" if len(sources) == 1 else
                  "confirmed across sides" if len(found_sides) >= 2 else "several sources, same side")
        claim_groups.append({"id": f"g{n}", "claims": [c.id for c in members], "sources": sources,
                             "sides": found_sides, "status": status})
        if contested and not negated:
            other = groups[(sid, place, True)]
            for a, b in zip(members[:3], other[:3]):
                relations.append({"a": a.id, "b": b.id, "relation": "contradicts", "independent": True,
                                  "why": f"{a.speaker} asserts an attack on {place}; {b.speaker} denies it"})
        for a, b in itertools.pairwise(members[:4]):
            relations.append({"a": a.id, "b": b.id, "relation": "corroborates", "independent": a.speaker != b.speaker,
                              "why": f"{a.speaker} and {b.speaker} both report fighting in {place}"})
    outlets = {o: {"articles": sum(a.outlet == o for a in articles), "overall_lean": round(0.8 - 0.2 * k, 2),
                   "quoted_sides": {"shares": {"ukraine": 0.4, "russia": 0.4, "west": 0.1, "unknown": 0.1}},
                   "hedging": 0.1, "unattributed_share": 0.2} for k, o in enumerate(OUTLETS)}
    return {"articles": [{"source": a.source, "id": a.id} for a in articles],
            "stories": [{"id": s, "articles": m} for s, m in stories.items()],
            "claim_groups": claim_groups, "relations": relations, "outlets": outlets, "syndication": []}


def build_store(url: str, n: int, seed: int) -> Store:
    store = Store.open(url)
    if store.count() >= n:
        return store
    rng = random.Random(seed)
    articles = [synthetic_article(i, rng) for i in range(n)]
    for article in articles:
        store.add(article)
    store.save_analysis(synthetic_analysis(articles))
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="synthetic articles (default 10,000)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="SQLite file to build (or reuse); default a temporary one")
    parser.add_argument("--json", type=Path, help="write the timings here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        store = build_store(f"sqlite:///{path}", args.n, args.seed)
        setup = time.perf_counter() - t0
        query = {"region": "Kharkiv Oblast", "since": "2025-03-01", "until": "2025-03-31"}
        builds, htmls, mds, totals = [], [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            report = build_report(store, **query)
            t1 = time.perf_counter()
            html = render_html(report)
            t2 = time.perf_counter()
            render_markdown(report)
            t3 = time.perf_counter()
            builds.append(t1 - t0)
            htmls.append(t2 - t1)
            mds.append(t3 - t2)
            totals.append(t2 - t0)
        store.close()
    result = {"articles": args.n, "query": query, "runs": args.runs, "setup_s": round(setup, 2),
              "build_report_s": round(statistics.median(builds), 4), "render_html_s": round(statistics.median(htmls), 4),
              "render_markdown_s": round(statistics.median(mds), 4),
              "build_plus_html_s": round(statistics.median(totals), 4), "html_bytes": len(html),
              "counts": report["counts"], "notes": report["notes"]}
    print(f"{args.n} articles (store built in {setup:.1f}s); report for {query['region']}, "
          f"{query['since']}..{query['until']}: {report['counts']}")
    print(f"median of {args.runs}: build_report {result['build_report_s']:.3f}s + render_html "
          f"{result['render_html_s']:.3f}s = {result['build_plus_html_s']:.3f}s "
          f"(render_markdown {result['render_markdown_s']:.3f}s, HTML {len(html) / 1e6:.2f} MB)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
