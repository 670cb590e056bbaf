"""People, bodies and places of a Russian or Ukrainian body: NER spans made ready, the names the
tagger misses (Ukrainian people by the dictionary's name tags, companies, courts and councils,
places), each typed and resolved (:func:`typed_mentions`), namesakes chosen by the places named
with them, and grouped into :class:`~sitroom.model.Entity` records (:func:`find_entities`)."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from sitroom.data import load_lexicon
from sitroom.extract.cyrillic.names import (
    HOME,
    INITIALS_BEFORE,
    PERSON_TAGS,
    REGION_WORD,
    WORLD_CITY,
    Names,
    registry_mentions,
)
from sitroom.extract.cyrillic.parse import NerSpan, Parsed, Token
from sitroom.extract.cyrillic.units import find_units, unit_entity
from sitroom.extract.districts import _district
from sitroom.extract.places import demonym
from sitroom.extract.translit import is_cyrillic, ru_variants
from sitroom.kb import KB
from sitroom.kb.gazetteer import FEATURE_KINDS, SETTLEMENT_KINDS, Place
from sitroom.kb.registry import Entry
from sitroom.model import Actor, Article, Entity, Mention, Span, SpanSet
from sitroom.pipeline import stage

NER_LABELS = {"PER": "person", "ORG": "organization", "LOC": "location"}
#: the label of a military unit's span (:mod:`.units`)
UNIT = "UNIT"


#: words a quoted name has at most ("«Северные ветры»", "«Нафтогаз України»"); a longer quotation is
#: someone's words, where places are places («ВСУ атаковали Белгород», — заявил ...)
QUOTED_NAME_WORDS = 4


#: one word in «»: a unit's, an operation's or a company's name
QUOTED_WORD = re.compile(r"(?<=«)[А-ЯІЇЄҐЁ][\w'’-]+(?=»)")


def _quoted_units(body: str, names: Names) -> list[Typed]:
    """Military units by a weak name of theirs in quotes, the one unit it names ("бійці «Азову»",
    "«Азова»": the Azov Brigade; bare, "Азов" is the town too), which the tagger may miss."""
    out = []
    for m in QUOTED_WORD.finditer(body):
        for form in names.forms(m.group(), m.group())[:3]:
            found = [e for e in names.kb.registry.lookup(form, "organization", weak=True) if e.kind == "military"]
            if len(found) == 1:
                out.append(Typed(NerSpan(m.start(), m.end(), "ORG", m.group(), m.group()), "organization", entry=found[0]))
                break
    return out


def _quoted(body: str, start: int) -> bool:
    """Inside a short «...»: the name of a unit, an operation or a company ("группировка войск «Днепр»")."""
    opened = body.rfind("«", max(0, start - 80), start)
    if opened < 0 or "»" in body[opened:start]:
        return False
    closed = body.find("»", start, start + 120)
    return closed >= 0 and "\n" not in body[opened:closed] and len(body[opened + 1:closed].split()) <= QUOTED_NAME_WORDS


#: what may come before the first word of a sentence or of a line of dialogue: "— Тоді ...", "« Мене ..."
OPENING = re.compile(r"[\s\-–—«»\"„“”'(\[.…:]*")
#: a quotation a colon brings in, inside a sentence: "сказав: « Коли ми ...", "пише: „Мене ..."
QUOTATION_OPENS = re.compile(r":\s*[«„“\"]\s*$")


def _openers(body: str, parsed: Parsed) -> set[int]:
    """Where the words that open a sentence, a line or a quotation begin: capitalised by the text, not
    because they are names ("Зараз", "— Тоді б усі ...", "« Мене звуть ...", "сказав: « Коли ...")."""
    out = set()
    for sent in parsed.sentences:
        first = next((t for t in sent.tokens if t.text[:1].isalpha()), None)
        if first is not None:
            out.add(first.start)
        for t in sent.tokens:
            if t.text[:1].isalpha() and t.start > sent.start:
                line = body.rfind("\n", 0, t.start) + 1
                if OPENING.fullmatch(body, max(line, sent.start), t.start) and body[max(line, sent.start):t.start].strip() \
                        or QUOTATION_OPENS.search(body, max(line, t.start - 6), t.start):
                    out.add(t.start)
    return out


#: what may stand between a body and the city it serves: "суду м. Києва", "суда города Павия"
_CITY_WORDS = r"(?:м\.|г\.|міста|города)"
CITY_WORD = re.compile(rf" {_CITY_WORDS} ?")
#: the same words right before a name: "прокуратура міста |Ірпінь"
AFTER_CITY_WORD = re.compile(rf"(?<!\w){_CITY_WORDS}\s$")
#: a body whose name ends with the city it serves, in the genitive: "Апеляційного суду Києва", "мэрии Москвы"
LOCAL_BODY = re.compile(r"(?i)(?:суд|рад|совет|прокуратур|управлін|управлени|адміністраці|администраци|мері|мэри|"
                        r"поліці|полици)\w*$")


def _spans(body: str, parsed: Parsed, names: Names, starts: set[int]) -> list[NerSpan]:
    """NER spans made ready to resolve:

    - cut at line breaks, and before a parenthesis, whose short content is a name of its own
      ("Фонд борьбы с коррупцией (ФБК)" is two names of one body);
    - an unclosed quotation closed ("РИА «Новости" -> "РИА «Новости»"); a region word taken in;
    - a body and the body or country after it read as one name ("Следственный комитет" +
      "Армении", "Главное управление" + "МВД"), the country kept as a place as well;
    - a person's name freed of the office before it ("голова ОВА Іван Федоров" -> "Іван Федоров").
    """
    pieces: list[NerSpan] = []
    for span in parsed.spans:
        start = span.start
        for part in re.split(r"(\n+|\s*\([^)]*\)?)", body[span.start:span.end]):
            inner = re.fullmatch(r"\s*\(([^)]*)\)?", part)
            if inner and len(inner.group(1).strip()) > 1 and len(inner.group(1).split()) <= 3 and "," not in inner.group(1):
                name = inner.group(1).strip()  # "( Івано-Франківська )" in tokenised text
                at = start + part.index("(") + 1 + inner.group(1).index(name)
                pieces.append(NerSpan(at, at + len(name), span.label, name, name))
            elif part.strip() and "\n" not in part and not inner:
                normal = span.normal if part == span.text else part
                pieces.append(NerSpan(start, start + len(part), span.label, part, normal))
            start += len(part)
    pieces = [piece for span in pieces for piece in _from_place(span, names)]
    pieces = [piece for span in pieces for piece in _alternatives(span, names)]
    out: list[NerSpan] = []
    for span in pieces:
        if span.start in starts and (lead := re.match(r"(?:\w+\s+)+?(?=\w)", span.text)):
            # "Над Курской": a preposition capitalised by the sentence
            words = lead.group().split()
            if all({"PREP", "CONJ", "PRCL"} & names.morph.parse(w)[0].tag.grammemes for w in words):
                cut = lead.end()
                span = NerSpan(span.start + cut, span.end, span.label, span.text[cut:],
                               span.normal.split(None, len(words))[-1] if len(span.normal.split()) > len(words)
                               else span.text[cut:])
        if span.label in ("LOC", "ORG") and span.start in starts:
            span = _without_opening_words(span, names)
        if span.label in ("LOC", "PER") and (span.text.islower() or span.start in starts and _ordinary_phrase(span, names)):
            continue  # "клімат" after "Навіть", "М’який клімат", "Цю гору": no name
        if span.text.endswith('"') and span.text.count('"') % 2:  # a closing quote the tagger took in
            text = span.text[:-1].rstrip()
            span = NerSpan(span.start, span.start + len(text), span.label, text, text)
        for opening, closing in (("«", "»"), ('"', '"'), ("„", "“")):
            if span.text.count(opening) > span.text.count(closing) if opening != closing else span.text.count(opening) % 2:
                end = body.find(closing, span.end, span.end + 40)
                if end >= 0 and "\n" not in body[span.end:end]:
                    span = NerSpan(span.start, end + 1, span.label, body[span.start:end + 1], body[span.start:end + 1])
        gap = body[out[-1].end:span.start] if out else ""
        if out and out[-1].label == "ORG" and span.label in ("LOC", "ORG") and (
                gap == " " or span.label == "LOC" and CITY_WORD.fullmatch(gap)):
            merged = body[out[-1].start:span.end]
            place = names.place(span.text, span.normal) if span.label == "LOC" else None
            if names.entry(merged, merged) is not None or span.label == "ORG" and gap == " " or place is not None and (
                    place.kind in ("country", "region") or gap != " " or LOCAL_BODY.search(out[-1].text)):
                out[-1] = NerSpan(out[-1].start, span.end, "ORG", merged, merged)
                if span.label == "LOC":
                    out.append(span)
                continue
        span = _without_clause(span, names)
        if (dangling := DANGLING_AND.search(span.text)) and dangling.start():
            text = span.text[:dangling.start()]  # "Донецька та" + "Львова": the tagger took in the "and"
            span = NerSpan(span.start, span.start + len(text), span.label, text, text)
        if (area := AREA_WORD_END.search(span.text)) and area.start():
            text = span.text[:area.start()]  # "Курахівському напрямку": the front named after its town
            span = NerSpan(span.start, span.start + len(text), "LOC", text, text)
        if span.label in ("LOC", "PER") and (tail := INFLECTED_ABBREVIATION.search(span.text)) and tail.start():
            text = span.text[:tail.start()]  # "по Харкову КАБами": the weapon after the place
            span = NerSpan(span.start, span.start + len(text), span.label, text, text)
        widened = _widen_region(body, span)
        if widened is not span:  # "Курською" + "областю" is a region, whatever the tagger read
            span = replace(widened, label="LOC")
        elif span.label == "PER" and (" " in span.text or "-" in span.text) and (
                whole := names.place(span.text, span.normal)) is not None and (
                whole.kind == "country" or "-" in span.text and whole.country in HOME and whole.population >= 10_000):
            span = replace(span, label="LOC")  # "з Об'єднаних Арабських Еміратів", "у центрі Івано-Франківська": a
            # country or a town of a hyphenated name the tagger took for a person
        elif span.label == "PER" and not _person_name(span.text, names):  # not "Володимир", an adjective too
            span = _person(span, names)
        out.append(span)
    return out


#: a preposition of place and a lower-case adjective after it, before a name: "в рідному", "у сусідньому"
CUE_AND_ADJECTIVE = re.compile(r"(?i)(?<!\w)(?:в|у|во|біля|поблизу|под|під|до|из|з|із|зі|изо|со|від|от|по|на|над|за|около)"
                               r"(?:[ \t]+[а-яіїєґё'’-]+(?:ому|ім|ого|ої|ій|ом|ой|ем))?[ \t]+$")


def _place_cued(body: str, start: int) -> bool:
    """A preposition of place before a name, straight or over one adjective ("у Лондоні", "в рідному
    Харкові", "зі Львова")."""
    return bool(PLACE_CUE.search(body, max(0, start - 30), start) or CUE_AND_ADJECTIVE.search(body, max(0, start - 30), start))


#: "in" before a name, straight or over one adjective in the locative: "у Бахмачі", "в сусідньому Торезі"
#: (not "на": "на Іванові" is what Ivan wears)
IN_CUE = re.compile(r"(?i)(?<!\w)(?:в|у|во)(?:[ \t]+[а-яіїєґё'’-]+(?:ому|ім|ій|ом|ем|ой))?[ \t]+$")


def _in_place(body: str, span: NerSpan, place: Place, names: Names) -> bool:
    """A country, region, city or town of the war's countries named in the locative after "in" ("у
    Бахмачі", "у Косові"), though the dictionary reads the word as a surname first: no one is "in" a
    person."""
    return (place.kind in ("country", "region", "city") or place.kind == "town" and place.country in HOME) and bool(
        IN_CUE.search(body, max(0, span.start - 30), span.start)) and any(
        "loct" in p.tag.grammemes for p in names.morph.parse(span.text)[:3])


#: "from" inside a name the tagger ran on: "Володимир Ковальчук з Луцька", "Засядько з Рівненської області"
FROM_INSIDE = re.compile(r"[ \t]+(?:з|із|зі|из|изо)[ \t]+(?=[А-ЯІЇЄҐЁ])")


#: "or" between names, which no name holds ("і", "и" may: "Сент-Кітс і Невіс", "Босния и Герцеговина")
OR_INSIDE = re.compile(r"[ \t]+(?:або|чи|или|либо)[ \t]+(?=[А-ЯІЇЄҐЁ])")
#: an "and" a span ends with: "Донецька та"
DANGLING_AND = re.compile(r"[ \t]+(?:та|і|й|и|або|чи|или)$")
#: the same with "and": "Донецька та Львова"
AND_INSIDE = re.compile(r"[ \t]+(?:та|і|й|и)[ \t]+(?=[А-ЯІЇЄҐЁ])")


def _alternatives(span: NerSpan, names: Names) -> list[NerSpan]:
    """A place span the tagger ran on over "або"/"или" ("Африці або Центральній Америці"), or over
    "та"/"і" between places that are no one place together ("аеропортам Донецька та Львова", not
    "Боснія і Герцеговина"): each place apart."""
    if span.label != "LOC":
        return [span]
    cuts = list(OR_INSIDE.finditer(span.text))
    if not cuts and AND_INSIDE.search(span.text) and names.place(span.text, span.normal) is None:
        parts = AND_INSIDE.split(span.text)
        if all(names.place(part, part) is not None for part in parts):
            cuts = list(AND_INSIDE.finditer(span.text))
    if not cuts:
        return [span]
    out, start = [], 0
    for cut in [*cuts, None]:
        end = cut.start() if cut else len(span.text)
        part = span.text[start:end]
        out.append(NerSpan(span.start + start, span.start + end, "LOC", part, part))
        start = cut.end() if cut else end
    return out


def _from_place(span: NerSpan, names: Names) -> list[NerSpan]:
    """A person or place span the tagger ran on over "з"/"из" into a place: the person (the tagger's,
    or a name of people's words only) and the place, apart; no name of a person or a place holds the word."""
    cut = FROM_INSIDE.search(span.text) if span.label in ("PER", "LOC") else None
    if cut is None:
        return [span]
    head, tail = span.text[:cut.start()], span.text[cut.end():]
    if not head.strip() or names.place(tail, tail) is None:
        return [span]
    place = NerSpan(span.start + cut.end(), span.end, "LOC", tail, tail)
    person = span.label == "PER" or _person_name(head, names)
    return [NerSpan(span.start, span.start + len(head), "PER", head, head), place] if person else [place]


NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")


def _adjective_of_next_noun(body: str, span: NerSpan, place: Place | None, names: Names) -> bool:
    """A one-word name of a small place (or of none the gazetteer knows) that reads as an adjective
    agreeing with the noun after it: the adjective is part of another name or phrase ("Медової ріки",
    "Полярну зірку", "у Великому місті")."""
    if " " in span.text or place is not None and (
            place.kind in ("country", "region", "continent") or place.population >= 100_000):
        return False
    word = names.morph.parse(span.text)[0]
    following = NEXT_WORD.match(body, span.end)
    if word.tag.POS != "ADJF" or following is None:
        return False
    noun = names.morph.parse(following.group(1))[0]
    return noun.tag.POS == "NOUN" and noun.tag.case == word.tag.case


def _person_name(text: str, names: Names) -> bool:
    """Every word a capitalised given name, surname or patronymic by its likeliest reading."""
    words = text.split()
    return all(w[:1].isupper() and PERSON_TAGS & names.morph.parse(w)[0].tag.grammemes for w in words)


#: the Internet, capitalised as a name though it is no place, body or person ("в Інтернеті", "из Интернета")
MEDIUMS = frozenset({"інтернет", "интернет"})
#: the lemmas of the feasts of the year, capitalised like names, which villages bear too: "перемир'я на Різдво",
#: "обстріл на Великдень", "Рождественские морозы" are days, never places or people
FEASTS = frozenset({"різдво", "рождество", "різдвяний", "рождественский", "великдень", "великодній", "пасха",
                    "пасхальный", "трійця", "троица", "хрещення", "хрищення", "крещение", "водохреще", "водохреща",
                    "причастя", "причастие"})

#: parts of speech that no name of a place or a person holds in lower case
CLAUSE_WORDS = frozenset({"VERB", "INFN", "ADVB", "GRND", "PRED", "NPRO"})  # not particles: "ван", "де"


#: the words for a front's sector ("направлении", "напрямку")
SECTOR = r"(?:направлени\w*|напрям\w*)"
#: such a word as the last word of a name the tagger ran on (:data:`AREA_AFTER`)
AREA_WORD_END = re.compile(rf"(?i)\s+{SECTOR}$")
#: an abbreviation with a case ending as the last word of a name the tagger ran on ("КАБами", "ЗРК-ами")
INFLECTED_ABBREVIATION = re.compile(r"\s+[А-ЯІЇЄҐA-Z]{2,}-?[а-яіїєґё]{1,4}$")


def _without_clause(span: NerSpan, names: Names) -> NerSpan:
    """A name the tagger ran on into the words after it ("Уляна підійшла", "Куля пройшла наскрізь"):
    cut before the first lower-case verb, adverb or pronoun."""
    for word in list(re.finditer(r"\S+", span.text))[1:]:
        if word.group()[:1].islower() and names.morph.parse(word.group())[0].tag.POS in CLAUSE_WORDS:
            text = span.text[:word.start()].rstrip()
            return NerSpan(span.start, span.start + len(text), span.label, text, text)
    return span


def _without_opening_words(span: NerSpan, names: Names) -> NerSpan:
    """A place name the tagger ran back to the sentence's first word over lower-case words ("Виступи
    збірної Росії", "Обстріли околиць Харкова"): the opening word is an ordinary one, capitalised by
    the sentence, and the name starts after the last lower-case word. A body's name holds lower-case
    words of its own ("Рада міністрів України"), so only a pronoun or a verb opens one that is cut ("Він
    член-кореспондент НАН України")."""
    words = list(re.finditer(r"\S+", span.text))
    if span.label == "LOC" and len(words) >= 2 and all(w.group()[:1].isupper() for w in words[1:]) and _common(
            names, words[0].group()) and not PLACE_NOUN.match(words[0].group()) and names.morph.parse(
            words[0].group())[0].tag.POS in {"NOUN", *NOT_NAMES}:
        # "Оборонці Маріуполя" ("Mariupol's defenders"): an ordinary noun opening the sentence, before the
        # name; not a word for a kind of place ("Острів Зміїний") nor an adjective ("Нова Каховка")
        text = span.text[words[1].start():]
        return NerSpan(span.start + words[1].start(), span.end, span.label, text, text)
    if len(words) < 3 or not words[1].group()[:1].islower() or not _common(names, words[0].group()):
        return span
    if span.label == "ORG" and names.morph.parse(words[0].group())[0].tag.POS not in NOT_NAMES:
        return span
    k = next((k for k in range(2, len(words)) if not words[k].group()[:1].islower()), None)
    if k is None or not all(w.group()[:1].isupper() for w in words[k:]):
        return span
    text = span.text[words[k].start():]
    return NerSpan(span.start + words[k].start(), span.end, span.label, text, text)


#: the words for a kind of place that make a name of an ordinary adjective before them ("Лиса гора",
#: "Чорне море", "Високий замок"), read at the start of a lower-case word
PLACE_NOUN = re.compile(r"(?i)(?:гор|гір|річ|рік|рек|озер|мор|остр|півостр|полуостр|монаст|замо?к|парк|сквер|площ|вулиц|"
                        r"улиц|узв|бульвар|проспект|провул|переул|собор|лавр|ліс|лес|пол[яеіь]|степ|долин|балк|яр|урочищ|"
                        r"област|район|кра[йюї]|округ|земл|сел|міст|город|хут|поселок|затоц|заток|залив|бухт|канал|шосе|"
                        r"шоссе|трас|цвинтар|кладовищ|кладбищ|мост|вокзал|пустел|пустын|гай|гаю|хреб|вершин|перевал|"
                        r"печер|пещер|водоспад|водопад|джерел|став|пруд|мис|мыс)")


def _ordinary_phrase(span: NerSpan, names: Names) -> bool:
    """Whether a tagger's place opening a sentence is an ordinary phrase: an ordinary word, capitalised
    by the sentence, and lower-case words only ("М’який клімат", "Полагодив усі", "Цю гору"). Not
    when an adjective stands before a word for a kind of place ("Лиса гора": a name, maybe)."""
    words = span.text.replace("’", "'").replace("ʼ", "'").split()  # the dictionary's apostrophe: "М’який"
    if span.label != "LOC" or len(words) < 2 or not all(w[:1].islower() for w in words[1:]) or not _common(
            names, words[0]):
        return False
    return names.morph.parse(words[0])[0].tag.POS in NOT_NAMES or not any(PLACE_NOUN.match(w) for w in words[1:])


def _person(span: NerSpan, names: Names) -> NerSpan:
    words = list(re.finditer(r"\S+", span.text))
    for k in range(len(words)):
        rest = span.text[words[k].start():]
        if names.entry(rest, rest) is not None or k == len(words) - 1:
            break
        word = words[k].group()
        if not (word.isupper() or "ADJF" in names.tags(word) or word[:1].islower()):
            break
    if k == 0:
        return span
    rest = span.text[words[k].start():]
    return NerSpan(span.start + words[k].start(), span.end, "PER", rest, rest)


#: names listed before the region word they share: "Курской, Брянской и Белгородской областей"
SHARED_REGION = re.compile(r"(?:\s*(?:,|\s(?:и|і|та|й))\s*[А-ЯІЇЄҐ][\w'’-]*)+\s+(област\w*|район\w*)(?!\w)")


def _widen_region(body: str, span: NerSpan) -> NerSpan:
    """"Запорожской" + "области" read as one region name when NER stopped before the region word;
    each name of a list before a shared region word names a region of its own ("Курской, Брянской и
    Белгородской областей": the first two are oblasts, not the cities)."""
    m = re.match(r"\s+(\w+)", body[span.end:])
    if m and REGION_WORD.match(m.group(1)):
        end = span.end + m.end()
        text = body[span.start:end]
        return NerSpan(span.start, end, span.label, text, text)
    if m := SHARED_REGION.match(body, span.end):
        return NerSpan(span.start, span.end, span.label, span.text, f"{span.text} {m.group(1)}")
    return span


#: a capitalised word, apostrophes inside it included ("Лук'янців")
NAME_WORD = re.compile(r"(?<![\w'’])[А-ЯІЇЄҐ][^\W\d_]*(?:['’ʼ][^\W\d_]+)*")


#: the words just before a place name: prepositions of place, settlement words, words of taking ground
PLACE_CUE = re.compile(r"(?i)(?<!\w)(?:в|у|во|біля|близ|поблизу|вблизи|под|під|до|из|з|із|від|от|по|на|над|за|около|"
                       r"(?:звільни|захопи|освободи|захвати|взя|заня|зайня|окупува|обстріля|обстреля|атакува|атакова|"
                       r"штурмува|штурмова|утриму|удержива|покину|залиши|оставил)\w*|"
                       r"сел[оаіуе]|селом|селищ\w*|поселк\w+|посёлк\w+|поселок|посёлок|міст[оаіу]|містом|город\w*|"
                       r"мер|мера|меру|мером|мэр|мэра|мэру|мэром|район\w*|околиц\w+|окраин\w+|"
                       r"захоплен\w+|захват\w*|звільнен\w+|освобождени\w+|оточен\w+|окружени\w+|штурм\w*)[»\"”]?\s+$")


#: what joins the names of a list: "Синьківки та Петропавлівки", "Мирноград, Покровськ"
LIST_GLUE = re.compile(r"\s*(?:,|\s(?:и|і|та|й))\s*")


def _unspanned_places(body: str, parsed: Parsed, covered: list[NerSpan], names: Names,
                      openers: set[int]) -> list[NerSpan]:
    """Places NER missed: a capitalised word inside a sentence that pymorphy3 reads as a toponym, or
    that names a city, town or region of the war's countries ("по Запоріжжю")."""
    out = []
    for sent in parsed.sentences:
        text = body[sent.start:sent.end]
        second = sent.tokens[1].start - sent.start if len(sent.tokens) > 1 else len(text)
        first = [m for m in [NAME_WORD.match(text, sent.tokens[0].start - sent.start)] if m and m.end() <= second]
        words = [*first, *NAME_WORD.finditer(text, second)]
        joined = _joined_names(body, sent.start, words, covered, names)
        out += joined
        for word in words:
            start, end, name = sent.start + word.start(), sent.start + word.end(), word.group()
            if any(j.start <= start < j.end for j in joined):
                continue
            if name.isupper() and 1 < len(name) <= 5 and not _quoted(body, start) and not any(
                    c.start <= start < c.end for c in covered) and (country := names.place(name, name)) is not None and \
                    country.kind == "country" and names.spelled(name, country):
                out.append(NerSpan(start, end, "LOC", name, name))  # "за запитом ОАЕ": a country by its abbreviation
                continue
            if not (name[1:].replace("'", "").replace("’", "").islower() and (len(name) > 3 or _large_city(names, name))) \
                    or _quoted(body, start) or any(c.start <= start < c.end for c in covered):
                continue  # (a word of three letters only as a large city's: "Харкова та Сум")
            if AREA_AFTER.match(body, end) and names.centre(name) is not None:
                out.append(NerSpan(start, end, "LOC", name, name))  # "на Кураховском направлении": its front
                continue
            if (start in openers or start == sent.start) and not _large_place(names, name):
                continue  # a capitalised word opening a sentence: only a large place's own name ("Одеса була ...")
            place = names.place(name, name)
            if place is None or place.country not in HOME and not (
                    place.kind in ("country", "continent", *FEATURE_KINDS) or place.population >= 100_000):
                continue  # abroad, only countries and large cities ("в Тунісі", "з Женеви"); a river by its own name
            tags = names.tags(name)
            listed = any(c.label == "LOC" and LIST_GLUE.fullmatch(body, c.end, start) for c in [*covered, *out])
            if "Geox" in tags or place.kind in ("city", "region", *FEATURE_KINDS) or place.population >= 10_000 or listed or (
                    names.language == "uk" and not PERSON_TAGS & tags and (
                        not _common(names, name) or PLACE_CUE.search(body, max(0, start - 30), start))):
                # the uk dictionary marks no toponyms: a word it does not know as a common one, or one
                # where a place is told ("біля Лук'янців", "захоплення Лук'янців")
                shared = SHARED_REGION.match(body, end)
                out.append(NerSpan(start, end, "LOC", name, f"{name} {shared.group(1)}" if shared else name))
    return out


def _joined_names(body: str, offset: int, words: list[re.Match], covered: list[NerSpan], names: Names) -> list[NerSpan]:
    """Two or three capitalised words in a row that together name a country, a region or a large city
    the tagger missed or broke up ("президентом Сполучених Штатів", "з Південної Кореї"), or a town of
    the war's countries where a place is told ("під Часовим Яром")."""
    out: list[NerSpan] = []
    i = 0
    while i < len(words):
        for n in (3, 2):
            run = words[i:i + n]
            if len(run) < n or any(run[k].end() + 1 != run[k + 1].start() or body[offset + run[k].end()] != " "
                                   for k in range(n - 1)):
                continue
            start, end = offset + run[0].start(), offset + run[-1].end()
            if any(c.start < end and start < c.end and not (
                    c.label in ("LOC", "PER") and start <= c.start and c.end <= end and c.end - c.start < end - start)
                   for c in covered) or _quoted(body, start):
                continue  # a place the tagger found in part is found whole
            name = body[start:end]
            place = names.place(name, name)
            if place is not None and (place.kind in ("country", "region", "continent") or place.population >= 100_000
                                      or place.country in HOME and PLACE_CUE.search(body, max(0, start - 30), start)):
                out.append(NerSpan(start, end, "LOC", name, name))  # or a town of the war after "під", "біля" ...
                i += n - 1
                break
        i += 1
    return out


#: a house number, with the second one of a corner house: "7", "1-А", "3б", "31 / 33" (tokenised text)
HOUSE = r"\d+[\w-]*(?:[ \t]*/[ \t]*\d+[\w-]*)?(?![\w/-])"
#: the same after a comma, unless "років" or a name follows: then it begins the next street ("30 років Перемоги")
COMMA_HOUSE = rf"[ \t]?,[ \t]*(?:(?:буд|д)\.[ \t]*)?{HOUSE}(?![ \t]+(?:років|лет|[А-ЯІЇЄҐЁ]))"  # "вул. Промислова, буд. 29"
#: the house number after a street named before the word for it: "Оболонському проспекті, 6"
HOUSE_AFTER = re.compile(COMMA_HOUSE)
#: the words for a street, a square or an avenue, which houses are numbered on
ROAD_WORD = re.compile(r"(?i)(?:площ|бульвар|проспект|провул|переул|вулиц|улиц|шосе|шоссе|набережн|узв|майдан)\w*$")
#: a street, square or avenue by its name, with the house number when one follows ("вул. Крилова, 7",
#: "улице Лётчиков", "проспекту Перемоги"): a place on no gazetteer's map, and no person, though most
#: streets bear one's name
ADDRESS = re.compile(r"(?<!\w)(?i:вул(?:[ \t]?\.)?|вулиц[яіює]|ул\.|улиц[аеыу]|просп\.|пр\.|проспект\w*|пров\.|провул\w+|"
                     r"переул\w+|пл\.|площ[аіу]|площад[ьи]|бульвар\w*|б-р)[ \t]*\n?[ \t]*"
                     r"(?:\d+(?:-(?:річчя|летия)|[ \t]+(?:років|лет))?[ \t]+)?"  # "вул. 40-річчя Перемоги", "вул. 1 Травня"
                     r"(?:[А-ЯІЇЄҐЁ]\.[ \t]?){0,2}[А-ЯІЇЄҐЁ][\w'’-]*(?:[ \t][А-ЯІЇЄҐЁ][\w'’-]*){0,2}"
                     rf"(?:{COMMA_HOUSE}|[ \t]+{HOUSE}(?=[ \t]*(?:[,.;:)»]|$)))?")
#: initials end with a full stop, the name's last word does not; a number before "років" or a name begins
#: the next street ("30 років Перемоги"); a number without a comma ends a clause ("просп. Гагаріна 362.");
#: the name may begin on the next line ("пр.\nГагаріна"), or with a number ("вул. 50 років Жовтня")


#: the plural of a word for a street before a list of their names ("вулиць Шевченка та Франка"), or a
#: crossroads ("на перехресті Гординського і Шевченка")
STREETS = re.compile(r"(?<!\w)(?i:вулиць|улиц|провулків|переулков|перехрест[іяу]|перекрест(?:ке|ок|ка))[ \t]*:?[ \t]*")
#: a street's name in a list of them: "Соборна", "В. Чорновола", "Героїв Сталінграда", "8 Березня", "30 років
#: Перемоги", with its house number when one follows
STREET_NAME = re.compile(r"(?:\d+(?:-річчя|-летия|[ \t]+(?:років|лет))?[ \t]+)?(?:[А-ЯІЇЄҐЁ]\.[ \t]?){0,2}[А-ЯІЇЄҐЁ][\w'’-]*"
                         rf"(?:[ \t][А-ЯІЇЄҐЁ][\w'’-]*){{0,2}}(?:{COMMA_HOUSE})?")
#: what joins the names of a list: a comma, or "і", "та", "и"; after a house number only the conjunction
#: ("вул. Крилова, 7, Харків" names a city after the address)
NEXT_IN_LIST = re.compile(r",[ \t]*|[ \t]+(?:і|й|та|и)[ \t]+")
AND_NEXT = re.compile(r"[ \t]+(?:і|й|та|и)[ \t]+")


#: a street, square, cemetery, park, cathedral, castle, island, lake or bay named by an adjective before
#: the word for it: "на Контрактовій площі", "Андріївським узвозом", "Байкового кладовища", "на Николоямской
#: улице", "у Стрийському парку", "в Софійському соборі", "Віргінських островів", "Чесапикского залива"
NAMED_BEFORE_STREET = re.compile(r"(?<![\w'’-])((?:[А-ЯІЇЄҐЁ][\w'’-]+[ \t]+){1,2})(?i:площ[аіуе]\w*|узвіз|узвоз\w*|майдан\w*|"
                                 r"бульвар\w*|проспект\w*|провул\w+|переул\w+|вулиц[яіює]\w*|улиц[аеыу]\w*|шосе|"
                                 r"шоссе|набережн\w+|кладовищ\w*|кладбищ\w*|мікрорайон\w*|микрорайон\w*|цвинтар[яюеі]?м?|"
                                 r"парк(?:у|ом|і|е|и|ів|ах)?|сквер(?:у|ом|і|е|и|ів)?|собор(?:у|ом|і|е|и|ів)?|"
                                 r"лавр(?:а|и|і|у|ою|е|ой)?|монастир(?:я|ю|ем|і)?|монастыр(?:я|ю|ем|е)?|"
                                 r"замок|замк(?:у|ом|е|и|ів|ов)|острів|остров(?:а|у|ом|і|е|и|ів|ов|ах)?|"
                                 r"озер(?:о|а|у|ом|і|е)?|заток(?:а|и|у|ою)|затоці|залив(?:а|у|ом|е)?|"
                                 r"ринок|ринк(?:у|ом)|рын(?:ок|ке|ка)|але[яїюі]|алеєю|алле[яиюе]|аллеей)(?!\w)")


#: a park, square, bridge, airport or stadium named after a person, a church after its saint: "парку
#: Годлевського", "мосту Патона", "Аеропорт Кеннеді", "парку ім. Т. Г. Шевченка", "церкві святого Миколая"
#: (not Ukrainian "міст", which is "of the cities" too)
NAMED_AFTER_SOMEONE = re.compile(
    r"(?<![\w'’-])(?:(?i:парк(?:у|ом|і|е)?|сквер(?:у|ом|і|е)?|мосту|мості|мостом|мост(?:а|е|ом)?|аеропорт\w*|"
    r"аэропорт\w*|стадіон\w*|стадион\w*)[ \t]+(?:(?i:ім\.|імені|им\.|имени|генерала|академіка|академика|маршала|"
    r"гетьмана)[ \t]*)?|(?i:церкв\w*|церк(?:ов|ви)\w*|храм\w*|собор\w*)[ \t]+(?i:святого|святої|святых|святих|св\.)[ \t]*)"
    r"(?:[А-ЯІЇЄҐЁ][ \t]?\.[ \t]?){0,3}(?P<name>[А-ЯІЇЄҐЁ][\w'’-]+(?:[ \t][А-ЯІЇЄҐЁ][\w'’-]+)?)(?![\w'’-])")


def _addresses(body: str, names: Names) -> list[NerSpan]:
    """Streets and squares by their names, and the streets listed after one: "вул. Горького, Якубовського
    та Соборна", "на перехресті вулиць Шевченка та Франка", "Контрактова площа"."""
    out = []
    for m in NAMED_BEFORE_STREET.finditer(body):
        words = m.group(1).split()
        opens = not body[:m.start()].rstrip()[-1:] or body[:m.start()].rstrip()[-1] in ".!?…\n"
        if all(any("ADJF" in p.tag for p in names.morph.parse(w)[:3]) for w in words) and not (
                opens and _common(names, words[0])):
            # not "Головна вулиця міста", an ordinary adjective capitalised by the sentence
            end = house.end() if ROAD_WORD.search(m.group()) and (house := HOUSE_AFTER.match(body, m.end())) else m.end()
            out.append(NerSpan(m.start(), end, "LOC", body[m.start():end], body[m.start():end]))
    for m in ADDRESS.finditer(body):
        text = m.group().rstrip()
        out.append(NerSpan(m.start(), m.start() + len(text), "LOC", text, text))
        out += _listed_streets(body, m.start() + len(text), numbered=text[-1:].isdigit())
    out += [NerSpan(m.start(), m.end(), "LOC", m.group(), m.group()) for m in NAMED_AFTER_SOMEONE.finditer(body)
            if not any(a.start <= m.start() < a.end for a in out) and not m.group("name").isupper() and (
                (where := names.place(m.group("name"), m.group("name"))) is None or where.kind not in (
                    "country", "region", "city", "town"))]  # not "аеропорту Донецька", the airport of a city
    for m in STREETS.finditer(body):
        if first := STREET_NAME.match(body, m.end()):
            out.append(NerSpan(first.start(), first.end(), "LOC", first.group(), first.group()))
            out += _listed_streets(body, first.end(), numbered=first.group()[-1].isdigit())
    return out


def _listed_streets(body: str, end: int, numbered: bool) -> list[NerSpan]:
    """The names of streets after ``end`` in a list that a street opened."""
    out = []
    while (joint := (AND_NEXT if numbered else NEXT_IN_LIST).match(body, end)) and \
            (name := STREET_NAME.match(body, joint.end())):
        out.append(NerSpan(name.start(), name.end(), "LOC", name.group(), name.group()))
        end, numbered = name.end(), name.group()[-1].isdigit()
    return out


#: a word for a settlement before its name: "с. Тарасівка", "смт Саврань", "м. Котовськ", "у селі Гореничі",
#: "в городе Павия", "поселок Солнечный" (not "2019 г." or "10 м.": a number is before them)
SETTLEMENT_BEFORE = re.compile(r"(?:(?<![\d/] )(?<!кв )(?<!кв\. )(?<!куб )(?<!куб\. )(?<![\w\d])"
                               r"(?:(?:с|м|г|сел)\.|смт\.?|пгт\.?)|"
                               r"(?<!\w)(?i:сел[оаіуеи]|селищ\w*|міст[оіа]|город[еа]?|посел[ое]\w*|посёл\w*|"
                               r"деревн\w+|хутор\w*|станиц\w+))[ \t]*\n?[ \t]*$")
#: the words for a river, lake, island, tract or estuary before its name: "річки Оскіл", "острова Змеиный"
NATURAL_BEFORE = re.compile(r"(?<!\w)(?:(?i:річк\w*|рік[аиіу]|рікою|рек[аиеуо]|рекой|озер[оаі]|озером|остр[оі]в\w*|"
                            r"урочищ\w*|лиман\w*)|(?<!\d )(?<!\d)р\.)[ \t]+$")  # "р. Дністер", not "2010 р."
SETTLEMENT_NAME = re.compile(r"[А-ЯІЇЄҐЁ][\w'’]+(?:-[А-ЯІЇЄҐЁа-яіїєґё][\w'’]+)*(?:[ \t][А-ЯІЇЄҐЁ][\w'’]+)?")


def _settlement_named(body: str, start: int) -> bool:
    return bool(SETTLEMENT_BEFORE.search(body, max(0, start - 14), start))


def _settlements(body: str, covered: list[NerSpan], names: Names) -> list[NerSpan]:
    """Names after a word for a settlement, known to the gazetteer or not ("с. Толокунь")."""
    out = []
    for m in SETTLEMENT_NAME.finditer(body):
        if not _settlement_named(body, m.start()):
            continue
        end, words = m.end(), m.group().split()
        tags = names.tags(words[0])
        if {"Name", "Surn"} & tags and "Geox" not in tags and names.morph.word_is_known(words[0].lower()) and (
                "Name" in tags or names.place(words[0], words[0]) is None):
            continue  # "очільник міста Ігор Слюзар"; not "м. Харкові", which the dictionary also reads as a surname
        region_after = re.match(r"\s*(?:област|обл\.|район|р-н|повіт|округ|кра[юя]|губерн)", body[end:end + 12])
        if len(words) == 1 and region_after:
            continue  # "села Бахмутського району": the district the villages lie in
        if len(words) > 1 and (region_after
                               or "ADJF" in names.morph.parse(words[1])[0].tag and "ADJF" not in names.morph.parse(words[0])[0].tag
                               or PERSON_TAGS & names.tags(words[1])):
            end = m.start() + m.group().index(" ")  # "м. Котовськ Одеської області": the town alone
        if not any(c.start < end and m.start() < c.end for c in covered):
            out.append(NerSpan(m.start(), end, "LOC", body[m.start():end], body[m.start():end]))
    return out


#: the district a town lies in, named after it: "у селі Коблеве Березанського району"
DISTRICT_AFTER = re.compile(r"[ \t]+([А-ЯІЇЄҐЁ][\w'’-]+(?:ськ|цьк|зьк|ск|цк)[а-яіїєё]+[ \t]+район\w*)(?!\w)")


def _districts_of_towns(body: str, towns: list[NerSpan]) -> list[NerSpan]:
    """The district named right after a town ("Коблеве Березанського району"): a place of its own."""
    return [NerSpan(m.start(1), m.end(1), "LOC", m.group(1), m.group(1)) for t in towns
            if (m := DISTRICT_AFTER.match(body, t.end))]


def _natural_features(body: str) -> list[NerSpan]:
    """The names of rivers, lakes, islands, tracts and estuaries after the word for one ("річки Оскіл",
    "острова Змеиный"): places on no gazetteer's map, whatever town shares the name (Oskil is a village
    as well as the river)."""
    return [NerSpan(m.start(), m.end(), "LOC", m.group(), m.group()) for m in SETTLEMENT_NAME.finditer(body)
            if NATURAL_BEFORE.search(body, max(0, m.start() - 14), m.start())]


#: a sea, reservoir, strait, spit or bridge by its adjective ("Чорному морі", "Каховського водосховища",
#: "Кінбурнської коси", "Кримського мосту"), or a river or island by the word for one and its name ("річки
#: Дніпро", "реки Днепр", "острова Змеиный")
WATER_NAME = re.compile(
    r"(?<![\w'’-])(?:[А-ЯІЇЄҐЁ][\w'’-]+[ \t]+(?i:мор[еяюіем]\w*|водосховищ\w*|водохранилищ\w*|протоц\w*|проток\w*|"
    r"пролив\w*|лиман\w*|кос[аиіуеою]\w*|стрілк\w*|стрілц\w*|стрелк\w*|міст|мост\w*|мості)|"
    r"(?i:річ[кц]\w*|рік[аиіу]|рікою|рек[аиеуо]|рекой|остр[оі]в\w*)[ \t]+[А-ЯІЇЄҐЁ][\w'’-]+|"
    # a nuclear or hydroelectric power plant: "Запорізької АЕС", "ЗАЭС", "Каховської ГЕС"
    r"[А-ЯІЇЄҐЁ][\w'’-]+[ \t]+(?:АЕС|АЭС|ГЕС|ГЭС)|[А-ЯІЇЄҐЁ]{1,3}(?:АЕС|АЭС))(?![\w'’-])")


#: a name after the word for a river's bank: "на лівому березі Дніпра", "на левом берегу Днепра"
BANK_OF = re.compile(r"(?<![\w'’-])(?i:берег(?:а|у|е|ом|и|ах|ів|ов|ам)?|березі)[ \t]+([А-ЯІЇЄҐЁ][\w'’-]+)")  # not "березня"
#: two seas or reservoirs sharing the word for them: "Чорного та Азовського морів", "Черного и Азовского морей"
SHARED_WATER = re.compile(r"(?<![\w'’-])([А-ЯІЇЄҐЁ][\w'’-]+)[ \t]+(?:та|і|й|и)[ \t]+([А-ЯІЇЄҐЁ][\w'’-]+)[ \t]+"
                          r"((?i:мор\w+|водосховищ\w*|водохранилищ\w*))(?![\w'’-])")


def _waters(body: str, names: Names) -> list[tuple[NerSpan, Place]]:
    """The seas, rivers, reservoirs, straits, islands, spits, the bridge and the nuclear plants of the
    gazetteer's curated features, named in full in any case: "в Чорному морі" is the Black Sea, not the village of Chorne the word
    alone names; "на березі річки Дніпро" the river, not the city. Two seas sharing the word for them
    are each named ("Чорного та Азовського морів": the first by its adjective alone)."""
    def water(name: str) -> Place | None:
        place = names.place(name, name)
        return place if place is not None and place.kind in FEATURE_KINDS else None

    out = []
    for m in SHARED_WATER.finditer(body):
        noun = names.morph.parse(m.group(3))[0]  # its singular in the same case (the Ukrainian dictionary marks no "sing")
        one = next((f for f in noun.lexeme if f.tag.case == noun.tag.case and "plur" not in f.tag.grammemes), None)
        first, second = (water(f"{m.group(k)} {one.word}") if one else None for k in (1, 2))
        if first is not None and second is not None:
            out += [(NerSpan(m.start(1), m.end(1), "LOC", m.group(1), m.group(1)), first),
                    (NerSpan(m.start(2), m.end(), "LOC", body[m.start(2):m.end()], body[m.start(2):m.end()]), second)]
    for m in WATER_NAME.finditer(body):
        if not any(w.start <= m.start() < w.end for w, _ in out) and (place := water(m.group())) is not None:
            out.append((NerSpan(m.start(), m.end(), "LOC", m.group(), m.group()), place))
    river = "річка" if names.language == "uk" else "река"
    for m in BANK_OF.finditer(body):  # "на лівому березі Дніпра": the river the city is named after
        lemma = names.morph.parse(m.group(1))[0].normal_form
        if not any(w.start <= m.start(1) < w.end for w, _ in out) and (
                place := water(f"{river} {lemma[:1].upper()}{lemma[1:]}")) is not None:
            out.append((NerSpan(m.start(1), m.end(1), "LOC", m.group(1), m.group(1)), place))
    return out


def _places_in_bodies(body: str, bodies: list[NerSpan], covered: list[NerSpan], names: Names) -> list[NerSpan]:
    """The country, region or city a body's name ends with or holds ("Палаты представителей США",
    "Законодательного собрания Кировской области", "полиции Нью-Йорка"): a place mention of its own
    inside the body's. Only nouns the gazetteer knows as a country or region, or as a city of 10,000;
    an adjective only before a region word ("Московского театра" names no place here)."""
    out = []
    for org in bodies:
        for word in re.finditer(r"[А-ЯІЇЄҐЁ][\w'’-]*", body[org.start:org.end]):
            start, end = org.start + word.start(), org.start + word.end()
            if start == org.start or any(c.start <= start < c.end for c in covered) or _quoted(body, start):
                continue
            name = word.group()
            region = re.match(r"\s+(\w+\.?)", body[end:org.end])
            if republic := REPUBLIC.match(body, start, org.end):  # "Автономної Республіки Крим"
                end = republic.end()
                name = republic.group()
            elif region and REGION_WORD.match(region.group(1)):
                end += region.end()
                name = body[start:end]
            elif AFTER_CITY_WORD.search(body, max(0, start - 8), start):
                pass  # "прокуратура міста Луцька": a town, though "Луцька" is a surname too
            elif "ADJF" in names.morph.parse(name)[0].tag or not (name.isupper() or name[1:].islower()) or (
                    PERSON_TAGS & names.tags(name)) or INITIALS_BEFORE.search(body, max(0, start - 8), start) or re.search(
                    r"(?i)(?:имени|імені|им\.|ім\.)\s*$", body[max(0, start - 8):start]):
                continue  # "Института Пушкина", "имени М. Тореза": people, though towns bear their names
            place = names.place(name, name)
            if place is None or not (place.kind in ("country", "region") or place.population >= 10_000 and not name.isupper()):
                continue
            if _small_abroad(place) and place.kind != "region" and _common(names, name):
                continue  # "Пенсійного Фонду": the body's own word, not Fondi in Italy
            out.append(NerSpan(start, end, "LOC", name, name))
            covered = [*covered, out[-1]]
    return out


#: a front named after a town: "на Покровском направлении", "на Куп'янському напрямку"
#: (after the first of coordinated adjectives too: "на Покровському та Курахівському напрямках")
AREA_AFTER = re.compile(r"(?i)(?:,?\s+(?:та|і|й|и)\s+[А-ЯІЇЄҐЁ][\w'’-]+|,\s*[А-ЯІЇЄҐЁ][\w'’-]+)*"
                        rf"\s+(?:{SECTOR}|участк\w*|ділянц\w*)(?!\w)")


#: parts of speech a name never is (pymorphy3's likeliest reading): adverbs, pronouns, verbs, function words
NOT_NAMES = frozenset({"ADVB", "NPRO", "CONJ", "PRCL", "PREP", "VERB", "INFN", "PRED", "INTJ", "GRND"})


#: acronyms of ordinary words that taggers read as bodies: "the media", "air defence", "drones"
NOT_BODIES = frozenset({"СМИ", "ЗМІ", "СМІ", "ПВО", "ППО", "БПЛА", "БпЛА", "РСЗО", "ЗРК",
                        # a power plant of no name, a disease: "рядом с АЭС", "умер от COVID-19"
                        "АЭС", "АЕС", "ТЭЦ", "ТЕЦ", "ГЭС", "ГЕС", "COVID-19", "Covid-19", "SARS-CoV-2", "ВИЧ", "ВІЛ",
                        "СПИД", "СНІД"})


#: the abbreviations of states that are no more: places, on no map of today's (no entity)
FORMER_STATES = frozenset("СРСР СССР УРСР УССР УСРР РСФРР РСФСР БРСР БССР ЗУНР УНР ЧССР ГДР НДР СФРЮ".split())
#: the same states and empires by name, in any case: "у Радянському Союзі", "Российской империи"
FORMER_STATE_NAME = re.compile(r"(?<![\w'’-])(?:(?:Радянськ|Советск)\w+[ \t]+Союз\w*|"
                               r"(?:Російськ|Российск|Османськ|Османск)\w+[ \t]+(?:імпері|импери)\w+|"
                               r"Австро-(?:Угорщин|Венгри)\w+|Реч(?:і|ь|и)[ \t]+Посполит\w+)(?![\w'’-])")
#: the title of a hero of a state, which names no place: "Герой Советского Союза", "Героїв Радянського Союзу"
HERO_OF = re.compile(r"(?<![\w'’-])(?i:геро[йяюїі]\w*)[ \t]+$")
#: abbreviations the Ukrainian dictionary marks as proper ones that name no body: a computer, a text
#: message, the companies' register code, a person's full name, and the occupied areas of Donbas ("ОРДЛО")
COMMON_ABBREVIATIONS = frozenset("ЕОМ ЭВМ СМС ЄДРПОУ ЕДРПОУ ЕГРПОУ ПІБ ФИО ОРДЛО ОРДО ОРЛО".split())
#: a power plant's abbreviation ("ЗАЕС", "ЧАЭС", "Слов'янської ТЕС"): a facility, not a body here
PLANT = re.compile(r"(?:АЕС|АЭС|ТЕС|ТЭС|ГЕС|ГЭС|ТЕЦ|ТЭЦ)$")
#: a word in capitals: an abbreviation ("УЦОЯО", "ЗакДУ", "НКВД")
ABBREVIATION = re.compile(r"(?<![\w'’«\"-])[А-ЯІЇЄҐЁ][А-ЯІЇЄҐЁа-яіїєґё]{1,5}[А-ЯІЇЄҐЁ](?![\w'’»\"-])")


def _abbreviated_bodies(body: str, covered: list[NerSpan], names: Names) -> list[NerSpan]:
    """Abbreviations the dictionary marks as a body's (Russian "Orgn": "ФСИН", "НКВД") or as a proper
    abbreviation (Ukrainian "Abbr": "УЦОЯО", "ТНМК"), where no other name stands: bodies the registry
    and the tagger missed. Not the dictionary's ordinary abbreviations ("ТОВ", "ПДВ", "ДТП", "ЗМІ")."""
    tag = "Orgn" if names.language == "ru" else "Abbr"
    out = []
    for m in ABBREVIATION.finditer(body):
        word = m.group()
        if word in NOT_BODIES or word in FORMER_STATES or word in COMMON_ABBREVIATIONS or PLANT.search(word) or sum(
                c.isupper() for c in word) < 3 or any(c.start < m.end() and m.start() < c.end for c in covered):
            continue
        if any(tag in p.tag.grammemes for p in names.morph.parse(word)[:1]):
            out.append(NerSpan(m.start(), m.end(), "ORG", word, word))
    return out


def _heading(text: str, names: Names) -> bool:
    """Two or more words in capitals that are all ordinary words: a heading ("ЗАГАЛЬНІ ПОЛОЖЕННЯ"), not
    a body's abbreviations ("ЦК КПСС")."""
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) >= 2 and text.upper() == text and all(
        len(w) >= 3 and names.morph.word_is_known(w.lower()) and _common(names, w.lower()) for w in words)


