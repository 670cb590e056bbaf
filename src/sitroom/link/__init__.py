"""Corpus-level analysis: stories, provenance, corroboration, contradiction, outlet framing.

:func:`analyze` takes article documents (as ``sitroom extract --json`` prints them) and returns
the ``sitroom analyze --json`` document: ``articles``, ``stories``, ``claim_groups``,
``relations`` and ``outlets``. Claim ids are those of the articles, so everything stays
traceable to its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SCHEMA = "sitroom/analysis/v1"


def _registry():
    from sitroom.extract.registry import Registry

    return Registry.load()


def analyze(docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    from sitroom.link.framing import profile_outlets
    from sitroom.link.relations import claim_groups, claim_views, relate
    from sitroom.link.stories import cluster_stories
    from sitroom.link.syndication import syndication_groups

    docs = list(docs)
    stories = cluster_stories(docs)
    story_of = {source: sid for sid, members in stories.items() for source in members}
    views = claim_views(docs, story_of, _registry())
    relations = relate(views)
    groups = claim_groups(views, relations)
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "articles": docs,
        "stories": [{"id": sid, "articles": members} for sid, members in stories.items()],
        "claim_groups": groups,
        "relations": [r.to_dict() for r in relations],
        "outlets": profile_outlets(docs),
        "syndication": syndication_groups(docs),
    }
    return out
