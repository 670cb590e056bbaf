"""The records that flow through sitroom. No I/O here.

An :class:`Article` is the one mutable record a pipeline passes from stage to stage, as a spaCy
``Doc`` is. Everything a stage finds is stored on it as frozen annotation records whose evidence
is a :class:`Span` into ``Article.body`` (the cleaned text), never a copied string that could drift.

Field names follow the gold format (``../shared/gold/README.md``) so that evaluation is a
comparison, not a translation. Every record has ``to_dict()`` / ``from_dict()``; the JSON shape is
documented in ``docs/output-schema.md``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, TypeVar

T = TypeVar("T", bound="Record")


class Record:
    """Mixin giving frozen dataclasses a JSON round-trip.

    Nested records are declared in ``_nested`` (field name -> record class); a field holding a
    tuple of records is declared in ``_nested_lists``. Tuples become lists in JSON and back.
    """

    _nested: ClassVar[dict[str, type[Record]]] = {}
    _nested_lists: ClassVar[dict[str, type[Record]]] = {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is None:
                out[f.name] = None
            elif f.name in self._nested:
                out[f.name] = value.to_dict()
            elif f.name in self._nested_lists:
                out[f.name] = [v.to_dict() for v in value]
            elif isinstance(value, tuple):
                out[f.name] = [list(v) if isinstance(v, tuple) else v for v in value]
            elif isinstance(value, dict):
                out[f.name] = dict(value)
            else:
                out[f.name] = value
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        kwargs: dict[str, Any] = {}
        for f in fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            value = data[f.name]
            if value is None:
                kwargs[f.name] = None
            elif f.name in cls._nested:
                kwargs[f.name] = cls._nested[f.name].from_dict(value)
            elif f.name in cls._nested_lists:
                kwargs[f.name] = tuple(cls._nested_lists[f.name].from_dict(v) for v in value)
            elif isinstance(value, list):
                kwargs[f.name] = tuple(tuple(v) if isinstance(v, list) else v for v in value)
            else:
                kwargs[f.name] = value
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Span(Record):
    """Half-open character offsets ``[start, end)`` into ``Article.body``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text(self, body: str) -> str:
        return body[self.start : self.end]

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def __len__(self) -> int:
        return self.end - self.start


