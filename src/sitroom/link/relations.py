"""Across articles: claim provenance, matching, corroboration and contradiction.

Slot-based and explainable (no NLI model installs offline): each claim is reduced to

* its **originating source**: the named speaker (a sub-unit folded into its parent body, so the
  General Staff and StratCom of one army are one source), or for an anonymous speaker the first
  outlet it came through;
* its **side** (from the registry: ukraine / russia / west / ...; unknown stays unknown);
* its **targets**: the places in its evidence and in the events it carries, each city expanded to
  its oblast;
* its **topics**: proposition families from its content words and its events' types
  (``data/lexicons/relations.toml``), and its **polarity** (negated, or a negative verb: lack, deny).

Two claims in one story *corroborate* when they share a topic and a target with the same polarity,
and *contradict* when they share a topic and a target with opposite polarity, or when one says the
situation is calm and the other reports a concrete development there. Corroboration is
*independent* only between different originating sources, and not between near-identical
repetitions in one article. Each relation carries a one-line ``why``. The matcher is pluggable:
:func:`relate` takes any ``matcher(a, b) -> Relation | None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitroom.data import load_lexicon


@dataclass(frozen=True)
class Families:
    words: dict[str, frozenset[str]]     # family -> stems
    events: dict[str, str]               # event type -> family
    negative: frozenset[str]
    corroborating: frozenset[str]
    calm: str


@lru_cache(maxsize=1)
def families() -> Families:
    data = load_lexicon("relations")
    return Families({k: frozenset(v) for k, v in data["families"].items()}, dict(data["event_families"]),
                    frozenset(data["negative_words"]), frozenset(data["corroborating_families"]), data["calm_family"])


_WORD = re.compile(r"[a-z][a-z'-]+")
_PLACE_ANAPHOR = re.compile(r"\b(?:the|this|that)\s+(village|town|city|settlement)\b", re.I)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


@dataclass
class ClaimView:
    """What relation rules need to know about one claim."""

    id: str
    article: str          # article source
    story: str | None
    speaker: str
    source: str           # originating source
    side: str | None
    targets: set[str]
    topics: set[str]
    negative: bool
    content: str
    words: set[str] = field(default_factory=set)
    explicit: bool = True  # targets named in the claim or its events, not the article's main region
    regions: set[str] = field(default_factory=set)  # oblasts of the targets, and oblasts named as such


@dataclass(frozen=True)
class Relation:
    a: str
    b: str
    relation: str          # contradicts | corroborates
    independent: bool
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "relation": self.relation, "independent": self.independent,
                "why": self.why}


def originating_source(claim: dict, registry=None) -> str:
    """The named speaker (sub-units folded into their parent body), else the first outlet of ``via``."""
    speaker = claim.get("speaker") or "unknown"
    if claim.get("speaker_kind") == "unnamed" and claim.get("via"):
        return claim["via"][0]
    if registry is not None and " of the " in speaker:
        parent = speaker.split(" of the ", 1)[1]
        for candidate in (parent, f"the {parent}"):
            if registry.get(candidate) is not None:
                return registry.get(candidate).canonical
    return speaker


def side_of(name: str, registry=None) -> str | None:
    if registry is None:
        return None
    entry = registry.get(name) or registry.resolve(name)
    return entry.side if entry is not None else None


def claim_views(docs: Iterable[dict], story_of: dict[str, str], registry=None) -> list[ClaimView]:
    fam = families()
    views = []
    for doc in docs:
        body = doc.get("body") or ""
        places = [(m["start"], m["end"], loc["canonical"], loc.get("admin1"), loc.get("kind"))
                  for loc in doc.get("locations") or [] if loc.get("kind") != "country"  # countries act
                  for m in loc.get("mentions") or []]
        kinds = {loc["canonical"]: (loc.get("kind"), loc.get("admin1")) for loc in doc.get("locations") or []}
        events_by_claim: dict[str, list[dict]] = {}
        for event in doc.get("events") or []:
            if event.get("claim_id"):
                events_by_claim.setdefault(event["claim_id"], []).append(event)
        main = _main_places(doc)
        for claim in doc.get("claims") or []:
            span = claim.get("evidence_span") or {"start": 0, "end": 0}
            named = {name for start, end, name, _, _ in places if span["start"] <= start and end <= span["end"]}
            events = events_by_claim.get(claim["id"], [])
            for event in events:
                named.update(n for n in event.get("locations") or [] if kinds.get(n, (None,))[0] != "country")
            if not named and (anaphor := _PLACE_ANAPHOR.search(body[span["start"]:span["end"]])):
                wanted = {"village": {"village"}, "town": {"town", "city"}, "city": {"city", "town"},
                          "settlement": {"village", "town", "city"}}[anaphor.group(1).lower()]
                before = [p for p in places if p[1] <= span["start"] + anaphor.start() and p[4] in wanted]
                if before:  # "the village" is the last village named before it
                    named = {max(before, key=lambda p: p[0])[2]}
            explicit = bool(named)
            if not named:
                named = set(main)
            targets = {n for n in named if kinds.get(n, ("region",))[0] != "region"}
            regions = {n for n in named if kinds.get(n, ("region",))[0] == "region"}
            regions |= {kinds[n][1] for n in targets if n in kinds and kinds[n][1]}
            text = f"{claim.get('content') or ''} {claim.get('quote') or ''}"
            words = _words(text)
            stems = {w[:7] for w in words}
            topics = {name for name, keys in fam.words.items() if stems & keys or set(words) & keys}
            sentence = set(_words(body[span["start"]:span["end"]]))  # "described the situation as stable"
            if {w[:7] for w in sentence} & fam.words[fam.calm]:
                topics.add(fam.calm)
            topics |= {fam.events[e["type"]] for e in events if e.get("type") in fam.events}
            content_words = set(_words(claim.get("content") or ""))
            negative = bool(claim.get("negated")) or bool(content_words & fam.negative)
            source = originating_source(claim, registry)
            side = side_of(source, registry) or side_of(claim.get("speaker") or "", registry)
            views.append(ClaimView(claim["id"], doc["source"], story_of.get(doc["source"]), claim.get("speaker") or "",
                                   source, side, targets, topics, negative, claim.get("content") or "",
                                   {w for w in content_words if len(w) > 3}, explicit, regions))
    return views


def _main_places(doc: dict) -> list[str]:
    """The article's most mentioned oblast, for claims that name no place."""
    counts: dict[str, int] = {}
    for loc in doc.get("locations") or []:
        region = loc["canonical"] if loc.get("kind") == "region" else loc.get("admin1")
        if region:
            counts[region] = counts.get(region, 0) + len(loc.get("mentions") or [1])
    return [max(counts, key=counts.get)] if counts else []


