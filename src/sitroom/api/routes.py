"""The REST endpoints under ``/api``: thin wrappers over :class:`~sitroom.api.queries.Reader` and
:func:`sitroom.process.ingest_paths`."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path as PathParam, Query, Request
from starlette.concurrency import run_in_threadpool

import sitroom.api.models as m
from sitroom.api.queries import Reader, parse_bbox
from sitroom.api.security import check_write_token
from sitroom.config import Settings
from sitroom.model import Article as ArticleRecord

router = APIRouter(prefix="/api")

ERRORS = {404: {"model": m.ErrorBody, "description": "Not found"},
          400: {"model": m.ErrorBody, "description": "A parameter cannot be used as given"},
          422: {"model": m.ErrorBody, "description": "Invalid parameters"}}
DATE = r"^\d{4}-\d{2}-\d{2}$"

Limit = Annotated[int, Query(ge=1, le=200, description="Most items to return (1..200).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip; use `next_offset` of the previous page.")]
Q = Annotated[str | None, Query(max_length=500, description="Full-text query over titles and bodies.",
                                examples=["glide bomb"])]
Place = Annotated[str | None, Query(description="Canonical place name (exactly as in `locations`).",
                                    examples=["Kupiansk"])]
Region = Annotated[str | None, Query(description="An oblast (or any place): it and everything in it.",
                                     examples=["Kharkiv Oblast"])]
BBoxQ = Annotated[str | None, Query(description="Bounding box `west,south,east,north` in degrees.",
                                    examples=["35.5,49.5,38.5,50.5"])]
Since = Annotated[str | None, Query(pattern=DATE, description="On or after this ISO date.", examples=["2024-05-01"])]
Until = Annotated[str | None, Query(pattern=DATE, description="On or before this ISO date.",
                                    examples=["2024-05-31"])]
Outlet = Annotated[str | None, Query(description="Publishing outlet (`unknown` for none).", examples=["TASS"])]
Speaker = Annotated[str | None, Query(description="Canonical speaker (claims) or claimant (events).",
                                      examples=["Ministry of Defence of Russia"])]
Side = Annotated[str | None, Query(description="Speaker's side: ukraine, russia, west, neutral, other.",
                                   examples=["russia"])]
StoryQ = Annotated[str | None, Query(description="Only items from this story.")]


def reader(request: Request) -> Reader:
    return request.app.state.reader


def settings(request: Request) -> Settings:
    return request.app.state.settings


ReaderDep = Annotated[Reader, Depends(reader)]


# --- articles -------------------------------------------------------------------------------------

@router.get("/articles", tags=["articles"], response_model=m.Page[m.ArticleSummary], responses=ERRORS,
            summary="List stored articles")
def list_articles(r: ReaderDep, limit: Limit = 50, offset: Offset = 0, q: Q = None, outlet: Outlet = None,
                  since: Since = None, until: Until = None, place: Place = None, region: Region = None,
                  bbox: BBoxQ = None, story: StoryQ = None) -> Any:
    """Article summaries, oldest first, filtered by outlet, publication date, the places they name
    (`place`, `region`, `bbox`), story or full text (`q`)."""
    return r.articles(limit=limit, offset=offset, q=q, outlet=outlet, since=since, until=until, place=place,
                      region=region, bbox=parse_bbox(bbox), story=story).to_dict()


@router.get("/articles/{article_id}", tags=["articles"], response_model=m.Article, responses=ERRORS,
            summary="One article, as extracted")
def get_article(r: ReaderDep, article_id: Annotated[str, PathParam(examples=["3f2a9c1d5e7b8a60"],
                                                                 description="16 hex digits.")]) -> Any:
    """The stored `sitroom/article/v1` record: cleaned body, entities, claims and events with their
    spans, and the story it belongs to."""
    return r.article(article_id)


# --- claims and events ----------------------------------------------------------------------------

@router.get("/claims", tags=["claims"], response_model=m.Page[m.Claim], responses=ERRORS,
            summary="Search attributed claims")
def list_claims(r: ReaderDep, limit: Limit = 50, offset: Offset = 0, speaker: Speaker = None, side: Side = None,
                outlet: Outlet = None, since: Since = None, until: Until = None, q: Q = None, place: Place = None,
                region: Region = None, bbox: BBoxQ = None, story: StoryQ = None,
                status: Annotated[str | None, Query(description="Corroboration status of the claim's group.",
                                                    examples=["contested"])] = None) -> Any:
    """Claims, newest first, each with its article and its claim group's corroboration status.
    `place`, `region`, `bbox` and `q` select the articles the claims come from."""
    return r.claims(limit=limit, offset=offset, speaker=speaker, side=side, outlet=outlet, since=since,
                    until=until, q=q, place=place, region=region, bbox=parse_bbox(bbox), story=story,
                    status=status).to_dict()


@router.get("/claims/{claim_id}", tags=["claims"], response_model=m.ClaimDetail, responses=ERRORS,
            summary="A claim and its provenance chain")
def get_claim(r: ReaderDep, claim_id: Annotated[str, PathParam(examples=["3f2a9c1d5e7b8a60:c1"],
                                                           description="<article id>:c<N>.")]) -> Any:
    """The claim with its chain (speaker -> intermediaries -> publishing outlet -> article), the events
    it carries, its claim group, and the stored corroborating and contradicting claims with `why`
    and whether they are independent."""
    return r.claim(claim_id)


@router.get("/events", tags=["events"], response_model=m.Page[m.Event], responses=ERRORS,
            summary="Search events")
def list_events(r: ReaderDep, limit: Limit = 50, offset: Offset = 0, place: Place = None, region: Region = None,
                bbox: BBoxQ = None, since: Since = None, until: Until = None,
                type: Annotated[str | None, Query(description="Event type.", examples=["attack"])] = None,
                status: Annotated[str | None, Query(description="claimed or reported.", examples=["claimed"])] = None,
                speaker: Speaker = None, outlet: Outlet = None, q: Q = None, story: StoryQ = None) -> Any:
    """Events, newest first, with the coordinates of their places; dates are event dates
    (publication date when the text gives none)."""
    return r.events(limit=limit, offset=offset, place=place, region=region, bbox=parse_bbox(bbox), since=since,
                    until=until, type=type, status=status, speaker=speaker, outlet=outlet, q=q,
                    story=story).to_dict()


@router.get("/groups/{group_id}", tags=["claims"], response_model=m.GroupDetail, responses=ERRORS,
            summary="A claim group's provenance")
def get_group(r: ReaderDep, group_id: Annotated[str, PathParam(examples=["g1"], description="Claim group id.")]) -> Any:
    """The claims stating one proposition, by originating source: from the speaker through
    intermediaries to each outlet that printed it, syndicated copies folded, the independent count
    explained, and the stored contradictions."""
    return r.group(group_id)


@router.get("/control", tags=["events"], response_model=list[m.ControlPlace], responses=ERRORS,
            summary="Who claims to hold each settlement")
def get_control(r: ReaderDep, place: Place = None, region: Region = None, bbox: BBoxQ = None, since: Since = None,
                until: Until = None) -> Any:
    """Each settlement with claims of control in scope: the side that holds it by each claim group's
    account, the group's status and dates, oldest first, and the latest; the control map's layer."""
    return r.control(place=place, region=region, bbox=parse_bbox(bbox), since=since, until=until)


@router.get("/brief", tags=["claims"], response_model=m.Brief, responses=ERRORS,
            summary="What changed: one line a claim group, with status and evidence")
def get_brief(r: ReaderDep, place: Place = None, region: Region = None, bbox: BBoxQ = None, since: Since = None,
              until: Until = None) -> Any:
    """The brief for a place and window: claimed changes of control, front moves, strikes,
    evacuations and deployments, the newest first, each with its claim group's status, the number
    of originating sources and the claims that carry it."""
    return r.brief(place=place, region=region, bbox=parse_bbox(bbox), since=since, until=until)


@router.get("/places/{name}", tags=["events"], response_model=m.PlaceDetail, responses=ERRORS,
            summary="A place with its events and timeline")
def get_place(r: ReaderDep, name: Annotated[str, PathParam(examples=["Kharkiv Oblast"],
                                                         description="Canonical place name.")]) -> Any:
    """A place (for an oblast, everything in it) with its events, their coordinates, a timeline by
    date and the latest articles naming it."""
    return r.place(name)


@router.get("/entities", tags=["entities"], response_model=m.Page[m.Entity], responses=ERRORS,
            summary="Canonical entities with counts")
def list_entities(r: ReaderDep, limit: Limit = 50, offset: Offset = 0,
                  type: Annotated[str | None, Query(description="location, person or organization.",
                                                    examples=["person"])] = None,
                  q: Annotated[str | None, Query(description="Part of the canonical name.")] = None,
                  outlet: Outlet = None, since: Since = None, until: Until = None, region: Region = None,
                  side: Side = None) -> Any:
    """People, organisations and places by canonical name, most widely named first, with the
    number of articles and mentions and the outlets naming them."""
    return r.entities(limit=limit, offset=offset, type=type, q=q, outlet=outlet, since=since, until=until,
                      region=region, side=side).to_dict()


# --- stories, outlets, search ---------------------------------------------------------------------

@router.get("/stories", tags=["stories"], response_model=m.Page[m.Story], responses=ERRORS,
            summary="Stories across outlets")
def list_stories(r: ReaderDep, limit: Limit = 50, offset: Offset = 0, q: Q = None, outlet: Outlet = None,
                 since: Since = None, until: Until = None, place: Place = None, region: Region = None,
                 bbox: BBoxQ = None) -> Any:
    """Stories (articles about one development, as the last `sitroom analyze` grouped them),
    latest first; a story matches when any of its articles does."""
    return r.stories(limit=limit, offset=offset, q=q, outlet=outlet, since=since, until=until, place=place,
                     region=region, bbox=parse_bbox(bbox)).to_dict()


@router.get("/stories/{story_id}", tags=["stories"], response_model=m.StoryDetail, responses=ERRORS,
            summary="A story, outlet by outlet")
def get_story(r: ReaderDep, story_id: Annotated[str, PathParam(examples=["s-3f2a9c1d5e7b8a60"], description=
              "s-<id of the story's first article>.")]) -> Any:
    """The story's articles in one column per outlet, with their claims and events, and the stored
    relations between those claims."""
    return r.story(story_id)


@router.get("/outlets", tags=["outlets"], response_model=m.Page[m.Outlet], responses=ERRORS,
            summary="Outlets with their framing summary")
def list_outlets(r: ReaderDep, limit: Limit = 50, offset: Offset = 0) -> Any:
    """Every publishing outlet in the store with counts and its framing summary (lean, hedging,
    share of events asserted in its own voice)."""
    return r.outlets(limit=limit, offset=offset).to_dict()


@router.get("/outlets/{name}", tags=["outlets"], response_model=m.OutletDetail, responses=ERRORS,
            summary="An outlet's framing profile")
def get_outlet(r: ReaderDep, name: Annotated[str, PathParam(examples=["TASS"], description="Outlet name.")]) -> Any:
    """The stored framing profile (lexical choices, quoted sides, hedging, unattributed share), the
    speakers it quotes most and its latest articles."""
    return r.outlet(name)


@router.get("/relations", tags=["claims"], response_model=m.Page[m.Relation], responses=ERRORS,
            summary="Corroborations and contradictions between claims")
def list_relations(r: ReaderDep, limit: Limit = 50, offset: Offset = 0,
                   claim: Annotated[str | None, Query(description="Only relations of this claim id.",
                                                      examples=["3f2a9c1d5e7b8a60:c1"])] = None,
                   relation: Annotated[str | None, Query(description="corroborates or contradicts.",
                                                         examples=["contradicts"])] = None,
                   independent: Annotated[bool | None, Query(description="Only (in)dependent pairs.")] = None,
                   type: Annotated[str | None, Query(description="Kind of relation, e.g. `control disputed`.",
                                                     examples=["denial"])] = None) -> Any:
    """The relations `sitroom analyze` stored: which two claims, corroborating or contradicting,
    whether they rest on independent sources, the one-line why and both evidence sentences."""
    return r.relations(limit=limit, offset=offset, claim=claim, relation=relation, independent=independent,
                       type=type).to_dict()


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
                "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}


@router.get("/export/{kind}.{fmt}", tags=["events"], responses={**ERRORS, 200: {
    "description": "The file", "content": {t: {} for t in EXPORT_TYPES.values()}}},
            summary="Events or claims as CSV (ACLED's columns), GeoJSON, JSON Lines or Parquet")
def export_file(r: ReaderDep,
                kind: Annotated[str, PathParam(description="events or claims.", examples=["events"])],
                fmt: Annotated[str, PathParam(description="csv, geojson, jsonl or parquet.", examples=["csv"])],
                place: Place = None, region: Region = None, bbox: BBoxQ = None, since: Since = None,
                until: Until = None, speaker: Speaker = None, side: Side = None, outlet: Outlet = None,
                type: Annotated[str | None, Query(description="Event type (events only).")] = None) -> Any:
    """What `sitroom export` writes, over the same store: events in ACLED's CSV conventions (one row
    an event and place, fatalities only for the dead), GeoJSON points, JSON Lines, or Parquet."""
    import io

    from fastapi.responses import Response

    from sitroom.report.export import export

    if kind == "events":
        filters = dict(place=place, region=region, bbox=parse_bbox(bbox), since=since, until=until, type=type,
                       claimed_by=speaker, outlet=outlet)
    else:
        filters = dict(speaker=speaker, side=side, outlet=outlet, since=since, until=until)
    out = io.BytesIO()
    export(r.store, kind, fmt, out, **filters)
    return Response(out.getvalue(), media_type=EXPORT_TYPES.get(fmt, "application/octet-stream"),
                    headers={"content-disposition": f'attachment; filename="sitroom-{kind}.{fmt}"'})


@router.get("/search", tags=["search"], response_model=m.Page[m.SearchHit], responses=ERRORS,
            summary="Full-text search")
def search(r: ReaderDep, q: Annotated[str, Query(min_length=1, max_length=500, examples=["evacuation"],
                                              description="Words that must all occur.")],
           limit: Limit = 20, offset: Offset = 0) -> Any:
    """Articles matching all words of `q`, best first, with a snippet."""
    return r.search(q, limit=limit, offset=offset).to_dict()


# --- writing --------------------------------------------------------------------------------------

def require_token(request: Request, authorization: Annotated[str | None, Header(
        description="`Bearer <serve.write_token>`")] = None) -> None:
    check_write_token(authorization, str(settings(request).get("serve", "write_token") or ""))


@router.post("/ingest", tags=["ingest"], response_model=m.IngestResult, dependencies=[Depends(require_token)],
             summary="Add articles (runs the pipeline)",
             responses={401: {"model": m.ErrorBody, "description": "Missing or wrong token"},
                        403: {"model": m.ErrorBody, "description": "Writes disabled (serve.write_token empty)"},
                        413: {"model": m.ErrorBody, "description": "Body over serve.max_request_bytes"},
                        422: {"model": m.ErrorBody, "description": "Invalid body"}})
async def ingest(request: Request, items: Annotated[list[m.IngestItem], Body(min_length=1, max_length=1000)],
                 analyze: Annotated[bool, Query(description="Update the corpus analysis afterwards.")] = True
                 ) -> Any:
    """Run the extraction pipeline over the given texts or pages and store the articles (a text
    already stored is skipped). Needs `Authorization: Bearer <serve.write_token>`; refused with 403
    while that setting is empty."""
    records = [item.model_dump(exclude_none=True) for item in items]
    return await run_in_threadpool(ingest_records, records, settings(request), request.app.state.reader, analyze)


def ingest_records(records: list[dict[str, Any]], cfg: Settings, r: Reader, analyze: bool) -> dict[str, Any]:
    """Store records through the same reader and pipeline as ``sitroom ingest`` of a JSONL file."""
    from sitroom.process import analyze_store, ingest_paths

    seen: list[str] = []

    def note(item: object) -> None:
        if isinstance(item, ArticleRecord):
            seen.append(item.id)

    with tempfile.TemporaryDirectory(prefix="sitroom-ingest-") as tmp:
        path = Path(tmp) / "request.jsonl"
        path.write_text("".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records), encoding="utf-8")
        summary = ingest_paths([path], cfg, r.store, on_item=note)
    analyzed = bool(summary.new and analyze)
    if analyzed:
        analyze_store(cfg)
    def listed(failures: list) -> list[dict]:
        return [{"source": f.source.replace(str(path), "request"), "reason": f.reason, "stage": f.stage}
                for f in failures]

    return {"new": summary.new, "existing": summary.existing, "failed": listed(summary.failed),
            "not_analysed": listed(summary.not_analysed), "articles": seen,
            "analyzed": analyzed, "total": r.store.count()}