class SpanSet:
    """Character spans, asked whether any overlaps a given one in O(log n) (long texts have many)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans starting before ``end``
        return k > 0 and self.reach[k - 1] > start


@dataclass(frozen=True, slots=True)
class RemovedLine(Record):
    """A raw line (or part of one) that the cleaner kept out of the body, and why."""

    text: str
    reason: str
    line_no: int
    fragment: bool = False


@dataclass(frozen=True, slots=True)
class DuplicateLine(Record):
    """A body line that repeats content already in the article (not new evidence)."""

    span: Span
    of: Span | None
    reason: str
    _nested: ClassVar[dict[str, type[Record]]] = {"span": Span, "of": Span}


@dataclass(frozen=True, slots=True)
class AttributionTag(Record):
    """An inline editorial tag such as ``[X statement; attribution: Y]``.

    ``scope`` is the body text the tag closes (back to the previous tag or the paragraph start);
    ``speaker`` is who made the statement, ``source`` the outlet or channel it came through.
    """

    text: str
    scope: Span
    speaker: str | None = None
    source: str | None = None
    label: str | None = None
    _nested: ClassVar[dict[str, type[Record]]] = {"scope": Span}


@dataclass(frozen=True, slots=True)
class Mention(Record):
    text: str
    span: Span
    _nested: ClassVar[dict[str, type[Record]]] = {"span": Span}


@dataclass(frozen=True, slots=True)
class Entity(Record):
    """A canonical person, organisation or place with its surface mentions in the body.

    ``label`` is ``location`` / ``person`` / ``organization``. Places carry gazetteer fields
    (``id``, ``kind``, ``country``, ``admin1``, ``lat``, ``lon``); people and bodies carry
    ``role`` and ``side`` from the registry when known; ``wikidata`` is the Wikidata item of a place
    or a registry entry, when an open source gives one.
    """

    canonical: str
    label: str
    mentions: tuple[Mention, ...] = ()
    id: str | None = None
    kind: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    role: str | None = None
    side: str | None = None
    wikidata: str | None = None
    _nested_lists: ClassVar[dict[str, type[Record]]] = {"mentions": Mention}


@dataclass(frozen=True, slots=True)
class Quantity(Record):
    """A number with its unit and bound: "over 2,000 fighters" -> 2000, fighters, at least."""

    text: str
    value: float
    unit: str | None = None
    bound: str = "exact"   # exact / at least / at most / about


@dataclass(frozen=True, slots=True)
class Proposition(Record):
    """What a claim asserts about the war, normalised so that claims from any outlet compare.

    ``predicate`` is one of a closed set (``docs/relations.md``): control of a place (captured,
    entered, repelled), the phase of an offensive on a front (offensive_started, advancing,
    stopped, counteroffensive), strike and damage, deployment, withdrawal, evacuation, threat,
    stable. ``place`` is the most specific place the claim names (``level`` settlement or region);
    ``side`` is the side whose action it is (for a failed attack, the attacker). ``date`` is the
    time the claim is about. ``negated`` marks a denial ("the border was not breached");
    ``modality`` is ``asserted`` or ``hedged``. ``place_basis`` says whether the claim names the
    place (``claim``) or it was taken from the article (``article``). ``target`` says, for a strike,
    whether the claim describes what was hit as military or civilian.
    """

    predicate: str
    place: str | None
    level: str
    region: str | None = None
    side: str | None = None
    date: str | None = None
    date_precision: str | None = None
    negated: bool = False
    modality: str = "asserted"
    quantities: tuple[Quantity, ...] = ()
    scale: str | None = None          # small / large, for an attacking force described without numbers
    trigger: Span | None = None
    place_basis: str = "claim"
    target: str | None = None         # for a strike: military / civilian, as the claim describes what was hit
    _nested: ClassVar[dict[str, type[Record]]] = {"trigger": Span}
    _nested_lists: ClassVar[dict[str, type[Record]]] = {"quantities": Quantity}

    def key(self) -> tuple:
        """What two propositions must share to say the same thing."""
        return (self.predicate, self.place, self.side, self.negated)


@dataclass(frozen=True, slots=True)
class Claim(Record):
    """An attributed statement: who said what, through whom."""

    id: str
    speaker: str
    cue: str
    evidence: Span
    content: str
    via: tuple[str, ...] = ()
    quote: str | None = None
    speaker_kind: str | None = None
    negated: bool = False
    hedged: bool = False
    speaker_span: Span | None = None   # the speaker as written ("he", "a source within the army")
    cue_span: Span | None = None
    content_span: Span | None = None
    propositions: tuple[Proposition, ...] = ()
    _nested: ClassVar[dict[str, type[Record]]] = {"evidence": Span, "speaker_span": Span, "cue_span": Span,
                                                  "content_span": Span}
    _nested_lists: ClassVar[dict[str, type[Record]]] = {"propositions": Proposition}


@dataclass(frozen=True, slots=True)
class Event(Record):
    """Something reported to have happened, tied to who asserts it."""

    id: str
    type: str
    evidence: Span
    locations: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    actor: str | None = None
    claimed_by: str | None = None
    claim_id: str | None = None
    status: str = "reported"
    subtype: str | None = None
    origin: str | None = None
    destination: str | None = None
    quantities: tuple[Quantity, ...] = ()
    trigger: Span | None = None
    retold_in: tuple[str, ...] = ()  # claims of the article's other sentences that tell this event again
    _nested: ClassVar[dict[str, type[Record]]] = {"evidence": Span, "trigger": Span}
    _nested_lists: ClassVar[dict[str, type[Record]]] = {"quantities": Quantity}


class RelationKind(StrEnum):
    """What one claim does to another."""

    CORROBORATES = "corroborates"
    CONTRADICTS = "contradicts"


class GroupStatus(StrEnum):
    """What the claims stating one proposition amount to."""

    CONTESTED = "contested"
    SINGLE_SOURCE = "single source"
    SAME_SIDE = "several sources, same side"
    ACROSS_SIDES = "confirmed across sides"


@dataclass(frozen=True, slots=True)
class Relation(Record):
    """Two claims (by id) that corroborate or contradict each other, why, and how sure.

    ``independent`` says whether the two rest on different originating sources; ``type`` is the
    kind of corroboration or contradiction (``docs/relations.md``); ``propositions`` are what each
    claim asserts here (predicate, place, negated), in the order of ``a`` and ``b``.
    """

    a: str
    b: str
    relation: RelationKind
    independent: bool
    why: str
    type: str = "corroboration"
    confidence: float = 1.0
    sides: tuple[str, ...] = ()
    evidence_a: str = ""
    evidence_b: str = ""
    propositions: tuple[dict[str, Any], ...] = ()  # what each claim asserts here: predicate, place, negated

    def __post_init__(self) -> None:
        object.__setattr__(self, "relation", RelationKind(self.relation))  # "contradicts" -> the enum

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "relation": str(self.relation), "type": self.type,
                "independent": self.independent, "sides": list(self.sides), "confidence": round(self.confidence, 2),
                "why": self.why, "evidence_a": self.evidence_a, "evidence_b": self.evidence_b,
                "propositions": [dict(p) for p in self.propositions]}


@dataclass(frozen=True, slots=True)
class ClaimGroup(Record):
    """Claims stating one proposition, linked by corroboration or as copies, and what that makes them.

    ``status`` is ``contested`` (a member is contradicted), ``single source``, ``several sources,
    same side`` or ``confirmed across sides``; ``sources`` are the originating sources;
    ``copies`` the claims of syndicated copies folded into the members; ``proposition`` what
    the first member asserts (predicate, place, side, negated).
    """

    id: str
    claims: tuple[str, ...]
    status: GroupStatus
    sources: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    copies: tuple[str, ...] = ()
    proposition: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", GroupStatus(self.status))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "claims": list(self.claims), "copies": list(self.copies), "sources": list(self.sources),
                "sides": list(self.sides), "status": str(self.status), "proposition": dict(self.proposition)}


@dataclass(frozen=True, slots=True)
class Story(Record):
    """Articles about one development, by article id, in the order they joined."""

    id: str
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletProfile(Record):
    """How an outlet writes about the war, measured from its own text (``sitroom.link.framing``)."""

    articles: int
    words: int
    lexical_choices: dict[str, Any]
    overall_lean: float | None
    pairs_observed: int
    evidence: tuple[dict[str, Any], ...]
    quoted_sides: dict[str, Any]
    claims: dict[str, int]
    hedging: float | None
    negation: float | None
    events: dict[str, int]
    unattributed_share: float | None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: (list(getattr(self, f.name)) if f.name == "evidence" else getattr(self, f.name))
                for f in fields(self)}


@dataclass(slots=True)
class Analysis:
    """What :func:`sitroom.link.analyze` finds across a set of articles.

    ``stories`` maps a story id to its members' article ids; ``syndication`` lists copy groups
    (article ids, the originating copy first in publication order); ``claim_groups`` are claims
    stating one proposition, with their status; ``outlets`` maps an outlet to its framing profile.
    The JSON document (``sitroom analyze --json``) is built by :func:`sitroom.output.analysis_json`.
    """

    articles: list[Article]
    stories: list[Story]
    syndication: list[list[str]]
    claim_groups: list[ClaimGroup]
    relations: list[Relation]
    outlets: dict[str, OutletProfile]
    threshold: float

    def story_of(self) -> dict[str, str]:
        """Article id -> story id."""
        return {member: story.id for story in self.stories for member in story.articles}

    def parts(self) -> dict[str, Any]:
        """Everything but the articles, as JSON values (what a store keeps of an analysis)."""
        return {"stories": [s.to_dict() for s in self.stories],
                "claim_groups": [g.to_dict() for g in self.claim_groups],
                "relations": [r.to_dict() for r in self.relations], "relation_threshold": self.threshold,
                "outlets": {name: p.to_dict() for name, p in self.outlets.items()}, "syndication": self.syndication}


@dataclass(frozen=True, slots=True)
class Failure(Record):
    """Why an input or a stage failed; recorded, never fatal to a run."""

    source: str
    reason: str
    stage: str = "ingest"


def day_number(value: Any) -> int | None:
    """An ISO date (or date-time) as a day count for comparing distances in days; None if it is none."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def normalize_text(text: str) -> str:
    """The comparison form used throughout: NFKC, straight quotes, single spaces, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTES)
    return " ".join(text.split())


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u2032": "'", "\u2033": '"'})


def content_id(text: str) -> str:
    """The text fingerprint: a hash of the normalised raw text, shared by every copy of it."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def publication_key(meta: dict[str, Any]) -> str | None:
    """Who published a text, as the reader found it: the outlet, else the URL's host; ``None`` when
    neither is known (a bare text file), which makes it a copy of whatever stored text it matches."""
    outlet = meta.get("outlet")
    if isinstance(outlet, str) and outlet.strip():
        return " ".join(outlet.split()).casefold()
    url = meta.get("url")
    if isinstance(url, str) and "://" in url:
        host = url.split("://", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0].casefold()
        return host.removeprefix("www.") or None
    return None


