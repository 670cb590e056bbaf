"""Attributed claims: who said what, through whom.

Constructions found with spaCy's dependency parse, sentence by sentence (repeated and restating
paragraphs, the headline and the standfirst are skipped: they are not new evidence):

* a reporting verb with its subject ("X said that ...", "X announced the deployment"), its agent
  ("as noted by X"), or the subject of the clause it hangs on ("..., stating, '...'");
* "according to X", "according to statements by X", "according to information cited by X";
* "X reported, citing Y": the speaker is Y, reached through X (``via``);
* reports that surface ("reports have emerged of ...") and impersonal passives ("it was suggested"),
  which continue the previous speaker's briefing, or name a group ("speculated among analysts").

Speakers resolve to the entities stage's actors (a person, a body, a side, the government behind a
metonym); pronouns and descriptions ("he", "the department") to the nearest compatible speaker
before them; unnamed sources keep their description ("source within the Russian military").
Inline attribution tags add the outlet a paragraph came through to ``via``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from sitroom.clean.rules import is_headline_like
from sitroom.extract.cues import CueModel, cue_model
from sitroom.extract.speakers import (
    BODY_WORDS,
    DETERMINERS,
    NOT_SPEAKERS,
    TITLE_CHAIN,
    Lexicon,
    Speakers,
    _full_np,
    _subtree_span,
    in_dateline,
    lexicon,
)
from sitroom.extract.voices import BULLET, digest_source, through_wire
from sitroom.kb import KB
from sitroom.kb.registry import MEDIA_KINDS
from sitroom.model import Article, Claim, Entity, Mention, Span, SpanSet
from sitroom.pipeline import stage

#: "This is stated in a report by X", "This was reported by X"
STATED_BY = re.compile(r"^(?:this|that|it)\s+(?:is|was|has been)\s+(?P<cue>stated|reported|said|announced|written)"
                       r"(?:\s+in\s+(?:a|an|the|its)\s+\w+)?\s+by\s+", re.I)
#: a report whose content is the sentence before: "X reported on this", "X said so"
ABOUT_THIS = re.compile(r"\b(?:reported|said|wrote|stated|announced|confirmed)\s+(?:on\s+|about\s+)?(?:this|that|so|it)"
                        r"\s*\.?$", re.I)
#: how a quotation ends: a frame alone after one speaks it ('"Will it hold?" the commander asked.')
CLOSING_QUOTES = ('"', "”", "»", "''")
#: a transcript's speaker label opening a paragraph: "PENCE: Well, ...", "Kaja Kallas: We will ..."
SPEAKER_LABEL = re.compile(r"[\"“]?(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):[ \t]+(?=\S)")
#: a post quoted under a label: "Quote: ...", "The post reads: ..."
QUOTE_LABEL = re.compile(r"^(?:quote|the (?:post|statement|message) reads)\s*:\s*", re.I)
#: a line naming where a post comes from: "Source: the Kharkiv Oblast Prosecutor's Office"
SOURCE_LINE = re.compile(r"^source\s*:\s*(?!https?:|www\.)(.{3,120})$", re.I)


def _closes_quote(text: str, opening: bool) -> bool:
    """Whether a sentence of a running quotation ends it (its quotation marks balance to a close)."""
    marks = len(re.findall(r"[\"“”«»]", text))
    return marks % 2 == 0 if opening else marks % 2 == 1


QUOTES = re.compile(r"“([^”]{2,})”|\"([^\"]{2,})\"|«([^»]{2,})»|„([^“”]{2,})[“”]")
#: the marks that open or close a quotation, as the tokenizer leaves them
QUOTE_MARKS = frozenset({"\"", "“", "”", "«", "»", "„", "``", "''"})


@dataclass
class Draft:
    """A claim while it is being assembled."""

    speaker: str
    speaker_kind: str
    cue: str
    sentence: Span
    content: str
    via: list[str] = field(default_factory=list)
    cue_at: int = 0
    side: str | None = None
    speaker_span: Span | None = None
    cue_span: Span | None = None
    content_span: Span | None = None
    quote: str | None = None  # a quotation the sentence splitter cut apart ("Quote: ..." over paragraphs)


# --- constructions ------------------------------------------------------------------------------

def _across_quote(token, verb) -> bool:
    """Whether a quotation mark stands alone between a token and its verb: the token is inside a
    quotation and the verb outside ('"My reaction was anger," the governor said')."""
    lo, hi = sorted((token.i, verb.i))
    return sum(1 for t in token.doc[lo + 1:hi] if t.text in QUOTE_MARKS) % 2 == 1


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl") and not in_dateline(child) and not (
                child.i < verb.i and _across_quote(child, verb)):  # not "WASHINGTON --", nor words quoted before the frame
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                if verb.head.ent_type_ in NOT_SPEAKERS:
                    return None  # "... on Monday, which admitted": a misattached clause, not a speaker
                return verb.head  # "McConnell, who said ...": the noun the clause hangs on
            return child
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and (
            verb.head.dep_ == "ROOT" or verb.head.lemma_.lower() in lexicon().reporting):
        return _subject(verb.head)  # "..., stating, '...'" and "X echoed ..., indicating that ..."
    if (doer := _doer(verb)) is not None:
        return doer
    if verb.dep_ == "relcl":
        return verb.head  # "the general staff, which admitted that ..."
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "reports ... claiming that ..."
    return None


def _doer(verb, steps: int = 3):
    """The subject of the action a participle or a second verb goes with, up the chain of verbs
    it hangs on: "took a heckler in stride, saying ...", "tripped him up by calling him ...",
    "unleashed attacks, calling ...". Not through a reported clause: "said the troops advanced,
    saying" is not the troops'."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.dep_ == "prep":
        head = head.head  # "by calling him out": the verb the preposition hangs on
    elif verb.dep_ not in ("conj", "advcl", "xcomp"):
        return None
    if head is verb or head.pos_ not in ("VERB", "AUX") or head.dep_ in ("ccomp", "relcl", "acl", "pcomp"):
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        return None if subject.dep_ == "nsubjpass" or subject.lower_ in ("who", "which", "that") else subject
    return _doer(head, steps - 1) if steps > 1 else None


