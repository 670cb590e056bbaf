"""Entities: one canonical identity per person, organisation and place, whatever the spelling.

Three sources of mentions over the spaCy tokens of the body, longest match first:

1. the person and organisation registry (``sitroom.kb.registry``), by exact alias;
2. the gazetteer (``sitroom.kb.gazetteer``), by any name variant, so that small settlements the
   statistical model tags as PERSON or ORG (Lyptsi, Lyman) are still places;
3. spaCy's statistical entities for the rest: people and institutions the registry does not know
   keep their name as found; a misspelling of a known person resolves to them (rapidfuzz).

Places are then resolved: a capital that acts ("Kiev sends reserves", "Moscow could act") is a
metonym, not a place; a city used as a front ("the Kharkiv front", "the region of Belgorod") names
its oblast; a name inside a person's or an institution's name ("Abraham Lincoln", "Texas A&M
University", "Forces in Europe") is no place. Homonyms (71 places called Vesele, Paris in France or
Texas, Georgia the country or the state) are chosen with the document as context: "Paris, Texas"
says it outright; otherwise the countries and regions the other mentions point to, the places named
nearby, then kind, population and whether the name is the place's own (see :func:`_resolve_places`).
A small foreign place in a story that says nothing else of its country, found on a word spaCy does
not take for a place, is dropped ("Lawson", "Logan" as surnames).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from sitroom.extract.districts import find_districts
from sitroom.kb import KB
from sitroom.kb.gazetteer import KEY_PREFIX, Gazetteer, Place, last_word
from sitroom.kb.gazetteer import normalize as gazetteer_normalize
from sitroom.kb.registry import TITLE_WORDS as REGISTRY_TITLE_WORDS
from sitroom.kb.registry import Entry, Registry, normalize_name
from sitroom.kb.words import WordFilter
from sitroom.extract.translit import ukrainian_person
from sitroom.extract.places import (HOME, PERSON_TITLES, Found, _front_or_region_of, _looks_like_person,
                                     _resolve_places, _short_forms, _surnames_not_places, demonym_mentions,
                                     given_name_people)
from sitroom.extract.units import find_units
from sitroom.model import Actor, Article, Entity, Mention, Span, SpanSet
from sitroom.pipeline import stage

MAX_NGRAM = 7

#: Prepositions after which a capital is a place ("in Moscow", "the road to Kyiv").
LOCATIVE = frozenset({"in", "at", "near", "to", "into", "toward", "towards", "from", "around", "outside",
                      "over", "across", "within", "on", "inside", "throughout", "outskirts", "via", "onto"})
#: Nouns whose "from X" names a source, not a place ("information from Moscow").
COMMUNICATION_NOUNS = frozenset({"information", "statement", "statements", "word", "response", "reaction",
                                 "comment", "comments", "signal", "signals", "message", "messages", "reports",
                                 "claims", "news", "briefing", "details", "confirmation", "orders", "pressure",
                                 "demands", "threats", "support", "aid", "approval", "permission"})
#: Nouns whose "of X" is a government's, not a place's ("the position of Moscow").
STANCE_NOUNS = frozenset({"position", "positions", "stance", "policy", "policies", "decision", "decisions",
                          "interests", "intentions", "plans", "plan", "role", "view", "views", "ally",
                          "allies", "partner", "partners", "strategy", "goals", "aims", "actions", "side",
                          "consent", "refusal", "request", "proposal", "offer", "rhetoric", "behaviour",
                          "behavior", "approach", "line", "demand", "accusations", "denial", "version",
                          "narrative"})
INSTITUTION_WORDS = re.compile(
    r"\b(Ministry|Council|Agency|Committee|Service|Department|Office|Army|Forces|Command|Guard|Brigade|"
    r"Battalion|Regiment|Division|Corps|Party|Union|Organi[sz]ation|Institute|University|Court|Parliament|"
    r"Duma|Rada|Senate|Congress|Commission|Administration|Staff|Directorate|Bureau|Fund|Bank|Press|News|"
    r"Times|Post|Journal|Radio|Television|TV|Agency|Group|Center|Centre)\b")


def _is_capitalised(text: str) -> bool:
    first = text.lstrip("\"'“‘(")[:1]
    return first.isupper() or not first.isalpha() or not first.isascii() and first == first.upper()


PREFIX = KEY_PREFIX
TITLE_WORDS = ("president", "prime", "minister", "general", "gen.", "lt.", "lieutenant", "colonel", "col.",
               "major", "maj.", "commander", "mayor", "governor", "spokesman", "spokeswoman", "secretary",
               "senator", "chancellor", "admiral", "captain", "ukrainian", "russian", "us", "u.s.", "former")


@lru_cache(maxsize=2)
def _prefixes(gazetteer: Gazetteer, registry: Registry) -> frozenset[str]:
    """The first letters of every name either dictionary knows: a cheap filter for start tokens."""
    def first(key: str) -> str:
        return key.split(" ", 1)[0][:PREFIX]

    keys = set(gazetteer.prefixes())
    for name, entry in registry.names(include_weak=True):
        keys.add(first(normalize_name(name)))
        keys.update(first(normalize_name(m)) for m in entry.metonyms)
    keys.update(first(normalize_name(w)) for w in TITLE_WORDS)
    return frozenset(keys)


def _may_start_name(text: str, prefixes: frozenset[str]) -> bool:
    if not text[:1].isascii():
        return True  # Cyrillic forms are inflected: let the dictionaries decide
    return normalize_name(text)[:PREFIX] in prefixes or gazetteer_normalize(text)[:PREFIX] in prefixes


@lru_cache(maxsize=2)
def _endings(gazetteer: Gazetteer, registry: Registry) -> tuple[WordFilter, frozenset[str]]:
    """The last words of every name either dictionary knows: a cheap filter for end tokens."""
    return gazetteer.endings(), frozenset(last_word(key) for key in registry.keys())


def _may_end_name(text: str, endings: tuple[WordFilter, frozenset[str]]) -> bool:
    """Whether a token that follows a space may end a dictionary name. Each lookup normalises the
    whole n-gram, so a test on its last token holds only while that token normalises to one word."""
    places, names = endings
    for key in (gazetteer_normalize(text), normalize_name(text)):
        piece = last_word(key)
        if not piece or not piece.isascii() or " " in key or piece in names or piece in places:
            return True
    return False


def _may_continue_place(first: str, second: str, space: str, second_skipped: bool, gazetteer: Gazetteer) -> bool:
    """Whether a place name may start with these two tokens: some gazetteer key starts with their
    words. Asked only where the key of a longer n-gram must start so (two words apart, each
    normalising to one word in Latin letters); elsewhere the answer is yes."""
    if not space or second_skipped:
        return True
    words = []
    for token in (first, second):
        key = gazetteer_normalize(token)
        if not key or not key.isascii() or last_word(key) != key:
            return True
        words.append(key)
    return gazetteer.begins(" ".join(words))


def _dictionary_matches(doc, gazetteer: Gazetteer, registry: Registry, year: int | None) -> list[Found]:
    """Longest registry or gazetteer matches over token n-grams, left to right, no overlaps."""
    found: list[Found] = []
    prefixes = _prefixes(gazetteer, registry)
    endings = _endings(gazetteer, registry)
    texts = [t.text for t in doc]
    body = doc.text  # built anew on every access: once here
    spaces = [t.whitespace_ for t in doc]
    skip = [t.is_space or t.is_punct for t in doc]
    ends: dict[int, bool] = {}  # token -> whether it may end a name, asked once
    i, n = 0, len(doc)
    while i < n:
        if skip[i] or not _is_capitalised(texts[i]) or not _may_start_name(texts[i], prefixes):
            i += 1
            continue
        match = None
        longer_places = i + 1 >= n or _may_continue_place(texts[i], texts[i + 1], spaces[i], skip[i + 1], gazetteer)
        stop = min(n, i + MAX_NGRAM)
        candidates = []
        text = ""
        for j in range(i + 1, stop + 1):
            text += texts[j - 1] if j == i + 1 else spaces[j - 2] + texts[j - 1]
            if skip[j - 1]:
                continue
            joined = j > i + 1 and not spaces[j - 2]  # "People" + "'s": the last token is not a word of its own
            if not joined:
                if j - 1 not in ends:
                    ends[j - 1] = _may_end_name(texts[j - 1], endings)
                if not ends[j - 1]:
                    continue
            candidates.append((j, text))
        for j, text in reversed(candidates):
            span = doc[i:j]
            if _has_case_sensitive_miss(text, span):
                continue
            match = _match(span, text, gazetteer, registry, year, body, places_possible=longer_places or j == i + 1)
            if match is not None:
                break
        if match:
            found.append(match)
            i = match.tokens[1]
        else:
            i += 1
    return found


def _match(span, text: str, gazetteer: Gazetteer, registry: Registry, year: int | None,
           body: str | None = None, places_possible: bool = True) -> Found | None:
    i, j = span.start, span.end
    places = gazetteer.candidates(text) if places_possible else []
    if places and i > 0 and span.doc[i - 1].lower_ == "the" and places[0].kind != "water" and (
            river := [p for p in gazetteer.candidates(f"{text} River") if p.kind == "water"]):
        places = river  # "the left bank of the Dnipro": the river, not the city (a town's name takes no article)
    if places and (_dateline(span, text) or _settlement_cued(span, places)):
        # "AUSTIN, Texas -", "BERLIN —": where the story was filed; "the port of Azov": the town, not the brigade
        return Found(span.start_char, span.end_char, text, "location", places=places, tokens=(i, j))
    if _attributive(span):
        places = []  # "Moscow-installed governor", "a Kyiv-based analyst": who installed, where one works; no place of the story
    government = registry.metonym(text)
    if government is not None:
        label = "location" if places else "metonym"
        return Found(span.start_char, span.end_char, text, label, places=places, entry=government, tokens=(i, j))
    if registry.lookup(text):
        entry = registry.resolve(text, text=span.doc.text if body is None else body, at=span.start_char,
                                 year=year)
        if (entry is not None and places and places[0].kind in {"region", "country"}
                and entry.label != "person" and not entry.is_outlet):
            entry = None  # "Donetsk People's Republic": the territory, not the body
        if entry is not None and entry.label == "person" and len(span) > 3 and not _exact_alias(text, entry):
            entry = None  # the registry's first-and-last-name leeway is for "Joseph R. Biden", not clauses
        if entry is not None and entry.label == "person" and _other_given_name(span, entry):
            return None  # "Peter Novak" is not Alexander Novak: a surname after another first name (the name is spaCy's)
        if entry is not None and not (entry.case_sensitive and text.islower()):
            return Found(span.start_char, span.end_char, text, entry.label, entry=entry, tokens=(i, j),
                         generic=_is_generic_actor(span, entry))
    if places and (len(text) > 3 or text.isupper() or ABBREVIATION.match(text)) and not _lowercase_word(span) \
            and not _not_a_name(span, places) and not _inside_other_name(span, gazetteer):
        return Found(span.start_char, span.end_char, text, "location", places=places, tokens=(i, j))
    return None


#: the second half of a compound adjective made from a name: "Moscow-installed", "Kremlin-backed"
ATTRIBUTIVE = frozenset({"installed", "backed", "appointed", "led", "aligned", "friendly", "based", "born",
                         "funded", "sponsored", "allied", "leaning", "controlled", "imposed", "held"})


def _attributive(span) -> bool:
    doc = span.doc
    return (span.end + 1 < len(doc) and doc[span.end].text == "-" and not doc[span.end].whitespace_
            and doc[span.end + 1].lower_ in ATTRIBUTIVE)


def _other_given_name(span, entry: Entry) -> bool:
    """Whether a bare surname follows a first name that is not the entry's ("John Smith", "Peter Novak")."""
    if len(span) != 1 or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    word = before.text.lower().rstrip(".")
    if not (before.is_title and before.is_alpha and before.pos_ == "PROPN" and len(word) > 1) or word in REGISTRY_TITLE_WORDS:
        return False
    given = {normalize_name(name).split()[0] for name in (entry.canonical, *entry.aliases) if " " in name}
    return normalize_name(before.text) not in given


