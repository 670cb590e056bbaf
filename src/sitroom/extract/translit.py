"""Romanisation of Ukrainian and Russian place names.

Three families, each a plain function of one string:

- :func:`kmu2010` - the official Ukrainian system (Cabinet of Ministers resolution No. 55 of
  27 January 2010): one output per input, as used on Ukrainian maps, passports and by the gold
  canonical names (Kharkiv, Vovchansk, Kupiansk, Izium, Zghorany).
- :func:`ru_variants` - the romanisations of a *Russian* Cyrillic name that English-language news
  and wire services actually print: BGN/PCGN-like (Kharkov, Volchansk, Izyum, Krasnoarmeysk,
  Neskuchnoye, Vesyoloye) and its simplified variants (Krasnoarmeisk, Neskuchnoe, Vesyoloe,
  Veseloe, Liptsi).
- :func:`uk_variants` - the older, pre-2010 "national" Ukrainian spellings still common in news
  (Kupyansk, Kostyantynivka, Mykolayiv) plus :func:`kmu2010`.
- :func:`german` - the Duden-style German transcription (Charkiw, Kiew-style forms are not
  generated; German exonyms come from GeoNames).

No I/O and no dependencies: the gazetteer build calls these, and so may a resolver at run time.
"""

from __future__ import annotations

from itertools import islice, product

__all__ = ["kmu2010", "ru_variants", "uk_variants", "german", "is_cyrillic", "looks_ukrainian", "ukrainian_person"]

_VOWELS = set("аеєиіїоуюяыэё")
_APOSTROPHES = "'’ʼ`´‘ʹ"

# --- KMU 2010 -------------------------------------------------------------------------------
# Letters whose romanisation depends on position: (at the start of a word, elsewhere).
_KMU_POSITIONAL = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"), "я": ("ya", "ia")}
_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "",
    # Russian-only letters, so that a mixed or Russian name still romanises sensibly.
    "ё": "e", "ы": "y", "э": "e", "ъ": "",
}


def is_cyrillic(text: str) -> bool:
    """True when the string has at least one Cyrillic letter."""
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def looks_ukrainian(text: str) -> bool:
    """True when the name has a letter that Ukrainian has and Russian has not (і ї є ґ)."""
    return any(ch in "іїєґІЇЄҐ" for ch in text)


def _case_like(out: str, src: str, word_upper: bool) -> str:
    if not out or not src.isupper():
        return out
    return out.upper() if word_upper else out[0].upper() + out[1:]


def _is_word_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in _APOSTROPHES:
        j -= 1
    return j < 0 or not text[j].isalpha()


def kmu2010(text: str) -> str:
    """Romanise Ukrainian Cyrillic by the official KMU 2010 table.

    Є Ї Й Ю Я are Ye Yi Y Yu Ya at the start of a word and ie i i iu ia elsewhere; зг is zgh
    (Zghorany, not Zhorany); the soft sign and the apostrophe are dropped. Non-Cyrillic characters
    pass through unchanged.
    """
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        low = ch.lower()
        if low in _APOSTROPHES:
            continue
        word_upper = ch.isupper() and i + 1 < n and text[i + 1].isupper()
        if low in _KMU_POSITIONAL:
            rom = _KMU_POSITIONAL[low][0 if _is_word_start(text, i) else 1]
        elif low == "г" and i > 0 and text[i - 1].lower() == "з":
            rom = "gh"
        elif low in _KMU:
            rom = _KMU[low]
        else:
            out.append(ch)
            continue
        out.append(_case_like(rom, ch, word_upper))
    return "".join(out)


# --- Russian: BGN/PCGN and news styles --------------------------------------------------------
_RU = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g",), "д": ("d",), "ж": ("zh",), "з": ("z",),
    "и": ("i",), "к": ("k",), "л": ("l",), "м": ("m",), "н": ("n",), "о": ("o",), "п": ("p",),
    "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",), "ф": ("f",), "х": ("kh",), "ц": ("ts",),
    "ч": ("ch",), "ш": ("sh",), "щ": ("shch",), "ъ": ("",), "ь": ("",), "ы": ("y", "i"),
    "э": ("e",), "й": ("y", "i"),
    # Ukrainian letters met in mixed names
    "і": ("i",), "ї": ("yi",), "є": ("ye",), "ґ": ("g",),
}


def _ru_options(text: str, i: int) -> tuple[str, ...]:
    low = text[i].lower()
    prev = text[i - 1].lower() if i > 0 else ""
    nxt = text[i + 1].lower() if i + 1 < len(text) else ""
    after_vowel = _is_word_start(text, i) or prev in _VOWELS or prev in "ьъй"
    end = not nxt.isalpha()
    if low == "е":
        return ("ye", "e") if after_vowel else ("e",)
    if low == "ё":
        return ("yo", "ye", "e") if after_vowel else ("yo", "e", "io")
    if low == "я":
        return ("ya", "ia") if not _is_word_start(text, i) else ("ya",)
    if low == "ю":
        return ("yu", "iu") if not _is_word_start(text, i) else ("yu",)
    if low == "й" and end and prev in "иы":
        # -ий / -ый endings: Krasnyy, Krasny, Krasnyi; Zolotoi / Zolotoy
        return ("y", "i", "")
    return _RU.get(low, (text[i],))


def _expand(text: str, options_at, limit: int) -> list[str]:
    """All combinations of per-character options, first choices first, at most ``limit``."""
    slots: list[tuple[str, ...]] = []
    for i, ch in enumerate(text):
        if ch in _APOSTROPHES:
            continue
        opts = options_at(text, i)
        if ch.isupper():
            word_upper = i + 1 < len(text) and text[i + 1].isupper()
            opts = tuple(_case_like(o, ch, word_upper) for o in opts)
        slots.append(opts)
    seen: dict[str, None] = {}
    for combo in islice(product(*slots), limit * 4):
        seen.setdefault("".join(combo), None)
        if len(seen) >= limit:
            break
    return list(seen)


