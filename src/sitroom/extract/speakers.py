"""Who is speaking: a subject, agent or description resolved to a speaker.

Speakers resolve to the entities stage's actors (a person, a body, a side, the government behind a
metonym); pronouns and descriptions ("he", "the department") to the nearest compatible speaker
before them; an unnamed role to the person in the article who holds it; unnamed sources keep their
description ("source within the Russian military"). The reporting lexicon lives in
``data/lexicons/claims.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.data import load_lexicon
from sitroom.extract import gender
from sitroom.extract.entities import REGIONAL_BODY, _dateline, main_place, regional_body
from sitroom.extract.translit import ukrainian_person
from sitroom.model import Actor, Article

NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
BODY_WORDS = frozenset({"department", "ministry", "agency", "army", "military", "office", "service", "command",
                        "administration", "staff", "council", "committee", "channel", "outlet", "newspaper"})
#: what a speaker issues, which speaks for it when it has no other owner: "the statement said"
ISSUED = frozenset({"statement", "communique", "communiqué", "announcement", "post", "message", "update"})
COUNTRY = {"russia": "Russia", "ukraine": "Ukraine"}
#: roles one word names when the article has one holder: "a Russian governor said"
DISTINCT_ROLES = frozenset({"governor", "mayor", "president", "spokesman", "spokeswoman", "spokesperson",
                            "commander", "prosecutor", "ombudsman", "patriarch"})
#: a belligerent's forces named without the side ("according to the military")
GENERIC_FORCES = frozenset({"military", "army", "armed forces", "forces", "troops", "military command"})
ANALYSTS = frozenset({"analysts", "experts", "researchers", "the analysts", "the experts"})
#: experts or analysts of a named body speak for it ("ISW experts")
EXPERTS_OF = re.compile(r"(\S+(?:\s+\S+){0,3}?)\s+(?:experts|analysts|researchers|specialists)")
SIDE_WORDS = {"russia": re.compile(r"\b(?:Russia(?:'s|n)?|Moscow|Kremlin)\b"),
              "ukraine": re.compile(r"\b(?:Ukrain(?:e|e's|ian)|Kyiv|Kiev)\b")}
#: an outlet named with its kind: 'the "Unian" agency', "the Interfax news agency"
OUTLET_WORDS = re.compile(r"[\"'“”]?(.+?)[\"'“”]?\s+(?:news\s+)?(?:agency|outlet|newspaper|channel|website|portal|tv)",
                          re.I)
#: a time phrase caught in a description: "a Russian governor on Tuesday"
WHEN = re.compile(r"\s+(?:on|last|this|early|late)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                  r"week|weekend|month|morning|evening|night)\b.*$", re.I)
#: heads of a share of a group: "half of the residents", "73 percent of voters", "a majority"
SHARE_WORDS = frozenset({"percent", "%", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths",
                         "majority", "minority", "plurality", "most", "share", "proportion"})
#: words that show an article reports a poll, whose unnamed shares are its respondents
POLL = re.compile(r"\b(?:poll|polls|polling|survey|surveyed|respondents)\b", re.I)
DETERMINERS = re.compile(r"^(a|an|the|other|similar|some|several|many|numerous|various|unnamed|an unnamed)\s+", re.I)


@dataclass(frozen=True)
class Lexicon:
    reporting: frozenset[str]
    content_object: frozenset[str]
    surfacing: frozenset[str]
    communication: frozenset[str]
    unnamed: frozenset[str]
    hedges: frozenset[str]
    person_pronouns: frozenset[str]
    body_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = load_lexicon("claims")
    return Lexicon(*(frozenset(d[k]) for k in (
        "reporting_verbs", "content_object_verbs", "surfacing_verbs", "communication_nouns", "unnamed_heads",
        "hedges", "person_pronouns", "body_pronouns")))


# --- speakers -------------------------------------------------------------------------------------

def _subtree_span(token, exclude_deps=("relcl", "appos", "punct", "acl", "advcl", "prep")) -> tuple[int, int]:
    """Character extent of a noun phrase without its relative clauses and appositions."""
    keep = [token]
    stack = [c for c in token.children if c.dep_ not in exclude_deps or (c.dep_ == "prep" and c.i < token.i)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "appos", "punct", "acl"))
    start = min(t.idx for t in keep)
    end = max(t.idx + len(t.text) for t in keep)
    return start, end


def _full_np(token) -> tuple[int, int]:
    """Character extent of a noun phrase with its prepositional modifiers ("source within the army")."""
    keep = [t for t in token.subtree
            if t == token or (t.dep_ not in ("relcl", "punct") and not _inside_relcl(t, token)
                              and not (t.dep_ == "acl" and t.i > 0 and t.doc[t.i - 1].text == ","))]
    inside = {t.i for t in token.subtree}  # (a set: asking the subtree itself walks it every time)
    keep = [t for t in keep if t == token or not (t.dep_ == "appos" or any(
        a.dep_ == "appos" and a != token for a in t.ancestors if a.i in inside))]
    return min(t.idx for t in keep), max(t.idx + len(t.text) for t in keep)


def _inside_relcl(t, root) -> bool:
    for a in t.ancestors:
        if a == root:
            return False
        if a.dep_ in ("relcl", "acl") and a.i > root.i:
            return True
    return False


#: a title of capitalised words ("Commander-in-Chief of the Armed Forces of Ukraine ") right before a name
TITLE_CHAIN = re.compile(r"(?:(?:[A-Z][\w'-]*|of|the|for)\s+)+")
#: words that make ", ..., " beside a name a clause, not the role the article gives the person
NOT_A_ROLE = re.compile(r"\b(?:said|says|told|who|which|and)\b")


def _role_words(text: str) -> set[str]:
    """The words of a role that can tell two roles apart (four letters or more, lower-cased)."""
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}


#: "Firstname Lastname, the role," in running text
NAME_WITH_ROLE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][\w'-]+){1,2}), ([^,.;:()\"“”]{3,70}),")


def in_dateline(token) -> bool:
    """A token of the dateline a wire copy starts with ("WASHINGTON --", "KYIV, May 13 (Reuters) -")."""
    first = token.left_edge if token.left_edge.text.isupper() else token
    span = token.doc[first.i:token.i + 1]
    return _dateline(span, span.text)


class Speakers:
    """Resolves a subject to a speaker, remembering who spoke last for pronouns."""

    def __init__(self, article: Article, registry=None):
        self.article = article
        self.registry = registry
        self.actors = sorted(article.actors, key=lambda a: a.span.start)
        self.history: list = []  # the claim drafts so far (sitroom.extract.claims.Draft), newest last
        self._roles: list[tuple[str, set[str]]] | None = None  # "Name, role," pairs of the body
        self._genders: dict[str, str] | None = None  # people's genders, read when a pronoun needs them
        self._group: str | None = None  # the last group a share of it spoke for ("of voters")
        self.lex = lexicon()
        self.place_kinds = {e.canonical: e.kind for e in article.entities if e.label == "location"}

    def actor_at(self, token) -> Actor | None:
        """The actor whose mention contains the head token of a speaker phrase."""
        return self.actor_at_offset(token.idx)

    def actor_at_offset(self, at: int) -> Actor | None:
        """The actor whose mention contains a character offset of the body."""
        return next((a for a in self.actors if a.span.start <= at < a.span.end), None)

    def resolve(self, token) -> tuple[str, str, str | None] | None:
        """(speaker, kind, side) for the head token of a speaker phrase, or None."""
        found = self._resolve(token)
        return self._refine(found, token) if found is not None else None

    def _resolve(self, token) -> tuple[str, str, str | None] | None:
        lower = token.lower_
        if in_dateline(token):
            return None  # "WASHINGTON -- The president said": where the report was filed, not who speaks
        if lower in self.lex.person_pronouns:
            return self._previous("person", token.idx, lower)
        if (share := self._share(token)) is not None:
            return share  # "six in 10 voters say", "half of the residents said"
        actor = self.actor_at(token)
        if actor is None and lower in ISSUED:
            if (body := self._body_in_front(token)) is not None:
                return body  # "the Russian defence ministry statement said": the ministry's
            if self.history and not any(c.dep_ in ("poss", "compound", "amod", "prep") for c in token.children):
                return self.last()  # "..., the statement said": the statement of whoever spoke just before
        if actor is None and (lower in ("it", "they") or (token.pos_ == "NOUN" and lower in BODY_WORDS)):
            found = self._previous_body(lower, token.idx)
            if found:
                return found
        if actor is None:  # "the Ukrainian outlet Strana"
            actor = next((a for c in token.children if c.dep_ == "appos" and (a := self.actor_at(c))), None)
        if actor is not None and actor.label == "location":
            if self._is_country(actor):
                return self._country(actor)
            if token.ent_type_ != "PERSON":
                return None
            actor = None  # a person whose name is also a place ("Clinton", "Warren")
        if actor is not None:
            return actor.canonical, "person" if actor.label == "person" else "organization", actor.side
        if lower in self.lex.unnamed or token.lemma_ in self.lex.unnamed:
            found = self._unnamed(token)
            if found[1] == "unnamed" and (body := self._body_in_front(token)) is not None:
                return body  # "the DeepState monitoring group": the body named in front of the word
            return found
        start, end = _subtree_span(token)
        text = self.article.body[start:end]
        if self.registry is not None and token.pos_ != "PRON":
            words = DETERMINERS.sub("", text).replace("’", "'").split()
            for k in range(len(words) - 1):  # "the army's general staff" -> "general staff", never one word
                entry = self.registry.resolve(" ".join(words[k:]), text=self.article.body, at=token.idx)
                if entry is not None and entry.label == "organization":
                    return entry.canonical, "organization", entry.side
        if lower in BODY_WORDS:  # "the regional military administration": an institution the registry lacks
            return self._unnamed(token)
        if token.pos_ == "PROPN" and token.ent_type_ not in NOT_SPEAKERS:
            return ukrainian_person(text), "unknown", None
        return None

    # --- descriptions made specific from the article ---------------------------------------------

    def _refine(self, found: tuple[str, str, str | None], token) -> tuple[str, str, str | None]:
        """A description or a bare name made specific from the article: "the regional prosecutor's
        office" is the prosecutor's office of the article's oblast, "the military" and an unqualified
        "defence ministry" belong to a side, "Vodolatsky" is the Viktor Vodolatsky named before."""
        name, kind, side = found
        start, end = _full_np(token)
        phrase = self.article.body[start:end]
        if kind != "person":  # "Head of the Kharkiv Regional Military Administration Oleh Syniehubov"
            person = next((a for a in self.actors if a.label == "person" and start <= a.span.start <= end
                           and (a.span.end == end or TITLE_CHAIN.fullmatch(self.article.body[token.idx:a.span.start]))
                           and not re.search(r",|\band\b|\bor\b", self.article.body[token.idx:a.span.start])), None)
            if person is not None:
                return person.canonical, "person", person.side
        entry = self.registry.get(name) if self.registry is not None else None
        if entry is not None and entry.kind == "platform" and len(phrase.split()) > 1:
            # "Ukrainian Telegram channels": many channels on a platform, not the platform speaking
            return DETERMINERS.sub("", phrase).strip(), "unnamed", side
        if kind != "person" and (m := OUTLET_WORDS.fullmatch(DETERMINERS.sub("", name).strip())):
            named = self.registry.resolve(m.group(1)) if self.registry is not None else None
            if named is not None and named.label == "organization":  # 'the "Unian" agency'
                return named.canonical, "organization", named.side
        if kind == "unnamed" and name.lower() in self.lex.communication and (author := self._author_of(name, start)):
            return author  # "the report" of the institute named with it before
        if kind == "unnamed" and (bare := WHEN.sub("", name)) != name:  # "a Russian governor on Tuesday"
            return self._person_with_role(bare) or (bare, kind, side)
        if kind == "unnamed" and len(name.split()) > 1 and (person := self._person_with_role(name)):
            return person  # "the local police chief": the person the article names with that role
        if kind != "person" and (m := REGIONAL_BODY.search(phrase)):
            made = self._regional(m.group(1).lower(), m.group(2))
            if made is not None:
                return made
        if kind in ("unnamed", "unknown", "organization") and side is None:
            bare = DETERMINERS.sub("", name.lower()).strip()
            if bare in GENERIC_FORCES and (who := self._side_of_context(start)):
                return self._entry_or(f"Armed Forces of {COUNTRY[who]}", who)
            named = [side for side, pattern in SIDE_WORDS.items() if pattern.search(phrase)]
            if entry is not None and entry.kind in ("government", "military") and entry.side is None \
                    and (who := (named[0] if len(named) == 1 else self._side_of_context(start, body=name))):
                specific = self.registry.get(f"{name} of {COUNTRY[who]}")
                if specific is not None:
                    return specific.canonical, "organization", specific.side
        bare_name = DETERMINERS.sub("", name).strip()
        if kind in ("organization", "unnamed") and side is None and len(bare_name.split()) >= 2 \
                and self.registry is not None:  # "the General Staff" after "Ukraine's General Staff": the same body
            meant = {e.canonical for e in self.registry.lookup(bare_name)}
            earlier = next((d for d in reversed(self.history) if d.speaker in meant), None)
            if earlier is not None:
                return earlier.speaker, earlier.speaker_kind, earlier.side
        if kind in ("unknown", "person") and re.fullmatch(r"[A-Z][\w'-]+", name):
            person = self._person_by_surname(name, start)
            if person is not None:
                return person
        if kind == "unnamed" and DETERMINERS.sub("", name.lower()).strip() in ANALYSTS:
            tanks = {a.canonical: a for a in self.actors if a.label == "organization" and self.registry is not None
                     and (e := self.registry.get(a.canonical)) is not None and e.kind in ("think tank", "osint")}
            if len(tanks) == 1:  # "analysts note" in a piece on one institute's assessment: its analysts
                a = next(iter(tanks.values()))
                return a.canonical, "organization", a.side
        if m := EXPERTS_OF.fullmatch(name):  # "ISW experts": the institute speaks through them
            entry = self.registry.resolve(m.group(1)) if self.registry is not None else None
            if entry is not None and entry.label == "organization":
                return entry.canonical, "organization", entry.side
        return found

    def _author_of(self, noun: str, at: int) -> tuple[str, str, str | None] | None:
        """Who made "the report": the organisation named next to the same noun earlier."""
        body = self.article.body
        for m in reversed(list(re.finditer(rf"\b{re.escape(noun.lower())}\b", body[:at].lower()))):
            near = [a for a in self.actors if a.label == "organization" and not a.generic
                    and abs(a.span.start - m.start()) <= 60]
            if near:
                a = min(near, key=lambda a: abs(a.span.start - m.start()))
                return a.canonical, "organization", a.side
        return None

    def _named(self, name: str):
        """The registry entry whose canonical name or alias is ``name`` (no guessing)."""
        return next(iter(self.registry.lookup(name, label="organization", weak=False)), None) if self.registry else None

    def _entry_or(self, name: str, side: str) -> tuple[str, str, str | None]:
        entry = self._named(name)
        return (entry.canonical, "organization", entry.side) if entry is not None else (name, "organization", side)

    def _regional(self, level: str, body: str) -> tuple[str, str, str | None] | None:
        city = level not in ("regional", "oblast")
        place = main_place(self.article.entities, region=not city)
        if place is None or self.registry is None:
            return None
        name, entry = regional_body(f"{place} City" if city else place, body, self.registry)
        if entry is not None:
            return entry.canonical, "organization", entry.side
        in_ukraine = any(e.canonical in name and e.country == "UA" for e in self.article.entities if e.label == "location")
        return name, "organization", "ukraine" if in_ukraine else None

    def _side_of_context(self, at: int, body: str | None = None) -> str | None:
        """The side a bare "the military" or "the defence ministry" belongs to: the same body named
        with its side earlier in the article, else the side of the last speaker that has one, else
        the outlet's own side, else the side named last before it in the paragraph."""
        if body is not None:
            for actor in reversed([a for a in self.actors if a.span.end <= at]):
                if actor.canonical.startswith(f"{body} of ") and actor.side in COUNTRY:
                    return actor.side
        for draft in reversed(self.history):  # the side that has been speaking
            if draft.side in COUNTRY:
                return draft.side
        outlet = self.registry.outlet(self.article.outlet) if self.registry is not None and self.article.outlet else None
        if outlet is not None and outlet.side in COUNTRY:
            return outlet.side
        window = self.article.body[max(0, at - 300):at]
        window = window[window.rfind("\n\n") + 2:] if "\n\n" in window else window
        hits = [(m.start(), side) for side, pattern in SIDE_WORDS.items() for m in pattern.finditer(window)]
        return max(hits)[1] if hits else None

    def _person_by_surname(self, surname: str, at: int) -> tuple[str, str, str | None] | None:
        """A bare surname: the person named in full earlier (spelling variants within a small distance)."""
        from rapidfuzz import fuzz

        best = None
        for actor in self.actors:
            if actor.label != "person" or " " not in actor.canonical:
                continue
            last = actor.canonical.split()[-1]
            if last.lower() == surname.lower() or fuzz.ratio(last.lower(), surname.lower()) >= 85:
                best = actor
                if actor.span.start < at:
                    continue
                break
        return (best.canonical, "person", best.side) if best else None

    def named_within(self, token) -> list[tuple[str, str, str | None]]:
        """Named bodies and people inside an unnamed group: 'bloggers ..., Readovka and Grey Zone'."""
        start, end = _full_np(token)
        found = []
        for actor in self.actors:
            before = self.article.body[max(start, actor.span.start - 20):actor.span.start].lower()
            if re.search(r"\b(?:to|within|of|from|in|with|near|inside)\s+(?:the\s+)?$", before):
                continue  # "bloggers close to the Russian military": not one of the speakers
            if (start <= actor.span.start and actor.span.end <= end and not actor.generic
                    and actor.label in ("person", "organization") and actor.span.start > token.idx):
                found.append((actor.canonical, "person" if actor.label == "person" else "organization", actor.side))
        return found

    def _body_in_front(self, token) -> tuple[str, str, str | None] | None:
        actor = next((a for t in token.lefts if t.dep_ in ("compound", "nmod", "amod")
                      for u in t.subtree if (a := self.actor_at(u)) is not None
                      and a.label == "organization" and not a.generic), None)
        return (actor.canonical, "organization", actor.side) if actor is not None else None

    def _unnamed(self, token) -> tuple[str, str, str | None]:
        start, end = _full_np(token)
        phrase = self.article.body[start:end]
        text = DETERMINERS.sub("", phrase).strip()
        start += len(phrase) - len(phrase.lstrip()) + (len(phrase.strip()) - len(text))  # where the words kept begin
        text = re.sub(r"\s+for\s+the\s+", " of the ", text)
        text = re.sub(r"^(?:other|similar|some|several|many)\s+", "", text, flags=re.I)
        role_match = self._person_with_role(text)
        if role_match:
            return role_match
        first = next((t for t in token.subtree if t.idx == start), None)
        if text and (first is None or (first.pos_ != "PROPN" and first.ent_type_ not in ("NORP", "GPE"))):
            text = text[:1].lower() + text[1:]  # a sentence-initial capital is not part of the name
        return text, "unnamed", None

    def _share(self, token) -> tuple[str, str, str | None] | None:
        """A share of a group speaking, as in polls and surveys ("Nine in 10 registered voters say",
        "about half of the residents said"): the group, an unnamed source. A share with no group
        ("A third said", "73 percent say") is of the group counted before it, else, in an article
        about a poll, its respondents."""
        if token.tag_ in ("NNS", "NNPS") and any(
                c.dep_ in ("nummod", "quantmod") and any(g.lower_ in ("in", "of") for g in c.subtree)
                or c.dep_ in ("amod", "det") and c.lower_ in ("most", "many")
                for c in token.children):  # "Seven in 10 Ukrainians", "most Russians": the group
            name = self._unnamed(token)[0]
            self._group = name = re.sub(r"^(?:most\s+|\w+(?:-\w+)?\s+(?:in|out\s+of)\s+\d+\s+)", "", name, flags=re.I)
            return name, "unnamed", None
        if not (token.lemma_.lower() in SHARE_WORDS or token.pos_ == "NUM" and token.ent_type_ != "DATE"):
            return None
        group = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                      for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
        if group is not None:
            name = self._unnamed(group)[0]
            self._group = name
            return name, "unnamed", None
        if self._group is not None:
            return self._group, "unnamed", None
        if POLL.search(self.article.body or ""):
            return "poll respondents", "unnamed", None
        return None

    def _person_with_role(self, description: str) -> tuple[str, str, str | None] | None:
        """'the White House national security adviser' -> the person in the article with that role."""
        words = _role_words(description) - {"head", "deputy", "with", "from"}
        best, best_n = None, 1
        single = []
        for actor in self.actors:
            role = " ".join(filter(None, (actor.role, self._apposition_role(actor))))
            if actor.label != "person" or not role:
                continue
            shared = words & _role_words(role)
            if len(shared) > best_n:
                best, best_n = actor, len(shared)
            if shared & DISTINCT_ROLES and actor.canonical not in [a.canonical for a in single]:
                single.append(actor)
        if best is None and len(single) == 1:  # "the governor": the one governor in the article
            best = single[0]
        if best is None:
            return self._named_with_role(words)
        return best.canonical, "person", best.side

    def _named_with_role(self, words: set[str]) -> tuple[str, str, str | None] | None:
        """A name the article gives that role beside it ("Oleksiy Kharkivskiy, Vovchansk's patrol
        police chief, said"), for names the entity stage did not keep as a person."""
        if self._roles is None:  # read once per article: a long one has many
            self._roles = [(m.group(1), _role_words(m.group(2))) for m in NAME_WITH_ROLE.finditer(self.article.body or "")
                           if not NOT_A_ROLE.search(m.group(2))]
        for name, role in self._roles:
            if len(words & role) >= 2:
                return ukrainian_person(name), "person", None
        return None

    def _apposition_role(self, actor: Actor) -> str:
        """The role the article gives a named person beside the name: "Jane Roe, the town's police
        chief, said" -> "the town's police chief"."""
        after = self.article.body[actor.span.end:actor.span.end + 90]
        m = re.match(r",\s+([^,.;:()\"“”]{3,70}),", after)
        return m.group(1) if m and not NOT_A_ROLE.search(m.group(1)) else ""

    def _is_country(self, actor: Actor) -> bool:
        if self.place_kinds.get(actor.canonical) == "country":  # "Chile said": a country outside the registry too
            return True
        if self.registry is None:
            return actor.side is not None
        return any(self.registry.get(name) is not None
                   for name in (f"Government of {actor.canonical}", f"Government of the {actor.canonical}"))

    def _country(self, actor: Actor) -> tuple[str, str, str | None]:
        """'Russia has described ...': the side's most recent speaker, else its government."""
        for draft in reversed(self.history):
            if draft.side and draft.side == actor.side and draft.speaker_kind == "organization":
                return draft.speaker, draft.speaker_kind, draft.side
        name = actor.canonical
        ministry = self.registry.get(f"Ministry of Defence of {name}") if self.registry is not None else None
        if ministry is not None and any(a.canonical in ("Ministry of Defence", ministry.canonical) for a in self.actors):
            # "Russia said its forces took six villages" in a piece where its defence ministry speaks
            return ministry.canonical, "organization", ministry.side
        if self.registry is not None:
            for candidate in (f"Government of {name}", f"Government of the {name}"):
                if (entry := self.registry.get(candidate)) is not None:
                    return entry.canonical, "organization", entry.side
        return f"Government of {name}", "organization", actor.side

    def _previous(self, kind: str, at: int, pronoun: str | None = None) -> tuple[str, str, str | None] | None:
        """The nearest person named before ``at``: a person entity, or a speaker read as a name that
        the entities missed ("Maria Lopez said ... She said ..."); for "he" or "she", the nearest
        one the article does not show to be of the other gender (``sitroom.extract.gender``)."""
        wanted = gender.PRONOUNS.get(pronoun or "")
        if wanted is not None and self._genders is None:
            self._genders = gender.genders(self.article.body or "", self.actors, self.registry)

        def fits(name: str) -> bool:
            known = self._genders.get(name) or gender.name_gender(name) if wanted else None
            return known is None or known == wanted

        actor = next((a for a in reversed([a for a in self.actors if a.span.end <= at])
                      if a.label == kind and fits(a.canonical)), None)
        spoke = next((d for d in reversed(self.history) if d.speaker_kind == "unknown" and d.speaker_span is not None
                      and d.speaker_span.end <= at and " " in d.speaker and fits(d.speaker)), None)
        if spoke is not None and (actor is None or actor.span.end < spoke.speaker_span.start):
            return spoke.speaker, "person", spoke.side
        return (actor.canonical, kind, actor.side) if actor is not None else None

    def _previous_body(self, word: str, at: int) -> tuple[str, str, str | None] | None:
        bodies = [d for d in self.history if d.speaker_kind == "organization"]
        for draft in reversed(bodies):
            if word in draft.speaker.lower():
                return draft.speaker, draft.speaker_kind, draft.side
        if word in ("they", "their"):  # "Officials said ... They added": a group that spoke, or a body
            bodies = [d for d in self.history if d.speaker_kind == "organization"
                      or d.speaker_kind == "unnamed" and re.search(r"[a-z]s$", d.speaker)]
        if word in ("it", "they", "its", "their"):
            return (bodies[-1].speaker, bodies[-1].speaker_kind, bodies[-1].side) if bodies else None
        named = [a for a in self.actors if a.span.end <= at and a.label == "organization" and not a.generic
                 and word in a.canonical.lower().split()]  # "the ministry" after "the Defence Ministry's claims"
        return (named[-1].canonical, "organization", named[-1].side) if named else None

    def last(self) -> tuple[str, str, str | None] | None:
        if not self.history:
            return None
        d = self.history[-1]
        return d.speaker, d.speaker_kind, d.side
