"""A learned test for reporting cues: is this verb a statement being attributed to someone?

The claims stage reads a verb as a cue when its lemma is in the reporting lexicon
(``data/lexicons/claims.toml``). Attribution in news uses many more verbs ("called for",
"criticised", "praised", "asked", "polls show"); this model scores any verb from what the parser
says about it: its lemma and tag, its dependency and head, the kinds of its children (a clausal
complement, a subject and what kind of subject), quotation marks in its sentence. It is a logistic
regression over those features, trained by ``scripts/train_cues.py`` on PolNeAR's training split
(US political news, brat attributions: a verb inside a gold Cue span is a cue) and shipped as plain
JSON weights in ``data/models/cues.json``; scoring is a dictionary lookup and a sum per verb.

The claims stage still needs everything else a claim needs (a complement or a quotation, and a
speaker it can resolve), so the model adds verbs, not claims without a speaker.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

QUOTES = frozenset('"“”«»„')


def features(token, reporting: frozenset[str]) -> dict[str, float]:
    """What the parser says about a verb, as named binary features."""
    lemma = token.lemma_.lower()
    out: dict[str, float] = {"bias": 1.0, f"lemma={lemma}": 1.0, f"tag={token.tag_}": 1.0,
                             f"dep={token.dep_}": 1.0}
    if lemma in reporting:
        out["lexicon"] = 1.0
    if token.dep_ != "ROOT":
        out[f"head={token.head.lemma_.lower()}"] = 1.0
        out[f"dep={token.dep_}|head_pos={token.head.pos_}"] = 1.0
    deps = set()
    for child in token.children:
        deps.add(child.dep_)
        if child.dep_ in ("nsubj", "nsubjpass"):
            kind = child.ent_type_ or child.pos_
            out[f"subj={kind}"] = 1.0
            out[f"subj_lemma={child.lemma_.lower()}"] = 1.0
        elif child.dep_ in ("ccomp", "xcomp"):
            out[f"{child.dep_}_tag={child.tag_}"] = 1.0
            mark = next((g.lower_ for g in child.children if g.dep_ in ("mark", "aux")), None)
            if mark:
                out[f"{child.dep_}_mark={mark}"] = 1.0
        elif child.dep_ == "prep":
            out[f"prep={child.lower_}"] = 1.0
    for dep in deps:
        out[f"child={dep}"] = 1.0
        if dep in ("ccomp", "xcomp", "dobj"):
            out[f"lemma={lemma}|child={dep}"] = 1.0
    sent = token.sent
    if not QUOTES.isdisjoint(sent.text):
        out["quote_in_sentence"] = 1.0
    if token.i + 1 < sent.end and token.nbor(1).is_punct and token.nbor(1).text in (",", ":"):
        out["then_punct"] = 1.0
    return out


class CueModel:
    """Logistic regression weights by feature name; ``threshold`` is the probability a cue needs."""

    def __init__(self, weights: dict[str, float], threshold: float, meta: dict[str, Any] | None = None) -> None:
        self.weights = weights
        self.threshold = threshold
        self.meta = meta or {}

    def probability(self, token, reporting: frozenset[str]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features(token, reporting).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"threshold": self.threshold, "meta": self.meta,
                           "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())}},
                          ensure_ascii=False, indent=0)

    @classmethod
    def from_json(cls, text: str) -> CueModel:
        data = json.loads(text)
        return cls(data["weights"], float(data["threshold"]), data.get("meta"))


@lru_cache(maxsize=1)
def cue_model() -> CueModel | None:
    """The shipped model, or ``None`` when the package has none (the lexicon alone decides)."""
    path = resources.files("sitroom").joinpath("data", "models", "cues.json")
    if not path.is_file():
        return None
    return CueModel.from_json(path.read_text(encoding="utf-8"))