def _common(names: Names, word: str) -> bool:
    """A word the dictionary knows, in its likeliest reading, as an ordinary word, not a name."""
    parses = names.morph.parse(word)[:3]
    return names.morph.word_is_known(word.lower()) and not any(
        (PERSON_TAGS | {"Geox", "Abbr", "Orgn"}) & p.tag.grammemes for p in parses[:1]) and not (
        names.language == "uk" and any(PERSON_TAGS & p.tag.grammemes for p in parses))  # "Марина": a name too


def _small_abroad(place: Place) -> bool:
    """A place abroad that is no country and no world city: one an ordinary word or a given name may spell
    by chance ("Біль": Biel, "Катерини": Katerini, "Фонду": Fondi), unlike "Прага" or "Франції"."""
    return place.country not in HOME and place.kind != "country" and place.population < WORLD_CITY


def _large_city(names: Names, word: str) -> bool:
    """Whether a short word is a case form of a city of 100,000 or more of the war's countries ("Сум")."""
    place = names.place(word, word)
    return place is not None and place.country in HOME and place.kind == "city" and place.population >= 100_000


def _large_place(names: Names, word: str) -> bool:
    """Whether a word is, by its dictionary lemma, the very name of a region or a city of 100,000 or
    more of the war's countries: the Ukrainian dictionary knows "київ" and "одеса" but marks no
    toponyms (abroad, too many such names are ordinary words: "Мені" is Maine, "Тема" Tema)."""
    lemma = names.morph.parse(word)[0].normal_form
    if lemma not in names.kb.gazetteer:  # (the cheap test first: most words opening a sentence are no place)
        return False
    place = names.place(word, word)
    if place is None or place.country not in HOME or not (place.kind == "region" or place.population >= 100_000):
        return False
    return (names.place(lemma, lemma) or place).id == place.id


