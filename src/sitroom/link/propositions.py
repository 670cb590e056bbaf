"""Propositions: each claim reduced to what it asserts about the war, in a form any outlet shares.

A claim ("the defence ministry said its troops had liberated five villages in the Kharkiv region")
becomes zero or more :class:`~sitroom.model.Proposition` records: a predicate from a closed set
(``data/lexicons/propositions.toml``), the most specific place, the side whose action it is, the
time it is about, quantities, polarity and modality. Relations between claims are computed over
propositions (:mod:`sitroom.link.relations`), never over shared vocabulary.

How each part is read:

* **predicate**: the first pattern of a predicate that matches the claim's content (its reported
  part, else its evidence sentence). Overlapping matches keep the predicate listed first. A
  settlement-level predicate in a claim that names no settlement becomes its front-level analogue
  (captured / entered -> advancing, repelled -> stopped), so a claim that names only an oblast
  relates only to other oblast-level propositions.
* **place**: settlements named in the content (a list of villages gives one proposition each),
  else the settlements of the claim's events, else "the village" resolved to the last village
  named before it; front-level predicates use the oblast of those places, else an oblast named in
  the claim, else the article's main oblast (``place_basis`` ``article``).
* **side**: a side named next to the trigger ("Russian troops captured", "stopped the enemy"),
  with "enemy" the speaker's opponent and "our"/"its troops" the speaker's own; for a failed
  attack the attacker is read after the trigger first. Without one, a gain is the speaker's own
  side and a failure its opponent's.
* **time**: the date of the claim's own event, else its own time expression resolved against the
  publication date, else the publication date (``date_precision`` ``article``).
* **polarity / modality**: a negation just before the trigger, or a claim that denies, makes it a
  denial; a prospective word ("may", "plans to", "soon") turns a gain into a ``threat`` and drops
  anything else; hedges ("likely") make it ``hedged``.

Opinions, background and general assessments match no predicate and carry no proposition.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from sitroom.data import load_lexicon
from sitroom.extract.dates import find_times
from sitroom.kb import KB
from sitroom.link.phrasing import (AREA_WORD, COMPASS_BEFORE, GENERIC_OBJECT, OTHER_FRONT, RELATIVE_WHERE, clause_around,
                                   clause_tail, presupposed, strike_target)
from sitroom.link.quantities import find_quantities
from sitroom.model import Article, Claim, Entity, Event, Proposition, Span
from sitroom.pipeline import stage

SETTLEMENT_KINDS = frozenset({"city", "town", "village", "settlement", "hamlet", "district"})
FRONT_OF = {"captured": "advancing", "entered": "advancing", "repelled": "stopped", "withdrawal": "withdrawal"}
GAINS = frozenset({"captured", "entered"})
OPPOSITE = {"russia": "ukraine", "ukraine": "russia"}
ACTOR_NOUN = re.compile(r"\s+(?:\w+\s+){0,2}?(?:forces|troops|army|military|units|soldiers|servicemen|groups|"
                        r"assault|offensive|advance|attack|strikes?|drones?|missiles?|aviation|defen[cs]e|command|"
                        r"fighters|battalions|brigades|reserves|defenders|army's)\b")
PREVENTION = re.compile(r"\b(?:prevent(?:ed|ing)?|thwart(?:ed|ing)?|foil(?:ed|ing)?|stopp?(?:ed|ing)?|failed to|"
                        r"repel(?:led)?|repuls(?:ed|ing))\b")
#: a side given with a person's role: "Russian lawmaker", "a Ukrainian army spokesman"
ROLE_OF_SIDE = re.compile(r"\b(?:russian|ukrainian|russia's|ukraine's|kremlin|kyiv's)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:lawmaker|official|governor|commander|general|spokes\w+|minister|deputy|mp|senator|"
                          r"officer|politician|blogger|analyst|mayor|head|chief|envoy|diplomat|president)\b")
#: where the claim's content gives way to the writer's context
BACKGROUND = re.compile(r",?\s+(?:which|that|this) (?:comes?|came) (?:as|after|amid)\b|\s+amid\b|,\s+while\b|"
                        r",\s+(?:although|though|even though)\b(?=[^\"]*$)|"  # the writer's, not inside a quote
                        r",\s+(?:sparking|prompting|raising|fu?ell?ing|triggering|stoking) (?:\w+ )?"
                        r"(?:fears?|concerns?|alarms?|worries|speculation)\b|"  # the writer's reading of it
                        r"\s+(?:that|which) (?:prompted|forced|triggered|sparked|caused|led to)\b")  # its consequences
#: a modal just after a nominal trigger: "the fall of the town would ..."
NOMINAL_MODAL = re.compile(r"\s+of\s+(?:[\w'-]+\s+){1,3}(?:could|would|might|may|will)\b")
#: reporting verbs whose negation says that nothing was said ("did not comment", "has not responded")
NO_COMMENT = re.compile(r"(?:comment|respond|repl|react|answer)")
SIDELESS = frozenset({"evacuation", "damage", "stable"})  # civilians leave, buildings burn: no acting side
MAX_PLACES = 6  # one proposition per settlement of a list, up to this many
#: a claim naming no place is about the article's settlement when the article is about one:
#: named this many times, in this share of its settlement mentions
MAIN_PLACE_MIN, MAIN_PLACE_SHARE = 2, 0.5


@dataclass(frozen=True)
class Predicate:
    name: str
    level: str          # settlement / front
    direction: str      # gain / fail / none
    patterns: tuple[re.Pattern, ...]
    #: all its patterns as one: a text none of them matches is passed over in one search
    screen: re.Pattern | None = None


@dataclass(frozen=True)
class Lexicon:
    predicates: tuple[Predicate, ...]
    sides: dict[str, tuple[re.Pattern, ...]]
    negation: re.Pattern
    prospective: re.Pattern
    capacity: re.Pattern
    habitual: re.Pattern
    denied_reports: re.Pattern
    called_false: re.Pattern
    hedged: re.Pattern
    small_scale: re.Pattern
    large_scale: re.Pattern
    denial_cues: re.Pattern   # reporting verbs that deny what follows them (matched whole)
    agent: re.Pattern         # what introduces the side acting after a trigger: "by", "со стороны"


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


#: the propositions lexicon of each language that has one of its own (English: ``propositions``)
LEXICONS = {"ru": "propositions_cyrillic", "uk": "propositions_cyrillic"}


@lru_cache(maxsize=4)
def lexicon(name: str = "propositions") -> Lexicon:
    data = load_lexicon(name)
    predicates = tuple(Predicate(name, spec["level"], spec["direction"], tuple(re.compile(p) for p in spec["patterns"]),
                                 _any(spec["patterns"]))
                       for name, spec in data["predicates"].items())
    sides = {name: tuple(re.compile(p) for p in patterns) for name, patterns in data["sides"].items()}
    words = {name: _any(patterns) for name, patterns in data["words"].items()}
    return Lexicon(predicates, sides, words["negation"], words["prospective"], words["capacity"], words["habitual"],
                   words["denied_reports"], words["called_false"], words["hedged"],
                   words["small_scale"], words["large_scale"], words["denial_cues"],
                   re.compile(r"\s*(?:\w+\s+){0,3}?(?:" + words["agent"].pattern + ")"))


def normal(text: str) -> str:
    """Lower-cased with straight quotes; same length as ``text`` so offsets still hold."""
    return text.lower().translate(str.maketrans("\u2019\u2018\u201c\u201d\u00ab\u00bb", "''\"\"\"\""))


# --- reading one claim ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    name: str
    kind: str | None
    region: str | None
    start: int


class Reader:
    """Reads the propositions of the claims of one article."""

    def __init__(self, article: Article, registry=None):
        self.article = article
        self.body = article.body or ""
        self.registry = registry
        self.lex = lexicon(LEXICONS.get(article.language or "", "propositions"))
        named = [m.span for e in article.entities if e.label in ("organization", "person") for m in e.mentions]
        self.places = sorted((self._place(e, m.span)
                              for e in article.entities if e.label == "location" and e.kind != "country"
                              and (e.kind in SETTLEMENT_KINDS or _is_region(e))
                              for m in e.mentions
                              # "the Kharkiv regional prosecutor's office" names no place of the event
                              if not any(n.start <= m.span.start and m.span.end <= n.end for n in named)),
                             key=lambda p: p.start)
        self.main_region = self._main_region()
        settlements = Counter(p.name for p in self.places if p.kind in SETTLEMENT_KINDS)
        top, times = settlements.most_common(1)[0] if settlements else (None, 0)
        # the place the article is about, when one is: named at least twice and in half the mentions
        dominant = times >= MAIN_PLACE_MIN and times >= MAIN_PLACE_SHARE * sum(settlements.values())
        self.main_settlement = next((p for p in self.places if p.name == top), None) if dominant else None
        self.anchor = _date(article.published)

    def _place(self, entity: Entity, span: Span) -> Place:
        """A mention as a place; "the Kursk area", "the Pokrovsk direction" name the front around a
        town, and "northern Kharkiv" a part of the oblast named after it, so the oblast."""
        region = _region_of(entity)
        if entity.kind in SETTLEMENT_KINDS and region and (AREA_WORD.match(self.body, span.end) or (
                region.startswith(entity.canonical) and COMPASS_BEFORE.search(self.body, max(0, span.start - 20), span.start))):
            return Place(region, "region", region, span.start)  # "northern Kharkiv": the oblast's north
        return Place(entity.canonical, entity.kind, region, span.start)

    def _main_region(self) -> str | None:
        counts: Counter[str] = Counter()
        for e in self.article.entities:
            if e.label == "location":
                region = e.canonical if _is_region(e) else e.admin1
                if region:
                    counts[region] += len(e.mentions) or 1
        return counts.most_common(1)[0][0] if counts else None

    def speaker_side(self, claim: Claim) -> str | None:
        for actor in self.article.actors:
            if actor.canonical == claim.speaker and actor.side:
                return actor.side
        roles = " ".join(a.role or "" for a in self.article.actors if a.canonical == claim.speaker).lower()
        for e in self.article.entities:  # "Russian lawmaker Viktor Vodolatsky", "X, a Ukrainian commander,"
            if e.label == "person" and e.canonical == claim.speaker:
                for m in e.mentions:
                    near = normal(self.body[max(0, m.span.start - 40):m.span.start] + " | "
                                  + self.body[m.span.end:m.span.end + 40])
                    roles += " " + " ".join(x.group(0) for x in ROLE_OF_SIDE.finditer(near))
        named = {side for side in OPPOSITE for pattern in self.lex.sides[side] if pattern.search(roles)}
        if len(named) == 1:  # "Viktor Vodolatsky, a Russian lawmaker": a side from the role given
            return named.pop()
        if self.registry is not None and claim.speaker:
            entry = self.registry.get(claim.speaker)
            return entry.side if entry is not None else None
        return None

    def read(self, claim: Claim) -> tuple[Proposition, ...]:
        span = claim.evidence
        text = raw = normal(self.body[span.start:span.end])
        for part in (claim.speaker_span, claim.cue_span):  # the frame is not the content
            if part is not None and span.start <= part.start and part.end <= span.end:
                a, b = part.start - span.start, part.end - span.start
                text = text[:a] + " " * (b - a) + text[b:]
        who, cue = claim.speaker_span, claim.cue_span
        if who is not None and cue is not None and span.start < who.start < cue.start and not (
                claim.content_span is not None and claim.content_span.end <= who.start) and \
                span.end - cue.end > 25 and not re.search(r"[\"']\s*,?\s*(?:\w+\s+)?$", text[:who.start - span.start]):
            # "..., which comes as Ukrainian forces declared victory in X": what is said follows the frame
            # (not "A has happened, the ministry said on Tuesday, according to TASS": the content is before it)
            cut = who.start - span.start
            text = " " * cut + text[cut:]
        if m := BACKGROUND.search(text):  # "..., which comes as ...", "amid a counteroffensive": the writer's context
            text = text[:m.start()] + " " * (len(text) - m.start())
        if self.lex.habitual.search(text):  # "has repeatedly said", "are often revised": a pattern, not an event
            return ()
        if self._no_comment(claim):
            return ()  # "the ministry has not commented": nothing said, so nothing denied
        triggers = self._triggers(text)
        if not triggers:
            return ()
        speaker_side = self.speaker_side(claim)
        when, precision = self._when(claim)
        quantities = find_quantities(text)
        scale = "small" if self.lex.small_scale.search(text) else "large" if (
            self.lex.large_scale.search(text) or any(q.unit == "troops" and q.value >= 500 for q in quantities)) else None
        places = [p for p in self.places if span.start <= p.start < span.end]
        if not any(p.kind in SETTLEMENT_KINDS for p in places):  # "in the city": the one named before
            places = places + self._anaphor(span, text)
        places = places or self._event_places(claim)  # else where its events were placed
        out: list[Proposition] = []
        for predicate, start, end in triggers:
            where = self._destinations(places) if predicate.name == "deployment" else places
            if predicate.name in GAINS:
                if GENERIC_OBJECT.match(text, end):  # "took villages near X": not X
                    where = [p for p in where if p.kind not in SETTLEMENT_KINDS]
                else:
                    where = self._objects(places, span, start, end, text) or where
            elif predicate.level == "front" and predicate.name in ("advancing", "stopped", "slowed"):
                where = self._front_place(where, span)
            before = text[max(0, start - 40):start]
            tail = clause_tail(before)
            clause = clause_tail(text[max(0, start - 120):start])
            original = predicate
            if self.lex.capacity.search(clause):  # "lack the troops for an advance": a capability
                before, tail = before + " may", clause
            if NOMINAL_MODAL.match(text, end) and re.search(r"\bthe\s+$", before):
                continue  # "the capture of the city could demoralise ...": a hypothesis, not a report
            if predicate.name == "offensive_started" and presupposed(text, start):
                continue  # "since the offensive began", "the tempo of the offensive": known, not reported
            if predicate.name == "advancing" and re.fullmatch(r"advances?", text[start:end]) and re.search(
                    r"\b(?:in|of|on|to) (?:the|their|its|his|our)\s+(?:[\w-]+\s+)?$", before):
                continue  # "a slowdown in their advance", "the pace of the advance": what is said is of it
            if self.lex.prospective.search(before):
                if predicate.direction == "gain" and predicate.name != "threat":
                    predicate = self._predicate("threat")
                elif not self.lex.negation.search(tail):
                    continue  # a plan or a forecast; "no plans to evacuate" stays, as a denial
            if predicate.name == "stable" and "situation" in text[start:end] and not re.search(
                    r"\bthe (?:city|town|village)\b", text):
                predicate = replace(predicate, level="front")  # "the situation" is the front's, not a street's
            if predicate.direction == "gain" and PREVENTION.search(tail):
                # "prevented the border from being breached": the attack failed
                predicate = self._predicate("repelled" if predicate.level == "settlement" else "stopped")
                tail = PREVENTION.sub(" ", tail)
            denied_here = self.lex.negation.search(tail) or self.lex.denied_reports.search(
                text[max(0, start - 120):start]) or \
                self.lex.called_false.search(text[end:])
            negated = bool(denied_here) != bool(self.lex.denial_cues.fullmatch(claim.cue.lower()))
            side = None if predicate.name in SIDELESS else self._side(
                text, start, end, original if predicate.name == "threat" else predicate, speaker_side, negated)
            modality = "hedged" if claim.hedged or self.lex.hedged.search(text[max(0, start - 60):start]) else "asserted"
            target = strike_target(text) if predicate.name == "strike" else None
            base = Proposition(predicate.name, None, "settlement", side=side, date=when, date_precision=precision,
                               negated=negated, modality=modality,
                               quantities=quantities if predicate.name in ("strike", "offensive_started",
                                                                           "captured", "advancing") else (),
                               scale=scale if predicate.name in ("offensive_started", "advancing") else None,
                               trigger=Span(span.start + start, span.start + end), target=target)
            elsewhere = bool(OTHER_FRONT.search(clause_around(raw, start, end))) or bool(
                RELATIVE_WHERE.match(raw) and OTHER_FRONT.search(self._lead_in(span)))
            out.extend(self._placed(base, predicate, where, start + span.start, elsewhere))
        return tuple(_unique(out))

    def _lead_in(self, span: Span) -> str:
        """The sentence before a claim that is its relative clause ("the eastern front, where ...")."""
        start = max(self.body.rfind(". ", 0, span.start), self.body.rfind("\n", 0, span.start)) + 1
        return normal(self.body[start:span.start])

    def _no_comment(self, claim: Claim) -> bool:
        cue = claim.cue_span
        if cue is None or not NO_COMMENT.match(claim.cue.lower()):
            return False
        return bool(re.search(r"(?:\bnot|n't|\bnever|\b(?:declined|refused|yet) to)\s+(?:\w+\s+)?$",
                              normal(self.body[max(0, cue.start - 25):cue.start])))

    def _objects(self, places: list[Place], span: Span, start: int, end: int, text: str) -> list[Place]:
        """What a capture is of: "its capture" the settlement named last before the claim, else the
        settlement right after the trigger and the ones listed with it ("captured A, B and C")."""
        if re.search(r"\b(?:its|their)\s+$", text[max(0, start - 10):start]):
            before = [p for p in self.places if p.start < span.start and p.kind in SETTLEMENT_KINDS]
            return before[-1:]
        settlements = sorted((p for p in places if p.kind in SETTLEMENT_KINDS and p.start >= span.start + end),
                             key=lambda p: p.start)
        if not settlements or settlements[0].start - (span.start + end) > 40:
            return []
        chosen = [settlements[0]]
        for p in settlements[1:]:
            gap = normal(self.body[chosen[-1].start:p.start])  # the previous name, then the list's joint
            if not re.fullmatch(r"\S+(?:\s+\S+)?\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?(?:villages?\s+of\s+)?", gap):
                break
            chosen.append(p)
        return chosen

    def _front_place(self, places: list[Place], span: Span) -> list[Place]:
        """Where an advance or a halt is: the one settlement the claim names ("bogged down in street
        battles for Vovchansk"), else what it names (its oblast, from :meth:`_placed`)."""
        inside = _unique_by_name([p for p in places if p.kind in SETTLEMENT_KINDS and span.start <= p.start < span.end])
        return inside if len(inside) == 1 else places

    def _destinations(self, places: list[Place]) -> list[Place]:
        """Where forces are sent: places after "to"/"towards", without those after "from"."""
        def before(p: Place) -> str:
            return normal(self.body[max(0, p.start - 30):p.start])
        to = [p for p in places if re.search(r"\b(?:to|towards?|into|on)\s+(?:the\s+)?(?:[\w-]+\s+)?$", before(p))]
        return to or [p for p in places if not re.search(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", before(p))]

    def _predicate(self, name: str) -> Predicate:
        return next(p for p in self.lex.predicates if p.name == name)

    def _triggers(self, text: str) -> list[tuple[Predicate, int, int]]:
        """Non-overlapping triggers, longer matches first, in text order (a predicate may recur, with
        another polarity: "opportunities to counterattack, but no counteroffensive yet")."""
        matches = [(predicate, m.start(), m.end()) for predicate in self.lex.predicates
                   if predicate.screen is None or predicate.screen.search(text)
                   for pattern in predicate.patterns for m in pattern.finditer(text)]
        chosen: list[tuple[Predicate, int, int]] = []
        for item in sorted(matches, key=lambda t: (t[1] - t[2], t[1])):
            if not any(item[1] < e and s < item[2] for _, s, e in chosen):
                chosen.append(item)
        return sorted(chosen, key=lambda t: t[1])

    def _side(self, text: str, start: int, end: int, predicate: Predicate, speaker: str | None,
              negated: bool = False) -> str | None:
        before = clause_tail(text[max(0, start - 120):start])
        after = text[end:end + 70]
        after = after[:m.start()] if (m := re.search(r"[.;]|\bwhile\b|\bbut\b", after)) else after
        if predicate.direction == "fail":
            found = self._side_in(after, speaker, last=False)
            if found is None:
                found = self._side_in(before, speaker, last=True)
                if found is not None and found == speaker:
                    found = OPPOSITE.get(found)  # "our troops repelled ...": the defender is the one speaking
            return found or OPPOSITE.get(speaker or "")
        found = self._side_in(text[start:end], speaker, last=False) or \
            self._side_in(before, speaker, last=True, context=text[max(0, start - 160):start])
        if found is None and (m := self.lex.agent.match(after)):
            found = self._side_in(after[m.end():m.end() + 30], speaker, last=False)
        if found is None and (m := re.match(r"\W*\s*(?:\w+\s+){0,4}?involving\s", after)):  # "... involving Ukrainian units"
            found = self._side_in(after[m.end():m.end() + 40], speaker, last=False, actors_only=True)
        if found is None and (m := re.match(r"\W*\s*of (?:the )?", after)):  # "withdrawals of Russian forces"
            found = self._side_in(after[m.end():m.end() + 40], speaker, last=False, actors_only=True, at_start=True)
        if found is None and predicate.name == "threat":  # "no threat of an attack": the other side's
            return OPPOSITE.get(speaker or "")
        if found is None and predicate.direction == "gain" and speaker in OPPOSITE:
            return OPPOSITE[speaker] if negated else speaker  # a side claims its gains, denies the enemy's
        if found is None and predicate.name in ("deployment", "counteroffensive") and speaker in OPPOSITE:
            return speaker  # "the army announced the deployment of reserves", "counter-offensive actions": its own
        return found

    def _side_in(self, window: str, speaker: str | None, last: bool, actors_only: bool = False,
                 at_start: bool = False, context: str = "") -> str | None:
        """The side a window names; actor phrases ("Russian troops") before bare mentions ("Russia's")."""
        hits: list[tuple[bool, int, str]] = []
        for name, patterns in self.lex.sides.items():
            for pattern in patterns:
                for m in pattern.finditer(window):
                    actor = bool(ACTOR_NOUN.match(window, m.end())) or name in ("enemy", "own")
                    if (actor or not actors_only) and (m.start() == 0 or not at_start):
                        hits.append((actor, m.start() if last else -m.start(), name))
        if not hits:
            return None
        _, at, name = max(hits)
        if name == "own" and window[abs(at):abs(at) + 3] in ("its", "the"):
            named = [h for h in hits if h[2] in OPPOSITE and abs(h[1]) < abs(at)]
            if named:  # "Russia says its forces ...": "its" is the side named before it
                return max(named, key=lambda h: abs(h[1]))[2]
            earlier = [(m.start(), name) for name in OPPOSITE for pattern in self.lex.sides[name]
                       for m in pattern.finditer(context[:max(0, len(context) - len(window) + abs(at))])]
            if earlier:  # "Moscow claimed that its troops ...": the side named before the clause
                return max(earlier)[1]
        if name == "enemy":
            return OPPOSITE.get(speaker or "")
        if name == "own":
            return speaker if speaker in OPPOSITE else None
        return name

    def _placed(self, base: Proposition, predicate: Predicate, places: list[Place], at: int,
                elsewhere: bool = False) -> list[Proposition]:
        """``elsewhere``: the claim names a front that is not one oblast ("on the eastern front")."""
        settlements = [p for p in places if p.kind in SETTLEMENT_KINDS]
        regions = [p.name for p in places if p.kind not in SETTLEMENT_KINDS]
        name, level = predicate.name, predicate.level
        if level == "settlement" and not settlements and name in FRONT_OF and not (name in GAINS and regions):
            name, level = FRONT_OF[name], "front"  # "captured a village" with no place named: an advance
        if level == "settlement":
            if settlements:
                chosen = _unique_by_name(settlements)
                if name in ("strike", "damage", "evacuation", "threat", "stable"):
                    chosen = [min(chosen, key=lambda p: (p.start < at, abs(p.start - at)))]
                return [replace(base, predicate=name, place=p.name, level="settlement", region=p.region)
                        for p in chosen[:MAX_PLACES]]
            region = regions[0] if regions else None
            if region and name in ("strike", "damage"):
                return []  # "strikes in the region": no place on the map to compare
            if region:
                return [replace(base, predicate=name, place=region, level="region", region=region)]
            if self.main_settlement is not None and name in ("strike", "damage", "evacuation", "threat"):
                p = self.main_settlement  # "two people died": the place the article is about
                return [replace(base, predicate=name, place=p.name, level="settlement", region=p.region,
                                place_basis="article")]
            return []
        if name in ("advancing", "stopped", "slowed") and len(settlements) == 1 and not regions:
            p = settlements[0]  # "bogged down in street battles for Vovchansk": the front at one town
            return [replace(base, predicate=name, place=p.name, level="settlement", region=p.region)]
        region = next((p.region for p in settlements if p.region), None) or (regions[0] if regions else None)
        basis = "claim"
        if region is None and elsewhere:
            return []  # "on the eastern front", "along the entire front line": not the article's oblast
        if region is None:
            region, basis = self.main_region, "article"
        if region is None:
            return []
        return [replace(base, predicate=name, place=region, level="region", region=region, place_basis=basis)]

    def _event_places(self, claim: Claim) -> list[Place]:
        names = {n for e in self.article.events if _tells(e, claim) for n in e.locations}
        return [p for p in _unique_by_name(self.places) if p.name in names]

    def _anaphor(self, span: Span, text: str) -> list[Place]:
        m = re.search(r"\b(?:the|this|that)\s+(village|town|city|settlement)\b", text)
        if not m:
            return []
        wanted = {"village": {"village"}, "town": {"town", "city"}, "city": {"city", "town"},
                  "settlement": SETTLEMENT_KINDS}[m.group(1)]
        before = [p for p in self.places if p.start < span.start + m.start() and p.kind in wanted]
        if not before:
            return []
        word = m.group(1)  # "the town": a place the article called a town ("the town of X"),
        called = [p for p in before if re.search(rf"\b{word} of\s+$", normal(self.body[max(0, p.start - 20):p.start]))]
        if called:  # of those, the one named most often so far (the article's subject), the latest of ties
            times = Counter(p.name for p in before)
            return [max(reversed(called), key=lambda p: times[p.name])]
        # else the last town named before it, else the last place of a kindred kind
        return [next((p for p in reversed(before) if p.kind == word), before[-1])]

    def _when(self, claim: Claim) -> tuple[str | None, str | None]:
        for event in self.article.events:
            if _tells(event, claim) and event.date and len(event.date) == 10:
                return event.date, "day"
        for mention in find_times(self.article.span_text(claim.evidence), self.anchor):
            value = mention.value
            if value.value and len(value.value) == 10 and value.precision == "day":
                return value.value, "day"
        return self.article.published, "article" if self.article.published else None


def _tells(event: Event, claim: Claim) -> bool:
    """Whether ``claim`` states ``event``: the claim it came from, or one that tells it again."""
    return event.claim_id == claim.id or claim.id in event.retold_in


def _region_of(entity: Entity) -> str | None:
    return entity.canonical if _is_region(entity) else entity.admin1


def _is_region(entity: Entity) -> bool:
    return entity.kind == "region" and bool(entity.country) and entity.canonical.lower() not in COMPASS


COMPASS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west"})


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _unique_by_name(places: list[Place]) -> list[Place]:
    seen: set[str] = set()
    out = []
    for p in places:
        if p.name not in seen:
            seen.add(p.name)
            out.append(p)
    return out


def _unique(props: list[Proposition]) -> list[Proposition]:
    seen: set[tuple] = set()
    out = []
    for p in props:
        if p.key() not in seen:
            seen.add(p.key())
            out.append(p)
    return out


def make_propositions_stage(kb: KB | None = None):
    """The propositions stage over ``kb``'s registry (the shipped one when ``None``, loaded at first use)."""

    @stage(requires=["claims", "events", "entities", "published"], assigns=["claims"])
    def propositions(article: Article) -> Article:
        """Each claim's propositions (``Claim.propositions``)."""
        reader = Reader(article, (kb or KB.load()).registry)
        article.claims = tuple(replace(c, propositions=reader.read(c)) for c in article.claims)
        return article

    return propositions


propositions = make_propositions_stage()