def _agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _complement(verb, lex: Lexicon):
    """The content of a reporting verb, or None when it reports nothing ("stress the importance")."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "advcl" and child.lemma_ not in lex.reporting):
            marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
            if child.dep_ == "advcl" and marks != ["that"] and not (
                    not marks and child.i > verb.i and any(c.dep_ == "nsubj" for c in child.children)):
                continue  # (a clause with its own subject and no "when" or "if": "said after X he would ...")
            return child
    for child in verb.children:
        if child.dep_ == "dobj" and verb.lemma_ in lex.content_object:
            return child
        if child.dep_ == "prep" and child.lower_ in PREP_COMPLEMENTS.get(verb.lemma_.lower(), ()):
            return child
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and verb.head != verb:
        return verb.head  # "As noted by X, <the main clause>"
    if verb.dep_ == "parataxis" and verb.head != verb and any(c.dep_ == "nsubj" for c in verb.children):
        return verb.head  # "The test, North Korea said, was its biggest": the clause it interrupts
    return None


#: verbs that name a thing as something: "called the report a fabrication", "labelled them traitors"
NAMING_VERBS = frozenset({"call", "label", "brand", "dub", "term", "deem"})


def _named_as(verb) -> Span | None:
    """"The ministry called the report unsubstantiated": a judgement stated by naming an object as
    something; the content runs from the object to the end of what it is called."""
    if verb.lemma_.lower() not in NAMING_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    if len(objects) < 2 or objects[0].dep_ != "dobj":
        return None
    last = objects[-1]
    start, end = objects[0].left_edge, last.right_edge
    while end.is_punct and end.i > start.i:
        end = end.nbor(-1)
    return Span(start.idx, end.idx + len(end.text))


#: Reporting verbs whose content can come as a prepositional phrase ("described X as Y").
PREP_COMPLEMENTS = {"describe": ("as",), "characterize": ("as",), "characterise": ("as",), "call": ("for",),
                    "warn": ("of", "about", "against"), "speak": ("of", "about"), "complain": ("about", "of"),
                    "write": ("about", "of"), "talk": ("about", "of"), "boast": ("of", "about"),
                    "report": ("on",), "comment": ("on",), "accuse": ("of",), "blame": ("for",),
                    "charge": ("with",), "point": ("to",), "appeal": ("for", "to"), "ask": ("for",),
                    "praise": ("for",), "criticize": ("for",), "criticise": ("for",)}


def _conjuncts(token) -> list:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def heads_of(target, resolved) -> list:
    """The speaker tokens that go with a list of resolved speakers (conjuncts, or the target)."""
    conj = _conjuncts(target)
    return conj if len(conj) == len(resolved) else [target] * len(resolved)


def _according_to(sent):
    """Yields (head token of X, frame end) for 'according to X' in the sentence."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            to = token.doc[token.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                yield pobj


