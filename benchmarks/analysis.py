"""Corpus analysis time (stories, claim relations, groups, framing, syndication) as the corpus grows.

    python benchmarks/analysis.py [--sizes 1000,10000,100000] [--json OUT]

Synthetic article documents in the ``sitroom extract --json`` shape: invented words, places in six
oblasts with coordinates-free mentions, claims from a fixed set of speakers with topic words and the
proposition each topic states, events, publication dates over a year. Reports seconds per 1,000 articles at each size and the growth
against n log n.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from datetime import date, timedelta
from pathlib import Path

from sitroom.model import Article, Claim, Entity, Event, Mention, Proposition, Span

OBLASTS = ["Kharkiv Oblast", "Donetsk Oblast", "Sumy Oblast", "Zaporizhzhia Oblast", "Kherson Oblast", "Luhansk Oblast"]
SPEAKERS = ["Ministry of Defence of Russia", "General Staff of the Armed Forces of Ukraine", "Vladimir Putin",
            "Volodymyr Zelenskyy", "John Kirby", "analysts", "reports", "TASS", "Reuters"]
TOPICS = ["captured the village", "shelled positions", "deployed reserves", "pulled back", "evacuated families",
          "the situation is calm", "no assault took place", "repelled an attack"]
#: the proposition each topic states (predicate, level), as the propositions stage would read it
PREDICATES = {"captured the village": ("captured", "settlement"), "shelled positions": ("strike", "settlement"),
              "deployed reserves": ("deployment", "region"), "pulled back": ("withdrawal", "settlement"),
              "evacuated families": ("evacuation", "settlement"), "the situation is calm": ("stable", "region"),
              "no assault took place": ("offensive_started", "region"), "repelled an attack": ("repelled", "settlement")}
OUTLETS = ["TASS", "RT", "Reuters", "Ukrinform", "Kyiv Independent", "n-tv", "MENAFN"]


def synthetic(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(5000)]
    places = [(f"Town{o}{k}", oblast) for o, oblast in enumerate(OBLASTS) for k in range(40)]
    start = date(2024, 1, 1)
    articles = []
    for i in range(n):
        story = i // 20  # stories of about twenty articles, a few days apart, about a few places
        srng = random.Random(story)
        story_places = srng.sample(places, 4)
        story_day = srng.randrange(365)
        story_words = srng.sample(vocab, 300)
        chosen = rng.sample(story_places, 2)
        claims, body, locations = [], "", []
        published = (start + timedelta(days=story_day + rng.randrange(4))).isoformat()
        for k in range(3):
            place = chosen[k % 2]
            topic = rng.choice(TOPICS)
            sentence = f"{rng.choice(SPEAKERS)} said troops {topic} near {place[0]}. "
            predicate, level = PREDICATES[topic]
            prop = Proposition(predicate, place[0] if level == "settlement" else place[1], level, region=place[1],
                               side=rng.choice(["russia", "ukraine", None]), date=published, date_precision="day",
                               negated="no " in sentence)
            claims.append(Claim(f"a{i}:c{k + 1}", sentence.split(" said")[0], "said",
                                Span(len(body), len(body) + len(sentence)), sentence, speaker_kind="organization",
                                negated="no " in sentence, propositions=(prop,)))
            body += sentence
        body += " ".join(rng.choices(story_words, k=60) + rng.choices(vocab, k=20))
        for name, oblast in chosen:
            at = body.find(name)
            locations.append(Entity(name, "location", (Mention(name, Span(at, at + len(name))),), kind="town",
                                    admin1=oblast))
        articles.append(Article(source=f"a{i}.txt", raw_text=body, id=f"a{i}", outlet=rng.choice(OUTLETS),
                                published=published, body=body, entities=tuple(locations), claims=tuple(claims),
                                events=(Event(f"a{i}:e1", "attack", Span(0, 1), locations=(chosen[0][0],),
                                              claim_id=f"a{i}:c1", status="claimed"),)))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from sitroom.link import analyze

    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        articles = synthetic(n)
        start = time.perf_counter()
        out = analyze(articles)
        seconds = time.perf_counter() - start
        results.append({"articles": n, "seconds": seconds, "per_1000": seconds / n * 1000,
                        "stories": len(out.stories), "relations": len(out.relations)})
        print(f"{n:>7} articles: {seconds:7.1f} s, {seconds / n * 1000:5.2f} s per 1,000 "
              f"({len(out.stories)} stories, {len(out.relations)} relations)", flush=True)
    base = results[0]
    for r in results[1:]:
        growth = r["per_1000"] / base["per_1000"]
        nlogn = math.log(r["articles"]) / math.log(base["articles"])
        print(f"time per article x{growth:.2f} from {base['articles']} to {r['articles']} (n log n allows x{nlogn:.2f})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
