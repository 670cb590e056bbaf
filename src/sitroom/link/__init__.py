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
    from sitroom.link.relations import THRESHOLD, claim_groups, claim_views, fold_copies, relate
    from sitroom.link.stories import cluster_stories
    from sitroom.link.syndication import originating, syndication_groups

    docs = list(docs)
    stories = cluster_stories(docs)
    syndication = syndication_groups(docs)
    by_source = {d["source"]: d for d in docs}
    copy_group = {}
    for members in syndication:
        first = originating(by_source[m] for m in members)
        copy_group.update({m: first for m in members})
    # each group's first copy before its later copies, so that later copies fold into it
    ordered = sorted(docs, key=lambda d: copy_group.get(d["source"], d["source"]) != d["source"])
    story_of = {member: sid for sid, members in stories.items() for member in members}
    views = fold_copies(claim_views(ordered, _registry(), copy_group, story_of))
    relations = relate(views)
    groups = claim_groups(views, relations)
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "articles": docs,
        "stories": [{"id": sid, "articles": members} for sid, members in stories.items()],
        "claim_groups": groups,
        "relations": [r.to_dict() for r in relations],
        "relation_threshold": THRESHOLD,
        "outlets": profile_outlets(docs),
        "syndication": syndication,
    }
    return out
