"""Outlet framing profiles: how an outlet writes about the war, measured from its own text.

Input is :class:`~sitroom.model.Article` records as the pipeline leaves them; nothing else is
read and nothing is fetched. :func:`profile_outlets` groups articles by ``outlet``
(missing or empty: ``"unknown"``) and :func:`profile` measures one group. A profile::

    articles, words         article count; body words (whitespace-separated tokens)
    lexical_choices         per pair of data/lexicons/framing.toml: counts of Russian-side,
                            Ukrainian/western-side and neutral variants, the surface forms seen
                            with their counts, and lean = (russian - ukrainian) / occurrences,
                            null when the pair never occurs
    overall_lean            mean of the non-null pair leans (each observed pair one vote, so
                            a place written fifty times does not drown the other choices), null
                            when no pair occurs; pairs_observed says how many votes it rests on
    evidence                the strongest pairs (largest |russian - ukrainian|), with counts and
                            the surface forms behind them
    quoted_sides            claims by the side of their speaker (registry side; unnamed,
                            unresolved or sideless speakers are "unknown"): counts and shares
    claims                  total, hedged, negated
    hedging, negation       share of claims flagged ``hedged`` / ``negated``
    events                  total, reported (the outlet's own narrative), claimed (carried by a claim)
    unattributed_share      reported / total events: how much of what the outlet says happened it
                            asserts in its own voice. The event stage marks an event ``reported``
                            exactly when its trigger sentence carries no claim, so this is also
                            the share of trigger sentences without attribution.

Every share is null when its denominator is zero and is rounded to four places.

Lexical choices are counted in ``title``, ``subtitle`` and ``body``: case-insensitive, whole
words, in one pass over the words with an index built once (see the header of ``framing.toml``
for the matching rules, the ``distancing`` words that turn "so-called DPR" into the other side's
usage, and the ``ignore`` list of names such as "Kyiv Independent"). Place spellings fall back to
``locations[].mentions[].text`` for articles that carry no body. A speaker's side comes from the
article's own ``persons``/``organizations`` entities when they name it, else from the registry.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any

from sitroom.data import lexicon_text
from sitroom.errors import ConfigError
from sitroom.model import Article
from sitroom.kb.registry import SIDES, Registry

UNKNOWN_OUTLET = "unknown"
UNKNOWN_SIDE = "unknown"
QUOTED_SIDES = (*SIDES, UNKNOWN_SIDE)
KINDS = ("place", "term")
EVIDENCE_SIZE = 5
EXAMPLES_PER_PAIR = 3

_SPLIT = re.compile(r"(\w+)")
_HYPHENS = "\\-\u2010\u2011\u2013"
_APOSTROPHES = "'\u2019\u02bc"
_JOIN = re.compile(rf"[\s{_HYPHENS}{_APOSTROPHES}]*")  # what may stand between the words of a variant
_DISTANCE_GAP = re.compile(rf"[\s{_HYPHENS}{_APOSTROPHES}\"\u201c\u201d\u2018\u00ab]*")
_SIDE_LETTER = {"russia": "r", "ukraine": "u", "neutral": "n"}
_FLIP = {"r": "u", "u": "r", "n": "n"}

Tokens = tuple[str, ...]


# --- the lexicon ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Pair:
    """One lexical choice: the variants Russian-side, Ukrainian/western-side and neutral usage picks."""

    name: str
    kind: str
    russia: tuple[str, ...]
    ukraine: tuple[str, ...]
    neutral: tuple[str, ...]

    def variants(self) -> Iterable[tuple[str, str]]:
        """(variant, side letter 'r'/'u'/'n') for every variant."""
        for side, letter in _SIDE_LETTER.items():
            for v in getattr(self, side):
                yield v, letter


@dataclass(frozen=True, slots=True)
class _Candidate:
    pair: int  # index into Lexicon.pairs
    tokens: Tokens
    side: str
    distancable: bool  # terms only: "so-called Kyiv regime" distances "regime", not the spelling


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The pairs, indexed by first word so one pass over an article's words finds every variant.

    Build with :meth:`build` or :meth:`from_toml` (or take the shipped one from :func:`lexicon`).
    """

    pairs: tuple[Pair, ...]
    distancing: tuple[Tokens, ...] = ()
    ignore: tuple[Tokens, ...] = ()
    _first: dict[str, tuple[_Candidate, ...]] = field(default_factory=dict, compare=False, repr=False)
    _ignore_first: dict[str, tuple[Tokens, ...]] = field(default_factory=dict, compare=False, repr=False)
    _forms: tuple[dict[Tokens, str], ...] = field(default=(), compare=False, repr=False)
    _distancing_last: dict[str, tuple[Tokens, ...]] = field(default_factory=dict, compare=False, repr=False)
    _starts: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @classmethod
    def build(
        cls, pairs: Iterable[Pair], distancing: Iterable[str] = (), ignore: Iterable[str] = ()
    ) -> Lexicon:
        pairs = tuple(pairs)
        first: dict[str, list[_Candidate]] = {}
        forms: list[dict[Tokens, str]] = []
        for i, pair in enumerate(pairs):
            seen: dict[Tokens, str] = {}
            for variant, side in pair.variants():
                for toks in _token_forms(variant):
                    if seen.get(toks, side) != side:
                        raise ConfigError(f"framing lexicon: {variant!r} is on two sides of {pair.name!r}")
                    seen[toks] = side
                    first.setdefault(toks[0], []).append(_Candidate(i, toks, side, pair.kind == "term"))
            forms.append(seen)
        ignored = tuple(t for phrase in ignore for t in _token_forms(phrase))
        ignore_first: dict[str, list[Tokens]] = {}
        for toks in ignored:
            ignore_first.setdefault(toks[0], []).append(toks)
        distancers = tuple(t for w in distancing for t in _token_forms(w))
        distancing_last: dict[str, list[Tokens]] = {}
        for toks in distancers:
            distancing_last.setdefault(toks[-1], []).append(toks)
        return cls(
            pairs,
            distancers,
            ignored,
            {k: tuple(sorted(v, key=lambda c: -len(c.tokens))) for k, v in first.items()},
            {k: tuple(v) for k, v in ignore_first.items()},
            tuple(forms),
            {k: tuple(v) for k, v in distancing_last.items()},
            frozenset(first) | frozenset(ignore_first),
        )

    @classmethod
    def from_toml(cls, text: str, where: str = "framing.toml") -> Lexicon:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: {exc}; fix the lexicon file") from exc
        pairs: list[Pair] = []
        for spec in data.get("pairs", ()):
            name = spec.get("name")
            if not name or not spec.get("russia") or not spec.get("ukraine"):
                raise ConfigError(f"{where}: pair {spec!r} needs a name and both russia and ukraine variants")
            if any(p.name == name for p in pairs):
                raise ConfigError(f"{where}: pair {name!r} is listed twice; merge the entries")
            kind = spec.get("kind", "term")
            if kind not in KINDS:
                raise ConfigError(f"{where}: pair {name!r} has kind {kind!r}; use one of {', '.join(KINDS)}")
            pairs.append(Pair(name, kind, *(tuple(spec.get(s, ())) for s in _SIDE_LETTER)))
        if not pairs:
            raise ConfigError(f"{where}: no [[pairs]]; a framing lexicon needs at least one")
        return cls.build(pairs, data.get("distancing", ()), data.get("ignore", ()))

    def find(self, text: str) -> Iterator[tuple[int, str, str]]:
        """(pair index, side letter, surface form) for every variant in ``text``.

        Within a pair the longest variant starting at a word wins and matches do not overlap;
        different pairs are independent. A distancing word right before a term (not a place
        spelling) flips its side.
        """
        folded = text.casefold()
        if len(folded) == len(text):  # the usual case: offsets into ``folded`` are offsets into ``text``
            parts = _SPLIT.split(folded)
            toks = parts[1::2]
        else:  # casefolding changed a length ("ß" -> "ss"): fold word by word
            parts = _SPLIT.split(text)
            toks = [w.casefold() for w in parts[1::2]]
        # parts alternate gap, word, gap, ...: word i is parts[2i+1], the gap before it parts[2i]
        starts = [i for i, t in enumerate(toks) if t in self._starts]
        if not starts:
            return
        offsets = list(accumulate(map(len, parts), initial=0))  # word i spans offsets[2i+1]:offsets[2i+2]
        blocked_until = 0
        free = [0] * len(self.pairs)  # first word each pair may match again
        for i in starts:
            for phrase in self._ignore_first.get(toks[i], ()):
                if _matches(parts, toks, i, phrase):
                    blocked_until = max(blocked_until, i + len(phrase))
            if i < blocked_until:
                continue
            for c in self._first.get(toks[i], ()):
                k = len(c.tokens)
                if i < free[c.pair] or not _matches(parts, toks, i, c.tokens):
                    continue
                free[c.pair] = i + k
                surface = text[offsets[2 * i + 1]:offsets[2 * (i + k)]]
                side = c.side
                distancer = self._distancer(parts, toks, i) if c.distancable else None
                if distancer is not None:
                    d = text[offsets[2 * (i - distancer) + 1]:offsets[2 * i]]
                    side, surface = _FLIP[side], f"{d} {surface}"
                yield c.pair, side, surface

    def side_of_form(self, pair: int, form: str) -> str | None:
        """The side letter of a surface form that is exactly one variant of ``pairs[pair]``."""
        return self._forms[pair].get(tuple(w.casefold() for w in _SPLIT.findall(form)))

    def _distancer(self, parts: list[str], toks: list[str], i: int) -> int | None:
        """How many words before word ``i`` a distancing phrase takes, if one stands right there."""
        if i == 0 or not _DISTANCE_GAP.fullmatch(parts[2 * i]):
            return None
        for phrase in self._distancing_last.get(toks[i - 1], ()):
            k = len(phrase)
            if i >= k and _matches(parts, toks, i - k, phrase):
                return k
        return None