def _source_of_communication(noun, lex: Lexicon):
    """'statements by X', 'information cited by X', 'data from X' -> X, else None."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ == "acl":
            agent = _agent(child)
            if agent is not None:
                return agent
    return None


#: what a source cites that is its evidence, not a speaker: "citing data from the front" speaks as data
CITED_RECORDS = frozenset({"data", "figure", "figures", "statement", "statements", "document", "documents",
                           "footage", "intelligence", "information", "estimate", "estimates", "assessment"})


#: verbs of answering, which say nothing when refused or negated
ANSWERS = frozenset({"comment", "respond", "reply", "react", "answer", "confirm"})


def _says_nothing(verb) -> bool:
    """'Declined to comment', 'did not respond to a request', 'has yet to confirm': no claim made."""
    if verb.lemma_.lower() not in ANSWERS:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_.lower() in ("decline", "refuse", "fail") or (
        head.lemma_.lower() in ("be", "have") and any(c.lower_ == "yet" for c in head.children)) or any(
        c.dep_ == "neg" for c in head.children))


def _quoted_as(verb):
    """'<outlet> quoted <speaker> as saying ...': (the speaker, the outlet) for the verb "saying"."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or verb.head.head.lemma_.lower() not in ("quote", "cite"):
        return None
    frame = verb.head.head
    speaker = next((c for c in frame.children if c.dep_ == "dobj"), None)
    relay = next((c for c in frame.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (speaker, relay) if speaker is not None else None


def _cited_source(cite):
    """The object of "citing": a source ("a source in the military", "the ministry", "data from the
    General Staff"), or None for a reason ("said, citing the release of prisoners")."""
    obj = next((c for c in cite.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    unnamed = lexicon().unnamed
    if (obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or obj.lower_ in unnamed or obj.lemma_.lower() in unnamed or obj.lower_ in BODY_WORDS | CITED_RECORDS):
        return obj
    return None


def _citing(verb):
    """'X reported, citing Y' -> Y, when Y is a source."""
    for child in verb.children:
        if child.lemma_ == "cite" and child.dep_ in ("advcl", "xcomp", "conj", "dep", "acl"):
            if (obj := _cited_source(child)) is not None:
                return obj
    return None


def _among(verb):
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "among":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _token_span(token) -> Span | None:
    return None if token is None else Span(token.idx, token.idx + len(token.text))


def _phrase_span(token) -> Span | None:
    if token is None:
        return None
    start, end = _full_np(token) if token.pos_ in ("NOUN", "PROPN", "PRON") else _subtree_span(token)
    return Span(start, end)


def _clause_span(token) -> Span | None:
    if token is None:
        return None
    words = [t for t in token.subtree if not t.is_punct or t.i not in (token.left_edge.i, token.right_edge.i)]
    if words and words[0].lower_ in ("that", "of", "as", "about"):
        words = words[1:]
    return Span(words[0].idx, words[-1].idx + len(words[-1].text)) if words else None




# --- assembling claims --------------------------------------------------------------------------------

def _quote_spans(body: str) -> list[tuple[int, int]]:
    """Inner extents of quotations, within one paragraph each."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+", body):
        for m in QUOTES.finditer(paragraph.group(0)):
            group = next(g for g in range(1, 5) if m.group(g) is not None)
            spans.append((paragraph.start() + m.start(group), paragraph.start() + m.end(group)))
    return spans


def skipped_spans(article: Article) -> list[Span]:
    """Headline and repeated paragraphs: no new evidence there. A standfirst written as a sentence is
    kept: on news pages it is often the lead, and the only place its claim is attributed ("...,
    the BBC reports"); one that reads as a second headline is not."""
    body = article.body or ""
    spans = [d.span for d in article.duplicates]
    for text in (article.title, article.subtitle if article.subtitle and is_headline_like(article.subtitle) else None):
        if text and (at := body.find(text)) >= 0 and (at == 0 or body[at - 2:at] == "\n\n"):
            spans.append(Span(at, at + len(text)))
    return spans


def _is_impersonal(subject, verb) -> bool:
    return subject is not None and subject.lower_ == "it" and (
        subject.dep_ in ("nsubjpass", "expl") or any(c.dep_ == "auxpass" for c in verb.children))




@lru_cache(maxsize=1)
def _directives() -> frozenset[str]:
    from sitroom.data import load_lexicon

    return frozenset(load_lexicon("claims").get("directive_verbs", ()))


#: how sure the cue model must be to take a verb's object as what was said ("praised the work of X")
OBJECT_CUE = 0.7
#: how sure the cue model must be before a subject the article does not name speaks as a description
DESCRIBED_CUE = 0.5


class ClaimFinder:
    def __init__(self, article: Article, registry=None, cues: CueModel | None = None):
        self.article = article
        self.body = article.body or ""
        self.lex = lexicon()
        self.cues = cues  # learned cues beside the lexicon (sitroom.extract.cues); None: the lexicon alone
        self.speakers = Speakers(article, registry)
        self.quotes = _quote_spans(self.body)
        self.skipped = skipped_spans(article)
        self.skipped_set = SpanSet((s.start, s.end) for s in self.skipped)
        self.registry = registry
        self._tokens: dict[int, object] = {}  # character offset -> token, filled as cues are looked at

    def run(self) -> list[Claim]:
        drafts: list[Draft] = []
        previous: Span | None = None  # the sentence before, claimed or not
        quoting: Draft | None = None  # a "Quote: ..." post whose quotation runs on over paragraphs
        opening = False  # the next sentence should open the quotation announced by "X said:"
        told: Draft | None = None  # the claim of that quotation, grown sentence by sentence
        turn_end = -1  # the end of a paragraph that a speaker label ("PENCE: ...") gives to one speaker
        for sent in self.article.parsed.sents:
            span = Span(sent.start_char, sent.start_char + len(sent.text.rstrip()))
            before, previous = previous, span
            if len(span) == 0 or self.skipped_set.overlaps(span.start, span.end) or span.start < turn_end:
                continue  # (the rest of a labelled turn is its speaker's words, one claim)
            if (turn := self._speaker_label(span)) is not None:
                found, turn_end = [turn], turn.sentence.end
            else:
                found = self._relayed(self._sentence(sent, span))
            text = self.body[span.start:span.end]
            if not found and before is not None and (m := STATED_BY.match(text)):
                found = self._stated_by(sent, span, before, m)  # "This is stated in a report by ISW."
            elif not found and before is not None and not (drafts and drafts[-1].sentence.end > before.start):
                found = self._after_quote(sent, span, before)  # '"Will it hold?" the commander asked.'
            elif found and before is not None and ABOUT_THIS.search(text):
                for draft in found:  # "Ukrainian Telegram channels reported on this.": what the sentence before says
                    draft.sentence, draft.content_span = Span(before.start, span.end), before
                    draft.content = self.body[before.start:before.end]
            if quoting is not None and not re.search(r"\w", text):
                quoting = None  # a closing quotation mark on its own
                continue
            if not found and quoting is None and (opened := self._colon_cue(sent, span)) is not None:
                quoting, opening, told = opened, True, None  # "The governor said:" and the quotation below
                continue
            if not found and (quoting is not None or QUOTE_LABEL.match(text)):
                quoting = quoting or self._labelled_quote(span)
                if quoting is not None:
                    words = QUOTE_LABEL.sub("", text).strip().strip('"“”«» ')
                    if quoting.cue_span is not None and told is not None:  # the quotation runs on: one claim
                        told.sentence = Span(told.sentence.start, span.end)
                        told.content_span = Span(told.content_span.start, span.end)
                        told.content = self.body[told.content_span.start:span.end]
                        told.quote = f"{told.quote} {words}"
                        found = []
                    elif quoting.cue_span is not None:  # "X said:" then the quotation: the frame and its words
                        found = [told := replace(quoting, sentence=Span(quoting.sentence.start, span.end),
                                                 content=text, content_span=span, quote=words)]
                    else:
                        found = [replace(quoting, sentence=span, content=text, content_span=span, cue_span=None,
                                         speaker_span=None, quote=words)]
                    first = opening or QUOTE_LABEL.match(text) is not None
                    if quoting.cue_span is not None and first and not text.lstrip().startswith(tuple('"“«„')):
                        quoting, found = None, []  # no quotation after the colon: nothing is quoted
                    elif _closes_quote(text, opening=first):
                        quoting = None
                    opening = False
            found = _outermost(found, self._token_at)
            merged: dict[str, Draft] = {}
            for draft in found:  # one claim a speaker and sentence, framed by its reporting verb if it has one,
                key = draft.speaker.casefold()  # and by the main clause's rather than an aside's ("X, who called ..., said")
                if key not in merged or self._frame_rank(merged[key]) > self._frame_rank(draft):
                    merged[key] = draft
            _split_at_clauses(list(merged.values()), self.body)
            for draft in merged.values():
                self._add_tag_via(draft)
                self.speakers.history.append(draft)
                drafts.append(draft)
        drafts += self._digest_points(drafts)
        drafts.sort(key=lambda d: d.sentence.start)
        if (digest := digest_source(self.article, self.registry)) is not None:
            for draft in drafts:  # a digest of one institute's assessment: every other voice comes through it
                if draft.speaker != digest.canonical and digest.canonical not in draft.via:
                    draft.via.append(digest.canonical)
        claims, seen = [], set()
        for draft in drafts:  # a quotation of several sentences is one claim, not one per sentence
            claim = self._claim(len(claims) + 1, draft)
            key = (claim.speaker.casefold(), claim.evidence.start, claim.evidence.end)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
        return claims

    def _digest_points(self, drafts: list[Draft]) -> list[Draft]:
        """Under a heading that gives the page to one source ("Key Takeaways from the ISW:"), each
        bullet point no claim covers is that source's statement."""
        source = digest_source(self.article, self.registry)
        if source is None:
            return []
        out = []
        for m in BULLET.finditer(self.body):
            span = Span(m.start("text"), m.end("text"))
            if any(d.sentence.overlap(span) > 0 for d in drafts) or any(span.overlap(s) > 0 for s in self.skipped):
                continue
            out.append(Draft(source.canonical, "organization", "key takeaways", span, m.group("text"),
                             side=source.side, content_span=span))
        return out

    def _stated_by(self, sent, span: Span, before: Span, m: re.Match) -> list[Draft]:
        """"This is stated in a report by X": X says what the sentence before says."""
        at = span.start + m.end()
        token = next((t for t in sent if t.idx >= at and self.speakers.actor_at(t) is not None), None)
        titled = next((t for t in sent if t.idx >= at and (a := self.speakers.actor_at(t)) is not None
                       and a.label == "person" and TITLE_CHAIN.fullmatch(self.body[at:t.idx].lstrip())), None)
        token = titled or token  # "by the Commander-in-Chief of the Armed Forces Oleksandr Syrskyi": the person
        found = self.speakers.resolve(token) if token is not None else None
        if found is None:
            return []
        speaker, kind, side = found
        return [Draft(speaker, kind, m.group("cue"), Span(before.start, span.end), self.body[before.start:before.end],
                      side=side, content_span=before)]

    def _after_quote(self, sent, span: Span, before: Span) -> list[Draft]:
        """'"Will the line hold?" the commander asked.': a sentence that is only a frame ("X said",
        "said X", with nothing reported in it) speaks the quotation that ends the sentence before,
        which the splitter cut off at its question or exclamation mark."""
        verb = sent.root
        if (not self.body[before.start:before.end].endswith(CLOSING_QUOTES) or verb.pos_ != "VERB"
                or verb.lemma_.lower() not in self.lex.reporting or _complement(verb, self.lex) is not None
                or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)):
            return []
        subject = _subject(verb)
        opening = {t.i for t in subject.subtree} if subject is not None else set()
        if any(t.i < verb.i and t.i not in opening and not t.is_punct for t in sent):
            return []  # "Later that day the governor said ...": more than a frame
        drafts = self._reporting(verb, Span(before.start, span.end))
        for draft in drafts:
            draft.content, draft.content_span = self.body[before.start:before.end].strip('"“”«» '), before
        return drafts

    def _colon_cue(self, sent, span: Span) -> Draft | None:
        """'The governor said:' ending its sentence: who speaks in the quotation that follows."""
        tokens = [t for t in sent if not t.is_space]
        if len(tokens) < 3 or tokens[-1].text != ":":
            return None
        verb = tokens[-2]
        if verb.lemma_.lower() not in self.lex.reporting or (subject := _subject(verb)) is None:
            return None
        found = self.speakers.resolve(subject)
        if found is None:
            return None
        speaker, kind, side = found
        return Draft(speaker, kind, verb.text, span, "", side=side, speaker_span=_phrase_span(subject),
                     cue_span=Span(verb.idx, verb.idx + len(verb.text)))

    def _speaker_label(self, span: Span) -> Draft | None:
        """A transcript's turn, "WALLACE: Let's start with ..." or "Kallas: We will ...": a paragraph
        opened by the name of a person (or body) the article names and a colon is that speaker's
        statement, the whole paragraph. Labels that name nobody ("Note:", "Kharkiv:") are not turns."""
        at = span.start
        while at and self.body[at - 1] in " \t":
            at -= 1
        if at and self.body[at - 1] != "\n":  # (not a slice of the body before it: once a sentence)
            return None
        m = SPEAKER_LABEL.match(self.body, span.start)
        if m is None:
            return None
        name = m.group("name")
        actor = self.speakers.actor_at_offset(m.start("name"))
        if actor is not None and actor.label in ("person", "organization") and not actor.generic:
            found = actor.canonical, "person" if actor.label == "person" else "organization", actor.side
        elif " " not in name:  # "PENCE": the person named in full before
            found = self.speakers._person_by_surname(name, m.start("name"))
        else:
            found = None
        if found is None:
            return None
        end = self.body.find("\n", span.start)
        end = len(self.body) if end < 0 else end
        colon = m.end("name")
        return Draft(found[0], found[1], ":", Span(span.start, end), self.body[m.end():end].strip(), side=found[2],
                     speaker_span=Span(m.start("name"), colon), cue_span=Span(colon, colon + 1),
                     content_span=Span(m.end(), end))

    def _labelled_quote(self, span: Span) -> Draft | None:
        """"Quote: ..." under a "Source: X" line: X speaks, over every paragraph of the quotation."""
        lines = [line.text for line in self.article.removed] + self.body[:span.start].split("\n")
        source = next((m.group(1).strip() for line in reversed(lines) if (m := SOURCE_LINE.match(line.strip()))), None)
        if not source:
            return None
        entry = self.registry.resolve(source) if self.registry is not None else None
        name = entry.canonical if entry is not None else DETERMINERS.sub("", source)
        return Draft(name, "organization", "quote", span, "", side=entry.side if entry is not None else None)

    # one sentence -> drafts
    def _sentence(self, sent, span: Span) -> list[Draft]:
        drafts = []
        for target in _according_to(sent):
            drafts += self._according(target, span)
        if drafts and not all(self.registry is not None and self.registry.is_medium(d.speaker) for d in drafts):
            return drafts
        relays, drafts = drafts, []  # "X said, according to TASS": X's claim, through TASS (see _relayed)
        drafts += self._citing(sent, span)
        if drafts:
            return drafts + relays
        for token in sent:
            if token.pos_ not in ("VERB", "AUX"):
                continue
            lemma = token.lemma_.lower()
            if lemma in self.lex.surfacing:
                subject = _subject(token)
                if subject is not None and subject.lemma_.lower() in ("report", "claim", "rumour", "rumor"):
                    speaker, kind, side = self.speakers._unnamed(subject)
                    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    draft = Draft(speaker, kind, token.text, span, self._content(span, of), cue_at=token.idx,
                                  side=side)
                    drafts.append(self._with_spans(draft, subject, token, of))
            elif lemma in self.lex.reporting:
                drafts += self._reporting(token, span)
            elif (content := self._learned_cue(token)) is not False:
                drafts += self._reporting(token, span, content)
        framed = [d for d in drafts if not self._quoted(d.cue_at)]
        if framed:  # '"I don't know what she was thinking," he said.': the frame, not the words it quotes
            drafts = framed
        if not drafts:
            drafts += self._noun_cues(sent, span)
        if not drafts:
            drafts += self._attitudes(sent, span)
        if relays:  # a speaker's reporting verb beside "according to <medium>"; else the medium's own claim
            speaking = [d for d in drafts if not self._learned_frame(d) and (cue := self._token_at(d.cue_at))
                        is not None and any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)]
            return speaking + relays if speaking else relays
        if not drafts and (adverb := next((t for t in sent if t.lower_ == "reportedly" and t.dep_ == "advmod"), None)):
            # "Seven people reportedly suffered from shock": told on the strength of reports nobody names
            drafts.append(Draft("reports", "unnamed", adverb.text, span, self._content(span), cue_at=adverb.idx,
                                cue_span=Span(adverb.idx, adverb.idx + len(adverb.text))))
        return drafts

    def _relayed(self, drafts: list[Draft]) -> list[Draft]:
        """"X said ..., RIA reported": one statement, X's, which came through the medium; the medium
        is the relay of X's claim, not a second speaker."""
        if self.registry is None:
            return drafts
        media = [d for d in drafts if self.registry.is_medium(d.speaker)]
        speakers = [d for d in drafts if not self.registry.is_medium(d.speaker)]
        if not media or not speakers:
            return drafts
        for draft in speakers:
            for medium in media:
                if medium.speaker not in draft.via and medium.speaker != draft.speaker:
                    draft.via.append(medium.speaker)
        return speakers

    def _attitudes(self, sent, span: Span) -> list[Draft]:
        """"Officials are confident that the line will hold", "the governor was worried the dam could
        fail": a stance stated with an adjective and a clause, held by the subject of the sentence."""
        drafts = []
        for word in sent:
            if word.lower_ not in ATTITUDE_WORDS or word.pos_ not in ("ADJ", "VERB"):
                continue
            clause = next((c for c in word.children if c.dep_ == "ccomp"), None)
            holder = word if word.dep_ != "acomp" else word.head
            subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if clause is None or subject is None or (subject.pos_ == "PRON" and subject.lower_ in ("it", "its")):
                continue
            drafts += self._held_by(subject, word, clause, span)
        return drafts

    def _held_by(self, holder, cue, clause, span: Span) -> list[Draft]:
        """The claim of a stance or a statement ``cue`` whose holder is ``holder``, if it resolves."""
        found = self.speakers.resolve(holder)
        if not found:
            return []
        draft = Draft(found[0], found[1], cue.text, span, self._content(span, clause), cue_at=cue.idx, side=found[2])
        return [self._with_spans(draft, holder, cue, clause)]

    def _noun_cues(self, sent, span: Span) -> list[Draft]:
        """"Moscow's claim that its troops entered the town", "the ministry's statement that ...": a
        communication noun with a that-clause, said by its possessor."""
        drafts = []
        for noun in sent:
            lemma = noun.lemma_.lower()
            if noun.pos_ != "NOUN" or (lemma not in self.lex.communication and lemma not in ATTITUDE_NOUNS):
                continue
            clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                           and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is None:  # "concerns among Ukrainian commanders about ...", "warnings from the governor that"
                owner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("among", "from", "by")
                              for g in c.children if g.dep_ == "pobj"), None)
                if clause is None and owner is not None and lemma in ATTITUDE_NOUNS:
                    clause = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("about", "over")), None)
            if clause is None or owner is None or owner.pos_ == "PRON" and owner.lower_ in ("its", "their"):
                continue
            drafts += self._held_by(owner, noun, clause, span)
        return drafts

    def _frame_rank(self, draft: Draft) -> tuple[bool, bool]:
        """Lower ranks frame a speaker's claim in a sentence first: a reporting verb before a learned
        cue, a verb of the main clause before one of a relative clause."""
        token = self._token_at(draft.cue_at)
        return self._learned_frame(draft), token is not None and token.dep_ == "relcl"

    def _learned_frame(self, draft: Draft) -> bool:
        """Whether the draft's cue is a verb only the cue model reads as one ("bemoaning", "attacked"),
        which gives way to a reporting verb of the same speaker in the sentence ("..., saying")."""
        token = self._token_at(draft.cue_at)
        return token is not None and token.pos_ == "VERB" and token.lemma_.lower() not in self.lex.reporting

    def _token_at(self, at: int | None):
        """The token starting at a character offset (a draft's cue), or None."""
        if at is None or self.article.parsed is None:
            return None
        if at not in self._tokens:
            span = self.article.parsed.char_span(at, at + 1, alignment_mode="expand")
            self._tokens[at] = span[0] if span is not None and span[0].idx == at else None
        return self._tokens[at]

    def _quoted(self, at: int | None) -> bool:
        return at is not None and any(q[0] <= at < q[1] for q in self.quotes)

    def _learned_cue(self, verb):
        """For a verb outside the lexicon that the cue model reads as attribution: its content (a
        clause, or, when the model is sure, the object: "praised the work of the crews"), ``None``
        when a quotation in the sentence is the content, else ``False`` (not a cue)."""
        if self.cues is None or verb.pos_ != "VERB" or any(q[0] <= verb.idx < q[1] for q in self.quotes):
            return False  # a verb inside a quotation is the quoted speaker's words, not a frame
        if verb.lemma_.lower() in _directives():
            return False
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        sent = verb.sent if self.quotes else None  # (spaCy walks the sentence to find it: once)
        in_quote = sent is not None and any(q[0] < sent.end_char and sent.start_char < q[1] for q in self.quotes)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if clause is None and not in_quote and obj is None:
            return False
        p = self.cues.probability(verb, self.lex.reporting)
        if p < self.cues.threshold:
            return False
        if clause is not None:
            return clause
        if obj is not None and p >= OBJECT_CUE and not any(c.dep_ == "xcomp" for c in verb.children):
            return obj  # not "ordered the troops to withdraw": a directive's object is who is told
        return None if in_quote else False

    @staticmethod
    def _with_spans(draft: Draft, speaker=None, cue=None, complement=None, content_from: int | None = None,
                    sentence_end: int | None = None) -> Draft:
        draft.speaker_span = _phrase_span(speaker)
        draft.cue_span = _token_span(cue)
        if complement is not None:
            draft.content_span = _clause_span(complement)
        elif content_from is not None and sentence_end is not None and content_from < sentence_end:
            draft.content_span = Span(content_from, sentence_end)
        return draft

    def _citing(self, sent, span: Span) -> list[Draft]:
        """'TASS has reported, citing a source within the military, that ...': speaker and via."""
        for token in sent:
            if token.lemma_ != "cite" or token.tag_ != "VBG":
                continue
            cited = _cited_source(token)
            reporter = next((t for t in sent if t.i < token.i and t.lemma_.lower() in self.lex.reporting
                             and _subject(t) is not None), None)
            if cited is None or reporter is None:
                continue
            outlet = self.speakers.resolve(_subject(reporter))
            found = self.speakers.resolve(cited) if self.speakers.actor_at(cited) else self.speakers._unnamed(cited)
            if found:
                via = [outlet[0]] if outlet and outlet[1] == "organization" else []
                that = next((t for t in sent if t.i > token.i and t.lower_ == "that"), None)
                draft = Draft(found[0], found[1], reporter.text, span, self._content(span), via=via,
                              cue_at=reporter.idx, side=found[2])
                return [self._with_spans(draft, cited, reporter, content_from=that.idx + 5 if that else None,
                                         sentence_end=span.end)]
        return []

    def _according(self, target, span: Span) -> list[Draft]:
        drafts = []
        if any(a <= target.idx < b for a, b in self.quotes):
            return []  # '"According to updated data, two died," the governor said': the quoted speaker's words
        if target.lower_ in self.lex.communication or target.lemma_.lower() in self.lex.communication:
            source = _source_of_communication(target, self.lex)
            if source is None:
                anaphoric = any(c.lower_ in ("these", "those", "this", "such", "his", "her", "their", "the")
                                for c in target.children)
                last = self.speakers.last() if anaphoric else None
                if last:
                    return [Draft(*last[:2], cue="according to", sentence=span, content=self._content(span),
                                  side=last[2])]
                resolved = [self.speakers._unnamed(target)]
            else:
                resolved = [self.speakers.resolve(t) for t in _conjuncts(source)]
        else:
            resolved = [self.speakers.resolve(t) for t in _conjuncts(target)]
        according = next((a for a in target.ancestors if a.lower_ == "according"), None)
        frame_end = max(t.idx + len(t.text) for t in target.subtree)
        rest = self.body[frame_end:span.end]
        content_from = frame_end + len(rest) - len(rest.lstrip(" ,")) if frame_end < span.end else None
        if according is not None and content_from is not None and according.idx > span.start + 1:
            content_from, content_end = span.start, according.idx  # "X happened, according to Y."
        else:
            content_end = span.end
        for (found, head) in zip(resolved, heads_of(target, resolved), strict=False):
            if found:
                draft = Draft(found[0], found[1], "according to", span, self._content(span), side=found[2])
                drafts.append(self._with_spans(draft, head, according, content_from=content_from,
                                               sentence_end=content_end))
        return drafts

    def _reporting(self, verb, span: Span, learned=None) -> list[Draft]:
        if _says_nothing(verb):
            return []
        complement = _complement(verb, self.lex) or learned
        has_quote = any(q[0] < span.end and span.start < q[1] for q in self.quotes)
        naming = _named_as(verb) if complement is None else None
        if complement is None and naming is None and not has_quote:
            return []
        content = self._content(span, complement) if naming is None else self.body[naming.start:naming.end]
        named_at = (naming.start, naming.end) if naming is not None else ()
        subject, agent, cited = _subject(verb), _agent(verb), _citing(verb)
        via: list[str] = []
        if (quoted := _quoted_as(verb)) is not None:  # "Interfax quoted the ministry as saying": the ministry, via Interfax
            quoted_speaker, relay = quoted
            if relay is not None and (outlet := self.speakers.resolve(relay)) and outlet[1] == "organization":
                via = [outlet[0]]
            agent = quoted_speaker
        if cited is not None:
            heads = [cited]
            if subject is not None and (outlet := self.speakers.resolve(subject)):
                via = [outlet[0]]
        elif agent is not None:
            heads = _conjuncts(agent)
        elif _is_impersonal(subject, verb):
            group = _among(verb)
            if group is not None:
                return [Draft(group.lower_, "unnamed",
                              verb.text, span, content, cue_at=verb.idx)]
            else:
                last = self.speakers.last()
                found = last if last else ("unnamed source", "unnamed", None)
                return [self._with_spans(Draft(found[0], found[1], verb.text, span, content, cue_at=verb.idx,
                                           side=found[2]), None, verb, complement, *named_at)]
        elif subject is not None and subject.dep_ == "nsubjpass" and subject.head == verb:
            return []  # "Residents are urged to ...": the subject is addressed, not speaking
        elif subject is not None:
            named = (self.speakers.named_within(subject)
                     if subject.lower_ in self.lex.unnamed and subject.tag_ == "NNS" else [])
            if named:
                return [self._with_spans(Draft(n[0], n[1], verb.text, span, content, via=list(via),
                                               cue_at=verb.idx, side=n[2]), subject, verb, complement, *named_at)
                        for n in named]
            heads = _conjuncts(subject)
        else:
            return []
        if verb.lemma_ == "tell":
            told = next((c for c in verb.children if c.dep_ in ("dative", "dobj")), None)
            if told is not None and (outlet := self.speakers.resolve(told)) and outlet[1] == "organization":
                via.append(outlet[0])
        # "business leaders, who say ...": the leaders speak; as written, "who" does
        relative = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.lower_ in ("who", "which", "that")), None) if verb.dep_ == "relcl" else None
        drafts = []
        for head in heads:
            found = self.speakers._unnamed(head) if cited is not None else self.speakers.resolve(head)
            if found is None and self._described(head, verb, complement, has_quote):
                found = self.speakers._unnamed(head)
            if found:
                draft = Draft(found[0], found[1], verb.text, span, content, via=list(via), cue_at=verb.idx,
                              side=found[2])
                drafts.append(self._with_spans(draft, relative or head, verb, complement, *named_at))
        return drafts

    def _described(self, head, verb, complement, has_quote: bool) -> bool:
        """Whether a subject the article does not name ("a tax commissioner", "the mogul") speaks as
        a described source: it states a clause or a quotation (not a question: "asked whether"), and
        the cue model, which weighs the subject's word beside the verb's, reads the verb as a cue."""
        if head.pos_ != "NOUN" or head.dep_ not in ("nsubj", "conj") or self.cues is None:
            return False
        if not any(c.dep_ in ("det", "poss") for c in head.children) and (
                head.tag_ != "NNS" or any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)):
            return False  # "a", "the", "his" single someone out; a group speaks ("delegates said"), not a
            # part of one ("upper echelons of the military reported updates")
        if complement is not None and complement.dep_ == "ccomp":
            first = min(complement.subtree, key=lambda t: t.i)
            if first.tag_ in ("WDT", "WP", "WRB") or first.lower_ in ("whether", "if"):
                return False
        elif not has_quote:
            return False
        return self.cues.probability(verb, self.lex.reporting) >= DESCRIBED_CUE

    def _content(self, span: Span, complement=None) -> str:
        if complement is not None:
            text = "".join(t.text_with_ws for t in complement.subtree).strip()
            text = re.sub(r"^(that|of|as|about)\s+", "", text)
        else:
            text = self.body[span.start:span.end]
            text = re.sub(r"^(?:[^,]{0,40}?)?according to [^,]+,\s*", "", text, flags=re.I)
        return text.strip(" ,.;:\"“”")

    def _add_tag_via(self, draft: Draft) -> None:
        for tag in self.article.attribution_tags:
            if not tag.source or tag.scope.overlap(draft.sentence) == 0:
                continue
            if tag.speaker and not _same_speaker(tag.speaker, draft.speaker, self.registry):
                continue
            outlet = self.registry.outlet(tag.source) if self.registry else None
            name = outlet.canonical if outlet else None
            if name and name.casefold() != draft.speaker.casefold() and name not in draft.via:
                draft.via.append(name)

    def _claim(self, k: int, draft: Draft) -> Claim:
        span = draft.sentence
        quote = None
        for q_start, q_end in self.quotes:
            if q_start < span.end and span.start < q_end:
                quote = self.body[q_start:q_end]
                span = Span(min(span.start, q_start - 1), max(span.end, q_end + 1))
                break
        if draft.quote:
            quote = draft.quote
        evidence = Span(span.start, min(len(self.body), span.end))
        words = set(re.findall(r"[a-z']+", (draft.content or "").lower()))
        return Claim(
            id=f"{self.article.id}:c{k}", speaker=draft.speaker, cue=draft.cue, evidence=evidence,
            content=quote if quote and len(quote) > len(draft.content) else draft.content,
            via=tuple(draft.via), quote=quote, speaker_kind=draft.speaker_kind,
            negated=bool(words & {"no", "not", "never", "denied", "deny", "n't"}),
            hedged=bool(words & self.lex.hedges),
            speaker_span=draft.speaker_span, cue_span=draft.cue_span, content_span=draft.content_span,
        )


