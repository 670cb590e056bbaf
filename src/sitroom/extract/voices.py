"""Whose voice a page is: the wire agency a copy came from (its dateline, a credit line, "..., BBC
reports"), the institute a digest page is given to ("Key Takeaways from the ISW:"), and the claims
of a wire copy relayed through the wire.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitroom.clean.metadata import canonical_outlet
from sitroom.model import Article, Claim


#: a wire agency's credit line at the foot of a copy: "— AP", "AFP", "(Reporting by ...; Editing by ...)"
CREDIT = re.compile(r"^[\s(—–-]*(?:(?P<agency>AP|AFP|Reuters|dpa|Xinhua|Ukrinform|TASS|RIA Novosti|Interfax)"
                    r"[\s)]*$|\(?Reporting by\b)")
#: a credit closing a paragraph after a dash: "... he said. — AP"
TRAILING_CREDIT = re.compile(r"[.!?\"”]\s+[—–]\s*(?P<agency>AP|AFP|Reuters|dpa|Xinhua|Ukrinform|TASS|RIA Novosti|"
                             r"Interfax)\s*$")
#: a heading that gives the page to one source's assessment: "Key Takeaways from the ISW:"
DIGEST = re.compile(r"\s*(?:key\s+)?(?:takeaways|findings|highlights|conclusions)\s+(?:from|of|by)\s+(?:the\s+)?"
                    r"(?P<source>[^:\n]{2,80}?)\s*:?\s*$", re.IGNORECASE)
#: a bullet point of a list in the body
BULLET = re.compile(r"^[ \t]*[•▪●◦*-][ \t]+(?P<text>\S[^\n]*?)\s*$", re.MULTILINE)


def digest_source(article: Article, registry):
    """The registry organisation a digest page is given to, from its heading, or None."""
    if registry is None:
        return None
    lines = [article.title or ""] + [r.text for r in article.removed[:3]] + (article.body or "").split("\n")[:2]
    for line in lines:
        if (m := DIGEST.fullmatch(line.strip())) and (entry := registry.resolve(m.group("source"))) is not None \
                and entry.label == "organization":
            return entry
    return None


#: a lead that names where the whole story comes from: "..., BBC reports."
REPORTS = re.compile(r",\s+(?:the\s+)?(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\s+(?:reports|reported)\.\s*$")


def wire_of(article: Article, registry, outlet: str | None = None) -> str | None:
    """The agency a copy came from, when the page says so: its dateline ("MOSCOW (Reuters) -"),
    a credit line ("— AP", "(Reporting by ...)", Reuters' signature), or a lead ending "..., BBC
    reports". None when that agency is the publishing outlet itself (``outlet``, else the article's)."""
    outlet = outlet or (canonical_outlet(article.outlet) if article.outlet else None)
    names = [article.meta.get("dateline_outlet")]
    lines = (article.body or "").split("\n")
    credits = [r.text for r in article.removed] + lines[:8] + lines[-5:]  # a bare "AFP" line under the byline
    for line in credits:
        if m := CREDIT.match(line.strip()) or TRAILING_CREDIT.search(line):
            names.append(m.group("agency") or "Reuters")
    if re.search(r"\((?:additional\s+)?reporting by [^()]+\)\s*$", (article.body or "").rstrip(), re.I):
        names.append("Reuters")  # the credit closing the last paragraph
    lead = (article.body or "").split("\n\n")
    for paragraph in lead[:3]:
        if m := REPORTS.search(paragraph.split("\n")[0]):
            names.append(m.group("outlet"))
    for name in names:
        entry = registry.outlet(name) if name else None
        if entry is not None and entry.kind == "media" and entry.canonical != outlet:
            return entry.canonical
    return None


def through_wire(claims: list[Claim], article: Article, registry) -> list[Claim]:
    """Every claim of a wire copy came through the wire; the publishing outlet is never its own relay."""
    outlet = canonical_outlet(article.outlet) if article.outlet else None
    wire = wire_of(article, registry, outlet)
    out = []
    for c in claims:
        via = [v for v in c.via if v != outlet]
        if wire and wire not in via and c.speaker != wire:
            via.append(wire)
        out.append(replace(c, via=tuple(via)) if tuple(via) != c.via else c)
    return out
