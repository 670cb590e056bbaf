"""Russian and Ukrainian text: entities, claims and events under the same canonical names as English.

The stages here run on articles whose language is ``ru`` or ``uk`` (:data:`LANGUAGES`); the English
ones never see them (:func:`sitroom.pipeline.for_languages`). They fill the same records as the
English stages, so stories, claim groups and relations join Russian, Ukrainian and English
coverage of one development with no translation:

- **parse**: natasha (razdel segmentation, slovnet NER, morphology and syntax; the models ship in
  the natasha package, nothing is downloaded).
- **entities**: NER spans, resolved to the registry and the gazetteer through their Cyrillic
  variants in any grammatical case (natasha's normal form, the gazetteer's case endings, pymorphy3
  lemmas). People the registry does not know keep their name in the nominative.
- **claims**: a reporting verb and its subject ("Минобороны заявило, что ..."), a source after a
  preposition ("по данным ...", "за словами ..."), "об этом сообщил X" after the sentence it
  frames, a speaker before a colon ("Минобороны России: ..."), and, in a post of a channel whose
  owner the registry knows (a ministry, a governor), every development the post tells in its
  owner's voice (``Article.meta["channel"]``, set by the Telegram reader).
- **events**: trigger stems per event type (``data/lexicons/cyrillic.toml``), placed at the
  settlements (else regions) of their sentence, dated by the sentence's own day, else the
  publication date.

Evidence stays in the original language; names come out as the registry and gazetteer spell them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from sitroom.data import load_lexicon
from sitroom.extract.districts import _district
from sitroom.extract.translit import kmu2010, ru_variants, uk_variants
from sitroom.kb import KB
from sitroom.kb.gazetteer import Place, lemma_guesses, normalize
from sitroom.kb.registry import Entry
from sitroom.model import Actor, Article, Claim, Entity, Event, Mention, Span
from sitroom.pipeline import stage

LANGUAGES = ("ru", "uk")
SETTLEMENTS = frozenset({"city", "town", "village"})
#: countries a Cyrillic place name of this war most likely lies in, in order
HOME = ("UA", "RU", "BY")
NER_LABELS = {"PER": "person", "ORG": "organization", "LOC": "location"}
#: a region word after a name: "Запорожской области", "Харківській області", "Курском районе"
REGION_WORD = re.compile(r"(?i)^(?:област\w*|район\w*|округ\w*|край|краю|республик\w+|республі\w+)$")
PRONOUNS = frozenset({"он", "она", "они", "оно", "вони", "він", "вона", "воно"})


# --- models ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Models:
    segmenter: object
    ner: object
    morph: object
    syntax: object
    vocab: object


@lru_cache(maxsize=1)
def models() -> Models:
    """natasha's packaged models, loaded once per process."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return Models(Segmenter(), NewsNERTagger(emb), NewsMorphTagger(emb), NewsSyntaxParser(emb), MorphVocab())


@lru_cache(maxsize=2)
def analyzer(language: str):
    """pymorphy3's analyser with its ``ru`` or ``uk`` dictionary."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


@dataclass(frozen=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    pos: str
    rel: str
    head: int          # index of the head token in the document, -1 for a root
    lemma: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class NerSpan:
    start: int
    end: int
    label: str
    text: str
    normal: str


@dataclass(frozen=True)
class Parsed:
    """What natasha found in a body: sentences of tokens (with morphology and syntax) and NER spans."""

    sentences: tuple[Sentence, ...]
    spans: tuple[NerSpan, ...]

    def sentence_at(self, offset: int) -> Sentence | None:
        return next((s for s in self.sentences if s.start <= offset < s.end), None)


def parse(text: str) -> Parsed:
    """natasha over each line of ``text`` (a line break always ends a sentence: headlines and captions
    have no full stop), with offsets into ``text``."""
    from natasha import Doc

    m = models()
    sentences: list[Sentence] = []
    spans: list[NerSpan] = []
    base = 0
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        doc = Doc(line.group())
        doc.segment(m.segmenter)
        doc.tag_morph(m.morph)
        doc.parse_syntax(m.syntax)
        doc.tag_ner(m.ner)
        offset = line.start()
        index = {t.id: base + n for n, t in enumerate(doc.tokens)}
        base += len(doc.tokens)
        for sent in doc.sents:
            tokens = []
            for t in sent.tokens:
                t.lemmatize(m.vocab)
                tokens.append(Token(index[t.id], t.text, offset + t.start, offset + t.stop, t.pos or "", t.rel or "",
                                    index.get(t.head_id, -1), (t.lemma or t.text).lower()))
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tuple(tokens)))
        for s in doc.spans:
            s.normalize(m.vocab)
            spans.append(NerSpan(offset + s.start, offset + s.stop, s.type, s.text, s.normal or s.text))
    return Parsed(tuple(sentences), tuple(spans))


@stage(requires=["body"], assigns=["parsed"], name="parse")
def cyrillic_parse(article: Article) -> Article:
    """Sentences, morphology, syntax and named entities of a Russian or Ukrainian body (natasha)."""
    article.parsed = parse(article.body or "")
    return article


# --- entities ------------------------------------------------------------------------------------

_NAMES: dict[tuple[int, str], Names] = {}


class Names:
    """Cyrillic names in any grammatical case to registry entries and gazetteer places."""

    def __init__(self, kb: KB, language: str):
        self.kb = kb
        self.language = language if language in LANGUAGES else "ru"
        self.morph = analyzer(self.language)
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
        return list(dict.fromkeys(f for f in out if f))

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
        forms = self.forms(text, normal)
        guesses = [g for f in forms[:3] for g in lemma_guesses(normalize(f))]
        romanised = [r for f in dict.fromkeys([*forms, *guesses])
                     for r in (ru_variants(f, 3) if self.language == "ru" else uk_variants(f, 3))]
        spelled = {normalize(r) for r in romanised}
        region = any(len(f.split()) > 1 and bool(REGION_WORD.match(f.split()[-1])) for f in (text, normal))
        for form in dict.fromkeys([*forms, *romanised]):
            found = self.kb.gazetteer.candidates(form)
            if form not in forms:  # a romanisation stands in for a name of this war's countries only
                found = [p for p in found if p.country in HOME]
            if region:  # "Курською областю" names the oblast, never its city
                found = [p for p in found if p.kind == "region"]
            if found:
                home = [p for p in found if p.country in HOME] or found
                first = home[0]
                # a namesake about as large whose own name is this form romanised ("Слов'янськ": Sloviansk,
                # not Nikopol, which GeoNames also lists under it)
                best = next((p for p in home if normalize(p.name) in spelled and p.population >= 0.9 * first.population),
                            first)
                return (best, *(p for p in home if p is not best))
        oblast = self._oblast(normal if region and normal != text else text)
        return (oblast,) if oblast else ()

    def _oblast(self, text: str) -> Place | None:
        words = text.split()
        if len(words) != 2 or not REGION_WORD.match(words[1]) or not words[1].lower().startswith("обл"):
            return None
        city = self.centre(words[0])
        return next((p for p in self.kb.gazetteer.candidates(city.admin1) if p.kind == "region"), None) if city else None

    def centre(self, adjective: str) -> Place | None:
        """The city an adjective is made from ("Курської" -> Kursk, "Покровському" -> Pokrovsk)."""
        lemma = next((p.normal_form for p in self.morph.parse(adjective) if "ADJF" in p.tag), None) or adjective.lower()
        m = re.fullmatch(r"(.{2,}?)(?:ськ|цьк|ск|цк)(?:ий|ій|ого|ому|ому|им|ім|ая|а|ої|ой|ій|ую|у|ою|ое|е|ом|ими|их)", lemma)
        if m is None:
            return None
        stem = m.group(1)
        # Покровськ-ий, Курськ-ий; Суджа -> Суджан-ский; Коренево -> Коренев-ский; Суми -> Сум-ський
        shorter = (stem[:-2] + "а", stem[:-2] + "я") if stem.endswith(("ан", "ян")) else ()
        for centre in (stem + "ськ", stem + "ск", stem + "цьк", stem + "цк", stem, *shorter, stem + "о", stem + "е", stem + "и"):
            city = next((p for p in self.kb.gazetteer.candidates(centre) if p.kind in SETTLEMENTS and p.admin1
                         and p.country in HOME), None)
            if city is not None:
                return city
        return None

    def person_name(self, text: str) -> str:
        """A person the registry does not know, in the nominative ("Юрия Царёва" -> "Юрий Царёв"),
        romanised as English news prints the language's names."""
        text = self.nominative(text)
        return kmu2010(text) if self.language == "uk" else ru_variants(text, 1)[0]

    def nominative(self, name: str) -> str:
        """A person's name in the nominative, each word read as a name where the dictionary can, in
        the gender of the first name (a surname alone: of its likeliest reading)."""
        words = name.split()
        parses = []
        for w in words:
            options = self.morph.parse(w)
            parses.append(next((p for p in options if PERSON_TAGS & p.tag.grammemes), options[0]))
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


CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


def _word_pattern(word: str) -> str:
    """A word of a registry name in any case: its stem and up to three letters of ending
    ("обороны" -> "оборон\\w{0,3}"); short words and acronyms as written."""
    if len(word) <= 3 or word.isupper():
        return re.escape(word)
    stem = word.rstrip("аеёиіїоуыэюяйьєАЕЁИІЇОУЫЭЮЯЙЬЄ")
    return re.escape(stem if len(stem) >= 4 else word[:-1]) + r"\w{0,4}"


PREFIX = 3  # letters of a name's first word that index the matcher


@lru_cache(maxsize=1)
def registry_matcher() -> dict[str, list[tuple[re.Pattern, int]]]:
    """The registry's Cyrillic names of people and bodies in any grammatical case, as patterns keyed
    by the first letters of their first word, longest name first, each with its entry's index (an
    alias the NER splits or misses is still read: "Генштаб ЗСУ", "Генерального штабу ЗСУ")."""
    registry = KB.load().registry
    names: dict[str, int] = {}
    for n, entry in enumerate(registry.entries):
        if entry.label not in ("person", "organization"):
            continue
        for alias in entry.aliases:
            if CYRILLIC.search(alias) and (" " in alias or len(alias) >= 5 or alias.isupper()):
                names.setdefault(alias, n)
    index: dict[str, list[tuple[re.Pattern, int]]] = defaultdict(list)
    for alias in sorted(names, key=len, reverse=True):
        words = alias.split()
        # a later word may stand in quotation marks: "группировки войск «Запад»"
        pattern = re.compile(r"\s+".join([_word_pattern(words[0]), *(f"(?P<q{k}>[«\"“])?{_word_pattern(w)}(?(q{k})[»\"”])"
                                                                     for k, w in enumerate(words[1:]))]) + r"(?!\w)")
        index[alias[:PREFIX]].append((pattern, names[alias]))
        if alias[:1].islower():  # "группировка войск Запад" begins a sentence too
            upper = alias[:1].upper() + alias[1:]
            index[upper[:PREFIX]].append((re.compile(pattern.pattern.replace(re.escape(alias[:1]), re.escape(upper[:1]), 1)),
                                          names[alias]))
    return dict(index)


def registry_mentions(body: str, kb: KB, names: Names | None = None) -> list[tuple[int, int, Entry]]:
    """(start, end, entry) of each registry name in ``body``, in any case, longest first where they
    overlap, with a person's initials ("В. Лукашенко"). A surname after another first name is not the
    registry's namesake ("Сергея Герасимова" is not Valery Gerasimov)."""
    index = registry_matcher()
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
                    if initials := re.search(r"(?:[А-ЯІЇЄҐ]\.\s?){1,2}$", body[max(0, start - 6):start]):
                        start -= len(initials.group())
                out.append((start, m.end(), entry))
                end = m.end()
                break
    return out


def _other_first_name(body: str, start: int, entry: Entry, names: Names) -> bool:
    before = re.search(r"([А-ЯІЇЄҐ][\w'’-]+)\s+$", body[max(0, start - 30):start])
    if before is None or not any("Name" in p.tag.grammemes for p in names.morph.parse(before.group(1))[:2]):
        return False
    first = names.morph.parse(before.group(1))[0].normal_form
    known = {names.morph.parse(a.split()[0])[0].normal_form for a in (entry.canonical, *entry.aliases)
             if CYRILLIC.search(a) and " " in a}
    return first not in known