def ru_variants(text: str, limit: int = 12) -> list[str]:
    """Romanisations of a Russian name as news prints them, most standard (BGN/PCGN) first.

    >>> ru_variants("Харьков")[0], ru_variants("Волчанск")[0], ru_variants("Изюм")[0]
    ('Kharkov', 'Volchansk', 'Izyum')
    """
    return _expand(text, _ru_options, limit)


# --- Ukrainian: pre-2010 national style ------------------------------------------------------
def _uk_options(text: str, i: int) -> tuple[str, ...]:
    low = text[i].lower()
    nxt = text[i + 1].lower() if i + 1 < len(text) else ""
    start = _is_word_start(text, i)
    if low in "єїюя":
        base = {"є": "ye", "ї": "yi", "ю": "yu", "я": "ya"}[low]
        return (base,) if start else (base, _KMU_POSITIONAL[low][1])
    if low == "й":
        return ("y",) if start or nxt.isalpha() else ("y", "i")
    if low == "ь":
        return ("",)
    if low == "г" and i > 0 and text[i - 1].lower() == "з":
        return ("gh",)
    if low in _KMU:
        return (_KMU[low],)
    return (text[i],)


def uk_variants(text: str, limit: int = 6) -> list[str]:
    """KMU 2010 first, then the older spellings of a Ukrainian name (Kupyansk, Mykolayiv)."""
    out = [kmu2010(text)]
    for v in _expand(text, _uk_options, limit):
        if v not in out:
            out.append(v)
    return out[:limit]


# --- German (Duden) ------------------------------------------------------------------------------
_DE_COMMON = {
    "а": "a", "б": "b", "в": "w", "д": "d", "ж": "sch", "з": "s", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z",
    "ч": "tsch", "ш": "sch", "щ": "schtsch", "ь": "", "ъ": "", "ю": "ju", "я": "ja", "й": "j",
    "ґ": "g", "є": "je", "ї": "ji", "і": "i", "ы": "y", "э": "e", "ё": "jo",
}


def german(text: str, ukrainian: bool | None = None) -> str:
    """Duden-style German transcription: Харків -> Charkiw, Волчанск -> Woltschansk."""
    uk = looks_ukrainian(text) if ukrainian is None else ukrainian
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low in _APOSTROPHES:
            continue
        if low == "г":
            rom = "h" if uk else "g"
        elif low == "и":
            rom = "y" if uk else "i"
        elif low == "е":
            rom = "je" if (not uk and _is_word_start(text, i)) else "e"
        elif low == "с":
            prev = text[i - 1].lower() if i > 0 else ""
            nxt = text[i + 1].lower() if i + 1 < len(text) else ""
            rom = "ss" if prev in _VOWELS and nxt in _VOWELS else "s"
        elif low in _DE_COMMON:
            rom = _DE_COMMON[low]
        else:
            out.append(ch)
            continue
        word_upper = ch.isupper() and i + 1 < len(text) and text[i + 1].isupper()
        out.append(_case_like(rom, ch, word_upper))
    return "".join(out)


# --- people's names in Latin script ----------------------------------------------------------------
# A Ukrainian given name in any of the spellings news uses, to its KMU 2010 form. Only a given name
# that is Ukrainian in form (Oleksiy, not the Russian Aleksey) makes the name Ukrainian, so Russian
# names keep their usual English spelling.
_UKRAINIAN_GIVEN = {
    "oleksiy": "Oleksii", "oleksii": "Oleksii", "oleksij": "Oleksii", "andriy": "Andrii", "andrii": "Andrii",
    "serhiy": "Serhii", "serhii": "Serhii", "yuriy": "Yurii", "yurii": "Yurii", "vitaliy": "Vitalii",
    "vitalii": "Vitalii", "valeriy": "Valerii", "valerii": "Valerii", "anatoliy": "Anatolii",
    "anatolii": "Anatolii", "hennadiy": "Hennadii", "hennadii": "Hennadii", "dmytro": "Dmytro",
    "mykola": "Mykola", "mykhailo": "Mykhailo", "mykhaylo": "Mykhailo", "volodymyr": "Volodymyr",
    "oleksandr": "Oleksandr", "vasyl": "Vasyl", "ihor": "Ihor", "yevhen": "Yevhen", "yevhenii": "Yevhenii",
    "bohdan": "Bohdan", "taras": "Taras", "petro": "Petro", "pavlo": "Pavlo", "halyna": "Halyna",
    "oksana": "Oksana", "nataliia": "Nataliia", "nataliya": "Nataliia", "yuliia": "Yuliia", "yuliya": "Yuliia",
}


def ukrainian_person(name: str) -> str:
    """A Ukrainian person's name in the KMU 2010 spelling the gold and Ukrainian sources use:
    "Oleksiy Kharkivskiy" -> "Oleksii Kharkivskyi". Names whose given name is not Ukrainian in form
    are returned unchanged."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in _UKRAINIAN_GIVEN:
        return name
    surname = words[-1]
    for old, new in (("skiy", "skyi"), ("skyy", "skyi"), ("sky", "skyi"), ("tskiy", "tskyi"), ("iy", "yi")):
        if surname.lower().endswith(old) and not surname.lower().endswith(new):
            surname = surname[: len(surname) - len(old)] + new
            break
    return " ".join([_UKRAINIAN_GIVEN[words[0].lower()], *words[1:-1], surname])