#: adjectives (and participles) of a stance that take a clause: "are confident that", "was worried the"
ATTITUDE_WORDS = frozenset({"afraid", "worried", "concerned", "confident", "convinced", "sure", "certain",
                            "hopeful", "optimistic", "pessimistic", "skeptical", "sceptical", "aware", "adamant"})

#: nouns of a stance held by someone named with "among" or "from": "concerns among commanders about ..."
ATTITUDE_NOUNS = frozenset({"concern", "concerns", "fear", "fears", "warning", "warnings", "hope", "hopes",
                            "belief", "doubts", "doubt", "suspicion", "suspicions", "accusation", "accusations"})


#: where one speaker's clause gives way to another's in one sentence: "X said A, while Y claimed B"
CLAUSE_JOINT = re.compile(r",\s+(?:while|whereas|but|and|where)\s|;\s")


def _outermost(drafts: list[Draft], token_at) -> list[Draft]:
    """The claims of a sentence that no other claim of it reports: in "The governor said the army
    admitted losses", the army's admission is what the governor says, not a claim the army made
    in this article; it stays in the governor's content. An aside inside the content ("... on the
    front, where Russia says it advanced", "... while Ukrainian sources claimed ...") is the
    article's own, and its claim stays. ``token_at``: the token at a draft's cue offset, or None."""
    def reported_by(inner: Draft, outer: Draft) -> bool:
        token, frame = token_at(inner.cue_at), token_at(outer.cue_at)
        if inner is outer or token is None or frame is None or token == frame:
            return False
        while token.head != token:  # up the clauses: only through what the outer verb says
            if token.dep_ in ("relcl", "advcl", "acl", "parataxis", "appos") or (
                    token.dep_ == "conj" and token.head == frame):  # "cited X and said Y": two frames
                return False
            token = token.head
            if token == frame:
                return True
        return False
    return [d for d in drafts if not any(reported_by(d, other) for other in drafts)]