def _quoted(body: str, start: int) -> bool:
    """Inside «...»: the name of a unit, an operation or a company ("группировка войск «Днепр»")."""
    opened = body.rfind("«", max(0, start - 80), start)
    return opened >= 0 and "»" not in body[opened:start]


def _spans(body: str, parsed: Parsed, names: Names) -> list[NerSpan]:
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
            if inner and inner.group(1).strip() and len(inner.group(1).split()) <= 3 and "," not in inner.group(1):
                at = start + part.index("(") + 1
                pieces.append(NerSpan(at, at + len(inner.group(1)), span.label, inner.group(1), inner.group(1)))
            elif part.strip() and "\n" not in part and not inner:
                normal = span.normal if part == span.text else part
                pieces.append(NerSpan(start, start + len(part), span.label, part, normal))
            start += len(part)
    out: list[NerSpan] = []
    for span in pieces:
        starts = {sent.start for sent in parsed.sentences}
        if span.start in starts and (lead := re.match(r"(?:\w+\s+)+?(?=\w)", span.text)):
            # "Над Курской": a preposition capitalised by the sentence
            words = lead.group().split()
            if all({"PREP", "CONJ", "PRCL"} & names.morph.parse(w)[0].tag.grammemes for w in words):
                cut = lead.end()
                span = NerSpan(span.start + cut, span.end, span.label, span.text[cut:],
                               span.normal.split(None, len(words))[-1] if len(span.normal.split()) > len(words)
                               else span.text[cut:])
        for opening, closing in (("«", "»"), ('"', '"'), ("„", "“")):
            if span.text.count(opening) > span.text.count(closing) if opening != closing else span.text.count(opening) % 2:
                end = body.find(closing, span.end, span.end + 40)
                if end >= 0 and "\n" not in body[span.end:end]:
                    span = NerSpan(span.start, end + 1, span.label, body[span.start:end + 1], body[span.start:end + 1])
        if out and out[-1].label == "ORG" and span.label in ("LOC", "ORG") and body[out[-1].end:span.start] == " ":
            merged = body[out[-1].start:span.end]
            place = names.place(span.text, span.normal) if span.label == "LOC" else None
            if names.entry(merged, merged) is not None or span.label == "ORG" or (
                    place is not None and place.kind in ("country", "region")):
                out[-1] = NerSpan(out[-1].start, span.end, "ORG", merged, merged)
                if span.label == "LOC":
                    out.append(span)
                continue
        widened = _widen_region(body, span)
        if widened is not span:  # "Курською" + "областю" is a region, whatever the tagger read
            span = replace(widened, label="LOC")
        elif span.label == "PER":
            span = _person(span, names)
        out.append(span)
    return out


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
                       r"село|селище|поселок|посёлок|місто|город|район\w*|околиц\w+|окраин\w+|"
                       r"захоплен\w+|захват\w*|звільнен\w+|освобождени\w+|оточен\w+|окружени\w+|штурм\w*)[»\"”]?\s+$")


#: what joins the names of a list: "Синьківки та Петропавлівки", "Мирноград, Покровськ"
LIST_GLUE = re.compile(r"\s*(?:,|\s(?:и|і|та|й))\s*")


def _unspanned_places(body: str, parsed: Parsed, covered: list[NerSpan], names: Names) -> list[NerSpan]:
    """Places NER missed: a capitalised word inside a sentence that pymorphy3 reads as a toponym, or
    that names a city, town or region of the war's countries ("по Запоріжжю")."""
    out = []
    for sent in parsed.sentences:
        text = body[sent.start:sent.end]
        for word in NAME_WORD.finditer(text, sent.tokens[1].start - sent.start if len(sent.tokens) > 1 else len(text)):
            start, end, name = sent.start + word.start(), sent.start + word.end(), word.group()
            if not (name[1:].replace("'", "").replace("’", "").islower() and len(name) > 3) or _quoted(body, start) or any(
                    c.start <= start < c.end for c in covered):
                continue
            place = names.place(name, name)
            if place is None or place.country not in HOME and not (
                    place.kind in ("country", "continent") or place.population >= 100_000):
                continue  # abroad, only countries and large cities ("в Тунісі", "з Женеви")
            tags = names.tags(name)
            listed = any(c.label == "LOC" and LIST_GLUE.fullmatch(body, c.end, start) for c in [*covered, *out])
            if "Geox" in tags or place.kind in ("city", "region") or place.population >= 10_000 or listed or (
                    names.language == "uk" and not PERSON_TAGS & tags and (
                        not _common(names, name) or PLACE_CUE.search(body, max(0, start - 30), start))):
                # the uk dictionary marks no toponyms: a word it does not know as a common one, or one
                # where a place is told ("біля Лук'янців", "захоплення Лук'янців")
                shared = SHARED_REGION.match(body, end)
                out.append(NerSpan(start, end, "LOC", name, f"{name} {shared.group(1)}" if shared else name))
    return out


PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
#: a front named after a town: "на Покровском направлении", "на Куп'янському напрямку"
AREA_AFTER = re.compile(r"(?i)\s+(?:направлени\w*|напрям\w*|участк\w*|ділянц\w*)(?!\w)")
#: acronyms of ordinary words that taggers read as bodies: "the media", "air defence", "drones"
NOT_BODIES = frozenset({"СМИ", "ЗМІ", "СМІ", "ПВО", "ППО", "БПЛА", "БпЛА", "РСЗО", "ЗРК"})


def _common(names: Names, word: str) -> bool:
    """A word the dictionary knows, in its likeliest reading, as an ordinary word, not a name."""
    parses = names.morph.parse(word)[:3]
    return names.morph.word_is_known(word.lower()) and not any(
        (PERSON_TAGS | {"Geox", "Abbr", "Orgn"}) & p.tag.grammemes for p in parses[:1]) and not (
        names.language == "uk" and any(PERSON_TAGS & p.tag.grammemes for p in parses))  # "Марина": a name too


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
            if m := re.search(r"(?:[А-ЯІЇЄҐA-Z]\s?\.\s?){1,2}$", body[max(0, start - 12):start]):
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
                m = re.search(r"(?:[А-ЯІЇЄҐ]\s?\.\s?){1,2}$", body[max(sent.start, start - 12):start])
                if m:
                    start -= len(m.group())
                out.append(NerSpan(start, run[-1].end, "PER", body[start:run[-1].end], body[start:run[-1].end]))
            run = []
    return out


