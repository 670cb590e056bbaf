"""How war reporting phrases what a proposition is not, or where it is: the writer's setting, a
presupposed offensive, a front named elsewhere, a clause's bounds, what a strike hit. Patterns
about phrasing, used by :mod:`sitroom.link.propositions` on lower-cased claim text.
"""

from __future__ import annotations

import re

#: what was hit, never who attacked: "Russian troops struck ..." says nothing of the target
MILITARY_TARGET = re.compile(r"\b(?:military (?:facilit\w+|infrastructure|targets?|objects?|sites?|depot|airfield)|"
                             r"workshop|depot|warehouse|ammunition|deployment point|positions|servicemen|mercenaries|"
                             r"command post|launch sites?|gathering of|barracks|radar|air[- ]defen[cs]e|"
                             r"defen[cs]e[- ](?:industry|industrial|enterprise|plant)|military[- ]industrial|"
                             r"(?:assembl|produc|mak|manufactur|repair)ing (?:\w+ ){0,2}(?:drones|weapons|missiles|"
                             r"ammunition|shells|military equipment)|"
                             r"(?:drones|weapons|missiles|ammunition) for the (?:ukrainian|russian) (?:army|armed forces|military))\b")
CIVILIAN_TARGET = re.compile(r"\b(?:residential|apartment|civilians?|houses?|homes?|market|hospital|school|"
                             r"hypermarket|shop|store|kindergarten|courtyard|residents|children|pharmacy|"
                             r"post office|church)\b")


def strike_target(text: str) -> str | None:
    """What a strike is said to have hit: military or civilian (None when the claim says both or neither).
    "No civilians were harmed" describes a military target."""
    text = re.sub(r"\bno (?:civilians?|residential buildings?|homes?)\b[^.;,]*", " military ", text)
    military, civilian = bool(MILITARY_TARGET.search(text)), bool(CIVILIAN_TARGET.search(text))
    return "military" if military and not civilian else "civilian" if civilian and not military else None


#: a front named by its direction, or the whole front line: no one oblast
OTHER_FRONT = re.compile(r"\b(?:(?:north|south)?(?:-)?(?:eastern|western|northern|southern) (?:front|direction|sector)|"
                         r"(?:entire|whole) front(?: line)?|(?:across|along) the front(?: line)?|"
                         r"other (?:parts|sectors|sections) of the front)\b")
#: a claim that is a relative clause of the sentence before it ("..., where Russia says ...")
RELATIVE_WHERE = re.compile(r"\s*(?:where|in which|on which)\b")
#: a compass word before a regional capital's name: "in northern Kharkiv" is the oblast's north
COMPASS_BEFORE = re.compile(r"\b(?:north|south|east|west)(?:ern|-eastern|-western|eastern|western)?\s+$", re.IGNORECASE)
#: a town named for the front around it: "the Kursk area", "on the Pokrovsk direction"
AREA_WORD = re.compile(r"\s+(?:area|direction|sector|axis|front|frontline|front line|border area|"
                       r"направлени\w*|напрям\w*|участк\w*|ділянц\w*)\b", re.IGNORECASE)
#: a capture of unnamed places: "liberating small settlements and facilities near the city"
GENERIC_OBJECT = re.compile(r"\s+(?:(?:several|some|many|small|more|other|a number of|dozens of|new)\s+)*"
                            r"(?:settlements|villages|positions|territor(?:y|ies)|areas|ground|facilities|lines)\b")
#: a subordinate clause of time before a trigger: what it says is the setting of the claim
SETTING = re.compile(r"\b(?:after|since|when|following|before|until|ahead of|at the (?:start|beginning|outset) of)\b"
                     r"[^,.;:]*$")
#: a definite or possessive phrase right before a nominal trigger: "the offensive", "Moscow's incursion"
DEFINITE = re.compile(r"(?:\b(?:the|its|their|this|that|his|her|our)|'s)\s+(?:(?!a\b|an\b)[\w-]+\s+){0,2}$")
NOMINAL_TRIGGER = re.compile(r"(?:offensive|operation|incursion|invasion|assault|attack|push|start|beginning|launch|"
                             r"outset)\b")


def presupposed(text: str, start: int) -> bool:
    """Whether an offensive's start is the claim's setting, not what it reports.

    Two ways war reporting presupposes an offensive: a subordinate clause of time ("fled since
    Friday, when Moscow's forces launched the operation", "captured six villages after launching
    an offensive", "at the start of the offensive") and a definite noun phrase ("the Russian
    offensive failed", "reduced the tempo of the offensive"). An indefinite one ("took part in a
    cross-border attack") and a main verb ("have launched an assault") report it.
    """
    before = text[max(0, start - 80):start]
    if SETTING.search(before):
        return True
    if re.match(r"(?:start|beginning|launch|outset)\b", text[start:]) and re.search(
            r"\b(?:at|since|from|before|after|until) the\s+$", before):
        return True  # "at the start of the offensive"
    return bool(NOMINAL_TRIGGER.match(text, start) and DEFINITE.search(before))


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` holding ``text[start:end]`` (cut at sentence ends, semicolons and "but")."""
    breaks = r"[.;]\s|\bbut\b"
    left = max((m.end() for m in re.finditer(breaks, text[:start])), default=0)
    right = next((end + m.start() for m in re.finditer(breaks, text[end:])), len(text))
    return text[left:right]


def clause_tail(text: str) -> str:
    """The part of ``text`` after its last clause break: negation and sides do not cross clauses."""
    cut = max((m.end() for m in re.finditer(r"[.;:]\s|,\s(?:but|while|and|as)\s|\bthat\b|\bwhile\b|\bbut\b|\bafter\b",
                                             text)), default=0)
    return text[cut:]
