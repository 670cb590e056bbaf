"""Where a claim comes from, as relation rules see it: its originating source, its side, whether it is
a belligerent's official voice, and the claims of syndicated copies folded into the first copy.

:func:`claim_views` gives one :class:`ClaimView` per claim that carries a proposition; relations
(:mod:`sitroom.link.relations`) are computed over these views.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from sitroom.model import Article, Claim, Span, day_number, normalize_text


@dataclass
class ClaimView:
    """What relation rules need to know about one claim."""

    id: str
    article: str            # article id
    order: int              # position in the corpus (articles in input order)
    speaker: str
    source: str             # originating source
    side: str | None
    evidence: str
    props: list[dict[str, Any]]
    copy_group: str | None = None
    day: int | None = None  # the article's publication day
    copies: list[str] = field(default_factory=list)
    story: str | None = None  # the story cluster of its article
    official: bool = False  # a belligerent's state body (government, military, intelligence)


# --- provenance -------------------------------------------------------------------------------

def originating_source(claim: Claim, registry=None) -> str:
    """The named speaker (sub-units folded into their parent body), else the first outlet of ``via``."""
    speaker = claim.speaker or "unknown"
    if claim.speaker_kind == "unnamed" and claim.via:
        return claim.via[0]
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


def claim_views(articles: Iterable[Article], registry=None, copy_group: dict[str, str] | None = None,
                story_of: dict[str, str] | None = None, start: int = 0,
                sides: dict[str, str | None] | None = None) -> list[ClaimView]:
    """One view per claim that carries at least one proposition; ``copy_group`` and ``story_of``
    map article ids to their syndication group and story.

    A claim whose speaker is a medium (an outlet or a platform) and whose sentence also carries a
    claim of another speaker ("As Ukrinform reported, Moscow claimed ...") is that claim relayed,
    not a second one, and gets no view. Propositions are taken in their dict form
    (:meth:`~sitroom.model.Record.to_dict`), the working form of the rules below. ``start`` is the
    corpus position of the first article; ``sides`` caches each originating source's side (updated),
    so that a caller adding articles a few at a time resolves each source once, as one call would.
    """
    copy_group, story_of = copy_group or {}, story_of or {}
    views = []
    sides = {} if sides is None else sides
    for order, article in enumerate(articles, start):
        speakers_of: dict[Span, set[str]] = {}
        for claim in article.claims:
            speakers_of.setdefault(claim.evidence, set()).add(claim.speaker)
        for claim in article.claims:
            if not claim.propositions or (_is_medium(claim.speaker, registry) and any(
                    not _is_medium(other, registry) for other in speakers_of[claim.evidence] - {claim.speaker})):
                continue
            source = normalize_text(originating_source(claim, registry))  # "Office’s" and "Office's" are one
            if source not in sides:
                sides[source] = side_of(source, registry) or side_of(claim.speaker, registry)
            views.append(ClaimView(claim.id, article.id, order, claim.speaker, source, sides[source],
                                   article.span_text(claim.evidence), [p.to_dict() for p in claim.propositions],
                                   copy_group.get(article.id), day_number(article.published),
                                   story=story_of.get(article.id), official=_official(source, registry)))
    return views


#: registry kinds of a state's own bodies: one chain of command, not independent of each other
STATE_KINDS = frozenset({"government", "military", "intelligence"})


#: a person's registry role that holds a belligerent state's office
OFFICE = re.compile(r"\b(?:president|prime minister|minister|governor|mayor|commander|chief|general|head of|"
                    r"spokes(?:man|woman|person)|secretary|deputy|ambassador|administration|council|ministry|"
                    r"armed forces|general staff)\b", re.IGNORECASE)


def _official(name: str, registry=None) -> bool:
    """A belligerent state's body, or a person holding its office (a governor, the army chief)."""
    entry = registry.get(name) if registry is not None and name else None
    if entry is None or entry.side not in ("russia", "ukraine"):
        return False
    return entry.kind in STATE_KINDS or (entry.kind == "person" and bool(OFFICE.search(getattr(entry, "role", "") or "")))


def _is_medium(name: str, registry=None) -> bool:
    return registry is not None and registry.is_medium(name)


def fold_copies(views: list[ClaimView], min_ratio: float = 90) -> list[ClaimView]:
    """Claims of syndicated copies folded into the same claim of the copy listed first.

    A claim in a later copy whose evidence reads as a claim of an earlier copy of the same group
    (``min_ratio`` on rapidfuzz's ratio), or that has the same originating source and asserts the
    same propositions (a trimmed or lightly rewritten copy), joins that claim's ``copies`` and takes
    no part in relations itself: copies are one source and must not count, or relate, twice.
    """
    return fold_into(views, {}, min_ratio)


def fold_into(views: list[ClaimView], by_group: dict[str, list[ClaimView]], min_ratio: float = 90) -> list[ClaimView]:
    """:func:`fold_copies` against the claims already kept per copy group (``by_group``, updated)."""
    kept: list[ClaimView] = []
    for view in views:
        if view.copy_group is None:
            kept.append(view)
            continue
        earlier = [v for v in by_group.get(view.copy_group, []) if v.article != view.article]
        text, asserts = normalize_text(view.evidence), _asserted(view)
        original = next((v for v in earlier if fuzz.ratio(text, normalize_text(v.evidence)) >= min_ratio), None) or \
            next((v for v in earlier if v.source == view.source and _asserted(v) == asserts), None)
        if original is not None:
            original.copies.append(view.id)
            continue
        by_group.setdefault(view.copy_group, []).append(view)
        kept.append(view)
    return kept


def _asserted(view: ClaimView) -> frozenset[tuple]:
    return frozenset((p["predicate"], p.get("place"), bool(p.get("negated")), p.get("side")) for p in view.props)