#: a company by its legal form and quoted name: "ТОВ «Лігабуд»", "ДП «НАЕК «Енергоатом»»", "ООО «Ромашка»"
LEGAL_BODY = re.compile(r"(?<!\w)(?:ТОВ|ТзОВ|ПАТ|ПрАТ|ВАТ|ЗАТ|АТ|ДП|КП|ПП|НАК|ГО|БФ|ООО|ОАО|ПАО|ЗАО|АО|ГУП|МУП|ФГУП|"
                        r"НКО|АНО|ФГБУ)(?:\s+[а-яіїєґ]+)?\s+«(?:[^«»\n]|«[^«»\n]*»){1,80}»")
#: a court or a council named by its level and place: "Печерського районного суду м. Києва",
#: "Мелітопольської міської ради", "Господарського суду Одеської області", "Арбитражного суда Москвы"
_LEVEL = (r"(?i:районн|міськ|обласн|апеляційн|окружн|господарськ|адміністративн|верховн|конституційн|арбитражн|"
          r"городск|областн|апелляционн|сільськ|селищн|вищ)\w*")
_BODY = (r"(?i:(?:суд|госпсуд|адмінсуд)(?:у|а|ом|і|е|ы|ів|ов|ами|ах)?|(?:рад|облрад|сільрад|міськрад)(?:а|и|і|у|ою)|"
         r"совет(?:а|у|ом|е|ы|ов)?|(?:облдерж|райдерж)адміністраці(?:я|ї|ю|єю))(?!\w)")
_WHERE = r"(?:м\.[ \t]?)?[А-ЯІЇЄҐ][\w'’-]+(?:[ \t]+(?:област\w*|району|района|края))?"
COURT_OR_COUNCIL = re.compile(
    rf"(?<!\w)(?:(?P<lead>[А-ЯІЇЄҐ][\w'’-]+(?:ого|ої|ий|ій|ая|ой|ое|ому|ом|ою|ей|ые|і|и|а))[ \t]+)?(?:{_LEVEL}[ \t]+)*"
    rf"{_BODY}(?P<tail>[ \t]+{_WHERE})?")
#: a quoted name after the word for a kind of body: "компанія «Трансфербутик»", "партии «Единая Россия»"
QUOTED_BODY = re.compile(r"(?i:компані\w*|компани\w*|фірм\w*|фирм\w*|підприємств\w*|предприяти\w*|товариств\w*|"
                         r"обществ\w*|концерн\w*|корпораці\w*|корпораци\w*|банк\w*|парті\w*|парти\w*|"
                         r"холдинг\w*|фонд\w*|агентств\w*|організаці\w*|организаци\w*|об'єднанн\w*|объединени\w*|"
                         r"завод\w*|комбінат\w*|комбинат\w*|телеканал\w*|видання|издани\w*|газет\w*|"
                         r"журнал\w*|рух\w*|движени\w*)\s+«(?P<name>[А-ЯІЇЄҐA-Z][^«»\n]{1,60})»")


def _named_bodies(body: str) -> list[NerSpan]:
    """Bodies the tagger misses in Ukrainian and Russian news: companies by legal form and quoted name,
    other bodies by the word for their kind and quoted name, courts and councils by level and place
    (a bare "обласної ради" names none)."""
    out = [NerSpan(m.start(), m.end(), "ORG", m.group(), m.group()) for m in LEGAL_BODY.finditer(body)]
    for m in QUOTED_BODY.finditer(body):
        if not any(o.start <= m.start("name") < o.end for o in out):
            out.append(NerSpan(m.start("name"), m.end("name"), "ORG", m.group("name"), m.group("name")))
    for m in COURT_OR_COUNCIL.finditer(body):
        if (m.group("lead") or m.group("tail")) and not any(o.start <= m.start() < o.end for o in out):
            out.append(NerSpan(m.start(), m.end(), "ORG", m.group(), m.group()))
    return sorted(out, key=lambda x: x.start)


@dataclass(frozen=True)
class Typed:
    """A mention with what sitroom makes of it: ``label`` person / organization / location, the
    registry entry or gazetteer place it names (``place`` None for a place the gazetteer lacks)."""

    span: NerSpan
    label: str
    entry: Entry | None = None
    place: Place | None = None
    district: Entity | None = None  # a raion, named after its centre ("Белгородский район")


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


def _body_or_region(span: NerSpan, entry: Entry, body: str, names: Names) -> Typed:
    """A registry body that is also a region ("Донецкая Народная Республика") is the region where a
    place is told: after a preposition of place or a settlement's name ("Новоселовка Донецкой
    Народной Республики"); elsewhere it is the body that speaks or acts."""
    region = next((p for p in names.places(span.text, span.normal) if p.kind == "region"), None)
    if region is not None:
        before = re.search(r"([А-ЯІЇЄҐ][\w'’-]+)\s+$", body[max(0, span.start - 40):span.start])
        settled = before is not None and (p := names.place(before.group(1), before.group(1))) is not None and \
            p.kind in SETTLEMENTS
        if settled or PLACE_CUE.search(body, max(0, span.start - 30), span.start):
            return Typed(span, "location", place=region)
    return Typed(span, entry.label, entry=entry)


