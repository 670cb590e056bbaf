"""Cyrillic names in any grammatical case to the registry's entries and the gazetteer's places:
:class:`Names` (lemmas, agreed adjectives, romanisations, a city from its adjective) and the
registry's Cyrillic aliases matched by their stems (:func:`registry_mentions`)."""

from __future__ import annotations

import re
from collections import defaultdict

from sitroom.extract.cyrillic import LANGUAGES
from sitroom.extract.cyrillic.parse import analyzer
from sitroom.extract.translit import is_cyrillic, kmu2010, ru_variants, uk_variants
from sitroom.kb import KB
from sitroom.kb.gazetteer import SETTLEMENT_KINDS, Place, lemma_guesses, normalize
from sitroom.kb.memo import Memo
from sitroom.kb.registry import Entry, Registry

PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
#: a person's initials just before a name: "В. Лукашенко", "С . М . Реформатського" (tokenised text)
INITIALS_BEFORE = re.compile(r"(?:[А-ЯІЇЄҐA-Z]\s?\.\s?){1,2}$")


#: the oblique cases of a possessive adjective in a place's name, and its short form in the nominative:
#: Ukrainian "Часового", "Часовим" -> "Часів" (Часів Яр), Russian "Часова", "Часовым" -> "Часов" (Часов Яр)
POSSESSIVE = {"uk": re.compile(r"(?i)(?<=\w\w)ов(?:ого|ому|им|ім)$"), "ru": re.compile(r"(?i)(?<=\w\w)(о|е|ё)в(?:а|у|ым|ом)$")}
POSSESSIVE_SHORT = {"uk": "ів", "ru": r"\1в"}

#: the smallest settlement a guessed nominative of an unknown case form may name (a village's name is
#: too often a word's or a name's: "Сергієві", "Східній")
GUESSED_TOWN = 10_000

#: countries a Cyrillic place name of this war most likely lies in, in order
HOME = ("UA", "RU", "BY")

#: a namesake abroad this large (a city) wins over home namesakes smaller than SMALL_HOME
WORLD_CITY = 1_000_000
SMALL_HOME = 50_000


#: a region word after a name: "Запорожской области", "Харківській області", "Донецька обл.", "Курском районе";
#: the noun only, for its adjective names a body, not the region ("районна рада", "областной думы")
REGION_WORD = re.compile(r"(?i)^(?:област(?!н)\w*|обл\.?|район(?!н)\w*|округ\w*|край|краю|"
                         r"республик(?!ан)\w+|республі(?!кан)\w+)$")


_NAMES: dict[tuple[int, str], Names] = {}


class _Remembering:
    """pymorphy3's analyser with its readings of a word remembered: the rules ask about the same
    words many times, and a reading costs a walk through the dictionary's DAWG."""

    def __init__(self, morph) -> None:
        self._morph = morph
        self._parses: Memo[list] = Memo(200_000)
        self._known: Memo[bool] = Memo(200_000)

    def parse(self, word: str) -> list:
        return self._parses.get_or(word, lambda: self._morph.parse(word))

    def word_is_known(self, word: str) -> bool:
        return self._known.get_or(word, lambda: self._morph.word_is_known(word))

    def __getattr__(self, name: str):
        return getattr(self._morph, name)


#: a Russian or Ukrainian surname in -ин, -ов, -ев in the genitive: a man's ("Лапина") or a woman's ("Лапиной")
SURNAME_GENITIVE = re.compile(r"(?P<stem>[А-ЯІЇЄҐЁ][а-яіїєґё'’-]*(?:ин|ын|ін|ов|ев|ёв|єв))(?P<ending>а|ой|ої)")


#: "republic of" before a country's or a region's own name, which follows it undeclined
REPUBLIC_OF = re.compile(r"(?:Автономн\w+[ \t]+)?(?:Республік|Республик)\w*[ \t]+([А-ЯІЇЄҐЁ][\w'’-]+)")


