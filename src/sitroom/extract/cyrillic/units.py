"""Military units named by number and type in Russian and Ukrainian: "47-ї окремої механізованої
бригади", "3-я отдельная штурмовая бригада", "58-й общевойсковой армии", "92-ї ОШБр".

Each is an organisation of its side under the title English reporting gives it, as
:mod:`sitroom.extract.units` names units in English text: "47th Separate Mechanized Brigade
(Ukraine)", or the registry's entry when it knows the unit by that title ("3rd Assault Brigade").
The side comes from the words just before the unit in its sentence ("бійці ЗСУ з 47-ї ...",
"российской 58-й армии") or the force named right after it ("47-я бригада ВСУ"); a unit the registry
knows carries the registry's side when the text gives none. Any other unit whose side the text does
not give is still a unit's name, but no entity: the number alone does not say whose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.kb.registry import Registry
from sitroom.model import Entity, Mention, Span

#: the adjectives and genitive phrases of a unit's kind, by their stem, with the English words for them
KINDS = (
    (r"окрем|отдельн", "Separate"), (r"гвардійськ|гвардейск", "Guards"),
    (r"механізован|механизированн?", "Mechanized"), (r"мотопіхот|мотопехот", "Motorized Infantry"),
    (r"мотострілец|мотострілк|мотострелков", "Motor Rifle"),
    (r"десантно-штурмов", "Air Assault"), (r"повітрянодесантн|повітряно-десантн|воздушно-десантн", "Airborne"),
    (r"гірсько-штурмов|горно-штурмов", "Mountain Assault"), (r"штурмов", "Assault"), (r"танков", "Tank"),
    (r"артилерійськ|артиллерийск", "Artillery"), (r"реактивн", "Rocket"), (r"ракетн", "Missile"),
    (r"зенітн|зенитн", "Anti-Aircraft"), (r"єгерськ|егерск", "Jaeger"), (r"президентськ|президентск", "Presidential"),
    (r"прикордонн|пограничн", "Border Guard"), (r"інженерн|инженерн", "Engineer"),
    (r"розвідувальн|разведывательн", "Reconnaissance"), (r"загальновійськов|общевойсков", "Combined Arms"),
    (r"морськ\w*\s+піхот|морск\w*\s+пехот", "Marine"), (r"територіальн\w*\s+оборон|территориальн\w*\s+оборон",
                                                      "Territorial Defense"),
    (r"спеціальн\w*\s+призначенн|специальн\w*\s+назначени", "Special Purpose"),
    (r"безпілотн\w*\s+систем|беспилотн\w*\s+систем", "Unmanned Systems"),
)
#: the nouns of units, by stem, with their English titles
UNITS = ((r"бригад", "Brigade"), (r"полк", "Regiment"), (r"батальйон|батальон", "Battalion"),
         (r"дивізі|дивизи", "Division"), (r"корпус", "Corps"), (r"армі|арми", "Army"))
#: the abbreviations Ukrainian units go by: "47 ОМБр", "92-га ОШБр"
ABBREVIATIONS = {"омбр": "Separate Mechanized Brigade", "ошбр": "Separate Assault Brigade",
                 "одшбр": "Separate Air Assault Brigade", "отбр": "Separate Tank Brigade",
                 "оабр": "Separate Artillery Brigade", "омпбр": "Separate Motorized Infantry Brigade",
                 "огшбр": "Separate Mountain Assault Brigade", "обртро": "Separate Territorial Defense Brigade",
                 "омбрмп": "Separate Marine Brigade", "ооп": "Separate Special Purpose Regiment"}

_WORD = r"[а-яіїєґё'’-]+"
_KIND = "|".join(f"(?:{stem}){_WORD}" for stem, _ in KINDS)
_UNIT = "|".join(f"(?:{stem})[а-яіїєґё]*" for stem, _ in UNITS)
#: a number with its case ending ("47-ї", "3-я", "58-й", "1-го"), its kinds and the unit's noun, or a number
#: and the unit's abbreviation ("47 ОМБр", "92-ї ОШБр"); a bare number before a noun counts ("5 батальйонів")
UNIT = re.compile(rf"(?<![\w.,-])(?P<n>\d{{1,3}})(?:(?P<case>[ \t]?-[ \t]?[а-яіїєё]{{1,3}})[ \t]+"
                  rf"(?P<kinds>(?:(?i:{_KIND})[ \t]+){{0,4}})(?P<unit>(?i:{_UNIT}))(?P<after>(?:[ \t]+(?i:{_KIND}))*)|"
                  rf"(?:[ \t]?-[ \t]?[а-яіїєё]{{1,3}})?[ \t]+(?P<abbr>(?i:{'|'.join(ABBREVIATIONS)})))(?!\w)")
#: the forces of each side, as the words before or right after a unit name them
SIDES = (("Ukraine", "UA", "ukraine", re.compile(r"(?i)україн|украин|\bЗСУ\b|\bВСУ\b|сил\w* оборони|\bНГУ\b|нацгвард")),
         ("Russia", "RU", "russia", re.compile(r"(?i)росси|російськ|\bРФ\b|окупант|оккупант|рашист")))
FORCE_AFTER = re.compile(r"[ \t]+(?:ЗСУ|ВСУ|Збройних сил України|Вооруженных сил Украины|ВС РФ|ЗС РФ|армії РФ|"
                         r"армии России|России|РФ|України|Украины)(?!\w)")

#: another country right after a unit, by its abbreviation or name: "1-й армии США", "1-ї армії Польщі"
NAME_AFTER = re.compile(r"[ \t]+(?:[А-ЯІЇЄҐЁ]{3,}(?!\w)|(?:Германи|Німеччин|Франци|Франці|Великобритани|Великої Британі|"
                        r"Польш|Польщ|Израил|Ізраїл|Иран|Іран|Китая|Китаю|Турци|Туреччин)\w*)")


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    text: str
    title: str                     # "47th Separate Mechanized Brigade"
    side: tuple[str, str, str] | None  # (country, code, side) when the text gives it


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _kinds(words: str) -> list[str]:
    out = []
    for m in re.finditer(rf"(?i){_KIND}", words):
        out.append(next(title for stem, title in KINDS if re.match(f"(?i){stem}", m.group())))
    return out


def _side(body: str, start: int, end: int) -> tuple[str, str, str] | None:
    """The force named right after the unit, else the side named last before it in its sentence."""
    after = FORCE_AFTER.match(body, end)
    if after:
        return next((c, code, s) for c, code, s, p in SIDES if p.search(after.group()))
    if NAME_AFTER.match(body, end):
        return None  # "1-й армии США": another country's unit
    before = body[max(0, start - 80):start]
    before = before[max(before.rfind(". "), before.rfind("\n")) + 1:]
    hits = [(m.end(), country, code, side) for country, code, side, p in SIDES for m in p.finditer(before)]
    return max(hits)[1:] if hits else None


def find_units(body: str) -> list[Unit]:
    out = []
    for m in UNIT.finditer(body):
        if m.group("abbr"):
            title = ABBREVIATIONS[m.group("abbr").lower()]
        else:
            kinds = _kinds(m.group("kinds")) + _kinds(m.group("after") or "")
            noun = next(t for stem, t in UNITS if re.match(f"(?i){stem}", m.group("unit")))
            title = " ".join([*kinds, noun])
        start, end = m.start(), m.end()
        side = _side(body, start, end)
        if side is None and m.group("abbr"):
            side = SIDES[0][:3]  # "ОМБр", "ОШБр": the Ukrainian army's own abbreviations
        out.append(Unit(start, end, m.group(), f"{_ordinal(int(m.group('n')))} {title}", side))
    return out


def unit_entity(unit: Unit, registry: Registry) -> Entity | None:
    """The entity a unit names: the registry's when it knows the title (a unit it knows carries its
    side: "3-ї окремої штурмової бригади" is the 3rd Assault Brigade, though the text does not say
    whose), unless the text gives the unit another side; else, with a side, the title and its country
    ("47th Separate Mechanized Brigade (Ukraine)")."""
    mention = (Mention(unit.text, Span(unit.start, unit.end)),)
    entry = next(iter(registry.lookup(unit.title, "organization", weak=False)), None)
    if entry is not None and (unit.side is None or unit.side[2] == entry.side):
        return Entity(entry.canonical, "organization", mention, kind=entry.kind, country=entry.country, side=entry.side)
    if unit.side is None:
        return None
    country, code, side = unit.side
    return Entity(f"{unit.title} ({country})", "organization", mention, kind="military", country=code, side=side)
