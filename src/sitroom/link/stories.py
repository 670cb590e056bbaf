"""Stories: articles that report the same developments, clustered incrementally and by time.

A story keeps a centroid of its members, so a new article is compared with a handful of stories,
never with every article seen:

- **text**: TF-IDF over the body (and title) tokens, entity mentions replaced by their canonical
  names (so ``Kharkov`` and ``Kharkiv`` are one term). IDF is online: document frequencies of the
  articles seen so far, ``idf = ln((1 + N) / (1 + df)) + 1``, taken when an article arrives. The
  story centroid is the sum of its members' unit vectors; similarity is the cosine with it.
- **entities** (people and organisations) and **places**: canonical names, compared by weighted
  Jaccard against the story's name counts (a name's weight is the share of members naming it; for
  a one-article story this is plain Jaccard). Places are the article's locations with their
  ``admin1`` and its events' locations, less countries (every article of a war names both sides).
- **dates**: the story's range of publication dates. An article joins at ``threshold`` a story whose
  range, widened by ``date_window_days`` on both sides, holds its date; a long-running story (a
  siege, a weeks-long offensive) with a gap in its coverage is still joined up to
  ``long_window_days`` out, on content alone at the stricter ``far_threshold``. Farther apart
  never: that is what keeps the 2022 Kharkiv counteroffensive and the 2024 Kharkiv offensive apart
  although they share every name. An article without a date is matched on content alone, at
  ``undated_in_dated_threshold`` against a dated story and at ``undated_threshold`` against an
  undated one (as is a dated article against a story without dates).

``similarity = (w_text * cosine + w_entities * J_entities + w_places * J_places) / (sum of the
weights used)``; a component is left out (with its weight) when the article has nothing for it.
The article joins the most similar compatible candidate when the similarity reaches the threshold,
otherwise it starts a story.

Candidate retrieval keeps ``add`` bounded: each story is posted under the keys of its members (the
``key_terms`` highest-weighted terms of each article and its canonical names); an article looks up
its own keys, reads at most ``postings_per_key`` most recently touched stories per key and scores
the ``max_candidates`` date-compatible stories sharing the most keys (at least ``min_shared_keys``;
on BASIL and the seeds every true join shares three or more). The work of one ``add`` is therefore
bounded by constants and the article's length, and a run over n articles does O(n) comparisons;
measured time per article grows only slowly with n (memory), see ``benchmarks/stories.py``.

Deterministic: the same articles in the same order give the same stories. ``cluster_stories``
orders a batch by publication date first (undated articles last, ties kept in input order), so a
stream fed in date order through ``StoryIndex.add`` gives the same stories as the batch. A story's
id is ``s-<id of its first article>`` and does not change as it grows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sitroom.model import Article, day_number

TOKEN = re.compile(r"[^\W\d_]+")

STOPWORDS = frozenset("""
a about above after again against all also although am among an and another any are as at be
because been before being below between both but by can could did do does doing down during each
either else even ever every few for from further had has have having he her here hers herself him
himself his how however i if in into is it its itself just least less like made make many may me
might more most much must my myself neither no nor not now of off on once one only or other our
ours ourselves out over own per rather said same says say saying she should since so some still
such than that the their theirs them themselves then there these they this those though through
thus to too under until up upon us very was we were what when where whether which while who whom
whose why will with within without would yet you your yours yourself mr mrs ms told according
new year years day days week weeks time two three first last
что это как для или при так его она они был была были было будет также которые который которая
после более может могут уже еще ещё только когда если чтобы этого этой этом того тем них
сообщил сообщила сообщили заявил заявила заявили сказал году года день дня время
що це як для або при так його вона вони був була були було буде також які який яка яке
після більш може можуть вже ще лише тільки коли якщо щоб цього цієї цьому того них
повідомив повідомила повідомили заявив заявила заявили сказав року рік день дня час про від
""".split())


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Weights and limits of the story clustering.

    Tuned on BASIL (300 articles, 100 three-outlet stories; B-cubed F1 0.961 with dates, 0.879
    without) and checked on the seeds (F1 1.0; their weakest true join scores 0.20, 0.04 above
    ``threshold``). ``benchmarks/stories.py`` reruns both. The long window was added for stories
    whose coverage pauses (BASIL has none): ``far_threshold`` is the lowest at which it costs BASIL
    nothing (0.955 -> 0.959 with dates in one run; 0.25 would cost 0.016). An undated article
    against a dated story needs less than against an undated one (BASIL with a third of its dates
    removed: 0.950 at 0.25, 0.956 at 0.2; with none, 0.25 stays best at 0.891).
    """

    w_text: float = 0.7  # TF-IDF cosine with the story centroid
    w_entities: float = 0.1  # weighted Jaccard of people and organisations
    w_places: float = 0.2  # weighted Jaccard of places below country level (and event places)
    threshold: float = 0.16  # join when the similarity reaches this and the date fits
    undated_threshold: float = 0.25  # the same, for an article or a story without dates
    undated_in_dated_threshold: float = 0.2  # an undated article against a dated story (a mixed feed)
    date_window_days: int = 10  # how far outside a story's date range an article may fall
    long_window_days: int = 45  # farther out, up to this, it may still join at ``far_threshold``
    far_threshold: float = 0.35  # the join threshold for an article dated outside ``date_window_days``
    key_terms: int = 12  # an article's highest-weighted terms used as retrieval keys
    postings_per_key: int = 64  # most recently touched stories read per key
    max_candidates: int = 32  # stories scored per article
    min_shared_keys: int = 2  # a story sharing fewer retrieval keys is not scored


