"""Answers remembered per process: lookups that recur from article to article (place names, fuzzy
registry matches, dictionary readings of a word) are computed once."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Memo(dict, Generic[V]):
    """A dict that computes a missing answer, holding at most ``kept`` (all forgotten at once when
    full: the recurring names come back within a few articles)."""

    def __init__(self, kept: int) -> None:
        super().__init__()
        self.kept = kept

    def get_or(self, key: Hashable, compute: Callable[[], V]) -> V:
        try:
            return self[key]
        except KeyError:
            pass
        if len(self) >= self.kept:
            self.clear()
        value = self[key] = compute()
        return value