def _clean_people(spans: list[NerSpan], body: str, names: Names) -> list[NerSpan]:
    """People's spans as names only: cut at lower-case words and commas ("Чепурненко і Шевцов" is
    two people), without the ordinary words the tagger took in ("Тоді Петро" -> "Петро"; "Вони" is
    nobody), with the initials before them ("О. М. Бутлеров"), and a first name and a surname the
    tagger split joined again ("Іван" + "Жокін")."""
    out: list[NerSpan] = []
    for span in spans:
        if span.label != "PER":
            out.append(span)
            continue
        for piece in re.finditer(r"(?:[^\W\d_][\w'’-]*|\s*\.\s*|\s+)+", span.text):
            words = [w for w in re.finditer(r"[^\W\d_][\w'’-]*", piece.group()) if w.group()[:1].isupper()]
            words = words[next((k for k, w in enumerate(words) if not _common(names, w.group())), len(words)):]
            if not words:
                continue
            start, end = span.start + piece.start() + words[0].start(), span.start + piece.start() + words[-1].end()
            if m := INITIALS_BEFORE.search(body, max(0, start - 12), start):
                start -= len(m.group())
            elif (m := re.search(r"([А-ЯІЇЄҐ][\w'’-]+) $", body[max(0, start - 30):start])) and _first_name(
                    m.group(1), body[start:end].split()[0], names):
                start -= len(m.group())  # the first name the tagger left out: "Ірини" + "Стефанович"
            if m := re.match(r"\s?(?:[А-ЯІЇЄҐ]\s?\.\s?){1,2}", body[end:end + 10]):  # "Смєшко І. П."
                end += len(m.group().rstrip())
            if out and out[-1].label == "PER" and body[out[-1].end:start] == " ":
                start = out.pop().start
            out.append(NerSpan(start, end, "PER", body[start:end], body[start:end]))
    return out


