"""Across articles: relations between claims about the same event, over their propositions.

Each claim carries propositions (:mod:`sitroom.link.propositions`): a predicate from a closed set,
the most specific place, the side whose action it is, the time it is about, quantities, polarity.
Two claims relate only through two propositions that speak of the same thing: the same place at
the same level (a settlement with a settlement, an oblast with an oblast; a capture, entry or
threat in a settlement is also compared, through its oblast, with oblast-level propositions), times
within the predicate's window, and the same acting side where both are known. Then:

* **corroborates**: the same predicate with the same polarity (and, for a strike, no conflicting
  toll). It is *independent* only across originating sources (the named speaker, sub-units folded
  into their body; for an unnamed source the outlet it came through) and syndication groups; the
  relation says across which sides.
* **contradicts**, typed: ``denial`` (it happened / it did not), ``control disputed`` (captured or
  entered / assault repelled), ``outcome conflict`` (an offensive advancing / stopped),
  ``quantity conflict`` (two tolls of one strike beyond an update: a later, higher toll from
  the same source is an update), ``scale conflict`` (small groups / a thousand troops),
  ``target conflict`` (one strike on a military target / on civilians), ``calm vs development``.

Fronts move, so phase contradictions (``outcome conflict``, ``calm vs development``) need the
advance dated no earlier than the halt or calm (:data:`PHASE_SLACK_DAYS`), and an outcome conflict
needs two sides: one side's reports at two moments are the course of its front. A claim that itself
states a proposition ("entered the town, but was kept from going deeper") does not dispute another
claim stating it. Front-level corroborations (:func:`_diffuse`) need one statement relayed: two
speakers in one article, or reports within :data:`RELAY_DAYS`.

Copies never multiply relations: claims of a syndicated copy are folded into the claim of the
copy published first (:func:`sitroom.link.provenance.fold_copies`). Each claim keeps only its :data:`PER_CLAIM` strongest
corroborations and contradictions (:class:`Relator`); claims sharing a proposition join through those
links into one claim group, so the number of relations grows with the claims' propositions, not
with the square of the claims. Each relation carries both evidence sentences, its type, a
one-line ``why``, a confidence and the two propositions it is about (:func:`proposition_key`);
relations below :data:`THRESHOLD` are not emitted. An exported event names the claims that assert
its proposition: its own and those linked to it by corroborations of that proposition
(:func:`event_proposition`, :func:`asserting`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from sitroom.link.provenance import ClaimView
from sitroom.model import ClaimGroup, Relation, day_number

#: relations below this confidence are not emitted (an analyst trusts a tool that says less and is right)
THRESHOLD = 0.6

#: how far apart (days) two propositions may be in time and still speak of one event
WINDOW_DAYS = {"captured": 7, "entered": 7, "repelled": 7, "strike": 1, "damage": 2, "evacuation": 7,
               "threat": 30, "advancing": 14, "stopped": 14, "slowed": 14, "offensive_started": 14, "counteroffensive": 14,
               "stable": 7, "deployment": 14, "withdrawal": 7}
GAINS = frozenset({"captured", "entered"})
FAMILY = {"captured": "control", "entered": "control", "repelled": "control", "advancing": "front",
          "stopped": "front", "slowed": "front", "offensive_started": "front"}
#: at most this many earlier propositions under one key are compared with a new one (linear work)
COMPARE_LIMIT = 50
#: how many corroborations and contradictions each claim keeps (its strongest)
PER_CLAIM = 2
#: preference for a relation inside one article (the same event restated), less for claims far apart in it
NEAR_BONUS = 0.05


# --- comparing two propositions ------------------------------------------------------------------

def _family_key(prop: dict[str, Any]) -> tuple[str, str]:
    """Propositions that can relate share this key: a family of predicates and a place."""
    predicate = prop["predicate"]
    if predicate in ("stable", "evacuation") or predicate in GAINS:  # of a place, or of a front
        family = "control" if prop.get("level") == "settlement" else "front"
    else:
        family = FAMILY.get(predicate, predicate)
    return family, prop.get("place") or ""


def _kind(prop: dict[str, Any]) -> str:
    """The predicate as relations see it: gains in a region ("took five villages in the oblast") advance a front."""
    if prop["predicate"] in GAINS and prop.get("level") != "settlement" and not prop.get("negated"):
        return "advancing"  # (but "would not capture the regional centres" denies no advance)
    return prop["predicate"]


#: settlement-level predicates also compared, through the settlement's region, with region-level ones
#: (an advance at a town is its oblast's front moving; a halt at a town is not the front's halt)
LIFTED = frozenset({"captured", "entered", "threat", "withdrawal", "advancing"})


def _entries(prop: dict[str, Any]) -> list[dict[str, Any]]:
    """A proposition as compared: itself, and for a gain or a threat in a settlement, its region too."""
    out = [prop]
    if prop["predicate"] in LIFTED and prop.get("level") == "settlement" and prop.get("region") \
            and prop.get("region") != prop.get("place") and not prop.get("negated"):  # no X is not no gains
        out.append({**prop, "place": prop["region"], "level": "region", "lifted": True})
    return out


def _sides_agree(p: dict[str, Any], q: dict[str, Any]) -> bool:
    return p.get("side") is None or q.get("side") is None or p["side"] == q["side"]


def _count(prop: dict[str, Any], kind: str) -> float | None:
    return next((q["value"] for q in prop.get("quantities") or [] if q.get("unit") == kind), None)


def compare(a: ClaimView, p: dict[str, Any], b: ClaimView, q: dict[str, Any]) -> tuple[str, str, str] | None:
    """``(relation, type, what)`` for two propositions about one place, or None."""
    pa, pb = _kind(p), _kind(q)
    place = p.get("place")
    if pa in GAINS and pb in GAINS and not p["negated"] and not q["negated"] and p.get("side") and q.get("side") \
            and p["side"] != q["side"]:  # "Sudzha remained under Russian control" vs "Ukraine took full control of Sudzha"
        return "contradicts", "held by both", f"{place}: held by {p['side'].capitalize()} vs by {q['side'].capitalize()}"
    if pa != "stable" and pb != "stable" and not _sides_agree(p, q):
        return None
    who = p.get("side") or q.get("side")
    if pa == pb:
        if p["negated"] != q["negated"]:
            return "contradicts", "denial", f"{_phrase(pa)} in {place}{_by(who)}: asserted and denied"
        if pa == "strike" and not p["negated"]:
            for kind in ("killed", "injured"):
                x, y = _count(p, kind), _count(q, kind)
                if x is not None and y is not None and x != y:
                    b_later = (b.day or 0, b.order) >= (a.day or 0, a.order)
                    if (y > x) == b_later and a.source.casefold() == b.source.casefold():
                        return "corroborates", "update", f"strike on {place}: a later report raises the {kind} toll"
                    return "contradicts", "quantity conflict", f"strike on {place}: {int(x)} vs {int(y)} {kind}"
        if pa == "strike" and {p.get("target"), q.get("target")} == {"military", "civilian"}:
            return "contradicts", "target conflict", f"strike on {place}: a military target vs a civilian one"
        if pa == "offensive_started" and {p.get("scale"), q.get("scale")} == {"small", "large"}:
            return "contradicts", "scale conflict", f"attack in {place}{_by(who)}: small groups vs a large force"
        if pa in GAINS and (p.get("side") is None) != (q.get("side") is None):
            return None  # "troops had seized X" with no side beside "X is under Ukrainian control": whose gain is unknown
        if p["negated"]:
            return "corroborates", "corroboration", f"both deny {_phrase(pa)} in {place}{_by(who)}"
        return "corroborates", "corroboration", f"both report {_phrase(pa)} in {place}{_by(who)}"
    if p["negated"] or q["negated"]:
        return None
    pair = {pa, pb}
    if pair & GAINS and "repelled" in pair:
        return "contradicts", "control disputed", f"{place}: {_phrase((pair & GAINS).pop())}{_by(who)} vs assault repelled"
    if "advancing" in pair and "stopped" in pair and all(_front_move(x) for x in (p, q) if _kind(x) == "advancing"):
        return "contradicts", "outcome conflict", f"offensive in {place}{_by(who)}: advancing vs stopped"
    if "stable" in pair and (("evacuation" in pair) or (pair & ({"advancing"} | GAINS) and all(
            _front_move(x) for x in (p, q) if _kind(x) != "stable"))):
        return "contradicts", "calm vs development", f"{place}: situation stable vs {_phrase((pair - {'stable'}).pop())}"
    return None


def _front_move(prop: dict[str, Any]) -> bool:
    """Whether a gain speaks for a front's course: an advance, or gains in an oblast counted in
    villages or km². One village taken, or a settlement's capture seen from its oblast, does not
    dispute a halt of the offensive as a whole."""
    if prop["predicate"] == "advancing":
        return True
    if prop.get("lifted"):
        return False
    return _count(prop, "km2") is not None or (_count(prop, "settlements") or 0) >= 2


def _by(side: str | None) -> str:
    return f" by {side.capitalize()}" if side else ""


def _phrase(predicate: str) -> str:
    return {"captured": "capture", "entered": "entry", "repelled": "assault repelled", "advancing": "advance",
            "stopped": "advance stopped", "slowed": "advance slowed", "offensive_started": "offensive", "counteroffensive": "counteroffensive",
            "strike": "strike", "damage": "damage", "deployment": "deployment", "withdrawal": "withdrawal",
            "evacuation": "evacuation", "threat": "threat of an attack", "stable": "stable situation"}.get(predicate,
                                                                                                         predicate)


def _confidence(p: dict[str, Any], q: dict[str, Any]) -> float:
    score = 0.9
    for prop in (p, q):
        if prop.get("place_basis") == "article":  # the town an article is about; an oblast is a wider guess
            score -= 0.1 if prop.get("level") == "settlement" else 0.2
        if prop.get("date_precision") != "day":
            score -= 0.05
        if prop.get("modality") == "hedged":
            score -= 0.1
        if prop.get("side") is None and prop["predicate"] not in UNSIDED:
            score -= 0.1
    return max(0.05, round(score, 2))


def _time_ok(p: dict[str, Any], q: dict[str, Any], a: ClaimView, b: ClaimView) -> bool:
    """Within the predicates' window; an undated claim only with claims of its own article or story."""
    x, y = day_number(p.get("date")), day_number(q.get("date"))
    if x is None or y is None:
        return a.article == b.article or (a.story is not None and a.story == b.story)
    window = max(WINDOW_DAYS.get(p["predicate"], 7), WINDOW_DAYS.get(q["predicate"], 7))
    return abs(x - y) <= window