class Names:
    """Cyrillic names in any grammatical case to registry entries and gazetteer places."""

    def __init__(self, kb: KB, language: str):
        self.kb = kb
        self.language = language if language in LANGUAGES else "ru"
        self.morph = _Remembering(analyzer(self.language))
        self._places: dict[tuple[str, str], tuple[Place, ...]] = {}

    @classmethod
    def of(cls, kb: KB, language: str) -> Names:
        """The reader of ``kb``'s names in ``language``, made once per process (its lookups are cached)."""
        key = (id(kb), language)
        if key not in _NAMES:
            _NAMES[key] = cls(kb, language)
        return _NAMES[key]

    def tags(self, word: str) -> set[str]:
        return {g for p in self.morph.parse(word)[:3] for g in p.tag.grammemes}

    def forms(self, text: str, normal: str) -> list[str]:
        """``text``, natasha's normal form, and the nominatives pymorphy3 reads in it: every lemma
        of a one-word name ("Харкові" -> "харків", "харко"), and a name with its adjectives agreed
        ("Запорожской области" -> "запорожская область")."""
        words = text.split()
        out = [text, normal]
        if len(words) == 1:
            out += [p.normal_form for p in self.morph.parse(text)[:4]]
        else:
            head = self.morph.parse(words[-1])[0]
            agreed = []
            for w in words[:-1]:
                p = self.morph.parse(w)[0]
                form = p.inflect({"nomn", head.tag.gender} - {None}) if "ADJF" in p.tag else None
                agreed.append(form.word if form else w)
            out += [" ".join([*agreed, head.normal_form]), " ".join(self.morph.parse(w)[0].normal_form for w in words)]
            out.append(self.body_name(text))  # headed by its first noun: "Об'єднаних Арабських Еміратів"
            out += self._guessed_heads(words)
            # a possessive adjective in any case, before the noun it names: "Часовим Яром", "Часова Яра" ->
            # "Часів Яр", "Часов Яр" (the noun by its noun reading: not "ярый")
            short = [POSSESSIVE[self.language].sub(POSSESSIVE_SHORT[self.language], w) for w in words[:-1]]
            if short != words[:-1]:
                noun = next((p.normal_form for p in self.morph.parse(words[-1]) if "NOUN" in p.tag), head.normal_form)
                out.append(" ".join([*short, noun]))
        return list(dict.fromkeys(f for f in out if f))

    def _guessed_heads(self, words: list[str]) -> list[str]:
        """A town's name of adjectives and a noun the dictionary lacks in this case ("Малій Токмачці",
        "Великому Бурлуці", "Кривого Рогу"): the noun's nominatives guessed from its ending, each with the
        adjectives agreed in the gender the guess has ("мала токмачка", "великий бурлук", "кривий ріг")."""
        adjectives = [next((p for p in self.morph.parse(w) if "ADJF" in p.tag), None) for w in words[:-1]]
        if None in adjectives:  # (an adjective's reading, though a name's or a verb's comes first: "Кривим")
            return []
        out = []
        for guess in lemma_guesses(normalize(words[-1]))[:6]:
            gender = "femn" if guess.endswith(("а", "я")) else "neut" if guess.endswith(("е", "о")) else "masc"
            agreed = [p.inflect({"nomn", gender}) for p in adjectives]
            if None not in agreed:
                out.append(" ".join([*(a.word for a in agreed), guess]))
        return out

    def entry(self, text: str, normal: str) -> Entry | None:
        for form in self.forms(text, normal):
            found = self.kb.registry.lookup(form, weak=False)
            if found:
                return found[0]
        return None

    def place(self, text: str, normal: str) -> Place | None:
        """The place a name most likely is (the first of :meth:`places`)."""
        found = self.places(text, normal)
        return found[0] if found else None

    def places(self, text: str, normal: str) -> tuple[Place, ...]:
        """The places a name may be, most likely first. A form the gazetteer knows wins over its
        romanisations (a name it lacks in Cyrillic is tried as English news spells it: "Работина" ->
        Rabotino); among namesakes, places of the countries of this war, in the gazetteer's order,
        except that one about as large (90%) whose own name is the form romanised comes first. An
        oblast named by its adjective that the gazetteer lacks in this language is the oblast of the
        city the adjective is made from ("Курської області" -> Kursk -> Kursk Oblast)."""
        if (text, normal) not in self._places:
            self._places[text, normal] = self._find_places(text, normal)
        return self._places[text, normal]

    def _find_places(self, text: str, normal: str) -> tuple[Place, ...]:
        if any(len(f.split()) > 1 and f.split()[-1].lower().startswith("район") for f in (text, normal)):
            return ()  # a district, not in the gazetteer: see _raion
        if (republic := REPUBLIC_OF.fullmatch(text)) is not None:
            # "Республики Беларусь", "Автономної Республіки Крим": the country or region the name after it is
            found = self.places(republic.group(1), republic.group(1))
            return tuple(p for p in found if p.kind in ("country", "region"))
        forms = self.forms(text, normal)
        guesses = [g for f in forms[:3] for g in lemma_guesses(normalize(f))]
        given_name = " " not in text and any("Name" in p.tag for p in self.morph.parse(text)[:2])
        romanised = [r for f in dict.fromkeys([*forms, *guesses])
                     for r in (ru_variants(f, 3) if self.language == "ru" else uk_variants(f, 3))]
        spelled = {normalize(r) for r in romanised}
        region = any(len(f.split()) > 1 and bool(REGION_WORD.match(f.split()[-1])) for f in (text, normal))
        for form in dict.fromkeys([*forms, *guesses, *romanised]):
            found = self.kb.gazetteer.candidates(form)
            if form not in forms:  # a guessed nominative or a romanisation stands in for a name of this war's countries only
                found = [p for p in found if p.country in HOME]
            if form not in forms and form in guesses and form not in romanised:  # a guess: a town or city ("Шебекиному"),
                found = [p for p in found if p.kind in SETTLEMENT_KINDS and p.population >= GUESSED_TOWN
                         and not given_name]  # not for a given name ("Сергієві")
            if region:  # "Курською областю" names the oblast, never its city
                found = [p for p in found if p.kind == "region"]
            if found:
                home = [p for p in found if p.country in HOME] or found
                if home is not found and home[0].population < SMALL_HOME:
                    # a world city or a country over a small home namesake, in any case form: "Нью-Йорке" is
                    # New York, not the Donbas town; "Александрия" stays the Ukrainian town of 80,000
                    abroad = [p for f in dict.fromkeys([*forms, *guesses]) for p in self.kb.gazetteer.candidates(f)
                              if p.country not in HOME and (p.kind == "country" or p.population >= WORLD_CITY)]
                    if abroad:
                        return (abroad[0], *home)
                first = home[0]
                # a namesake about as large whose own name is this form romanised ("Слов'янськ": Sloviansk,
                # not Nikopol, which GeoNames also lists under it); a region without a count of people stays
                # first ("Таврії": the land of Tavria, not one of the villages named after it)
                best = next((p for p in home if normalize(p.name) in spelled and p.population >= 0.9 * first.population
                             and not (first.kind == "region" and p.kind != "region")), first)
                return (best, *(p for p in home if p is not best))
        # the tagger's normal form first ("Курской области" -> "Курская область"), else the text as written
        # (its normal form of Ukrainian can be no word: "Херсонській обл" -> "Херсонськія обл")
        oblast = (self._oblast(normal) if region and normal != text else None) or self._oblast(text)
        return (oblast,) if oblast else ()

    def spelled(self, text: str, place: Place) -> bool:
        """Whether the gazetteer has ``place`` under ``text`` or one of its nominatives in Cyrillic (not
        only under a romanisation of them)."""
        return any(place in self.kb.gazetteer.candidates(f) for f in self.forms(text, text))

    def _oblast(self, text: str) -> Place | None:
        words = text.split()
        if len(words) != 2 or not REGION_WORD.match(words[1]) or not words[1].lower().startswith("обл"):
            return None
        city = self.centre(words[0])
        return next((p for p in self.kb.gazetteer.candidates(city.admin1) if p.kind == "region"), None) if city else None

    def centre(self, adjective: str) -> Place | None:
        """The city an adjective is made from ("Курської" -> Kursk, "Покровському" -> Pokrovsk)."""
        lemma = next((p.normal_form for p in self.morph.parse(adjective) if "ADJF" in p.tag), None) or adjective.lower()
        m = re.fullmatch(r"(.{2,}?)(ськ|цьк|зьк|ск|цк)(?:ий|ій|ого|ому|им|ім|ая|а|ої|ой|ую|у|ою|ое|е|ом|ими|их)", lemma)
        if m is None:
            return None
        stem = m.group(1)
        # Покровськ-ий, Курськ-ий; Суджа -> Суджан-ский; Коренево -> Коренев-ский; Суми -> Сум-ський;
        # Новопавлівка -> Новопавлів-ський; Курахове -> Курахів-ський (the і of the closed syllable is о again)
        # Запоріжжя -> Запорі-зький, Запорожье -> Запорож-ский. By tiers, the largest place of the first tier
        # that has one (Костянтинівка, 67,000, over Starokostiantyniv, which GeoNames also lists as Костянтинів;
        # a shortened stem only when nothing else is found: Березанка, not Byaroza)
        shorter = (stem[:-2] + "а", stem[:-2] + "я") if stem.endswith(("ан", "ян")) else ()
        opened = (stem[:-2] + "о" + stem[-1],) if len(stem) > 3 and stem[-2] == "і" else ()
        alternated = (stem + "жжя",) if m.group(2) == "зьк" else (stem + "ье",) if stem.endswith("ж") else ()
        tiers = ((stem + "ськ", stem + "ск", stem + "цьк", stem + "цк"),
                 (stem, stem + "ка", stem + "о", stem + "е", stem + "и", *(o + end for o in opened for end in ("е", "о")),
                  *alternated),
                 shorter)
        for tier in tiers:
            found = [city for centre in tier for city in self.kb.gazetteer.candidates(centre)[:1]
                     if city.kind in SETTLEMENT_KINDS and city.admin1 and city.country in HOME]
            if found:
                return max(found, key=lambda city: city.population)
        return None

    def person_name(self, text: str, case: str | None = None) -> str:
        """A person the registry does not know, in the nominative ("Юрия Царёва" -> "Юрий Царёв"),
        romanised as English news prints the language's names. ``case``: the case the text puts the
        name in, when its words say ("gent" after "по словам")."""
        text = self.nominative(text, case)
        return kmu2010(text) if self.language == "uk" else ru_variants(text, 1)[0]

    def nominative(self, name: str, case: str | None = None) -> str:
        """A person's name in the nominative, each word read as a name where the dictionary can, in
        the gender of the first name (a surname alone: of its likeliest reading in ``case``, when the
        text gives one: "по словам Лапина" is Lapin's words, though "Лапина" is a woman's nominative too)."""
        words = name.split()
        if case == "gent" and len(words) == 1 and not any(
                case in p.tag.grammemes and PERSON_TAGS & p.tag.grammemes for p in self.morph.parse(name)):
            # a surname the dictionary lacks, in the genitive: "Лапина" -> "Лапин", "Лапиной" -> "Лапина"
            if m := SURNAME_GENITIVE.fullmatch(name):
                return m.group("stem") + ("а" if m.group("ending") in ("ой", "ої") else "")
        parses = []
        for k, w in enumerate(words):
            options = self.morph.parse(w)
            if case is not None and len(words) == 1:
                options = [p for p in options if case in p.tag.grammemes] or options
            # the first of several words is a first name where it can be, the name itself where the word
            # is one ("Ганна Іваненко": Hanna, not the genitive of a surname "Ганн"; "Юлія": Yuliia, not
            # the genitive of "Юлій")
            named = [p for p in options if "Name" in p.tag.grammemes] if k == 0 and len(words) > 1 else []
            first = next((p for p in named if "nomn" in p.tag.grammemes and "plur" not in p.tag.grammemes),
                         named[0] if named else None)
            parses.append(first or next((p for p in options if PERSON_TAGS & p.tag.grammemes), options[0]))
        gender = next((p.tag.gender for p in parses if "Name" in p.tag.grammemes and p.tag.gender), None)
        if gender:  # "Царёва" after "Юрия": the man's surname in the genitive, not a woman's
            parses = [p if "Name" in p.tag.grammemes else next(
                (q for q in self.morph.parse(w) if q.tag.gender == gender and q.tag.POS in ("NOUN", "ADJF")), p)
                for w, p in zip(words, parses, strict=True)]
        out = []
        for w, p in zip(words, parses, strict=True):
            if not (PERSON_TAGS & p.tag.grammemes or gender and p.tag.gender == gender):
                out.append(w)
                continue
            form = p.inflect({"nomn", gender} if gender and "Name" not in p.tag.grammemes else {"nomn"})
            word = form.word if form else w
            out.append(word[:1].upper() + word[1:] if w[:1].isupper() else word)
        return " ".join(out)

    def body_name(self, text: str) -> str:
        """A body the registry does not know, its name in the nominative: the adjectives before its
        head noun and the noun ("Мелітопольської міської ради" -> "Мелітопольська міська рада",
        "Кабінету Міністрів України" -> "Кабінет Міністрів України"); the words after the head stay as
        they are. Unchanged when the name does not open with agreeing words the dictionary can inflect
        (an abbreviation, a quoted name, a number), and a one-word name the dictionary reads as more
        than one noun ("Роме": Roma or rum)."""
        words = text.split(" ")
        opening = 0  # the words that may be adjectives, from the first
        while opening < len(words) and _word(words[opening]) and any(
                p.tag.POS in ("ADJF", "PRTF") for p in self.morph.parse(words[opening])):
            opening += 1
        for k in range(min(opening, len(words) - 1), -1, -1):  # the longest run of adjectives before a noun
            if not _word(words[k]):
                continue
            heads = [p for p in self.morph.parse(words[k]) if p.tag.POS == "NOUN" and p.tag.case]
            if len(words) == 1 and len({p.normal_form for p in heads}) > 1:
                return text
            for head in heads:
                before = [self._agreeing(w, head) for w in words[:k]]
                if not all(before):
                    continue
                forms = [*(p.inflect(_nominative(p, head)) for p in before), head.inflect(_nominative(head, head))]
                if all(forms):
                    return " ".join([*(_cased(f.word, w) for f, w in zip(forms, words, strict=False)), *words[k + 1:]])
        return text

    def _agreeing(self, word: str, head):
        """The reading of ``word`` as an adjective agreeing with the noun ``head``, if it has one."""
        plural = head.tag.number == "plur"
        return next((p for p in self.morph.parse(word) if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == head.tag.case
                     and (p.tag.number == "plur") == plural and (plural or p.tag.gender in (None, head.tag.gender))), None)


