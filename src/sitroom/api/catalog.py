"""An in-memory index of the stored articles' metadata, rebuilt when the article count changes.

The store answers event and claim queries from its own indexes; what it has no query for (articles
by outlet, date or place, entity counts, outlet totals) is answered from this catalog, built in one
pass over the stored records. Nothing is inferred here: it only lists and counts what the pipeline
stored.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sitroom.query import Scope
from sitroom.store import Store


@dataclass(frozen=True, slots=True)
class Mentioned:
    """One canonical entity as it appears in one article."""

    canonical: str
    label: str
    mentions: int


@dataclass
class Catalog:
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)        # id -> summary
    by_source: dict[str, str] = field(default_factory=dict)                  # source -> id
    places: dict[str, dict[str, Any]] = field(default_factory=dict)          # canonical -> gazetteer fields
    entities: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (label, canonical) -> fields
    mentioned: dict[str, list[Mentioned]] = field(default_factory=dict)      # article id -> entities
    speakers: dict[str, Counter] = field(default_factory=dict)               # outlet -> speaker counts

    @classmethod
    def build(cls, store: Store) -> Catalog:
        cat = cls()
        for article in store.articles():
            cat.by_source[article.source] = article.id
            cat.articles[article.id] = {
                "id": article.id, "source": article.source, "outlet": article.outlet, "title": article.title,
                "published": article.published, "language": article.language,
                "claims": len(article.claims), "events": len(article.events),
            }
            seen = []
            for e in article.entities:
                seen.append(Mentioned(e.canonical, e.label, len(e.mentions)))
                key = (e.label, e.canonical)
                if key not in cat.entities:
                    cat.entities[key] = {k: v for k, v in {
                        "canonical": e.canonical, "type": e.label, "kind": e.kind, "side": e.side, "role": e.role,
                        "country": e.country, "admin1": e.admin1, "lat": e.lat, "lon": e.lon, "id": e.id,
                    }.items() if v is not None}
                if e.label == "location":
                    cat.places.setdefault(e.canonical, cat.entities[key])
            cat.mentioned[article.id] = seen
            outlet = article.outlet or "unknown"
            cat.speakers.setdefault(outlet, Counter()).update(c.speaker for c in article.claims)
        return cat

    # --- questions ----------------------------------------------------------------------------

    def region_of(self, place: str) -> str | None:
        info = self.places.get(place) or {}
        return place if info.get("kind") == "region" else info.get("admin1")

    def in_scope(self, place: str, scope: Scope) -> bool:
        info = self.places.get(place) or {}
        return scope.holds(place, info.get("admin1"), info.get("lat"), info.get("lon"))

    def in_region(self, place: str, region: str) -> bool:
        return self.in_scope(place, Scope(region=region))

    def article_places(self, article_id: str) -> list[str]:
        return [m.canonical for m in self.mentioned.get(article_id, []) if m.label == "location"]

    def articles_where(self, *, place: str | None = None, region: str | None = None,
                       bbox: tuple[float, float, float, float] | None = None, outlet: str | None = None,
                       since: str | None = None, until: str | None = None,
                       ids: set[str] | None = None) -> list[dict[str, Any]]:
        """Article summaries matching every filter, oldest first (undated last); an article is in a place
        scope when one of its places is (:class:`~sitroom.query.Scope`)."""
        scope = Scope(place, region, bbox)
        out = []
        for aid, summary in self.articles.items():
            if ids is not None and aid not in ids:
                continue
            if outlet and (summary["outlet"] or "unknown") != outlet:
                continue
            published = summary["published"]
            if (since and (not published or published < since)) or (until and (not published or published > until)):
                continue
            if scope and not any(self.in_scope(p, scope) for p in self.article_places(aid)):
                continue
            out.append(summary)
        return sorted(out, key=lambda s: (s["published"] is None, s["published"] or "", s["id"]))

    def entity_counts(self, article_ids: list[str]) -> list[dict[str, Any]]:
        """Canonical entities over the given articles: ``articles``, ``mentions`` and ``outlets``."""
        counts: dict[tuple[str, str], dict[str, Any]] = {}
        for aid in article_ids:
            outlet = self.articles[aid]["outlet"] or "unknown"
            for m in self.mentioned.get(aid, []):
                row = counts.setdefault((m.label, m.canonical), {"articles": 0, "mentions": 0, "outlets": set()})
                row["articles"] += 1
                row["mentions"] += m.mentions
                row["outlets"].add(outlet)
        return sorted(({**self.entities[key], "articles": row["articles"], "mentions": row["mentions"],
                        "outlets": sorted(row["outlets"])} for key, row in counts.items()),
                      key=lambda r: (-r["articles"], -r["mentions"], r["canonical"]))


class CatalogCache:
    """The catalog of a store, rebuilt only when the number of stored articles has changed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._count = -1
        self._catalog = Catalog()

    def get(self) -> Catalog:
        count = self.store.count()
        with self._lock:
            if count != self._count:
                self._catalog = Catalog.build(self.store)
                self._count = count
            return self._catalog
