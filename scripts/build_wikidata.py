"""Build ``src/sitroom/data/gazetteer/wikidata.tsv.gz``: the Wikidata item of each gazetteer place
that an open source ties to its GeoNames id.

    python scripts/build_wikidata.py [--check]

Inputs (``scripts/sources/wikidata/``, described with their licences in ``SOURCES.md``):

- ``ne_countries.tsv``: Natural Earth 5 admin-0 countries, ISO 3166-1 code -> item;
- ``ne_admin1.tsv``: Natural Earth 5 admin-1 regions, GeoNames id -> item;
- ``ne_populated_places.tsv``: Natural Earth populated places, GeoNames id -> item;
- ``whosonfirst.tsv.gz``: Who's On First concordances (``gn:id`` and ``wd:id`` of one record).

A place gets an item only when the sources agree on one:

- a country by its ISO code; a region by its GeoNames id, from Natural Earth's admin-1 table, else
  from Who's On First records of a region's type;
- a city, town or village from Who's On First records of a settlement's type (``locality``,
  ``localadmin``, ``borough``) that are not deprecated, and from Natural Earth's populated places;
  where they give one id several items, the one both sources give, else none (Who's On First
  also puts Kyiv's id on a village called Voskresenka; Natural Earth settles it);
- an item that the rules give to two places of the same kind in one country goes to neither (a
  source that put one item on several features).

``--check`` rebuilds in memory and fails when the shipped file differs.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "sources" / "wikidata"
GAZETTEER = ROOT / "src" / "sitroom" / "data" / "gazetteer"
OUT = GAZETTEER / "wikidata.tsv.gz"

SETTLEMENT_TYPES = {"locality", "localadmin", "borough"}
REGION_TYPES = {"region"}


def rows(name: str) -> list[dict[str, str]]:
    path = SOURCES / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def places() -> dict[str, tuple[str, str]]:
    """GeoNames id -> (kind, country) of every gazetteer place."""
    with gzip.open(GAZETTEER / "places.tsv.gz", "rt", encoding="utf-8") as f:
        return {cols[0]: (cols[2], cols[3]) for cols in (line.rstrip("\n").split("\t") for line in f)}


def build() -> dict[str, str]:
    gazetteer = places()
    countries = {r["iso_a2"]: r["wikidata"] for r in rows("ne_countries.tsv")}
    admin1 = {r["geonameid"]: r["wikidata"] for r in rows("ne_admin1.tsv")}
    candidates: dict[str, Counter[str]] = defaultdict(Counter)  # id -> item -> sources giving it
    for r in rows("ne_populated_places.tsv"):
        candidates[r["geonameid"]][r["wikidata"]] += 1
    wof_settlements: dict[str, set[str]] = defaultdict(set)
    wof_regions: dict[str, set[str]] = defaultdict(set)
    for r in rows("whosonfirst.tsv.gz"):
        if r["deprecated"] != "0":
            continue
        if r["placetype"] in SETTLEMENT_TYPES:
            wof_settlements[r["geonameid"]].add(r["wikidata"])
        elif r["placetype"] in REGION_TYPES:
            wof_regions[r["geonameid"]].add(r["wikidata"])
    for gid, found in wof_settlements.items():
        candidates[gid].update(found)
    items: dict[str, str] = {}
    for gid, (kind, country) in gazetteer.items():
        if kind == "country":
            item = countries.get(country)
        elif kind == "region":
            found = {admin1[gid]} if gid in admin1 else wof_regions.get(gid, set())
            item = next(iter(found)) if len(found) == 1 else None
        elif kind in ("continent",):
            item = None
        else:
            ranked = candidates.get(gid, Counter()).most_common(2)
            item = ranked[0][0] if len(ranked) == 1 or ranked and ranked[0][1] > ranked[1][1] else None
        if item:
            items[gid] = item
    shared = Counter((gazetteer[gid][0], gazetteer[gid][1], item) for gid, item in items.items())
    return {gid: item for gid, item in items.items() if shared[gazetteer[gid][0], gazetteer[gid][1], item] == 1}


def render(items: dict[str, str]) -> bytes:
    text = "".join(f"{gid}\t{items[gid]}\n" for gid in sorted(items, key=int))
    return gzip.compress(text.encode("utf-8"), mtime=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file is out of date")
    args = parser.parse_args()
    items = build()
    data = render(items)
    gazetteer = places()
    kinds = Counter(gazetteer[gid][0] for gid in items)
    print(f"{len(items):,} places with a Wikidata item: " + ", ".join(f"{k} {n:,}" for k, n in kinds.most_common()))
    if args.check:
        if not OUT.exists() or gzip.decompress(OUT.read_bytes()) != gzip.decompress(data):
            print(f"{OUT} is out of date: run scripts/build_wikidata.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