def _independent(a: ClaimView, b: ClaimView) -> bool:
    if a.source.casefold() == b.source.casefold():
        return False
    if a.article == b.article and a.words and b.words:
        overlap = len(a.words & b.words) / min(len(a.words), len(b.words))
        if overlap >= 0.5:
            return False  # the same statement repeated in one article
    return True


def slot_matcher(a: ClaimView, b: ClaimView) -> Relation | None:
    """The default matcher: shared topic and target, compared by polarity."""
    fam = families()
    if a.article != b.article and not (a.explicit and b.explicit) and not (
            (a.topics | b.topics) & {"offensive", fam.calm}):
        return None  # a claim naming no place relates across articles only as a general assessment
    shared_targets = a.targets & b.targets  # the same settlement ...
    if not shared_targets and (a.targets and b.targets or not a.regions & b.regions):
        return None  # ... or, when one names no settlement, the same oblast
    place = sorted(shared_targets or a.regions & b.regions, key=len)[0]
    shared = (a.topics & b.topics) - {fam.calm}
    if shared:
        topic = sorted(shared)[0]
        if a.negative != b.negative and a.speaker != b.speaker:  # no one contradicts themselves here
            yes, no = (a, b) if b.negative else (b, a)
            return Relation(a.id, b.id, "contradicts", True,
                            f"{yes.speaker} asserts {topic} about {place}; {no.speaker} denies it")
        if not a.negative and shared & fam.corroborating and (a.article == b.article or (a.explicit and b.explicit)):
            independent = _independent(a, b)
            how = "independent sources" if independent else f"same source ({a.source})" if (
                a.source.casefold() == b.source.casefold()) else "a repetition within one article"
            sides = f" ({a.side} and {b.side} sides)" if independent and a.side and b.side and a.side != b.side else ""
            return Relation(a.id, b.id, "corroborates", independent,
                            f"{a.speaker} and {b.speaker} both report {topic} in {place}: {how}{sides}")
    for calm, busy in ((a, b), (b, a)):
        if fam.calm in calm.topics and not calm.negative and not busy.negative and (
                busy.topics & (fam.corroborating | {"offensive"})) and calm.speaker != busy.speaker:
            topic = sorted(busy.topics & (fam.corroborating | {"offensive"}))[0]
            return Relation(a.id, b.id, "contradicts", True,
                            f"{calm.speaker} says the situation in {place} is calm or stable; "
                            f"{busy.speaker} reports {topic} there")
    return None


