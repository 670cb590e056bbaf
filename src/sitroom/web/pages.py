"""The page routes: each reads through the API's :class:`~sitroom.api.queries.Reader` and renders."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from sitroom.api.queries import Reader, parse_bbox
from sitroom.web.render import boundary_urls, render

router = APIRouter(include_in_schema=False)
PAGE = 50
DATE = r"^(\d{4}-\d{2}-\d{2})?$"
Text = Annotated[str | None, Query(max_length=500)]
Date = Annotated[str | None, Query(pattern=DATE)]
Offset = Annotated[int, Query(ge=0)]

FILTERS = ("q", "outlet", "since", "until", "place", "region", "bbox", "speaker", "side", "status")


def _reader(request: Request) -> Reader:
    return request.app.state.reader


def _clean(**params: str | None) -> dict[str, str]:
    return {k: v.strip() for k, v in params.items() if v and v.strip()}


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: Text = None, outlet: Text = None, since: Date = None, until: Date = None,
                place: Text = None, region: Text = None, bbox: Text = None, speaker: Text = None,
                side: Text = None, status: Text = None, offset: Offset = 0) -> HTMLResponse:
    """The brief (what changed in the place and window asked, or everywhere), then full-text search with
    filters: matching articles, and claims when a speaker, side or status is given."""
    r = _reader(request)
    params = _clean(q=q, outlet=outlet, since=since, until=until, place=place, region=region, bbox=bbox,
                    speaker=speaker, side=side, status=status)
    box = parse_bbox(params.get("bbox"))
    articles = claims = None
    snippets: dict[str, str] = {}
    where = {k: params.get(k) for k in ("outlet", "since", "until", "place", "region")}
    if params.keys() & {"q", "outlet", "since", "until", "place", "region", "bbox"}:
        articles = r.articles(limit=PAGE, offset=offset, q=params.get("q"), bbox=box, **where)
        if "q" in params:
            snippets = {h["id"]: h["snippet"] for h in r.search(params["q"], limit=200, offset=0).items}
    if params.keys() & {"speaker", "side", "status"}:
        claims = r.claims(limit=PAGE, offset=offset, speaker=params.get("speaker"), side=params.get("side"),
                          status=params.get("status"), q=params.get("q"), bbox=box, **where)
    brief = None
    if not params.keys() & {"q", "outlet", "speaker", "side", "status"}:  # the home, for a place and window
        brief = r.brief(place=params.get("place"), region=params.get("region"), bbox=box,
                        since=params.get("since"), until=params.get("until"))
    overview = None
    if not params:
        overview = {"stories": r.stories(limit=15, offset=0).items, "outlets": r.outlets(limit=50, offset=0).items,
                    "places": r.entities(type="location", limit=24, offset=0).items,
                    "speakers": r.entities(type="person", limit=12, offset=0).items}
    return render(request, "search.html", params=params, articles=articles, claims=claims, snippets=snippets,
                  overview=overview, brief=brief, outlets=[o["name"] for o in r.outlets(limit=200, offset=0).items],
                  count=r.store.count())


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs_page(request: Request) -> HTMLResponse:
    """Interactive documentation of the API (Swagger UI from local files, no CDN)."""
    return render(request, "api_docs.html")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    doc = _reader(request).article(article_id)
    return render(request, "article.html", doc=doc, paragraphs=_paragraphs(doc))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, offset: Offset = 0) -> HTMLResponse:
    return render(request, "stories.html", page=_reader(request).stories(limit=PAGE, offset=offset))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    return render(request, "story.html", story=_reader(request).story(story_id))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    return render(request, "claim.html", claim=_reader(request).claim(claim_id))


@router.get("/groups/{group_id}", response_class=HTMLResponse)
def group_page(request: Request, group_id: str) -> HTMLResponse:
    """A claim group's provenance: each originating source through intermediaries to each outlet."""
    return render(request, "group.html", group=_reader(request).group(group_id))