#: a word of a body's name to inflect: letters, and hyphens or apostrophes between them; not an abbreviation
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _word(word: str) -> bool:
    return bool(WORD.fullmatch(word)) and not (word.isupper() and len(word) > 1)


def _nominative(word, head) -> set[str]:
    """The grammemes of ``word``'s nominative agreeing with the noun ``head`` (the Ukrainian dictionary
    marks no singular, only a plural)."""
    if head.tag.number == "plur":
        return {"nomn", "plur"}
    return {"nomn", word.tag.gender or head.tag.gender, *([head.tag.number] if head.tag.number else [])} - {None}


def _cased(word: str, original: str) -> str:
    """``word`` written with the capitals of ``original``, part by part of a hyphenated word ("Івано-Франківська")."""
    parts, originals = word.split("-"), original.split("-")
    if len(parts) != len(originals):
        return word[:1].upper() + word[1:] if original[:1].isupper() else word
    return "-".join(p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, originals, strict=True))


#: three-letter words of registry names that are prepositions or conjunctions, not nouns to inflect
SHORT_FUNCTION_WORDS = frozenset("без при для над под про від між під або ані чи".split())


#: the letters of Russian and Ukrainian case endings ("-ами", "-ого", "-ів", "-ых"): "Известия" in any
#: case, not "Известно" or "Известный"
CASE_ENDING = r"[аеёиіїоуыэюяйьємхвг]{0,4}(?!\w)"


