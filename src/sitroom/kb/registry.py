"""The curated registry of people, bodies and outlets that war coverage keeps quoting.

The data lives in ``sitroom/data/registry/`` (``persons.json``, ``organizations.json``,
``outlets.json``; how it was compiled and how to add to it is in ``SOURCES.md`` there). This
module loads it once (:meth:`Registry.load` is cached) and answers the questions the extraction
stages ask:

- :meth:`Registry.lookup` -- every entry a surface form may name ("Zelenskiy", "Зеленский",
  "Russia's Defense Ministry", "President Putin"), strong matches first;
- :meth:`Registry.resolve` -- the single best entry, using words from the article to choose among
  namesakes (the Ukrainian official Oleksandr Lytvynenko versus the defector Alexander
  Litvinenko), then near-misspellings (:meth:`Registry.fuzzy`), then metonyms ("the Kremlin");
- :meth:`Registry.by_domain` / :meth:`Registry.outlet` -- the outlet behind a host or URL;
- :meth:`Registry.names` -- every alias, for building a phrase matcher.

Comparison keys come from :func:`normalize_name`: case, diacritics, apostrophes, abbreviation
dots, British/American spelling and the "Russia's"/"Russian" possessive are folded away.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from sitroom.errors import ConfigError
from sitroom.kb.memo import Memo
from sitroom.model import Record

SIDES = ("ukraine", "russia", "west", "neutral", "other")
FILES = {"persons.json": "person", "organizations.json": "organization", "outlets.json": "organization"}
OUTLET_KINDS = frozenset({"media", "blogger", "platform"})

STRONG, WEAK = 2, 1
CUE_WEIGHT = 0.3  # score per distinct context word of an entry found near the mention

# Word-level folds applied to both sides of every comparison.
_FOLDS = {
    "defence": "defense", "centre": "center", "organisation": "organization", "programme": "program",
    "kiev": "kyiv", "kharkov": "kharkiv", "odessa": "odesa", "lugansk": "luhansk",
    "zaporozhye": "zaporizhzhia", "zaporizhia": "zaporizhzhia", "nikolaev": "mykolaiv",
    "ukraine": "ukrainian", "russia": "russian", "belarus": "belarusian", "britain": "british",
    "america": "american", "poland": "polish", "germany": "german", "france": "french",
    "china": "chinese", "turkey": "turkish", "hungary": "hungarian", "iran": "iranian",
}
_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"}
)
_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u02b9\u0060\u00b4\u2032']")
_ABBREV = re.compile(r"(?<!\w)((?:\w\.){2,})")
_NON_WORD = re.compile(r"[^\w\s]|_")
_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)

# Words that may precede a name ("Ukrainian President Volodymyr Zelensky", "Gen. Syrskyi").
TITLE_WORDS = frozenset(
    """president presidents prime minister ministers pm mr mrs ms dr sir dame lord gen general lt lieutenant
    col colonel maj major adm admiral marshal brig brigadier capt captain sgt governor gov mayor spokesman
    spokeswoman spokesperson press secretary sec chancellor sen senator rep representative foreign defense
    interior chief commander head deputy ukrainian russian us american british french german polish chinese
    belarusian turkish hungarian nato un eu kremlin pentagon white house state former ex then acting king
    queen pope patriarch speaker ambassador envoy special national security adviser advisor aide vice
    first army military intelligence top senior official leader director the of in to for and chairman
    chairwoman supreme allied europe council staff armed forces herr frau monsieur""".split()
)


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """The comparison key of a name: "Russia’s Defence-Ministry" -> "russian defense ministry"."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = _APOSTROPHES.sub("'", s)
    s = re.sub(r"(?<=\w)'s\b", "", s)  # possessive: russia's -> russia
    s = s.replace("'", "")  # o'brien, мар'яна
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.translate(_LETTERS)
    s = _ABBREV.sub(lambda m: m.group(1).replace(".", ""), s)  # u.s. -> us
    s = s.replace("&", " and ")
    s = _NON_WORD.sub(" ", s)
    words = [_FOLDS.get(w, w) for w in s.split()]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Role(Record):
    """An office held, with the years it was held (``None``: unknown or still held)."""

    title: str
    start: int | None = None
    end: int | None = None

    def covers(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


#: kinds of entries that carry what others say: outlets and platforms
MEDIA_KINDS = frozenset({"media", "platform"})


@dataclass(frozen=True, slots=True)
class Entry(Record):
    """One person, body or outlet.

    ``side`` is one of :data:`SIDES`, or None only for a generic body of no stated country.
    ``weak`` forms name the entry only with help from context ("General Staff", a bare surname);
    ``case_sensitive`` entries are ordinary words or phrases ("Grey Zone", "Time") that a matcher
    should only take with their capitals; ``prior`` ranks namesakes when nothing else decides.
    """

    canonical: str
    kind: str
    label: str
    role: str
    side: str | None
    country: str | None
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    weak: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    stance: str | None = None
    prior: float = 1.0
    active: tuple[int | None, int | None] | None = None
    case_sensitive: bool = False
    gender: str | None = None  # a person's grammatical gender, "m" or "f", for "he" and "she"

    _nested_lists: ClassVar[dict[str, type[Record]]] = {"roles": Role}

    @property
    def is_outlet(self) -> bool:
        return self.kind in OUTLET_KINDS

    def role_in(self, year: int) -> str:
        """The role held in ``year`` (the latest one if several), else the usual ``role``."""
        held = [r for r in self.roles if r.covers(year)]
        return held[-1].title if held else self.role

    def active_in(self, year: int) -> bool:
        if not self.active:
            return True
        start, end = self.active
        return (start is None or start - 1 <= year) and (end is None or year <= end + 1)


def entry_from_json(data: dict[str, Any], label: str, where: str) -> Entry:
    """Build an :class:`Entry` from one JSON object of a registry file, checking it."""
    try:
        canonical = data["canonical"]
        roles = tuple(
            Role(*r) if isinstance(r, list) else Role(r["title"], r.get("start"), r.get("end"))
            for r in data.get("roles", ())
        )
        entry = Entry(
            canonical=canonical,
            kind=data.get("kind", "person" if label == "person" else ""),
            label=label,
            role=data.get("role") or (roles[-1].title if roles else ""),
            side=data.get("side"),
            country=data.get("country"),
            aliases=_unique(data.get("aliases", ())),
            domains=_unique(d.lower() for d in data.get("domains", ())),
            context=_unique(data.get("context", ())),
            roles=roles,
            weak=_unique(data.get("weak", ())),
            metonyms=_unique(data.get("metonyms", ())),
            stance=data.get("stance"),
            prior=float(data.get("prior", 1.0)),
            active=tuple(data["active"]) if data.get("active") else None,  # type: ignore[arg-type]
            case_sensitive=bool(data.get("case_sensitive", False)),
            gender=data.get("gender"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: malformed registry entry {data!r} ({exc}); fix the data file") from exc
    if entry.gender not in (None, "m", "f"):
        raise ConfigError(f"{where}: {canonical!r} has gender {entry.gender!r}; use m or f")
    if entry.side is not None and entry.side not in SIDES:
        raise ConfigError(f"{where}: {canonical!r} has side {entry.side!r}; use one of {', '.join(SIDES)}")
    if not entry.kind or not entry.role:
        raise ConfigError(f"{where}: {canonical!r} needs a kind and a role")
    if entry.country is not None and not re.fullmatch(r"[A-Z]{2}", entry.country):
        raise ConfigError(f"{where}: {canonical!r} country must be ISO 3166-1 alpha-2, not {entry.country!r}")
    return entry


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.strip() for i in items if i and i.strip()))


def _surname(name: str) -> str | None:
    words = normalize_name(name).split()
    while words and words[-1] in {"jr", "sr", "ii", "iii"}:
        words.pop()
    if len(words) < 2 or len(words[-1]) < 3 or words[-1] in TITLE_WORDS or "of" in words:
        return None
    return words[-1]


def _close(query: list[str], key: list[str], score: float, person: bool) -> bool:
    """Whether a fuzzy hit is a misspelling of ``key`` rather than another name like it.

    Word by word: the same number of words, each pair alike (ratio 75+) and of nearly the same
    length, so "Lavrenov" is not "Lavrov", "Oleksiy" is not "Oleksandr" and "Belarus" is not
    "Russia"; an organisation's name may instead drop a word if the whole stays very close (92+).
    """
    length = len(" ".join(query))
    needed = 85 if person and length >= 7 else 88 if length >= 8 else 90
    if score < needed:
        return False
    if len(query) != len(key):
        return not person and score >= 92
    for a, b in zip(query, key, strict=True):
        if a == b:
            continue
        if fuzz.ratio(a, b) < 75 or abs(len(a) - len(b)) > (1 if person else 2):
            return False
    return True


def _host_and_path(value: str) -> tuple[str, str]:
    value = value.strip()
    parts = urlsplit(value if "://" in value else "//" + value)
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
    first = parts.path.strip("/").split("/")[0].lower() if parts.path else ""
    return host, first


class Registry:
    """Indexes over the registry entries. Build with :meth:`load` (cached) or from entries."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._fuzzy_answers: Memo[Entry | None] = Memo(50_000)  # the same names are asked again and again
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._by_key: dict[str, dict[int, int]] = {}
        self._canonical: dict[str, int] = {}
        self._domains: dict[str, int] = {}
        self._metonyms: dict[str, int] = {}
        self._surnames: set[tuple[str, int]] = set()
        for i, e in enumerate(self.entries):
            key = normalize_name(e.canonical)
            if key in self._canonical:
                other = self.entries[self._canonical[key]].canonical
                raise ConfigError(f"registry: {e.canonical!r} duplicates {other!r}; merge the two entries")
            self._canonical[key] = i
            weak_keys = {normalize_name(w) for w in e.weak}
            for name in (e.canonical, *e.aliases):
                k = normalize_name(name)
                if not k:
                    continue
                bare = name.strip().lower().startswith("the ") and " " not in k
                self._add(k, i, WEAK if (k in weak_keys or bare) else STRONG)
            for k in weak_keys:
                self._add(k, i, WEAK)
            if e.label == "person":
                given = normalize_name(e.canonical.split()[0]) if " " in e.canonical else None
                for name in (e.canonical, *e.aliases):
                    s = _surname(name)
                    if s and s != given:  # "Orbán Viktor": family name first, "Viktor" is no surname
                        self._add(s, i, WEAK)
                        self._surnames.add((s, i))
            for d in e.domains:
                if d in self._domains:
                    other = self.entries[self._domains[d]].canonical
                    raise ConfigError(f"registry: domain {d!r} is claimed by {other!r} and {e.canonical!r}")
                self._domains[d] = i
            for m in e.metonyms:
                self._metonyms.setdefault(normalize_name(m), i)
        fuzzy_keys = sorted(
            {(k, i) for k, hits in self._by_key.items() for i, s in hits.items() if s == STRONG}
            | self._surnames
        )
        #: the keys a fuzzy match may reach, by first letter and digits (which it must share)
        self._fuzzy_groups: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for k, i in fuzzy_keys:
            self._fuzzy_groups.setdefault((k[0], re.sub(r"\D", "", k)), []).append((k, i))

    def _add(self, key: str, index: int, strength: int) -> None:
        hits = self._by_key.setdefault(key, {})
        hits[index] = max(hits.get(index, 0), strength)

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Registry:
        """The registry shipped with sitroom (or the one in ``directory``); loaded once."""
        return _load(str(directory) if directory is not None else None)

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> Registry:
        entries: list[Entry] = []
        for path in paths:
            label = FILES.get(path.name, "organization")
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise ConfigError(f"cannot read registry file {path}: {exc}") from exc
            entries.extend(entry_from_json(d, label, path.name) for d in data["entries"])
        return cls(entries)

    # -- questions -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __contains__(self, canonical: object) -> bool:
        return isinstance(canonical, str) and self.get(canonical) is not None

    def get(self, canonical: str) -> Entry | None:
        """The entry whose canonical name is ``canonical`` (compared as a key), else None."""
        i = self._canonical.get(normalize_name(canonical))
        return self.entries[i] if i is not None else None

    def is_medium(self, canonical: str) -> bool:
        """Whether a canonical name is an outlet or a platform (it relays, it does not speak)."""
        entry = self.get(canonical) if canonical else None
        return entry is not None and entry.kind in MEDIA_KINDS

    def side_of(self, name: str) -> str | None:
        """The side of a canonical name, or of whatever ``name`` resolves to."""
        entry = self.get(name) or self.resolve(name)
        return entry.side if entry else None

    def lookup(self, surface: str, label: str | None = None, weak: bool = True) -> list[Entry]:
        """Every entry ``surface`` may name: strong matches, then weak ones, each by prior."""
        return [self.entries[i] for i, _ in self._candidates(surface, label, weak)]

    def _candidates(self, surface: str, label: str | None, weak: bool) -> list[tuple[int, int]]:
        if _DOMAIN_LIKE.match(surface.strip()) and " " not in surface.strip():
            e = self.by_domain(surface)
            if e is not None and (label is None or e.label == label):
                return [(self.entries.index(e), STRONG)]
        for n, key in enumerate(self._variants(normalize_name(surface))):
            hits = [
                (i, s)
                for i, s in self._by_key.get(key, {}).items()
                if (weak or s == STRONG)
                and (label is None or self.entries[i].label == label)
                and (n == 0 or self.entries[i].label == "person")  # titles precede people
            ]
            if hits:
                hits.sort(key=lambda h: (-h[1], -self.entries[h[0]].prior, h[0]))
                return hits
        return []

    def _variants(self, key: str) -> Iterator[str]:
        """The key, then with leading titles stripped, then first + last word (people only)."""
        yield key
        words = key.split()
        while len(words) > 1 and words[0] in TITLE_WORDS:
            words = words[1:]
            yield " ".join(words)
        if len(words) >= 3:
            yield f"{words[0]} {words[-1]}"

    def names(self, include_weak: bool = False, label: str | None = None) -> Iterator[tuple[str, Entry]]:
        """(surface, entry) for every canonical name and alias, for building a phrase matcher.

        Weak forms (bare surnames, "the army", "General Staff") are left out unless asked for; a
        matcher should compare all-capital acronyms ("AP", "ICC") and the names of
        ``case_sensitive`` entries with their capitals.
        """
        for e in self.entries:
            if label is not None and e.label != label:
                continue
            weak_keys = {normalize_name(w) for w in e.weak}
            for name in (e.canonical, *e.aliases):
                if normalize_name(name) not in weak_keys:
                    yield name, e
            if include_weak:
                yield from ((w, e) for w in e.weak)

    def keys(self) -> Iterator[str]:
        """Every normalised key a lookup or :meth:`metonym` can find (see :func:`normalize_name`)."""
        yield from self._by_key
        yield from self._metonyms

    def metonym(self, surface: str) -> Entry | None:
        """The government a capital or seat stands for ("Kyiv", "the Kremlin"), else None."""
        i = self._metonyms.get(normalize_name(surface))
        return self.entries[i] if i is not None else None

    def by_domain(self, host: str) -> Entry | None:
        """The entry publishing at a host or URL ("https://www.tass.com/x", "t.me/rybar/1")."""
        name, first = _host_and_path(host)
        if not name:
            return None
        if first and f"{name}/{first}" in self._domains:
            return self.entries[self._domains[f"{name}/{first}"]]
        labels = name.split(".")
        for start in range(len(labels) - 1):
            i = self._domains.get(".".join(labels[start:]))
            if i is not None:
                return self.entries[i]
        return None

    def outlet(self, name_or_domain: str) -> Entry | None:
        """The outlet a name ("Strana", "New York Times") or domain ("www.ntv.de") refers to."""
        text = name_or_domain.strip()
        if _DOMAIN_LIKE.match(text) and " " not in text:
            found = self.by_domain(text)
            if found is not None:
                return found
        for e in self.lookup(text):
            if e.is_outlet:
                return e
        found = self.fuzzy(text, label="organization")
        return found if found is not None and found.is_outlet else None

    def fuzzy(self, surface: str, label: str | None = None) -> Entry | None:
        """The one entry a near-misspelling names ("Kohashenkov"), or None when unsure.

        Conservative: at least six letters, the same first letter and digits, a high similarity
        (85 for persons' names of seven letters or more, 88 for other keys of eight or more, 90
        otherwise), word-by-word likeness (see :func:`_close`) and a clear lead over the next
        entity; entries tied on the same spelling are separated only by their prior.
        """
        return self._fuzzy_answers.get_or((surface, label), lambda: self._fuzzy(surface, label))

    def _fuzzy(self, surface: str, label: str | None) -> Entry | None:
        for n, key in enumerate(self._variants(normalize_name(surface))):
            if n and label not in (None, "person"):
                break
            found = self._fuzzy_key(key, label if n == 0 else "person")
            if found is not None:
                return found
        return None

    def _fuzzy_key(self, key: str, label: str | None) -> Entry | None:
        if len(key.replace(" ", "")) < 6:
            return None
        words = key.split()
        digits = re.sub(r"\D", "", key)
        pool = [
            (k, i)
            for k, i in self._fuzzy_groups.get((key[0], digits), ())
            if (label is None or self.entries[i].label == label)
            and (len(words) == 1 or (k, i) not in self._surnames)  # "Oleksiy X" is not any X
        ]
        if not pool:
            return None
        matches = process.extract(key, [k for k, _ in pool], scorer=fuzz.ratio, limit=20, score_cutoff=80)
        best: dict[int, float] = {}
        for _, score, pos in matches:
            k, i = pool[pos]
            if _close(words, k.split(), score, self.entries[i].label == "person"):
                best[i] = max(best.get(i, 0.0), score)
        if not best:
            return None
        ranked = sorted(best, key=lambda i: (-best[i], -self.entries[i].prior))
        if len(ranked) > 1:
            first, second = ranked[0], ranked[1]
            if best[first] - best[second] < 3:
                same_spelling = best[first] == best[second]
                if not (same_spelling and self.entries[first].prior > self.entries[second].prior):
                    return None
        return self.entries[ranked[0]]

    def resolve(
        self,
        surface: str,
        text: str | None = None,
        at: int | None = None,
        year: int | None = None,
        label: str | None = None,
        window: int = 400,
    ) -> Entry | None:
        """The single entry ``surface`` most likely names, or None.

        ``text`` (the article) and ``at`` (where the mention sits in it) let context words choose
        among namesakes; ``year`` rules out people no longer active. Falls back to
        :meth:`fuzzy`, then :meth:`metonym`.
        """
        candidates = self._candidates(surface, label, weak=True)
        if not candidates:
            found = self.metonym(surface) if label != "person" else None
            return found or self.fuzzy(surface, label)
        if len(candidates) == 1:
            entry = self.entries[candidates[0][0]]
            common = {normalize_name(w) for w in entry.weak if w == w.lower()}
            if candidates[0][1] == WEAK and normalize_name(surface) in common and text is not None \
                    and not _names_country(text, entry.country):
                return None  # "police said" in a story from elsewhere: not Ukraine's National Police
            return entry
        if text is not None and at is not None:
            text = text[max(0, at - window): at + window]
        return self._choose(candidates, text, year)

    def disambiguate(
        self, entries: Iterable[Entry], text: str | None = None, year: int | None = None
    ) -> Entry | None:
        """The entry among ``entries`` that ``text`` and ``year`` fit best."""
        index = {e.canonical: i for i, e in enumerate(self.entries)}
        pool = [(index[e.canonical], STRONG) for e in entries if e.canonical in index]
        return self._choose(pool, text, year) if pool else None

    def _choose(self, candidates: list[tuple[int, int]], text: str | None, year: int | None) -> Entry | None:
        padded = f" {normalize_name(text)} " if text else ""
        strength = dict(candidates)
        scored: list[tuple[float, int, int]] = []
        for order, (i, strong) in enumerate(candidates):
            e = self.entries[i]
            score = (1.0 if strong == STRONG else 0.5) * e.prior
            if padded:
                cues = {normalize_name(c) for c in e.context}
                score += CUE_WEIGHT * min(4, sum(1 for c in cues if c and f" {c} " in padded))
            if year is not None and not e.active_in(year):
                score -= 0.75
            scored.append((score, -order, i))
        scored.sort(reverse=True)
        best_score, _, best = scored[0]
        # Weak readings that context cannot tell apart (two countries' foreign ministries, each
        # country named): take the strong reading (e.g. the generic body) unless one weak reading
        # leads by two context words, or by one when there is no strong reading; else give up.
        rivals = [s for s, _, i in scored[1:] if strength[i] == WEAK]
        strong = [i for _, _, i in scored if strength[i] == STRONG]
        margin = CUE_WEIGHT * (1.8 if strong else 0.8)
        if strength[best] == WEAK and rivals and best_score - rivals[0] < margin:
            return self.entries[strong[0]] if strong else None
        return self.entries[best]

    def count(self, label: str | None = None, outlets: bool | None = None) -> int:
        return sum(
            1
            for e in self.entries
            if (label is None or e.label == label) and (outlets is None or e.is_outlet == outlets)
        )


#: how an article names the countries whose bodies the registry gives a common-noun form ("police",
#: "the military", "the administration"): such a form names that body only in an article naming its country
COUNTRY_WORDS = {"UA": re.compile(r"\bUkrain|\bKyiv\b|\bKiev\b"),
                 "RU": re.compile(r"\bRussia|\bMoscow\b|\bKremlin\b"),
                 "US": re.compile(r"\bUnited States\b|\bU\.S\.|\bUS\b|\bAmerica|\bWashington\b|\bWhite House\b")}


def _names_country(text: str, country: str | None) -> bool:
    pattern = COUNTRY_WORDS.get(country or "")
    return pattern is None or pattern.search(text) is not None


@lru_cache(maxsize=8)
def _load(directory: str | None) -> Registry:
    if directory is None:
        root = resources.files("sitroom") / "data" / "registry"
        paths = [Path(str(root / name)) for name in FILES]
    else:
        paths = [Path(directory) / name for name in FILES if (Path(directory) / name).exists()]
    return Registry.from_files(paths)


__all__ = ["Entry", "Registry", "Role", "SIDES", "normalize_name"]

