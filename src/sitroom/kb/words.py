"""A set of words held as a Bloom filter: bytes, not a Python set of strings.

The gazetteer's 250,000 last words of place names, as a ``frozenset``, cost a start-up 40 ms to read
and every garbage collection a walk over all of them; as 1 MB of bits they are read in a millisecond
and the collector never looks inside. A word not in the set is reported absent but for about one in
300 (with the default size); a word in the set is always reported present, so a filter may only
spare work that would find nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

#: bits of the filter (1 MB): for 250,000 words, about one false positive in 300
SIZE_BITS = 1 << 23


def _positions(word: str, size: int) -> tuple[int, int]:
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest[:4], "little") % size, int.from_bytes(digest[4:], "little") % size


class WordFilter:
    """Whether a word may be one of a fixed set of words (see the module doc)."""

    __slots__ = ("bits", "size")

    def __init__(self, bits: bytes) -> None:
        self.bits, self.size = bits, len(bits) * 8

    @classmethod
    def of(cls, words: Iterable[str], size_bits: int = SIZE_BITS) -> WordFilter:
        bits = bytearray(size_bits // 8)
        for word in words:
            for at in _positions(word, size_bits):
                bits[at >> 3] |= 1 << (at & 7)
        return cls(bytes(bits))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordFilter) and self.bits == other.bits

    __hash__ = None  # type: ignore[assignment]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return all(self.bits[at >> 3] >> (at & 7) & 1 for at in _positions(word, self.size))
