"""Events: what is reported to have happened, where, when, by whom, and who says so.

A trigger (a verb, noun or phrase of the ontology in ``data/lexicons/events.toml``) in a sentence
of new evidence makes an event of its type, unless it is negated, hypothetical or intended ("no
plans to evacuate", "may be gearing up for an advance", "preparations for an assault"). Each
event keeps its tie to the claim that carries it: ``claimed_by`` is that claim's speaker (or, for
an anonymous source, the outlet it came through), and narrative statements are the outlet's own
(``status`` ``reported``), or, in a wire copy, the agency's whose copy it is. Locations are the
places in the trigger's clause, with ``origin`` and ``destination`` for movements; the date is the
sentence's time expression resolved against the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sitroom.extract.claims import _quote_spans, skipped_spans
from sitroom.extract.dates import find_times, period_bounds
from sitroom.extract.speakers import COUNTRY
from sitroom.extract.voices import digest_source, wire_of
from sitroom.kb import KB
from sitroom.kb.gazetteer import SETTLEMENT_KINDS
from sitroom.kb.ontology import Ontology, ontology
from sitroom.model import Article, Claim, Event, Quantity, Span, SpanSet
from sitroom.pipeline import stage

NATIONALITY = {"russian": "Russian forces", "russia": "Russian forces", "ukrainian": "Ukrainian forces",
               "ukraine": "Ukrainian forces", "kiev": "Ukrainian forces", "kyiv": "Ukrainian forces",
               "moscow": "Russian forces"}
LOCATIVE = frozenset({"in", "into", "inside", "across", "throughout", "from", "to", "near", "within", "at"})


# --- triggers ----------------------------------------------------------------------------------------

def _lemma(token) -> str:
    return token.lemma_.lower()


def _words_around(token) -> set[str]:
    return {t.lower_ for t in token.subtree} | {t.lower_ for t in token.head.subtree if t.dep_ in (
        "nsubj", "nsubjpass", "dobj", "pobj")} | {c.lower_ for c in token.head.children}


#: the words :func:`trigger_type` reads as triggers by its own rules, beside the ontology's
RULE_TRIGGERS = frozenset({"drop", "destroy", "down", "neutralize", "neutralise", "eliminate", "advance", "capture",
                           "seize", "storm", "take", "enter", "approaches", "under"})


def trigger_words(doc, onto: Ontology):
    """The positions (a numpy array, ascending) of the tokens whose lower-cased lemma or form is a
    word :func:`trigger_type` reads as a trigger; found on the document's arrays, so that the
    other tokens are never made into Python objects."""
    import numpy
    from spacy.attrs import LEMMA, LOWER

    if not len(doc):
        return numpy.zeros(0, dtype=int)
    words = onto.triggers | RULE_TRIGGERS
    strings = doc.vocab.strings
    table = doc.to_array([LEMMA, LOWER])
    lemmas = numpy.unique(table[:, 0])
    lemma_hits = [h for h in lemmas.tolist() if strings[h].lower() in words]  # a lemma "Storm" too
    form_hits = [strings[w] for w in words]
    hit = numpy.isin(table[:, 0], numpy.array(lemma_hits, dtype=table.dtype)) | numpy.isin(
        table[:, 1], numpy.array(form_hits, dtype=table.dtype))
    return numpy.nonzero(hit)[0]


def trigger_type(token, onto: Ontology, places: frozenset[int] = frozenset()) -> str | None:
    """The event type a token triggers, or None. ``places``: the character offsets at which the
    article's place mentions start (the entities stage's, which know "Sudzha" when spaCy says PERSON)."""
    lemma, lower = _lemma(token), token.lower_
    if not any(w in onto.triggers or w in RULE_TRIGGERS for w in (lemma, lower)):
        return None  # most words of a text trigger nothing: spare them the checks below
    is_verb = token.pos_ in ("VERB", "AUX")
    is_noun = token.pos_ in ("NOUN", "PROPN") or (  # "Fighting near the towns has been intense": a gerund as noun
        token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "csubj") and not any(c.dep_ == "dobj" for c in token.children))
    if token.tag_ == "VBG" and (token.dep_ == "amod" or (token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"))
                                or (token.dep_ == "pcomp" and token.head.lower_ == "with")):
        return None  # "retreating units", "(with) forces retreating from the area": a description, not a report
    if token.tag_ == "VBG" and any(c.dep_ == "dobj" and c.i == token.i + 1 and c.lower_ in GENERIC_ACTS
                                   for c in token.children):
        return None  # "enemy fire and storming action": a kind of action in a list of nouns, misread as a verb
    if is_noun and _unit_name(token):
        return None  # "the 82nd air assault brigade", "strike groups": a unit's name, not an event
    if (token.dep_ == "amod" and token.tag_ in ("VBN", "JJ") and token.i < token.head.i) or (
            token.tag_ == "VBN" and token.i > token.sent.start and token.nbor(-1).pos_ in ("ADP", "DET")):
        return None  # "Russian-occupied Melitopol", "in occupied Melitopol", "the liberated villages": a state
    if token.pos_ == "PROPN" and (token.ent_type_ == "ORG" or (token.dep_ == "compound" and token.head.pos_ == "PROPN")):
        return None  # "the Liberation Front", "Operation Storm": part of a name
    if lemma in ("strike", "attack") and is_noun and any(
            c.lower_ in NOT_ARMED for c in token.children if c.dep_ in ("amod", "compound", "nmod", "npadvmod")):
        return None  # a hunger strike, a general strike, a cyber attack: no weapons fired
    if lemma == "strike" and is_noun and token.head.lower_ == "on" and not any(c.dep_ == "det" for c in token.children):
        return None  # "workers went on strike"
    if is_verb and lemma in ("drop", "destroy", "down", "neutralize", "neutralise", "eliminate") and _weapons(token):
        return "attack"  # "dropped 35 guided aerial bombs", "air defences destroyed 20 drones": an air attack
    if is_verb and lemma in ("advance", "capture", "seize", "storm", "take", "enter") and token.dep_ == "xcomp" \
            and token.head.lemma_.lower() in ("attempt", "try", "seek"):
        return "attack"  # "the enemy attempted to advance near X five times": assaults, not ground taken
    if is_verb and lemma in ("launch", "begin", "start", "conduct", "hold") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in NOT_ATTACKS for c in token.children):
        return None  # "launched military exercises", "began an investigation": not an assault
    if lower == "approaches" and token.head.lower_ == "on" and _participants(token.head.head) & onto.types[
            "deployment"].participants:
        return "deployment"  # "Russian troops were on the approaches to the village": forces moved up to a place
    if lower == "under" and _under_control(token):
        return "territory_change"  # "the village is now under Russian control": a change of hands told as a state
    if lemma == "push" and _phrase_follows(token, ("back", "against")):
        return None  # "pushed back against these attacks": resisted, no ground changed hands
    for name, et in onto.types.items():
        for phrase in et.phrases:
            if lemma == phrase[0] and _phrase_follows(token, phrase[1:]):
                return name
        hit = (is_verb and lemma in et.verbs) or (is_noun and (lower in et.nouns or lemma in et.nouns))
        if not hit:
            continue
        if name == "territory_change" and is_verb and lemma in ("take", "enter", "secure", "advance", "control") and not (
                _words_around(token) & et.objects or _has_place_object(token, places)):
            continue
        if name == "territory_change" and lemma == "take" and any(c.lower_ == "place" for c in token.children):
            continue  # "fighting is taking place along the front": it happens, nothing is taken
        if name in ("deployment", "evacuation") and is_verb and et.participants and lemma not in (
                "deploy", "redeploy", "reinforce", "evacuate") and not (_participants(token) & et.participants):
            continue
        if name == "withdrawal" and lemma == "evacuate" and not (_participants(token) & onto.types["deployment"].participants):
            continue
        if name == "evacuation" and lemma == "evacuate" and (_participants(token) & onto.types["deployment"].participants):
            continue
        if name == "attack" and lemma in ("hit", "target", "fire", "launch", "strike") and is_verb and not _has_object_or_passive(token):
            continue
        if name == "other" and is_verb and not _has_object_or_passive(token):
            continue  # "postponed all his trips", "the games were cancelled": something is called off
        if name == "other" and is_noun and not _being_built(token):
            continue  # "facilities turned into fortifications": a description, not works under way
        return name
    return None


#: what makes a "strike" or an "attack" one in which nothing is fired
NOT_ARMED = frozenset({"hunger", "general", "labour", "labor", "workers", "worker", "union", "rail", "miners",
                       "teachers", "doctors", "warning", "sit-down", "nationwide", "cyber", "hacker", "ddos",
                       "phishing", "ransomware", "heart", "panic", "asthma"})
#: what air defences destroy: an air attack's weapons, not losses in battle
AERIAL = frozenset({"drone", "uav", "missile", "rocket", "shahed", "glide", "bomb", "projectile"})
def _weapons(token) -> list:
    """The drones, missiles or bombs a verb acts on ("destroyed 20 Ukrainian drones")."""
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in AERIAL]


#: what one launches or holds that is not an attack
NOT_ATTACKS = frozenset({"exercise", "drill", "game", "manoeuvre", "maneuver", "investigation", "probe", "inquiry",
                         "appeal", "fundraiser", "program", "programme", "initiative", "website", "review",
                         "satellite", "talk", "negotiation", "consultation", "election", "referendum"})

#: nouns a gerund may describe without being an event itself ("storming action", "assault operations")
GENERIC_ACTS = frozenset({"action", "actions", "operation", "operations", "activity", "activities", "tactics"})

#: words that make a name of a unit out of the event word before them
UNIT_WORDS = frozenset({"brigade", "brigades", "regiment", "regiments", "battalion", "battalions", "division",
                        "divisions", "unit", "units", "group", "groups", "troops", "company", "companies",
                        "squad", "squads", "detachment", "detachments", "aircraft", "helicopter", "helicopters",
                        "drone", "drones", "boat", "boats", "corps"})


def _unit_name(token) -> bool:
    """'air assault brigade', '82nd air assault', 'strike drones', 'assault units': part of a name."""
    if token.dep_ in ("compound", "amod", "nmod") and token.head.lower_ in UNIT_WORDS:
        return True
    if any(c.dep_ in ("amod", "nummod", "compound") and re.fullmatch(r"\d+(?:st|nd|rd|th)", c.lower_)
           for c in token.children):
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.lower_ in UNIT_WORDS and following.pos_ in ("NOUN", "PROPN")


#: acts of building defences: "construct fortifications", "a line of fortifications began to be erected"
BUILD = frozenset({"build", "construct", "erect", "dig", "equip", "create", "strengthen", "construction", "building",
                   "erection", "work", "works"})


def _being_built(token) -> bool:
    """Whether a noun of defences is what is being built (up to three words above it)."""
    node = token
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if _lemma(node) in BUILD or any(c.dep_ == "nsubj" and _lemma(c) in BUILD for c in node.children):
            return True  # "construction of fortifications", "work began on fortifications"
    return False


def _past_perfect(token) -> bool:
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in token.children)


def _scope(token) -> list:
    """Tokens of a trigger's own phrase: its subtree without relative clauses hanging on a noun."""
    if token.pos_ in ("VERB", "AUX"):
        return list(token.subtree)
    skip = {t.i for c in token.subtree if c.dep_ in ("relcl", "acl") and c.i != token.i for t in c.subtree}
    return [t for t in token.subtree if t.i not in skip]