def _independent(a: ClaimView, b: ClaimView) -> tuple[bool, str]:
    if a.source.casefold() == b.source.casefold():
        return False, f"same source ({a.source})"
    if a.copy_group is not None and a.copy_group == b.copy_group:
        return False, "copies of one syndicated text"
    if a.official and b.official and a.side == b.side:
        return False, f"official sources of one side ({a.side})"
    return True, "independent sources"


def _relation(a: ClaimView, b: ClaimView, p: dict, q: dict, found: tuple[str, str, str]) -> Relation:
    relation, kind, what = found
    independent, how = _independent(a, b)
    sides = tuple(sorted({s for s in (a.side, b.side) if s}))
    across = f", across sides ({' and '.join(sides)})" if independent and len(sides) > 1 else ""
    if relation == "contradicts":
        why = f"{kind}: {a.speaker} and {b.speaker} on {what}"
        independent = True if a.source.casefold() != b.source.casefold() else independent
    else:
        why = f"{a.speaker} and {b.speaker}: {what} ({how}{across})"
    return Relation(a.id, b.id, relation, independent, why, kind, _confidence(p, q), sides, a.evidence, b.evidence,
                    (proposition_key(p), proposition_key(q)))


def proposition_key(prop: dict[str, Any]) -> dict[str, Any]:
    """What two claims must share to assert one thing: the predicate as compared, the place, the polarity."""
    return {"predicate": _kind(prop), "place": prop.get("place"), "negated": bool(prop.get("negated"))}