def relate(views: list[ClaimView], matcher: Callable[[ClaimView, ClaimView], Relation | None] = slot_matcher
           ) -> list[Relation]:
    """Relations between claims of the same story (or the same article).

    Only pairs that can share a target are compared: claims naming the same settlement, and, by
    oblast, pairs in which one claim names no settlement. So the work grows with the claims about
    each place, not with the square of a story's claims.
    """
    by_story: dict[str, list[ClaimView]] = {}
    for view in views:
        by_story.setdefault(view.story or view.article, []).append(view)
    relations = []
    for members in by_story.values():
        order = {v.id: k for k, v in enumerate(members)}
        seen: set[tuple[int, int]] = set()
        for a, b in _candidate_pairs(members):
            key = (min(order[a.id], order[b.id]), max(order[a.id], order[b.id]))
            if key in seen or a.id == b.id:
                continue
            seen.add(key)
            first, second = (a, b) if order[a.id] < order[b.id] else (b, a)
            found = matcher(first, second)
            if found is not None:
                relations.append(found)
    relations.sort(key=lambda r: (r.a, r.b))
    return relations


#: Each claim is compared with at most this many earlier claims about the same place: corroboration
#: chains still join through claim groups, and the work grows linearly with the corpus.
WINDOW = 50


def _candidate_pairs(members: list[ClaimView]) -> Iterable[tuple[ClaimView, ClaimView]]:
    by_place: dict[str, list[ClaimView]] = {}
    by_region: dict[str, tuple[list[ClaimView], list[ClaimView]]] = {}
    for view in members:
        for place in view.targets:
            bucket = by_place.setdefault(place, [])
            yield from ((earlier, view) for earlier in bucket[-WINDOW:])
            bucket.append(view)
        for region in view.regions:
            named, unnamed = by_region.setdefault(region, ([], []))
            yield from ((earlier, view) for earlier in unnamed[-WINDOW:])
            if not view.targets:
                yield from ((earlier, view) for earlier in named[-WINDOW:])
            (named if view.targets else unnamed).append(view)


def claim_groups(views: list[ClaimView], relations: list[Relation]) -> list[dict[str, Any]]:
    """Claims about one proposition (linked by corroboration), with their corroboration status."""
    parent = {v.id: v.id for v in views}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rel in relations:
        if rel.relation == "corroborates":
            parent[find(rel.a)] = find(rel.b)
    contested = {r.a for r in relations if r.relation == "contradicts"} | {r.b for r in relations
                                                                         if r.relation == "contradicts"}
    by_id = {v.id: v for v in views}
    groups: dict[str, list[str]] = {}
    for v in views:
        groups.setdefault(find(v.id), []).append(v.id)
    out = []
    for k, members in enumerate(sorted(groups.values(), key=lambda m: m[0]), 1):
        sources = sorted({by_id[m].source for m in members})
        sides = {by_id[m].side for m in members if by_id[m].side}
        if any(m in contested for m in members):
            status = "contested"
        elif len(sources) == 1:
            status = "single source"
        elif len(sides) >= 2:
            status = "confirmed across sides"
        else:
            status = "several sources, same side"
        out.append({"id": f"g{k}", "claims": members, "sources": sources, "sides": sorted(sides),
                    "status": status})
    return out