def _split_at_clauses(drafts: list[Draft], body: str) -> None:
    """Claims of two speakers in one sentence each keep their own clause as evidence.

    "Reports indicate that A, while Ukrainian sources claimed B": A is the reports', B the sources'.
    The sentence is cut at the last clause joint between one speaker's frame and the next one's;
    without such a joint ("As Ukrinform reported, Moscow claimed ...") it stays one piece.
    """
    framed = [d for d in drafts if d.cue_span is not None]
    if len(framed) < 2 or len({d.sentence for d in framed}) != 1:
        return
    framed.sort(key=lambda d: min(d.cue_span.start, d.speaker_span.start if d.speaker_span else d.cue_span.start))
    cuts = []
    for a, b in zip(framed, framed[1:]):
        after = max(a.cue_span.end, a.speaker_span.end if a.speaker_span else 0)
        before = min(b.cue_span.start, b.speaker_span.start if b.speaker_span else b.cue_span.start)
        joints = list(CLAUSE_JOINT.finditer(body, after, before)) if after < before else []
        if not joints:
            return
        cuts.append(joints[-1])
    sentence = framed[0].sentence
    starts = [sentence.start] + [m.start() + 2 for m in cuts]  # the next clause begins after ", "
    ends = [m.start() for m in cuts] + [sentence.end]
    for draft, start, end in zip(framed, starts, ends):
        draft.sentence = Span(start, end)
        if draft.content_span is not None:
            lo, hi = max(draft.content_span.start, start), min(draft.content_span.end, end)
            if lo < hi:  # the reported part within this clause
                draft.content_span, draft.content = Span(lo, hi), body[lo:hi]
            else:  # what it reports lies outside its clause ("A, she added, while B said"): keep it whole
                draft.sentence = Span(min(start, draft.content_span.start), max(end, draft.content_span.end))