def _anaphoric(token) -> bool:
    """'the withdrawals', "Zelensky's trip", 'this capture': a noun mention of an event told before."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or c.dep_ == "poss"
        for c in token.children)


def _compatible_days(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two mentions' dates can be one event's: equal, one unknown, or a day within a "since"."""
    (day_a, precision_a), (day_b, precision_b) = a, b
    if day_a is None or day_b is None or day_a == day_b:
        return True
    if precision_a == "since":
        return day_b >= day_a
    if precision_b == "since":
        return day_a >= day_b
    return False


#: whose control a place is under: a side, not "the situation is under control"
CONTROLLERS = frozenset({"russian", "ukrainian", "our", "their", "its", "enemy", "russia", "ukraine", "kyiv",
                         "moscow", "occupation"})


def _under_control(token) -> bool:
    following = [t for t in token.doc[token.i + 1: token.i + 6] if not t.is_punct]
    words = [t.lower_.removesuffix("'s").removesuffix("’s") for t in following]
    if len(words) >= 2 and words[0] in CONTROLLERS and words[1] == "control":
        return True  # "under Russian control"
    return words[:3] == ["the", "control", "of"] and len(words) > 3 and words[3] in CONTROLLERS


def _definite(token) -> bool:
    """'the attack', 'this capture', "Zelensky's trip": a noun that points back to an event already
    told (a pronoun's possessive points to who acted: 'its advances' may be new)."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
        or (c.dep_ == "poss" and c.pos_ == "PROPN") for c in token.children)


def _phrase_follows(token, rest: tuple[str, ...]) -> bool:
    following = [t for t in token.doc[token.i + 1: token.i + 5] if not t.is_punct]
    lemmas = [_lemma(t) for t in following]
    return all(word in lemmas[: len(rest) + 2] for word in rest)


def _participants(token) -> set[str]:
    words = set()
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "attr"):
            words |= {t.lower_ for t in child.subtree}
    if token.dep_ in ("xcomp", "conj", "acl", "relcl"):
        words |= {t.lower_ for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        if token.dep_ in ("acl", "relcl"):
            words.add(token.head.lower_)
    return words


def _has_place_object(token, places: frozenset[int] = frozenset()) -> bool:
    for c in token.children:
        if c.dep_ not in ("dobj", "prep"):
            continue
        heads = [c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"]
        if c.ent_type_ in ("GPE", "LOC") or any(t.ent_type_ in ("GPE", "LOC") or t.left_edge.idx in places
                                                 or t.idx in places for t in heads):
            return True
    return False


def _has_object_or_passive(token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass", "agent") for c in token.children)


def is_irrealis(token, onto: Ontology, kind: str | None = None) -> bool:
    """Negated, modal, intended, hypothetical or prevented: not reported as having happened.

    ``kind`` refines the reading by event type: an advance that was thwarted, or a capture only
    begun, did not change hands (an attack that was repelled still happened), and an evacuation
    ordered or urged is the evacuation's report.
    """
    ordered = False  # inside an evacuation order: "signed the order to introduce an evacuation"
    node = token
    while True:
        lemma = _lemma(node)
        if kind is not None and kind != "attack" and node.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "xcomp" and _lemma(c) in onto.prevented for c in node.head.children):
            return True  # "their advance appears to have been halted"
        if node.i == token.head.i != token.i and token.dep_ in ("dobj", "nsubjpass", "xcomp") and (lemma in onto.called_off or (
                lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in node.children))):
            return True  # "postponed all his foreign trips", "the visit was cancelled"
        if node is not token and kind is not None:
            if kind != "attack" and lemma in onto.prevented:
                return True
            if kind == "territory_change" and lemma in onto.inchoative:
                return True
            ordered = ordered or (kind == "evacuation" and lemma in onto.orders)
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
                return True
            if child.dep_ == "aux" and child.lower_ in onto.modals:
                return True
            if child.dep_ in ("advmod", "amod") and child.lower_ in ("potential", "possible", "impending", "likely"):
                return True
        if lemma in onto.irrealis and node is not token and not (ordered and lemma in onto.orders) and not (
                lemma == "aim" and any(c.dep_ == "prep" and c.lower_ == "at" for c in node.children)):
            return True  # (but "the strike was aimed at a school" is the strike's target)
        if node.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) and (
                node.head.pos_ in ("NOUN", "PROPN") or node.dep_ == "advcl") and not (
                kind == "evacuation" and _lemma(node.head) in onto.orders):
            return True  # "a launching pad ... to carry out attacks", "regrouped ... to build up efforts"
        if node.head.i == node.i or (node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in PRESUPPOSED for c in node.children)):
            break  # "would be its biggest gain since it launched an incursion": the clause of time is a fact
        node = node.head
    return False


#: subordinators whose clause the sentence takes as given, whatever it says of its main clause
PRESUPPOSED = frozenset({"since", "after", "when", "as", "while", "because"})


# --- slots -------------------------------------------------------------------------------------------

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
                 "a hundred": 100, "a thousand": 1000, "a million": 1_000_000}
_BOUNDS = (("at least", "at least"), ("more than", "at least"), ("over", "at least"), ("up to", "at most"),
           ("fewer than", "at most"), ("less than", "at most"), ("approximately", "about"), ("about", "about"),
           ("around", "about"), ("nearly", "about"), ("almost", "about"), ("some", "about"), ("roughly", "about"))
QUANTITY = re.compile(
    r"(?P<bound>\b(?:at least|more than|over|up to|fewer than|less than|approximately|about|around|nearly|"
    r"almost|some|roughly)\s+)?(?P<number>\d[\d,.]*(?:\s*(?:thousand|million))?|\b(?:one|two|three|four|five|"
    r"six|seven|eight|nine|ten|dozens?|hundreds|thousands|a (?:hundred|thousand|million))\b)\s+(?:of\s+)?(?P<unit>(?:[a-z-]+\s+){0,2}?"
    r"(?:square kilometres|square kilometers|sq km|km|kilometres|kilometers|soldiers|troops|fighters|servicemen|"
    r"civilians|people|villages|settlements|towns|tanks|vehicles|pieces|drones|missiles|shells|units|"
    r"brigades|residents|children|killed|dead|wounded|injured|houses|buildings|aircraft|helicopters))\b",
    re.IGNORECASE)


def quantities(text: str) -> tuple[Quantity, ...]:
    found = []
    for m in QUANTITY.finditer(text):
        raw = m.group("number").lower().replace(",", "")
        if raw in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[raw])
        else:
            scale = 1000 if "thousand" in raw else 1_000_000 if "million" in raw else 1
            digits = re.sub(r"[^\d.]", "", raw)
            if not digits:
                continue
            value = float(digits) * scale
        bound = "exact"
        if m.group("bound"):
            bound = dict(_BOUNDS)[" ".join(m.group("bound").lower().split())]
        found.append(Quantity(m.group(0).strip(), value, m.group("unit").strip().lower(), bound))
    return tuple(found)


#: words that open a clause of time: what it says is the setting, in the writer's voice
SETTING_MARKS = frozenset({"when", "after", "since", "before", "until", "while", "following"})


@dataclass
class Draft:
    type: str
    trigger: object
    sentence: Span
    locations: list[str] = field(default_factory=list)
    origin: str | None = None
    destination: str | None = None
    actor: str | None = None
    subtype: str | None = None
    claim: Claim | None = None
    triggers: list = field(default_factory=list)
    when: tuple[str | None, str | None] | None = None  # a date told by another mention of the event
    last: int = 0  # the number of the last sentence that mentions it
    framed: bool = False  # its claim was taken from another mention of the event
    retold: list = field(default_factory=list)  # the claims of the other mentions folded into it
    told_at: tuple[str, ...] = ()  # the places its own sentence names (``locations`` gathers the other mentions')


#: reporting verbs of belief and conjecture: an event told inside one is a view of it, not its report
OPINION_CUES = frozenset({"believe", "think", "consider", "feel", "suggest", "suspect", "assume", "argue", "doubt",
                          "hope", "fear", "expect", "speculate", "guess", "predict", "warn"})

#: how many earlier events of its type a mention is compared with (bounds the work on a very long page)
LOOK_BACK = 24

#: how many sentences on a mention with no place of its own may still continue the event before it
NEARBY = 2

#: how precisely a kind of place locates an event; kinds not listed are settlements or sites
PLACE_PRECISION = {"continent": 0, "country": 1, "region": 2}

#: event types that, told in a sentence, make a campaign word beside them their setting
SPECIFIC = frozenset({"territory_change", "withdrawal", "deployment", "evacuation"})


def _victims(token) -> str:
    """The words naming who was killed or hurt by a loss word: a verb's object or passive subject
    (with what is coordinated with it), the subject of "died", or a loss noun's own phrase."""
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        words = [t.lower_ for t in token.subtree]
        if token.dep_ in ("nsubj", "nsubjpass", "dobj"):  # "the dead include ..." / "casualties among"
            words += [t.lower_ for c in token.head.children if c.dep_ in ("attr", "dobj", "prep") for t in c.subtree]
        return " ".join(words)
    words = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "conj", "npadvmod") or (
                child.dep_ == "nsubj" and _lemma(token) in ("die", "perish")):
            words += [t.lower_ for t in child.subtree]
    if token.dep_ in ("acl", "relcl"):  # "a man killed in the strike"
        words.append(token.head.lower_)
    elif not any(c.dep_ in ("dobj", "nsubjpass", "nsubj") for c in token.children):
        words += [t.lower_ for t in token.sent if t.i < token.i]  # the victims were parsed off the verb
    return " ".join(words)