#: small words a place name keeps in lower case ("Rostov-on-Don", "Stratford upon Avon", "Bay of Plenty")
NAME_PARTICLES = frozenset({"of", "the", "on", "upon", "de", "del", "la", "le", "na", "nad", "am", "an", "im",
                            "and", "sur", "en", "di", "da", "do", "van", "von", "y", "al", "el", "es", "dos", "das",
                            "du", "des", "der", "den", "ul", "bin", "ibn", "aan", "op", "sous", "les", "los", "las"})


def _lowercase_word(span) -> bool:
    """A name of several words with a common word in lower case: 'Ukrainian village' is no Ukrainian
    Village (in a text that capitalises its names; headlines in capitals are left alone)."""
    if len(span) < 2 or span.text.isupper():
        return False
    return any(t.is_alpha and t.is_lower and t.lower_ not in NAME_PARTICLES and t.lower_ not in GEO_NOUNS
               for t in span[1:])


#: nouns of places written in lower case after a name ("the Kharkiv region", "Sumy oblast")
GEO_NOUNS = frozenset({"region", "regions", "oblast", "oblasts", "district", "districts", "province", "raion",
                       "rayon", "krai", "kray", "republic", "county",
                       "hromada", "governorate", "state", "territory", "island", "islands", "river",
                       "peninsula", "sea", "lake", "mountains", "border", "front", "direction", "axis",
                       # the curated features' lower-case words: "the Kakhovka reservoir", "Zaporizhzhia nuclear plant"
                       "reservoir", "strait", "spit", "estuary", "bridge", "nuclear", "power", "plant", "dam",
                       "hydroelectric", "steel", "steelworks"})


