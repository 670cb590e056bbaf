"""The read model: articles, places, entities and speakers as the store's index tables hold them.

What the store has no record query for (articles by outlet, date or place, entity counts, outlet
totals) is answered here in SQL over ``articles``, ``entity_index`` and ``claim_index``, with the
place scope of :class:`sitroom.query.Scope`. Nothing is inferred: it lists and counts what the
pipeline stored. Every answer is a fresh query, so new articles show at once.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Engine, and_, exists, func, select

from sitroom.kb.wikidata import entry_item, place_item
from sitroom.query import BBox, Scope
from sitroom.store.schema import articles, claim_index, entity_index

SUMMARY = (articles.c.id, articles.c.source, articles.c.outlet, articles.c.title, articles.c.published,
           articles.c.language, articles.c.claims, articles.c.events)
PLACE_FIELDS = ("kind", "side", "role", "country", "admin1", "lat", "lon")
#: at most this many ids go into one IN (...) list
CHUNK = 500


def _unknown(column):
    return column.is_(None) | (column == "")


def _summary(row) -> dict[str, Any]:
    out = dict(zip(("id", "source", "outlet", "title", "published", "language", "claims", "events"), row))
    out["claims"], out["events"] = out["claims"] or 0, out["events"] or 0
    return out


def _order(summary: dict[str, Any]) -> tuple:
    return summary["published"] is None, summary["published"] or "", summary["id"]


class Catalog:
    """Questions about the stored articles' metadata, each one SQL query (or one per 500 ids)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- articles -------------------------------------------------------------------------------

    def summaries(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Article id -> summary (id, source, outlet, title, published, language, claims, events)."""
        out: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(ids))
        with self.engine.connect() as conn:
            for k in range(0, len(unique), CHUNK):
                for row in conn.execute(select(*SUMMARY).where(articles.c.id.in_(unique[k:k + CHUNK]))):
                    out[row[0]] = _summary(row)
        return out

    def published_of(self, ids: list[str]) -> dict[str, str | None]:
        """Article id -> its publication date, for the stored articles among ``ids``."""
        out: dict[str, str | None] = {}
        unique = list(dict.fromkeys(ids))
        with self.engine.connect() as conn:
            for k in range(0, len(unique), CHUNK):
                out.update((i, day) for i, day in conn.execute(select(articles.c.id, articles.c.published)
                                                               .where(articles.c.id.in_(unique[k:k + CHUNK]))))
        return out

    def article_ids(self, members: list[str]) -> dict[str, str]:
        """Story member -> article id: the id itself, or for an analysis stored before stories held ids,
        the id of the article with that source."""
        out: dict[str, str] = {}
        unique = list(dict.fromkeys(members))
        with self.engine.connect() as conn:
            for k in range(0, len(unique), CHUNK):
                chunk = unique[k:k + CHUNK]
                out.update({i: i for i in conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars()})
                missing = [m for m in chunk if m not in out]
                if missing:
                    for source, i in conn.execute(select(articles.c.source, articles.c.id)
                                                  .where(articles.c.source.in_(missing)).order_by(articles.c.id)):
                        out.setdefault(source, i)
        return {m: out.get(m, m) for m in unique}

    def articles_where(self, *, place: str | None = None, region: str | None = None, bbox: BBox | None = None,
                       outlet: str | None = None, since: str | None = None, until: str | None = None,
                       ids: set[str] | None = None) -> list[dict[str, Any]]:
        """Article summaries matching every filter, oldest first (undated last); an article is in a place
        scope when one of its places is."""
        query = select(*SUMMARY)
        if outlet:
            query = query.where(_unknown(articles.c.outlet) if outlet == "unknown" else articles.c.outlet == outlet)
        if since:
            query = query.where(articles.c.published >= since)
        if until:
            query = query.where(articles.c.published <= until)
        scope = Scope(place, region, bbox)
        if scope:
            e = entity_index.c
            query = query.where(exists().where(and_(e.article_id == articles.c.id, e.label == "location",
                                                    *scope.where(e.canonical, e.admin1, e.lat, e.lon))))
        with self.engine.connect() as conn:
            if ids is None:
                rows = [_summary(r) for r in conn.execute(query)]
            else:
                wanted, rows = sorted(ids), []
                for k in range(0, len(wanted), CHUNK):
                    rows += [_summary(r) for r in conn.execute(query.where(articles.c.id.in_(wanted[k:k + CHUNK])))]
        return sorted(rows, key=_order)

    def outlets(self) -> set[str]:
        """Every outlet with a stored article (``unknown`` for articles without one)."""
        with self.engine.connect() as conn:
            return {o or "unknown" for o in conn.execute(select(articles.c.outlet).distinct()).scalars()}

    # --- places and entities ----------------------------------------------------------------------

    def place(self, name: str) -> dict[str, Any] | None:
        """A stored place's gazetteer fields (as the first article naming it stored them), or ``None``."""
        return self.places([name]).get(name)

    def places(self, names: list[str]) -> dict[str, dict[str, Any]]:
        e = entity_index.c
        out: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(names))
        with self.engine.connect() as conn:
            for k in range(0, len(unique), CHUNK):
                query = (select(e.canonical, e.ref, *(getattr(e, f) for f in PLACE_FIELDS))
                         .where((e.label == "location") & e.canonical.in_(unique[k:k + CHUNK]))
                         .order_by(e.canonical, e.article_id))
                for row in conn.execute(query):
                    if row[0] not in out:
                        out[row[0]] = {k: v for k, v in zip(("canonical", "id", *PLACE_FIELDS), row) if v is not None}
                        out[row[0]]["type"] = "location"
                        if item := place_item(row[1]):
                            out[row[0]]["wikidata"] = item
        return out

    def places_in(self, region: str) -> list[str]:
        e = entity_index.c
        with self.engine.connect() as conn:
            return sorted(conn.execute(select(e.canonical).distinct().where(
                (e.label == "location") & (e.admin1 == region) & (e.canonical != region))).scalars())

    def in_scope(self, place: str, scope: Scope) -> bool:
        info = self.place(place) or {}
        return scope.holds(place, info.get("admin1"), info.get("lat"), info.get("lon"))

    def places_of(self, ids: list[str]) -> dict[str, list[str]]:
        """Article id -> the canonical names of its places."""
        e = entity_index.c
        out: dict[str, list[str]] = {}
        unique = list(dict.fromkeys(ids))
        with self.engine.connect() as conn:
            for k in range(0, len(unique), CHUNK):
                for aid, name in conn.execute(select(e.article_id, e.canonical).where(
                        (e.label == "location") & e.article_id.in_(unique[k:k + CHUNK])).order_by(e.canonical)):
                    out.setdefault(aid, []).append(name)
        return out

    def entity_counts(self, article_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Canonical entities over the given articles (all when ``None``): ``articles``, ``mentions``,
        ``outlets``, most named first."""
        e = entity_index.c
        query = (select(e.label, e.canonical, e.mentions, articles.c.outlet, e.ref, *(getattr(e, f) for f in PLACE_FIELDS))
                 .join(articles, articles.c.id == e.article_id).order_by(e.article_id))
        counts: dict[tuple[str, str], dict[str, Any]] = {}
        with self.engine.connect() as conn:
            if article_ids is None:
                batches = [conn.execute(query)]
            else:
                wanted = list(dict.fromkeys(article_ids))
                batches = [conn.execute(query.where(e.article_id.in_(wanted[k:k + CHUNK])))
                           for k in range(0, len(wanted), CHUNK)]
            for rows in batches:
                for label, canonical, mentions, outlet, ref, *fields in rows:
                    row = counts.get((label, canonical))
                    if row is None:
                        info = {k: v for k, v in zip(PLACE_FIELDS, fields) if v is not None}
                        item = place_item(ref) if label == "location" else entry_item(label, canonical)
                        row = counts[(label, canonical)] = {"canonical": canonical, "type": label,
                                                            **({"id": ref} if ref else {}), **info,
                                                            **({"wikidata": item} if item else {}),
                                                            "articles": 0, "mentions": 0, "outlets": set()}
                    row["articles"] += 1
                    row["mentions"] += mentions
                    row["outlets"].add(outlet or "unknown")
        out = [{**row, "outlets": sorted(row["outlets"])} for row in counts.values()]
        return sorted(out, key=lambda r: (-r["articles"], -r["mentions"], r["canonical"]))

    def names(self, label: str) -> list[str]:
        """The distinct canonical names of one kind of entity (location, person, organization)."""
        e = entity_index.c
        with self.engine.connect() as conn:
            return list(conn.execute(select(e.canonical).distinct().where(e.label == label)).scalars())

    def speaker_names(self) -> list[str]:
        """The distinct speakers of stored claims."""
        c = claim_index.c
        with self.engine.connect() as conn:
            return list(conn.execute(select(c.speaker).distinct()).scalars())

    def has_speaker(self, name: str) -> bool:
        c = claim_index.c
        with self.engine.connect() as conn:
            return conn.execute(select(c.speaker).where(c.speaker == name).limit(1)).first() is not None

    # --- speakers -----------------------------------------------------------------------------------

    def speakers(self, outlet: str, limit: int = 20) -> list[tuple[str, int]]:
        """The speakers an outlet quotes most, with their claim counts."""
        c = claim_index.c
        where = _unknown(c.outlet) if outlet == "unknown" else c.outlet == outlet
        with self.engine.connect() as conn:
            rows = conn.execute(select(c.speaker, func.count()).where(where).group_by(c.speaker)).all()
        return Counter(dict(rows)).most_common(limit)