def typed_mentions(article: Article, kb: KB) -> list[Typed]:
    """Every name of a Russian or Ukrainian body, typed and resolved: registry names in any case,
    then NER spans (and, in Ukrainian, names the dictionary reads as people), then places NER missed."""
    body = article.body or ""
    parsed: Parsed = article.parsed
    names = Names.of(kb, article.language or "ru")
    out = [_body_or_region(NerSpan(a, b, "", body[a:b], body[a:b]), e, body, names)
           for a, b, e in registry_mentions(body, kb, names)]
    taken = [t.span for t in out]
    spans = _spans(body, parsed, names)
    if names.language == "uk":  # natasha's tagger knows Russian names; its Ukrainian ones need checking
        spans = _clean_people(spans, body, names)
        spans += [p for p in _people(body, parsed, names) if not any(x.start < p.end and p.start < x.end for x in spans)]
    bodies = [b for b in _named_bodies(body) if not any(t.start < b.end and b.start < t.end for t in taken)]
    # a place inside a body's name stays a place mention ("суду Одеської області"); a tagger's shorter
    # body or person inside it goes
    spans = [x for x in spans if x.label == "LOC" or not any(b.start <= x.start and x.end <= b.end for b in bodies)]
    spans += bodies
    spans = [x for x in spans if not any(t.start < x.end and x.start < t.end for t in taken)]
    spans = sorted(spans + _unspanned_places(body, parsed, spans + taken, names), key=lambda x: x.start)
    starts = {sent.start for sent in parsed.sentences}
    for span in spans:
        label = NER_LABELS.get(span.label)
        if label is None:
            continue
        entry = names.entry(span.text, span.normal)
        place = names.place(span.text, span.normal) if (entry is None or entry.label == "location") and not _quoted(
            body, span.start) else None
        if AREA_AFTER.match(body, span.end) and (centre := names.centre(span.text)) is not None:
            label, entry, place = "location", None, centre  # "на Покровському напрямку": the front at Pokrovsk
        if place is None and (district := _raion(span, names)) is not None:
            out.append(Typed(span, "location", district=district))
            continue
        if label == "location" and place is None and entry is not None:
            label = entry.label                                      # "Генштаб" read as a place
        elif label != "location" and place is not None and entry is None and (
                place.kind in ("country", "region") or place.country in HOME) and (
                label == "person" and len(span.text.split()) == 1 and (
                    not PERSON_TAGS & names.tags(span.text)
                    or place.kind in ("city", "region") and PLACE_CUE.search(body, max(0, span.start - 30), span.start))
                or label == "organization"):
            label = "location"      # Ukrainian "Роботиного" read as a person; not "Monsanto", a company
        if label == "person" and entry is None and body[span.start - 1:span.start] == "«" and \
                body[span.end:span.end + 1] == "»" and (not PERSON_TAGS & names.tags(span.text) or re.search(
                    r"(?i)(?:типу|типа|марки|комплекс\w*|систем\w*|ракет\w*|дрон\w*|бпла|беспилотник\w*|"
                    r"безпілотник\w*)\s+«$", body[max(0, span.start - 30):span.start])):
            continue  # «Шахед», «Ураган»: a weapon's or a product's name
        if label == "location" and place is None and entry is None and span.start in starts and all(
                _common(names, w) for w in re.findall(r"[^\W\d_][\w'’-]*", span.text)):
            continue  # "Посеред", "Загальна площа": ordinary words opening a sentence, taken for a place
        if label == "organization" and entry is None and (span.text in NOT_BODIES or span.start in starts and not any(
                w[:1].isupper() for w in span.text.split()[1:])):
            continue  # "Подразделения группировки войск": common nouns capitalised by the sentence; "СМИ"
        out.append(Typed(span, label, entry if label != "location" else None, place if label == "location" else None))
    return _in_context(sorted(out, key=lambda t: t.span.start), body, parsed, names)


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
        if t in located and t.place.kind in SETTLEMENTS and not AREA_AFTER.match(body, t.span.end):
            sent = parsed.sentence_at(t.span.start)
            near = [x for x in located if sent is not None and sent.start <= x.span.start < sent.end]
            for context in (oblasts(near, t), oblasts(located, t)):
                if not context or t.place.admin1 in context:
                    break
                other = next((p for p in names.places(t.span.text, t.span.normal)
                              if p.kind in SETTLEMENTS and p.admin1 in context), None)
                if other is not None:
                    t = replace(t, place=other)
                    break
        out.append(t)
    return out


def find_entities(article: Article, kb: KB) -> tuple[list[Entity], list[Actor]]:
    names = Names.of(kb, article.language or "ru")
    found: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    info: dict[tuple[str, str], dict] = {}
    actors: list[Actor] = []
    for typed in typed_mentions(article, kb):
        span, label, entry, place = typed.span, typed.label, typed.entry, typed.place
        mention = Mention(span.text, Span(span.start, span.end))
        if typed.district is not None:
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
            actors.append(Actor(mention.span, entry.canonical, entry.label, side=entry.side, role=entry.role))
        else:
            name = " ".join(span.normal.split())
            if label == "person":
                name = names.person_name(name)
            key = (label, name)
            info[key] = {"canonical": name}
            actors.append(Actor(mention.span, name, label))
        found[key].append(mention)
    same = _short_names(list(found))
    for short, full in same.items():
        found[full].extend(found.pop(short))
    actors = [replace(a, canonical=same[(a.label, a.canonical)][1]) if (a.label, a.canonical) in same else a
              for a in actors]
    entities = [Entity(label=key[0], mentions=tuple(sorted(found[key], key=lambda m: m.span.start)), **info[key])
                for key in found]
    return entities, actors