#: the proposition predicates an event of each type can assert
EVENT_PREDICATES = {"territory_change": {"captured", "entered", "advancing", "repelled", "stopped"},
                    "withdrawal": {"withdrawal"}, "deployment": {"deployment"},
                    "attack": {"strike", "damage", "offensive_started", "counteroffensive"},
                    "casualties": {"strike"}, "evacuation": {"evacuation"}}


def event_proposition(event_type: str, places: Iterable[str], props: Iterable[dict[str, Any]]
                      ) -> dict[str, Any] | None:
    """The proposition of its claim that an event asserts: a predicate of its type at one of its places."""
    wanted, where = EVENT_PREDICATES.get(event_type, set()), set(places)
    for prop in props:
        if prop["predicate"] in wanted and (prop.get("place") in where or prop.get("region") in where):
            return proposition_key(prop)
    return None


def asserting(claim_id: str, key: dict[str, Any], relations: Iterable[dict[str, Any]]) -> list[str]:
    """``claim_id`` and the claims linked to it by corroborations of the proposition ``key``."""
    links: dict[str, list[str]] = {}
    for rel in relations:
        props = rel.get("propositions") or []
        if rel["relation"] == "corroborates" and len(props) == 2 and all(
                (p["predicate"], p["place"], p["negated"]) == (key["predicate"], key["place"], key["negated"])
                for p in props):
            links.setdefault(rel["a"], []).append(rel["b"])
            links.setdefault(rel["b"], []).append(rel["a"])
    seen, todo = [claim_id], [claim_id]
    while todo:
        for other in links.get(todo.pop(), []):
            if other not in seen:
                seen.append(other)
                todo.append(other)
    return seen


