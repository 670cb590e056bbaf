"""Read-side views for the API and the pages: store queries shaped into response records.

Each method calls the store (``find_event_ids``, ``find_claim_ids``, ``search``, ``get``,
``load_analysis``) or its read model (:class:`sitroom.store.catalog.Catalog`) and joins what they
return: an article summary beside a claim, coordinates beside an event, a stored relation beside the claim it names. No analysis
happens here; stories, relations, claim groups and outlet profiles are read as
``sitroom analyze`` stored them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from sitroom import query
from sitroom.query import Scope
from sitroom.query.names import UnknownName, place_name, registry_name, stored_names
from sitroom.api.errors import BadRequest, NotFound
from sitroom.output import article_json, items_json
from sitroom.report.brief import CHANGES, MAX_LINES, STATUS_LABELS, build_brief, line_text
from sitroom.report.control import CONTROL, control_entries
from sitroom.report.titles import story_title
from sitroom.store import Store
from sitroom.store.catalog import Catalog

SIDES = ("ukraine", "russia", "west", "neutral", "other")
GROUP_STATUSES = ("contested", "single source", "several sources, same side", "confirmed across sides")
EVENT_TYPES = ("territory_change", "withdrawal", "deployment", "attack", "casualties", "evacuation", "visit", "other")
ALL = 1_000_000  # "no limit" for store queries whose results are filtered further here
BBox = query.BBox


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    offset: int
    limit: int
    total: int | None = None
    next_offset: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"items": self.items, "offset": self.offset, "limit": self.limit,
                               "next_offset": self.next_offset}
        if self.total is not None:
            out["total"] = self.total
        return out


def page_of(rows: list[dict[str, Any]], limit: int, offset: int) -> Page:
    """A page of a fully known result (``total`` known)."""
    nxt = offset + limit if offset + limit < len(rows) else None
    return Page(rows[offset:offset + limit], offset, limit, total=len(rows), next_offset=nxt)


def page_probe(rows: list[dict[str, Any]], limit: int, offset: int) -> Page:
    """A page from a query asked for ``limit + 1`` rows (``total`` unknown)."""
    return Page(rows[:limit], offset, limit, next_offset=offset + limit if len(rows) > limit else None)


def parse_bbox(text: str | None) -> BBox | None:
    """:func:`sitroom.query.parse_bbox`, its reason as a 400."""
    try:
        return query.parse_bbox(text)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


class Reader:
    """Everything the API and the pages read, over one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.catalog = Catalog(store.engine)

    # --- shared pieces ------------------------------------------------------------------------

    def analysis(self, *parts: str) -> dict[str, Any]:
        """The stored analysis, or only the named parts of it."""
        return self.store.load_analysis(parts or None)

    # --- names as typed ---------------------------------------------------------------------------

    def names(self, *, place: str | None = None, region: str | None = None, speaker: str | None = None,
              outlet: str | None = None, side: str | None = None, status: str | None = None,
              type: str | None = None) -> dict[str, str | None]:
        """Filter values as stored: any known variant of a place, speaker or outlet to its canonical
        name (:mod:`sitroom.query.names`), a closed value checked; a 400 naming the closest otherwise."""
        for what, value, allowed in (("side", side, SIDES), ("status", status, GROUP_STATUSES),
                                     ("event type", type, EVENT_TYPES)):
            if value and value not in allowed:
                raise BadRequest(f"unknown {what} {value!r}; one of: {', '.join(allowed)}")
        named = stored_names(self.store, place=place, region=region, speaker=speaker, outlet=outlet)  # else a 400
        return {key: named[key] for key in ("place", "region", "speaker", "outlet")}

    def _found(self, field: str, hits: list[tuple[str, str]]) -> list[dict[str, Any]]:
        """The claims or events behind index hits, as JSON with their article's summary."""
        return items_json(hits, self.store.get_many([a for _, a in hits]), field)

    def _story_of(self, analysis: dict[str, Any], rows: list[dict[str, Any]] | None = None) -> dict[str, str]:
        """Article id -> story id; for ``rows`` (with ids and sources) only, when given: a page does
        not look up the ids of every story member."""
        stories = analysis.get("stories") or []
        if rows is not None:
            keys = {r.get("id"): r for r in rows} | {r.get("source"): r for r in rows if r.get("source")}
            return {keys[m]["id"]: s["id"] for s in stories for m in s["articles"] if m in keys}
        ids = self.catalog.article_ids([m for s in stories for m in s["articles"]])
        return {ids[m]: s["id"] for s in stories for m in s["articles"]}

    def _members(self, story_id: str) -> set[str]:
        found = next((s for s in self.analysis("stories").get("stories") or [] if s["id"] == story_id), None)
        if found is None:
            raise NotFound(f"no story {story_id!r}; list them at /api/stories (run 'sitroom analyze' first)")
        return set(self.catalog.article_ids(found["articles"]).values())

    def _text_ids(self, q: str | None) -> set[str] | None:
        """Article ids matching a full-text query (``None`` when there is no query)."""
        return None if not q else {hit["id"] for hit in self.store.search(q, limit=ALL)}

    def _article(self, article_id: str) -> dict[str, Any]:
        article = self.store.get(article_id)
        if article is None:
            raise NotFound(f"no article {article_id!r}; list them at /api/articles")
        return article_json(article)

    def _places(self, names: list[str]) -> list[dict[str, Any]]:
        known = self.catalog.places(names)
        out = []
        for name in names:
            info = known.get(name) or {}
            out.append({"name": name, **{k: info[k] for k in ("kind", "admin1", "lat", "lon") if k in info}})
        return out

    # --- articles -----------------------------------------------------------------------------

    def articles(self, *, limit: int, offset: int, q: str | None = None, outlet: str | None = None,
                 since: str | None = None, until: str | None = None, place: str | None = None,
                 region: str | None = None, bbox: BBox | None = None, story: str | None = None) -> Page:
        place, region, _, outlet = self.names(place=place, region=region, outlet=outlet).values()
        ids = self._text_ids(q)
        if story:
            members = self._members(story)
            ids = members if ids is None else ids & members
        rows = self.catalog.articles_where(place=place, region=region, bbox=bbox, outlet=outlet, since=since,
                                           until=until, ids=ids)
        page = page_of(rows, limit, offset)
        story_of = self._story_of(self.analysis("stories"), page.items)
        return replace(page, items=[{**r, "story": story_of.get(r["id"])} for r in page.items])

    def article(self, article_id: str) -> dict[str, Any]:
        doc = self._article(article_id)
        return {**doc, "story": self._story_of(self.analysis("stories"), [doc]).get(article_id)}

    # --- claims -------------------------------------------------------------------------------

    def claims(self, *, limit: int, offset: int, speaker: str | None = None, side: str | None = None,
               outlet: str | None = None, since: str | None = None, until: str | None = None,
               q: str | None = None, place: str | None = None, region: str | None = None,
               bbox: BBox | None = None, story: str | None = None, status: str | None = None) -> Page:
        place, region, speaker, outlet = self.names(place=place, region=region, speaker=speaker, outlet=outlet,
                                                    side=side, status=status).values()
        ids = self._text_ids(q)
        if place or region or bbox:
            near = {r["id"] for r in self.catalog.articles_where(place=place, region=region, bbox=bbox)}
            ids = near if ids is None else ids & near
        if story:
            members = self._members(story)
            ids = members if ids is None else ids & members
        analysis = self.analysis("claim_groups")
        groups = {cid: g for g in analysis.get("claim_groups") or [] for cid in g["claims"]}

        def shaped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{**r, "group": _group_ref(groups.get(r["id"]))} for r in rows]

        query = dict(speaker=speaker, side=side, outlet=outlet, since=since, until=until,
                     article_ids=sorted(ids) if ids is not None else None)
        if status:
            rows = [r for r in shaped(self._found("claims", self.store.find_claim_ids(**query, limit=ALL)))
                    if (r["group"] or {}).get("status") == status]
            return page_of(rows, limit, offset)
        hits = self.store.find_claim_ids(**query, limit=limit + 1, offset=offset)
        return page_probe(shaped(self._found("claims", hits)), limit, offset)

    def claim(self, claim_id: str) -> dict[str, Any]:
        """A claim with its provenance chain, the events it carries, its group and related claims."""
        article_id = claim_id.split(":", 1)[0]
        article = self.store.get(article_id)
        doc = article_json(article) if article else None
        claim = next((c for c in (doc or {}).get("claims", []) if c["id"] == claim_id), None)
        if claim is None:
            raise NotFound(f"no claim {claim_id!r}; claim ids look like <article id>:c<N>, see /api/claims")
        body = doc["body"]
        span = claim["evidence_span"]
        summary = _summary(doc)
        analysis = self.analysis()
        side = _speaker_side(claim["speaker"], doc)
        chain = [{"role": "speaker", "name": claim["speaker"], "kind": claim.get("speaker_kind"), "side": side}]
        chain += [{"role": "via", "name": v} for v in reversed(claim.get("via") or [])]  # via is nearest-first
        chain.append({"role": "outlet", "name": doc["outlet"] or "unknown", "basis": doc.get("outlet_basis")})
        chain.append({"role": "article", "name": doc["title"] or doc["source"], "article": summary})
        group = next((g for g in analysis.get("claim_groups") or [] if claim_id in g["claims"]), None)
        related = []
        for rel in analysis.get("relations") or []:
            if claim_id not in (rel["a"], rel["b"]):
                continue
            other_id = rel["b"] if rel["a"] == claim_id else rel["a"]
            related.append({"relation": rel["relation"], "independent": rel["independent"], "why": rel["why"],
                            "claim": self._claim_brief(other_id)})
        return {
            **claim, "side": side, "article": summary,
            "story": self._story_of(analysis).get(article_id),
            "chain": chain,
            "events": [e for e in doc.get("events", []) if e.get("claim_id") == claim_id],
            "group": group,
            "related": related,
            "context": {"before": body[max(0, span["start"] - 300):span["start"]],
                        "evidence": body[span["start"]:span["end"]],
                        "after": body[span["end"]:span["end"] + 300]},
        }

    def brief(self, *, place: str | None = None, region: str | None = None, bbox: BBox | None = None,
              since: str | None = None, until: str | None = None, limit: int = MAX_LINES) -> dict[str, Any]:
        """What changed in a place and window, one line a claim group (:mod:`sitroom.report.brief`).

        Groups are tested by their proposition's place and their claims by their article's date, from
        the read model; only the articles whose claims a line shows are read in full."""
        groups, articles = self._groups_in_scope(CHANGES, place, region, bbox, since, until)
        claims = {claim_id: {"outlet": a.get("outlet"), "published": a.get("published"), "article_id": a["id"],
                             "title": a.get("title"), "link": f"/claims/{quote(claim_id, safe='')}"}
                  for claim_id, a in articles.items()}
        found = build_brief(groups, claims, limit=limit)
        shown = [e for line in found["lines"] for e in line["evidence"]]
        docs = {a: article_json(d) for a, d in self.store.get_many(sorted({e["article_id"] for e in shown})).items()}
        for e in shown:  # the speaker and the sentence, from the article itself
            claim = next((c for c in (docs.get(e["article_id"]) or {}).get("claims", []) if c["id"] == e["id"]), {})
            e["speaker"], e["evidence"] = claim.get("speaker"), claim.get("evidence")
        return found

    def control(self, *, place: str | None = None, region: str | None = None, bbox: BBox | None = None,
                since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Each place with claims of control in scope: its coordinates, its entries (one a claim group:
        claimed holder, status, dates) oldest first and the latest (:mod:`sitroom.report.control`)."""
        groups, articles = self._groups_in_scope(CONTROL, place, region, bbox, since, until)
        places = self.catalog.places([g["proposition"]["place"] for g in groups])
        dates = {claim_id: a.get("published") for claim_id, a in articles.items()}
        out = []
        for name, entries in sorted(control_entries(groups, dates).items()):
            info = places.get(name) or {}
            out.append({"place": name, "kind": info.get("kind"), "admin1": info.get("admin1"), "lat": info.get("lat"),
                        "lon": info.get("lon"), "entries": entries, "latest": entries[-1]})
        return out

    def _groups_in_scope(self, predicates: frozenset[str], place: str | None, region: str | None,
                         bbox: BBox | None, since: str | None, until: str | None
                         ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        """The claim groups of these predicates whose place is in scope (names as typed), and for each
        of their claims published in the window, its article's summary."""
        place, region, _, _ = self.names(place=place, region=region).values()
        groups = [g for g in self.analysis("claim_groups").get("claim_groups") or []
                  if (g.get("proposition") or {}).get("predicate") in predicates and g["proposition"].get("place")]
        scope = Scope(place, region, bbox)
        if scope:
            places = self.catalog.places([g["proposition"]["place"] for g in groups])
            groups = [g for g in groups if scope.holds(g["proposition"]["place"], *(
                (places.get(g["proposition"]["place"]) or {}).get(k) for k in ("admin1", "lat", "lon")))]
        summaries = self.catalog.summaries([c.split(":", 1)[0] for g in groups for c in g["claims"]])
        articles = {}
        for g in groups:
            for claim_id in g["claims"]:
                article = summaries.get(claim_id.split(":", 1)[0])
                when = (article or {}).get("published")
                if article is not None and not (since and (when or "") < since) and not (
                        until and (when or "9999") > until):
                    articles[claim_id] = article
        return groups, articles

    @staticmethod
    def _control_claim(claim_id: str, docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
        doc = docs.get(claim_id.split(":", 1)[0]) or {}
        claim = next((c for c in doc.get("claims", []) if c["id"] == claim_id), {})
        return {"id": claim_id, "speaker": claim.get("speaker"), "evidence": claim.get("evidence"),
                "article": _summary(doc) if doc else None}

    def relations(self, *, limit: int, offset: int, claim: str | None = None, relation: str | None = None,
                  independent: bool | None = None, type: str | None = None) -> Page:
        """Stored relations between claims, each with both evidence sentences and its one-line why."""
        if relation and relation not in ("corroborates", "contradicts"):
            raise BadRequest(f"unknown relation {relation!r}; one of: corroborates, contradicts")
        rows = [r for r in self.analysis("relations").get("relations") or []
                if (not claim or claim in (r["a"], r["b"])) and (not relation or r["relation"] == relation)
                and (independent is None or r["independent"] == independent) and (not type or r.get("type") == type)]
        return page_of(rows, limit, offset)

    def group(self, group_id: str) -> dict[str, Any]:
        """A claim group's provenance: each originating source, the claims in which it reached print
        (through which intermediaries, in which outlet and article), the syndicated copies folded
        into them, and why the independent count is what it is."""
        from sitroom.kb.registry import Registry
        from sitroom.link.provenance import originating_source

        analysis = self.analysis("claim_groups", "relations")
        group = next((g for g in analysis.get("claim_groups") or [] if g["id"] == group_id), None)
        if group is None:
            raise NotFound(f"no claim group {group_id!r}; group ids look like g<N>, see a claim's `group`")
        copies = set(group.get("copies") or ())
        docs = {a: article_json(d) for a, d in self.store.get_many(
            sorted({c.split(":", 1)[0] for c in group["claims"]})).items()}
        registry = Registry.load()
        origins: dict[str, dict[str, Any]] = {}
        copied: list[dict[str, Any]] = []
        for claim_id in group["claims"]:
            doc = docs.get(claim_id.split(":", 1)[0]) or {}
            claim = next((c for c in doc.get("claims", []) if c["id"] == claim_id), None)
            if claim is None:
                continue
            row = {"id": claim_id, "speaker": claim["speaker"], "via": list(reversed(claim.get("via") or [])),
                   "evidence": claim["evidence"], "negated": claim.get("negated", False),
                   "article": _summary(doc)}
            if claim_id in copies:
                copied.append(row)
                continue
            source = originating_source(SimpleNamespace(speaker=claim["speaker"], speaker_kind=claim.get("speaker_kind"),
                                                        via=tuple(claim.get("via") or ())), registry)
            origin = origins.setdefault(source, {"source": source, "side": _speaker_side(claim["speaker"], doc),
                                                 "claims": []})
            origin["claims"].append(row)
        for origin in origins.values():
            origin["claims"].sort(key=lambda r: (r["article"].get("published") or "", r["id"]))
            origin["first"] = origin["claims"][0]["article"].get("published")
        ordered = sorted(origins.values(), key=lambda o: (o["first"] or "9999", o["source"]))
        members = set(group["claims"])
        relations = [r for r in analysis.get("relations") or [] if r["a"] in members or r["b"] in members]
        outside = [r for r in relations if r["relation"] == "contradicts"]
        n = len(ordered)
        why = (f"{n} originating source{'s' if n != 1 else ''}" + (f" ({', '.join(group['sides'])})" if group["sides"] else "")
               + ": claims by the same source, or relayed from it by an outlet or agency, count once"
               + (f"; {len(copied)} syndicated cop{'ies' if len(copied) != 1 else 'y'} of an article counted with "
                  "the original" if copied else "") + ".")
        return {"id": group["id"], "text": line_text(group["proposition"]), "status": group["status"],
                "status_label": STATUS_LABELS.get(group["status"], group["status"]),
                "proposition": group["proposition"], "sides": group["sides"], "independent": n, "why": why,
                "origins": ordered, "copies": copied,
                "contradictions": [{"a": r["a"], "b": r["b"], "why": r["why"], "independent": r["independent"]}
                                   for r in outside]}

    def _claim_brief(self, claim_id: str) -> dict[str, Any]:
        article = self.store.get(claim_id.split(":", 1)[0])
        doc = article_json(article) if article else None
        claim = next((c for c in (doc or {}).get("claims", []) if c["id"] == claim_id), None)
        if claim is None:
            return {"id": claim_id, "missing": True}
        return {"id": claim_id, "speaker": claim["speaker"], "via": claim.get("via") or [], "content": claim["content"],
                "evidence": claim["evidence"], "article": _summary(doc)}

    # --- events, places, entities -------------------------------------------------------------

    def events(self, *, limit: int, offset: int, place: str | None = None, region: str | None = None,
               bbox: BBox | None = None, since: str | None = None, until: str | None = None,
               type: str | None = None, status: str | None = None, speaker: str | None = None,
               outlet: str | None = None, q: str | None = None, story: str | None = None) -> Page:
        place, region, speaker, outlet = self.names(place=place, region=region, speaker=speaker, outlet=outlet,
                                                    type=type).values()
        query = dict(place=place, region=region, bbox=bbox, since=since, until=until, type=type, status=status,
                     claimed_by=speaker, outlet=outlet)
        ids = self._text_ids(q)
        if story:
            members = self._members(story)
            ids = members if ids is None else ids & members

        def shaped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{**r, "places": self._places(list(r.get("locations") or []))} for r in rows]

        if ids is not None:
            hits = [h for h in self.store.find_event_ids(**query, limit=ALL) if h[1] in ids]
            return page_of(shaped(self._found("events", hits)), limit, offset)
        hits = self.store.find_event_ids(**query, limit=limit + 1, offset=offset)
        return page_probe(shaped(self._found("events", hits)), limit, offset)

    def entities(self, *, limit: int, offset: int, type: str | None = None, q: str | None = None,
                 outlet: str | None = None, since: str | None = None, until: str | None = None,
                 region: str | None = None, side: str | None = None) -> Page:
        _, region, _, outlet = self.names(region=region, outlet=outlet, side=side).values()
        ids = [r["id"] for r in self.catalog.articles_where(outlet=outlet, since=since, until=until)] \
            if outlet or since or until else None
        rows = self.catalog.entity_counts(ids)
        within = Scope(region=region)
        label = {"place": "location", "places": "location", "locations": "location", "persons": "person",
                 "people": "person", "organizations": "organization", "organisation": "organization"}.get(type, type)
        rows = [r for r in rows
                if (not label or r["type"] == label) and (not q or q.casefold() in r["canonical"].casefold())
                and (not side or r.get("side") == side)
                and (not region or (r["type"] == "location" and within.holds(r["canonical"], r.get("admin1"))))]
        return page_of(rows, limit, offset)

    def place(self, name: str, limit: int = 500) -> dict[str, Any]:
        """A place (everything inside it too, for an oblast) with its events, mapped and in time order."""
        try:
            name = place_name(name, lambda n: self.catalog.place(n) is not None, lambda: self.catalog.names("location"))
        except UnknownName as exc:
            raise NotFound(f"{exc}; list places at /api/entities?type=location") from None
        info = self.catalog.place(name)
        events = self.events(region=name, limit=limit, offset=0).items
        if info is None and not events:
            raise NotFound(f"no place {name!r} in the stored articles; list places at /api/entities?type=location")
        timeline: dict[str, list[dict[str, Any]]] = {}
        for e in sorted(events, key=lambda e: (e.get("date") or "", e["id"])):
            timeline.setdefault(e.get("date") or "undated", []).append(e)
        inside = self.catalog.places_in(name)
        articles = self.catalog.articles_where(region=name)
        control = self.control(region=name)
        wanted = sorted({c.split(":", 1)[0] for p in control for e in p["entries"] for c in e["claims"]})
        docs = {a: article_json(d) for a, d in self.store.get_many(wanted).items()}
        for p in control:  # the claims behind each entry: who said it, where, when
            for entry in p["entries"]:
                entry["claims"] = [self._control_claim(c, docs) for c in entry["claims"]]
        return {"name": name, **(info or {}), "places_inside": inside, "events": events, "control": control,
                "timeline": [{"date": d, "events": evs} for d, evs in timeline.items()],
                "articles": articles[-50:][::-1]}

    # --- stories, outlets, search -------------------------------------------------------------

    def _story_summary(self, story: dict[str, Any]) -> dict[str, Any]:
        return self._story_summaries([story])[0]

    def _story_summaries(self, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Summaries of ``stories``, read with one query per kind for all of them (not per story)."""
        cat = self.catalog
        ids = cat.article_ids([m for story in stories for m in story["articles"]])
        summaries = cat.summaries(list(ids.values()))
        places_of = cat.places_of(list(ids.values()))
        out = []
        for story in stories:
            members = [summaries[i] for i in dict.fromkeys(ids[m] for m in story["articles"] if m in ids)
                       if i in summaries]
            members.sort(key=lambda s: (s["published"] or "", s["id"]))
            dates = [m["published"] for m in members if m["published"]]
            places = sorted({p for m in members for p in places_of.get(m["id"], [])})
            named = Counter(p for m in members for p in set(places_of.get(m["id"], [])))
            out.append({"id": story["id"], "title": story_title([m["title"] for m in members], named, len(members)),
                        "article_ids": [m["id"] for m in members], "articles": members,
                        "outlets": sorted({m["outlet"] or "unknown" for m in members}),
                        "first_published": min(dates) if dates else None,
                        "last_published": max(dates) if dates else None,
                        "claims": sum(m["claims"] for m in members), "events": sum(m["events"] for m in members),
                        "places": places})
        return out

    def stories(self, *, limit: int, offset: int, q: str | None = None, outlet: str | None = None,
                since: str | None = None, until: str | None = None, place: str | None = None,
                region: str | None = None, bbox: BBox | None = None) -> Page:
        place, region, _, outlet = self.names(place=place, region=region, outlet=outlet).values()
        keep = {r["id"] for r in self.catalog.articles_where(place=place, region=region, bbox=bbox, outlet=outlet,
                                                             since=since, until=until, ids=self._text_ids(q))}
        # ordered by their members' ids and dates alone; only the page's stories are summarised
        stories = self.analysis("stories").get("stories") or []
        ids = self.catalog.article_ids([m for story in stories for m in story["articles"]])
        published = self.catalog.published_of(list(ids.values()))
        ranked = []
        for story in stories:
            members = [i for i in dict.fromkeys(ids[m] for m in story["articles"] if m in ids) if i in published]
            if keep & set(members):
                last = max((published[i] for i in members if published[i]), default=None)
                ranked.append(((last or "", len(members), story["id"]), story))
        ranked.sort(key=lambda kv: kv[0], reverse=True)
        page = page_of([story for _, story in ranked], limit, offset)
        return replace(page, items=self._story_summaries(page.items))

    def story(self, story_id: str) -> dict[str, Any]:
        """A story with one column per outlet (its articles and their claims) and the stored relations."""
        analysis = self.analysis()
        found = next((s for s in analysis.get("stories") or [] if s["id"] == story_id), None)
        if found is None:
            raise NotFound(f"no story {story_id!r}; list them at /api/stories (run 'sitroom analyze' first)")
        summary = self._story_summary(found)
        groups = {cid: g for g in analysis.get("claim_groups") or [] for cid in g["claims"]}
        columns: dict[str, list[dict[str, Any]]] = {}
        who: dict[str, dict[str, Any]] = {}
        for aid in summary["article_ids"]:
            doc = self._article(aid)
            claims = [{**c, "side": _speaker_side(c["speaker"], doc), "group": _group_ref(groups.get(c["id"]))}
                      for c in doc["claims"]]
            who.update({c["id"]: {"speaker": c["speaker"], "outlet": doc["outlet"] or "unknown"} for c in claims})
            columns.setdefault(doc["outlet"] or "unknown", []).append(
                {"article": _summary(doc), "claims": claims,
                 "events": [{**e, "places": self._places(list(e.get("locations") or []))} for e in doc["events"]]})
        relations = [{**r, "a_claim": who[r["a"]], "b_claim": who[r["b"]]}
                     for r in analysis.get("relations") or [] if r["a"] in who and r["b"] in who]
        return {**summary, "columns": [{"outlet": o, "articles": arts} for o, arts in sorted(columns.items())],
                "relations": relations}

    def outlets(self, *, limit: int, offset: int) -> Page:
        rows = [self._outlet_summary(name, profile) for name, profile in self._profiles().items()]
        rows.sort(key=lambda r: (-r["articles"], r["name"]))
        return page_of(rows, limit, offset)

    def outlet(self, name: str) -> dict[str, Any]:
        profiles = self._profiles()
        if name not in profiles:
            try:
                name = registry_name(name, lambda n: n in profiles, lambda: profiles, "outlet", outlet=True)
            except UnknownName as exc:
                raise NotFound(f"{exc}; list them at /api/outlets") from None
        articles = self.catalog.articles_where(outlet=name)
        return {**self._outlet_summary(name, profiles[name]), "profile": profiles[name],
                "speakers": [{"name": s, "claims": n} for s, n in self.catalog.speakers(name)],
                "recent_articles": articles[-50:][::-1]}

    def _profiles(self) -> dict[str, dict[str, Any]]:
        profiles = dict(self.analysis().get("outlets") or {})
        for outlet in self.catalog.outlets():  # outlets stored after the last analysis
            profiles.setdefault(outlet, {})
        return profiles

    def _outlet_summary(self, name: str, profile: dict[str, Any]) -> dict[str, Any]:
        members = self.catalog.articles_where(outlet=name)
        dates = [m["published"] for m in members if m["published"]]
        return {"name": name, "articles": len(members), "claims": sum(m["claims"] for m in members),
                "events": sum(m["events"] for m in members),
                "first_published": min(dates) if dates else None, "last_published": max(dates) if dates else None,
                **{k: profile.get(k) for k in ("overall_lean", "pairs_observed", "hedging", "negation",
                                                "unattributed_share")}}

    def search(self, q: str, *, limit: int, offset: int) -> Page:
        hits = self.store.search(q, limit=offset + limit + 1)[offset:]
        summaries = self.catalog.summaries([h["id"] for h in hits])
        story_of = self._story_of(self.analysis("stories"), [summaries.get(h["id"]) or {"id": h["id"]} for h in hits])
        rows = [{**(summaries.get(h["id"]) or {"id": h["id"]}), "title": h["title"], "snippet": h["snippet"],
                 "story": story_of.get(h["id"])} for h in hits]
        return page_probe(rows, limit, offset)


def _summary(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc.get(k) for k in ("id", "source", "outlet", "published", "title")}


def _group_ref(group: dict[str, Any] | None) -> dict[str, Any] | None:
    if group is None:
        return None
    return {"id": group["id"], "status": group["status"], "sources": group["sources"], "sides": group["sides"],
            "size": len(group["claims"])}


def _speaker_side(speaker: str, doc: dict[str, Any]) -> str | None:
    """The speaker's side as the article's entities name it, else as the registry does."""
    for key in ("persons", "organizations"):
        for e in doc.get(key) or []:
            if e["canonical"] == speaker and e.get("side"):
                return e["side"]
    from sitroom.kb.registry import Registry

    entry = Registry.load().get(speaker)
    return entry.side if entry else None
