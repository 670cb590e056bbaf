"""Districts named after their centres ("the Sudzha and Korenevo districts", "the Sumy district"),
and regions in a list that shares the noun ("the Kharkiv and Donetsk regions").

A district (raion) is named after the town at its centre, and a report that says "the Sudzha
district" means the district, not the town. Ukraine's raions are "<centre> Raion" in English since
the 2020 reform; Russian and Belarusian districts have their own adjective names ("Sudzhansky
District"), read from ``data/gazetteer/raions.tsv.gz`` (GeoNames admin-2 names, built by
``scripts/build_raions.py``). A list that shares the noun ("the Sudzha and Korenevo districts") names
one district per town. The town's mention becomes the district's; a town not otherwise named is
no longer a place of the article.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from sitroom.kb.gazetteer import SETTLEMENT_KINDS, Gazetteer, normalize
from sitroom.model import Entity, Mention, Span

#: names before a district noun: "Sudzha", "Sudzha and Korenevo", "Sumy, Okhtyrka and Shostka"
DISTRICT_LIST = re.compile(r"\b(?P<names>[A-Z][\w'’-]+(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w'’-]+)*)\s+"
                           r"(?P<noun>[Dd]istricts?|[Rr]aions?|[Rr]ayons?|[Rr]egions|[Oo]blasts|[Pp]rovinces)\b")
#: plural nouns of regions: "the Kharkiv and Donetsk regions" names two oblasts
REGIONS = frozenset({"regions", "oblasts", "provinces"})
NAME = re.compile(r"[A-Z][\w'’-]+")
#: adjective district names already in their own form ("Sudzhansky district")
ADJECTIVE = re.compile(r"(?:sky|skiy|skyi|ski|ska|sk)$", re.I)


@lru_cache(maxsize=1)
def district_table() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Russian and Belarusian districts by admin-1 code: (canonical, names)."""
    path = resources.files("sitroom").joinpath("data", "gazetteer", "raions.tsv.gz")
    table: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            admin1, canonical, names = line.rstrip("\n").split("\t")
            table.setdefault(admin1, []).append((canonical, tuple(names.split("|"))))
    return table


def _district_of(name: str, area: str | None) -> str | None:
    """The district of an admin-1 area whose name grows from ``name``'s stem (Sudzha: Sudzhansky)."""
    if not area:
        return None
    folded = normalize(name)
    stem = folded if ADJECTIVE.search(folded) else folded[:max(4, len(folded) - 1)]
    found = {canonical for canonical, names in district_table().get(area, ())
             if any(normalize(n).startswith(stem) for n in names)}
    return next(iter(found)) if len(found) == 1 else None


def find_districts(body: str, found: list[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """``found`` with each "<town> district" read as the town's district (see the module's doc)."""
    places = [e for e in found if e.label == "location"]
    made: dict[str, Entity] = {}
    taken: set[tuple[int, int]] = set()
    for m in DISTRICT_LIST.finditer(body):
        for word in NAME.finditer(m.group("names")):
            start, end = m.start("names") + word.start(), m.start("names") + word.end()
            town = next((e for e in places if any(x.span.start == start for x in e.mentions)), None)
            if m.group("noun").lower() in REGIONS:
                district = _region(word.group(0), gazetteer)
            else:
                district = _district(word.group(0), town, gazetteer)
            if district is None:
                continue
            mention = Mention(word.group(0), Span(start, end))
            held = made.get(district.canonical)
            made[district.canonical] = replace(district, mentions=(*(held.mentions if held else ()), mention))
            taken.add((start, end))
    if not made:
        return found
    out = []
    for entity in found:
        kept = tuple(x for x in entity.mentions if (x.span.start, x.span.end) not in taken)
        if entity.label == "location" and len(kept) < len(entity.mentions):
            if not kept:
                continue  # "Sudzha" named only in "the Sudzha district": the district, not the town
            entity = replace(entity, mentions=kept)
        out.append(entity)
    for k, entity in enumerate(out):  # a region named elsewhere too: one entity with all its mentions
        if (extra := made.pop(entity.canonical, None)) is not None:
            out[k] = replace(entity, mentions=tuple(sorted((*entity.mentions, *extra.mentions),
                                                           key=lambda x: x.span.start)))
    return out + list(made.values())


def _region(name: str, gazetteer: Gazetteer) -> Entity | None:
    """The region "<name> region" names ("Kharkiv" in "the Kharkiv and Donetsk regions")."""
    place = next((p for p in gazetteer.candidates(f"{name} region") if p.kind == "region"), None)
    if place is None:
        return None
    return Entity(place.name, "location", (), id=place.id, kind="region", country=place.country,
                  admin1=place.admin1, lat=place.lat, lon=place.lon)


def _district(name: str, town: Entity | None, gazetteer: Gazetteer) -> Entity | None:
    if town is None or town.kind not in SETTLEMENT_KINDS or town.country not in ("UA", "RU", "BY"):
        return None
    area = None
    if town.id:
        try:
            area = gazetteer.get(town.id).area
        except KeyError:
            area = None
    if town.country == "UA":
        canonical = f"{town.canonical} Raion"
    else:
        canonical = _district_of(name, area) or _district_of(town.canonical, area)
        if canonical is None:
            return None
    return Entity(canonical, "location", (), kind="raion", country=town.country, admin1=town.admin1,
                  lat=town.lat, lon=town.lon)
