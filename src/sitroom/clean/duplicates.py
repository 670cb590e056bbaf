"""Flag body paragraphs that repeat what the article already said.

Two kinds: a line repeated verbatim (a headline printed twice), and a closing paragraph that
restates earlier content (an appended summary). Both stay in the body, so spans and quotes keep
pointing at the text, but later stages must not count them as new evidence.
"""

from __future__ import annotations

import re

from sitroom.model import DuplicateLine, Span, normalize_text

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset("""
the and for that this with from have has had was were are been being its their they them his her him
she who whom which what when where while also but not nor yet than then there these those into onto
over under about after before between among amid despite during since until upon within without would
could should might must shall will can may did does done said says such very more most much many some
any each other only own same both all just even still well here how why our out off too per via
""".split())

#: A restatement needs at least this many content words, and at most these shares of its words
#: and word pairs new. It must close the article: an appended summary is a trailing run.
MIN_WORDS = 12
MAX_WORD_NOVELTY = 0.45
MAX_PAIR_NOVELTY = 0.75


#: a paragraph that recalls earlier news with its own source ("As a reminder, the president
#: confirmed ..."): background the article adds, not a summary of what it said
RECAP = re.compile(r"\s*(?:as a reminder|recall that|we recall|it will be recalled|as previously reported|"
                   r"as reported earlier|earlier,|previously,)\b", re.IGNORECASE)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", normalize_text(text).casefold()).strip()


def _stems(text: str) -> list[str]:
    return [w.casefold()[:6] for w in _WORD.findall(text) if w.casefold() not in _STOP]


def _novelty(new: set, seen: set) -> float:
    return len(new - seen) / len(new) if new else 1.0


def find_duplicates(paragraphs: list[tuple[Span, str]]) -> list[DuplicateLine]:
    """Duplicate and restating paragraphs among ``paragraphs`` (span, text), in body order."""
    repeated: dict[int, DuplicateLine] = {}
    first_seen: dict[str, Span] = {}
    restating: list[tuple[int, float]] = []
    seen_words: set[str] = set()
    seen_pairs: set[tuple[str, str]] = set()
    for i, (span, text) in enumerate(paragraphs):
        key = _key(text)
        if key and key in first_seen:
            repeated[i] = DuplicateLine(span, first_seen[key], "repeated line")
            continue
        first_seen.setdefault(key, span)
        stems = _stems(text)
        words, pairs = set(stems), set(zip(stems, stems[1:]))
        word_novelty = _novelty(words, seen_words)
        if (len(words) >= MIN_WORDS and word_novelty <= MAX_WORD_NOVELTY and not RECAP.match(text)
                and _novelty(pairs, seen_pairs) <= MAX_PAIR_NOVELTY):
            restating.append((i, word_novelty))
        seen_words |= words
        seen_pairs |= pairs
    found = dict(repeated)
    closing = len(paragraphs) - 1
    for i, novelty in reversed(restating):
        while closing in repeated:
            closing -= 1
        if i != closing:
            break
        found[i] = DuplicateLine(paragraphs[i][0], None, f"restates earlier content ({novelty:.0%} new words)")
        closing -= 1
    return [found[i] for i in sorted(found)]
