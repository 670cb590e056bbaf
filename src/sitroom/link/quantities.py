"""Counts a claim gives: killed, injured, troops, km² and settlements, read from lower-cased text."""

from __future__ import annotations

import re

from sitroom.model import Quantity

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "dozens": 24,
                 "hundred": 100, "hundreds": 200, "thousand": 1000, "a thousand": 1000, "thousands": 2000}
_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?(?:\s*(?:thousand|million))?|a thousand|a hundred|one|two|three|four|five|six|seven|" \
          r"eight|nine|ten|eleven|twelve|dozens|dozen|hundreds|thousands)"
_BOUND = r"(?P<bound>at least|more than|over|up to|fewer than|less than|about|around|nearly|almost|some|roughly)?\s*"
_WHO = r"(?:more |other |additional )?(?:(?:people|civilians|persons|men|women)(?:, including [^,.;]{1,40},)? )?"
_KINDS = {
    "killed": _WHO + r"(?:were |was |have been |had been )?(?:killed|dead|deaths|fatalities|died|lives)",
    "injured": _WHO + r"(?:were |was |have been |had been )?(?:injured|wounded|injuries|hurt)",
    "troops": r"(?:\w+ ){0,2}(?:troops|soldiers|servicemen|fighters|personnel|people)",
    "km2": r"(?:sq(?:uare)?\.? ?(?:km|kilomet(?:er|re)s?)|km2|km²)",
    "settlements": r"(?:\w+ ){0,2}(?:villages|settlements|towns|localities)",
}
_QUANTITY = [(kind, re.compile(rf"\b{_BOUND}(?P<number>{_NUMBER})\s+(?:of\s+)?{unit}\b")) for kind, unit in _KINDS.items()]
_VERB_FIRST = [(kind, re.compile(rf"\b(?:{verb})\s+{_BOUND}(?P<number>{_NUMBER})\b"))
               for kind, verb in (("killed", "killing|killed|claimed the lives of"), ("injured", "injuring|wounding|injured"))]
#: "the death toll has risen to nine", "the number of injured rose to 21": a toll told as a level reached
_TOLL = [(kind, re.compile(rf"\b(?:{subject})\b[^.;]{{0,80}}?\b(?:risen|rose|climbed|increased|grown|grew|reached|jumped|"
                           rf"stands? at|stood at|is now|now stands at)\s+(?:to\s+)?{_BOUND}(?P<number>{_NUMBER})\b"))
         for kind, subject in (("killed", r"death toll|toll|number of (?:the )?(?:dead|deaths|people killed|fatalities)"),
                               ("injured", r"number of (?:the )?(?:injured|wounded|people injured|people wounded)"))]
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$")
_ONE_PERSON = re.compile(r"\ban?\s+(?:[\w-]+\s+){0,3}(?:man|woman|boy|girl|child|resident|civilian|person)\s+"
                         r"(?:was|has been|had been)\s+(?P<kind>killed|injured|wounded)")


def _value(raw: str) -> float | None:
    raw = raw.strip().replace(",", "")
    if raw in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[raw])
    scale = 1000 if raw.endswith("thousand") else 1_000_000 if raw.endswith("million") else 1
    digits = re.sub(r"[^\d.]", "", raw)
    try:
        return float(digits) * scale if digits else None
    except ValueError:
        return None


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Killed, injured, troops, km² and settlements counted in ``text`` (lower-cased)."""
    found: dict[str, Quantity] = {}
    bounds = {"up to": "at most", "fewer than": "at most", "less than": "at most", "at least": "at least",
              "more than": "at least", "over": "at least"}
    for kind, pattern in _QUANTITY + _VERB_FIRST + _TOLL:
        for m in pattern.finditer(text):
            value = _value(m.group("number"))
            if value is None or kind in found or _MONTH.search(text, max(0, m.start() - 10), m.start()) or (
                    kind == "troops" and m.group(0).endswith("people") and value < 100):
                continue
            bound = bounds.get(m.group("bound") or "", "about" if m.group("bound") else "exact")
            found[kind] = Quantity(m.group(0).strip(), value, kind, bound)
    for m in _ONE_PERSON.finditer(text):
        kind = "killed" if m.group("kind") == "killed" else "injured"
        found.setdefault(kind, Quantity(m.group(0).strip(), 1.0, kind, "exact"))
    return tuple(found[k] for k in _KINDS if k in found)