def _dateline(span, text: str) -> bool:
    """A place in capitals opening a line before a comma or a dash ("KYIV, May 13 (Reuters) -",
    "WASHINGTON --"): the dateline of a report."""
    if not (text.isupper() and len(text) >= 3) or span.end >= len(span.doc):
        return False
    before = span.doc[span.start - 1] if span.start else None  # a line starts after a space token with a newline
    return (before is None or before.is_space and before.text.rstrip(" \t").endswith("\n")) and \
        span.doc[span.end].text in (",", "-", "--", "—", "–", "(")


#: words before a name that make it a town's: "near Azov", "the port of Azov", "the outskirts of Vostok"
NEAR_WORDS = frozenset({"near", "outside", "around"})
SETTLEMENT_OF = frozenset({"port", "city", "town", "village", "outskirts", "suburbs", "suburb", "centre", "center"})


def _settlement_cued(span, places: list[Place]) -> bool:
    """Whether the words before a name the gazetteer has as a city or town say it is the settlement
    ("near Azov", "the port of Azov"), though the registry knows a body by the name (the Azov Brigade)."""
    doc, k = span.doc, span.start
    if not places or places[0].kind not in ("city", "town") or k == 0:
        return False
    before = doc[k - 1].lower_
    return before in NEAR_WORDS or before == "of" and k >= 2 and doc[k - 2].lower_ in SETTLEMENT_OF


