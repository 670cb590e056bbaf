"""Exports: stored events and claims as CSV, JSON Lines, GeoJSON or Parquet (see ``docs/exports.md``).

    export(store, "events", "csv", Path("events.csv"), region="Donetsk Oblast")  -> rows written

Event rows follow ACLED's column conventions where they apply (``event_id_cnty``, ``event_date``,
``time_precision``, ``event_type``, ``sub_event_type``, ``geo_precision``, ``fatalities``, ...), one
row per event and location, with sitroom's own columns after them (who claims it, the cross-source
status of its claim group, the claim and article ids it rests on, its PLOVER type). Claim rows carry
who said what, through whom, and the claims that corroborate or contradict it.

:func:`event_rows` and :func:`claim_rows` build the rows of one article with native values (lists,
booleans, ``None``); each writer flattens them as its format needs. CSV cells that a spreadsheet
would run as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from sitroom.errors import ExportError
from sitroom.link.relations import asserting, event_proposition
from sitroom.model import Analysis, Article, Claim, Event, Quantity
from sitroom.query.names import stored_names

KINDS = ("events", "claims")
FORMATS = ("jsonl", "csv", "geojson", "parquet")

#: the credit GeoNames' CC BY 4.0 licence asks for, carried by every exported coordinate
GEONAMES_CREDIT = "Contains data from GeoNames (geonames.org), CC BY 4.0"
#: column -> type, in order; the Parquet schema is built from these (pyarrow is the ``parquet`` extra)
EVENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("event_id_cnty", "string"), ("event_date", "date"), ("year", "int16"),
    ("time_precision", "int8"), ("disorder_type", "string"), ("event_type", "string"),
    ("sub_event_type", "string"), ("actor1", "string"), ("assoc_actor_1", "string"),
    ("country", "string"), ("admin1", "string"), ("location", "string"),
    ("latitude", "float64"), ("longitude", "float64"), ("geo_precision", "int8"),
    ("source", "ids"), ("source_scale", "string"),
    ("notes", "string"), ("fatalities", "int32"),
    ("sitroom_event_id", "string"), ("sitroom_type", "string"), ("sitroom_subtype", "string"),
    ("date_precision", "string"), ("claimed_by", "string"), ("status", "string"),
    ("corroboration", "string"), ("claim_ids", "ids"), ("article_ids", "ids"), ("plover", "string"),
    ("geo_attribution", "string"),
)
CLAIM_FIELDS: tuple[tuple[str, str], ...] = (
    ("claim_id", "string"), ("date", "date"), ("speaker", "string"), ("speaker_side", "string"),
    ("via", "ids"), ("outlet", "string"), ("article_source", "string"), ("article_id", "string"),
    ("cue", "string"), ("quote", "string"), ("content", "string"), ("evidence", "string"),
    ("negated", "bool"), ("hedged", "bool"), ("status", "string"), ("contradicts", "ids"),
    ("corroborates", "ids"),
)


def arrow_schema(fields: tuple[tuple[str, str], ...]):
    """The Parquet schema of an export (events carry the GeoNames credit in its metadata)."""
    try:
        import pyarrow as pa
    except ImportError:
        raise ExportError("Parquet needs pyarrow: pip install 'sitroom[parquet]'") from None
    types = {"string": pa.string(), "date": pa.date32(), "int8": pa.int8(), "int16": pa.int16(),
             "int32": pa.int32(), "float64": pa.float64(), "bool": pa.bool_(), "ids": pa.list_(pa.string())}
    metadata = {"attribution": f"Coordinates: {GEONAMES_CREDIT}"} if fields is EVENT_FIELDS else None
    return pa.schema([(name, types[kind]) for name, kind in fields], metadata=metadata)


EVENT_COLUMNS = tuple(name for name, _ in EVENT_FIELDS)
CLAIM_COLUMNS = tuple(name for name, _ in CLAIM_FIELDS)

EVENT_FILTERS = frozenset({"place", "region", "bbox", "since", "until", "type", "status", "claimed_by",
                           "outlet", "limit", "offset"})
CLAIM_FILTERS = frozenset({"speaker", "side", "outlet", "since", "until", "article_ids", "limit", "offset"})
PAGE = 500

# ACLED time_precision: 1 = the day, 2 = within a week or so of the date, 3 = the month or vaguer
TIME_PRECISION = {"day": 1, "week": 2, "since": 2, "month": 3}
# ACLED geo_precision from the gazetteer kind: 1 = the settlement, 3 = a region centroid or larger
GEO_PRECISION = {"village": 1, "town": 1, "city": 1, "feature": 2, "water": 3, "region": 3, "country": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
ATTACK_SUBTYPES = {"drone": ("Explosions/Remote violence", "Air/drone strike"),
                   "air strike": ("Explosions/Remote violence", "Air/drone strike"),
                   "missile": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                   "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                   "ground assault": ("Battles", "Armed clash")}
GOVERNMENT_SIDE = {"UA": "ukraine", "RU": "russia"}   # whose government holds a country's territory
PEOPLE = frozenset({"soldiers", "troops", "fighters", "servicemen", "civilians", "people", "residents",
                    "children", "personnel", "killed", "dead"})
DEATH_WORDS = frozenset({"kill", "kills", "killed", "killing", "dead", "death", "deaths", "die", "dies",
                         "died", "dying", "fatalities", "fatality"})
VAGUE_NUMBERS = {"dozens": 12, "dozen": 12, "hundreds": 100, "thousands": 1000}  # ACLED's cautious reading
SCALE_ORDER = ("National", "International", "New media")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")


# --- context across articles -------------------------------------------------------------------------


@dataclass
class Context:
    """What a row needs from beyond its article: claim groups, relations, other articles' outlets."""

    groups: dict[str, dict[str, Any]] = field(default_factory=dict)        # claim id -> its claim group
    related: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # claim id -> relation -> ids
    outlet_of: Callable[[str], str | None] = lambda _article_id: None
    relations: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_analysis(cls, analysis: Analysis | dict[str, Any],
                      outlet_of: Callable[[str], str | None] | None = None) -> Context:
        """From an :class:`~sitroom.model.Analysis` or :meth:`Store.load_analysis` (which may lack parts)."""
        if isinstance(analysis, Analysis):
            analysis = analysis.parts()
        groups = {cid: g for g in analysis.get("claim_groups") or [] for cid in g.get("claims") or []}
        related: dict[str, dict[str, list[str]]] = {}
        for rel in analysis.get("relations") or []:
            for this, other in ((rel["a"], rel["b"]), (rel["b"], rel["a"])):
                ids = related.setdefault(this, {}).setdefault(rel["relation"], [])
                if other not in ids:
                    ids.append(other)
        if outlet_of is None:
            outlets = {doc["id"]: doc.get("outlet") for doc in analysis.get("articles") or [] if "id" in doc}
            outlet_of = outlets.get
        return cls(groups, related, outlet_of, list(analysis.get("relations") or []))

    @classmethod
    def from_store(cls, store) -> Context:
        cache: dict[str, str | None] = {}

        def outlet_of(article_id: str) -> str | None:
            if article_id not in cache:
                article = store.get(article_id)
                cache[article_id] = article.outlet if article else None
            return cache[article_id]

        return cls.from_analysis(store.load_analysis(), outlet_of)