def relate(views: list[ClaimView]) -> list[Relation]:
    """Relations between claims whose propositions speak of one thing (see the module docstring)."""
    relator = Relator()
    relator.add(views)
    return relator.relations({v.id: v.order for v in views})


class Relator:
    """Relations found claim by claim: :meth:`add` views in corpus order, read :meth:`relations` any time.

    A new claim is compared with the last :data:`COMPARE_LIMIT` propositions under each of its keys,
    and each claim keeps its :data:`PER_CLAIM` strongest corroborations and contradictions. A relation
    that is not among the strongest at either of its claims never comes back (later relations only
    add stronger ones), so only the kept relations are held: adding views in several calls gives
    exactly what one call gives, and the work of a call grows with its views, not with the corpus.
    """

    def __init__(self) -> None:
        #: family key -> the last COMPARE_LIMIT (view, proposition entry) under it
        self.buckets: dict[tuple[str, str], list[tuple[ClaimView, dict[str, Any]]]] = {}
        #: (a, b) -> (relation, strength, sequence); only relations kept by the per-claim limit
        self.kept: dict[tuple[str, str], tuple[Relation, float, int]] = {}
        self._at: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (claim, kind) -> kept relation keys
        self.found = 0  # relations found so far (their sequence numbers)

    def add(self, views: Iterable[ClaimView]) -> None:
        touched: set[tuple[str, str]] = set()
        for view in views:
            for key, (rel, strength) in self._compare(view).items():
                if rel.confidence < THRESHOLD:
                    continue
                self.found += 1
                self.kept[key] = (rel, strength, self.found)
                for end in key:
                    self._at.setdefault((end, rel.relation), []).append(key)
                    touched.add((end, rel.relation))
        self._sparse(touched)

    def to_state(self) -> dict[str, Any]:
        """The buckets and kept relations as JSON values, claims by id (:meth:`from_state` reads it)."""
        return {"found": self.found,
                "buckets": [[family, place, [[v.id, prop] for v, prop in entries]]
                            for (family, place), entries in self.buckets.items()],
                "kept": [[_fields(rel), strength, seq] for rel, strength, seq in self.kept.values()]}

    @classmethod
    def from_state(cls, state: dict[str, Any], views: dict[str, ClaimView]) -> Relator:
        """A relator from :meth:`to_state`, its claims taken from ``views`` (id -> view)."""
        relator = cls()
        relator.found = state["found"]
        for family, place, entries in state["buckets"]:
            relator.buckets[(family, place)] = [(views[i], prop) for i, prop in entries]
        for saved, strength, seq in state["kept"]:
            rel = _from_fields(saved, views)
            key = (rel.a, rel.b)
            relator.kept[key] = (rel, strength, seq)
            for end in key:
                relator._at.setdefault((end, rel.relation), []).append(key)
        return relator

    def _compare(self, view: ClaimView) -> dict[tuple[str, str], tuple[Relation, float]]:
        best: dict[tuple[str, str], tuple[Relation, float]] = {}
        for p in (entry for prop in view.props if prop.get("place") for entry in _entries(prop)):
            bucket = self.buckets.setdefault(_family_key(p), [])
            for other, q in bucket:
                if other.id == view.id or _one_statement(other, view) or (p.get("lifted") and q.get("lifted")) \
                        or _other_copy(other, view) or not _time_ok(p, q, other, view):
                    continue  # one sentence, two speakers: one statement relayed; two copies: one text
                found = compare(other, q, view, p)
                if found is None or (found[1] == "control disputed" and (_asserts(other, p) or _asserts(view, q))):
                    continue  # "entered, but was kept from going deeper" does not dispute "entered"
                rel = _relation(other, view, q, p, found)
                if not _specific(rel, other, view, q, p):
                    continue
                strength = _strength(rel, q, p) + _nearness(other, view)
                key = (other.id, view.id)
                held = best.get(key)
                if held is None or (rel.relation == "contradicts", strength) > (
                        held[0].relation == "contradicts", held[1]):
                    best[key] = (rel, strength)
            bucket.append((view, p))
            del bucket[:-COMPARE_LIMIT]
        return best

    def _strongest(self, at: tuple[str, str]) -> set[tuple[str, str]]:
        held = self._at.get(at, [])
        return set(sorted(held, key=lambda k: (-self.kept[k][1], self.kept[k][2]))[:PER_CLAIM])

    def _sparse(self, touched: set[tuple[str, str]]) -> None:
        """Drop the relations no longer among the strongest at either of their claims."""
        for at in touched:
            top = self._strongest(at)
            for key in [k for k in self._at.get(at, []) if k not in top and k in self.kept]:
                kind = self.kept[key][0].relation
                if all(key not in self._strongest((end, kind)) for end in key):
                    del self.kept[key]
                    for end in key:
                        self._at[(end, kind)].remove(key)

    def relations(self, order: dict[str, int]) -> list[Relation]:
        """The kept relations, by the position of their first claim (``order``: claim id -> position)."""
        rels = [rel for rel, _, _ in self.kept.values()]
        return sorted(rels, key=lambda r: (order.get(r.a, 0), r.a, r.b))