def _exact_alias(text: str, entry: Entry) -> bool:
    key = normalize_name(PERSON_TITLES.sub("", text))
    return any(normalize_name(name) == key for name in (entry.canonical, *entry.aliases))


#: "Calif.", "Ky.", "B.C.", "N.Y.": abbreviations of regions, written with their capitals and points.
ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.\s?){2,4})$")


def _has_case_sensitive_miss(text: str, span) -> bool:
    """Short all-caps keys ("US", "UK") must be written in capitals: "us" is a pronoun."""
    return len(text) <= 3 and not text.isupper() and len(span) == 1 and not ABBREVIATION.match(text)


#: Last words of an institution's name that a place name inside it does not make a place.
NAMED_INSTITUTION = frozenset({"university", "college", "school", "institute", "academy", "hospital",
                               "clinic", "club", "bank", "company", "corporation", "times", "post", "journal",
                               "herald", "tribune", "gazette", "stadium", "church", "cathedral", "zoo", "museum"})


def _inside_other_name(span, gazetteer: Gazetteer) -> bool:
    """The span is part of a longer name that spaCy found and that is not a place: a person
    ("Abraham Lincoln", "Andrei Karlov") or an institution ("Texas A&M University", "University of
    Toronto", "NATO Forces in Europe")."""
    doc, first = span.doc, span[0]
    after = doc[span.end] if span.end < len(doc) else None
    label = first.ent_type_
    if label == "PERSON":
        start, end = span.start, span.end
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return _looks_like_person(doc[start:end], span, gazetteer)
    if label in ("ORG", "FAC") and after is not None and after.ent_iob_ == "I" and after.ent_type_ == label:
        end = after.i
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        return doc[end].lower_ in NAMED_INSTITUTION
    if span.start >= 2 and doc[span.start - 1].lower_ in ("of", "in", "for"):
        head = doc[span.start - 2]
        return (head.text[:1].isupper() and (INSTITUTION_WORDS.fullmatch(head.text) is not None
                                             or head.lower_ in NAMED_INSTITUTION)
                and head.ent_type_ in ("ORG", "FAC", "") and head.i > 0 and not head.is_sent_start)
    return False