def _word_pattern(word: str) -> str:
    """A word of a registry name in any case: its stem and up to four letters of a case ending
    ("обороны" -> "оборон" + :data:`CASE_ENDING`); a three-letter noun with its endings ("суд" -> "суда",
    "судом"); other short words and acronyms as written."""
    if len(word) == 3 and word.islower() and word not in SHORT_FUNCTION_WORDS:
        return _any_apostrophe(re.escape(word)) + r"\w{0,3}"
    if len(word) <= 3 or word.isupper():
        return _any_apostrophe(re.escape(word))
    stem = word.rstrip("аеёиіїоуыэюяйьєАЕЁИІЇОУЫЭЮЯЙЬЄ")
    return _any_apostrophe(re.escape(stem if len(stem) >= 4 else word[:-1])) + CASE_ENDING


def _either_case(pattern: str) -> str:
    """A later word of a body's name whose first letter running text writes either way ("Кабінет
    міністрів", "Кабінет Міністрів"); an acronym stays as written."""
    first = pattern[:1]
    if not first.isalpha() or len(pattern) > 1 and pattern[1:2].isupper():
        return pattern
    return f"[{first.upper()}{first.lower()}]{pattern[1:]}"


def _any_apostrophe(pattern: str) -> str:
    """Any of the apostrophes Ukrainian is typed with where a name has one ("Держспецзв'язку",
    "Держспецзв’язку")."""
    return re.sub(r"['’ʼ]", "['’ʼ]", pattern)


