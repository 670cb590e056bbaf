"""Write each registry person's grammatical gender (``"gender": "m"`` or ``"f"``) into persons.json.

    python scripts/registry_genders.py [--registry src/sitroom/data/registry/persons.json] [--check]

For people of Ukraine, Russia and Belarus the gender is read from their Cyrillic aliases with
pymorphy3's Russian and Ukrainian dictionaries: the dictionary-known first name ("Name" in
pymorphy3's tags) and surname ("Surn") of each alias of two words or more vote, and a person gets a
gender only when the votes agree. Other people's names are outside the dictionaries (pymorphy3
guesses "Эммануэль" as a woman's name), so their gender is written by hand in the file, as a public
fact; a hand-written ``gender`` is always kept. The
English pronoun resolution (``sitroom.extract.speakers``) reads the field so that "she" never
stands for a man the registry knows, without loading pymorphy3 at run time. ``--check`` exits 1
when the file is not up to date. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "src" / "sitroom" / "data" / "registry" / "persons.json"
GENDERS = {"masc": "m", "femn": "f"}
UKRAINIAN_LETTERS = frozenset("іїєґ")
#: countries whose people's names the dictionaries know; elsewhere they guess ("Эммануэль" as a woman's)
SLAVIC = frozenset({"UA", "RU", "BY"})
CANONICAL = re.compile(r'^( *)"canonical": ("(?:[^"\\]|\\.)*"),\n(?: *"gender": "[mf]",\n)?', re.M)


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def gender_of(aliases: list[str], analysers: dict) -> str | None:
    """"m" or "f" when the dictionary-known first names and surnames of the Cyrillic aliases agree."""
    votes: Counter = Counter()
    for alias in aliases:
        words = alias.split()
        if len(words) < 2 or not all(is_cyrillic(w) for w in words):
            continue
        morph = analysers["uk" if UKRAINIAN_LETTERS & set(alias.lower()) else "ru"]
        for word, tag in ((words[0], "Name"), (words[-1], "Surn")):
            if not morph.word_is_known(word):
                continue
            parse = next((p for p in morph.parse(word) if tag in p.tag.grammemes and "nomn" in p.tag.grammemes
                          and p.tag.gender in GENDERS), None)
            if parse is not None:
                votes[GENDERS[parse.tag.gender]] += 1
    return next(iter(votes)) if len(votes) == 1 else None


def write_genders(text: str, genders: dict[str, str]) -> str:
    """The registry file's text with a ``"gender"`` line after each person's ``"canonical"`` line
    (replacing one already there), keeping the file's one-field-a-line layout."""
    def put(m: re.Match) -> str:
        name = json.loads(m.group(2))
        if name not in genders:
            return m.group(0)
        return f'{m.group(1)}"canonical": {m.group(2)},\n{m.group(1)}"gender": "{genders[name]}",\n'
    return CANONICAL.sub(put, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", type=Path, default=DEFAULT)
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is not up to date")
    args = parser.parse_args(argv)
    import pymorphy3

    analysers = {"ru": pymorphy3.MorphAnalyzer(lang="ru"), "uk": pymorphy3.MorphAnalyzer(lang="uk")}
    text = args.registry.read_text(encoding="utf-8")
    entries = json.loads(text)["entries"]
    genders = {e["canonical"]: g for e in entries
               if (g := e.get("gender") or (gender_of(e.get("aliases", []), analysers) if e.get("country") in SLAVIC
                                            else None))}
    counts = Counter(genders.values())
    updated = write_genders(text, genders)
    print(f"{len(entries)} people: {counts['m']} men, {counts['f']} women, {len(entries) - len(genders)} unknown",
          file=sys.stderr)
    if args.check:
        return 1 if updated != text else 0
    if updated != text:
        args.registry.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
