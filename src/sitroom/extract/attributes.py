"""The model's attribute ruler, matched by table lookups instead of spaCy's general ``Matcher``.

English spaCy models map fine-grained tags to parts of speech, morphology and a few lemmas with an
``attribute_ruler`` of about 180 one- and two-token patterns ("TAG is VBZ and the word is 's").
spaCy runs them through its ``Matcher``, which tries every pattern at every token: a tenth of the
whole parse on news text. Every pattern there compares a token's word, tag, dependency or
whitespace with a value, a set of values or a regular expression, so the patterns that can match a
token are found by looking its word, tag and dependency up in tables, and the few patterns left are
checked directly. The matches, ordered as the ruler orders them, are then set by the ruler itself:
the annotations are the ruler's own, token for token (tested against spaCy's on real text).

A pattern this module cannot read (an operator such as ``OP``, another attribute) stays with a
``Matcher`` of its own, so any model's ruler works; only the common case is fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

#: the token attributes the table reads, in the order of a token's key
KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")

Check = Callable[[tuple], bool]

#: keys remembered with their candidate patterns: the distinct words of a few thousand articles
MEMO = 200_000


def _check(attribute: str, value) -> Check | None:
    """A test of one attribute of a token's key, or None when ``value`` is not understood."""
    at = KEYS.index(attribute)
    if not isinstance(value, dict):
        if attribute == "IS_SPACE":
            return lambda key: key[at] == bool(value)
        return lambda key: key[at] == value
    if len(value) != 1 or attribute == "IS_SPACE":
        return None
    (operator, argument), = value.items()
    if operator == "IN":
        members = frozenset(argument)
        return lambda key: key[at] in members
    if operator == "NOT_IN":
        members = frozenset(argument)
        return lambda key: key[at] not in members
    if operator == "REGEX":
        search = re.compile(argument).search
        return lambda key: search(key[at]) is not None
    return None


def _anchors(spec: dict) -> list[tuple[str, object]] | None:
    """(attribute, value) pairs one of which a token must have for ``spec`` to match it: the values
    of the first attribute compared by equality or membership. None: no such attribute."""
    for attribute in KEYS:
        value = spec.get(attribute)
        if value is None:
            continue
        if not isinstance(value, dict):
            return [(attribute, bool(value) if attribute == "IS_SPACE" else value)]
        if set(value) == {"IN"}:
            return [(attribute, member) for member in value["IN"]]
    return None


class _Pattern:
    """One alternative of one ruler entry: a fixed sequence of token tests."""

    def __init__(self, entry: int, tokens: list[list[Check]]):
        self.entry, self.tokens = entry, tokens

    def match(self, keys: list[tuple], start: int) -> bool:
        if start + len(self.tokens) > len(keys):
            return False
        return all(check(keys[start + i]) for i, checks in enumerate(self.tokens) for check in checks)


def _compile(entry: int, tokens: list[dict]) -> _Pattern | None:
    compiled = []
    for spec in tokens:
        if not spec or set(spec) - set(KEYS):
            return None
        checks = [_check(attribute, value) for attribute, value in spec.items()]
        if None in checks:
            return None
        compiled.append(checks)
    return _Pattern(entry, compiled)


class TableMatcher:
    """The matches of an ``AttributeRuler`` as ``AttributeRuler.match`` returns them."""

    def __init__(self, ruler):
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.index: dict[tuple[str, object], list[_Pattern]] = {}
        self.scan: list[_Pattern] = []       # patterns without an anchor: tried at every token
        self.rest = Matcher(ruler.vocab)     # patterns this module does not read
        self.memo: dict[tuple, tuple] = {}
        self.ids = [ruler.vocab.strings[str(entry)] for entry in range(len(ruler.attrs))]  # the ruler's match ids
        for entry, item in enumerate(ruler.patterns):
            for tokens in item["patterns"]:
                pattern = _compile(entry, tokens)
                if pattern is None:
                    self.rest.add(str(entry), [tokens])
                    continue
                anchors = _anchors(tokens[0])
                if anchors is None:
                    self.scan.append(pattern)
                for anchor in anchors or ():
                    self.index.setdefault(anchor, []).append(pattern)

    def _known(self, ids: tuple[int, int, int, int]) -> tuple[tuple, tuple[int, ...], list[_Pattern]]:
        """A token's key in strings, the one-token entries that match it, and the longer patterns
        that may start at it, from the ids of its attributes. The same for every token that shares
        the key, so they are worked out once per key."""
        known = self.memo.get(ids)
        if known is None:
            strings = self.ruler.vocab.strings
            key = (strings[ids[0]], strings[ids[1]], strings[ids[2]], bool(ids[3]))
            seen: dict[int, _Pattern] = {}
            for attribute, value in zip(KEYS, key, strict=True):
                for pattern in self.index.get((attribute, value), ()):
                    seen[id(pattern)] = pattern
            candidates = list(seen.values()) + self.scan
            single = tuple(sorted({p.entry for p in candidates if len(p.tokens) == 1 and p.match([key], 0)}))
            known = (key, single, [p for p in candidates if len(p.tokens) > 1])
            if len(self.memo) < MEMO:
                self.memo[ids] = known
        return known

    def matches(self, doc) -> list[tuple[int, int, int, int]]:
        """(entry, match id, start, end), sorted as the ruler sorts them: later entries win."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = self.ruler.vocab.strings
        tokens = [self._known(ids) for ids in map(tuple, doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist())]
        keys = [key for key, _, _ in tokens]
        found = set()
        for start, (_, single, longer) in enumerate(tokens):
            for entry in single:
                found.add((entry, start, start + 1))
            for pattern in longer:
                if pattern.match(keys, start):
                    found.add((pattern.entry, start, start + len(pattern.tokens)))
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True):
                found.add((int(strings[match_id]), start, end))
        ids = self.ids
        return sorted((entry, ids[entry], start, end) for entry, start, end in found)


class TableAttributes:
    """A pipeline component doing what the model's ``attribute_ruler`` does, with its matches found
    by :class:`TableMatcher`."""

    def __init__(self, ruler):
        self.ruler = ruler
        self.matcher = TableMatcher(ruler)

    def __call__(self, doc):
        self.ruler.set_annotations(doc, self.matcher.matches(doc))
        return doc

    def pipe(self, docs: Iterable, batch_size: int = 128) -> Iterator:
        for doc in docs:
            yield self(doc)