def _first_name(word: str, surname: str, names: Names) -> bool:
    """``word`` is a first name before ``surname``: the dictionary says so, or reads it as an animate
    noun before a word it reads as a surname ("Богдан Тимків")."""
    parses = names.morph.parse(word)[:3]
    if any("Name" in p.tag.grammemes for p in parses):
        return True
    return any("anim" in p.tag.grammemes and p.tag.POS == "NOUN" for p in parses) and any(
        "Surn" in p.tag.grammemes for p in names.morph.parse(surname)[:3])


def _people(body: str, parsed: Parsed, names: Names) -> list[NerSpan]:
    """People by the dictionary's reading of their names: capitalised words read as a first name,
    surname or patronymic, with initials before them ("Олександр Лазорко", "С. М. Реформатського").
    Natasha's tagger knows Russian names only; this finds Ukrainian ones."""
    out = []
    for sent in parsed.sentences:
        run: list[Token] = []
        for t in [*sent.tokens, None]:
            # a capitalised word read as a name, not a piece of one ("Лук" of "Лук'янців")
            named = (t is not None and t.text[:1].isupper() and t.text[1:2].islower()
                     and body[t.end:t.end + 1] not in "'’ʼ"
                     and any(PERSON_TAGS & p.tag.grammemes for p in names.morph.parse(t.text)[:3]))
            if named:
                run.append(t)
                continue
            if run and (len(run) > 1 or run[0] is not sent.tokens[0]) and any(
                    not _common(names, x.text) for x in run):
                start = run[0].start
                if m := INITIALS_BEFORE.search(body, max(sent.start, start - 12), start):
                    start -= len(m.group())
                out.append(NerSpan(start, run[-1].end, "PER", body[start:run[-1].end], body[start:run[-1].end]))
            run = []
    return out


#: a company or another body by its legal form and quoted name: "ТОВ «Лігабуд»", "ДП «НАЕК «Енергоатом»»",
#: "ООО «Ромашка»", "НВП «Інтертерм»": the forms are abbreviations in capitals, too many to list (ТзОВ, ПрАТ, НВП,
#: КП, ОКЖК, ...); the words that are no legal form and may stand before a quoted name are left out
LEGAL_BODY = re.compile(r"(?<![\w«])(?!(?:ЗМІ|СМИ|ЗМИ|МЗС|МИД|БПЛА|БпЛА|ПВО|ППО|РСЗО|ЗРК|ЗСУ|ВСУ|ВС|РФ|США|ЄС|ЕС)(?!\w))"
                        r"(?:[А-ЯІЇЄҐ][А-ЯІЇЄҐа-яіїєґ]{0,4}[А-ЯІЇЄҐ]\s+){0,2}[А-ЯІЇЄҐ][А-ЯІЇЄҐа-яіїєґ]{0,4}[А-ЯІЇЄҐ]"
                        r"(?:\s+[а-яіїєґ]+)?\s?«(?=\s?[А-ЯІЇЄҐA-Z0-9«])"
                        # a name in quotes, or a quoted name inside one that closes once: "ТОВ «Концерн «Ліфт»"
                        r"(?:(?:[^«»\n]|«[^«»\n]*»){1,80}»|[^«»\n]{1,60}«[^«»\n]{1,60}»)")


#: a court or a council named by its level and place: "Печерського районного суду м. Києва",
#: "Мелітопольської міської ради", "Господарського суду Одеської області", "Арбитражного суда Москвы"
_LEVEL = (r"(?i:районн|міськ|обласн|апеляційн|окружн|господарськ|адміністративн|верховн|конституційн|арбитражн|"
          r"городск|областн|апелляционн|сільськ|селищн|вищ)\w*")


_BODY = (r"(?:(?i:(?:суд|госпсуд|адмінсуд|райсуд|міськсуд|горсуд)(?:у|а|ом|і|е|ы|ів|ов|ами|ах)?|(?:рад|облрад|райрад|сільрад|міськрад)(?:а|и|і|у|ою)|"
         r"совет(?:а|у|ом|е|ы|ов)?|(?:облдерж|райдерж|держ|державн(?:а|ої|ій|у|ою)[ \t]+)адміністраці(?:я|ї|ю|єю)|"
         r"дум(?:а|ы|е|у|ой))|"
         # a regional, district or city state or military administration: "Харківської ОВА", "Сумська ОДА"
         r"(?P<abbr>ОДА|РДА|ОВА|РВА|МВА|ВЦА))(?!\w)")


#: a republic by its name: "Автономної Республіки Крим", "Республики Беларусь", "Донецкой Народной Республики"
_REPUBLIC = r"(?:[А-ЯІЇЄҐ][\w'’-]+[ \t]+){0,2}(?:Республік|Республик)\w*(?:[ \t]+[А-ЯІЇЄҐ][\w'’-]+)?"
REPUBLIC = re.compile(_REPUBLIC)
_WHERE = rf"(?:(?:м\.|г\.|міста|города)[ \t]?)?(?:{_REPUBLIC}|[А-ЯІЇЄҐ][\w'’-]+(?:[ \t]+(?:област\w*|району|района|края))?)"


#: the word for a court's or council's kind or level inside a span: "Хмільницької райради", which the tagger
#: may read as a place
KIND_OF_COURT_OR_COUNCIL = re.compile(rf"(?<!\w)(?:{_LEVEL}|{_BODY})")


COURT_OR_COUNCIL = re.compile(
    rf"(?<!\w)(?:(?P<lead>[А-ЯІЇЄҐ][\w'’-]+(?:ого|ої|ий|ій|ый|ая|ой|ое|ому|ом|ою|ей|ые|і|и|а|(?:ськ|цьк|зьк|ск|цк)ую?))[ \t]+)?"
    rf"(?:{_LEVEL}[ \t]+)*"
    rf"{_BODY}(?P<tail>[ \t]+{_WHERE})?")


#: a body named by the place it serves, as an adjective, and the word for its kind: "Київська регіональна
#: митниця", "Луганського тервідділення", "Московский государственный университет", "Мариинского театра"
PLACE_BODY = re.compile(
    r"(?<![\w'’-])[А-ЯІЇЄҐ][\w'’-]*(?:ськ|цьк|зьк|ск|цк)(?:ий|ого|ому|им|ій|а|ої|у|ою|е|і|их|ая|ой|ую|ое|ом|ые|ых)"
    r"(?P<middle>(?:[ \t]+[а-яіїєґё'’-]{3,}){0,3}?)[ \t]+"
    r"(?P<head>(?i:митниц|таможн|тервідділенн|відділенн|отделени|управлінн|управлени|інспекці|инспекци|палат|"
    r"прокуратур|об'єднанн|объединени|університет|университет|інститут|институт|академі|академи|театр|музе|"
    r"лікарн|больниц|госпітал|госпитал|завод|комбінат|комбинат|фабрик|філі|филиал|ліце|лице|коледж|колледж)\w*)"
    r"(?![\w'’-])")


#: what may end a body's name after the word for its kind: its own name in quotes ("об'єднанням «Київліс»")
#: or the person it is named after ("театра драмы им. В. М. Шукшина", "університету імені Тараса Шевченка")
NAMED_AFTER = re.compile(r"[ \t]+(?:«[^«»\n]{1,60}»|(?:имени|імені|им\.|ім\.)[ \t]*(?:[А-ЯІЇЄҐ]\.[ \t\xa0]*){0,2}"
                         r"[А-ЯІЇЄҐ][\w'’-]+(?:[ \t]+[А-ЯІЇЄҐ][\w'’-]+)?)")


#: a body's abbreviation right after the words for a branch of it: "тервідділення АМКУ"
ABBREVIATION_AFTER = re.compile(r"[ \t]+[А-ЯІЇЄҐ]{2,}(?!\w)")


def _place_bodies(body: str, names: Names) -> list[NerSpan]:
    """Bodies by :data:`PLACE_BODY`, the words between the place's adjective and the head all
    adjectives agreeing with it ("Бориспільському міжрайонному суді"; not "Київська влада має завод")."""
    out = []
    for m in PLACE_BODY.finditer(body):
        head = m.group("head")
        if "NOUN" not in names.morph.parse(head)[0].tag or not all(
                _agrees(names, w, head) for w in m.group("middle").split()) or ABBREVIATION_AFTER.match(body, m.end()):
            continue  # a branch of the body whose abbreviation follows is read as such (see _branches)
        end = _genitives_end(body, m.end(), names)  # what it does: "управління геофізичних робіт"
        if named := NAMED_AFTER.match(body, end):
            end = named.end()  # its own name or the person it bears the name of
        out.append(NerSpan(m.start(), end, "ORG", body[m.start():end], body[m.start():end]))
    return out


#: a quoted name after the word for a kind of body: "компанія «Трансфербутик»", "партии «Единая Россия»"
QUOTED_BODY = re.compile(r"(?i:компані\w*|компани\w*|фірм\w*|фирм\w*|підприємств\w*|предприяти\w*|товариств\w*|"
                         r"обществ\w*|концерн\w*|корпораці\w*|корпораци\w*|банк\w*|парті\w*|парти\w*|"
                         r"холдинг\w*|фонд\w*|агентств\w*|організаці\w*|организаци\w*|об'єднанн\w*|объединени\w*|"
                         r"завод\w*|комбінат\w*|комбинат\w*|телеканал\w*|видання|издани\w*|газет\w*|"
                         r"журнал\w*|рух\w*|движени\w*|аеропорт\w*|аэропорт\w*|шахт\w*|торгов\w+ д[іо]м\w*|"
                         # a payment or an order from it: "отримало від «Укрзалізниці»"
                         r"(?<!\w)від|"
                         # who owns or runs it: "власник «Будінвесту»", "директор «Укрспецбуду»"
                         r"(?:спів)?власник\w*|(?:со)?владел\w*|(?:спів)?засновник\w*|(?:со)?основател\w*|"
                         r"(?:ген)?директор\w*|керівник\w*|руководител\w*|бенефіціар\w*|бенефициар\w*|"
                         r"акціонер\w*|акционер\w*)\s+«(?P<name>[А-ЯІЇЄҐA-Z][^«»\n]{1,60})»")


#: an article of a code of law before its abbreviation: "по статье 19.7 КоАП РФ «...»", "ст. 191 КК України"
ARTICLE_OF_LAW = re.compile(r"(?i)(?:стат\w*|ст\.)\s*[\d.]+(?:\s+(?:ч\.|част\w*)\s*[\d.]+)?\s*$")


def _seat(span: NerSpan, names: Names) -> Entry | None:
    """The government a seat of government stands for ("Кремль", "Кремлю"), by the registry's Cyrillic
    metonyms that name no place on the gazetteer's map (a capital's name stays a place)."""
    seats = _seats(names.kb.registry)
    return next((seats[f.lower()] for f in names.forms(span.text, span.normal)[:4] if f.lower() in seats), None)


@lru_cache(maxsize=2)
def _seats(registry) -> dict[str, Entry]:
    return {m.lower(): e for e in registry.entries for m in e.metonyms if is_cyrillic(m)}


#: kinds of registry entries that relay other bodies' statements: news outlets and agencies, bloggers
RELAYS = frozenset({"media", "blogger"})


