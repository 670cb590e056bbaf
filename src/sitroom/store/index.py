"""Rows of the query indexes (``event_index``, ``claim_index``, ``entity_index``) for one stored article."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitroom.model import Article


@lru_cache(maxsize=1)
def _registry():
    from sitroom.kb.registry import Registry

    return Registry.load()


def event_rows(article: Article) -> list[dict[str, Any]]:
    places = {e.canonical: e for e in article.entities if e.label == "location"}
    rows = []
    for event in article.events:
        for name in event.locations or ("",):
            place = places.get(name)
            rows.append({
                "event_id": event.id, "place": name, "article_id": article.id, "type": event.type,
                "date": event.date or article.published, "published": article.published, "status": event.status,
                "claimed_by": event.claimed_by, "outlet": article.outlet,
                "admin1": (place.canonical if place.kind == "region" else place.admin1) if place else None,
                "country": place.country if place else None,
                "lat": place.lat if place else None, "lon": place.lon if place else None,
            })
    return rows


def claim_rows(article: Article) -> list[dict[str, Any]]:
    registry = _registry()
    rows = []
    for claim in article.claims:
        entry = registry.get(claim.speaker)
        rows.append({"claim_id": claim.id, "article_id": article.id, "speaker": claim.speaker,
                     "side": entry.side if entry else None, "outlet": article.outlet, "published": article.published})
    return rows


def entity_rows(article: Article) -> list[dict[str, Any]]:
    """One row per canonical entity of the article, with its mention count and gazetteer or registry fields."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for e in article.entities:
        key = (e.label, e.canonical)
        if key in rows:
            rows[key]["mentions"] += len(e.mentions)
            continue
        rows[key] = {"article_id": article.id, "label": e.label, "canonical": e.canonical,
                     "mentions": len(e.mentions), "kind": e.kind, "side": e.side, "role": e.role,
                     "country": e.country, "admin1": e.admin1, "lat": e.lat, "lon": e.lon, "ref": e.id}
    return list(rows.values())