#: reader metadata that tells a copy of a text apart from a bare one
PUBLICATION_META = ("outlet", "url", "published", "title")


def described(meta: dict[str, Any]) -> frozenset[str]:
    """Which of :data:`PUBLICATION_META` a reader's metadata gives."""
    return frozenset(k for k in PUBLICATION_META if meta.get(k))


def publication_id(fingerprint: str, key: str | None) -> str:
    """An article's id: one publication is one text from one publisher. A text without a known
    publisher keeps its fingerprint as id (so stores written before publishers counted keep theirs)."""
    if key is None:
        return fingerprint
    return hashlib.sha256(f"{fingerprint}|{key}".encode("utf-8")).hexdigest()[:16]


_TRANSIENT = frozenset({"parsed", "actors"})


@dataclass(frozen=True, slots=True)
class Actor(Record):
    """A resolved mention of someone who can speak or act: a person, a body, a side, a government."""

    span: Span
    canonical: str
    label: str            # person / organization / location / metonym
    side: str | None = None
    role: str | None = None
    generic: bool = False
    _nested: ClassVar[dict[str, type[Record]]] = {"span": Span}


@dataclass(slots=True)
class Article:
    """One article and everything the pipeline has found in it.

    ``raw_text`` is what the reader produced (plain text, or the main text of an HTML page);
    ``body`` is the cleaned text every span points into. ``meta`` carries what a feed, a JSONL
    record or a URL supplied (``outlet``, ``published``, ``url``, ``title``), which the
    metadata stage prefers over what it can read from the text.
    """

    source: str
    raw_text: str
    id: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    #: the text fingerprint (:func:`content_id`): every copy of one text, from any outlet, shares it
    fingerprint: str = ""
    #: who published it as the reader found it (:func:`publication_key`); ``None`` for a bare text
    publisher: str | None = None
    body: str | None = None
    title: str | None = None
    subtitle: str | None = None
    outlet: str | None = None
    outlet_basis: str | None = None
    published: str | None = None
    published_basis: str | None = None
    published_estimate: tuple[str, str] | None = None
    language: str | None = None
    removed: tuple[RemovedLine, ...] = ()
    duplicates: tuple[DuplicateLine, ...] = ()
    attribution_tags: tuple[AttributionTag, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    errors: tuple[Failure, ...] = ()
    #: the spaCy ``Doc`` of ``body`` while the article is in a pipeline; never serialised
    parsed: Any = field(default=None, repr=False, compare=False)
    #: every resolved name mention (generic sides and metonyms too), for claims; never serialised
    actors: tuple[Actor, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.fingerprint:
            self.fingerprint = content_id(self.raw_text)
        if not self.id:  # a new record from a reader (a stored one keeps what it was given)
            self.publisher = publication_key(self.meta)
            self.id = publication_id(self.fingerprint, self.publisher)

    def described_by(self) -> frozenset[str]:
        """Which publication metadata the reader supplied (outlet, url, published, title)."""
        return described(self.meta)

    def span_text(self, span: Span) -> str:
        if self.body is None:
            raise ValueError("article has no cleaned body yet")
        return span.text(self.body)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in _TRANSIENT:
                continue
            value = getattr(self, f.name)
            if isinstance(value, tuple) and value and isinstance(value[0], Record):
                out[f.name] = [v.to_dict() for v in value]
            elif isinstance(value, tuple):
                out[f.name] = list(value)
            elif isinstance(value, dict):
                out[f.name] = dict(value)
            else:
                out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        kinds: dict[str, type[Record]] = {
            "removed": RemovedLine, "duplicates": DuplicateLine,
            "attribution_tags": AttributionTag, "entities": Entity, "claims": Claim,
            "events": Event, "errors": Failure,
        }
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data or f.name in _TRANSIENT:
                continue
            value = data[f.name]
            if f.name in kinds:
                kwargs[f.name] = tuple(kinds[f.name].from_dict(v) for v in value or ())
            elif f.name == "published_estimate" and value is not None:
                kwargs[f.name] = tuple(value)
            else:
                kwargs[f.name] = value
        return cls(**kwargs)