class EventFinder:
    def __init__(self, article: Article, onto: Ontology | None = None, registry=None):
        self.article = article
        self.onto = onto or ontology()
        # whose voice the narrative is: the wire agency of a wire copy, else the publishing outlet
        digest = digest_source(article, registry)  # "Key Takeaways from the ISW:": the institute's voice
        self.narrator = (wire_of(article, registry) if registry is not None else None) or (
            digest.canonical if digest is not None else None) or article.outlet
        self.places = sorted(
            ((m.span.start, m.span.end, e.canonical, e.kind) for e in article.entities if e.label == "location"
             for m in e.mentions), key=lambda p: p[0])
        self.place_starts = frozenset(p[0] for p in self.places)
        places = [e for e in article.entities if e.label == "location"]
        self.place_info = {e.canonical: (e.kind, e.country, e.admin1) for e in places}
        self.country_names = {e.country: e.canonical for e in places if e.kind == "country"}
        self.skipped = skipped_spans(article)  # the headline and repeats; a standfirst written as a sentence is read
        self.skipped_set = SpanSet((s.start, s.end) for s in self.skipped)
        self.anchor = date.fromisoformat(article.published) if article.published else None
        self.times: dict[tuple[int, int], list] = {}
        self.told: dict[tuple[int, str | None], tuple[str | None, str | None]] = {}

    def run(self) -> list[Event]:
        drafts: list[Draft] = []
        doc = self.article.parsed
        may = trigger_words(doc, self.onto)
        for number, sent in enumerate(doc.sents):
            span = Span(sent.start_char, sent.start_char + len(sent.text.rstrip()))
            if not len(span) or self.skipped_set.overlaps(span.start, span.end):
                continue
            by_type: dict[str, Draft] = {}
            for token in (doc[i] for i in may[(may >= sent.start) & (may < sent.end)]):
                kind = trigger_type(token, self.onto, self.place_starts)
                if kind is None or is_irrealis(token, self.onto, kind):
                    continue
                draft = by_type.get(kind)
                if draft is None:
                    draft = by_type[kind] = Draft(kind, token, span, claim=self._claim_for(token), last=number)
                draft.triggers.append(token)
                self._fill_slots(draft, token)
            sentence = self.article.body[span.start:span.end]
            if "casualties" in by_type and self._civilian_toll(by_type["casualties"]):
                # civilians killed or hurt: the toll of an attack, one event with it, not a second one
                toll = by_type.pop("casualties")
                if "attack" not in by_type:
                    toll.type = "attack"
                    by_type["attack"] = toll
            attack = by_type.get("attack")
            if attack is not None and by_type.keys() & SPECIFIC and all(
                    _lemma(t) in self.onto.types["attack"].campaign or t.lower_ in self.onto.types["attack"].campaign
                    for t in attack.triggers):
                del by_type["attack"]  # "captured six villages after launching an offensive": the offensive is the setting
            for kind, draft in list(by_type.items()):
                if not draft.locations and WHOLE_FRONT.search(sentence):
                    del by_type[kind]  # "fighting along the entire front line": the war's course, placed nowhere
                elif kind == "attack" and not draft.locations and all(_lemma(t) == "inflict" for t in draft.triggers):
                    del by_type[kind]  # "our forces are inflicting losses": a boast of the war's course, placed nowhere
                elif kind == "casualties" and not quantities(sentence):
                    del by_type[kind]  # losses without a number are rhetoric, not a casualty report
                elif draft.claim is None and _past_perfect(draft.trigger):
                    del by_type[kind]  # narrative background ("Russia had diverted forces"), not news
                elif self._long_ago(draft):
                    del by_type[kind]  # "recaptured Robotyne in August 2023", "has occupied Crimea since 2014": history
            for draft in by_type.values():
                draft.told_at = tuple(draft.locations)
            drafts += by_type.values()
        drafts = self._fold_repeats(drafts)
        return [self._event(k, d) for k, d in enumerate(drafts, 1)]

    @staticmethod
    def _civilian_toll(draft: Draft) -> bool:
        """Whether the losses are civilians' or their homes': the victims named by the loss words, not the
        attackers ("troops launched strikes, killing one and injuring three people" is a toll of civilians;
        "two houses were destroyed" is the damage of a strike)."""
        victims = " ".join(_victims(t) for t in draft.triggers)
        return bool(CIVILIAN_VICTIMS.search(victims) or PROPERTY.search(victims)) and not COMBATANT_LOSSES.search(victims)

    def _claim_for(self, token) -> Claim | None:
        """The claim that asserts the trigger: its content holds it, or its cue governs it."""
        at = token.idx
        holding = [c for c in self.article.claims if c.evidence.start <= at < c.evidence.end]
        for claim in holding:
            if claim.cue_span is not None and claim.cue_span.start <= at < claim.cue_span.end:
                return claim
            if claim.content_span is not None and claim.content_span.start <= at < claim.content_span.end:
                return claim
            if claim.quote and claim.evidence.start <= at < claim.evidence.end and self._in_quote(at):
                return claim
        doc = self.article.parsed
        for claim in sorted(holding, key=lambda c: -(c.cue_span.start if c.cue_span else -1)):
            if claim.cue_span is None or claim.cue_span.start > at:
                continue
            cue = doc.char_span(claim.cue_span.start, claim.cue_span.end, alignment_mode="expand")
            if cue is not None and token in cue.root.subtree:
                return claim
            if claim.cue == "according to":
                return claim
        return self._continued_claim(token)

    def _in_quote(self, at: int) -> bool:
        return any(a <= at < b for a, b in _quote_spans(self.article.body or ""))

    def _continued_claim(self, token) -> Claim | None:
        """'They've conquered several villages' right after 'The military alleges ...': the same voice."""
        sent = token.sent
        first = next((t for t in sent if not t.is_punct and t.dep_ not in ("advmod", "cc", "intj")), None)
        if first is None or first.lower_ not in ("they", "they've", "he", "she", "it", "this") or first.dep_ not in (
                "nsubj", "nsubjpass"):
            return None
        previous = [c for c in self.article.claims if c.evidence.end <= sent.start_char
                    and "\n" not in (self.article.body or "")[c.evidence.end:sent.start_char]]
        return previous[-1] if previous else None

    def _fill_slots(self, draft: Draft, token) -> None:
        scope = _scope(token)  # a verb's clause, or a noun's own phrase ("the capture of two villages near X")
        lo = min(t.idx for t in scope)
        hi = max(t.idx + len(t.text) for t in scope)
        lo, hi = max(lo, draft.sentence.start), min(hi, draft.sentence.end)
        own = (lo, hi)  # the trigger's own phrase, before a noun's is widened to its verb's objects
        if (token.pos_ in ("NOUN", "PROPN") and not _anaphoric(token)
                and not any(lo <= p[0] and p[1] <= hi for p in self.places)):
            verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is not None:  # "described 'withdrawals' of troops from Izyum": the PP hangs on the verb
                objects = [t for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass", "ccomp", "advcl")
                           for t in c.subtree]
                if objects:
                    lo = max(min(t.idx for t in objects), draft.sentence.start)
                    hi = min(max(t.idx + len(t.text) for t in objects), draft.sentence.end)
        for start, end, name, kind in self.places:
            if lo <= start and end <= hi and name not in draft.locations:
                if kind == "country" and self._preposition_before(start) not in LOCATIVE:
                    continue  # "as Russia pushes closer": an actor, not where it happened
                draft.locations.append(name)
                prep = self._preposition_before(start)
                if prep == "from" and draft.type in ("deployment", "withdrawal", "evacuation"):
                    draft.origin = draft.origin or name
                elif prep in ("to", "toward", "towards", "into") and draft.type in ("deployment", "evacuation"):
                    draft.destination = draft.destination or name
        if not draft.locations and (m := DEFINITE_PLACE.search((self.article.body or "")[own[0]:own[1]])):
            kinds = PLACE_NOUN_KINDS[m.group(1).lower()]
            before = [p for p in self.places if p[1] <= own[0] + m.start() and p[3] in kinds]
            if before:  # "a strike on the city": the city named last before it
                draft.locations.append(before[-1][2])
            elif "region" in kinds:  # "in the region" after a city: the city's oblast
                towns = [p for p in self.places if p[1] <= own[0] + m.start() and p[3] in SETTLEMENT_KINDS]
                region = self.place_info.get(towns[-1][2], (None, None, None))[2] if towns else None
                if region:
                    draft.locations.append(region)
        draft.actor = draft.actor or self._actor(token, draft.type)
        if draft.type == "attack" and draft.subtype is None:
            draft.subtype = self._subtype(draft)

    def _preposition_before(self, start: int) -> str | None:
        """The preposition governing the place mention at ``start`` ("from X", "in northern X")."""
        doc = self.article.parsed
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return None
        node = span[0]
        for _ in range(4):
            if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent"):
                return node.head.lower_
            if node.head.i == node.i:
                break
            node = node.head
        return None

    def _actor(self, token, kind: str) -> str | None:
        if kind == "evacuation":
            return "civilians"
        weapons = _weapons(token)
        if kind == "attack" and weapons:  # "destroyed 20 Ukrainian drones": the attacker owned the drones
            words = {t.lower_ for w in weapons for t in w.subtree}
            owner = next((actor for word, actor in NATIONALITY.items() if word in words), None)
            if owner is not None:
                return owner
        for child in token.children:
            if child.dep_ in ("nsubj", "agent", "poss") or (child.dep_ == "prep" and child.lower_ == "by"):
                lo = min(t.idx for t in child.subtree)
                hi = max(t.idx + len(t.text) for t in child.subtree)
                for actor in self.article.actors:
                    if lo <= actor.span.start < hi and actor.label == "person":
                        return actor.canonical
                words = {t.lower_ for t in child.subtree}
                for word, actor in NATIONALITY.items():
                    if word in words:
                        return actor
        words = {t.lower_ for t in token.subtree} | {t.lower_ for t in token.head.children}
        words |= {t.lower_ for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        for word, actor in NATIONALITY.items():
            if word in words:
                return actor
        return None

    def _subtype(self, draft: Draft) -> str | None:
        text = (self.article.body or "")[draft.sentence.start:draft.sentence.end].lower()
        for subtype, words in self.onto.types["attack"].subtypes.items():
            if any(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
                return subtype
        return None

    def _fold_repeats(self, drafts: list[Draft]) -> list[Draft]:
        """Mentions of one event become one event: an article tells a strike in its lead, then again
        with the hour, the toll and the official who reported it.

        Two mentions are one event when they have the same type, no conflicting actor, date or span of
        time, one source (or the outlet retelling it, or a back-reference such as "the attack") and
        compatible places (a shared place, or one names only the region or country that holds the
        other's); a mention with no place of its own continues only the latest event of its type, told
        just before or named back. The evidence kept is the mention that tells the event in its own
        clause, as a report rather than a belief, as a new mention rather than a back-reference, with
        the most precise place, else the first; the others' places, date and claims are kept with it.
        """
        kept: list[Draft] = []
        for draft in drafts:
            k = self._earlier_mention(kept, draft)
            if k is None:
                kept.append(draft)
                continue
            first = kept[k]
            better = self._evidence_rank(draft) > self._evidence_rank(first)
            keep, other = (draft, first) if better else (first, draft)
            keep.last = max(first.last, draft.last)
            keep.locations = list(dict.fromkeys(keep.locations + other.locations))
            if self._date(keep)[0] is None:
                keep.when = self._date(other)
            keep.actor = keep.actor or other.actor
            keep.retold = [c for c in (*keep.retold, other.claim, *other.retold) if c is not None]
            if (self._claimed_by(keep) == self.narrator and self._claimed_by(other) != self.narrator
                    and not self._opinion(other)):
                keep.claim, keep.framed = other.claim, True  # the outlet retells what its source said
            kept[k] = keep
        return kept

    def _earlier_mention(self, kept: list[Draft], draft: Draft) -> int | None:
        same_type = [i for i, e in enumerate(kept) if e.type == draft.type][-LOOK_BACK:]
        for n, i in enumerate(reversed(same_type)):
            if not (draft.locations and kept[i].locations) and not (  # "buildings were destroyed": the one just told
                    n == 0 and (draft.last - kept[i].last <= NEARBY or _definite(draft.trigger))):
                continue
            if self._same_event(kept[i], draft):
                return i
        return None

    def _same_event(self, a: Draft, b: Draft) -> bool:
        if a.actor is not None and b.actor is not None and a.actor != b.actor:
            return False
        says_a, says_b = self._claimed_by(a), self._claimed_by(b)
        if says_a != says_b and self.narrator not in (says_a, says_b) and not _definite(b.trigger):
            return False  # two sources telling it are two claims of it ("the attack" is the one told, whoever speaks)
        if not _compatible_days(self._date(a), self._date(b)):
            return False
        if self._period(a) != self._period(b):
            return False  # "this month Russia advanced" sums up; "on Sunday it took a village" is one day's event
        if not a.locations or not b.locations:
            return True
        return bool(set(a.locations) & set(b.locations)) or self._contains(a.locations, b.locations) or self._contains(
            b.locations, a.locations)

    def _contains(self, outer: list[str], inner: list[str]) -> bool:
        """Whether every place of ``outer`` is a region or country that holds a place of ``inner``."""
        holders = set()
        for name in inner:
            kind, country, admin1 = self.place_info.get(name, (None, None, None))
            holders |= {admin1, self.country_names.get(country)}
        return all(name in holders for name in outer)

    def _evidence_rank(self, draft: Draft) -> tuple[bool, bool, bool, int]:
        precision = max((PLACE_PRECISION.get(self.place_info.get(n, (None,))[0], 3) for n in draft.told_at),
                        default=0)
        return (not self._backgrounded(draft.trigger), not self._opinion(draft), not _anaphoric(draft.trigger),
                precision)

    def _opinion(self, draft: Draft) -> bool:
        """Told inside what someone believes or suspects, not what they report."""
        claim = draft.claim
        if claim is None or claim.cue_span is None:
            return False
        cue = self.article.parsed.char_span(claim.cue_span.start, claim.cue_span.end, alignment_mode="expand")
        return cue is not None and any(_lemma(t) in OPINION_CUES for t in cue)

    @staticmethod
    def _backgrounded(token) -> bool:
        """Told as the setting of another statement: in a relative clause or a clause of time."""
        for node in [token, *token.ancestors]:
            if node.dep_ == "relcl" or (node.dep_ in ("advcl", "pcomp", "pobj", "prep") and (
                    node.lower_ in SETTING_MARKS or any(c.dep_ in ("mark", "advmod") and c.lower_ in SETTING_MARKS
                                                        for c in node.children))):
                return True
        return False

    def _claimed_by(self, draft: Draft) -> str | None:
        claim = draft.claim
        if claim is None or self._in_setting(draft):
            return self.narrator
        if claim.speaker_kind == "unnamed" and claim.via:
            return claim.via[0]
        return claim.speaker

    def _in_setting(self, draft: Draft) -> bool:
        return not draft.framed and self._in_setting_clause(draft)

    def _in_setting_clause(self, draft: Draft) -> bool:
        """Whether the event sits in the writer's setting of a claim, not in what is claimed: a
        relative clause ("an offensive that prompted mass evacuations", "since Friday, when Moscow's
        forces launched the operation") or a clause of time ("after launching an offensive") on the
        way from the event's word up to the reporting verb."""
        claim, token = draft.claim, draft.trigger
        if claim is None or claim.cue_span is None or not hasattr(token, "ancestors"):
            return False
        if claim.content_span is not None and not (claim.content_span.start <= token.idx < claim.content_span.end):
            return False  # outside the reported part: the frame, handled elsewhere
        for node in [token, *token.ancestors]:
            if claim.cue_span.start <= node.idx < claim.cue_span.end:
                return False  # reached the reporting verb: inside what is said
            if node.dep_ == "relcl" or (node.dep_ in ("advcl", "pcomp", "pobj") and any(
                    c.dep_ in ("mark", "advmod") and c.lower_ in SETTING_MARKS for c in node.children)):
                return True
            if node.dep_ == "pcomp" and node.head.lower_ in SETTING_MARKS:  # "after launching"
                return True
        return False

    def _home_of_subject(self, token) -> list[str]:
        """The country of whoever did it, for an act with no place ("the Russian ministry cancelled its
        games", "Zelensky postponed his trips"): the side of the subject, as the country's name."""
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return []
        lo, hi = min(t.idx for t in subject.subtree), max(t.idx + len(t.text) for t in subject.subtree)
        side = next((a.side for a in self.article.actors if lo <= a.span.start < hi and a.side), None)
        return [COUNTRY[side]] if side in COUNTRY else []

    def _main_region(self) -> list[str]:
        counts: dict[str, int] = {}
        for _, _, name, kind in self.places:
            if kind == "region":
                counts[name] = counts.get(name, 0) + 1
        return [max(counts, key=counts.get)] if counts else []

    def _period(self, draft: Draft) -> bool:
        """Whether the mention's own sentence sets it in a week, month or longer, and names no day."""
        if self._told_date(draft)[0] is not None:
            return False
        return any(m.value.precision in COARSE for m in self._times(draft.sentence))

    def _long_ago(self, draft: Draft) -> bool:
        """Whether the mention's sentence sets it only in a time long over when the article was written:
        a day, month or year that ended more than :data:`HISTORY_DAYS` before, or a state that began
        more than :data:`HISTORY_SINCE_DAYS` before. A sentence that also names a recent time keeps it."""
        if self.anchor is None:
            return False
        ages = []
        for mention in self._times(draft.sentence):
            value = mention.value.value
            if mention.value.precision not in ("day", "month", "since"):
                value = value[:4] if value and value[:4].isdigit() else None  # a week or season: its year
            bounds = period_bounds(value)
            if bounds is None:
                continue
            if mention.value.precision == "since":
                ages.append((self.anchor - bounds[0]).days > HISTORY_SINCE_DAYS)
            else:
                ages.append((self.anchor - bounds[1]).days > HISTORY_DAYS)
        return bool(ages) and all(ages)

    def _times(self, span: Span) -> list:
        """The time expressions of a span of the body (read once: the fold compares mentions often)."""
        key = (span.start, span.end)
        if key not in self.times:
            self.times[key] = find_times((self.article.body or "")[span.start:span.end], self.anchor)
        return self.times[key]

    def _date(self, draft: Draft) -> tuple[str | None, str | None]:
        told = self._told_date(draft)
        return told if told[0] is not None or draft.when is None else draft.when

    def _told_date(self, draft: Draft) -> tuple[str | None, str | None]:
        key = (draft.sentence.start, draft.claim.id if draft.claim else None, draft.trigger.i)
        if key not in self.told:
            self.told[key] = self._read_date(draft)
        return self.told[key]

    def _read_date(self, draft: Draft) -> tuple[str | None, str | None]:
        text = (self.article.body or "")[draft.sentence.start:draft.sentence.end]
        days = [m for m in self._times(draft.sentence) if m.value.value and m.value.precision in ("day", "since")]
        if len(days) > 1 and draft.trigger.pos_ in ("VERB", "AUX"):  # "power was out on Monday after missiles hit on
            lo = min(t.idx for t in draft.trigger.subtree) - draft.sentence.start  # Sunday": the trigger's own day
            hi = max(t.idx + len(t.text) for t in draft.trigger.subtree) - draft.sentence.start
            days = [m for m in days if lo <= m.span.start < hi] + [m for m in days if not lo <= m.span.start < hi]
        if days:
            return days[0].value.value, days[0].value.precision
        if self.anchor is not None and PRESENT.search(text):
            return self.anchor.isoformat(), "day"  # "we currently control", "have just signed": the day it is told
        claim = draft.claim
        if claim is not None:  # the same speaker's statement continued from a dated sentence
            claims = list(self.article.claims)
            k = next((i for i, c in enumerate(claims) if c.id == claim.id), 0)
            if k > 0 and claims[k - 1].speaker == claim.speaker:
                for mention in self._times(claims[k - 1].evidence):
                    if mention.value.value and mention.value.precision == "day":
                        return mention.value.value, "day"
        if claim is not None and self.anchor is not None and claim.cue_span is not None:
            cue = self.article.parsed.char_span(claim.cue_span.start, claim.cue_span.end)
            if (cue is not None and cue[0].lemma_ == "announce" and cue[0].tag_ == "VBN"
                    and any(c.lower_ in ("has", "have") for c in cue[0].children)):
                return self.anchor.isoformat(), "day"  # "has announced": the announcement is the news of the day
        return None, None

    def _event(self, k: int, draft: Draft) -> Event:
        when, precision = self._date(draft)
        home = self._home_of_subject(draft.trigger) if draft.type == "other" else []
        locations = draft.locations or home or self._main_region()
        claim = draft.claim
        text = (self.article.body or "")[draft.sentence.start:draft.sentence.end]
        trigger = draft.trigger
        return Event(
            id=f"{self.article.id}:e{k}", type=draft.type, evidence=draft.sentence, locations=tuple(locations),
            date=when, date_precision=precision or "day", actor=draft.actor, claimed_by=self._claimed_by(draft),
            claim_id=claim.id if claim else None, status="claimed" if claim else "reported",
            subtype=draft.subtype, origin=draft.origin, destination=draft.destination, quantities=quantities(text),
            trigger=Span(trigger.idx, trigger.idx + len(trigger.text)),
            retold_in=tuple(dict.fromkeys(c.id for c in draft.retold if claim is None or c.id != claim.id)),
        )


#: words that put what is told on the day it is told
PRESENT = re.compile(r"(?i)\b(?:currently|at present|at the moment|as of now|(?:has|have|had)\s+just)\b")

#: a place named back by its kind: "the city", "the village", "the region"
DEFINITE_PLACE = re.compile(r"\b(?:the|this)\s+(city|town|village|settlement|region|oblast)\b", re.I)
PLACE_NOUN_KINDS = {"city": ("city", "town"), "town": ("town", "city", "village"), "village": ("village", "town"),
                    "settlement": ("village", "town", "city"), "region": ("region",), "oblast": ("region",)}

#: how long after its period an event a sentence dates is history, not news (days)
HISTORY_DAYS = 90
#: how long a state may have lasted ("has occupied X since 2014") before it is history, not news (days)
HISTORY_SINCE_DAYS = 180


#: time expressions that set an event in a span longer than a day
COARSE = frozenset({"week", "month", "season", "quarter", "year", "decade"})

#: the whole front named as the place: the course of the war, not one event
WHOLE_FRONT = re.compile(r"(?i)\b(?:entire|whole|all along the|across the)\s+(?:front(?:\s*line)?|frontline|line of contact)\b")

#: victims that make a toll an attack's: civilians, not combatants' losses
CIVILIAN_VICTIMS = re.compile(r"(?i)\b(?:people|civilians?|residents?|persons?|man|men|woman|women|child(?:ren)?|"
                              r"boy|girl|pensioners?|teenagers?)\b")
#: civilian property whose destruction is the damage of an attack, not a loss claimed in battle
PROPERTY = re.compile(r"(?i)\b(?:houses?|homes?|buildings?|apartments?|shops?|stores?|markets?|schools?|hospitals?|"
                      r"churche?s?|infrastructure|facilit(?:y|ies)|kindergartens?|garages?|residential)\b")
COMBATANT_LOSSES = re.compile(r"(?i)\b(?:soldiers|servicemen|troops|personnel|fighters|mercenaries|losses|manpower)\b")


def make_events_stage(kb: KB | None = None):
    """The events stage over ``kb``'s ontology (the shipped one when ``None``, loaded at first use)."""

    @stage(requires=["parsed", "entities", "claims", "published"], assigns=["events"])
    def events(article: Article) -> Article:
        """Typed, located, dated events, each tied to who asserts it."""
        base = kb or KB.load()
        article.events = tuple(EventFinder(article, base.ontology, base.registry).run())
        return article

    return events


events = make_events_stage()
