"""Military units named by number and type: "the 3rd Tank Brigade", "Ukraine's 82nd air assault, 3rd
tank and 125th territorial defense brigades".

A unit is an organisation of its side: ``28th Mechanized Brigade (Ukraine)``. The side comes from the
words just before the unit or list ("the Ukrainian army's", "Russia's"); a unit whose side the text
does not give is left out rather than guessed. Spelling follows the usual English titles (Mechanized,
Defense).
"""

from __future__ import annotations

import re

from sitroom.model import Entity, Mention, Span

TYPES = ("separate", "guards", "mechanized", "mechanised", "motorized", "motorised", "motor rifle", "air assault",
         "airborne", "assault", "tank", "artillery", "territorial defense", "territorial defence", "marine",
         "naval infantry", "infantry", "rifle", "jaeger", "special forces", "special purpose", "mountain assault",
         "coastal defense", "coastal defence", "operational", "presidential", "national guard", "rapid response",
         "border guard", "engineer", "reconnaissance", "drone", "unmanned systems")
_ORD = r"\d{1,3}(?:st|nd|rd|th)"
_TYPE = r"(?:%s)(?:\s+(?:%s))*" % ("|".join(TYPES), "|".join(TYPES))
_UNIT = r"(?:brigade|regiment|battalion|division|corps)s?"
UNIT_LIST = re.compile(rf"\b{_ORD}(?:\s+{_TYPE})?(?:\s*,\s*{_ORD}(?:\s+{_TYPE})?)*(?:,?\s+and\s+{_ORD}"
                       rf"(?:\s+{_TYPE})?)?\s+{_UNIT}\b", re.I)
ITEM = re.compile(rf"(?P<ord>{_ORD})(?:\s+(?P<type>{_TYPE}))?", re.I)
SIDES = (("Ukraine", "UA", "ukraine", re.compile(r"\b(?:ukrain(?:e|ian|e's|e’s)|kyiv|kiev|armed forces of ukraine)\b", re.I)),
         ("Russia", "RU", "russia", re.compile(r"\b(?:russia(?:n|'s|’s)?|moscow|kremlin)\b", re.I)))
SPELLING = {"mechanised": "mechanized", "motorised": "motorized", "defence": "defense"}


def _title(words: str) -> str:
    out = []
    for w in words.lower().split():
        w = SPELLING.get(w, w)
        out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def _side(body: str, start: int) -> tuple[str, str, str] | None:
    """The side named last in the words before a unit (same sentence, up to 80 characters)."""
    before = body[max(0, start - 80):start]
    before = before[max(before.rfind(". "), before.rfind("\n")) + 1:]
    hits = [(m.end(), country, code, side) for country, code, side, p in SIDES for m in p.finditer(before)]
    return max(hits)[1:] if hits else None


def find_units(body: str) -> list[Entity]:
    """Units named in ``body``, one entity per unit with all its mentions."""
    found: dict[str, tuple[list[Mention], str, str]] = {}
    for m in UNIT_LIST.finditer(body):
        side = _side(body, m.start())
        if side is None:
            continue
        country, code, side_name = side
        unit = re.search(rf"{_UNIT}$", m.group(0), re.I).group(0).lower().rstrip("s")
        items = [item for item in ITEM.finditer(m.group(0)) if item.end() <= len(m.group(0)) - len(unit)]
        for k, item in enumerate(items):
            # "28th and 41st mechanized brigades": an untyped number shares the type named after it
            kind = item.group("type") or next((i.group("type") for i in items[k + 1:] if i.group("type")), "")
            name = f"{item.group('ord').lower()} {_title(kind)} {unit.title()} ({country})"
            name = re.sub(r"\s+", " ", name)
            mention = Mention(item.group(0), Span(m.start() + item.start(), m.start() + item.end()))
            found.setdefault(name, ([], code, side_name))[0].append(mention)
    return [Entity(name, "organization", tuple(mentions), kind="military", country=code, side=side_name)
            for name, (mentions, code, side_name) in found.items()]