#: a relation's fields as a state keeps them: as they are (``to_dict`` rounds the confidence for
#: display), less the two evidence sentences, which the claims hold
STATE_FIELDS = tuple(f.name for f in fields(Relation) if f.name not in ("evidence_a", "evidence_b"))


def _fields(rel: Relation) -> dict[str, Any]:
    return {**{name: getattr(rel, name) for name in STATE_FIELDS}, "relation": str(rel.relation)}


def _from_fields(state: dict[str, Any], views: dict[str, ClaimView]) -> Relation:
    return Relation(**{**state, "sides": tuple(state["sides"]), "propositions": tuple(state["propositions"]),
                       "evidence_a": views[state["a"]].evidence, "evidence_b": views[state["b"]].evidence})


def _one_statement(a: ClaimView, b: ClaimView) -> bool:
    """One sentence read twice (two speakers of it, or a frame inside another claim's evidence)."""
    return a.evidence == b.evidence or (a.article == b.article and (a.evidence in b.evidence or b.evidence in a.evidence))


def _other_copy(a: ClaimView, b: ClaimView) -> bool:
    """Claims of two copies of one text: what they say to each other, the text already says once."""
    return a.copy_group is not None and a.copy_group == b.copy_group and a.article != b.article


def _asserts(view: ClaimView, prop: dict[str, Any]) -> bool:
    """Whether the claim itself states ``prop`` (the same predicate, place and polarity)."""
    key = proposition_key(prop)
    return any(proposition_key(own) == key for own in view.props)


