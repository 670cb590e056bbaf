"""Where the place names of an article are: resolving each place mention to one gazetteer entry.

Candidates for a mention come from the gazetteer; each is scored with the document as context (the
gazetteer's prior, whether the name is the place's own or an alternate, containment the text states
such as "Paris, Texas", the regions named and the share of the other mentions pointing to each
country and region, and nearness to the settlements named), in two passes. Mentions that are not
places in this text (a surname, a word, a small place abroad in a story about somewhere else) are
dropped here; the finding of mentions is :mod:`sitroom.extract.entities`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from sitroom.data import load_lexicon
from sitroom.kb.gazetteer import FEATURE_KINDS, Gazetteer, Place
from sitroom.kb.gazetteer import normalize as gazetteer_normalize
from sitroom.kb.registry import TITLE_WORDS, Entry

#: Nouns after a place name that make it a front or an area of operations: the oblast is meant.
FRONT_WORDS = frozenset({"front", "frontline", "front-line", "direction", "axis", "sector", "offensive",
                         "counteroffensive", "counter-offensive", "operation", "campaign"})
PERSON_TITLES = re.compile(
    r"^(president|prime\s+minister|minister|general|gen\.|lt\.|lt\.\s+gen\.|lieutenant|colonel|col\.|major|"
    r"maj\.|commander|mayor|governor|spokesman|spokeswoman|secretary|senator|sen\.|rep\.|mr\.|mrs\.|ms\.|"
    r"dr\.|chancellor|king|queen|pope|admiral|adm\.|sergeant|sgt\.|captain|capt\.)\s+", re.I)


@dataclass
class Found:
    """A mention during resolution."""

    start: int          # character offsets into the body
    end: int
    text: str
    label: str          # location / person / organization
    places: list[Place] = field(default_factory=list)
    entry: Entry | None = None
    canonical: str | None = None
    tokens: tuple[int, int] = (0, 0)
    generic: bool = False  # "Ukrainian forces": an actor for claims, not an organisation entity


#: words that make a name after a given name a place or an institution ("Sofia Airport", "Maria Island")
NOT_SURNAMES = frozenset({"airport", "street", "square", "avenue", "river", "bridge", "station", "university",
                          "hospital", "park", "district", "region", "oblast", "valley", "island", "islands", "hill",
                          "lake", "bay", "city", "county", "church", "cathedral", "school", "college", "beach",
                          "falls", "harbour", "harbor", "port", "mountain", "mountains", "peninsula", "raion",
                          "hromada", "village", "town", "sea", "gulf", "strait", "canal", "dam", "plant", "base",
                          "road", "lane", "drive", "boulevard", "highway", "center", "centre", "hall", "court"})


#: words that begin place names and are given names too ("West Africa", "Santa Ana", "Saint Petersburg")
PLACE_PREFIXES = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                            "central", "upper", "lower", "new", "old", "great", "little", "saint", "st", "san",
                            "santa", "fort", "port", "mount", "lake", "cape", "la", "le", "el", "bas", "haut"})


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return load_lexicon("demonyms")["demonyms"]


def demonym_mentions(doc, gazetteer: Gazetteer, taken) -> list[dict]:
    """Nationality and regional adjectives ("Turkish", "Canadian", "Ukrainians") with the place
    they name, outside the mentions already ``taken`` (a :class:`~sitroom.model.SpanSet`): kept
    apart from the article's places, since a "Russian drone" is not a drone in Russia. A word inside
    a name ("Turkish Airlines") or a language ("in French") is none."""
    table = _demonyms()
    out = []
    for token in doc:
        word = token.text
        name = table.get(word) or (table.get(word[:-1]) if word.endswith("s") else None)
        if name is None or token.ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "LANGUAGE", "PRODUCT", "EVENT", "LAW") \
                or taken.overlaps(token.idx, token.idx + len(word)):
            continue
        if word in table and token.dep_ == "pobj" and token.head.lower_ in ("in", "into", "from"):
            continue  # "told in French", "translated from Russian": a language
        if (found := demonym(word, token.idx, name, gazetteer)) is not None:
            out.append(found)
    return out


def demonym(word: str, start: int, name: str, gazetteer: Gazetteer, kinds=None) -> dict | None:
    """The ``demonyms`` record of an adjective at ``start`` naming the gazetteer place called
    ``name`` (of ``kinds``, by default a continent, country or region), or None if there is none."""
    place = next((p for p in gazetteer.candidates(name) if p.name == name and p.kind in (kinds or BIG_KINDS)), None)
    if place is None:
        return None
    return {"mention": word, "start": start, "end": start + len(word), "refers_to": place.name,
            "lat": place.lat, "lon": place.lon}


def given_name_people(doc, gazetteer: Gazetteer, registry) -> None:
    """Make "Olena Ivanova" or "Andriy Kupiansky" a PERSON entity of ``doc`` where spaCy saw an
    organisation, a place or nothing: a capitalised proper noun that is a given name one gender
    holds nine times in ten (:func:`sitroom.extract.gender.first_names`), followed by one or two
    more, is a person's name, unless the words together name a place, a body or a facility
    ("Sofia Airport", "Santa Clara"), or the first is itself a city of 50,000 or a region ("Denver
    District Judge"). The surname then cannot be taken for a town ("Ivanova" for
    Ivanovo)."""
    from spacy.tokens import Span as SpacySpan

    from sitroom.extract.gender import first_names

    names = first_names()
    people = []
    for token in doc:
        if not (token.pos_ == "PROPN" and token.is_title and token.lower_ in names) or token.ent_type_ == "PERSON" \
                or token.lower_ in TITLE_WORDS:  # "General Staff", "Major Kovalenko"
            continue
        if token.i > 0 and doc[token.i - 1].pos_ == "PROPN" and doc[token.i - 1].is_title \
                and not doc[token.i - 1].is_sent_start:
            continue  # inside a longer name ("Santa Maria Novella")
        end = token.i + 1
        while end < len(doc) and end - token.i < 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        span = doc[token.i:end]
        if len(span) < 2 or any(t.lower_ in NOT_SURNAMES for t in span[1:]) or token.lower_ in PLACE_PREFIXES \
                or any(doc[token.i:k].text in gazetteer for k in range(token.i + 2, end + 1)) \
                or any(p.kind in BIG_KINDS or p.population >= 50_000 for p in gazetteer.candidates(token.text)) \
                or any(e.label != "person" for e in registry.lookup(span.text)):
            continue  # "Santa Ana Unified", "West Bank", "Denver District Judge": places, not people
        people.append(SpacySpan(doc, token.i, end, label="PERSON"))
    if people:
        taken = {i for span in people for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(kept + people, key=lambda e: e.start)


def _looks_like_person(ent, span, gazetteer: Gazetteer) -> bool:
    """A spaCy PERSON entity whose words outside ``span`` read as a name: "Abraham Lincoln", not
    "Taking Kharkov" (a headline's first word) or "Russia Borisivka" (a list without its comma)."""
    rest = [t for t in ent if not span.start <= t.i < span.end]
    return bool(rest) and not rest[0].is_sent_start and all(
        t.pos_ == "PROPN" and t.is_title and t.text not in gazetteer for t in rest)


def _front_or_region_of(doc, found: Found, gazetteer: Gazetteer) -> Place | None:
    """'the Kharkiv front', 'region of Belgorod', 'Kherson offensive' name the oblast."""
    start, end = found.tokens
    after = doc[end].lower_ if end < len(doc) else ""
    before = doc[max(0, start - 2):start].text.lower()
    if after in FRONT_WORDS or before.endswith(("region of", "oblast of", "province of")):
        best = found.places[0]
        for place in gazetteer.candidates(f"{best.name} Oblast"):
            if place.kind == "region":
                return place
    return None


#: The war's own countries: a look-alike elsewhere needs its own context to win against them.
HOME = frozenset({"UA", "RU"})
BIG_KINDS = frozenset({"continent", "country", "region"})
MAX_CANDIDATES = 120


def _resolve_places(doc, places: list[Found], gazetteer: Gazetteer) -> None:
    """Choose one place per mention from its candidates, with the rest of the document as context.

    A candidate's score adds: the gazetteer's prior (its order, then population); 2 when the name is
    the place's own rather than an alternate; 6 for containment stated in the text ("Paris, Texas",
    "Lewisburg (West Virginia)"); 4 for lying in an oblast or region the document names for sure (2
    outside the war's countries, and only under its own name there); up to 2 for the share of the
    other mentions pointing to its region and up to 3 for the share pointing to its country (Ukraine
    and Russia count as one); and closeness to the settlements named for sure. A mention never counts
    as context for itself or for a mention of the same name. Two passes: the second takes the first's
    choices as context. Mentions left with no plausible reading are emptied (:func:`_implausible`).
    """
    for f in places:
        del f.places[MAX_CANDIDATES:]
    keys = [gazetteer_normalize(f.text) for f in places]
    inside = _containment(doc, places)
    candidates = [list(f.places) for f in places]  # in the gazetteer's order: its prior
    sure = [len(c) == 1 or c[0].kind in BIG_KINDS for c in candidates]
    chosen = [c[0] for c in candidates]
    for _pass in range(2):
        # the context of a mention depends only on its name, so it is read once per name, and so is
        # the order of the same candidates: linear in the mentions, not quadratic
        contexts: dict[str, _Context] = {}
        orders: dict[tuple[str, tuple[str, ...]], list[Place]] = {}
        for k, f in enumerate(places):
            ctx = contexts.get(keys[k])
            if ctx is None:
                ctx = contexts[keys[k]] = _context(keys[k], keys, chosen, sure)
            memo = (keys[k], tuple(p.id for p in candidates[k])) if inside.get(k) is None else None
            if memo is not None and memo in orders:
                f.places[:] = orders[memo]
                continue
            scored = sorted(enumerate(candidates[k]), reverse=True,
                            key=lambda rp: _score(rp[1], rp[0], keys[k], ctx, inside.get(k)))
            f.places[:] = [p for _, p in scored]
            if memo is not None:
                orders[memo] = list(f.places)
        chosen = [f.places[0] for f in places]
    named: dict[str, set[str]] = {}  # per name, the countries the other names point to (once per name)
    for k, (f, key) in enumerate(zip(places, keys)):
        test = inside.get(k)
        contained = test is not None and test(f.places[0])
        if key not in named:
            named[key] = {p.country for g, p in zip(keys, chosen) if g != key}
        if _implausible(doc, f, key, named[key], contained):
            f.places = []


@dataclass
class _Context:
    oblasts: set[str]
    areas: set[str]
    towns: list[Place]
    countries: dict[str, float]
    regions: dict[str, float]


def _context(key: str, keys: list[str], chosen: list[Place], sure: list[bool]) -> _Context:
    """What the other mentions say: regions named for sure, settlements named for sure, and the
    shares of countries and regions their current readings point to (1 for a sure mention, 0.5 for a
    guess among homonyms, once per name)."""
    oblasts, areas, towns = set(), set(), {}
    countries: dict[str, dict[str, float]] = {}
    regions: dict[str, dict[str, float]] = {}
    for other, place, certain in zip(keys, chosen, sure):
        if other == key:
            continue
        if certain:
            if place.kind == "region":
                oblasts.add(place.name)
                areas.add(place.area)
            elif place.kind not in BIG_KINDS:
                towns[place.id] = place  # each town once, however often it is named
                if place.admin1:
                    oblasts.add(place.admin1)
                if place.country in HOME:
                    areas.add(place.area)
        weight = 1.0 if certain else 0.5
        if place.country:
            bucket = countries.setdefault(other, {})
            bucket[place.country] = max(bucket.get(place.country, 0.0), weight)
        if place.area and place.kind != "country":
            bucket = regions.setdefault(other, {})
            bucket[place.area] = max(bucket.get(place.area, 0.0), weight)
    return _Context(oblasts, areas, list(towns.values()), _shares(countries), _shares(regions))


def _shares(votes: dict[str, dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for bucket in votes.values():
        for value, w in bucket.items():
            total[value] = total.get(value, 0.0) + w
    n = sum(total.values()) or 1.0
    return {value: w / n for value, w in total.items()}


def _score(place: Place, rank: int, key: str, ctx: _Context, inside) -> float:
    home = place.country in HOME
    # in the war's countries every variant is a romanisation of the official name: all count as own
    own = home or gazetteer_normalize(place.name) == key
    s = max(0.0, 3.0 - rank) + math.log10(1 + place.population) / 4 + (2.0 if own else 0.0)
    if place.kind in ("country", "continent"):  # a country named is nearly always the country
        s += 2.0
    if (place.admin1 and place.admin1 in ctx.oblasts) or (place.kind != "region" and place.area in ctx.areas):
        s += 4 if home else 2 if own else 0.0
    if place.kind not in BIG_KINDS and own:
        s += 2 * ctx.regions.get(place.area, 0.0)
    if home:  # the war's two countries are one area here; the front runs through Ukraine
        s += 3 * sum(ctx.countries.get(c, 0.0) for c in HOME) + (1.0 if place.country == "UA" else 0.5)
    else:
        s += 3 * ctx.countries.get(place.country, 0.0)
    if inside is not None and inside(place):
        s += 6
    if ctx.towns and place.kind not in BIG_KINDS:
        near = min((_km(place, c) for c in ctx.towns if c.id != place.id), default=None)
        if near is not None:
            s += max(0.0, 1.5 - math.log10(1 + near) / 2)
    return s


def _containment(doc, places: list[Found]) -> dict[int, object]:
    """'Paris, Texas', 'Lewisburg (West Virginia)', 'Dublin, Ireland': the mention before the comma
    or bracket lies in a region or country named right after it. Returns, per mention index, a test
    for its candidates."""
    out: dict[int, object] = {}
    text = doc.text
    for k in range(len(places) - 1):
        a, b = places[k], places[k + 1]
        between = text[a.end:b.start]
        if between.strip() not in (",", "(") or len(between) > 3:
            continue
        holders = [p for p in b.places if p.kind in ("region", "country")]
        if not holders:
            continue
        regions = {p.area for p in holders if p.kind == "region"}
        countries = {p.country for p in holders if p.kind == "country"}
        out[k] = lambda place, r=regions, c=countries: place.area in r or place.country in c
        if len(b.places) > 1:  # "Athens, Georgia": the Georgia that holds an Athens
            homes = {(p.area, p.country) for p in a.places}
            out[k + 1] = lambda place, h=homes: any(
                place.area == ar or (place.kind == "country" and place.country == c) for ar, c in h)
    return out


def _implausible(doc, f: Found, key: str, others: set[str], contained: bool) -> bool:
    """A mention that is no place after all. Countries, regions, continents, places whose container
    the text names ("Paris, Texas") and words spaCy takes for places stay. Otherwise: a town or
    village of the war's countries, written in Latin letters, needs a story that names one of them
    (a "Radio" or "Marine" is not a Ukrainian village in a story about Peru); elsewhere, a
    settlement named by an alternate name ("Franklin" for Columbus, "Marburg" for Maribor), or found on a word spaCy takes
    for a person ("Murphy said", "Steele") unless a city of 100,000 in a country the story names, or
    in a story that names nothing else of its country, is no place."""
    best = f.places[0]
    if best.kind in BIG_KINDS or best.kind in FEATURE_KINDS or contained:
        return False
    label = doc[f.tokens[0]].ent_type_
    if label in ("GPE", "LOC", "FAC"):
        return False
    if best.country in HOME:  # a village of the war's countries in a story that names neither
        return not others & HOME and best.kind != "city" and f.text.isascii()
    if gazetteer_normalize(best.name) != key:
        return True
    if label == "PERSON":
        return not (best.population >= 100_000 and best.country in others)
    return best.country not in others


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _surnames_not_places(doc, places: list[Found], found: list[Found], gazetteer: Gazetteer) -> None:
    """'Karlov' after 'Andrei Karlov': the short form of a person named in the article, not the
    place of that name (unless it is a country or region); 'Lynn' after 'Lynn Fodge' is no place."""
    persons = [f.text.split() for f in found if f.label == "person"]
    persons += [[t.text for t in e] for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2
                and _looks_like_person(e, e[-1:], gazetteer) and _looks_like_person(e, e[:1], gazetteer)]
    surnames = {p[-1] for p in persons if len(p) >= 2}
    given = {p[0] for p in persons if len(p) >= 2}
    for f in places:
        if f.places and f.places[0].kind not in BIG_KINDS:
            if f.text in surnames:
                f.label, f.places = "person", []
            elif f.text in given:
                f.places = []


def _short_forms(found: list[Found]) -> None:
    """Within an article, 'Kirby' after 'John Kirby' is John Kirby."""
    full: dict[str, str] = {}
    for f in found:
        if f.label == "person" and f.canonical and len(f.canonical.split()) >= 2:
            full.setdefault(f.canonical.split()[-1].casefold(), f.canonical)
    for f in found:
        if f.label == "person" and (f.canonical is None or len(f.canonical.split()) == 1):
            key = PERSON_TITLES.sub("", f.text).strip().split()[-1].casefold() if f.text.split() else ""
            f.canonical = full.get(key, f.canonical)