def _matches(parts: list[str], toks: list[str], i: int, phrase: Tokens) -> bool:
    """Whether ``phrase`` is the words from ``i`` on, joined only by spaces, hyphens, apostrophes."""
    k = len(phrase)
    if k == 1:
        return toks[i] == phrase[0]
    if i + k > len(toks) or tuple(toks[i:i + k]) != phrase:
        return False
    return all(_JOIN.fullmatch(parts[2 * j]) for j in range(i + 1, i + k))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped in ``sitroom/data/lexicons/framing.toml``, built once."""
    text = lexicon_text("framing")
    return Lexicon.from_toml(text)


def _token_forms(phrase: str) -> set[Tokens]:
    """The word sequences a variant may appear as: hyphenated words split or closed up."""
    split = tuple(w.casefold() for w in _SPLIT.findall(phrase))
    closed = tuple(
        w.casefold()
        for part in phrase.split()
        for w in _SPLIT.findall(re.sub(f"[{_HYPHENS}]", "", part))
    )
    return {f for f in (split, closed) if f}


# --- measuring --------------------------------------------------------------------------------

def profile_outlets(
    articles: Iterable[Article], *, lexicon: Lexicon | None = None, registry: Registry | None = None
) -> dict[str, dict[str, Any]]:
    """Outlet name -> framing profile, for every outlet in ``articles`` (one pass over them)."""
    tallies = OutletTallies(lexicon=lexicon, registry=registry)
    for article in articles:
        tallies.add(article)
    return tallies.result()


class OutletTallies:
    """Framing counts per outlet, article by article; :meth:`to_state` keeps them for later additions."""

    def __init__(self, state: dict[str, Any] | None = None, *, lexicon: Lexicon | None = None,
                 registry: Registry | None = None) -> None:
        self.lex = lexicon or _default_lexicon()
        self.sides = _SideResolver(registry)
        self.tallies = {outlet: _Tally(self.lex, self.sides, counts) for outlet, counts in (state or {}).items()}

    def add(self, article: Article) -> None:
        outlet = article.outlet or UNKNOWN_OUTLET
        tally = self.tallies.get(outlet)
        if tally is None:
            tally = self.tallies[outlet] = _Tally(self.lex, self.sides)
        tally.add(article)

    def result(self) -> dict[str, dict[str, Any]]:
        return {outlet: tally.result() for outlet, tally in sorted(self.tallies.items())}

    def to_state(self) -> dict[str, Any]:
        return {outlet: tally.to_state() for outlet, tally in self.tallies.items()}


def profile(
    articles: Iterable[Article], *, lexicon: Lexicon | None = None, registry: Registry | None = None
) -> dict[str, Any]:
    """The framing profile of ``articles``, taken to be one outlet's."""
    tally = _Tally(lexicon or _default_lexicon(), _SideResolver(registry))
    for article in articles:
        tally.add(article)
    return tally.result()


