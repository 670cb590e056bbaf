"""A learned line classifier: how likely a line of a plain-text scrape is page furniture.

The hand-written rules (:mod:`sitroom.clean.rules`, :mod:`sitroom.clean.boilerplate`) name what
they remove; this model adds recall on top of them for the furniture no rule names (tag lists,
bylines run together with timestamps, captions without a credit, membership appeals, teaser
headlines of other stories). It reads the *shape* of a line and of its neighbourhood, not its
topic: length, punctuation, capitalisation, dates and times, handles and URLs, function words,
where the line sits relative to the running text of the page, what its neighbours look like, and
what the rules and the zone logic said about it.

The model is a small gradient-boosted tree ensemble (or a logistic regression), trained by
``scripts/train_lines.py`` and shipped as plain JSON (``data/models/lines.json``): it is evaluated
here in pure Python, without scikit-learn or pickle. ``benchmarks/lines.py`` cross-validates it
by article.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.clean import rules
from sitroom.errors import ConfigError

MODEL_FILE = "lines.json"
MODEL_FORMAT = "sitroom-lines/1"
#: the reason recorded for a line the model removes
REASON = "furniture (model)"

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
_MONTH = re.compile(r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
                    r"oct(ober)?|nov(ember)?|dec(ember)?|monday|tuesday|wednesday|thursday|friday|saturday|"
                    r"sunday)\b\.?", re.IGNORECASE)
_NUM_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?(?!\d)|\b\d{1,2}\s*[ap]\.?m\.?\b|"
                   r"\b(ago|today|yesterday)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")
_URL = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(com|org|net|ua|ru|de|uk|info|news|io)\b", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<!\w)#\w+")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’»)\]]*$")
_SEPARATORS = re.compile(r"\s[|/•·›»>]\s|\s[-–—]\s")
_QUOTE = re.compile(r"[\"“”«»„]")
#: a dateline standing alone: "KYIV", "MOSCOW, Russia", "Vilcha, May 12"
_DATELINE_ONLY = re.compile(r"^[A-ZА-ЯІЇЄ][\w'’.-]*(\s[A-ZА-ЯІЇЄ][\w'’.-]*){0,2}(,\s*[A-Z][\w .]{1,30})?"
                            r"(,?\s*(\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2})(,?\s+\d{4})?)?"
                            r"\s*[-–—:]?$")
_SYMBOL = re.compile(r"[\u2190-\u2bff\U0001f000-\U0001faff]")
#: function words of the languages sitroom reads: prose has many, labels and lists few
_FUNCTION_WORDS = frozenset("""
a an the of to in on at for from by with and or but not no as that this these those it its is are was
were be been being has have had will would can could may might should must do does did said says told
than then there their they he she we you his her our who which what when where while after before
about into over under against between during since until also more most very just only so if
der die das und ist nicht mit von zu den dem ein eine auf für sich auch es im
и в на не что с по к за из от о как это его она они был была было были также
і в на не що з по до за від про як це його вона вони був була було були також
""".split())
_AUXILIARIES = frozenset("""
is are was were has have had will would can could may might should must did does said says told
added reported stated according ist sind war hat haben wurde sagte заявил сообщил сказал заявив повідомив
""".split())

#: words run together where a scraper dropped the space between two elements: "SubscriptionGift"
_GLUED = re.compile(r"[a-zа-яіїє]{3}[A-ZА-ЯІЇЄ][a-zа-яіїє]|[A-ZА-ЯІЇЄ]{4}[A-ZА-ЯІЇЄ][a-zа-яіїє]")
_PHOTO = re.compile(r"\b(photos?|images?|video|picture|illustration|illustrative|фото|відео|видео|foto|"
                    r"bild)\b", re.IGNORECASE)

#: feature names, in the order of a row
FEATURES: tuple[str, ...] = (
    # the line on its own
    "log_chars", "log_words", "mean_word_len", "upper_ratio", "capitalised_ratio", "all_caps", "digit_ratio",
    "has_month", "has_num_date", "has_time", "has_year", "ends_sentence", "ends_colon", "ends_ellipsis",
    "ends_word", "ends_lower", "starts_lower", "dateline_only", "glued_words", "list_item", "n_sentences",
    "comma_ratio", "punct_ratio", "separators", "has_handle", "has_url", "has_hashtag", "has_symbol",
    "has_quote", "function_ratio", "has_auxiliary", "non_latin_ratio", "headline_like", "section_label",
    "bio_words", "caption_words", "photo_word", "chrome_words", "date_line_words",
    # the line in its page
    "script_mismatch", "removed_nearby", "removed_above", "removed_below", "rel_pos", "log_from_start",
    "log_to_end", "log_page_lines", "running_share", "before_body", "after_body", "log_dist_prev_running",
    "log_dist_next_running", "log_block_len", "block_rel_pos", "repeats", "sim_first_line", "sim_title",
    "is_title_candidate", "before_title", "contained_nearby", "body_word_overlap", "len_vs_median",
    # its neighbours
    *(f"{side}:{name}" for side in ("prev", "next", "prev2", "next2") for name in (
        "exists", "log_words", "running", "removed", "ends_sentence", "ends_lower", "digit_ratio")),
)
_NEIGHBOURS = (("prev", -1), ("next", 1), ("prev2", -2), ("next2", 2))


# --- features ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Shape:
    """What one line looks like on its own: the first block of :data:`FEATURES`, and what its
    neighbours and the page need of it."""

    values: dict[str, float]
    words: tuple[str, ...]       # lower-cased
    latin: bool | None           # mostly Latin letters (None: no letters)


def _shape(text: str) -> _Shape:
    found_words = _WORD.findall(text)
    words = tuple(w.lower() for w in found_words)
    n_chars, n_words = len(text), len(text.split())
    letters = _LETTER.findall(text)
    n_letters = len(letters) or 1
    upper = sum(map(str.isupper, letters))  # (counts by map: a line's characters are many)
    latin = sum(map(str.isascii, letters))
    alpha = [w for w in found_words if w[:1].isalpha()]
    digits = sum(map(str.isdigit, text))
    punctuation = n_chars - sum(map(str.isalnum, text)) - sum(map(str.isspace, text))
    last = text[-1:]

    def found(pattern: re.Pattern) -> float:
        return float(bool(pattern.search(text)))

    values = {
        "log_chars": math.log1p(n_chars), "log_words": math.log1p(n_words),
        "mean_word_len": sum(map(len, words)) / (len(words) or 1), "upper_ratio": upper / n_letters,
        "capitalised_ratio": sum(w[:1].isupper() for w in alpha) / (len(alpha) or 1),
        "all_caps": float(len(letters) >= 2 and upper == len(letters)),
        "digit_ratio": digits / (n_chars or 1),
        "has_month": found(_MONTH), "has_num_date": found(_NUM_DATE), "has_time": found(_TIME),
        "has_year": found(_YEAR), "ends_sentence": found(_SENTENCE_END), "ends_colon": float(last == ":"),
        "ends_ellipsis": float(text.endswith(("...", "…"))), "ends_word": float(last.isalnum()),
        "ends_lower": float(last.islower()), "starts_lower": float(text[:1].islower()),
        "dateline_only": float(_is_dateline_only(text)), "glued_words": found(_GLUED),
        "list_item": found(rules.LIST_ITEM), "n_sentences": float(min(rules.n_sentences(text), 10)),
        "comma_ratio": text.count(",") / (n_words or 1),
        "punct_ratio": punctuation / (n_chars or 1),
        "separators": float(len(_SEPARATORS.findall(text))), "has_handle": found(_HANDLE),
        "has_url": found(_URL), "has_hashtag": found(_HASHTAG), "has_symbol": found(_SYMBOL),
        "has_quote": found(_QUOTE),
        "function_ratio": sum(w in _FUNCTION_WORDS for w in words) / (len(words) or 1),
        "has_auxiliary": float(any(w in _AUXILIARIES or (len(w) > 4 and w.endswith("ed")) for w in words)),
        "non_latin_ratio": 1.0 - latin / n_letters if letters else 0.0,
        "headline_like": float(rules.is_headline_like(text)),
        "section_label": float(rules.is_section_label(text)),
        "bio_words": found(rules.BIO), "caption_words": found(rules.CAPTION), "photo_word": found(_PHOTO),
        "chrome_words": found(rules.CHROME),
        "date_line_words": float(bool(found(rules.DATE_LINE) or _dated_byline(text))),
    }
    return _Shape(values, words, (latin / n_letters >= 0.5) if letters else None)


def _is_dateline_only(text: str) -> bool:
    if not 0 < len(text.split()) <= 6 or not _DATELINE_ONLY.match(text):
        return False
    place = text.split(",")[0]
    return place.isupper() or "," in text  # "MOSCOW", or a place with a date or country after it


def _dated_byline(text: str) -> bool:
    """A short line that carries a date and a time: a byline or a timestamp."""
    return (len(text.split()) <= 20 and bool(_TIME.search(text))
            and bool(_MONTH.search(text) or _YEAR.search(text)))


def _stems(words: Sequence[str]) -> list[str]:
    """Crude stems of a line's (lower-cased) content words: "russia's", "russian" -> "russi"."""
    return [w.removesuffix("'s").removesuffix("’s")[:5] for w in words if len(w) >= 4]


