"""Who claims to hold a settlement: the claims of control of each place, over time, with their status.

Conflict analysts draw this by hand every day. A claim group (claims stating one proposition) about
control of a place says which side, by that claim, holds it:

- a capture or an entry by a side: that side ("Russia says it took Hlyboke");
- the same, denied: the other side ("Kyiv says the village was not taken");
- an assault repelled (the side is the attacker's): the other side;
- a withdrawal by a side: the other side.

A settlement's entries are its groups in time order, each with the claimed holder, the group's status
(contested, confirmed across sides, ...) and its claims; the latest entry is what a map layer shows.
A status says how far the claim holds up, never that the place changed hands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sitroom.report.brief import STATUS_LABELS, line_text

CONTROL = frozenset({"captured", "entered", "repelled", "withdrawal"})
OTHER = {"russia": "ukraine", "ukraine": "russia"}


def claimed_holder(proposition: Mapping[str, Any]) -> str | None:
    """The side that holds the place by this proposition's account, or None when it does not say."""
    predicate, side = proposition.get("predicate"), proposition.get("side")
    if predicate not in CONTROL or side not in OTHER:
        return None
    gains = predicate in ("captured", "entered")
    if predicate == "repelled" or predicate == "withdrawal":
        return OTHER[side] if not proposition.get("negated") else side
    return side if gains != bool(proposition.get("negated")) else OTHER[side]


def control_entries(groups: Iterable[Mapping[str, Any]], dates: Mapping[str, str | None]) -> dict[str, list[dict]]:
    """Place -> its control entries, oldest first: one a claim group whose proposition names a holder.

    ``dates`` maps claim ids to their article's publication date (claims missing from it are out of
    scope)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for group in groups:
        proposition = group.get("proposition") or {}
        place, holder = proposition.get("place"), claimed_holder(proposition)
        claims = sorted((c for c in group.get("claims") or () if c in dates), key=lambda c: (dates[c] or "", c))
        if not place or holder is None or not claims:
            continue
        known = [dates[c] for c in claims if dates[c]]
        out.setdefault(place, []).append({
            "group": group.get("id"), "text": line_text(proposition), "holder": holder,
            "status": STATUS_LABELS.get(group.get("status"), group.get("status")),
            "first": min(known) if known else None, "latest": max(known) if known else None,
            "claims": claims, "sources": list(group.get("sources") or ()), "sides": list(group.get("sides") or ()),
        })
    for entries in out.values():
        entries.sort(key=lambda e: (e["latest"] or "", e["first"] or "", e["group"] or ""))
    return out
