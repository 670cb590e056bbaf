"""Situation reports: what happened in a place over a time window, with every line sourced.

:func:`build_report` reads the store through its indexes (``find_event_ids`` for the place and the
window, then only the articles those events come from) and the stored corpus analysis, and returns
plain data: the brief (:mod:`sitroom.report.brief`: what changed, one line each, with status and
links to its evidence), key developments grouped by story, contradictions, map markers, a timeline
and the outlets' framing. :func:`render_html` turns it into one self-contained HTML file (inline CSS,
inline JS, Leaflet inlined, no tiles unless ``tile_url`` is given); :func:`render_markdown` into
Markdown. Everything that came from an article is escaped on the way out.

A development's status never blurs claimed and confirmed:

- ``contested``: one of its claims is contradicted by another claim (or sits in a claim group that
  is), see the contradictions;
- ``confirmed across sides``: its claim group holds independent sources from two or more sides;
- ``claimed by one side``: only one side (or one source) asserts it;
- ``reported by the outlet``: the outlet states it in its own voice, with no attributed claim.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from sitroom.errors import ConfigError
from sitroom.model import Article, Entity
from sitroom.query import Scope
from sitroom.query.names import stored_names
from sitroom.report.brief import STATUS_LABELS, build_brief
from sitroom.report.titles import story_title

SCHEMA = "sitroom/report/v1"
MAX_EVENTS = 5000          # events read from the index, newest first
MAX_DEVELOPMENTS = 200     # developments shown
MAX_CONTRADICTIONS = 100
CONFIRMED, ONE_SIDE, CONTESTED, REPORTED = ("confirmed across sides", "claimed by one side", "contested",
                                            "reported by the outlet")
TYPE_COLOURS = {"territory_change": "#c62828", "withdrawal": "#6a1b9a", "deployment": "#5d4037",
                "attack": "#ef6c00", "casualties": "#212121", "evacuation": "#1565c0", "visit": "#2e7d32",
                "other": "#757575"}
BRIEF_STATUSES = tuple(dict.fromkeys(STATUS_LABELS.values()))
SAMPLE_DIR = Path(str(resources.files("sitroom").joinpath("data", "sample")))


# --- building ----------------------------------------------------------------------------------

def build_report(store, *, place: str | None = None, region: str | None = None,
                 bbox: tuple[float, float, float, float] | None = None, since: str | None = None,
                 until: str | None = None, title: str | None = None,
                 analysis: dict[str, Any] | None = None) -> dict[str, Any]:
    """The situation report for a place (settlement, oblast with everything in it, or box) and window.

    An article enters through its events in scope (the store's event index); its claims that carry no
    event join when their sentence names a place in scope, or no place. ``analysis`` may be passed
    when the caller already holds ``store.load_analysis()``.
    """
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ConfigError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None
    named = stored_names(store, place=place, region=region)  # "Kharkov" -> "Kharkiv Oblast", or why not
    place, region = named["place"], named["region"]
    notes = []
    query = {"place": place, "region": region, "bbox": bbox, "since": since, "until": until}
    pairs, docs = _read_scope(store, query)
    if len(pairs) > MAX_EVENTS:
        pairs = pairs[:MAX_EVENTS]
        notes.append(f"Only the newest {MAX_EVENTS} events were read; narrow the place or the window.")
    hits = [hit for event_id, article_id in pairs if (hit := _event(docs.get(article_id), event_id))]
    analysis = store.load_analysis() if analysis is None else analysis
    if not analysis.get("claim_groups") and not analysis.get("stories"):
        notes.append("No corpus analysis is stored: run `sitroom analyze` for stories, corroboration and "
                     "contradictions. Until then every claim shows as claimed by one side.")
    ctx = _Context(analysis, _scope_test(place, region, bbox))
    devs: dict[tuple, dict[str, Any]] = {}
    for hit in hits:
        article = docs[hit["article_id"]]
        claim = next((c for c in article.claims if c.id == hit["claim_id"]), None) if hit["claim_id"] else None
        _add_event(devs, ctx, article, hit, claim)
    for article in docs.values():
        if not (since is None or (article.published or "") >= since) or not (
                until is None or (article.published or "9999") <= until):
            continue
        carried = {c for e in article.events for c in (e.claim_id, *e.retold_in) if c}  # shown with their events
        for claim in article.claims:
            if claim.id not in carried and ctx.claim_in_scope(article, claim):
                _add_claim(devs, ctx, article, claim)
    developments = sorted(devs.values(), key=lambda d: (d["date"] or "", d["id"]), reverse=True)
    for dev in developments:
        dev["status"], dev["status_detail"] = ctx.status([c["claim_id"] for c in dev["citations"]
                                                          if c["claim_id"]])
    shown = developments[:MAX_DEVELOPMENTS]
    if len(developments) > MAX_DEVELOPMENTS:
        notes.append(f"Showing the newest {MAX_DEVELOPMENTS} of {len(developments)} developments.")
    stories = _stories(shown, docs, ctx)
    in_scope_claims = {c["claim_id"] for d in developments for c in d["citations"] if c["claim_id"]}
    contradictions = _contradictions(store, ctx, in_scope_claims, docs)
    if len(contradictions) > MAX_CONTRADICTIONS:
        notes.append(f"Showing {MAX_CONTRADICTIONS} of {len(contradictions)} contradictions.")
        contradictions = contradictions[:MAX_CONTRADICTIONS]
    label = place or region or (("box " + ", ".join(f"{x:g}" for x in bbox)) if bbox else "all places")
    window = f"{since or 'start'} to {until or 'now'}" if since or until else "all dates"
    sample = sorted(a.source for a in docs.values() if is_sample(a))
    events = [e for d in developments for e in d["events"]]
    cited = {c["claim_id"]: {"speaker": c["speaker"], "outlet": c["article"]["outlet"],
                             "published": c["article"]["published"], "evidence": c["evidence"],
                             "article_id": c["article"]["id"], "link": f"#dev-{d['id']}"}
             for d in reversed(shown) for c in d["citations"] if c["claim_id"]}  # the newest development cites it
    return {
        "schema": SCHEMA,
        "title": title or f"Situation report: {label}, {window}",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scope": {"label": label, "window": window, "place": place, "region": region,
                  "bbox": list(bbox) if bbox else None, "since": since, "until": until},
        "sample": bool(sample),
        "sample_sources": sample,
        "counts": {"articles": len(docs), "events": len(hits), "claims": len(in_scope_claims),
                   "developments": len(developments), "developments_shown": len(shown),
                   "stories": len(stories), "contradictions": len(contradictions),
                   "outlets": len({a.outlet for a in docs.values()})},
        "notes": notes,
        "brief": build_brief(analysis.get("claim_groups") or [], cited),
        "stories": stories,
        "contradictions": contradictions,
        "markers": _markers(developments, docs, ctx),
        "timeline": _timeline(events),
        "outlets": _outlet_rows(docs, analysis.get("outlets") or {}),
        "type_colours": TYPE_COLOURS,
    }


def _read_scope(store, query: dict[str, Any]) -> tuple[list[tuple[str, str]], dict[str, Article]]:
    """(event id, article id) of the events in scope, newest first, and their articles.

    One index query (``store.find_event_ids``) and one bulk read (``get_many`` where the store has it).
    """
    pairs = [tuple(p) for p in store.find_event_ids(**query, limit=MAX_EVENTS + 1)]
    ids = list(dict.fromkeys(a for _, a in pairs))
    if (get_many := getattr(store, "get_many", None)) is not None:
        docs = get_many(ids)
    else:
        docs = {i: a for i in ids if (a := store.get(i)) is not None}
    return pairs, docs


def _event(article: Article | None, event_id: str) -> dict[str, Any] | None:
    event = next((e for e in article.events if e.id == event_id), None) if article else None
    if event is None:
        return None
    return {"id": event.id, "article_id": article.id, "type": event.type, "subtype": event.subtype,
            "locations": list(event.locations), "date": event.date or article.published,
            "claim_id": event.claim_id, "evidence": event.evidence.text(article.body or "")}


class _Context:
    """The stored analysis, indexed for the lookups a report makes, and the place test."""

    def __init__(self, analysis: dict[str, Any], in_scope) -> None:
        self.in_scope = in_scope
        self.story_of: dict[str, str] = {}
        for story in analysis.get("stories") or []:
            for member in story.get("articles") or []:
                self.story_of[member] = story["id"]
        self.group_of = {c: g for g in analysis.get("claim_groups") or [] for c in g.get("claims") or []}
        self.contradicts: dict[str, list[dict[str, Any]]] = {}
        for rel in analysis.get("relations") or []:
            if rel.get("relation") == "contradicts":
                self.contradicts.setdefault(rel["a"], []).append(rel)
                self.contradicts.setdefault(rel["b"], []).append(rel)

    def story(self, article: Article) -> str:
        # story members are article ids (an analysis stored before lists sources)
        return self.story_of.get(article.id) or self.story_of.get(article.source) or f"a-{article.id}"

    def status(self, claim_ids: list[str]) -> tuple[str, str]:
        if not claim_ids:
            return REPORTED, "stated by the outlet in its own voice; no attributed source"
        if n := sum(len(self.contradicts.get(c, ())) for c in claim_ids):
            return CONTESTED, f"contradicted {n} time(s); see contradictions"
        groups = [self.group_of[c] for c in claim_ids if c in self.group_of]
        if any(g["status"] == "contested" for g in groups):
            return CONTESTED, "a claim on the same proposition is contradicted"
        for g in groups:
            if g["status"] == CONFIRMED:
                return CONFIRMED, f"sides: {', '.join(g['sides'])}; sources: {_few(g['sources'])}"
        sources = sorted({s for g in groups for s in g["sources"]})
        sides = sorted({s for g in groups for s in g["sides"]}) or ["unknown"]
        return ONE_SIDE, f"side: {', '.join(sides)}; sources: {_few(sources)}" if sources else "one source"

    def claim_in_scope(self, article: Article, claim) -> bool:
        """A claim belongs to the report when its sentence names a place in scope, or names none."""
        named = [e for e in _places(article) if e.kind != "country"
                 and any(claim.evidence.start <= m.span.start and m.span.end <= claim.evidence.end
                         for m in e.mentions)]
        return not named or any(self.in_scope(e) for e in named)


def _few(names: list[str], n: int = 5) -> str:
    return ", ".join(names[:n]) + (f" and {len(names) - n} more" if len(names) > n else "")


def _scope_test(place, region, bbox):
    scope = Scope(place, region, bbox)
    return lambda e: scope.holds(e.canonical, e.admin1, e.lat, e.lon)


def _places(article: Article) -> list[Entity]:
    return [e for e in article.entities if e.label == "location"]


def _type_label(kind: str, subtype: str | None) -> str:
    text = kind.replace("_", " ").capitalize()
    return f"{text} ({subtype})" if subtype else text


def _citation(article: Article, claim=None, event: dict | None = None) -> dict[str, Any]:
    body = article.body or ""
    url = next((u for u in (article.source, article.meta.get("url")) if isinstance(u, str)
                and urlsplit(u).scheme in ("http", "https")), None)
    via = list(claim.via) if claim else []
    return {
        "claim_id": claim.id if claim else None,
        "speaker": claim.speaker if claim else None,
        "via": via,
        "outlets": [o for o in dict.fromkeys([article.outlet, *via]) if o],
        "content": claim.content if claim else None,
        "evidence": claim.evidence.text(body) if claim else (event or {}).get("evidence"),
        "quote": claim.quote if claim else None,
        "hedged": bool(claim and claim.hedged), "negated": bool(claim and claim.negated),
        "article": {"id": article.id, "title": article.title, "outlet": article.outlet,
                    "published": article.published, "source": article.source, "url": url},
    }


def _merge(devs: dict, key: tuple, new: dict[str, Any], citation: dict[str, Any]) -> None:
    dev = devs.setdefault(key, new)
    if all(c["article"]["id"] != citation["article"]["id"] or c["claim_id"] != citation["claim_id"]
           for c in dev["citations"]):
        dev["citations"].append(citation)
    dev["outlets"] = list(dict.fromkeys(o for c in dev["citations"] for o in c["outlets"]))


def _add_event(devs: dict, ctx: _Context, article: Article, hit: dict, claim) -> None:
    regions = {e.canonical for e in _places(article) if e.kind in ("region", "country")}
    places = sorted(hit["locations"], key=lambda p: p in regions)  # settlements first, then oblasts
    when = hit["date"]
    what = _type_label(hit["type"], hit["subtype"])
    where = f" in {', '.join(places)}" if places else ""
    sentence = f"{what}{where}" + (f" on {when}" if when else ", date not stated")
    if claim:
        verb = "denies" if claim.negated else "says, hedging" if claim.hedged else "says"
        sentence = f"{claim.speaker} {verb}: {sentence[0].lower()}{sentence[1:]}"
    story = ctx.story(article)
    key = (story, hit["type"], hit["subtype"], tuple(sorted(places)), when,
           (claim.speaker, claim.negated) if claim else None)
    new = {"id": hit["id"], "story": story, "kind": "event", "type": hit["type"], "subtype": hit["subtype"],
           "places": places, "date": when, "sentence": sentence, "citations": [], "events": []}
    _merge(devs, key, new, _citation(article, claim, hit))
    dev = devs[key]
    if hit["id"] not in {e["id"] for e in dev["events"]}:
        dev["events"].append({"id": hit["id"], "type": hit["type"], "date": when, "places": places,
                              "article_id": article.id})


def _add_claim(devs: dict, ctx: _Context, article: Article, claim) -> None:
    story = ctx.story(article)
    content = " ".join((claim.content or claim.evidence.text(article.body or "")).split())
    key = (story, "claim", claim.speaker, content.casefold())
    new = {"id": claim.id, "story": story, "kind": "claim", "type": None, "subtype": None, "places": [],
           "date": article.published, "sentence": f"{claim.speaker}: {content}", "citations": [], "events": []}
    _merge(devs, key, new, _citation(article, claim))


def _stories(developments: list[dict], docs: dict[str, Article], ctx: _Context) -> list[dict[str, Any]]:
    stories: dict[str, dict[str, Any]] = {}
    for dev in developments:  # newest first, so a story's first development is its latest
        story = stories.setdefault(dev["story"], {"id": dev["story"], "latest": dev["date"],
                                                  "developments": [], "articles": set()})
        story["developments"].append(dev)
        story["articles"].update(c["article"]["id"] for c in dev["citations"])
    out = []
    for story in stories.values():
        members = sorted((docs[a] for a in story.pop("articles") if a in docs),
                         key=lambda a: (a.published or "9999", a.id))
        named = Counter(e.canonical for a in members for e in _places(a))
        story["title"] = story_title([a.title for a in members], named, len(members))
        story["articles"] = len(members)
        out.append(story)
    return out


def _contradictions(store, ctx: _Context, claim_ids: set[str], docs: dict[str, Article]) -> list[dict]:
    seen, out = set(), []
    cache = dict(docs)

    def side(claim_id: str) -> dict[str, Any]:
        aid = claim_id.split(":", 1)[0]
        if aid not in cache:
            cache[aid] = store.get(aid)
        article = cache[aid]
        claim = next((c for c in article.claims if c.id == claim_id), None) if article else None
        if claim is None:
            return {"claim_id": claim_id, "speaker": None, "evidence": None, "content": None, "outlets": [],
                    "via": [], "quote": None, "hedged": False, "negated": False,
                    "article": {"id": aid, "title": None, "outlet": None, "published": None, "source": None,
                                "url": None}}
        return _citation(article, claim)

    for claim_id in sorted(claim_ids):
        for rel in ctx.contradicts.get(claim_id, ()):
            if (rel["a"], rel["b"]) in seen:
                continue
            seen.add((rel["a"], rel["b"]))
            out.append({"why": rel["why"], "a": side(rel["a"]), "b": side(rel["b"])})
    out.sort(key=lambda r: max(r["a"]["article"]["published"] or "", r["b"]["article"]["published"] or ""),
             reverse=True)
    return out


def _markers(developments: list[dict], docs: dict[str, Article], ctx: _Context) -> list[dict[str, Any]]:
    """One marker per place and event type, its popup listing the developments there (newest first)."""
    markers: dict[tuple[str, str], dict[str, Any]] = {}
    for dev in developments:
        if dev["kind"] != "event":
            continue
        for ev in dev["events"]:
            article = docs.get(ev["article_id"])
            located = {e.canonical: e for e in _places(article)} if article else {}
            for name in ev["places"]:
                e = located.get(name)
                if e is None or e.lat is None or e.lon is None or e.kind == "country" or not ctx.in_scope(e):
                    continue
                marker = markers.setdefault((name, dev["type"]), {
                    "place": name, "lat": e.lat, "lon": e.lon, "type": dev["type"],
                    "colour": TYPE_COLOURS.get(dev["type"], TYPE_COLOURS["other"]), "items": []})
                item = {"id": dev["id"], "date": dev["date"], "text": dev["sentence"], "status": dev["status"],
                        "outlets": dev["outlets"]}
                if all(i["id"] != dev["id"] for i in marker["items"]):
                    marker["items"].append(item)
    for m in markers.values():
        statuses = {i["status"] for i in m["items"]}
        m["status"] = next((s for s in (CONTESTED, CONFIRMED, ONE_SIDE, REPORTED) if s in statuses), REPORTED)
        m["count"] = len(m["items"])
        m["items"] = m["items"][:20]
    return sorted(markers.values(), key=lambda m: (m["place"], m["type"]))


def _timeline(events: list[dict]) -> list[dict[str, Any]]:
    """Events per day and type, oldest first."""
    days: dict[str, Counter] = {}
    for ev in events:
        if ev["date"]:
            days.setdefault(ev["date"][:10], Counter())[ev["type"]] += 1
    return [{"date": d, "total": sum(c.values()), "types": dict(sorted(c.items()))} for d, c in sorted(days.items())]


def _outlet_rows(docs: dict[str, Article], profiles: dict[str, Any]) -> list[dict[str, Any]]:
    counts = Counter(a.outlet or "unknown" for a in docs.values())
    rows = []
    for outlet, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        p = profiles.get(outlet) or {}
        shares = (p.get("quoted_sides") or {}).get("shares") or {}
        rows.append({"outlet": outlet, "articles_in_report": n, "articles_profiled": p.get("articles"),
                     "overall_lean": p.get("overall_lean"), "quoted_sides": shares,
                     "hedging": p.get("hedging"), "unattributed_share": p.get("unattributed_share")})
    return rows


def is_sample(article: Article) -> bool:
    """Whether an article comes from the bundled sample corpus (invented articles)."""
    if article.meta.get("sample"):
        return True
    for value in (article.source, article.meta.get("url")):
        if not isinstance(value, str):
            continue
        if urlsplit(value).scheme in ("http", "https"):
            if (urlsplit(value).hostname or "").endswith("sample.invalid"):
                return True
            continue
        path = value.split("#", 1)[0].replace("\\", "/")
        if "sitroom/data/sample/" in path or _under_sample_dir(path):
            return True
    return False


@lru_cache(maxsize=4096)
def _under_sample_dir(path: str) -> bool:
    try:
        return Path(path).resolve().is_relative_to(_sample_dir())
    except (OSError, ValueError):
        return False


@lru_cache(maxsize=1)
def _sample_dir() -> Path:
    return SAMPLE_DIR.resolve()


# --- rendering ---------------------------------------------------------------------------------

def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&`` or line separators)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                     ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


@lru_cache(maxsize=1)
def _leaflet() -> tuple[str, str] | None:
    folder = resources.files("sitroom").joinpath("web", "static", "leaflet")
    try:
        js = folder.joinpath("leaflet.js").read_text(encoding="utf-8")
        css = folder.joinpath("leaflet.css").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return js.replace("</", "<\\/"), css.replace("</", "<\\/")


@lru_cache(maxsize=2)
def _env(kind: str):
    from jinja2 import Environment, PackageLoader, StrictUndefined

    if kind == "html":
        env = Environment(loader=PackageLoader("sitroom.report", "templates"), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    else:
        env = Environment(loader=PackageLoader("sitroom.report", "templates"), autoescape=False,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=_md_finalize)
        env.filters["mdcite"] = _md_cite
    env.filters["pct"] = lambda x: "–" if x is None else f"{100 * x:.0f}%"
    env.filters["num"] = lambda x: "–" if x is None else f"{x:+.2f}"
    return env


@lru_cache(maxsize=1)
def _boundaries() -> tuple[dict[str, Any], ...]:
    """The shipped country and oblast outlines (sitroom/web/static/boundaries), each with its box."""
    folder = resources.files("sitroom").joinpath("web", "static", "boundaries")
    out = []
    for name in ("countries", "regions"):
        try:
            features = json.loads(folder.joinpath(f"{name}.geojson").read_text(encoding="utf-8"))["features"]
        except (FileNotFoundError, OSError, ValueError, KeyError):
            continue
        for feature in features:
            points = [pt for poly in _polygons(feature["geometry"]) for ring in poly for pt in ring]
            if points:
                lons, lats = [p[0] for p in points], [p[1] for p in points]
                out.append({"feature": feature, "box": (min(lons), min(lats), max(lons), max(lats))})
    return tuple(out)


def _polygons(geometry: dict[str, Any]) -> list:
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def boundaries_near(markers: list[dict[str, Any]], margin: float = 2.0) -> dict[str, Any]:
    """The outlines that reach within ``margin`` degrees of the report's markers (the whole theatre
    when it has none), as one FeatureCollection to inline: the report stays one file and small."""
    if markers:
        lats, lons = [m["lat"] for m in markers], [m["lon"] for m in markers]
        west, south, east, north = min(lons) - margin, min(lats) - margin, max(lons) + margin, max(lats) + margin
    else:
        west, south, east, north = 22.0, 44.0, 41.0, 53.0
    return {"type": "FeatureCollection", "features": [
        b["feature"] for b in _boundaries()
        if b["box"][0] <= east and west <= b["box"][2] and b["box"][1] <= north and south <= b["box"][3]]}


def render_html(report: dict[str, Any], *, tile_url: str = "", tile_attribution: str = "") -> str:
    """One self-contained HTML page; with no ``tile_url`` the map draws markers over the shipped
    country and oblast outlines near them."""
    leaflet = _leaflet()
    config = {"tile_url": tile_url, "attribution": tile_attribution, "markers": report["markers"],
              "colours": report["type_colours"], "boundaries": boundaries_near(report["markers"])}
    return _env("html").get_template("situation.html.j2").render(
        r=report, statuses=(CONFIRMED, ONE_SIDE, CONTESTED, REPORTED), brief_statuses=BRIEF_STATUSES,
        data=script_json(config),
        leaflet_js=leaflet[0] if leaflet else None, leaflet_css=leaflet[1] if leaflet else None,
        timeline=_svg_timeline(report))


def render_markdown(report: dict[str, Any]) -> str:
    return _env("md").get_template("situation.md.j2").render(r=report).strip() + "\n"


class _MdSafe(str):
    """Markdown already escaped (links built here)."""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|~])")


def md_escape(value: Any) -> str:
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_finalize(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, _MdSafe) else md_escape(value)


def _md_link(text: Any, url: str | None) -> _MdSafe:
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return _MdSafe(md_escape(text))
    return _MdSafe(f"[{md_escape(text)}]({quote(url, safe=':/?#@!$&*+,;=%~-._')})")


def _md_cite(c: dict[str, Any]) -> _MdSafe:
    """One citation as a Markdown line: speaker, flags, outlets, date, article link, evidence."""
    e = md_escape
    parts = [f"**{e(c['speaker'])}**" if c["speaker"] else "*outlet's own voice*"]
    parts += [flag for flag, on in (("(hedged)", c["hedged"]), ("(denial)", c["negated"])) if on]
    line = " ".join(parts)
    if c["outlets"]:
        line += f"; carried by {e(', '.join(c['outlets']))}"
    if c["via"]:
        line += f"; via {e(' ← '.join(c['via']))}"
    a = c["article"]
    line += f"; {e(a['published'] or 'undated')}, {_md_link(a['title'] or a['url'] or 'untitled', a['url'])}"
    if not a["url"] and a["source"]:
        line += f" ({e(a['source'])})"
    if c["evidence"]:
        line += f": “{e(c['evidence'])}”"
    return _MdSafe(line)


def _svg_timeline(report: dict[str, Any], width: int = 900, height: int = 110) -> dict[str, Any] | None:
    """Bars per day, stacked by event type, as geometry for the template (drawn in inline SVG)."""
    days = report["timeline"]
    if not days:
        return None
    first = date.fromisoformat(report["scope"]["since"] or days[0]["date"])
    last = date.fromisoformat(report["scope"]["until"] or days[-1]["date"])
    span = max((last - first).days + 1, 1)
    step = (width - 40) / span
    peak = max(d["total"] for d in days)
    bars = []
    for d in days:
        x = 20 + (date.fromisoformat(d["date"]) - first).days * step
        y = height - 20
        for kind, n in d["types"].items():
            h = (height - 30) * n / peak
            y -= h
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(max(step - 1, 1), 1), "h": round(h, 1),
                         "colour": TYPE_COLOURS.get(kind, TYPE_COLOURS["other"]),
                         "title": f"{d['date']}: {n} {kind.replace('_', ' ')}"})
    return {"width": width, "height": height, "bars": bars, "first": first.isoformat(), "last": last.isoformat(),
            "peak": peak}


__all__ = ["build_report", "is_sample", "md_escape", "render_html", "render_markdown", "script_json"]