def _not_a_name(span, places: list[Place] = ()) -> bool:
    """A lone adjective or common word ("Western", "Earlier") is not a place name, nor a word spaCy
    takes for a nationality ("Kurdish") unless it is the own name of a town of 10,000 or more or of
    a place in the war's countries (spaCy tags "Aleppo" and "Volchansk" as NORP too)."""
    if len(span) != 1:
        return False
    token = span[0]
    if token.ent_type_ == "NORP":
        key = gazetteer_normalize(token.text)
        return not any(gazetteer_normalize(p.name) == key and (p.population >= 10_000 or p.country in HOME)
                       for p in places)
    return token.pos_ in {"ADJ", "ADV", "VERB", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ"} or (
        token.is_sent_start and token.pos_ != "PROPN" and not token.ent_type_)


#: nouns of a role that a body's name may modify ("army chief", "ministry spokesman")
ROLE_HEADS = frozenset({"chief", "chiefs", "commander", "spokesman", "spokeswoman", "spokesperson", "head",
                        "officer", "officers", "official", "officials", "general", "generals", "veteran", "veterans"})
GENERIC_HEADS = frozenset({"forces", "troops", "military", "side", "soldiers", "units", "government",
                           "authorities", "officials", "leadership", "command", "servicemen", "fighters"})


def _is_generic_actor(span, entry: Entry) -> bool:
    """'Ukrainian forces', 'the Russian government': a side acting, not a named body. A side's
    army, military or armed forces is the institution, and an organisation of the article.

    Registry bodies named "Government of X" are always generic: the gold, like readers, treats
    them as the actors behind metonyms and claims, not as organisations named in the text.
    """
    if entry.canonical.startswith("Government of"):
        return True
    last = span[-1]
    if last.lower_ in ("army", "military", "navy") and last.dep_ in ("compound", "nmod") and last.head.i > last.i and (
            last.head.lower_ in ROLE_HEADS or (last.head.pos_ == "PROPN" and last.head.is_title)):
        return True  # "Russia's army chief Gerasimov", the "Army Games": part of a role or of another name
    words = [t for t in span if not (t.is_punct or t.lower_ in {"'s", "’s"})]
    if len(words) >= 2 and words[-2].lower_ == "armed":
        return False  # "the Russian armed forces", "Ukraine's army": the institution, not a side acting
    return bool(words) and words[-1].lower_ in GENERIC_HEADS and words[-1].text.islower()


def _ner_matches(doc, taken: list[tuple[int, int]], registry: Registry) -> list[Found]:
    """spaCy entities that the dictionaries did not cover."""
    found = []
    covered = SpanSet(taken)
    for ent in doc.ents:
        if covered.overlaps(ent.start_char, ent.end_char):
            continue
        text = re.sub(r"(?:['’]s|['’])$", "", PERSON_TITLES.sub("", ent.text.strip()).strip(" '’")).strip()
        if not text:
            continue
        if ent.label_ == "PERSON":
            entry = registry.fuzzy(text, label="person")
            canonical = entry.canonical if entry else (ukrainian_person(text) if len(text.split()) >= 2 else None)
            found.append(Found(ent.start_char, ent.end_char, ent.text, "person", entry=entry,
                               canonical=canonical, tokens=(ent.start, ent.end)))
        elif ent.label_ == "ORG":
            entry = registry.fuzzy(text, label="organization")
            if entry is None and not INSTITUTION_WORDS.search(text):
                continue
            found.append(Found(ent.start_char, ent.end_char, ent.text, "organization", entry=entry,
                               canonical=entry.canonical if entry else re.sub(r"^the\s+", "", text, flags=re.I),
                               tokens=(ent.start, ent.end)))
    return found