PREFIX = 3  # letters of a name's first word that index the matcher


_MATCHERS: dict[int, tuple[Registry, dict[str, list[tuple[re.Pattern, int]]]]] = {}


def registry_matcher(registry: Registry | None = None) -> dict[str, list[tuple[re.Pattern, int]]]:
    """``registry``'s (the shipped one's by default) Cyrillic names of people and bodies in any
    grammatical case, as patterns keyed by the first letters of their first word, longest name
    first, each with its entry's index (an alias the NER splits or misses is still read: "Генштаб
    ЗСУ", "Генерального штабу ЗСУ"); built once per registry."""
    registry = registry or KB.load().registry
    held = _MATCHERS.get(id(registry))
    if held is None or held[0] is not registry:
        held = _MATCHERS[id(registry)] = (registry, _build_matcher(registry))
    return held[1]


#: first words of a body's name that running text writes in lower case ("правительство России",
#: "уряд України", "администрация президента"); the registry writes them capitalised
LOWER_CASE_HEADS = frozenset("""правительство уряд министерство міністерство администрация адміністрація кабинет
    кабінет офис офіс власти влада""".split())  # not "державна", "федеральная": "державна служба" is the civil service


def _build_matcher(registry: Registry) -> dict[str, list[tuple[re.Pattern, int]]]:
    names: dict[str, int] = {}
    for n, entry in enumerate(registry.entries):
        if entry.label not in ("person", "organization"):
            continue
        for alias in entry.aliases:
            if is_cyrillic(alias) and (" " in alias or len(alias) >= 5 or alias.isupper()):
                names.setdefault(alias, n)
    index: dict[str, list[tuple[re.Pattern, int]]] = defaultdict(list)
    for alias in sorted(names, key=len, reverse=True):
        words = alias.split()
        # a later word may stand in quotation marks, spaced or not: "группировки войск «Запад»", "« Запад »"
        of_body = registry.entries[names[alias]].label == "organization"
        quoted = [f"(?P<q{k}>[«\"“][ \t]?)?{_either_case(_word_pattern(w)) if of_body else _word_pattern(w)}(?(q{k})[ \t]?[»\"”])"
                  for k, w in enumerate(words[1:])]
        pattern = re.compile(r"\s+".join([_word_pattern(words[0]), *quoted]) + r"(?!\w)")
        index[alias[:PREFIX]].append((pattern, names[alias]))
        if alias[:1].islower():  # "группировка войск Запад" begins a sentence too
            upper = alias[:1].upper() + alias[1:]
            index[upper[:PREFIX]].append((re.compile(pattern.pattern.replace(re.escape(alias[:1]), re.escape(upper[:1]), 1)),
                                          names[alias]))
        elif len(words) > 1 and words[0].lower() in LOWER_CASE_HEADS:  # "правительство России", "уряд України"
            lower = alias[:1].lower() + alias[1:]
            index[lower[:PREFIX]].append((re.compile(pattern.pattern.replace(re.escape(alias[:1]), re.escape(lower[:1]), 1)),
                                          names[alias]))
    return dict(index)