def _home_body(span: NerSpan, names: Names, article: Article, earlier: list[Typed]) -> Entry | None:
    """A national body named bare ("Минобороны сообщило", "в Генштабе"), which the registry knows only
    as a weak name of several countries' bodies: the one named with its country earlier in the
    article, else the one of the side of the agency relaying it in the sentence or of the outlet
    (TASS's "Минобороны" is Russia's). None when neither tells, as in English
    (:meth:`sitroom.extract.speakers.SpeakerResolver._side_of_context`)."""
    registry = names.kb.registry
    candidates = [e for form in names.forms(span.text, span.normal)[:3]
                  for e in registry.lookup(form, "organization", weak=True)]
    if not candidates:
        return None
    named = next((t.entry for t in reversed(earlier) if t.entry in candidates and t.span.end <= span.start), None)
    if named is not None:
        return named
    # an agency that relays it in the same sentence speaks of its own country's ("ТАСС со ссылкой на
    # Минобороны"), else the article's outlet
    relay = next((t.entry for t in reversed(earlier) if t.entry is not None and t.entry.kind in RELAYS and
                  t.span.end <= span.start and not re.search(r"[.!?\n]", (article.body or "")[t.span.end:span.start])), None)
    outlet = relay or (registry.outlet(article.outlet) if article.outlet else None)
    side = outlet.side if outlet is not None else None
    return next((e for e in candidates if side and e.side == side), None)


#: verbs only a person is the subject of: speaking, thinking, gestures ("відповів", "кивнула", "подумал")
PERSON_VERBS = frozenset("""відповісти сказати промовити мовити спитати запитати прошепотіти крикнути гукнути подумати
    знати кивнути зітхнути усміхнутися посміхнутися засміятися розсміятися заплакати глянути подивитися прокинутися
    прокидатися ответить сказать спросить прошептать крикнуть подумать знать кивнуть вздохнуть улыбнуться засмеяться
    рассмеяться заплакать взглянуть посмотреть проснуться""".split())


def _says_or_thinks(body: str, end: int, names: Names) -> bool:
    """Whether the word after ``end`` (an adverb or a particle between allowed) is a past-tense verb of speaking,
    thinking or a gesture, which a place never does."""
    words = re.match(r"[ \t]+([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?", body[end:end + 60])
    if words is None:
        return False
    for word in filter(None, words.groups()):
        parse = names.morph.parse(word.lower())[0]
        if "VERB" in parse.tag and "past" in parse.tag:
            return parse.normal_form in PERSON_VERBS
        if not {"ADVB", "PRCL", "NPRO"} & parse.tag.grammemes:  # "завжди", "не", "вже" may stand between
            return False
    return False


def _where_posted(body: str, t: Typed) -> bool:
    """A platform, or a channel on one, named as where a statement was posted ("написал в Twitter", "у
    своєму Telegram-каналі"): a medium, no actor; "Twitter заблокировал" stays the company."""
    return t.label == "organization" and (t.entry is not None and t.entry.kind == "platform" or bool(
        CHANNEL.search(t.span.text))) and bool(POSTED_IN.search(body, max(0, t.span.start - 25), t.span.start))


#: a preposition of where something is posted, with the poster's own: "в Twitter", "у своєму Telegram-каналі"
POSTED_IN = re.compile(r"(?i)(?<!\w)(?:в|у|во|на|через)(?:\s+(?:сво\w+|его|її|их|їх|официальн\w+|офіційн\w+))*\s+[«\"]?$")
#: a channel or page of a platform named with the platform: "Telegram-канале", "Фейсбук-сторінці"
CHANNEL = re.compile(r"(?i)-(?:канал|сторінк|страниц|аккаунт|акаунт|блог)\w*$")


#: a title in «» after the word for a work, or in a list of titles after it: "фильм «...»", "такие картины,
#: как «Цирк», «Новые времена»", "пісню «...»"
WORK_BEFORE = re.compile(r"(?i)(?<!\w)(?:фильм\w*|фільм\w*|картин\w*|кинокартин\w*|песн\w*|пісн\w*|альбом\w*|сингл\w*|"
                         r"книг\w*|роман\w*|повест\w*|повіст\w*|спектакл\w*|вистав\w*|опер[аыуиіою]|балет\w*|сериал\w*|"
                         r"серіал\w*|мультфильм\w*|мультфільм\w*|поэм\w*|поем\w*|стих\w*|вірш\w*|картину|"
                         r"композици\w*|композиці\w*|передач\w*|телепередач\w*|шоу|трек\w*|клип\w*|кліп\w*|"
                         r"сочинени\w*|произведени\w*|твор\w*|оповідан\w*|рассказ\w*|збірк\w*|сборник\w*|новел\w*|"
                         r"п[’'ʼ]єс\w*|пьес\w*|"
                         # things: a depot, a brand, an aircraft or a ship (a cinema or a stadium is a body to some)
                         r"хранилищ\w*|сховищ\w*|(?:торгов\w+ )?марк\w*|бренд\w*|"
                         r"истребител\w*|винищувач\w*|самол[её]т\w*|літак\w*|корабл\w*|корабел\w*|крейсер\w*|фрегат\w*|катер\w*|танкер\w*)"
                         r"[^«»\n.!?]{0,40}«\s*(?:[^«»\n]{1,60}»(?:,|\s+(?:и|і|та|й))?\s*«\s*)*$")


#: a city's council or duma in one word: "Київрада", "Київради", "Мосгордума", "Мосгордумы" (a word the
#: dictionary knows, "Естрада", "Награда", is none)
CITY_COUNCIL = re.compile(r"(?<![\w'’-])(?P<place>[А-ЯІЇЄҐ][а-яіїєґё'’]{2,})(?:рад[аиіуо]\w*|дум[аыиеуо]\w*)(?![\w'’-])")


def _council_of_a_place(m: re.Match, names: Names) -> bool:
    """"Київрада": a word the dictionary does not know or knows as a body's name, or whose first part names
    a place."""
    stem = re.sub(r"(?:гор|міськ|обл|рай|сіль)$", "", m.group("place"))
    place = names.place(stem, stem) if len(stem) > 3 else None
    return not names.morph.word_is_known(m.group().lower()) or "Orgn" in names.tags(m.group()) or (
        place is not None and place.population >= 10_000)


#: the head of a state body's name: "Міністерство доходів і зборів України", "Управление МВД по Курской области",
#: "Рада міністрів Автономної Республіки Крим"
STATE_HEAD = re.compile(r"(?<![\w'’-])(?:Міністерств|Министерств|Управлінн|Управлени|Головне управлінн|Главное управлени|"
                        r"Державн\w+ служб|Государственн\w+ служб|Служб|Агентств|Комітет|Комитет|Департамент|"
                        r"Прокуратур|Інспекці|Инспекци|Посольств|Генеральн\w+ штаб|Генштаб|"
                        r"Рад(?:а|и|і|у|ою) міністрів|Совет(?:а|у|ом|е)? министров)\w*")

#: the same in lower case, and the bodies a country, a region or a city has one of: "правительство Мали",
#: "полиция Нью-Йорка", "министерство культуры Польши", "прокуратури Луганської області"
COMMON_HEAD = re.compile(r"(?<![\w'’-])(?i:міністерств|министерств|управлінн|управлени|прокуратур|посольств|"
                         r"правительств|уряд|кабмин|кабмін|администраци|адміністраці|парламент|сенат|конгресс|"
                         r"ландтаг|сейм|кнессет|полици|поліці|мэри|мері|власт|влад|суд)(?:[а-яіїєґ]{0,3})(?![\w'’-])")
#: heads of what a person leads: "правительство Медведева", "администрации Джорджа Буша-младшего"
LED_HEAD = re.compile(r"(?i:правительств|уряд|кабинет|кабінет|администраци|адміністраці)")
_LEADER = re.compile(r"[ \t]+(?:[А-ЯІЇЄҐ]\.[ \t]?){0,2}([А-ЯІЇЄҐ][\w'’-]+)(?:[ \t]+([А-ЯІЇЄҐ][\w'’-]+))?")

#: what may come between a state body's head and the country or region that ends its name: lower-case
#: words and capitalised adjectives ("доходів і зборів", "Державної служби з надзвичайних ситуацій")
_BODY_WORD = re.compile(r"\s+(?:[а-яіїєґё'’-]+|[А-ЯІЇЄҐЁ][а-яіїєґё'’-]+(?:ої|ого|ій|ий|ой|ая|ое|их|ых))(?=[\s,.;:!?»)]|$)")
_PLACE_WORDS = re.compile(rf"\s+({_REPUBLIC}|[А-ЯІЇЄҐЁ][\w'’-]+(?:\s+(?:област\w*|обл\.?|краю|края|республик\w*|республі\w*))?)")


def _genitive(names: Names, word: str) -> bool:
    """A noun or an adjective in the genitive ("культуры", "Польши"; not "из", "рассказал"), or a
    name that does not decline ("Сан-Диего", "Перу")."""
    parses = names.morph.parse(word)[:2]
    return parses[0].tag.POS in ("NOUN", "ADJF") and any("gent" in p.tag or "Fixd" in p.tag for p in parses) or (
        "-" in word and not names.morph.word_is_known(word.lower()))  # "Сан-Диего"


def _state_bodies(body: str, names: Names) -> list[NerSpan]:
    """A state body named by its head, what it does and the country or region it serves, as one name
    ("Міністерство доходів і зборів України", "Прокуратура Курской области"); the place stays a place
    mention of its own. A head followed by an abbreviation ("Управление ФСБ по ...") is left to the
    tagger and the registry."""
    out = []
    heads = sorted([*STATE_HEAD.finditer(body), *COMMON_HEAD.finditer(body)], key=lambda m: m.start())
    for m in heads:
        if out and m.start() < out[-1].end:
            continue  # a head inside the name just found ("Управління Державної служби ... України")
        start, end = m.start(), m.end()
        common = m.re is COMMON_HEAD
        if common:  # "Верховный суд Испании": the capitalised adjectives before the head belong to the name
            # ("районный суд Москвы": a court's level too)
            court = m.group().startswith("суд")
            while (lead := re.search(r"([А-ЯІЇЄҐа-яіїєґё][а-яіїєґё'’-]+)\s+$", body[max(0, start - 40):start])) and (
                    lead.group(1)[:1].isupper() or court or _kind_of_body(names, lead.group(1), m.group())):
                if "ADJF" not in names.morph.parse(lead.group(1))[0].tag:
                    break
                start -= len(lead.group())
        if common and LED_HEAD.match(m.group()) and (leader := _LEADER.match(body, end)) and any(
                "gent" in p.tag and PERSON_TAGS & p.tag.grammemes for p in names.morph.parse(leader.group(1))[:2]):
            out.append(NerSpan(start, leader.end(), "ORG", body[start:leader.end()], body[start:leader.end()]))
            continue  # "правительство А. Колчака": led by a person, not a place's (George is a town too)
        for _ in range(3 if common else 8):
            place = _PLACE_WORDS.match(body, end)
            # after "міста", "города" a town of any size, its name in any case ("прокуратура міста Ірпінь")
            city = place is not None and AFTER_CITY_WORD.search(body, max(0, place.start() - 8), place.start() + 1)
            if place and (p := names.place(place.group(1), place.group(1))) is not None and (p.kind in (
                    "country", "region") or common and (p.population >= 100_000 or city)) and (
                    not common or city or _genitive(names, place.group(1).split()[0])):
                out.append(NerSpan(start, place.end(), "ORG", body[start:place.end()], body[start:place.end()]))
                break
            word = _BODY_WORD.match(body, end)
            if word is None or common and not _genitive(names, word.group().strip()):
                break  # "полиция культуры Польши", not "суда рассказал о Москве"
            end = word.end()
        if not out or out[-1].start != start:
            portfolio = _portfolio(body, m, names)
            if portfolio is not None:
                out.append(portfolio)
    return out


#: a lower-case word after a name's last one
LOWER_WORD = re.compile(r"[ \t]+([а-яіїєґё'’-]+)(?![\w'’-])")


def _genitives_end(body: str, end: int, names: Names) -> int:
    """Where the lower-case words in the genitive from ``end`` on stop: what a body does, after the word
    for its kind ("министерство | здравоохранения", "академии | наук")."""
    while (word := LOWER_WORD.match(body, end)) and _genitive(names, word.group(1)):
        end = word.end()
    return end


def _agrees(names: Names, adjective: str, noun: str) -> bool:
    """Whether ``adjective`` can be an adjective in the case of ``noun`` (by any of their likelier readings:
    "державному" and "об'єднанню" are dative or locative)."""
    cases = {p.tag.case for p in names.morph.parse(noun)[:3] if p.tag.POS == "NOUN"}
    return any(p.tag.POS == "ADJF" and p.tag.case in cases for p in names.morph.parse(adjective)[:3])


#: adjectives that say when or whose a body is, not which: "нового", "бывшего", "нынешнего", "колишнього"
WHICH_TIME = re.compile(r"(?:нов|стар|бывш|прежн|нынешн|будущ|последн|следующ|предыдущ|тогдашн|действующ|"
                        r"колишн|нинішн|майбутн|останн|наступн|попередн|тодішн|чинн)\w*$|"
                        r"(?:иной|інший|весь|свой|свій|сам|самый|самий|такой|такий)$")


def _kind_of_body(names: Names, word: str, head: str) -> bool:
    """A lower-case adjective that tells which body a head names, agreeing with it: "переходного
    (правительства)", "духовного (управления)", "городского (совета)"; not a pronoun ("этого") or a
    quality ("нового", "бывшего")."""
    adjective, noun = names.morph.parse(word)[0], names.morph.parse(head)[0]
    return adjective.tag.POS == "ADJF" and adjective.tag.case == noun.tag.case and not (
        {"Apro", "Anum"} & adjective.tag.grammemes) and not WHICH_TIME.match(adjective.normal_form)


def _portfolio(body: str, head: re.Match, names: Names) -> NerSpan | None:
    """A ministry named by what it does, with no country after it: "министерство здравоохранения",
    "Міністерство внутрішніх справ" (the country is the text's; the words in the genitive name it)."""
    if not re.match(r"(?i)міністерств|министерств", head.group()):
        return None
    end = _genitives_end(body, head.end(), names)
    if end == head.end():
        return None
    return NerSpan(head.start(), end, "ORG", body[head.start():end], body[head.start():end])


#: the genitive name of a country after a body's (:data:`ABBREVIATION_OF_COUNTRY`, :func:`_with_its_country`)
_COUNTRY_AFTER = r"(?:України|Украины|Росії|России|РФ|Російської Федерації|Российской Федерации|Білорусі|Беларуси|США)"
#: a body by its abbreviation and its country: "НАН України", "ДКА України", "ФСИН России"
ABBREVIATION_OF_COUNTRY = re.compile(rf"(?<![\w'’«-])([А-ЯІЇЄҐ]{{2,6}})[ \t]+{_COUNTRY_AFTER}(?![\w'’-])")
#: the same after a registry body's name: "Нацгвардії" + "України"
COUNTRY_AFTER = re.compile(rf"[ \t]+({_COUNTRY_AFTER})(?![\w'’-])")


def _with_its_country(body: str, t: Typed, names: Names) -> Typed:
    """A registry body's name with its own country's after it, as one name of that body: "Нацгвардії
    України", "ДАБІ України" (the country stays a place mention of its own)."""
    if t.label != "organization" or t.entry is None or t.entry.country is None:
        return t
    m = COUNTRY_AFTER.match(body, t.span.end)
    place = names.place(m.group(1), m.group(1)) if m else None
    if place is None or place.kind != "country" or place.country != t.entry.country:
        return t
    text = body[t.span.start:m.end()]
    return replace(t, span=NerSpan(t.span.start, m.end(), t.span.label, text, text))


def _named_bodies(body: str, names: Names) -> list[NerSpan]:
    """Bodies the tagger misses in Ukrainian and Russian news: companies by legal form and quoted name,
    other bodies by the word for their kind and quoted name, courts, councils and administrations by
    level and place (a bare "обласної ради" names none; the name after it is no place when it is a
    person's: "голова Сумської ОВА Олег ...")."""
    out = [NerSpan(m.start(), m.end(), "ORG", m.group(), m.group()) for m in LEGAL_BODY.finditer(body)
           if not ARTICLE_OF_LAW.search(body, max(0, m.start() - 30), m.start())]  # "статьи 128.1 УК РФ «Клевета»"
    out += [NerSpan(m.start(), m.end(), "ORG", m.group(), m.group()) for m in CITY_COUNCIL.finditer(body)
            if _council_of_a_place(m, names) and not any(o.start <= m.start() < o.end for o in out)]
    for m in QUOTED_BODY.finditer(body):
        if not any(o.start <= m.start("name") < o.end for o in out):
            out.append(NerSpan(m.start("name"), m.end("name"), "ORG", m.group("name"), m.group("name")))
    for m in COURT_OR_COUNCIL.finditer(body):
        end = m.end()
        if m.group("tail") and (m.group("abbr") or PERSON_TAGS & names.tags(m.group("tail").split()[-1])):
            end = m.start("tail")
        if (m.group("lead") or end == m.end() and m.group("tail")) and not any(
                o.start <= m.start() < o.end for o in out):
            out.append(NerSpan(m.start(), end, "ORG", body[m.start():end], body[m.start():end]))
    out += [b for b in _state_bodies(body, names) if not any(o.start < b.end and b.start < o.end for o in out)]
    out += [NerSpan(m.start(), m.end(), "ORG", m.group(), m.group()) for m in ABBREVIATION_OF_COUNTRY.finditer(body)
            if m.group(1) not in NOT_BODIES and not any(o.start < m.end() and m.start() < o.end for o in out)]
    for b in _place_bodies(body, names):  # its quoted name inside it is part of it: "об'єднанню «Київліс»"
        crossed = [o for o in out if o.start < b.end and b.start < o.end]
        if all(b.start <= o.start and o.end <= b.end for o in crossed):
            out = [o for o in out if o not in crossed] + [b]
    return sorted(out, key=lambda x: x.start)