def _is_metonym(doc, found: Found) -> bool:
    """A capital that stands for its government: the subject or possessor of an action."""
    start, end = found.tokens
    if _dateline(doc[start:end], found.text):
        return False  # "MOSCOW, March 10 -": where the report was filed, not the government
    root = doc[start:end].root
    if root.dep_ in {"nsubj", "nsubjpass", "poss", "agent", "dobj"} or doc[min(end, len(doc) - 1)].text in {"'s", "’s"}:
        return True
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ == "of":  # "the position of Moscow", not "the destruction of Aleppo"
            return prep.head.lower_ in COMMUNICATION_NOUNS or prep.head.lower_ in STANCE_NOUNS
        return prep.lower_ not in LOCATIVE or prep.head.lower_ in COMMUNICATION_NOUNS
    if root.dep_ in {"conj", "appos"}:
        return root.head.dep_ in {"nsubj", "nsubjpass", "poss", "pobj"} and root.head.head.lower_ not in LOCATIVE
    return root.dep_ in {"compound", "amod"} and root.head.lower_ in {"regime", "government", "authorities"}


def _qualified(text: str, found: list[Found], k: int) -> bool:
    """'Paris, Texas': a capital's name followed by a region or country is a place, whatever its role."""
    if k + 1 >= len(found):
        return False
    nxt = found[k + 1]
    return bool(nxt.label == "location" and nxt.places and nxt.places[0].kind in ("region", "country")
                and text[found[k].end:nxt.start].strip() == ",")


def _metonym_mention(text: str, f: Found) -> Mention:
    """The name as a reader quotes it: without a possessive ("Moscow's forces" -> "Moscow"), with
    the article a name takes ("the Kremlin")."""
    start, end = f.start, f.end
    while end - start > 2 and text[end - 2:end] in ("'s", "’s"):
        end -= 2
    if start >= 4 and text[start - 4:start].lower() == "the " and not text[start:end].lower().startswith("the "):
        start -= 4
    return Mention(text[start:end], Span(start, end))


@dataclass(frozen=True, slots=True)
class Metonym:
    """A place name standing for a government ("Kiev sends reserves"): an actor, not a place."""

    mention: Mention
    refers_to: str


def find_entities(doc, gazetteer: Gazetteer, registry: Registry, year: int | None = None
                  ) -> tuple[list[Entity], list[Metonym]]:
    """Entities of a parsed body, and the metonyms kept out of the places."""
    entities, metonyms, _ = resolve_mentions(doc, gazetteer, registry, year)
    return entities, metonyms


def resolve_mentions(doc, gazetteer: Gazetteer, registry: Registry, year: int | None = None
                     ) -> tuple[list[Entity], list[Metonym], list[Actor]]:
    """Entities, metonyms, and every resolved mention as an :class:`Actor` (for claims)."""
    given_name_people(doc, gazetteer, registry)
    found = _dictionary_matches(doc, gazetteer, registry, year)
    found += _ner_matches(doc, [(f.start, f.end) for f in found], registry)
    found += _countries_in_sides(doc, found, gazetteer)
    found.sort(key=lambda f: f.start)
    metonyms: list[Metonym] = []
    places = []
    text = doc.text  # built from the tokens on each access: read once
    for k, f in enumerate(found):
        if (f.label == "location" and f.entry is not None and _is_metonym(doc, f)
                and not _qualified(text, found, k)):
            f.label = "metonym"
        if f.label == "metonym":
            metonyms.append(Metonym(_metonym_mention(text, f), f.entry.canonical))
            continue
        if f.label != "location":
            if f.entry is not None:
                f.canonical = f.entry.canonical
            continue
        if region := _front_or_region_of(doc, f, gazetteer):
            f.places = [region]
        places.append(f)
    _surnames_not_places(doc, places, found, gazetteer)
    places = [f for f in places if f.label == "location" and f.places]
    _resolve_places(doc, places, gazetteer)
    for f in places:
        if f.places:
            f.canonical = f.places[0].name
    _short_forms(found)
    actors = [_actor(f) for f in found if f.canonical or f.label == "metonym"]
    grouped = _group(f for f in found if f.label != "metonym" and f.canonical and not f.generic)
    text = doc.text  # built anew on every access
    return [_regional_body(e, text, grouped, registry) for e in grouped], metonyms, actors