def _short_names(keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """A person named by one word is the one person of the article whose full name has that word
    ("Обамы" after "Барак Обама": Barak Obama), when there is exactly one."""
    people = [k for k in keys if k[0] == "person"]
    out = {}
    for key in people:
        if " " in key[1]:
            continue
        fuller = [k for k in people if k != key and key[1] in k[1].split()]
        if len(fuller) == 1:
            out[key] = fuller[0]
    return out


def make_entities_stage(kb: KB | None = None):
    @stage(requires=["parsed"], assigns=["entities"], name="entities")
    def cyrillic_entities(article: Article) -> Article:
        """People, bodies and places of a Russian or Ukrainian body, under their canonical names."""
        entities, actors = find_entities(article, kb or KB.load())
        article.entities = tuple(entities)
        article.actors = tuple(sorted(actors, key=lambda a: a.span.start))
        return article

    return cyrillic_entities


# --- claims --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    say: re.Pattern
    deny: re.Pattern
    according: re.Pattern
    back: re.Pattern
    events: dict[str, re.Pattern]
    negation: re.Pattern
    prospective: re.Pattern
    called_false: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_lexicon("cyrillic")

    def words(patterns: list[str]) -> re.Pattern:
        return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")

    return Lexicon(words(data["cues"]["say"]), words(data["cues"]["deny"]),
                   re.compile(r"(?<!\w)(?:" + "|".join(data["cues"]["according"]) + r")\s+"),
                   re.compile(r"(?<!\w)(?:" + "|".join(data["cues"]["back"]) + r")\s+$"),
                   {name: words(spec["patterns"]) for name, spec in data["events"].items()},
                   words(data["words"]["negation"]), words(data["words"]["prospective"]),
                   words(data["words"]["called_false"]))


#: a source cited by the one who reports it: "со ссылкой на", "ссылаясь на", "з посиланням на"
CITING = re.compile(r"(?i)(?<!\w)(?:со ссылкой на|ссылаясь на|з посиланням на|посилаючись на|цитируя|цитуючи)\s+")
#: an unnamed source: "источник в силовых структурах", "джерела в ЗСУ", "осведомлённый собеседник"
UNNAMED = re.compile(r"(?i)(?:(?:свои|свої|собственн\w+|власн\w+|осведомл\w+|поінформован\w+|анонимн\w+|анонімн\w+)\s+)?"
                     r"(?:источник\w*|джерел\w*|собеседник\w*|співрозмовник\w*)[^.,;»]{0,60}")


@dataclass
class Draft:
    speaker: str
    cue: str
    evidence: Span
    content: Span
    speaker_span: Span | None
    cue_span: Span | None
    via: tuple[str, ...] = ()
    quote: str | None = None
    kind: str = "named"


class ClaimFinder:
    """Claims of one Russian or Ukrainian article (see the module doc)."""

    def __init__(self, article: Article, kb: KB):
        self.article = article
        self.body = article.body or ""
        self.parsed: Parsed = article.parsed
        self.kb = kb
        self.lex = lexicon()
        self.actors = sorted(article.actors, key=lambda a: a.span.start)
        self.owner = channel_owner(article, kb)

    def actor_in(self, start: int, end: int) -> Actor | None:
        """The first person or body named in ``[start, end)``."""
        return next((a for a in self.actors if start <= a.span.start < end and a.label != "location"), None)

    def actor_at(self, token: Token) -> Actor | None:
        return next((a for a in self.actors if a.span.start <= token.start < a.span.end and a.label != "location"), None)

    def subject_of(self, sent: Sentence, cue: Token) -> tuple[Actor | None, Token | None]:
        """The speaker of a reporting verb: its subject ("речник ... Владислав Волошин": the person the
        role names), a body after "в" ("сообщили в Минобороны"); where the parse has none (natasha
        parses Ukrainian as Russian), the person or body named just after a verb set off by a comma
        or a dash ("..., повідомив X"), else the last one named before it."""
        cited = CITING.search(self.body, cue.end, sent.end)  # "повідомляє X з посиланням на Y": X reports
        limit = cited.start() if cited else sent.end
        for t in sent.tokens:
            if t.start >= limit:
                break
            if t.head == cue.i and (t.rel.startswith("nsubj") or t.rel in ("obl", "nmod") and self.actor_at(t)):
                near = [self.actor_at(t), *(self.actor_at(x) for x in sent.tokens if x.head == t.i)]
                actor = _best([a for a in near if a is not None])
                if actor is None and t.text.lower() in PRONOUNS:
                    actor = next((a for a in reversed(self.actors) if a.span.start < t.start and a.label == "person"), None)
                if actor is not None or t.rel.startswith("nsubj"):
                    return actor, t
        if re.search(r"[,—–-]\s*$", self.body[sent.start:cue.start]):
            end = min(cue.end + 80, limit)
            after = [a for a in self.actors if cue.end <= a.span.start < end and a.label != "location"]
            return _best(after), None
        before = [a for a in self.actors if sent.start <= a.span.start < cue.start and a.label != "location"]
        return (before[-1] if before else None), None

    def run(self) -> list[Claim]:
        drafts: list[Draft] = []
        framed: set[int] = set()
        sentences = self.parsed.sentences
        for k, sent in enumerate(sentences):
            text = self.body[sent.start:sent.end]
            draft = self._according(sent, text) or self._verb(sent, text, sentences[k - 1] if k else None) \
                or self._colon(sent, text)
            if draft is not None:
                draft = self._citing(draft, sent)
                if draft.content.start < sent.start:
                    framed.add(k - 1)
                drafts.append(draft)
                framed.add(k)
        if self.owner is not None:  # a channel's post speaks in its owner's voice
            for k, sent in enumerate(sentences):
                text = self.body[sent.start:sent.end]
                if k not in framed and any(p.search(text.lower()) for p in self.lex.events.values()):
                    drafts.append(Draft(self.owner.canonical, "posted", Span(sent.start, sent.end),
                                        Span(sent.start, sent.end), None, None, via=channel_via(self.article, self.kb),
                                        kind="channel"))
        drafts.sort(key=lambda d: d.evidence.start)
        return [self._claim(n, d) for n, d in enumerate(drafts)]

    def _claim(self, n: int, d: Draft) -> Claim:
        content = self.body[d.content.start:d.content.end].strip(" ,.:—–-«»\"")
        return Claim(id=f"{self.article.id}:c{n}", speaker=d.speaker, cue=d.cue, evidence=d.evidence,
                     content=content, via=d.via, quote=d.quote, speaker_kind=d.kind,
                     negated=bool(self.lex.deny.fullmatch(d.cue.lower())), speaker_span=d.speaker_span,
                     cue_span=d.cue_span, content_span=d.content)

    def _according(self, sent: Sentence, text: str) -> Draft | None:
        """"По данным X, ...", "..., как заявил представитель X Y": the person before the body that
        employs them; the content is the clause after the speaker's, or the sentence before the cue."""
        m = self.lex.according.search(text.lower())
        if m is None:
            return None
        start = sent.start + m.end()
        comma = self.body.find(",", start, sent.end)
        window = comma if comma > 0 and m.start() < 3 else min(sent.end, start + 60)
        actor = _best([a for a in self.actors if start <= a.span.start < window and a.label != "location"])
        if actor is None:
            return None
        cue = Span(sent.start + m.start(), sent.start + m.end())
        if m.start() < 3:  # the frame opens the sentence: what is said follows its comma
            content = Span(comma + 1 if comma > 0 else actor.span.end, sent.end)
        else:
            content = Span(sent.start, sent.start + m.start())
        return Draft(actor.canonical, text[m.start():m.end()].strip(), Span(sent.start, sent.end), content,
                     actor.span, cue, kind=actor.label)

    def _citing(self, draft: Draft, sent: Sentence) -> Draft:
        """"..., сообщает ТАСС со ссылкой на Минобороны": the ministry speaks, the agency relays; "со
        ссылкой на источник в ..." is an unnamed source relayed by the agency."""
        m = CITING.search(self.body, draft.cue_span.end if draft.cue_span else sent.start, sent.end)
        if m is None:
            return draft
        actor = _best([a for a in self.actors if m.end() <= a.span.start < min(sent.end, m.end() + 60)
                       and a.label != "location"])
        if actor is not None:
            via = (draft.speaker, *draft.via) if actor.canonical != draft.speaker else draft.via
            return replace(draft, speaker=actor.canonical, speaker_span=actor.span, via=via, kind=actor.label)
        unnamed = UNNAMED.match(self.body, m.end(), sent.end)
        if unnamed is not None:
            said = self.body[unnamed.start():unnamed.end()].rstrip(" .,;")
            return replace(draft, speaker=said, speaker_span=Span(unnamed.start(), unnamed.start() + len(said)),
                           via=(draft.speaker, *draft.via), kind="unnamed")
        return draft

    def _verb(self, sent: Sentence, text: str, before: Sentence | None) -> Draft | None:
        for t in sent.tokens:
            low = t.text.lower()
            if not (self.lex.say.fullmatch(low) or self.lex.deny.fullmatch(low)):
                continue
            actor, subject = self.subject_of(sent, t)
            if actor is None:
                continue
            if subject is None and actor.span.start > t.start:
                subject = next((x for x in sent.tokens if x.start >= actor.span.start), None)
            head = self.body[sent.start:t.start]
            if self.lex.back.search(head.lower()):  # "Об этом сообщил X": the sentence before
                if before is None:
                    return None
                return Draft(actor.canonical, t.text, Span(before.start, sent.end), Span(before.start, before.end),
                             actor.span, Span(t.start, t.end), kind=actor.label)
            quote = re.search(r"«([^»]*\s[^»]*\s[^»]*)»", text)  # a statement quoted, not a word in scare quotes
            after = re.search(r"(?:,\s*)?(?:что|що|чтобы|щоб)\s+", self.body[t.end:sent.end])
            if after is not None and after.start() < 40:
                content = Span(t.end + after.end(), sent.end)
            elif quote is not None:
                content = Span(sent.start + quote.start(1), sent.start + quote.end(1))
            elif subject is not None and subject.start > t.start:  # "... , — заявил X." : the content is before
                content = Span(sent.start, t.start)
            else:
                content = Span(t.end, sent.end)
            if content.end - content.start < 8:
                continue
            return Draft(actor.canonical, t.text, Span(sent.start, sent.end), content, actor.span,
                         Span(t.start, t.end), quote=quote.group(1) if quote else None, kind=actor.label)
        return None

    def _colon(self, sent: Sentence, text: str) -> Draft | None:
        """"Минобороны России: войска освободили ..." - a headline or lead that names its speaker."""
        m = re.match(r"([^:.!?]{2,60}):\s+\S", text)
        if m is None:
            return None
        actor = self.actor_in(sent.start, sent.start + m.end(1))
        if actor is None or self.body[actor.span.end:sent.start + m.end(1)].strip():
            return None
        return Draft(actor.canonical, ":", Span(sent.start, sent.end), Span(sent.start + m.end(1) + 1, sent.end),
                     actor.span, Span(sent.start + m.end(1), sent.start + m.end(1) + 1), kind=actor.label)


def _best(actors: list[Actor]) -> Actor | None:
    """A person before a body: "the spokesman of the Southern Defence Forces, Vladyslav Voloshyn"."""
    return next((a for a in actors if a.label == "person"), actors[0] if actors else None)


@dataclass(frozen=True)
class Owner:
    """Who speaks in a channel's posts, as the registry names them (``entry``), or as the channel
    names itself when the registry does not know it."""

    canonical: str
    entry: Entry | None = None


def channel_entry(name: str, kb: KB, username: str | None = None) -> Entry | None:
    """The registry's entry for a channel: by its t.me address, its name, either half of a name in
    two languages ("Генеральний штаб ЗСУ / General Staff ..."), or a registry name in it in any
    case ("Повітряні сили ЗС України")."""
    entry = kb.registry.by_domain(f"t.me/{username}") if username else None
    entry = entry or next((e for part in re.split(r"\s+[/|]\s+|\s+[—–-]\s+", name)
                           for e in kb.registry.lookup(part.strip(), weak=False)), None)
    if entry is None:
        found = sorted(registry_mentions(name, kb), key=lambda m: m[0] - m[1])
        entry = found[0][2] if found and found[0][1] - found[0][0] >= len(name) // 2 else None
    return entry


def channel_owner(article: Article, kb: KB) -> Owner | None:
    """Who speaks in a channel's posts: the channel's owner as the registry knows it, or, for a post
    forwarded from another channel, that channel's owner (named as the channel names itself when
    the registry does not know it). A media channel speaks as an outlet, whose own reporting is no
    claim; a channel the registry does not know is read like any outlet."""
    forwarded = article.meta.get("forwarded_from")
    channel = forwarded or article.meta.get("channel")
    if not channel:
        return None
    username = article.meta.get("forwarded_from_username" if forwarded else "username")
    entry = channel_entry(str(channel), kb, username)
    if entry is not None:
        return None if kb.registry.is_medium(entry.canonical) else Owner(entry.canonical, entry)
    return Owner(str(channel).strip()) if forwarded else None


def channel_via(article: Article, kb: KB) -> tuple[str, ...]:
    """A forwarded post reaches the channel's readers through the channel that forwarded it."""
    if not article.meta.get("forwarded_from"):
        return ()
    channel = str(article.meta.get("channel") or article.outlet)
    entry = channel_entry(channel, kb, article.meta.get("username"))
    return (entry.canonical if entry else channel,)


def make_claims_stage(kb: KB | None = None):
    @stage(requires=["parsed", "entities"], assigns=["claims"], name="claims")
    def cyrillic_claims(article: Article) -> Article:
        """Who said what in a Russian or Ukrainian body, and through whom."""
        article.claims = tuple(ClaimFinder(article, kb or KB.load()).run())
        return article

    return cyrillic_claims


# --- events --------------------------------------------------------------------------------------

MONTHS = {"январ": 1, "феврал": 2, "лют": 2, "март": 3, "берез": 3, "апрел": 4, "квіт": 4, "ма": 5, "трав": 5,
          "июн": 6, "черв": 6, "июл": 7, "лип": 7, "август": 8, "серп": 8, "сентябр": 9, "верес": 9, "октябр": 10,
          "жовт": 10, "ноябр": 11, "листопад": 11, "декабр": 12, "груд": 12, "січ": 1}
DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s+(январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
                       r"січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд)\w*(?:\s+(\d{4}))?", re.IGNORECASE)
RELATIVE_DAYS = [(re.compile(r"(?i)(?<!\w)(?:вчера|вчора|минувш\w+ сутки|минулої доби|минулу добу|прошедшие сутки)(?!\w)"), -1),
                 (re.compile(r"(?i)(?<!\w)(?:позавчера|позавчора)(?!\w)"), -2),
                 (re.compile(r"(?i)(?<!\w)(?:сегодня|сьогодні|этой ночью|цієї ночі|утром|вранці|сейчас|зараз)(?!\w)"), 0)]


NUMBERS = {"один": 1, "одна": 1, "два": 2, "две": 2, "дві": 2, "три": 3, "четыре": 4, "чотири": 4, "пять": 5, "п'ять": 5}
DAYS_AGO = re.compile(r"(?i)(?<!\w)(\d{1,2}|один|одна|два|две|дві|три|четыре|чотири|пять|п'ять)\s+"
                      r"(?:день|дня|дней|дні|днів)\s+(?:назад|тому)(?!\w)")
#: Monday .. Sunday, the stems of both languages
WEEKDAYS = (("понедельник", "понеділ"), ("вторник", "вівтор"), ("сред", "серед"), ("четверг", "четвер"),
            ("пятниц", "п'ятниц"), ("суббот", "субот"), ("воскресень", "неділ"))
WEEKDAY = re.compile(r"(?i)(?<!\w)(?:в|во|у)\s+(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|"
                     r"понеділок|вівторок|середу|четвер|п'ятницю|суботу|неділю)(?!\w)")


def sentence_date(text: str, published: str | None) -> tuple[str | None, str | None]:
    """The day a sentence tells of: a day and month ("5 декабря", "в ночь на 5 грудня"), a relative day
    ("вчера", "минулої доби", "три дня назад", "в воскресенье") against the publication date, else the
    publication date."""
    anchor = date.fromisoformat(published[:10]) if published else None
    m = DAY_MONTH.search(text)
    if m:
        stem = m.group(2).lower()
        month = next(v for k, v in MONTHS.items() if stem.startswith(k))
        year = int(m.group(3)) if m.group(3) else (anchor.year if anchor else None)
        if year is not None:
            try:
                day = date(year, month, int(m.group(1)))
            except ValueError:
                day = None
            if day is not None:
                if not m.group(3) and anchor is not None and day > anchor:
                    day = day.replace(year=year - 1)
                return day.isoformat(), "day"
    if anchor is not None:
        for pattern, shift in RELATIVE_DAYS:
            if pattern.search(text):
                return (anchor + timedelta(days=shift)).isoformat(), "day"
        if m := DAYS_AGO.search(text):
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1).lower()]
            return (anchor - timedelta(days=n)).isoformat(), "day"
        if m := WEEKDAY.search(text):  # the last such day on or before the post
            wanted = next(k for k, stems in enumerate(WEEKDAYS) if m.group(1).lower().startswith(stems))
            return (anchor - timedelta(days=(anchor.weekday() - wanted) % 7)).isoformat(), "day"
        return anchor.isoformat(), "article"
    return None, None