def _overlap(words: Sequence[str], body_stems: set[str]) -> float:
    """The share of a line's content words that the page's running text uses too."""
    stems = _stems(words)
    return sum(st in body_stems for st in stems) / len(stems) if stems else 0.0


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _distances(flags: Sequence[bool]) -> tuple[list[int], list[int]]:
    """For each position, how far back and how far ahead the nearest flagged one is (len: none)."""
    n = len(flags)
    back, ahead = [n] * n, [n] * n
    last = None
    for k in range(n):
        back[k] = k - last if last is not None else n
        last = k if flags[k] else last
    last = None
    for k in range(n - 1, -1, -1):
        ahead[k] = last - k if last is not None else n
        last = k if flags[k] else last
    return back, ahead


def features(texts: Sequence[str], reasons: Sequence[str | None],
             running: Sequence[bool]) -> list[list[float]]:
    """One row of :data:`FEATURES` for each line of a page.

    ``texts`` are the page's non-empty stripped lines, ``reasons`` the rules' and zones' verdict
    for each (None: kept), ``running`` whether each is running text.
    """
    n = len(texts)
    shapes = [_shape(t) for t in texts]
    removed = [r is not None for r in reasons]
    removed_upto = [0]  # removed lines before each position
    for flag in removed:
        removed_upto.append(removed_upto[-1] + flag)
    running_at = [k for k in range(n) if running[k]]
    first_body, last_body = (running_at[0], running_at[-1]) if running_at else (n, -1)
    scripts = Counter(s.latin for s in shapes if s.latin is not None)
    page_latin = scripts.most_common(1)[0][0] if scripts else True
    normed = [" ".join(s.words) for s in shapes]
    counts = Counter(normed)
    sets = [frozenset(s.words) for s in shapes]
    body_stems = {st for k in running_at for st in _stems(shapes[k].words)}
    overlap = [0.0 if running[k] else _overlap(shapes[k].words, body_stems) for k in range(n)]
    # the likely headline: of the headline-like lines above the body, the one sharing most words with it
    header = [k for k in range(min(n, first_body))
              if reasons[k] is None and len(texts[k].split()) >= 3 and rules.is_headline_like(texts[k])]
    title_at = max(header, key=lambda k: (overlap[k], -k)) if header else None
    title_set = sets[title_at] if title_at is not None else frozenset()
    median = sorted(len(t.split()) for t in texts)[n // 2] if n else 1
    back, ahead = _distances(running)
    rows = []
    for k in range(n):
        f = dict(shapes[k].values)
        # the block of lines between two paragraphs of running text that this line sits in
        block_start, block_end = k - back[k] + 1 if back[k] <= k else 0, min(n, k + ahead[k])
        block_len = max(1, block_end - block_start) if not running[k] else 1
        lo, hi = max(0, k - 3), min(n, k + 4)
        f.update({
            "script_mismatch": float(shapes[k].latin is not None and shapes[k].latin != page_latin),
            "removed_nearby": (removed_upto[hi] - removed_upto[lo] - removed[k]) / max(1, hi - lo - 1),
            "removed_above": removed_upto[k] / k if k else 0.0,
            "removed_below": (removed_upto[n] - removed_upto[k + 1]) / (n - 1 - k) if k < n - 1 else 0.0,
            "rel_pos": k / (n - 1) if n > 1 else 0.0, "log_from_start": math.log1p(k),
            "log_to_end": math.log1p(n - 1 - k), "log_page_lines": math.log1p(n),
            "running_share": len(running_at) / n, "before_body": float(k < first_body),
            "after_body": float(k > last_body), "log_dist_prev_running": math.log1p(back[k]),
            "log_dist_next_running": math.log1p(ahead[k]), "log_block_len": math.log1p(block_len),
            "block_rel_pos": 0.0 if running[k] else (k - block_start) / block_len,
            "repeats": float(counts[normed[k]] - 1),
            "sim_first_line": _similarity(sets[k], sets[0]) if k else 1.0,
            "sim_title": 1.0 if k == title_at else _similarity(sets[k], title_set),
            "is_title_candidate": float(k == title_at),
            "before_title": float(title_at is not None and k < title_at),
            # a caption repeated in an image's alt text, a headline in a teaser: the line recurs nearby
            "contained_nearby": float(not running[k] and len(normed[k]) >= 8 and any(
                normed[k] in normed[j] and normed[j] != normed[k]
                for j in range(max(0, k - 15), min(n, k + 16)))),
            "body_word_overlap": overlap[k], "len_vs_median": len(texts[k].split()) / (median or 1),
        })
        for side, step in _NEIGHBOURS:
            j = k + step
            inside = 0 <= j < n
            g = shapes[j].values if inside else {}
            f[f"{side}:exists"] = float(inside)
            f[f"{side}:running"] = float(inside and running[j])
            f[f"{side}:removed"] = float(inside and removed[j])
            for name in ("log_words", "ends_sentence", "ends_lower", "digit_ratio"):
                f[f"{side}:{name}"] = g.get(name, 0.0)
        rows.append([f[name] for name in FEATURES])
    return rows


def headline_at(texts: Sequence[str], reasons: Sequence[str | None], running: Sequence[bool],
                probabilities: Sequence[float], threshold: float) -> int | None:
    """The page's likely headline: the first headline-like line above the running text that shares
    words with it and that the model does not call furniture at ``threshold``."""
    first_body = running.index(True) if True in running else len(texts)
    body_stems = {st for k in range(len(texts)) if running[k]
                  for st in _stems(_WORD.findall(texts[k].lower()))}
    for k in range(first_body):
        text = texts[k]
        if (reasons[k] is None and probabilities[k] < threshold and len(text.split()) >= 3
                and rules.is_headline_like(text) and _overlap(_WORD.findall(text.lower()), body_stems) > 0):
            return k
    return None


def standfirst_at(texts: Sequence[str], reasons: Sequence[str | None], running: Sequence[bool],
                  probabilities: Sequence[float], threshold: float, headline: int) -> int | None:
    """The standfirst under the headline at ``headline``: the next kept line above the running text,
    when it reads as a sentence (not a byline, a date or a label) and the model is not sure of it."""
    first_body = running.index(True) if True in running else len(texts)
    k = headline + 1
    while k < first_body and (reasons[k] is not None or texts[k].casefold() == texts[headline].casefold()):
        k += 1
    if k >= first_body or probabilities[k] >= threshold:
        return None
    text = texts[k]
    words = [w.lower() for w in _WORD.findall(text)]
    alpha = [w for w in _WORD.findall(text) if w[:1].isalpha()]
    dated = _TIME.search(text) or _YEAR.search(text) or rules.DATE_LINE.search(text) or _NUM_DATE.search(text)
    sentence_like = (6 <= len(words) <= 45 and not dated and not _GLUED.search(text)
                     and sum(w in _FUNCTION_WORDS for w in words) >= 0.15 * len(words)
                     and sum(w[:1].isupper() for w in alpha) < 0.6 * len(alpha))
    return k if sentence_like else None


# --- the model ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Tree:
    """A regression tree in arrays: ``left[i] == -1`` marks a leaf whose output is ``value[i]``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def __call__(self, row: Sequence[float]) -> float:
        node = 0
        left, right, feature, threshold = self.left, self.right, self.feature, self.threshold
        while left[node] != -1:
            node = left[node] if row[feature[node]] <= threshold[node] else right[node]
        return self.value[node]


def _padded(trees: Sequence[Tree]) -> list[Tree]:
    """The trees with their node arrays padded to one length (a padding node is a leaf of 0.0 that
    no walk reaches), so that they stack into arrays."""
    size = max(len(t.left) for t in trees)
    pad = [size - len(t.left) for t in trees]
    return [Tree(t.feature + (0,) * p, t.threshold + (0.0,) * p, t.left + (-1,) * p, t.right + (-1,) * p,
                 t.value + (0.0,) * p) for t, p in zip(trees, pad, strict=True)]


@dataclass(frozen=True, slots=True)
class LineModel:
    """P(furniture) for feature rows: a tree ensemble's or a logistic regression's log-odds."""

    features: tuple[str, ...]
    threshold: float           # remove a kept line at or above this probability
    bias: float
    headline_threshold: float = 0.9  # ... or this one, for a line that may be the page's headline
    trees: tuple[Tree, ...] = ()
    learning_rate: float = 1.0
    mean: tuple[float, ...] = ()   # logistic regression: standardise, then weigh
    scale: tuple[float, ...] = ()
    coef: tuple[float, ...] = ()
    info: dict[str, Any] | None = None
    #: the trees as arrays, to walk all of a page's lines through all trees at once (built once)
    _walk: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.trees:
            import numpy

            arrays = {name: numpy.array([getattr(t, name) for t in _padded(self.trees)])
                      for name in ("feature", "threshold", "left", "right", "value")}
            object.__setattr__(self, "_walk", arrays)

    def log_odds(self, row: Sequence[float], tree_sum: float | None = None) -> float:
        """``tree_sum``: the row's trees' outputs already added up (see :meth:`_tree_sums`)."""
        z = self.bias
        if self.trees:
            z += self.learning_rate * (sum(tree(row) for tree in self.trees) if tree_sum is None else tree_sum)
        if self.coef:
            terms = zip(self.coef, row, self.mean, self.scale, strict=True)
            z += sum(c * (x - m) / s for c, x, m, s in terms)
        return z

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        sums = self._tree_sums(rows) if self.trees and rows else None
        out = []
        for k, row in enumerate(rows):
            z = self.log_odds(row, None if sums is None else sums[k])
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
        return out

    def _tree_sums(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Each row's sum of its trees' outputs, trees walked for all rows at once; added up tree by
        tree in Python, as ``sum`` does in :meth:`log_odds`, so the result is the same to the bit."""
        import numpy

        walk = self._walk
        table = numpy.asarray(rows, dtype=float)
        trees = numpy.arange(len(self.trees))
        node = numpy.zeros((len(rows), len(self.trees)), dtype=int)
        line = numpy.arange(len(rows))[:, None]
        while True:
            left = walk["left"][trees, node]
            inner = left != -1
            if not inner.any():
                break
            go_left = table[line, walk["feature"][trees, node]] <= walk["threshold"][trees, node]
            node = numpy.where(inner, numpy.where(go_left, left, walk["right"][trees, node]), node)
        return [sum(leaves) for leaves in walk["value"][trees, node].tolist()]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": MODEL_FORMAT, "features": list(self.features),
                               "threshold": self.threshold, "headline_threshold": self.headline_threshold,
                               "bias": self.bias}
        if self.trees:
            out["learning_rate"] = self.learning_rate
            out["trees"] = [{"feature": list(t.feature), "threshold": list(t.threshold), "left": list(t.left),
                             "right": list(t.right), "value": list(t.value)} for t in self.trees]
        if self.coef:
            out.update(mean=list(self.mean), scale=list(self.scale), coef=list(self.coef))
        if self.info:
            out["info"] = self.info
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        if data.get("format") != MODEL_FORMAT:
            raise ConfigError(f"not a line model ({data.get('format')!r}): retrain it with "
                              "scripts/train_lines.py")
        if tuple(data.get("features") or ()) != FEATURES:
            raise ConfigError("the line model was trained on other features: retrain it with "
                              "scripts/train_lines.py")
        trees = tuple(Tree(tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]),
                           tuple(t["value"])) for t in data.get("trees") or ())
        return cls(features=tuple(data["features"]), threshold=float(data["threshold"]),
                   bias=float(data["bias"]), headline_threshold=float(data.get("headline_threshold", 0.9)),
                   trees=trees, learning_rate=float(data.get("learning_rate", 1.0)),
                   mean=tuple(data.get("mean") or ()), scale=tuple(data.get("scale") or ()),
                   coef=tuple(data.get("coef") or ()), info=data.get("info"))


@lru_cache(maxsize=1)
def load_model() -> LineModel | None:
    """The shipped model (``sitroom/data/models/lines.json``), or None when it is absent."""
    path = resources.files("sitroom").joinpath("data", "models", MODEL_FILE)
    if not path.is_file():
        return None
    return LineModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def furniture_probabilities(model: LineModel, texts: Sequence[str], reasons: Sequence[str | None],
                            running: Sequence[bool]) -> list[float]:
    """P(furniture) for each line of a page (see :func:`features` for the arguments)."""
    return model.probabilities(features(texts, reasons, running))
