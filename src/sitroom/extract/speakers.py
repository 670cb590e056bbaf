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
from typing import TYPE_CHECKING

from sitroom.data import load_lexicon
from sitroom.model import Actor, Article

if TYPE_CHECKING:
    from sitroom.extract.claims import Draft

NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
BODY_WORDS = frozenset({"department", "ministry", "agency", "army", "military", "office", "service", "command",
                        "administration", "staff", "council", "committee", "channel", "outlet", "newspaper"})
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
            if t == token or (t.dep_ not in ("relcl", "punct") and not _inside_relcl(t, token))]
    keep = [t for t in keep if t == token or not (t.dep_ == "appos" or any(
        a.dep_ == "appos" and a != token for a in t.ancestors if a in token.subtree))]
    return min(t.idx for t in keep), max(t.idx + len(t.text) for t in keep)


def _inside_relcl(t, root) -> bool:
    for a in t.ancestors:
        if a == root:
            return False
        if a.dep_ in ("relcl", "acl") and a.i > root.i:
            return True
    return False


class Speakers:
    """Resolves a subject to a speaker, remembering who spoke last for pronouns."""

    def __init__(self, article: Article, registry=None):
        self.article = article
        self.registry = registry
        self.actors = sorted(article.actors, key=lambda a: a.span.start)
        self.history: list[Draft] = []
        self.lex = lexicon()

    def actor_at(self, token) -> Actor | None:
        """The actor whose mention contains the head token of a speaker phrase."""
        for actor in self.actors:
            if actor.span.start <= token.idx < actor.span.end:
                return actor
        return None

    def resolve(self, token) -> tuple[str, str, str | None] | None:
        """(speaker, kind, side) for the head token of a speaker phrase, or None."""
        lower = token.lower_
        if lower in self.lex.person_pronouns:
            return self._previous("person", token.idx)
        actor = self.actor_at(token)
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
            return self._unnamed(token)
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
            return text, "unknown", None
        return None

    def named_within(self, token) -> list[tuple[str, str, str | None]]:
        """Named bodies and people inside an unnamed group: 'bloggers ..., Readovka and Grey Zone'."""
        start, end = _full_np(token)
        found = []
        for actor in self.actors:
            if (start <= actor.span.start and actor.span.end <= end and not actor.generic
                    and actor.label in ("person", "organization") and actor.span.start > token.idx):
                found.append((actor.canonical, "person" if actor.label == "person" else "organization", actor.side))
        return found

    def _unnamed(self, token) -> tuple[str, str, str | None]:
        start, end = _full_np(token)
        text = DETERMINERS.sub("", self.article.body[start:end]).strip()
        text = re.sub(r"\s+for\s+the\s+", " of the ", text)
        text = re.sub(r"^(?:other|similar|some|several|many)\s+", "", text, flags=re.I)
        role_match = self._person_with_role(text)
        if role_match:
            return role_match
        first = next((t for t in token.subtree if t.idx == start), None)
        if text and (first is None or first.pos_ != "PROPN"):
            text = text[:1].lower() + text[1:]  # a sentence-initial capital is not part of the name
        return text, "unnamed", None

    def _person_with_role(self, description: str) -> tuple[str, str, str | None] | None:
        """'the White House national security adviser' -> the person in the article with that role."""
        words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", description)} - {"head", "deputy", "with", "from"}
        best, best_n = None, 1
        for actor in self.actors:
            if actor.label != "person" or not actor.role:
                continue
            n = len(words & {w.lower() for w in re.findall(r"[A-Za-z]{4,}", actor.role)})
            if n > best_n:
                best, best_n = actor, n
        return (best.canonical, "person", best.side) if best else None

    def _is_country(self, actor: Actor) -> bool:
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
        if self.registry is not None:
            for candidate in (f"Government of {name}", f"Government of the {name}"):
                if (entry := self.registry.get(candidate)) is not None:
                    return entry.canonical, "organization", entry.side
        return f"Government of {name}", "organization", actor.side

    def _previous(self, kind: str, at: int) -> tuple[str, str, str | None] | None:
        for actor in reversed([a for a in self.actors if a.span.end <= at]):
            if actor.label == kind:
                return actor.canonical, kind, actor.side
        return None

    def _previous_body(self, word: str, at: int) -> tuple[str, str, str | None] | None:
        bodies = [d for d in self.history if d.speaker_kind == "organization"]
        for draft in reversed(bodies):
            if word in draft.speaker.lower():
                return draft.speaker, draft.speaker_kind, draft.side
        if bodies and word in ("it", "they", "its", "their"):
            d = bodies[-1]
            return d.speaker, d.speaker_kind, d.side
        return None

    def last(self) -> tuple[str, str, str | None] | None:
        if not self.history:
            return None
        d = self.history[-1]
        return d.speaker, d.speaker_kind, d.side