def _same_speaker(tag_speaker: str, speaker: str, registry) -> bool:
    if tag_speaker.casefold() in speaker.casefold() or speaker.casefold() in tag_speaker.casefold():
        return True
    entry = registry.resolve(tag_speaker) if registry else None
    return entry is not None and entry.canonical == speaker


#: a person's name as the claims stage resolves one: two to four capitalised words
PERSON_NAME = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,3}")


def _speaking_bodies(article: Article, registry) -> list[Entity]:
    """Bodies that speak in the article's claims under a description ("the Ukrainian military said")
    are organisations of the article too, with the speaker phrase as their mention; a named speaker
    the entity tagger missed is a person of the article."""
    known = {e.canonical for e in article.entities}
    out: dict[str, Entity] = {}
    for claim in article.claims:
        if claim.speaker_kind == "unknown" and claim.speaker not in known and claim.speaker_span is not None \
                and PERSON_NAME.fullmatch(claim.speaker) and (registry is None or registry.get(claim.speaker) is None):
            # a named speaker the tagger missed ('..., Oleksiy Kharkivskiy, the police chief, said')
            mention = Mention(article.span_text(claim.speaker_span), claim.speaker_span)
            held = out.get(claim.speaker)
            out[claim.speaker] = Entity(claim.speaker, "person", (*(held.mentions if held else ()), mention))
            continue
        entry = registry.get(claim.speaker) if registry is not None else None
        if entry is None or entry.label != "organization" or claim.speaker in known or claim.speaker_span is None \
                or entry.kind in MEDIA_KINDS or claim.speaker.startswith("Government of"):
            continue  # a capital or a country speaking is a government by metonymy, not a named body
        mention = Mention(article.span_text(claim.speaker_span), claim.speaker_span)
        held = out.get(claim.speaker)
        out[claim.speaker] = Entity(claim.speaker, "organization", (*(held.mentions if held else ()), mention),
                                    kind=entry.kind, country=entry.country, role=entry.role, side=entry.side)
    return list(out.values())