def find_events(article: Article) -> list[Event]:
    body = article.body or ""
    parsed: Parsed = article.parsed
    lex = lexicon()
    places = [(m.span, e) for e in article.entities if e.label == "location" for m in e.mentions]
    out: list[Event] = []
    for sent in parsed.sentences:
        text = body[sent.start:sent.end]
        low = text.lower()
        found = None
        for name, pattern in lex.events.items():
            m = pattern.search(low)
            if m is None:
                continue
            before = low[max(0, m.start() - 30):m.start()]
            if lex.prospective.search(before) or re.search(r"(?<!\w)(?:не|ні)\s+$", before):
                continue                                    # "пытались захватить", "не захватили"
            found = (name, m)  # the lexicon lists the types most telling first: ground taken before its assault
            break
        if found is None:
            continue
        name, m = found
        here = [e for span, e in places if sent.start <= span.start < sent.end]
        settlements = [e for e in here if e.kind in SETTLEMENTS]
        regions = [e for e in here if e.kind == "region"]
        districts = [e for e in here if e.kind == "raion"]
        locations = tuple(dict.fromkeys(e.canonical for e in (settlements or districts or regions or
                                                             [e for e in here if e.kind == "country"])))
        if lex.called_false.search(low, m.end()):
            continue                                        # "... не відповідає дійсності": a denial, no event
        when, precision = sentence_date(text, article.published)
        if not locations and out:  # "five people were injured": where and when the development before it was
            locations = out[-1].locations
            if precision == "article":
                when, precision = out[-1].date, out[-1].date_precision
        claim = next((c for c in article.claims if c.evidence.start <= sent.start and sent.end <= c.evidence.end
                      or c.content_span is not None and c.content_span.start <= sent.start < c.content_span.end), None)
        out.append(Event(id=f"{article.id}:e{len(out)}", type=name, evidence=Span(sent.start, sent.end),
                         locations=locations, date=when, date_precision=precision,
                         claimed_by=claim.speaker if claim else None, claim_id=claim.id if claim else None,
                         status="claimed" if claim else "reported",
                         trigger=Span(sent.start + m.start(), sent.start + m.end())))
    return out


@stage(requires=["parsed", "entities", "claims", "published"], assigns=["events"], name="events")
def cyrillic_events(article: Article) -> Article:
    """Typed, located, dated developments told in a Russian or Ukrainian body."""
    article.events = tuple(find_events(article))
    return article


def stages(kb: KB) -> list:
    """The per-article stages for Russian and Ukrainian, after the shared cleaning and metadata."""
    return [cyrillic_parse, make_entities_stage(kb), make_claims_stage(kb), cyrillic_events]