#: the words before a body that make a branch of it: "Черкаське територіальне відділення" (АМКУ),
#: "Головне управління" (ДСНС), "Нижегородское УФАС" ... ; the branch's region may follow the body
BRANCH_BEFORE = re.compile(
    r"(?:(?<![\w'’-])[А-ЯІЇЄҐ][\w'’-]*(?:ськ|цьк|зьк|ск|цк)\w*\s+)?"
    r"(?:(?i:обласн|територіальн|регіональн|міжрегіональн|головн|областн|территориальн|региональн|межрегиональн|"
    r"главн)\w*\s+)*"
    r"(?:(?<![\w'’-])(?i:відділенн|тервідділенн|управлінн|департамент|отделени|управлени|филиал|філі)\w*|"
    r"(?<![\w'’-])(?:ОТВ|ГУ|ТУ|УФАС))\s+$")
BRANCH_WHERE = re.compile(r"\s+(?:у|в|по)\s+(?:м\.\s?)?[А-ЯІЇЄҐ][\w'’-]+(?:\s+(?:област\w*|район\w*|края|краю))?"
                          r"(?![\w'’-])")


#: the region or city a branch serves, after its name: "у Луганській області", "в місті Києві", "по Москве",
#: "по Курской области" (a bare town after "у" or "в" is where something happened, not part of the name)
SERVES = re.compile(r"[ \t]+(?:(?:у|в)[ \t]+(?:[А-ЯІЇЄҐ][\w'’-]+[ \t]+(?:області|краї)|(?:місті|м\.)[ \t]?[А-ЯІЇЄҐ][\w'’-]+)|"
                    r"по[ \t]+[А-ЯІЇЄҐ][\w'’-]+(?:[ \t]+(?:области|краю|округу))?)(?![\w'’-])")
#: the words for a body's regional branch or office
BRANCH_KIND = re.compile(r"(?i)(?<![\w'’-])(?:інспекці|управлінн|служб|відділенн|департамент|управлени|инспекци|отделени|"
                         r"комендатур|митниц|таможн)")


#: a body's name in its own language or its abbreviation, in parentheses after its Russian or Ukrainian name:
#: "«Сеть поддержки выборов в Зимбабве» (Zimbabwe Election Support Network, ZESN)"
PARENTHESISED = re.compile(r"[»\"”]?[ \t]*\(([^()\n]{2,100})\)")
FOREIGN_NAME = re.compile(r"[A-Z][\w'’&.-]*(?:[ \t]+(?:[A-Z][\w'’&.-]*|of|for|the|and|de|du|des|la|le|les|pour|"
                          r"für|und|der|di|del|da))*|[A-ZА-ЯІЇЄҐ][A-ZА-ЯІЇЄҐ&-]+")


def _parenthesised_names(body: str, bodies: list[NerSpan], names: Names) -> list[tuple[NerSpan, NerSpan]]:
    """Other names of a body given in parentheses right after it, each a name of that body (paired with
    it): its name in Latin letters and its abbreviation. Parentheses holding anything else (a date, a
    place, a sentence; a country: "суд Сан-Франциско (США)") give none."""
    out = []
    for b in bodies:
        m = PARENTHESISED.match(body, b.end)
        if m is None:
            continue
        items = [(m.start(1) + k.start(), m.start(1) + k.end()) for k in re.finditer(r"[^,]+", m.group(1))]
        items = [(a + len(body[a:z]) - len(body[a:z].lstrip()), z - len(body[a:z]) + len(body[a:z].rstrip()))
                 for a, z in items]
        if all(FOREIGN_NAME.fullmatch(body, a, z) and names.place(body[a:z], body[a:z]) is None for a, z in items):
            out += [(NerSpan(a, z, "ORG", body[a:z], body[a:z]), b) for a, z in items]
    return out


#: a department named by what it does, before the body it belongs to: "Управління житлового господарства"
#: (Донецької міськради), "Відділ освіти" (Зміївської райдержадміністрації), "Департаменту економіки та інвестицій"
DEPARTMENT_BEFORE = re.compile(r"(?<![\w'’-])(?:Управлінн|Відділ|Департамент|Управлени|Отдел)[а-яіїєґё]{0,3}"
                               r"(?P<what>(?:[ \t]+[а-яіїєґё'’-]+){1,5})[ \t]+$")
#: the words for "and" that may join what a department does: "економіки та інвестицій"
AND = frozenset({"і", "та", "и", "й"})


def _departments(body: str, bodies: list[NerSpan], names: Names) -> list[NerSpan]:
    """A department of a body, named by the word for a department and what it does in the genitive
    right before the body's name: one body that holds the other."""
    out = []
    for b in bodies:
        m = DEPARTMENT_BEFORE.search(body, max(0, b.start - 90), b.start)
        words = m.group("what").split() if m else []
        if words and all(w in AND or _genitive(names, w) for w in words) and words[-1] not in AND:
            out.append(NerSpan(m.start(), b.end, "ORG", body[m.start():b.end], body[m.start():b.end]))
    return out


def _with_where_it_serves(body: str, span: NerSpan) -> NerSpan:
    """A regional branch's name with the region or city it serves: "Державної фінансової інспекції в
    Луганській області", "Управления по контролю за оборотом наркотиков ... по Москве"."""
    where = SERVES.match(body, span.end)
    if where is None or not BRANCH_KIND.search(span.text):
        return span
    return NerSpan(span.start, where.end(), "ORG", body[span.start:where.end()], body[span.start:where.end()])


def _branches(body: str, bodies: list[NerSpan]) -> list[NerSpan]:
    """A branch of a registry body, named by the words for a branch before it and the region after
    it, is a body of its own that holds the registry's: "Управління СБУ у Чернігівській області",
    "Львівського обласного тервідділення АМКУ"."""
    out = []
    for b in bodies:
        head = BRANCH_BEFORE.search(body, max(0, b.start - 80), b.start)
        if head is None or head.end() != b.start:
            continue
        where = BRANCH_WHERE.match(body, b.end)
        end = where.end() if where else b.end
        out.append(NerSpan(head.start(), end, "ORG", body[head.start():end], body[head.start():end]))
    return out


@dataclass(frozen=True)
class Typed:
    """A mention with what sitroom makes of it: ``label`` person / organization / location, the
    registry entry or gazetteer place it names (``place`` None for a place the gazetteer lacks)."""

    span: NerSpan
    label: str
    entry: Entry | None = None
    place: Place | None = None
    district: Entity | None = None  # a raion, named after its centre ("Белгородский район")
    #: a body whose name holds a registry body ("Главного управления МВД России по ..."): an entity of
    #: its own, but the one that speaks or acts is the registry's
    holder: bool = False
    #: the (start, end) of the name this one is another name of, given in parentheses after it
    #: ("(Zimbabwe Election Support Network, ZESN)"): one entity with it
    same_as: tuple[int, int] | None = None
    #: the entity of a military unit named by number ("47-ї окремої механізованої бригади"), when its
    #: side is known (:mod:`.units`)
    unit: Entity | None = None


def _raion(span: NerSpan, names: Names) -> Entity | None:
    """The district a "<adjective> район" names: the raion of the town the adjective is made from
    ("Белгородскому району" -> Belgorodsky District, "Бахмутського району" -> Bakhmut Raion)."""
    words = span.normal.split()
    if len(words) != 2 or not words[1].lower().startswith("район"):
        return None
    town = names.centre(words[0])
    if town is None:
        return None
    adjective = next((p.normal_form for p in names.morph.parse(words[0]) if "ADJF" in p.tag), words[0].lower())
    return _district(ru_variants(adjective, 1)[0], Entity(town.name, "location", (), id=town.id, kind=town.kind, country=town.country,
                                       admin1=town.admin1, lat=town.lat, lon=town.lon), names.kb.gazetteer)


def _of_another_place(body: str, t: Typed, bodies: list[NerSpan], names: Names) -> bool:
    """Whether a registry body's name only begins a longer body's name that ends with another place's:
    "Верховна Рада" of "Верховна Рада Автономної Республіки Крим" (Crimea's parliament, not Ukraine's: a
    government's name with a region's after it), "Министерство обороны" of "Министерство обороны
    Республики Беларусь" (a country's the registry's entry does not name). The longer body is the one
    that speaks and acts; its own country only widens the name ("Верховна Рада України")."""
    if t.label != "organization" or t.entry is None:
        return False
    for b in bodies:
        if b.start == t.span.start and b.end > t.span.end:
            tail = body[t.span.end:b.end].strip()
            place = names.place(tail, tail)
            if place is not None and place.kind in ("country", "region") and (
                    t.entry.country is None or place.country != t.entry.country
                    or place.kind == "region" and t.entry.kind == "government"):
                return True
    return False


#: one or two capitalised words after a body's name: the country it may be of ("Молдови", "Південної Кореї")
NEXT_NAMES = re.compile(r"[ \t]+([А-ЯІЇЄҐЁ][\w'’-]+)(?:[ \t]+([А-ЯІЇЄҐЁ][\w'’-]+))?")


def _of_another_country(body: str, t: Typed, names: Names) -> NerSpan | None:
    """A registry body of one country named with another country's name after it, in the genitive, as
    a body of its own: "Кабінету Міністрів Молдови" is Moldova's cabinet, not the registry's Government
    of Ukraine, though the registry knows "Кабінет Міністрів" as Ukraine's."""
    if t.label != "organization" or t.entry is None or t.entry.country is None or not (
            m := NEXT_NAMES.match(body, t.span.end)):
        return None
    for end in ([m.end(2)] if m.group(2) else []) + [m.end(1)]:
        name = body[m.start(1):end]
        place = names.place(name, name)
        if place is None or place.kind != "country":
            continue
        last = name.split()[-1]
        if place.country == t.entry.country or not (last.isupper() or any(
                p.tag.case == "gent" for p in names.morph.parse(last))):
            return None
        return NerSpan(t.span.start, end, "ORG", body[t.span.start:end], body[t.span.start:end])
    return None


def _body_or_region(span: NerSpan, entry: Entry, body: str, names: Names) -> Typed:
    """A registry body that is also a region ("Донецкая Народная Республика") is the region where a
    place is told: after a preposition of place or a settlement's name ("Новоселовка Донецкой
    Народной Республики"); elsewhere it is the body that speaks or acts."""
    region = next((p for p in names.places(span.text, span.normal) if p.kind == "region"), None)
    if region is not None:
        before = re.search(r"([А-ЯІЇЄҐ][\w'’-]+)\s+$", body[max(0, span.start - 40):span.start])
        settled = before is not None and (p := names.place(before.group(1), before.group(1))) is not None and \
            p.kind in SETTLEMENT_KINDS
        if settled or PLACE_CUE.search(body, max(0, span.start - 30), span.start):
            return Typed(span, "location", place=region)
    return Typed(span, entry.label, entry=entry)