@dataclass(slots=True)
class _Story:
    id: str
    members: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    entities: dict[str, int] = field(default_factory=dict)  # name -> members naming it
    places: dict[str, int] = field(default_factory=dict)
    entity_total: int = 0  # sum of the counts above
    place_total: int = 0
    first: int | None = None
    last: int | None = None


@dataclass(frozen=True, slots=True)
class _Doc:
    id: str
    day: int | None
    tf: dict[str, float]
    entities: frozenset[str]
    places: frozenset[str]


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_NORMAL: dict[str, str] = {}  # word -> token ("" for a dropped word); a cache, cleared when large


def tokens(text: str) -> list[str]:
    """Lower-cased content words of ``text``, stopwords dropped, plurals folded."""
    normal = _NORMAL
    if len(normal) > 500_000:
        normal.clear()
    out = []
    for word in TOKEN.findall(text.lower()):
        token = normal.get(word)
        if token is None:
            token = normal[word] = "" if len(word) < 3 or word in STOPWORDS else _stem(word)
        if token:
            out.append(token)
    return out


def _canonical_text(body: str, article: Article) -> str:
    """``body`` with every entity mention replaced by its canonical name."""
    spans = []
    for entity in article.entities:
        for mention in entity.mentions:
            start, end = mention.span.start, mention.span.end
            if entity.canonical and 0 <= start < end <= len(body):
                spans.append((start, end, entity.canonical))
    if not spans:
        return body
    spans.sort()
    parts, at = [], 0
    for start, end, canonical in spans:
        if start < at:
            continue
        parts += [body[at:start], " ", canonical, " "]
        at = end
    parts.append(body[at:])
    return "".join(parts)


def _read(article: Article) -> _Doc:
    body = article.body or ""
    text = _canonical_text(body, article)
    title = article.title or ""
    if title and not body.startswith(title):
        text = title + "\n\n" + text
    counts: dict[str, int] = {}
    for token in tokens(text):
        counts[token] = counts.get(token, 0) + 1
    tf = {t: 1.0 + math.log(c) for t, c in counts.items()}
    places, countries = set(), set()
    for e in article.entities:
        if e.label == "location" and e.canonical:
            (countries if e.kind == "country" else places).add(e.canonical.strip().lower())
            if e.admin1:
                places.add(e.admin1.strip().lower())
    for event in article.events:
        places.update(p.strip().lower() for p in event.locations)
    places -= countries
    names = frozenset(e.canonical.strip().lower() for e in article.entities
                      if e.label in ("person", "organization") and e.canonical)
    return _Doc(id=article.id, day=day_number(article.published), tf=tf, entities=names, places=frozenset(places))