def registry_mentions(body: str, kb: KB, names: Names | None = None) -> list[tuple[int, int, Entry]]:
    """(start, end, entry) of each registry name in ``body``, in any case, longest first where they
    overlap, with a person's initials ("В. Лукашенко"). A surname after another first name is not the
    registry's namesake ("Сергея Герасимова" is not Valery Gerasimov)."""
    index = registry_matcher(kb.registry)
    out: list[tuple[int, int, Entry]] = []
    end = 0
    for word in re.finditer(r"\w+", body):
        if word.start() < end:
            continue
        for pattern, n in index.get(word.group()[:PREFIX], ()):
            if m := pattern.match(body, word.start()):
                entry, start = kb.registry.entries[n], m.start()
                if entry.label == "person" and " " not in m.group():
                    if names is not None and _other_first_name(body, start, entry, names):
                        break
                    if initials := INITIALS_BEFORE.search(body, max(0, start - 12), start):
                        start -= len(initials.group())
                out.append((start, m.end(), entry))
                end = m.end()
                break
    return out


def _other_first_name(body: str, start: int, entry: Entry, names: Names) -> bool:
    before = re.search(r"([А-ЯІЇЄҐ][\w'’-]+)\s+$", body[max(0, start - 30):start])
    parses = names.morph.parse(before.group(1)) if before else []
    if not any("Name" in p.tag.grammemes for p in parses[:2]):
        return False
    known = {names.morph.parse(a.split()[0])[0].normal_form for a in (entry.canonical, *entry.aliases)
             if is_cyrillic(a) and " " in a}
    return parses[0].normal_form not in known