def typed_mentions(article: Article, kb: KB) -> list[Typed]:
    """Every name of a Russian or Ukrainian body, typed and resolved: registry names in any case,
    then NER spans (and, in Ukrainian, names the dictionary reads as people), bodies found by the words
    for their kind, the places inside bodies' names, places NER missed, settlements named after a word
    for one, and streets and addresses (places on no map)."""
    body = article.body or ""
    parsed: Parsed = article.parsed
    names = Names.of(kb, article.language or "ru")
    out = [_with_its_country(body, _body_or_region(NerSpan(a, b, "", body[a:b], body[a:b]), e, body, names), names)
           for a, b, e in registry_mentions(body, kb, names)]
    out += [t for t in _quoted_units(body, names) if not any(o.span.start < t.span.end and t.span.start < o.span.end
                                                             for o in out)]
    taken = [t.span for t in out]
    starts, sentences = _openers(body, parsed), {sent.start for sent in parsed.sentences}
    spans = _spans(body, parsed, names, starts)
    if names.language == "uk":  # natasha's tagger knows Russian names; its Ukrainian ones need checking
        spans = _clean_people(spans, body, names)
        spans += [p for p in _people(body, parsed, names) if not any(x.start < p.end and p.start < x.end for x in spans)]
    registry_bodies = [t.span for t in out if t.label == "organization"]

    def free(x: NerSpan) -> bool:
        """Overlaps no registry name, or is a body whose name holds registry bodies and cuts none."""
        crossed = [t for t in taken if t.start < x.end and x.start < t.end]
        return not crossed or x.label == "ORG" and all(
            t in registry_bodies and x.start <= t.start and t.end <= x.end and x.end - x.start > t.end - t.start
            for t in crossed)

    served = [s for t in registry_bodies if (s := _with_where_it_serves(body, t)) is not t]

    def holds(b: NerSpan) -> bool:
        """Whether ``b`` holds every registry name it crosses ("правительство Медведева": the person
        inside stays one)."""
        return all(b.start <= t.start and t.end <= b.end and b.end - b.start > t.end - t.start
                   for t in taken if t.start < b.end and b.start < t.end)

    bodies = [b for b in _named_bodies(body, names) + _branches(body, registry_bodies) + served if free(b) or holds(b)]
    bodies += [d for d in _departments(body, bodies + registry_bodies, names) if holds(d)]
    others = {id(t): b for t in out if (b := _of_another_country(body, t, names)) is not None}
    bodies += [b for b in others.values() if not any(x.start <= b.start and b.end <= x.end for x in bodies)]
    out = [t for t in out if id(t) not in others and not _of_another_place(body, t, bodies, names)]
    # a registry name that is an ordinary word opening a longer body's name is that name's first word:
    # "Агентство по охране окружающей среды США" holds no outlet called "Агентство"
    out = [t for t in out if not (" " not in t.span.text and _common(names, t.span.text) and any(
        b.start == t.span.start and b.end > t.span.end for b in bodies))]
    taken = [t.span for t in out]
    registry_bodies = [t.span for t in out if t.label == "organization"]
    # a place inside a body's name stays a place mention ("суду Одеської області"); a tagger's shorter
    # body or person inside it goes, and so does its place that takes in the word for the body's kind
    led = [b for b in bodies if LED_HEAD.match(b.text)]  # the person who leads it is a person mention too
    spans = [x for x in spans if x.label == "LOC" and not any((b.start, b.end) == (x.start, x.end) or (
        b.start <= x.start and x.end <= b.end and KIND_OF_COURT_OR_COUNCIL.search(x.text)) for b in bodies)
             or x.label == "PER" and any(b.start <= x.start and x.end <= b.end for b in led) or not any(
        b.start <= x.start and x.end <= b.end for b in bodies)]  # (a tagger's place that is the whole body goes)
    spans += bodies
    found_bodies = {id(b) for b in bodies}  # by the words for their kind, not the tagger's guess
    spans = [_with_where_it_serves(body, x) if x.label == "ORG" else x for x in spans
             if free(x) or id(x) in found_bodies and holds(x)]
    named = _parenthesised_names(body, [x for x in spans if x.label == "ORG"] + registry_bodies, names)
    aliases = [a for a, _ in named]
    alias_of = {id(a): (b.start, b.end) for a, b in named}
    spans = [x for x in spans if not any(a.start <= x.start and x.end <= a.end for a in aliases)] + aliases
    holders = {id(x) for x in spans if any(t.start < x.end and x.start < t.end for t in taken)}
    orgs = [x for x in spans if x.label == "ORG"] + [t.span for t in out if t.label == "organization"]
    spans += _places_in_bodies(body, orgs, [x for x in spans + taken if x.label != "ORG" and
                                             not any(t.span is x and t.label == "organization" for t in out)], names)
    unspanned = _unspanned_places(body, parsed, spans + taken, names, starts)
    spans = [x for x in spans if not (x.label in ("LOC", "PER") and any(  # "Кривий" of "Кривий Ріг", which the tagger broke up
        u.start <= x.start and x.end <= u.end and u.end - u.start > x.end - x.start for u in unspanned))]
    spans = sorted(spans + unspanned, key=lambda x: x.start)
    towns = _settlements(body, [*taken, *(x for x in spans if x.label == "ORG")], names)
    spans = [x for x in spans if x.label == "ORG" or not any(t.start < x.end and x.start < t.end for t in towns)] + towns
    spans += [d for d in _districts_of_towns(body, towns) if not any(x.start < d.end and d.start < x.end for x in spans)]
    waters = _waters(body, names)  # seas, rivers and spits the gazetteer knows, by their whole names
    water_spans = [w for w, _ in waters]
    addresses = [a for a in _addresses(body, names) + _natural_features(body)
                 if not any(w.start < a.end and a.start < w.end for w in water_spans)]
    units = {NerSpan(u.start, u.end, UNIT, u.text, u.text): u for u in find_units(body)}
    covering = addresses + list(units)
    out = [t for t in out if not any(a.start <= t.span.start < a.end for a in covering)
           and not any(w.start < t.span.end and t.span.start < w.end for w in water_spans)]
    spans = [x for x in spans if not any(a.start <= x.start < a.end for a in covering) and (
        x.label == "ORG" and not any(w.start <= x.start and x.end <= w.end for w in water_spans)
        or not any(w.start < x.end and x.start < w.end for w in water_spans))]  # "Запорожская АЭС": a plant, no body
    out += [Typed(a, "location") for a in addresses]
    out += [Typed(w, "location", place=place) for w, place in waters]
    out += [Typed(span, "organization", unit=unit_entity(u, kb.registry)) for span, u in units.items()]
    for span in spans:
        label = NER_LABELS.get(span.label)
        if label is None or " " not in span.text and names.morph.parse(span.text)[0].normal_form in MEDIUMS | FEASTS:
            continue
        entry = names.entry(span.text, span.normal)
        if entry is None and label == "organization":
            entry = _home_body(span, names, article, out)  # "Минобороны", "в Генштабе": whose, by the article
        place = names.place(span.text, span.normal) if (entry is None or entry.label == "location") and not _quoted(
            body, span.start) else None
        if entry is None and place is None and label == "location" and " " not in span.text:
            entry = _home_body(span, names, article, out)  # "в Генштабі", which the tagger read as a place
        if entry is None and place is None and label == "location" and (seat := _seat(span, names)) is not None and \
                names.place(span.text, span.normal) is None:
            label, entry = "organization", seat  # "Кремль объявил": the seat of a government on no map is the government
        front = AREA_AFTER.match(body, span.end) and (centre := names.centre(span.text)) is not None
        if front:
            label, entry, place = "location", None, centre  # "на Покровському напрямку": the front at Pokrovsk
        if (place is not None or label == "location") and entry is None and span not in towns and not front and \
                _adjective_of_next_noun(body, span, place, names):
            continue  # "Медове місто", "Військова прокуратура", "Полярну зірку": not the village of Medova
        if label == "location" and entry is None and span not in towns and IN_HONOUR_OF.search(
                body, max(0, span.start - 24), span.start) and not any(
                b.start <= span.start and span.end <= b.end for b in bodies):
            label, place = "person", None  # "имени Петра Чайковского", "института имени А. С. Пушкина": a person
        if label == "location" and entry is None and place is not None and span.start not in starts and \
                " " not in span.text and _small_abroad(place) and place.kind not in ("continent", *FEATURE_KINDS) \
                and _common(names, span.text) and not _place_cued(body, span.start) \
                and not COMPASS_BEFORE.search(body, max(0, span.start - 40), span.start):
            continue  # "Герой Социалистического Труда": an ordinary word capitalised in a title, not Gera
        if label == "location" and place is None and entry is None and span not in towns and _institution(span.text, names):
            label = "organization"  # "в Міністерстві", "рахунок в Ощадбанку", "Донецького опікового центру"
        if place is None and (district := _raion(span, names)) is not None:
            out.append(Typed(span, "location", district=district))
            continue
        if label == "location" and place is None and entry is not None:
            label = entry.label                                      # "Генштаб" read as a place
        elif label == "location" and place is None and entry is None and names.language == "uk" and \
                span not in towns and _person_name(span.text, names):
            label = "person"  # "Ганною Іванівною", "Наталочки": the Russian tagger's places in Ukrainian fiction
        elif label == "location" and place is not None and entry is None and names.language == "uk" and \
                span not in towns and " " not in span.text and (
                    place.kind not in ("country", "region", "city") and place.population < 10_000
                    or _small_abroad(place)) and \
                "Name" in names.morph.parse(span.text)[0].tag:
            label, place = "person", None  # "від Марини", "Денисові": a given name, though a village bears it;
            # "проти Катерини": Catherine, not Katerini in Greece (abroad, only a capital's name: "у Софії")
        elif label == "person" and place is not None and entry is None and " " not in span.text and \
                "Name" not in names.tags(span.text) and (
                    place.kind == "city" and place.population >= 100_000 and _place_cued(body, span.start)
                    or _in_place(body, span, place, names)):
            label = "location"      # "у Лондоні", "в рідному Харкові", "зі Львова": a city, though a surname too
            # (not a given name: "до Наталі" is Natalia, not Natal); "у Бахмачі", "в сусідньому Торезі": a town
        elif label != "location" and place is not None and entry is None and (
                place.kind in ("country", "region") or place.country in HOME) and (
                label == "person" and len(span.text.split()) == 1 and (
                    not PERSON_TAGS & names.tags(span.text) and (
                        place.kind in ("country", "region") or place.population >= 100_000 or "Geox" in names.tags(span.text)
                        or PLACE_CUE.search(body, max(0, span.start - 30), span.start))
                    or place.kind in ("city", "region") and PLACE_CUE.search(body, max(0, span.start - 30), span.start))
                or label == "person" and " " in span.text and place.country in HOME and PLACE_CUE.search(
                    body, max(0, span.start - 30), span.start)  # "у Часова Яра": a town of two words
                or label == "organization" and not ORG_HEAD_LAST.search(span.text) and not _institution(span.text, names)):
            label = "location"      # Ukrainian "Роботиного" read as a person; not "Monsanto", a company; not
            # "Красной армии", a body the words for its kind end, though villages bear the name
        if label == "person" and entry is None and body[span.start - 1:span.start] == "«" and \
                body[span.end:span.end + 1] == "»" and (not PERSON_TAGS & names.tags(span.text) or re.search(
                    r"(?i)(?:типу|типа|марки|комплекс\w*|систем\w*|ракет\w*|дрон\w*|бпла|беспилотник\w*|"
                    r"безпілотник\w*)\s+«$", body[max(0, span.start - 30):span.start])):
            continue  # «Шахед», «Ураган»: a weapon's or a product's name
        if label == "organization" and entry is None and span.start in starts and any(
                t.label == "organization" and t.entry is not None and span.start < t.span.start and t.span.end == span.end
                and len(lead := body[span.start:t.span.start].split()) == 1 and _common(names, lead[0])
                and not (STATE_HEAD.match(lead[0]) or COMMON_HEAD.match(lead[0]) or DEPARTMENT_BEFORE.match(lead[0]))
                for t in out):
            continue  # "Підрозділи угруповання «Центр»": an ordinary word opening the sentence before a registry body
        if label == "organization" and entry is None and id(span) not in found_bodies and (
                _heading(span.text, names) or span.text.lower() == span.text and " " in span.text and not (
                    COMMON_HEAD.match(span.text) or STATE_HEAD.match(span.text.capitalize()))):
            continue  # "ЗАГАЛЬНІ ПОЛОЖЕННЯ", a heading in capitals; "смертю мами", words with no capital at all
        if label == "organization" and entry is None and WORK_BEFORE.search(body, max(0, span.start - 120),
                                                                                  span.start):
            continue  # «Цирк», «Огни большого города»: the titles of films, songs and books
        if label == "location" and place is None and entry is None and span.start in starts and all(
                _common(names, w) for w in re.findall(r"[^\W\d_][\w'’-]*", span.text)):
            continue  # "Посеред", "Загальна площа": ordinary words opening a sentence, taken for a place
        if label == "location" and entry is None and span.start in starts and " " not in span.text and any(
                p.tag.POS in NOT_NAMES for p in names.morph.parse(span.text)[:4 if names.language == "uk" else 1]):
            continue  # "Зараз", "Зранку": a word that is no noun opening a sentence, though a village has its name
        if label == "location" and entry is None and place is not None and span.start in starts and " " not in span.text \
                and _common(names, span.text) and (
                    not SETTLEMENT_BEFORE.search(body, max(0, span.start - 16), span.start)
                    and (place.population < 10_000 or not names.spelled(span.text, place))
                    or place.population < 10_000 and not names.spelled(span.text, place)):
            continue  # "Бійці" ("fighters"), "Війська" ("troops") opening a sentence: a place only by a romanisation
            # of its lemma (a village abroad, Biysk); "Куля", "Вікна" ("bullet", "windows"): an ordinary word, not the
            # village of that name, unless the sentence the tokeniser saw begins after "с." or "смт."
        if label == "location" and entry is None and place is not None and span.start in starts and " " not in span.text \
                and _small_abroad(place) and _common(names, span.text):
            continue  # "Біль вщухав" ("the pain eased"), not Biel in Switzerland: abroad, only a country or a city
            # of millions ("Прага") opening a sentence is likelier than the ordinary word it spells
        if label == "location" and entry is None and span not in towns and " " not in span.text and (
                place is None or place.population < 100_000 and place.kind in SETTLEMENT_KINDS) and \
                _says_or_thinks(body, span.end, names):
            label, place = "person", None  # "Калязін відповів": a town's namesake who answers is a person (a
            # capital that answers is its government: "Київ відповів", a metonym of the claims)
        if label == "person" and entry is None and span.start in starts and " " not in span.text and any(
                p.tag.POS in NOT_NAMES for p in names.morph.parse(span.text)[:4 if names.language == "uk" else 1]):
            # "Вона" ("she") opening a sentence: the Ukrainian dictionary reads it as a surname first, so
            # any of its readings counts there; the Russian one guesses odd readings for foreign names
            continue
        if label == "organization" and entry is None and (
                span.text in NOT_BODIES | COMMON_ABBREVIATIONS or span.start in sentences and (
                id(span) not in found_bodies) and not any(0 < a.start - span.end <= 4 for a in aliases) and not any(
                w.lstrip("«\"„“(")[:1].isupper() for w in span.text.split()[1:])):
            continue  # "Подразделения группировки войск": common nouns capitalised by the sentence; "СМИ", "ПІБ"
        out.append(Typed(span, label, entry if label != "location" else None, place if label == "location" else None,
                         holder=id(span) in holders, same_as=alias_of.get(id(span))))
    out = [t for t in out if not _where_posted(body, t)]
    out = [replace(t, label="location", entry=None, place=None) if t.span.text in FORMER_STATES else t for t in out]
    former = [NerSpan(m.start(), m.end(), "LOC", m.group(), m.group()) for m in FORMER_STATE_NAME.finditer(body)
              if not HERO_OF.search(body, max(0, m.start() - 12), m.start())]  # "Героїв Радянського Союзу": a title
    out = [t for t in out if not any(f.start < t.span.end and t.span.start < f.end for f in former)]
    out += [Typed(f, "location") for f in former]  # a state on no map of today's
    out += [Typed(NerSpan(m.start(), m.end(), "LOC", m.group(), m.group()), "location") for m in ABBREVIATION.finditer(body)
            if m.group() in FORMER_STATES and not any(t.span.start < m.end() and m.start() < t.span.end for t in out)]
    out += [Typed(a, "organization") for a in _abbreviated_bodies(body, [t.span for t in out] + covering, names)]
    out = _laws(body, _with_compass(body, _listed_places(body, _echoes(body, out), names), names))
    out = _one_sense(body, out, names)
    return _in_context(sorted(out, key=lambda t: t.span.start), body, parsed, names)


#: a name of two or more words that ends in a lower-case noun, the kind of body it is ("Красной армии",
#: "Коммунистической партии"); a settlement's name capitalises each word ("Часов Яр", "Нова Каховка")
ORG_HEAD_LAST = re.compile(r"\s[а-яіїєґё][а-яіїєґё'’-]+$")


#: the lemmas of the nouns that name an institution, not a place, though a tagger reads "в Міністерстві" as one;
#: a bank by the end of its name ("Ощадбанк", "Сбербанк"), a state agency by its start ("Держпідприємництво")
INSTITUTION_NOUN = re.compile(r"(?:міністерство|министерство|\w*банк|центр|гарнізон|гарнизон|інститут|институт|"
                              r"університет|университет|академія|академия|політехніка|политехника|коледж|колледж|"
                              r"комбінат|комбинат|компанія|компания|агентство|служба|управління|управление|"
                              r"департамент|комітет|комитет|штаб|суд|"
                              r"держ(?!ав)\w+|гос(?!т|под|удар)\w+)")  # not "держава", "гость"


def _institution(text: str, names: Names) -> bool:
    """Whether a name is an institution's by its head noun: its last word, or its one word."""
    head = text.split()[-1]
    return any(p.tag.POS == "NOUN" and INSTITUTION_NOUN.fullmatch(p.normal_form) for p in names.morph.parse(head)[:2])


#: the words that name what is named after someone, before the person's name and initials: "имени Петра",
#: "імені Т. Г.", "им. А. С."
IN_HONOUR_OF = re.compile(r"(?<![\w'’-])(?i:имени|імені|им\.|ім\.)[ \t]*(?:[А-ЯІЇЄҐЁ][\w'’-]*\.?[ \t]*){0,3}$")


#: a name in «» quotes, with no quote inside
QUOTED = re.compile(r"«(?P<name>[^«»\n]{2,80})»")
#: a case ending of the last word ("Онур", "Онуру", "Онуром"; "Укргеоекологія", "Укргеоекології")
_ENDING = re.compile(r"[а-яіїєґё]{0,3}")


def _same_name(known: str, seen: str) -> bool:
    """Whether ``seen`` is ``known`` or another case of it: all but a short lower-case ending the same."""
    if known == seen:
        return True
    common = len(os.path.commonprefix([known, seen]))
    return (common >= 4 and " " not in known[common:] + seen[common:]
            and bool(_ENDING.fullmatch(known[common:])) and bool(_ENDING.fullmatch(seen[common:])))


def _echoes(body: str, typed: list[Typed]) -> list[Typed]:
    """A company's quoted name, once a text has named it as a body ("ТОВ «Трансфербутик»", "фірма
    «Онур»"), names the same body wherever else it stands in quotes, in any case: "«Трансфербутик»
    мав право", "роботи «Онуру»". Such a mention the tagger took for a person becomes the body;
    one that another name covers stays as it is."""
    known = {m.group("name") for t in typed if t.label == "organization" and t.entry is None
             for m in QUOTED.finditer(body, max(0, t.span.start - 1), t.span.end + 1)}
    known |= {t.span.text for t in typed if t.label == "organization" and t.entry is None
              and body[t.span.start - 1:t.span.start] == "«" and body[t.span.end:t.span.end + 1] == "»"}
    if not known:
        return typed
    at = {(t.span.start, t.span.end): k for k, t in enumerate(typed)}
    out = list(typed)
    for m in QUOTED.finditer(body):
        start, end, seen = m.start("name"), m.end("name"), m.group("name")
        if not any(_same_name(k, seen) for k in known):
            continue
        if (k := at.get((start, end))) is not None:
            if out[k].label == "person" and out[k].entry is None:
                out[k] = replace(out[k], label="organization")
            continue
        if any(t.span.start < end and start < t.span.end for t in out):
            continue
        out.append(Typed(NerSpan(start, end, "ORG", seen, seen), "organization"))
    return out


#: what stands between two names of one list: a comma or a conjunction, and the preposition again
#: ("у Рівному, Луцьку і в Києві")
LIST_GAP = re.compile(r"(?:[ \t]*,[ \t]*(?:(?:і|й|та|и)[ \t]+)?|[ \t]+(?:і|й|та|и|або|чи|или)[ \t]+)"
                      r"(?:(?:в|у|во|на|до|из|із|з|зі|от|від)[ \t]+)?")


def _listed_places(body: str, typed: list[Typed], names: Names) -> list[Typed]:
    """A one-word name the tagger took for a person, listed with places the gazetteer knows, is the
    place the gazetteer knows by that name ("у Рівному, Луцьку, Полтаві", "в Москві, Парижі,
    Вашингтоні"). The list is followed both ways, so a run of such names turns together."""
    out = sorted(typed, key=lambda t: t.span.start)
    turned = True
    while turned:
        turned = False
        for k, t in enumerate(out):
            if t.label != "person" or t.entry is not None or " " in t.span.text:
                continue
            listed = any(n.label == "location" and n.place is not None and LIST_GAP.fullmatch(
                body, *sorted((min(n.span.end, t.span.end), max(n.span.start, t.span.start))))
                for n in out[max(0, k - 1):k] + out[k + 1:k + 2])
            if listed and (place := names.place(t.span.text, t.span.normal)) is not None:
                out[k], turned = replace(t, label="location", place=place), True
    return out


#: a country as the genitive after the name of one of its laws
_LAWGIVER = (r"(?:України|Украины|Росії|России|РФ|Російської Федерації|Российской Федерации|Республіки Білорусь|"
             r"Республики Беларусь|Білорусі|Беларуси)")
