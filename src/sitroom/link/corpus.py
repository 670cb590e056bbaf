"""The corpus analysis as a fold: articles are added one after another, and the analysis of the
articles added so far can be read, stored and extended at any time.

:class:`CorpusAnalysis` holds the story index (:class:`~sitroom.link.stories.StoryIndex`), the copy
groups (:class:`~sitroom.link.syndication.CopyIndex`), the claims with propositions and their kept
relations (:class:`~sitroom.link.relations.Relator`) and the outlets' framing counts. Each part
does a bounded amount of work per new article, and each part's state is plain JSON
(:meth:`CorpusAnalysis.to_state`), so a store keeps it beside the analysis and a new article
updates it without reading the corpus again: only the claim groups, which join everything, are
recomputed from the kept claims and relations.

Adding articles in several calls gives exactly what one call over the same sequence gives. The
order is the corpus order (:func:`corpus_order`: publication date, undated last, then source and id): a
store analysed from scratch (``sitroom analyze --rebuild``) folds its articles in that order, and
articles ingested later are folded after them. An article that arrives late for its date (a
back-fill) is compared with what is stored at that moment, so the two can differ where clustering
or copy detection depends on order; a rebuild puts it in its place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from sitroom.link.framing import OutletTallies
from sitroom.link.provenance import ClaimView, claim_views, fold_into
from sitroom.link.relations import THRESHOLD, Relator, claim_groups
from sitroom.link.stories import StoryIndex
from sitroom.link.syndication import CopyIndex
from sitroom.model import Analysis, Article, OutletProfile, Story

#: the version of the state's layout and of the rules that made it; another version is rebuilt
STATE_VERSION = 3
#: a claim view's fields, all JSON values (``dataclasses.asdict`` would deep-copy every proposition)
VIEW_FIELDS = tuple(f.name for f in dataclasses.fields(ClaimView))


def corpus_order(article: Article) -> tuple[bool, str, str, str]:
    """The order articles are analysed in: by publication date (undated last), then by source and id,
    so that the first of a group of copies is the one :func:`~sitroom.link.syndication.originating` names."""
    return corpus_key(article.published, article.source, article.id)


def corpus_key(published: str | None, source: str, article_id: str) -> tuple[bool, str, str, str]:
    """:func:`corpus_order` from an article's fields (a store's rows)."""
    return (published is None, published or "", source, article_id)


class CorpusAnalysis:
    """Stories, copies, claim relations and outlet framing over the articles added so far.

    ``text_of`` maps article ids to the bodies of articles already added (a store's reader, or the
    articles at hand): copy detection reads the text of a candidate copy only when one turns up.
    """

    def __init__(self, registry=None, text_of: Callable[[list[str]], dict[str, str]] | None = None,
                 state: dict[str, Any] | None = None) -> None:
        from sitroom.kb.registry import Registry

        self.registry = registry or Registry.load()
        state = state or {}
        self.stories = StoryIndex.from_state(state["stories"]) if state else StoryIndex()
        self.copies = CopyIndex.from_state(state["copies"], text_of) if state else CopyIndex(text_of)
        self.outlets = OutletTallies(state.get("outlets"), registry=self.registry)
        self.views: dict[str, ClaimView] = {v["id"]: ClaimView(**v) for v in state.get("views", [])}
        self.sides: dict[str, str | None] = state.get("sides", {})  # originating source -> side
        self.folded: set[str] = set(state.get("folded", []))  # claims of copies, folded into an earlier copy's
        self._of_article: dict[str, list[ClaimView]] = {}
        for view in self.views.values():
            self._of_article.setdefault(view.article, []).append(view)
        self.by_group: dict[str, list[ClaimView]] = {g: [self.views[i] for i in ids]
                                                     for g, ids in state.get("by_group", {}).items()}
        self.relator = Relator.from_state(state["relator"], self.views) if state else Relator()

    def known(self, article_id: str) -> bool:
        return self.stories.known(article_id)

    def add(self, articles: Iterable[Article]) -> int:
        """Add articles in the order given (see :func:`corpus_order`); returns how many were new."""
        new_views: list[ClaimView] = []
        added = 0
        for article in articles:
            if self.known(article.id):
                continue
            added += 1
            story = self.stories.add(article)
            group = self.copies.add(article)
            self.outlets.add(article)
            if group is not None and group not in self.by_group:  # the group's first copy, seen alone until now
                first = [v for v in self._of_article.get(group, []) if v.copy_group is None]
                for view in first:
                    view.copy_group = group
                self.by_group[group] = first
            views = claim_views([article], self.registry, {article.id: group} if group else {},
                                {article.id: story}, start=len(self.copies.ids) - 1, sides=self.sides)
            self.views.update((v.id, v) for v in views)
            self._of_article[article.id] = views
            kept = fold_into(views, self.by_group)
            self.folded.update({v.id for v in views} - {v.id for v in kept})
            new_views += kept
        self.relator.add(new_views)
        return added

    def result(self, articles: list[Article] | None = None) -> Analysis:
        """The analysis of everything added (``articles``: the records to include in it, if any)."""
        kept = [v for v in self.views.values() if v.id not in self.folded]
        relations = self.relator.relations({v.id: v.order for v in kept})
        return Analysis(articles=articles or [],
                        stories=[Story(sid, tuple(members)) for sid, members in self.stories.stories().items()],
                        syndication=self.copies.groups(), claim_groups=claim_groups(kept, relations),
                        relations=relations,
                        outlets={name: OutletProfile.from_dict(p) for name, p in self.outlets.result().items()},
                        threshold=THRESHOLD)

    def to_state(self) -> dict[str, Any]:
        """The whole fold as JSON values; ``CorpusAnalysis(state=...)`` continues it."""
        return {"version": STATE_VERSION, "stories": self.stories.to_state(), "copies": self.copies.to_state(),
                "outlets": self.outlets.to_state(),
                "views": [{name: getattr(v, name) for name in VIEW_FIELDS} for v in self.views.values()],
                "sides": self.sides, "folded": sorted(self.folded), "by_group": {g: [v.id for v in views] for g, views in self.by_group.items()},
                "relator": self.relator.to_state()}


def analyze(articles: Iterable[Article], registry=None) -> Analysis:
    """Analyse ``articles`` together, in corpus order (see :class:`CorpusAnalysis`)."""
    articles = sorted({a.id: a for a in articles}.values(), key=corpus_order)  # one article once
    bodies = {a.id: a.body or "" for a in articles}
    fold = CorpusAnalysis(registry, text_of=lambda ids: {i: bodies[i] for i in ids})
    fold.add(articles)
    return fold.result(articles)
