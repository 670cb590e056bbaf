"""Which people of an article "he" and "she" can stand for.

Pronouns resolve to the nearest person named before them (``sitroom.extract.speakers``); in a
story about a governor and a spokeswoman that is often the wrong one. This module gives each
person of an article a grammatical gender where something shows it, strongest evidence first:

- the registry's ``gender`` of the people it lists (``data/registry/persons.json``);
- a title or a role word at the name: "Mr", "Mrs", "Ms"; "spokeswoman Maria ...", "..., his wife";
- a pronoun after the person's mention in the same sentence, before another person is named
  ("Smith said his unit ...");
- the first name, from a table of 34,000 given names that one gender holds at least nine times in
  ten (``data/names/first_names.tsv.gz``, built by ``scripts/build_first_names.py`` from
  nomquamgender's name data, MIT License). Names given to both ("Sasha", "Kim") say nothing.

A person nothing shows a gender for has none, and either pronoun may stand for them.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from sitroom.model import Actor

MALE, FEMALE = "m", "f"
#: titles and role words, each a strong sign (counted three times a pronoun; a first name twice)
TITLES = {"mr": MALE, "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "madam": FEMALE, "sir": MALE, "dame": FEMALE,
          "lady": FEMALE, "lord": MALE}
ROLE_WORDS = {
    MALE: {"spokesman", "chairman", "congressman", "businessman", "actor", "husband", "father", "son", "brother",
           "grandfather", "widower", "king", "prince", "man", "boy", "uncle", "nephew", "policeman", "serviceman",
           "countryman", "statesman", "monk", "priest", "patriarch", "metropolitan"},
    FEMALE: {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress", "wife", "mother", "daughter",
             "sister", "grandmother", "widow", "queen", "princess", "woman", "girl", "aunt", "niece", "policewoman",
             "servicewoman", "stateswoman", "nun"},
}
PRONOUNS = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
            "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
TITLE_BEFORE = re.compile(rf"\b({'|'.join(TITLES)})\.?\s+$")
PRONOUN_RE = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“])")


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """{given name, lower case: MALE or FEMALE} (read once, when a pronoun first needs it)."""
    data = resources.files("sitroom.data").joinpath("names/first_names.tsv.gz").read_bytes()
    return dict(line.split("\t", 1) for line in gzip.decompress(data).decode("utf-8").splitlines())


def name_gender(name: str) -> str | None:
    """The gender a name shows by itself: a role word in it ("Spokeswoman Iryna Kovalenko"), else
    its first name's; None for a single word (a surname says nothing) or a name given to both."""
    words = [w.lower().strip(".,") for w in name.split()]
    for gender, roles in ROLE_WORDS.items():
        if roles & set(words[:-1]):
            return gender
    words = [w for w in words if w not in TITLES and not any(w in roles for roles in ROLE_WORDS.values())]
    if len(words) < 2:
        return None
    return first_names().get(words[0])


def genders(body: str, actors: list[Actor], registry=None) -> dict[str, str]:
    """{canonical name: MALE or FEMALE} for the people of the article whose gender the registry
    records or the article shows."""
    people = sorted((a for a in actors if a.label == "person"), key=lambda a: a.span.start)
    votes: dict[str, Counter] = {}
    for k, actor in enumerate(people):
        tally = votes.setdefault(actor.canonical, Counter())
        before = body[max(0, actor.span.start - 40):actor.span.start].lower()
        if m := TITLE_BEFORE.search(before):
            tally[TITLES[m.group(1)]] += 3
        words_before = re.findall(r"[a-z]+", before)[-2:]
        after = body[actor.span.end:actor.span.end + 80].lower()
        appos = re.match(r",\s+(?:the\s+|a\s+|an\s+)?([^,.;:()]{2,60})[,.]", after)
        near = set(words_before) | (set(re.findall(r"[a-z]+", appos.group(1))) if appos else set())
        for gender, roles in ROLE_WORDS.items():
            if near & roles:
                tally[gender] += 3
        # the first pronoun after the mention in its own sentence, before another person is named
        # ("Smith said his unit ..."); a pronoun of the next sentence could be anyone's
        stop = people[k + 1].span.start if k + 1 < len(people) else len(body)
        window = body[actor.span.end:min(stop, actor.span.end + 300)]
        if (end := SENTENCE_END.search(window)) is not None:
            window = window[:end.start()]
        if (p := PRONOUN_RE.search(window)) is not None:
            tally[PRONOUNS[p.group(1).lower()]] += 1
    out = {}
    for name, tally in votes.items():  # once per person, however often named
        entry = registry.get(name) if registry is not None else None
        if entry is not None and entry.gender is not None:
            out[name] = entry.gender
            continue
        if (prior := name_gender(name)) is not None:
            tally[prior] += 2
        if tally[MALE] != tally[FEMALE]:
            out[name] = MALE if tally[MALE] > tally[FEMALE] else FEMALE
    return out
