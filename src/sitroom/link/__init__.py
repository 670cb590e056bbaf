"""Corpus-level analysis: stories, provenance, corroboration, contradiction, outlet framing.

:func:`analyze` takes :class:`~sitroom.model.Article` records and returns an
:class:`~sitroom.model.Analysis`: stories and copy groups by article id, claim groups, relations and
outlet profiles (its JSON document, ``sitroom analyze --json``, is built by
:func:`sitroom.output.analysis_json`). Claim ids are those of the articles, so everything stays
traceable to its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitroom.model import Analysis, Article, OutletProfile, Story


def _registry():
    from sitroom.kb.registry import Registry

    return Registry.load()


def analyze(articles: Iterable[Article]) -> Analysis:
    from sitroom.link.framing import profile_outlets
    from sitroom.link.provenance import claim_views, fold_copies
    from sitroom.link.relations import THRESHOLD, claim_groups, relate
    from sitroom.link.stories import cluster_stories
    from sitroom.link.syndication import originating, syndication_groups

    articles = list({a.id: a for a in articles}.values())  # one article once, whatever the input
    stories = cluster_stories(articles)
    syndication = syndication_groups(articles)
    by_id = {a.id: a for a in articles}
    copy_group = {}
    for members in syndication:
        first = originating(by_id[m] for m in members)
        copy_group.update({m: first for m in members})
    # each group's first copy before its later copies, so that later copies fold into it
    ordered = sorted(articles, key=lambda a: copy_group.get(a.id, a.id) != a.id)
    story_of = {member: sid for sid, members in stories.items() for member in members}
    views = fold_copies(claim_views(ordered, _registry(), copy_group, story_of))
    relations = relate(views)
    groups = claim_groups(views, relations)
    return Analysis(articles=articles, stories=[Story(sid, tuple(members)) for sid, members in stories.items()],
                    syndication=syndication, claim_groups=groups, relations=relations,
                    outlets={name: OutletProfile.from_dict(p) for name, p in profile_outlets(articles).items()},
                    threshold=THRESHOLD)
