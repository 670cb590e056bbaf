"""A story's title: its most central headline, never a file path.

A story's members are headed by their outlets' headlines, some generic ("Military operation in
Ukraine", "Special military operation"), some not headlines at all (a file name where a page had no
title). The title is the headline that shares the most words with the other members' headlines and
names the places the story's articles name most; a headline that is a path or a file name is never
one. A story without a usable headline is titled by its size and the place its articles name most.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
#: words of headlines that say nothing about what happened
COMMON = frozenset({"says", "said", "claims", "update", "live", "news", "report", "reports", "after", "with",
                    "from", "over", "amid", "near", "into", "their", "this", "that", "what", "will", "have"})
PATHLIKE = re.compile(r"[/\\]|\.(?:txt|html?|json|jsonl|md)$|^\w+_\w+(?:_\w+)+$", re.I)


def usable(title: str | None) -> bool:
    """A headline, not a path, a file name or an empty string."""
    return bool(title and title.strip() and not PATHLIKE.search(title.strip()))


def _words(text: str) -> set[str]:
    return {w[:6] for w in (m.group().lower() for m in WORD.finditer(text)) if w not in COMMON}  # stems: Kharkov/Kharkiv apart, Kupiansk's/Kupiansk one


def central_title(titles: Iterable[str | None], places: Counter | None = None) -> str | None:
    """The most central usable headline of ``titles``; ``places`` counts the articles naming each place."""
    candidates = list(dict.fromkeys(t.strip() for t in titles if usable(t)))
    if not candidates:
        return None
    bags = [_words(t) for t in candidates]
    named = {p.lower()[:6]: n for p, n in (places or Counter()).most_common(5)}
    best, best_score = candidates[0], -1.0
    for k, (title, bag) in enumerate(zip(candidates, bags, strict=True)):
        shared = sum(len(bag & other) for j, other in enumerate(bags) if j != k)
        score = shared + 2 * sum(1 for stem in bag if stem in named)
        if score > best_score:
            best, best_score = title, score
    return best


def story_title(titles: Iterable[str | None], places: Counter | None = None, articles: int = 0) -> str:
    """:func:`central_title`, else "3 articles on Kupiansk", else "3 articles"."""
    found = central_title(titles, places)
    if found:
        return found
    top = (places or Counter()).most_common(1)
    size = f"{articles} article{'s' if articles != 1 else ''}"
    return f"{size} on {top[0][0]}" if top else size