def _strength(rel: Relation, p: dict[str, Any], q: dict[str, Any]) -> float:
    """How specific a relation is: same settlement, same stated day, same claim-named place."""
    score = rel.confidence
    if p.get("level") == "settlement":
        score += 0.1
    if p.get("date_precision") == "day" and q.get("date_precision") == "day" and p.get("date") == q.get("date"):
        score += 0.05
    x, y = day_number(p.get("date")), day_number(q.get("date"))
    if x is not None and y is not None:
        score -= 0.01 * abs(x - y)  # the nearer in time, the likelier the same event
    else:
        score -= UNDATED_DISTANCE  # an unknown distance in time is not a short one
    return score


#: the strength an undated pair loses, as if this many hundredths of days apart
UNDATED_DISTANCE = 0.07


def _nearness(a: ClaimView, b: ClaimView) -> float:
    """Claims of one article, and neighbouring claims in it, most likely speak of one event."""
    if a.article != b.article:
        return 0.0
    return NEAR_BONUS - 0.002 * abs(_position(a.id) - _position(b.id))


def _position(claim_id: str) -> int:
    tail = claim_id.rsplit(":c", 1)[-1]
    return int(tail) if tail.isdigit() else 0


#: front-level predicates whose corroboration says little unless the two claims share a day or a source
DIFFUSE = frozenset({"advancing", "stopped", "slowed", "stable", "threat", "deployment", "counteroffensive"})
#: predicates with an acting side: a contradiction over them needs both sides known
SIDED = frozenset({"captured", "entered", "repelled", "advancing", "stopped", "slowed", "offensive_started",
                   "counteroffensive", "withdrawal", "deployment", "threat"})
#: predicates whose side is often unsaid and not needed to compare them (a strike's toll, a calm)
UNSIDED = frozenset({"stable", "strike", "damage", "evacuation"})
#: predicates of one dated incident: related only when both claims give its day (or share an article)
DATED = frozenset({"strike", "damage"})


def _specific(rel: Relation, a: ClaimView, b: ClaimView, p: dict[str, Any], q: dict[str, Any]) -> bool:
    """Whether a relation says something an analyst can use (see :func:`relate`)."""
    if {p["predicate"], q["predicate"]} & DATED and a.article != b.article and not (
            p.get("date_precision") == "day" and q.get("date_precision") == "day") and not _same_toll(p, q):
        return False  # "strikes earlier this week" is not the strike of Sunday evening
    if rel.relation == "contradicts":
        if a.source.casefold() == b.source.casefold():
            return False  # no one contradicts themselves here
        if any(_kind(x) in SIDED and not x.get("side") for x in (p, q)):
            return False  # whose advance was stopped, whose capture denied, is not known
        if a.article == b.article and a.official and b.official and a.side == b.side:
            return False  # one side's officials in one report: one line, put two ways
        if rel.type in PHASE_CONFLICTS:
            if a.side is not None and a.side == b.side and (rel.type == "outcome conflict" or a.article == b.article):
                return False  # one side's reports of its front at two moments, or in one report: its course
            if not _development_not_earlier(p, q):
                return False  # an advance, then its halt: the course of an offensive
            if "hedged" in (p.get("modality"), q.get("modality")):
                return False  # "appears to have undermined": an assessment, not a state of the front to dispute
        return rel.type != "denial" or _kind(p) not in DIFFUSE or bool(a.side and b.side)
    if "strike" in (p["predicate"], q["predicate"]) and _has_toll(p) != _has_toll(q):
        return False  # "two bombs hit the store" and "two people died": two facts of one strike
    if a.article == b.article and a.speaker.casefold() == b.speaker.casefold() and {p["predicate"], q["predicate"]} & GAINS:
        return False  # "six villages taken", then the five named: one source's claim, told twice in one report
    if not _diffuse(p) and not _diffuse(q):
        return True
    if a.article == b.article:  # one report, one moment; but two settlements' captures are two events,
        if {p["predicate"], q["predicate"]} & GAINS and (p.get("lifted") or q.get("lifted")):
            return False
        # and one speaker's words on a front, said twice, are its narrative (on one town, a repetition)
        return a.speaker.casefold() != b.speaker.casefold() or p.get("level") == "settlement"
    x, y = day_number(p.get("date")), day_number(q.get("date"))
    if x is None or y is None:  # an undated copy of one source's statement, in the same story
        return a.source.casefold() == b.source.casefold() and a.story is not None and a.story == b.story
    return abs(x - y) <= RELAY_DAYS  # one statement, relayed


