"""The brief: what changed, one line each, with its status, its independent sources and its evidence.

An analyst reads it first. Its lines are the claim groups of the stored analysis (claims that state
one proposition, with their status, ``sitroom.link.relations.claim_groups``) whose proposition is a
change on the ground: control of a place, a front moving, a strike or damage, an evacuation, a
deployment or a withdrawal. A line says what is claimed ("Capture of Hlyboke by Russia"), its status
as the group has it, how many originating sources state it (copies and relays are not sources), from
which sides, when it was last reported, and links to the claims that carry it. At most
:data:`MAX_LINES` lines, the newest first, so the brief fits one screen; the rest of a report stays
below it.

:func:`build_brief` works on plain data, so the report (over the articles it read) and the web app
(over the store) give the same brief: ``claims`` maps a claim id to what a line shows of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

#: the lines a brief shows at most: with the header, one screen at 1400x900
MAX_LINES = 8
#: propositions that say something changed on the ground (``docs/relations.md``)
CHANGES = frozenset({"captured", "entered", "repelled", "withdrawal", "advancing", "stopped", "counteroffensive",
                     "offensive_started", "strike", "damage", "evacuation", "deployment"})
#: the group statuses (sitroom.model.GroupStatus) as the brief names them
STATUS_LABELS = {"contested": "contested", "confirmed across sides": "confirmed across sides",
                 "several sources, same side": "confirmed by one side", "single source": "single source"}
PHRASES = {"captured": "Capture", "entered": "Entry", "repelled": "Assault repelled", "withdrawal": "Withdrawal",
           "advancing": "Advance", "stopped": "Advance stopped", "counteroffensive": "Counteroffensive",
           "offensive_started": "Offensive", "strike": "Strike", "damage": "Damage", "evacuation": "Evacuation",
           "deployment": "Deployment"}
#: "Capture of X", "Strike in X", "Advance near X"
PLACE_WORDS = {"captured": "of", "entered": "of", "repelled": "at", "withdrawal": "from", "advancing": "near",
               "stopped": "near", "counteroffensive": "near", "offensive_started": "on", "deployment": "to"}


def line_text(proposition: Mapping[str, Any]) -> str:
    """'Capture of Hlyboke by Russia', 'Evacuation in Kharkiv', 'Denied: strike in Sumy by Russia'."""
    predicate = proposition.get("predicate") or ""
    text = PHRASES.get(predicate, predicate.replace("_", " ").capitalize())
    if place := proposition.get("place"):
        text += f" {PLACE_WORDS.get(predicate, 'in')} {place}"
    if side := proposition.get("side"):
        text += f" by {side.capitalize()}"
    if proposition.get("negated"):
        text = f"Denied: {text[:1].lower()}{text[1:]}"
    return text


def build_brief(groups: Iterable[Mapping[str, Any]], claims: Mapping[str, Mapping[str, Any]], *,
                keep: Callable[[Mapping[str, Any]], bool] | None = None, limit: int = MAX_LINES) -> dict[str, Any]:
    """The brief over ``groups`` (the stored ``claim_groups``).

    ``claims`` maps the ids of the claims in scope to ``{"speaker", "outlet", "published", "evidence",
    "article_id", "link"}``; a group enters when one of its claims is in scope and ``keep`` (if given)
    accepts its proposition. A line lists its claims in scope (newest first) as its evidence.
    """
    lines: list[dict[str, Any]] = []
    considered = Counter()
    for group in groups:
        proposition = group.get("proposition") or {}
        members = [c for c in group.get("claims") or () if c in claims]
        if not members or proposition.get("predicate") not in CHANGES or (keep and not keep(proposition)):
            continue
        status = STATUS_LABELS.get(group.get("status"), group.get("status") or "single source")
        considered[status] += 1
        evidence = sorted((dict(claims[c], id=c) for c in sorted(members)),
                          key=lambda e: e.get("published") or "", reverse=True)  # newest first, then in order
        distinct = {(e.get("speaker"), e.get("article_id")): e for e in reversed(evidence)}  # one a speaker and article
        shown = [e for e in evidence if distinct[(e.get("speaker"), e.get("article_id"))] is e]
        lines.append({
            "group": group.get("id"), "text": line_text(proposition), "status": status,
            "proposition": dict(proposition), "sources": len(group.get("sources") or ()),
            "source_names": list(group.get("sources") or ()), "sides": list(group.get("sides") or ()),
            "latest": evidence[0].get("published"), "claims": len(members),
            "outlets": list(dict.fromkeys(e["outlet"] for e in evidence if e.get("outlet"))),
            "evidence": shown[:3],
        })
    lines.sort(key=lambda x: (x["latest"] or "", x["sources"], x["claims"]), reverse=True)
    shown, seen = [], set()
    for line in lines:  # one line a proposition: a second group stating it (not linked to the first) adds nothing new
        if line["text"] in seen:
            continue
        seen.add(line["text"])
        shown.append(line)
    return {"lines": shown[:limit], "total": len(shown), "statuses": dict(considered)}
