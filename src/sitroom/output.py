"""The JSON an article is printed as (``sitroom extract --json``); see docs/output-schema.md.

Fields named as in the gold format have the gold format's shape, so scoring is a comparison;
richer detail (spans, reasons) sits in the extra fields beside them.
"""

from __future__ import annotations

from typing import Any

from sitroom.model import Analysis, Article, Entity, Span

SCHEMA = "sitroom/article/v1"
ANALYSIS_SCHEMA = "sitroom/analysis/v1"
ENTITY_FIELDS = {"location": "locations", "person": "persons", "organization": "organizations"}


def _span(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def _entity(entity: Entity) -> dict[str, Any]:
    out = {k: v for k, v in entity.to_dict().items() if k not in {"label", "mentions"} and v is not None}
    out["canonical"] = entity.canonical
    out["mentions"] = [{"text": m.text, "start": m.span.start, "end": m.span.end} for m in entity.mentions]
    return out


def article_json(article: Article) -> dict[str, Any]:
    body = article.body or ""
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "source": article.source,
        "id": article.id,
        "fingerprint": article.fingerprint,
        "outlet": article.outlet,
        "outlet_basis": article.outlet_basis,
        "title": article.title,
        "subtitle": article.subtitle,
        "published": article.published,
        "published_basis": article.published_basis,
        "language": article.language,
        "body": body,
        "boilerplate_lines": [r.text for r in article.removed if not r.fragment],
        "boilerplate_fragments": [r.text for r in article.removed if r.fragment],
        "removed": [r.to_dict() for r in article.removed],
        "duplicate_lines": [d.span.text(body) for d in article.duplicates],
        "duplicates": [
            {**_span(d.span), "of": _span(d.of), "reason": d.reason} for d in article.duplicates  # type: ignore[dict-item]
        ],
        "attribution_tags": [t.text for t in article.attribution_tags],
        "attributions": [
            {"tag": t.text, "scope": _span(t.scope), "speaker": t.speaker, "source": t.source, "label": t.label}
            for t in article.attribution_tags
        ],
    }
    for label, key in ENTITY_FIELDS.items():
        out[key] = [_entity(e) for e in article.entities if e.label == label]
    out["metonyms"] = list(article.meta.get("metonyms", []))
    out["demonyms"] = list(article.meta.get("demonyms", []))
    out["claims"] = [
        {**c.to_dict(), "evidence": c.evidence.text(body), "evidence_span": _span(c.evidence)}
        for c in article.claims
    ]
    out["events"] = [
        {**e.to_dict(), "evidence": e.evidence.text(body), "evidence_span": _span(e.evidence)}
        for e in article.events
    ]
    out["errors"] = [f.to_dict() for f in article.errors]
    return out


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """The ``sitroom analyze --json`` document (docs/output-schema.md)."""
    parts = analysis.parts()
    return {"schema": ANALYSIS_SCHEMA, "articles": [article_json(a) for a in analysis.articles],
            **{k: parts[k] for k in ("stories", "claim_groups", "relations", "relation_threshold", "outlets",
                                     "syndication")}}


def items_json(hits: list[tuple[str, str]], articles: dict[str, Article], field: str) -> list[dict[str, Any]]:
    """Claims or events (``field``) by (item id, article id), in hit order, as in ``article_json``,
    each with its article's id, source, outlet, date and title."""
    docs = {i: article_json(a) for i, a in articles.items()}
    out = []
    for item_id, article_id in hits:
        doc = docs.get(article_id)
        item = next((x for x in (doc or {}).get(field, []) if x["id"] == item_id), None)
        if item is not None:
            out.append({**item, "article": {k: doc[k] for k in ("id", "source", "outlet", "published", "title")}})
    return out