#: a statement relayed by other outlets is reported within this many days of the first report
RELAY_DAYS = 1


def _same_toll(p: dict[str, Any], q: dict[str, Any]) -> bool:
    """Two reports of one day giving one toll for a strike on one place: one strike, whatever its day."""
    if p.get("date") is None or p.get("date") != q.get("date"):
        return False
    return any(_count(p, kind) is not None and _count(p, kind) == _count(q, kind) for kind in ("killed", "injured"))


def _has_toll(prop: dict[str, Any]) -> bool:
    return any(_count(prop, kind) is not None for kind in ("killed", "injured"))


def _diffuse(prop: dict[str, Any]) -> bool:
    """A front-level proposition, or a settlement's capture seen as its oblast's advance."""
    return prop["predicate"] in DIFFUSE or bool(prop.get("lifted"))


#: contradictions over the state of a front, which changes: they need the development dated no earlier
PHASE_CONFLICTS = frozenset({"outcome conflict", "calm vs development"})
#: a halt or calm reported this many days after an advance still disputes it (dates are often the article's)
PHASE_SLACK_DAYS = 3


def _development_not_earlier(p: dict[str, Any], q: dict[str, Any]) -> bool:
    """Whether the advancing side of a phase conflict is dated no earlier than the halt or calm.

    "Stopped" on 24 May does not dispute "advancing" on 16 May (offensives advance, then stall);
    "advancing" on 29 May disputes it. Undated propositions are left to the story and time window.
    """
    halt, move = (p, q) if _kind(p) in HALTS else (q, p)
    x, y = day_number(halt.get("date")), day_number(move.get("date"))
    return x is None or y is None or y >= x - PHASE_SLACK_DAYS


#: the predicates of a phase conflict that say a front is halted or calm
HALTS = frozenset({"stopped", "stable"})


def claim_groups(views: list[ClaimView], relations: list[Relation], threshold: float = THRESHOLD
                 ) -> list[ClaimGroup]:
    """Claims stating one proposition (linked by corroboration or as copies), with their status."""
    parent = {v.id: v.id for v in views}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    shown = [r for r in relations if r.confidence >= threshold]
    for rel in shown:
        if rel.relation == "corroborates" and rel.a in parent and rel.b in parent:
            parent[find(rel.a)] = find(rel.b)
    contested = {x for r in shown if r.relation == "contradicts" for x in (r.a, r.b)}
    by_id = {v.id: v for v in views}
    groups: dict[str, list[str]] = {}
    for v in views:
        groups.setdefault(find(v.id), []).append(v.id)
    out = []
    for k, members in enumerate(sorted(groups.values(), key=lambda m: by_id[m[0]].order), 1):
        sources = sorted({by_id[m].source for m in members})
        sides = {by_id[m].side for m in members if by_id[m].side}
        copies = [c for m in members for c in by_id[m].copies]
        if any(m in contested for m in members):
            status = "contested"
        elif len(sources) == 1:
            status = "single source"
        elif len(sides) >= 2:
            status = "confirmed across sides"
        else:
            status = "several sources, same side"
        first = by_id[members[0]].props[0]
        out.append(ClaimGroup(f"g{k}", tuple(members + copies), status, tuple(sources), tuple(sorted(sides)),
                              tuple(copies), {k: first.get(k) for k in ("predicate", "place", "side", "negated")}))
    return out