@router.get("/places/{name:path}", response_class=HTMLResponse)
def place_page(request: Request, name: str) -> HTMLResponse:
    place = _reader(request).place(name)
    tile_url = str(request.app.state.settings.get("report", "tile_url") or "")
    markers = _markers(place["events"])
    if place.get("kind") not in ("region", "country"):  # a settlement's map: settlements, not oblast centroids
        markers = [m for m in markers if m.get("kind") not in ("region", "country")] or markers
    return render(request, "place.html", place=place, markers=json.dumps(markers),
                  control=json.dumps(_control_layer(place["control"])), boundaries=json.dumps(boundary_urls()),
                  tile_url=tile_url)


@router.get("/map", response_class=HTMLResponse)
def control_map_page(request: Request, region: Text = None, since: Date = None, until: Date = None) -> HTMLResponse:
    """Who claims to hold each settlement: the latest claim of control, by side and status."""
    params = _clean(region=region, since=since, until=until)
    places = _reader(request).control(region=params.get("region"), since=params.get("since"),
                                      until=params.get("until"))
    tile_url = str(request.app.state.settings.get("report", "tile_url") or "")
    return render(request, "map.html", params=params, places=places, control=json.dumps(_control_layer(places)),
                  boundaries=json.dumps(boundary_urls()), tile_url=tile_url)


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    return render(request, "outlets.html", outlets=_reader(request).outlets(limit=200, offset=0).items)


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet_page(request: Request, name: str) -> HTMLResponse:
    return render(request, "outlet.html", outlet=_reader(request).outlet(name))


# --- shaping for templates (presentation only) -----------------------------------------------------

def _markers(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One marker per mapped place, listing its events; places without coordinates are left off."""
    by_place: dict[str, dict[str, Any]] = {}
    for e in events:
        for p in e.get("places") or []:
            if p.get("lat") is None or p.get("lon") is None:
                continue
            marker = by_place.setdefault(p["name"], {"name": p["name"], "lat": p["lat"], "lon": p["lon"],
                                                     "kind": p.get("kind"), "events": []})
            marker["events"].append({
                "id": e["id"], "type": e["type"], "subtype": e.get("subtype"), "date": e.get("date"),
                "status": e.get("status"), "claimed_by": e.get("claimed_by"), "claim_id": e.get("claim_id"),
                "article": (e.get("article") or {}).get("id"), "outlet": (e.get("article") or {}).get("outlet")})
    return sorted(by_place.values(), key=lambda m: m["name"])


def _control_layer(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the map needs of each place's control entries (no claim texts: the popups link to them)."""
    def entry(e: dict[str, Any]) -> dict[str, Any]:
        return {k: e[k] for k in ("group", "text", "holder", "status", "first", "latest", "sources")}

    return [{"place": p["place"], "lat": p["lat"], "lon": p["lon"], "entries": [entry(e) for e in p["entries"]],
             "latest": entry(p["latest"])} for p in places if p.get("lat") is not None and p.get("lon") is not None]


def _paragraphs(doc: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The body as paragraphs of segments, claim evidence marked (``claim`` set) for highlighting."""
    body = doc.get("body") or ""
    spans = sorted(((c["evidence_span"]["start"], c["evidence_span"]["end"], c["id"]) for c in doc.get("claims") or []
                    if c.get("evidence_span")), key=lambda s: (s[0], -s[1]))
    marks: list[tuple[int, int, str]] = []
    for start, end, cid in spans:  # overlapping evidence: the first one wins
        if not marks or start >= marks[-1][1]:
            marks.append((start, end, cid))
    segments: list[tuple[int, int, str | None]] = []
    at = 0
    for start, end, cid in marks:
        if start > at:
            segments.append((at, start, None))
        segments.append((start, end, cid))
        at = end
    if at < len(body):
        segments.append((at, len(body), None))
    paragraphs: list[list[dict[str, Any]]] = [[]]
    for start, end, cid in segments:
        parts = body[start:end].split("\n\n")
        for k, part in enumerate(parts):
            if k:
                paragraphs.append([])
            if part:
                paragraphs[-1].append({"text": part, "claim": cid})
    return [p for p in paragraphs if p]
