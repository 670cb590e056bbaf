"""Who said what in a Russian or Ukrainian body, and through whom (:class:`ClaimFinder`): reporting
verbs and their subjects, sources after a preposition, frames pointing back, leads before a
colon, agencies citing their sources, and the voice of a Telegram channel's owner."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from sitroom.data import load_lexicon
from sitroom.extract.cyrillic.names import Names, registry_mentions
from sitroom.extract.cyrillic.parse import Parsed, Sentence, Token
from sitroom.kb import KB
from sitroom.kb.registry import Entry
from sitroom.model import Actor, Article, Claim, Span
from sitroom.pipeline import stage

PRONOUNS = frozenset({"он", "она", "они", "оно", "вони", "він", "вона", "воно"})


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
        self.names = Names.of(kb, article.language or "ru")

    def actor_in(self, start: int, end: int) -> Actor | None:
        """The first person or body named in ``[start, end)``."""
        return next((a for a in self.actors if start <= a.span.start < end and a.label != "location"), None)

    def actor_at(self, token: Token) -> Actor | None:
        return next((a for a in self.actors if a.span.start <= token.start < a.span.end and a.label != "location"), None)

    def metonym_at(self, token: Token) -> Actor | None:
        """The government a capital or its seat stands for as a speaker, as in English ("Кремль заявил",
        "в Москве заявили", "у Києві повідомили"): the registry's metonyms, by the word's dictionary form or
        the place the gazetteer reads it as."""
        if not token.text[:1].isupper():
            return None
        entry = self.kb.registry.metonym(self.names.morph.parse(token.text)[0].normal_form)
        if entry is None and (place := self.names.place(token.text, token.text)) is not None:
            entry = self.kb.registry.metonym(place.name)  # "Києві": the dictionary reads a name Кий
        if entry is None:
            return None
        return Actor(Span(token.start, token.end), entry.canonical, "metonym", side=entry.side)

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
            if t.head != cue.i or not (t.rel.startswith("nsubj") or t.rel in ("obl", "nmod")):
                continue
            named = self.actor_at(t)
            metonym = None if named else self.metonym_at(t)
            if t.rel.startswith("nsubj") or named or metonym:
                near = [named, *(self.actor_at(x) for x in sent.tokens if x.head == t.i)]
                actor = _best([a for a in near if a is not None]) or metonym
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
            via = channel_via(self.article, self.kb)
            for k, sent in enumerate(sentences):
                text = self.body[sent.start:sent.end]
                if k not in framed and any(p.search(text.lower()) for p in self.lex.events.values()):
                    drafts.append(Draft(self.owner, "posted", Span(sent.start, sent.end), Span(sent.start, sent.end),
                                        None, None, via=via, kind="channel"))
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
        actor = _best([a for a in self.actors if start <= a.span.start < window and a.label != "location"]) or next(
            (a for t in sent.tokens if start <= t.start < window and (a := self.metonym_at(t)) is not None), None)
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


def channel_owner(article: Article, kb: KB) -> str | None:
    """Who speaks in a channel's posts: the channel's owner as the registry names it, or, for a post
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
        return None if kb.registry.is_medium(entry.canonical) else entry.canonical
    return str(channel).strip() if forwarded else None


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