def _countries_in_sides(doc, found: list[Found], gazetteer: Gazetteer) -> list[Found]:
    """'US military aid', 'the U.S. military': a side named by its country's name (not an adjective,
    as in 'Ukrainian forces') names the country too."""
    out = []
    for f in found:
        if not f.generic or f.label != "organization":
            continue
        first = doc[f.tokens[0]]
        if first.lower_ in ("the", "a"):
            first = doc[f.tokens[0] + 1] if f.tokens[0] + 1 < f.tokens[1] else first
        if not (first.is_upper or first.is_title) or first.pos_ == "ADJ" or first.tag_ == "JJ":
            continue
        countries = [p for p in gazetteer.candidates(first.text) if p.kind == "country"]
        if countries and f.tokens[1] - f.tokens[0] > 1:
            out.append(Found(first.idx, first.idx + len(first.text), first.text, "location", places=countries,
                             tokens=(first.i, first.i + 1)))
    return out


def _actor(f: Found) -> Actor:
    if f.label == "metonym":
        return Actor(Span(f.start, f.end), f.entry.canonical, "metonym", side=f.entry.side, generic=True)
    side = f.entry.side if f.entry else None
    if f.label == "location" and f.places and f.places[0].kind == "country":
        side = {"UA": "ukraine", "RU": "russia"}.get(f.places[0].country, side)
    return Actor(Span(f.start, f.end), f.canonical or f.text, f.label, side=side,
                 role=f.entry.role if f.entry else None, generic=f.generic)


def _group(found: Iterable[Found]) -> list[Entity]:
    by_key: dict[tuple[str, str], list[Found]] = {}
    for f in found:
        by_key.setdefault((f.label, f.canonical or ""), []).append(f)
    entities = []
    for (label, canonical), items in by_key.items():
        mentions = tuple(Mention(f.text, Span(f.start, f.end)) for f in items)
        first = items[0]
        if label == "location":
            p = first.places[0]
            entities.append(Entity(canonical, label, mentions, id=p.id, kind=p.kind,
                                   country=p.country or None, admin1=p.admin1, lat=p.lat, lon=p.lon))
        else:
            e = first.entry
            entities.append(Entity(canonical, label, mentions, kind=e.kind if e else None,
                                   country=e.country if e else None, role=e.role if e else None,
                                   side=e.side if e else None))
    return entities


#: a body the text names only by its level: "the regional prosecutor's office", "the city council"
REGIONAL_BODY = re.compile(r"(?i)\b(regional|oblast|city)\s+(prosecutor'?s office|military administration|"
                           r"state administration|police(?: department)?|council)\b")


def main_place(entities: Iterable[Entity], region: bool = True) -> str | None:
    """The oblast (``region``) or the city or town the article names most often."""
    counts: dict[str, int] = {}
    for e in entities:
        if e.label != "location" or e.kind == "country":
            continue
        name = (e.canonical if e.kind == "region" else e.admin1) if region else (
            e.canonical if e.kind in ("city", "town") else None)
        if name:
            counts[name] = counts.get(name, 0) + (len(e.mentions) or 1)
    return max(counts, key=counts.get) if counts else None


def regional_body(place: str, body: str, registry: Registry) -> tuple[str, Entry | None]:
    """The name of ``body`` ("prosecutor's office") of ``place``: the registry's, else made from the two."""
    name = f"{place} {' '.join(w[:1].upper() + w[1:] for w in body.lower().split())}"
    entry = next(iter(registry.lookup(name, label="organization", weak=False)), None)
    return (entry.canonical if entry is not None else name), entry


#: a body of an oblast named after its centre or itself: "the Kharkiv regional police", "Sumy Oblast police"
OBLAST_BODY = re.compile(r"\b(?P<place>[A-Z][\w'’-]+)(?:\s+Oblast)?\s+(?:regional|oblast)\s+"
                         r"(?P<body>police|prosecutor'?s office|prosecutors?)\b", re.I)
#: the name Ukraine gives an oblast's branch of the National Police
OBLAST_POLICE = "Main Directorate of the National Police in {oblast}"


def oblast_bodies(body: str, found: list[Entity], registry: Registry) -> list[Entity]:
    """Branches of Ukraine's national bodies named by their oblast ("the Kharkiv regional police"),
    when the place before them is an oblast of Ukraine or the centre of one the article names."""
    oblasts = {e.canonical: e for e in found if e.label == "location" and e.kind == "region" and e.country == "UA"}
    places = {e.canonical: e for e in found if e.label == "location"}
    out: dict[str, list[Mention]] = {}
    for m in OBLAST_BODY.finditer(body):
        word = m.group("place")
        oblast = next((name for name in oblasts if name.split()[0].lower() == word.lower()), None)
        if oblast is None:
            near = next((e for e in places.values() if e.country == "UA" and any(
                x.span.start == m.start("place") for x in e.mentions)), None)
            oblast = near.admin1 if near is not None and near.admin1 and near.admin1.startswith(near.canonical) else None
        if oblast is None:
            continue
        police = m.group("body").lower() == "police"
        name = OBLAST_POLICE.format(oblast=oblast) if police else regional_body(oblast, "prosecutor's office", registry)[0]
        out.setdefault(name, []).append(Mention(m.group(0), Span(m.start(), m.end())))
    return [Entity(name, "organization", tuple(mentions), kind="government", country="UA", side="ukraine")
            for name, mentions in out.items()]


