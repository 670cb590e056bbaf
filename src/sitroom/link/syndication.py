"""Syndication: the same text published again, whole, trimmed or lightly rewritten.

Two articles are copies when the sets of their word 5-shingles (lower-cased words, punctuation
ignored) have a Jaccard similarity of at least ``threshold`` (0.5), or when at least ``containment``
(0.8) of the shorter one's shingles are in the longer one (a wire story trimmed by the outlet that
re-ran it). Candidate pairs come from MinHash LSH (datasketch, 128 permutations, LSH threshold 0.3
so both tests are recalled); each candidate is then checked on the exact shingle sets, so the
result does not depend on the hashing. Copies are grouped transitively (union-find).

A group's copies are one source, not independent confirmation: ``originating`` names the one
published first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from datasketch import MinHash, MinHashLSH

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


def syndication_groups(docs: Iterable[dict[str, Any]], threshold: float = 0.5,
                       containment: float = 0.8) -> list[list[str]]:
    """Groups of ``source``s whose bodies are copies of each other; singletons are left out.

    Groups are ordered by their first member in the input, members in input order.
    """
    sources: list[str] = []
    sets: list[set[str]] = []
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for doc in docs:
        index = len(sources)
        sources.append(str(doc.get("source") or doc.get("id") or index))
        grams = shingles(doc.get("body") or "")
        sets.append(grams)
        parent.append(index)
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


def originating(doc_group: Iterable[dict[str, Any]]) -> str:
    """The ``source`` of the copy published first (ties by source; undated copies count as last)."""
    docs = list(doc_group)
    if not docs:
        raise ValueError("originating() needs at least one article; pass a group from syndication_groups")

    def order(doc: dict[str, Any]) -> tuple[int, str, str]:
        published = doc.get("published")
        return (0, str(published), str(doc.get("source"))) if published else (1, "", str(doc.get("source")))

    return str(min(docs, key=order).get("source"))