def _sided_bodies(article: Article, registry) -> list[Entity]:
    """The article's entities without a sideless body ("the defence ministry") that only ever speaks in
    claims that resolved it to one side's ("Ministry of Defence of Russia"): that one stands for it."""
    spoken = [(c.speaker_span, c.speaker) for c in article.claims if c.speaker_span is not None]

    def resolved(mention: Mention, name: str) -> bool:
        return any(span.start <= mention.span.start and mention.span.end <= span.end
                   and speaker.startswith(f"{name} of ") for span, speaker in spoken)

    out = []
    for entity in article.entities:
        entry = registry.get(entity.canonical) if registry is not None and entity.label == "organization" else None
        if entry is not None and entry.side is None and entry.kind in ("government", "military") and entity.mentions \
                and all(resolved(m, entity.canonical) for m in entity.mentions):
            continue
        out.append(entity)
    return out


def make_claims_stage(kb: KB | None = None, cues: CueModel | None | bool = True):
    """The claims stage over ``kb`` (the shipped knowledge base when ``None``, loaded at first use)
    and ``cues`` (the shipped cue model when ``True``; ``None`` or ``False``: the lexicon alone)."""

    @stage(requires=["parsed", "entities", "attribution_tags", "duplicates", "title"], assigns=["claims"])
    def claims(article: Article) -> Article:
        """Attributed statements of the article, each with speaker, via, cue, evidence, quote, content."""
        registry = (kb or KB.load()).registry
        model = cue_model() if cues is True else (cues or None)
        found = ClaimFinder(article, registry, model).run()
        article.claims = tuple(through_wire(found, article, registry))
        article.entities = (*_sided_bodies(article, registry), *_speaking_bodies(article, registry))
        return article

    return claims


claims = make_claims_stage()