def _regional_body(entity: Entity, body: str, found: list[Entity], registry: Registry) -> Entity:
    """"The regional prosecutor's office": the prosecutor's office of the oblast the article is about."""
    if entity.label != "organization" or entity.kind is not None or not entity.mentions:
        return entity
    m = next((m for mention in entity.mentions
              if (m := REGIONAL_BODY.search(window := body[max(0, mention.span.start - 12):mention.span.end]))
              and m.end() == len(window) and m.group(1).lower() != "city"), None)
    region = main_place(found) if m is not None else None
    if region is None:
        return entity
    name, entry = regional_body(region, m.group(2), registry)
    return replace(entity, canonical=name, kind="government", side=entry.side if entry else None)


def outlet_entity(article: Article, registry: Registry) -> Entity | None:
    """The publishing outlet when the page names itself (dateline, source line, blurb)."""
    name = article.meta.get("outlet_in_text")
    if not name:
        return None
    entry = registry.outlet(name)
    return Entity(entry.canonical if entry else name, "organization", (), kind="media",
                  country=entry.country if entry else None, side=entry.side if entry else None)


def tag_entities(article: Article, registry: Registry) -> list[Entity]:
    """Bodies and outlets named only in attribution tags ("[TASS attribution]")."""
    out = []
    for tag in article.attribution_tags:
        for name in (tag.speaker, tag.source):
            entry = registry.resolve(name) if name else None
            if entry is not None and entry.label == "organization" and not entry.canonical.startswith("Government of"):
                out.append(Entity(entry.canonical, "organization", (), kind=entry.kind, country=entry.country,
                                  role=entry.role, side=entry.side))
    return out


def make_entities_stage(kb: KB | None = None):
    """The entities stage over ``kb`` (the shipped knowledge base when ``None``, loaded at first use)."""

    @stage(requires=["parsed"], assigns=["entities"])
    def entities(article: Article) -> Article:
        """Canonical places, people and organisations of the article."""
        base = kb or KB.load()
        return _entities(article, base.gazetteer, base.registry)

    return entities


def _entities(article: Article, gazetteer, registry) -> Article:
    year = int(article.published[:4]) if article.published else None
    found, metonyms, actors = resolve_mentions(article.parsed, gazetteer, registry, year)
    article.actors = tuple(actors)
    for extra in (outlet_entity(article, registry), *tag_entities(article, registry)):
        if extra and all(e.canonical != extra.canonical for e in found):
            found.append(extra)
    if units := find_units(article.body or ""):  # "the 3rd Tank Brigade": a unit of its side
        spans = SpanSet((m.span.start, m.span.end) for u in units for m in u.mentions)
        found = [e for e in found if not (e.label == "organization" and e.mentions and all(
            spans.overlaps(m.span.start, m.span.end) for m in e.mentions))]
        found += [u for u in units if all(e.canonical != u.canonical for e in found)]
    found = find_districts(article.body or "", found, gazetteer)  # "the Sudzha and Korenevo districts"
    bodies = oblast_bodies(article.body or "", found, registry)  # "the Kharkiv regional police"
    found += [b for b in bodies if all(e.canonical != b.canonical for e in found)]
    article.entities = tuple(found)
    article.meta["metonyms"] = [{"mention": m.mention.text, "start": m.mention.span.start,
                                 "end": m.mention.span.end, "refers_to": m.refers_to} for m in metonyms]
    taken = SpanSet([(m.span.start, m.span.end) for e in found for m in e.mentions]
                    + [(m.mention.span.start, m.mention.span.end) for m in metonyms])
    article.meta["demonyms"] = demonym_mentions(article.parsed, gazetteer, taken)
    return article


entities = make_entities_stage()