def _weighted_jaccard(names: frozenset[str], counts: dict[str, int], total: int, members: int) -> float:
    """Weighted Jaccard of a name set against a story's name counts (weight = share of members)."""
    shared = sum(counts.get(n, 0) for n in names) / members
    story_only = total / members - shared
    denominator = len(names) + story_only
    return shared / denominator if denominator else 0.0


class StoryIndex:
    """Incremental story clustering: ``add`` one article at a time, read ``stories()`` any time."""

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self._df: dict[str, int] = {}
        self._n = 0
        self._stories: list[_Story] = []
        self._ids: set[str] = set()
        self._story_of: dict[str, int] = {}  # article id -> story index
        self._postings: dict[str, dict[int, None]] = {}
        self.comparisons = 0  # candidate stories scored so far (at most max_candidates per add)
        self.postings_read = 0  # posting entries read so far (at most postings_per_key per key)

    def __len__(self) -> int:
        return self._n

    def add(self, article: Article) -> str:
        """Add one article (a ``sitroom/article/v1`` dict); return the id of the story it is in.

        An article whose id is already in the index is not added again.
        """
        d = _read(article)
        if d.id in self._story_of:
            return self._stories[self._story_of[d.id]].id
        self._n += 1
        df = self._df
        for term in d.tf:
            df[term] = df.get(term, 0) + 1
        log_n = math.log(1 + self._n)
        vector = {t: w * (log_n - math.log(1 + df[t]) + 1.0) for t, w in d.tf.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vector = {t: w / norm for t, w in vector.items()}
        top = sorted(vector, key=lambda t: (-vector[t], t))[: self.params.key_terms]
        keys = [f"t:{t}" for t in top] + [f"e:{n}" for n in sorted(d.entities)]
        keys += [f"p:{n}" for n in sorted(d.places)]

        best, best_score = None, -1.0
        for index in self._candidates(keys, d.day):
            self.comparisons += 1
            score = self._similarity(index, d, vector)
            if score > best_score:
                best, best_score = index, score
        if best is None or best_score < self._threshold(self._stories[best], d):
            best = self._new_story(d)
        self._join(best, d, vector, keys)
        self._story_of[d.id] = best
        return self._stories[best].id

    def stories(self) -> dict[str, list[str]]:
        """Story id -> the article id of each member, in the order they were added."""
        return {s.id: list(s.members) for s in self._stories}

    def known(self, article_id: str) -> bool:
        return article_id in self._story_of

    def to_state(self) -> dict[str, Any]:
        """Everything the index holds, as JSON values (:meth:`from_state` reads it back)."""
        return {"n": self._n, "df": self._df, "story_of": self._story_of,
                "postings": {k: list(v) for k, v in self._postings.items()},
                "stories": [{"id": s.id, "members": s.members, "centroid": s.centroid, "norm2": s.norm2,
                             "entities": s.entities, "places": s.places, "entity_total": s.entity_total,
                             "place_total": s.place_total, "first": s.first, "last": s.last} for s in self._stories]}

    @classmethod
    def from_state(cls, state: dict[str, Any], params: StoryParams | None = None) -> StoryIndex:
        index = cls(params)
        index._n, index._df, index._story_of = state["n"], state["df"], state["story_of"]
        index._postings = {k: dict.fromkeys(v) for k, v in state["postings"].items()}
        index._stories = [_Story(**s) for s in state["stories"]]
        index._ids = {s.id for s in index._stories}
        return index

    def _threshold(self, story: _Story, d: _Doc) -> float:
        if d.day is None and story.first is not None:  # a scrape without a date, among dated reports
            return self.params.undated_in_dated_threshold
        if d.day is None or story.first is None:
            return self.params.undated_threshold  # content alone must show it
        if not self._near(story, d.day, self.params.date_window_days):
            return self.params.far_threshold  # weeks apart: the content must show it is one story
        return self.params.threshold

    def _candidates(self, keys: list[str], day: int | None) -> list[int]:
        """Date-compatible stories sharing the most keys with the article, newest first on ties."""
        hits: dict[int, int] = {}
        limit = self.params.postings_per_key
        for key in keys:
            posting = self._postings.get(key)
            if not posting:
                continue
            self.postings_read += min(len(posting), limit)
            for count, index in enumerate(reversed(posting)):
                if count >= limit:
                    break
                hits[index] = hits.get(index, 0) + 1
        stories = self._stories
        least = self.params.min_shared_keys
        compatible = [i for i, n in hits.items() if n >= least and self._compatible(stories[i], day)]
        ranked = sorted(compatible, key=lambda i: (-hits[i], -i))
        return ranked[: self.params.max_candidates]

    def _compatible(self, story: _Story, day: int | None) -> bool:
        if day is None or story.first is None or story.last is None:
            return True
        return self._near(story, day, self.params.long_window_days)

    @staticmethod
    def _near(story: _Story, day: int, window: int) -> bool:
        return story.first is not None and story.last is not None and story.first - window <= day <= story.last + window

    def _similarity(self, index: int, d: _Doc, vector: dict[str, float]) -> float:
        story = self._stories[index]
        p = self.params
        centroid = story.centroid
        dot = math.fsum(vector[t] * centroid[t] for t in vector.keys() & centroid.keys())  # order-free
        score, weight = p.w_text * dot / math.sqrt(story.norm2 or 1.0), p.w_text
        members = len(story.members)
        if d.entities:
            score += p.w_entities * _weighted_jaccard(d.entities, story.entities, story.entity_total, members)
            weight += p.w_entities
        if d.places:
            score += p.w_places * _weighted_jaccard(d.places, story.places, story.place_total, members)
            weight += p.w_places
        return score / weight

    def _new_story(self, d: _Doc) -> int:
        base = f"s-{d.id}"
        story_id, n = base, 1
        while story_id in self._ids:
            n += 1
            story_id = f"{base}-{n}"
        self._ids.add(story_id)
        self._stories.append(_Story(id=story_id))
        return len(self._stories) - 1

    def _join(self, index: int, d: _Doc, vector: dict[str, float], keys: list[str]) -> None:
        story = self._stories[index]
        story.members.append(d.id)
        centroid = story.centroid
        dot = 0.0
        for t, w in vector.items():
            old = centroid.get(t, 0.0)
            dot += old * w
            centroid[t] = old + w
        story.norm2 += 2 * dot + (1.0 if vector else 0.0)
        for name in d.entities:
            story.entities[name] = story.entities.get(name, 0) + 1
        for name in d.places:
            story.places[name] = story.places.get(name, 0) + 1
        story.entity_total += len(d.entities)
        story.place_total += len(d.places)
        if d.day is not None:
            story.first = d.day if story.first is None else min(story.first, d.day)
            story.last = d.day if story.last is None else max(story.last, d.day)
        for key in keys:  # move the story to the recent end of each of its postings
            posting = self._postings.setdefault(key, {})
            posting.pop(index, None)
            posting[index] = None


def _order(article: Article) -> tuple[int, int]:
    day = day_number(article.published)
    return (1, 0) if day is None else (0, day)


def cluster_stories(articles: Iterable[Article],
                    params: StoryParams | None = None) -> dict[str, list[str]]:
    """Cluster a batch: story id -> member article ids. Articles are added in date order."""
    return build_index(articles, params).stories()


def build_index(articles: Iterable[Article], params: StoryParams | None = None) -> StoryIndex:
    """A ``StoryIndex`` holding ``articles``, added in date order (undated last, ties in input order)."""
    index = StoryIndex(params)
    for article in sorted(articles, key=_order):
        index.add(article)
    return index
