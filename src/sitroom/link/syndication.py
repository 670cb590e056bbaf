"""Syndication: the same text published again, whole, trimmed or lightly rewritten.

Two articles are copies when the sets of their word 5-shingles (lower-cased words, punctuation
ignored) have a Jaccard similarity of at least ``threshold`` (0.5), or when at least ``containment``
(0.8) of the shorter one's shingles are in the longer one (a wire story trimmed by the outlet that
re-ran it). Candidate pairs come from MinHash LSH (datasketch, 128 permutations, LSH threshold 0.3
so both tests are recalled); each candidate is then checked on the exact shingle sets, the
:data:`MAX_CANDIDATES` that share the most bands with the article first. Copies are grouped
transitively (union-find); a candidate already in the article's group is not checked again.

Articles with one text fingerprint (the same text from several outlets, see
:class:`sitroom.model.Article`) are copies whatever their length. A group's copies are one source,
not independent confirmation: ``originating`` names the one published first. Groups hold article ids.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable
from hashlib import blake2b
from typing import Any

from datasketch import MinHash, MinHashLSH

from sitroom.model import Article

WORD = re.compile(r"\w+")
SHINGLE = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.3
#: candidates checked per article, those sharing the most MinHash bands first (the number of shared
#: bands estimates the Jaccard similarity): a copy is among the first, and in a corpus of
#: look-alike texts (templated bulletins) the rest would make every addition cost the corpus's size
MAX_CANDIDATES = 50


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
    articles = list(articles)
    bodies = {a.id: a.body or "" for a in articles}
    index = CopyIndex(lambda ids: {i: bodies[i] for i in ids}, threshold, containment)
    for article in articles:
        index.add(article)
    return index.groups()


class CopyIndex:
    """Copy groups found article by article: :meth:`add` returns the group an article joins.

    Two articles are copies by one text fingerprint, or by word shingles close enough (see the
    module docstring), checked exactly on candidates that share a MinHash band (:data:`LSH_THRESHOLD`). The
    bands are kept as short keys, not the texts: a candidate's text is read through ``text_of``
    (article id -> body) when it is needed, so the index stays small and can be stored
    (:meth:`to_state`) and extended later with the same result as one pass over every article.
    """

    def __init__(self, text_of: Callable[[list[str]], dict[str, str]] | None = None,
                 threshold: float = 0.5, containment: float = 0.8) -> None:
        self.text_of = text_of or (lambda ids: {})
        self.threshold, self.containment = threshold, containment
        self.ids: list[str] = []
        self.parent: list[int] = []
        self.fingerprints: dict[str, int] = {}
        self.bands: dict[str, list[int]] = {}
        self._ranges = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges
        template = MinHash(num_perm=NUM_PERM)  # its permutations are made once, not per article
        self._permutations, self._scheme = template.permutations, template.scheme

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _union(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        self.parent[max(a, b)] = min(a, b)

    def add(self, article: Article) -> str | None:
        """Add one article; the id of the first-added copy of its group, or None when it has no copy."""
        index = len(self.ids)
        self.ids.append(article.id)
        self.parent.append(index)
        first = self.fingerprints.setdefault(article.fingerprint, index)
        if first != index:
            self._union(index, first)
        grams = shingles(article.body or "")
        if grams:
            signature = MinHash(num_perm=NUM_PERM, permutations=self._permutations, scheme=self._scheme)
            signature.update_batch([g.encode("utf-8") for g in grams])
            keys = [_band_key(k, signature.hashvalues[start:end]) for k, (start, end) in enumerate(self._ranges)]
            shared = Counter(i for key in keys for i in self.bands.get(key, ()))
            candidates = heapq.nlargest(MAX_CANDIDATES, shared, key=lambda i: (shared[i], -i))
            texts = self.text_of([self.ids[i] for i in candidates]) if candidates else {}
            for other in candidates:
                if self.root(other) == self.root(index):
                    continue
                text = texts.get(self.ids[other])
                if text is not None and _copies(grams, shingles(text), self.threshold, self.containment):
                    self._union(index, other)
            for key in keys:
                self.bands.setdefault(key, []).append(index)
        root = self.root(index)
        return self.ids[root] if root != index else None

    def groups(self) -> list[list[str]]:
        """Copy groups (two or more article ids), by their first member, members in the order added."""
        groups: dict[int, list[str]] = {}
        for i, article_id in enumerate(self.ids):
            groups.setdefault(self.root(i), []).append(article_id)
        return [members for members in groups.values() if len(members) > 1]

    def to_state(self) -> dict[str, Any]:
        return {"ids": self.ids, "parent": self.parent, "fingerprints": self.fingerprints, "bands": self.bands}

    @classmethod
    def from_state(cls, state: dict[str, Any], text_of: Callable[[list[str]], dict[str, str]] | None = None
                   ) -> CopyIndex:
        index = cls(text_of)
        index.ids, index.parent = state["ids"], state["parent"]
        index.fingerprints, index.bands = state["fingerprints"], state["bands"]
        return index


def _band_key(band: int, values) -> str:
    """A MinHash band as a short key (48 bits: a chance collision only adds a candidate to check)."""
    return blake2b(values.tobytes(), digest_size=6, person=band.to_bytes(2, "little")).hexdigest()


def originating(group: Iterable[Article]) -> str:
    """The id of the copy published first (ties by source; undated copies count as last)."""
    articles = list(group)
    if not articles:
        raise ValueError("originating() needs at least one article; pass a group from syndication_groups")

    def order(article: Article) -> tuple[int, str, str, str]:
        published = article.published
        return (0, published, article.source, article.id) if published else (1, "", article.source, article.id)

    return min(articles, key=order).id
