"""Syndication: the same text published again, whole, trimmed or lightly rewritten.

Two articles are copies when the sets of their word 5-shingles (lower-cased words, punctuation
ignored) have a Jaccard similarity of at least ``threshold`` (0.5), or when at least ``containment``
(0.8) of the shorter one's shingles are in the longer one (a wire story trimmed by the outlet that
re-ran it). Candidate pairs come from MinHash LSH (datasketch, 128 permutations, LSH threshold 0.3
so both tests are recalled); each candidate is then checked on the exact shingle sets, so the
result does not depend on the hashing. Copies are grouped transitively (union-find).

Articles with one text fingerprint (the same text from several outlets, see
:class:`sitroom.model.Article`) are copies whatever their length. A group's copies are one source,
not independent confirmation: ``originating`` names the one published first. Groups hold article ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from sitroom.model import Article

WORD = re.compile(r"\w+")
SHINGLE = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.3


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word ``size``-shingles of ``text``; a text shorter than ``size`` words is one shingle."""
    words = WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _copies(a: set[str], b: set[str], threshold: float, containment: float) -> bool:
    shared = len(a & b)
    if not shared:
        return False
    return shared / (len(a) + len(b) - shared) >= threshold or shared / min(len(a), len(b)) >= containment


def syndication_groups(articles: Iterable[Article], threshold: float = 0.5,
                       containment: float = 0.8) -> list[list[str]]:
    """Groups of article ids whose bodies are copies of each other; singletons are left out.

    Groups are ordered by their first member in the input, members in input order.
    """
    sources: list[str] = []
    sets: list[set[str]] = []
    same_text: dict[str, int] = {}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for article in articles:
        index = len(sources)
        sources.append(article.id)
        grams = shingles(article.body or "")
        sets.append(grams)
        parent.append(index)
        first = same_text.setdefault(article.fingerprint, index)
        if first != index:
            a, b = root(index), root(first)
            parent[max(a, b)] = min(a, b)
        if not grams:
            continue
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch([g.encode("utf-8") for g in grams])
        for other in sorted(lsh.query(signature)):
            if _copies(grams, sets[other], threshold, containment):
                a, b = root(index), root(other)
                parent[max(a, b)] = min(a, b)
        lsh.insert(index, signature)

    groups: dict[int, list[str]] = {}
    for i, source in enumerate(sources):
        groups.setdefault(root(i), []).append(source)
    return [members for members in groups.values() if len(members) > 1]


def originating(group: Iterable[Article]) -> str:
    """The id of the copy published first (ties by source; undated copies count as last)."""
    articles = list(group)
    if not articles:
        raise ValueError("originating() needs at least one article; pass a group from syndication_groups")

    def order(article: Article) -> tuple[int, str, str, str]:
        published = article.published
        return (0, published, article.source, article.id) if published else (1, "", article.source, article.id)

    return min(articles, key=order).id