#: "law" in its cases (not "законодавства", legislation)
_LAW_WORD = r"закон(?:а|у|ом|і|е|ы|ів|ов|ам|ами|ах)?(?![\w'’-])"
#: a law by its name, as far as the title in «» quotes that may follow: a code or the constitution of a
#: country ("Кримінального кодексу України", "Конституции РФ"), a law or a decree of one ("Закону України
#: «Про місцеве самоврядування»"), a law by its title alone ("закон «Об оружии»"), a code by its
#: abbreviation ("КК України", "УК РФ": never "СК", the Investigative Committee)
LAW = re.compile(
    rf"(?<![\w'’-])(?:(?:[А-ЯІЇЄҐ][а-яіїєґё'’-]+[ \t]+)?(?i:кодекс\w*|конституці\w*|конституци\w*)[ \t]+{_LAWGIVER}"
    rf"|(?i:{_LAW_WORD}|указ\w*|декрет\w*)[ \t]+{_LAWGIVER}(?:[ \t]*«[^«»\n]{{3,200}}»)?"
    rf"|(?i:{_LAW_WORD})[ \t]*«[^«»\n]{{3,200}}»"
    rf"|(?i:КК|ЦК|УК|ГК|КпАП|КоАП|КУпАП|ГПК|ЦПК|КПК|УПК|АПК|НК|ТК|ЗК|БК|ЖК|КАС)[ \t]+{_LAWGIVER}"
    rf"|(?-i:КУпАП|КпАП|КоАП|КЗпП|ПКУ|ККУ|ЦКУ))(?![\w'’-])")


def _laws(body: str, typed: list[Typed]) -> list[Typed]:
    """The names of laws (label ``law``, no entity of their own) and the mentions they leave: no body
    or person is named by a law's head words ("Закону України", read as a body), though a body or a
    person its quoted title names stays; the country that gave it stays a place mention, as inside a
    body's name."""
    laws = [NerSpan(m.start(), m.end(), "LAW", m.group(), m.group()) for m in LAW.finditer(body)]
    if not laws:
        return typed
    # a law's head words: all of its name up to the quoted title, if it has one
    heads = [(law.start, law.start + law.text.index("«") if "«" in law.text else law.end) for law in laws]
    kept = [t for t in typed if t.label == "location" or not any(a < t.span.end and t.span.start < b for a, b in heads)]
    return kept + [Typed(law, "law") for law in laws]


#: a capitalised point of the compass, or "central", "near", "far", standing before a place's name as
#: part of a region's name ("Східної Європи", "Південній Африці", "Центральной Азии", "Ближнего Востока",
#: "Північно-Західної України")
COMPASS_BEFORE = re.compile(
    r"(?<![\w'’-])(?:(?:Північн|Південн|Східн|Західн|Центральн)о-|(?:Северо|Юго|Центрально)-)?"
    r"(?:Північн|Південн|Східн|Західн|Центральн|Близьк|Далек|Северн|Южн|Восточн|Западн|Ближн|Дальн)"
    r"[а-яіїєё]{1,3}[ \t]+$")


def _with_compass(body: str, typed: list[Typed], names: Names) -> list[Typed]:
    """A place's name widened over the compass word before it that agrees with it: "Східної Європи",
    "Південного Бугу" are one name each, of the region (or the place the whole names, if the gazetteer
    knows it: "Південна Африка"), not "Європи" after an adjective. A mention the tagger made of the
    adjective alone goes."""
    out, widened = list(typed), []
    for k, t in enumerate(out):
        if t.label != "location" or not t.span.text[:1].isupper():
            continue
        m = COMPASS_BEFORE.search(body, max(0, t.span.start - 40), t.span.start)
        if m is None:
            continue
        cases = {p.tag.case for p in names.morph.parse(t.span.text.split()[0]) if p.tag.POS == "NOUN"}
        if not any(p.tag.POS == "ADJF" and p.tag.case in cases for p in names.morph.parse(m.group().split("-")[-1].strip())):
            continue  # "на Південному мікрорайоні Запоріжжя" names no southern Zaporizhzhia
        text = body[m.start():t.span.end]
        span = NerSpan(m.start(), t.span.end, t.span.label, text, text)
        whole = names.place(text, text)
        out[k] = replace(t, span=span, place=whole if whole is not None and whole.kind != "city" else t.place)
        widened.append(span)
    return [t for t in out if not any(w.start <= t.span.start and t.span.end <= w.end and w != t.span for w in widened)]


#: what puts a name in a place, not beside a person: "в", "у", "біля", "под", "село", "город" ...
WHERE_CUE = re.compile(r"(?i)(?<!\w)(?:в|у|во|на|зі|изо|біля|поблизу|вблизи|под|під|около|сел[оаіуе]|селом|селищ\w*|"
                       r"поселк\w+|посёлк\w+|міст[оаіу]|містом|город\w*|район\w*|м\.|г\.|с\.)\s+$")


def _one_sense(body: str, typed: list[Typed], names: Names) -> list[Typed]:
    """A one-word name the text gives a person elsewhere is that person here too, unless a word of place
    stands right before it or it is listed with places: "Калязін" who answers is the man called
    "Калязіна" later, not the Russian town; "війська Хмельницького" after "Богдан Хмельницький" are the
    hetman's, not the city's. A name means one thing in one text. A country's or a region's never
    turns, nor a city of 100,000 after a bare surname ("Львова" beside a Mr Lvov)."""
    people = [(names.morph.parse(t.span.text.split()[-1])[0].normal_form, " " in t.span.text)
              for t in typed if t.label == "person"]
    if not people:
        return typed
    named = {lemma for lemma, _ in people}
    full = {lemma for lemma, whole in people if whole}
    places = sorted((t for t in typed if t.label == "location"), key=lambda t: t.span.start)

    def listed(t: Typed) -> bool:  # "Хмельницької, Тернопільської та Чернівецької областей"
        return any(n is not t and LIST_GAP.fullmatch(
            body, *sorted((min(n.span.end, t.span.end), max(n.span.start, t.span.start)))) for n in places)

    out = []
    for t in typed:
        if t.label == "location" and t.entry is None and " " not in t.span.text and not re.search(r"\d", t.span.text) and (
                t.place is None or t.place.kind not in ("country", "region", "continent")) and \
                (lemma := names.morph.parse(t.span.text)[0].normal_form) in named and \
                (t.place is None or t.place.population < 100_000 or lemma in full) and \
                not WHERE_CUE.search(body, max(0, t.span.start - 12), t.span.start) and \
                not AREA_AFTER.match(body, t.span.end) and not listed(t):
            t = replace(t, label="person", place=None)
        out.append(t)
    return out


def _in_context(typed: list[Typed], body: str, parsed: Parsed, names: Names) -> list[Typed]:
    """Namesakes chosen by the places named with them: a settlement whose likeliest namesake lies in
    none of the oblasts the sentence (else the article) names or places its other settlements in,
    while another namesake does, is that one ("Новоолександрівка" beside Myrnohrad and Pokrovsk is
    the village of Donetsk Oblast; "Петропавловка Харьковской области" the village of Kharkiv Oblast)."""
    located = [t for t in typed if t.label == "location" and t.place is not None and t.place.country in HOME]

    def oblasts(ts: list[Typed], skip: Typed) -> set[str]:
        return {t.place.name if t.place.kind == "region" else t.place.admin1 for t in ts
                if t is not skip and t.place.kind != "country"} - {None}

    out = []
    for t in typed:
        if t in located and t.place.kind in SETTLEMENT_KINDS and not AREA_AFTER.match(body, t.span.end):
            sent = parsed.sentence_at(t.span.start)
            near = [x for x in located if sent is not None and sent.start <= x.span.start < sent.end]
            for context in (oblasts(near, t), oblasts(located, t)):
                if not context or t.place.admin1 in context:
                    break
                other = next((p for p in names.places(t.span.text, t.span.normal)
                              if p.kind in SETTLEMENT_KINDS and p.admin1 in context), None)
                if other is not None:
                    t = replace(t, place=other)
                    break
        out.append(t)
    return out


#: words after which a name stands in the genitive: "по словам", "за словами", "со слов", "по данным",
#: "на думку", "от имени" ... ("по словам Лапина": Lapin's, not Ms Lapina's)
GENITIVE_BEFORE = re.compile(r"(?i)(?<!\w)(?:по\s+словам|за\s+словами|со\s+слов|зі\s+слів|по\s+данным|за\s+даними|"
                             r"по\s+мнению|на\s+думку|по\s+информации|за\s+інформацією|от\s+имени|від\s+імені|"
                             r"по\s+оценке|по\s+оценкам|за\s+оцінкою|за\s+оцінками)\s+$")


def find_entities(article: Article, kb: KB) -> tuple[list[Entity], list[Actor]]:
    names = Names.of(kb, article.language or "ru")
    found: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    info: dict[tuple[str, str], dict] = {}
    actors: list[Actor] = []
    keys: dict[tuple[int, int], tuple[str, str]] = {}     # each mention's entity, by its span
    aliases: list[tuple[tuple[str, str], tuple[int, int]]] = []
    body = article.body or ""
    for typed in typed_mentions(article, kb):
        span, label, entry, place = typed.span, typed.label, typed.entry, typed.place
        if label == "law":
            continue
        mention = Mention(span.text, Span(span.start, span.end))
        if span.label == UNIT:
            if typed.unit is None:
                continue                                             # whose unit, the text does not say
            key = ("organization", typed.unit.canonical)
            info[key] = {"canonical": typed.unit.canonical, "kind": typed.unit.kind, "country": typed.unit.country,
                         "side": typed.unit.side}
            actors.append(Actor(mention.span, typed.unit.canonical, "organization", side=typed.unit.side))
        elif typed.district is not None:
            d = typed.district
            key = ("location", d.canonical)
            info[key] = {"canonical": d.canonical, "kind": d.kind, "country": d.country, "admin1": d.admin1,
                         "lat": d.lat, "lon": d.lon}
        elif label == "location":
            if place is None:
                continue                                             # an unknown place: on no map
            key = ("location", place.id)
            info[key] = {"canonical": place.name, "id": place.id, "kind": place.kind, "country": place.country or None,
                         "admin1": place.admin1, "lat": place.lat, "lon": place.lon}
        elif entry is not None:
            key = (entry.label, entry.canonical)
            info[key] = {"canonical": entry.canonical, "kind": entry.kind, "country": entry.country,
                         "role": entry.role, "side": entry.side}
            if not typed.holder:
                actors.append(Actor(mention.span, entry.canonical, entry.label, side=entry.side, role=entry.role))
        else:
            name = " ".join(span.normal.split())
            if label == "person":
                genitive = GENITIVE_BEFORE.search(body, max(0, span.start - 30), span.start)
                name = names.person_name(name, "gent" if genitive else None)
            elif label == "organization":  # one body in every case: "Мелітопольської міської ради", "... рада"
                name = names.body_name(name)
            key = (label, name)
            info[key] = {"canonical": name}
            if not typed.holder:
                actors.append(Actor(mention.span, name, label))
        found[key].append(mention)
        keys[(span.start, span.end)] = key
        if typed.same_as is not None:
            aliases.append((key, typed.same_as))
    same = _same_bodies(aliases, keys, info)
    same |= _case_forms([k for k in found if k not in same and k not in same.values()], found, info, names)
    for short, full in same.items():
        found[full].extend(found.pop(short))
    short_names = _short_names(list(found), found, names)
    for short, full in short_names.items():
        found[full].extend(found.pop(short))
    same |= short_names
    actors = [replace(a, canonical=same[(a.label, a.canonical)][1]) if (a.label, a.canonical) in same else a
              for a in actors]
    entities = [Entity(label=key[0], mentions=tuple(sorted(found[key], key=lambda m: m.span.start)), **info[key])
                for key in found]
    return entities, actors


def _same_bodies(aliases: list[tuple[tuple[str, str], tuple[int, int]]], keys: dict[tuple[int, int], tuple[str, str]],
                 info: dict[tuple[str, str], dict]) -> dict[tuple[str, str], tuple[str, str]]:
    """The entity each other name in parentheses joins: its body's, or the registry's when only the
    other name is in the registry ("Фонд борьбы с коррупцией (ФБК)")."""
    same: dict[tuple[str, str], tuple[str, str]] = {}
    for alias, at in aliases:
        body = keys.get(at)
        if body is None or body == alias or body in same or alias in same:
            continue
        known = {k for k in (alias, body) if "role" in info[k]}  # a registry body's key carries its role
        target = known.pop() if len(known) == 1 else body
        same[alias if target == body else body] = target
    return same


def _gender(names: Names, word: str) -> str | None:
    """The gender of a given name by its likeliest reading in the nominative, if it has one."""
    return next((g for p in names.morph.parse(word) if "Name" in p.tag and "nomn" in p.tag
                 for g in ("masc", "femn") if g in p.tag), None)


def _case_forms(keys: list[tuple[str, str]], found: dict[tuple[str, str], list[Mention]], info: dict[tuple[str, str], dict],
                names: Names) -> dict[tuple[str, str], tuple[str, str]]:
    """A person's full name in cases the dictionary could not all put in the nominative ("Алан
    Гарсия", "Алана Гарсии"; "Лиам Хоулетт", "Лиамом Хоулеттом") is one person: names whose words are
    each one word but for a short ending join the one named most often (the registry's, if one is).
    Not a man's and a woman's nominatives ("Олександр Іванов", "Олександра Іванова")."""
    people = [k for k in keys if k[0] == "person" and " " in k[1]]
    words = {k: found[k][0].text.split() for k in people}
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for a, b in ((a, b) for i, a in enumerate(people) for b in people[i + 1:]):
        if a in out or b in out or len(words[a]) != len(words[b]) or not all(
                _same_name(x, y) for x, y in zip(words[a], words[b], strict=True)):
            continue
        genders = {_gender(names, words[a][0]), _gender(names, words[b][0])}
        if genders == {"masc", "femn"}:
            continue
        target, other = sorted((a, b), key=lambda k: ("role" not in info[k], -len(found[k]), found[k][0].span.start))
        out[other] = target
    return out


def _short_names(keys: list[tuple[str, str]], found: dict[tuple[str, str], list[Mention]],
                 names: Names) -> dict[tuple[str, str], tuple[str, str]]:
    """A person named by one word is the one person of the article whose full name has that word
    ("Обамы" after "Барак Обама": Barak Obama), when there is exactly one. The word is compared as
    written too, by its dictionary form, for a registry person named in English ("Джонсона" after
    "Борис Джонсон": Boris Johnson, not "Dzhonson") or a surname of either gender ("Рынской", "Рынская")."""
    people = [k for k in keys if k[0] == "person"]

    def last_words(key: tuple[str, str], whole: bool) -> set[str]:
        return {names.morph.parse(m.text.split()[-1])[0].normal_form for m in found.get(key, ())
                if (" " in m.text.strip()) == whole}

    out = {}
    for key in people:
        if " " in key[1]:
            continue
        short = last_words(key, False)
        fuller = [k for k in people if k != key and " " in k[1] and (key[1] in k[1].split() or short & last_words(k, True))]
        if len(fuller) == 1:
            out[key] = fuller[0]
    return out


@lru_cache(maxsize=1)
def _demonym_table() -> dict[str, dict[str, str]]:
    return load_lexicon("cyrillic_demonyms")


#: kinds of place an adjective names
DEMONYM_KINDS = frozenset({"continent", "country", "region", "city"})


def demonym_mentions(article: Article, names: Names, entities: list[Entity]) -> list[dict]:
    """Adjectives of countries, regions and cities ("американского", "британської", "московские")
    with the place they name (``data/lexicons/cyrillic_demonyms.toml``), kept apart from the
    article's places as in English (:func:`sitroom.extract.places.demonym_mentions`): a
    "российский беспилотник" is not a drone in Russia. An adjective inside a name the tagger or the
    registry reads (an entity's mention or a tagger span: "Российской академии наук") or before a
    region word ("Московской области") is none."""
    table = _demonym_table().get(names.language, {})
    stems = {key[:4] for key in table}  # a word's first letters rule most words out before the dictionary
    body = article.body or ""
    taken = SpanSet([(m.span.start, m.span.end) for e in entities for m in e.mentions]
                    + [(x.start, x.end) for x in article.parsed.spans])
    out = []
    for sent in article.parsed.sentences:
        for t in sent.tokens:
            if t.text[:4].lower() not in stems or taken.overlaps(t.start, t.end):
                continue
            lemma = next((p.normal_form for p in names.morph.parse(t.text)[:4] if p.tag.POS == "ADJF"), None)
            name = table.get(lemma or "")
            if name is None or (m := re.match(r"\s+(\w+)", body[t.end:])) and REGION_WORD.match(m.group(1)):
                continue
            if (found := demonym(t.text, t.start, name, names.kb.gazetteer, DEMONYM_KINDS)) is not None:
                out.append(found)
    return out


def make_entities_stage(kb: KB | None = None):
    @stage(requires=["parsed"], assigns=["entities"], name="entities")
    def cyrillic_entities(article: Article) -> Article:
        """People, bodies and places of a Russian or Ukrainian body, under their canonical names."""
        entities, actors = find_entities(article, kb or KB.load())
        article.entities = tuple(entities)
        article.actors = tuple(sorted(actors, key=lambda a: a.span.start))
        article.meta["demonyms"] = demonym_mentions(article, Names.of(kb or KB.load(), article.language or "ru"),
                                                    entities)
        return article

    return cyrillic_entities