def _default_lexicon() -> Lexicon:
    return lexicon()


class _SideResolver:
    """A speaker's side: the article's own entity sides first, then the registry (cached)."""

    def __init__(self, registry: Registry | None) -> None:
        self._registry = registry
        self._cache: dict[str, str] = {}

    def side(self, speaker: str | None, kind: str | None, local: Mapping[str, str]) -> str:
        if not speaker or kind == "unnamed":
            return UNKNOWN_SIDE
        if speaker in local:
            return local[speaker]
        found = self._cache.get(speaker)
        if found is None:
            registry = self._registry or Registry.load()
            found = registry.side_of(speaker) or UNKNOWN_SIDE
            if found not in SIDES:
                found = UNKNOWN_SIDE
            self._cache[speaker] = found
        return found


class _Tally:
    #: the plain counts of a tally (its state, with ``counts``, ``forms``, ``display`` and ``quoted``)
    NUMBERS = ("articles", "words", "claims", "hedged", "negated", "events", "reported", "claimed")

    def __init__(self, lex: Lexicon, sides: _SideResolver, state: dict[str, Any] | None = None) -> None:
        self.lex = lex
        self.sides = sides
        self.places = [i for i, p in enumerate(lex.pairs) if p.kind == "place"]
        self.articles = 0
        self.words = 0
        self.counts: list[Counter[str]] = [Counter() for _ in lex.pairs]  # side letter -> n
        self.forms: list[Counter[str]] = [Counter() for _ in lex.pairs]  # folded surface -> n
        self.display: dict[str, str] = {}  # folded surface -> first spelling seen
        self.quoted: Counter[str] = Counter()
        self.claims = self.hedged = self.negated = 0
        self.events = self.reported = self.claimed = 0
        if state is not None:
            for name in self.NUMBERS:
                setattr(self, name, state[name])
            self.counts = [Counter(c) for c in state["counts"]]
            self.forms = [Counter(f) for f in state["forms"]]
            self.display, self.quoted = dict(state["display"]), Counter(state["quoted"])

    def to_state(self) -> dict[str, Any]:
        return {**{name: getattr(self, name) for name in self.NUMBERS}, "counts": [dict(c) for c in self.counts],
                "forms": [dict(f) for f in self.forms], "display": self.display, "quoted": dict(self.quoted)}

    def add(self, article: Article) -> None:
        self.articles += 1
        body = article.body or ""
        self.words += len(body.split())
        text = "\n\n".join(t for t in (article.title, article.subtitle, body) if t)
        for pair, side, surface in self.lex.find(text):
            self._count(pair, side, surface)
        if not body:
            for loc in (e for e in article.entities if e.label == "location"):
                for mention in loc.mentions:
                    for i in self.places:
                        side = self.lex.side_of_form(i, mention.text)
                        if side is not None:
                            self._count(i, side, mention.text)
        local = {e.canonical: e.side for e in article.entities
                 if e.label in ("person", "organization") and e.canonical and e.side in SIDES}
        for claim in article.claims:
            self.claims += 1
            self.hedged += claim.hedged
            self.negated += claim.negated
            self.quoted[self.sides.side(claim.speaker, claim.speaker_kind, local)] += 1
        for event in article.events:
            self.events += 1
            self.reported += event.status == "reported"
            self.claimed += event.status == "claimed"

    def _count(self, pair: int, side: str, surface: str) -> None:
        self.counts[pair][side] += 1
        key = " ".join(surface.split())
        folded = key.casefold()
        self.display.setdefault(folded, key)
        self.forms[pair][folded] += 1

    def result(self) -> dict[str, Any]:
        choices = {}
        for i, pair in enumerate(self.lex.pairs):
            c = self.counts[i]
            total = c["r"] + c["u"] + c["n"]
            choices[pair.name] = {
                "kind": pair.kind,
                "russian_side": c["r"],
                "ukrainian_side": c["u"],
                "neutral": c["n"],
                "lean": _round((c["r"] - c["u"]) / total) if total else None,
                "forms": {self.display[f]: n for f, n in self.forms[i].most_common()},
            }
        leans = [v["lean"] for v in choices.values() if v["lean"] is not None]
        return {
            "articles": self.articles,
            "words": self.words,
            "lexical_choices": choices,
            "overall_lean": _round(sum(leans) / len(leans)) if leans else None,
            "pairs_observed": len(leans),
            "evidence": _evidence(choices),
            "quoted_sides": {
                "counts": {s: self.quoted[s] for s in QUOTED_SIDES},
                "shares": {s: _share(self.quoted[s], self.claims) for s in QUOTED_SIDES},
            },
            "claims": {"total": self.claims, "hedged": self.hedged, "negated": self.negated},
            "hedging": _share(self.hedged, self.claims),
            "negation": _share(self.negated, self.claims),
            "events": {"total": self.events, "reported": self.reported, "claimed": self.claimed},
            "unattributed_share": _share(self.reported, self.events),
        }


def _evidence(choices: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The pairs that pull hardest, with the surface forms behind them."""
    seen = [(name, v) for name, v in choices.items() if v["lean"] is not None]
    seen.sort(key=lambda nv: (
        -abs(nv[1]["russian_side"] - nv[1]["ukrainian_side"]),
        -(nv[1]["russian_side"] + nv[1]["ukrainian_side"]),
        nv[0],
    ))
    return [
        {
            "pair": name,
            "russian_side": v["russian_side"],
            "ukrainian_side": v["ukrainian_side"],
            "lean": v["lean"],
            "examples": dict(list(v["forms"].items())[:EXAMPLES_PER_PAIR]),
        }
        for name, v in seen[:EVIDENCE_SIZE]
    ]


def _share(part: int, whole: int) -> float | None:
    return _round(part / whole) if whole else None


def _round(x: float) -> float:
    return round(x, 4)