@lru_cache(maxsize=1)
def _registry():
    from sitroom.kb.registry import Registry

    return Registry.load()


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from sitroom.kb.gazetteer import Gazetteer, GazetteerMissing

    try:
        return {p.country: p.name for p in Gazetteer.load().places() if p.kind == "country"}
    except GazetteerMissing:
        return {}


def _ontology():
    from sitroom.kb.ontology import ontology

    return ontology()


def _article_of(claim_id: str) -> str:
    return claim_id.split(":", 1)[0]


def _unique(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


# --- event rows ----------------------------------------------------------------------------------------


def event_rows(article: Article, context: Context | None = None) -> list[dict[str, Any]]:
    """One row per event and location of ``article`` (one row with empty place fields for none)."""
    return [row for event in article.events for row in _rows_of_event(article, event, context or Context())]


def _rows_of_event(article: Article, event: Event, ctx: Context) -> list[dict[str, Any]]:
    places = {e.canonical: e for e in article.entities if e.label == "location"}
    countries = {e.country: e.canonical for e in places.values() if e.kind == "country" and e.country}
    event_date, precision, basis = _event_date(event, article.published)
    group = ctx.groups.get(event.claim_id or "")
    claim_ids = _asserting(article, event, places, ctx)
    article_ids = _unique([article.id, *(_article_of(c) for c in claim_ids)])
    sources = _unique(article.outlet if a == article.id else ctx.outlet_of(a) for a in article_ids)
    body = article.body or ""
    spec = _ontology().types.get(event.type) or _ontology().types["other"]
    names = list(event.locations) or [None]
    rows = []
    for n, name in enumerate(names, 1):
        place = places.get(name) if name else None
        code = place.country if place else None
        event_type, sub_event_type = _acled_type(event, spec.acled, code)
        rows.append({
            "event_id_cnty": event.id if len(names) == 1 else f"{event.id}-{n}",
            "event_date": event_date, "year": int(event_date[:4]) if event_date else None,
            "time_precision": precision, "disorder_type": DISORDER.get(event_type, "Political violence"),
            "event_type": event_type, "sub_event_type": sub_event_type,
            "actor1": event.actor, "assoc_actor_1": None,
            "country": (countries.get(code) or _country_names().get(code) or code) if code else None,
            "admin1": (place.canonical if place.kind == "region" else place.admin1) if place else None,
            "location": name,
            "latitude": place.lat if place else None, "longitude": place.lon if place else None,
            "geo_precision": (GEO_PRECISION.get(place.kind or "", 2) if place.lat is not None else None)
            if place else None,
            "source": sources, "source_scale": _source_scale(sources, code),
            "notes": event.evidence.text(body), "fatalities": _fatalities(event, body),
            "sitroom_event_id": event.id, "sitroom_type": event.type, "sitroom_subtype": event.subtype,
            "date_precision": basis, "claimed_by": event.claimed_by,
            "status": f"{event.status}; {group['status']}" if group else event.status,
            "corroboration": group["status"] if group else None,
            "claim_ids": claim_ids, "article_ids": article_ids, "plover": spec.plover,
            "geo_attribution": GEONAMES_CREDIT if place is not None and place.lat is not None else None,
        })
    return rows


def _asserting(article: Article, event: Event, places: dict[str, Any], ctx: Context) -> list[str]:
    """The event's claim and the claims that corroborate the proposition it asserts, nothing else."""
    claim = next((c for c in article.claims if c.id == event.claim_id), None)
    if claim is None:
        return []
    where = [*event.locations, *(places[n].admin1 for n in event.locations if n in places and places[n].admin1)]
    key = event_proposition(event.type, where, [p.to_dict() for p in claim.propositions])
    return asserting(claim.id, key, ctx.relations) if key else [claim.id]


def _event_date(event: Event, published: str | None) -> tuple[str | None, int | None, str | None]:
    """(YYYY-MM-DD, ACLED time_precision, sitroom precision or ``published``)."""
    value, precision = event.date, event.date_precision
    if value and _ISO_DAY.match(value):
        return value, TIME_PRECISION.get(precision or "day", 3), precision or "day"
    if value and (m := _ISO_WEEK.match(value)):
        return date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat(), 2, "week"
    if value and _ISO_MONTH.match(value):
        return f"{value}-01", 3, "month"
    if published and _ISO_DAY.match(published):
        return published, 2, "published"   # undated: on or shortly before the report
    return None, None, None


def _acled_type(event: Event, default: tuple[str, str], country: str | None) -> tuple[str, str]:
    if event.type == "attack" and event.subtype in ATTACK_SUBTYPES:
        return ATTACK_SUBTYPES[event.subtype]
    if event.type == "territory_change":
        actor_side = _registry().side_of(event.actor) if event.actor else None
        if actor_side and actor_side == GOVERNMENT_SIDE.get(country or ""):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    return default


def _source_scale(outlets: list[str], country: str | None) -> str | None:
    scales = set()
    for name in outlets:
        entry = _registry().outlet(name)
        if entry is None:
            continue
        if entry.kind in ("blogger", "platform"):
            scales.add("New media")
        elif entry.country and country:
            scales.add("National" if entry.country == country else "International")
    return "-".join(s for s in SCALE_ORDER if s in scales) or None


def _fatalities(event: Event, body: str) -> int:
    """Deaths a casualties event reports: people-like quantities under a death word; else 0."""
    if event.type != "casualties":
        return 0
    trigger = event.trigger.text(body).lower() if event.trigger else ""
    total = 0
    for q in event.quantities:
        unit = (q.unit or "").split()
        if not unit or unit[-1] not in PEOPLE or {"wounded", "injured"} & set(unit):
            continue
        if unit[-1] in ("killed", "dead") or trigger in DEATH_WORDS:
            total += _count(q)
    return total


def _count(q: Quantity) -> int:
    for word in q.text.lower().split():
        if word in VAGUE_NUMBERS:
            return VAGUE_NUMBERS[word]
    return int(q.value)


# --- claim rows ----------------------------------------------------------------------------------------


def claim_rows(article: Article, context: Context | None = None) -> list[dict[str, Any]]:
    """One row per claim of ``article``."""
    return [_claim_row(article, claim, context or Context()) for claim in article.claims]


def _claim_row(article: Article, claim: Claim, ctx: Context) -> dict[str, Any]:
    entry = _registry().get(claim.speaker)
    group = ctx.groups.get(claim.id)
    related = ctx.related.get(claim.id, {})
    published = article.published if article.published and _ISO_DAY.match(article.published) else None
    return {
        "claim_id": claim.id, "date": published, "speaker": claim.speaker,
        "speaker_side": entry.side if entry else _registry().side_of(claim.speaker),
        "via": list(claim.via), "outlet": article.outlet, "article_source": article.source,
        "article_id": article.id, "cue": claim.cue, "quote": claim.quote, "content": claim.content,
        "evidence": claim.evidence.text(article.body or ""), "negated": claim.negated, "hedged": claim.hedged,
        "status": group["status"] if group else None,
        "contradicts": related.get("contradicts", []), "corroborates": related.get("corroborates", []),
    }


# --- selecting rows from a store -----------------------------------------------------------------------


def _check(kind: str, fmt: str, filters: dict[str, Any]) -> dict[str, Any]:
    if kind not in KINDS:
        raise ExportError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if kind == "claims" and fmt == "geojson":
        raise ExportError("claims have no coordinates; export them as jsonl, csv or parquet")
    allowed = EVENT_FILTERS if kind == "events" else CLAIM_FILTERS
    given = {k: v for k, v in filters.items() if v is not None}
    if unknown := sorted(set(given) - allowed):
        raise ExportError(f"unknown {kind} filter(s) {', '.join(unknown)}; use {', '.join(sorted(allowed))}")
    return given


def _hits(find: Callable[..., list[tuple[str, str]]], filters: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if "limit" in filters:
        yield from find(**filters)
        return
    offset = filters.pop("offset", 0)
    while True:
        page = find(**filters, limit=PAGE, offset=offset)
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def _selected(store, kind: str, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    ctx = Context.from_store(store)
    if not filters:
        build = event_rows if kind == "events" else claim_rows
        for article in store.articles():
            yield from build(article, ctx)
        return
    cache: dict[str, Article | None] = {}
    find = store.find_event_ids if kind == "events" else store.find_claim_ids
    for item_id, article_id in _hits(find, dict(filters)):
        if article_id not in cache:
            cache[article_id] = store.get(article_id)
        article = cache[article_id]
        if article is None:
            continue
        if kind == "claims":
            yield from (_claim_row(article, c, ctx) for c in article.claims if c.id == item_id)
        else:
            for event in (e for e in article.events if e.id == item_id):
                yield from (row for row in _rows_of_event(article, event, ctx) if _row_matches(row, filters))


def _row_matches(row: dict[str, Any], filters: dict[str, Any]) -> bool:
    """Place filters pick the matching location rows of a multi-location event."""
    if filters.get("place") and row["location"] != filters["place"]:
        return False
    if (region := filters.get("region")) and region not in (row["admin1"], row["location"]):
        return False
    if bbox := filters.get("bbox"):
        west, south, east, north = bbox
        lat, lon = row["latitude"], row["longitude"]
        if lat is None or lon is None or not (west <= lon <= east and south <= lat <= north):
            return False
    return True


# --- writers ------------------------------------------------------------------------------------------


def export(store, kind: str, fmt: str, out: Path | str | IO[Any], **filters: Any) -> int:
    """Write ``kind`` (events / claims) as ``fmt`` to a path or stream; returns the rows written.

    ``filters`` are those of :meth:`Store.find_event_ids` / :meth:`Store.find_claim_ids` (``None`` values
    are ignored; names as people type them, :func:`sitroom.query.names.stored_names`); without any,
    every stored article is exported in publication order.
    """
    filters = stored_names(store, **_check(kind, fmt, filters))
    rows = _selected(store, kind, filters)
    fields = EVENT_FIELDS if kind == "events" else CLAIM_FIELDS
    if fmt == "parquet":
        return _write_parquet(rows, arrow_schema(fields), out)
    with _TextSink(out) as stream:
        if fmt == "csv":
            return _write_csv(rows, [name for name, _ in fields], stream)
        if fmt == "jsonl":
            return _write_jsonl(rows, stream)
        return _write_geojson(rows, stream)


class _TextSink:
    """A text stream for a path, a text stream or a binary stream; closes only what it opened."""

    def __init__(self, out: Path | str | IO[Any]):
        self.out, self.opened, self.wrapper = out, None, None

    def __enter__(self) -> IO[str]:
        if isinstance(self.out, (str, os.PathLike)):
            self.opened = open(self.out, "w", encoding="utf-8", newline="")
            return self.opened
        if isinstance(self.out, io.TextIOBase):
            return self.out
        self.wrapper = io.TextIOWrapper(self.out, encoding="utf-8", newline="", write_through=True)
        return self.wrapper

    def __exit__(self, *exc: object) -> None:
        if self.opened is not None:
            self.opened.close()
        elif self.wrapper is not None:
            self.wrapper.flush()
            self.wrapper.detach()


def csv_cell(value: Any, sep: str = "; ") -> str:
    """A CSV cell: lists joined, booleans as true/false, formula-like text prefixed with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        value = sep.join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


ID_LISTS = frozenset({"claim_ids", "article_ids", "contradicts", "corroborates"})


def _write_csv(rows: Iterable[dict[str, Any]], columns: list[str], stream: IO[str]) -> int:
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([csv_cell(row[c], ";" if c in ID_LISTS else "; ") for c in columns])
        n += 1
    return n


def _write_jsonl(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    n = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_geojson(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    stream.write('{"type": "FeatureCollection", "attribution": ' + json.dumps(GEONAMES_CREDIT) + ', "features": [')
    n = 0
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            continue
        feature = {"type": "Feature", "id": row["event_id_cnty"],
                   "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                   "properties": row}
        stream.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    stream.write("\n]}\n")
    return n


def _write_parquet(rows: Iterable[dict[str, Any]], schema, out: Path | str | IO[Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if isinstance(out, io.TextIOBase):
        raise ExportError("Parquet is binary: give a path or a binary stream (e.g. sys.stdout.buffer)")
    sink = str(out) if isinstance(out, (str, os.PathLike)) else out
    dates = [name for name in schema.names if pa.types.is_date32(schema.field(name).type)]
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({**row, **{d: date.fromisoformat(row[d]) if row[d] else None for d in dates}})
            if len(batch) == PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


__all__ = ["CLAIM_COLUMNS", "EVENT_COLUMNS", "FORMATS", "KINDS", "Context", "ExportError", "claim_rows",
           "csv_cell", "event_rows", "export"]
