"""Request and response shapes, for validation and for the OpenAPI document.

Records keep the field names of ``docs/output-schema.md``; models allow extra fields so that a
field added to the schema within a version passes through unchanged.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

_ARTICLE_REF = {"id": "3f2a9c1d5e7b8a60", "source": "feeds/example.xml#4", "outlet": "Example Wire",
                "published": "2024-05-14", "title": "Village changes hands again"}


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    error: str = Field(description="What went wrong and what to do next.",
                       examples=["no claim 'abc:c9'; claim ids look like <article id>:c<N>, see /api/claims"])


class Page(BaseModel, Generic[T]):
    items: list[T]
    offset: int = Field(description="Offset of the first item.")
    limit: int = Field(description="Most items per page (at most 200).")
    next_offset: int | None = Field(None, description="Offset of the next page; null on the last page.")
    total: int | None = Field(None, description="Number of matching items, where known without a full scan.")


class ArticleRef(Open):
    id: str
    source: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [_ARTICLE_REF]})


class ArticleSummary(ArticleRef):
    language: str | None = None
    claims: int | None = Field(None, description="Claims extracted from the article.")
    events: int | None = Field(None, description="Events extracted from the article.")
    story: str | None = Field(None, description="Story the article belongs to (latest analysis).")


class Article(Open):
    """The stored ``sitroom/article/v1`` record (docs/output-schema.md), with its story."""

    schema_: str | None = Field(None, alias="schema")
    id: str
    fingerprint: str | None = Field(None, description="The text's fingerprint: every copy of it, from any outlet, "
                                                      "shares it.")
    source: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    body: str = ""
    locations: list[dict[str, Any]] = []
    persons: list[dict[str, Any]] = []
    organizations: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    story: str | None = None


class GroupRef(Open):
    id: str
    status: str = Field(description="contested, single source, several sources, same side, "
                                    "or confirmed across sides")
    sources: list[str] = []
    sides: list[str] = []
    size: int | None = None


class Claim(Open):
    id: str = Field(description="<article id>:c<N>")
    speaker: str
    speaker_kind: str | None = None
    via: list[str] = Field([], description="Outlets and intermediaries, nearest to the article first.")
    cue: str | None = None
    evidence: str | None = None
    quote: str | None = None
    content: str | None = None
    negated: bool = False
    hedged: bool = False
    article: ArticleRef | None = None
    group: GroupRef | None = Field(None, description="The claim group and its corroboration status.")
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "id": "3f2a9c1d5e7b8a60:c1", "speaker": "Ministry of Defence of Example", "speaker_kind": "organization",
        "via": ["Example Wire"], "cue": "said", "evidence": "The ministry said its units had entered the village.",
        "quote": None, "content": "its units had entered the village", "negated": False, "hedged": False,
        "article": _ARTICLE_REF,
        "group": {"id": "g3", "status": "contested", "sources": ["Ministry of Defence of Example"], "sides": [],
                  "size": 2}}]})


class ChainLink(Open):
    role: str = Field(description="speaker, via, outlet or article, in that order")
    name: str | None = None


class RelatedClaim(Open):
    relation: str = Field(description="corroborates or contradicts")
    independent: bool = Field(description="Whether the two claims come from different originating sources.")
    why: str = Field(description="One line saying why the relation holds.")
    claim: dict[str, Any]


class ClaimDetail(Claim):
    side: str | None = None
    story: str | None = None
    chain: list[ChainLink] = Field(description="speaker -> via (farthest first) -> publishing outlet -> article")
    events: list[dict[str, Any]] = []
    group: dict[str, Any] | None = None  # type: ignore[assignment]
    related: list[RelatedClaim] = []
    context: dict[str, str] = Field({}, description="Article text before, at and after the evidence.")


class BriefEvidence(Open):
    id: str = Field(description="The claim id; `link` is its page.")
    speaker: str | None = None
    outlet: str | None = None
    published: str | None = None
    evidence: str | None = Field(None, description="The sentence the claim was read from.")
    link: str | None = None


class BriefLine(Open):
    group: str = Field(description="The claim group (see /api/claims/{id} `group`).")
    text: str = Field(description="What is claimed, e.g. 'Capture of Hlyboke by Russia'.")
    status: str = Field(description="contested, confirmed across sides, confirmed by one side or single source")
    sources: int = Field(description="Originating sources that state it (copies and relays not counted).")
    sides: list[str] = []
    latest: str | None = Field(None, description="The newest publication date among its claims in scope.")
    evidence: list[BriefEvidence] = []


class Brief(Open):
    lines: list[BriefLine]
    total: int = Field(description="Changes in scope; `lines` holds the newest.")
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "lines": [{"group": "g1", "text": "Capture of Hlyboke by Russia", "status": "contested", "sources": 3,
                   "sides": ["russia"], "latest": "2024-05-13", "evidence": [{
                       "id": "3f2a9c1d5e7b8a60:c1", "speaker": "Ministry of Defence of Example",
                       "outlet": "Example Wire", "published": "2024-05-13", "link": "/claims/3f2a9c1d5e7b8a60%3Ac1",
                       "evidence": "The ministry said its units had entered the village."}]}],
        "total": 1}]})


class GroupDetail(Open):
    id: str
    text: str = Field(description="What the group's claims state.")
    status: str
    independent: int = Field(description="Originating sources; claims relayed from one source or copied count once.")
    why: str = Field(description="The independent count explained in one line.")
    origins: list[dict[str, Any]] = Field(description="Each originating source, first published first, with the claims "
                                                      "that carried it: speaker, via (farthest first), outlet, article.")
    copies: list[dict[str, Any]] = Field([], description="Claims of syndicated copies, counted with their original.")
    contradictions: list[dict[str, Any]] = []


class Relation(Open):
    a: str = Field(description="A claim id (see /api/claims/{id}).")
    b: str
    relation: str = Field(description="corroborates or contradicts")
    type: str | None = Field(None, description="The kind of corroboration or contradiction (docs/relations.md).")
    independent: bool = Field(description="Whether the two claims rest on different originating sources.")
    sides: list[str] = []
    confidence: float | None = None
    why: str = Field(description="One line saying why the relation holds.")
    evidence_a: str = Field(description="The sentence claim `a` was read from.")
    evidence_b: str = Field(description="The sentence claim `b` was read from.")
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "a": "3f2a9c1d5e7b8a60:c1", "b": "8e1d0c2b3a495f67:c2", "relation": "contradicts", "type": "control disputed",
        "independent": True, "sides": ["russia", "ukraine"], "confidence": 0.9,
        "why": "control disputed: Ministry of Defence of Example and General Staff of Sample on Northvale",
        "evidence_a": "The ministry said its units had taken Northvale.",
        "evidence_b": "The General Staff said the assault on Northvale was repelled."}]})


class ControlEntry(Open):
    group: str
    text: str = Field(description="What the group claims, e.g. 'Capture of Hlyboke by Russia'.")
    holder: str = Field(description="The side that holds the place by this claim: russia or ukraine.")
    status: str
    first: str | None = None
    latest: str | None = None
    claims: list[Any] = []
    sources: list[str] = []


class ControlPlace(Open):
    place: str
    lat: float | None = None
    lon: float | None = None
    entries: list[ControlEntry] = Field(description="Claims of control, oldest first.")
    latest: ControlEntry


class Place(Open):
    name: str
    kind: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    wikidata: str | None = Field(None, description="The place's Wikidata item, when known.")


class Event(Open):
    id: str = Field(description="<article id>:e<N>")
    type: str
    subtype: str | None = None
    locations: list[str] = []
    date: str | None = None
    status: str | None = Field(None, description="claimed (carried by a claim) or reported (the outlet's voice)")
    claimed_by: str | None = None
    claim_id: str | None = None
    evidence: str | None = None
    article: ArticleRef | None = None
    places: list[Place] = Field([], description="The event's places with their coordinates.")


class Entity(Open):
    canonical: str
    type: str = Field(description="location, person or organization")
    kind: str | None = None
    side: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    wikidata: str | None = Field(None, description="The Wikidata item of a place or a registry person or body, when known.")
    articles: int = Field(description="Articles naming the entity.")
    mentions: int = Field(description="Mentions across those articles.")
    outlets: list[str] = []
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "canonical": "Kupiansk", "type": "location", "kind": "city", "admin1": "Kharkiv Oblast",
        "lat": 49.71, "lon": 37.62, "wikidata": "Q889555", "articles": 3, "mentions": 7, "outlets": ["Example Wire"]}]})


class Story(Open):
    id: str
    title: str | None = None
    article_ids: list[str] = []
    articles: list[ArticleSummary] = []
    outlets: list[str] = []
    first_published: str | None = None
    last_published: str | None = None
    claims: int = 0
    events: int = 0
    places: list[str] = []


class StoryColumn(Open):
    outlet: str
    articles: list[dict[str, Any]] = Field(description="Each: article, its claims and events.")


class StoryDetail(Story):
    columns: list[StoryColumn] = Field(description="One column per outlet.")
    relations: list[dict[str, Any]] = Field([], description="Stored relations between the story's claims.")


class Outlet(Open):
    name: str
    articles: int
    claims: int
    events: int
    first_published: str | None = None
    last_published: str | None = None
    overall_lean: float | None = Field(None, description="-1 Ukrainian/western usage .. +1 Russian usage")
    pairs_observed: int | None = None
    hedging: float | None = None
    negation: float | None = None
    unattributed_share: float | None = None


class OutletDetail(Outlet):
    profile: dict[str, Any] = Field(description="The framing profile as 'sitroom analyze' stored it.")
    speakers: list[dict[str, Any]] = []
    recent_articles: list[ArticleSummary] = []


class SearchHit(ArticleSummary):
    snippet: str | None = Field(None, description="Matching text, matches in [brackets].")


class PlaceDetail(Open):
    name: str
    places_inside: list[str] = []
    events: list[Event] = []
    timeline: list[dict[str, Any]] = []
    articles: list[ArticleSummary] = []


class IngestItem(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "source": "https://news.example.org/2024/05/14/village", "text": "Example Wire\n\nMay 14, 2024 ...",
        "published": "2024-05-14", "outlet": "Example Wire"}]})

    source: str = Field(min_length=1, max_length=2000, description="URL or name of the input; the article's source.")
    text: str | None = Field(None, description="Plain text of the article.")
    html: str | None = Field(None, description="An HTML page or fragment (its main text is extracted).")
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date, when known.")
    outlet: str | None = Field(None, max_length=200, description="Publishing outlet, when known.")
    url: str | None = None
    title: str | None = None


class Failure(BaseModel):
    source: str
    reason: str
    stage: str


class IngestResult(BaseModel):
    new: int = Field(description="Articles stored now.")
    existing: int = Field(description="Articles already stored (the same text from the same publisher, or a "
                                      "text without publisher whose copy is stored).")
    failed: list[Failure] = []
    not_analysed: list[Failure] = Field([], description="Articles stored in a language sitroom does not analyse "
                                                        "(English, Russian and Ukrainian are analysed).")
    articles: list[str] = Field([], description="Ids of the articles read, new or existing.")
    analyzed: bool = Field(description="Whether the corpus analysis was updated.")
    total: int = Field(description="Articles in the store now.")
