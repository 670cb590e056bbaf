"""Scoring one system article (as ``sitroom extract --json`` prints it) against one gold file.

The matching rules are those of ``../shared/gold/README.md``: texts compared after
normalisation (NFKC, straight quotes, single spaces), names case-insensitively; evidence spans
match when they overlap by at least half of the shorter one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from sitroom.model import normalize_text


def norm(text: str | None) -> str:
    return normalize_text(text or "")


def name(text: str | None) -> str:
    return norm(text).casefold().strip(" .")


@dataclass
class Counts:
    """True positives, system total, gold total -> precision, recall, F1."""

    tp: int = 0
    sys: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.sys += other.sys
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.tp / self.sys if self.sys else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "sys": self.sys, "gold": self.gold,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str = "") -> None:
        self.total += 1
        self.right += ok
        if not ok and what:
            self.misses.append(what)

    def add(self, other: Accuracy) -> None:
        self.right += other.right
        self.total += other.total
        self.misses.extend(other.misses)

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": self.value, "misses": self.misses}


# --- cleaning ----------------------------------------------------------------------------------

def score_boilerplate(raw_text: str, gold: dict, system: dict) -> dict[str, Accuracy]:
    body = norm(system.get("body"))
    gold_lines = [norm(x) for x in gold.get("boilerplate_lines") or []]
    gold_set = set(gold_lines)
    fragments = [norm(x) for x in gold.get("boilerplate_fragments") or []]
    tags = [norm(x) for x in gold.get("attribution_tags") or []]

    recall = Accuracy()      # gold boilerplate lines absent from the body
    for line in gold_lines:
        recall.check(line not in body, line[:80])
    precision = Accuracy()   # lines the system removed that are gold boilerplate
    for line in (norm(x) for x in system.get("boilerplate_lines") or []):
        precision.check(line in gold_set, line[:80])
    kept = Accuracy()
    for raw_line in raw_text.split("\n"):
        line = norm(raw_line)
        if not line or line in gold_set:
            continue
        for piece in fragments + tags:
            line = norm(line.replace(piece, " "))
        # tags sit before a closing full stop: "near term [TAG]." -> "near term ."
        line = line.replace(" .", ".").replace(" ,", ",")
        ok = line in body
        kept.check(ok, line[:80])
    fragments_removed = Accuracy()
    for fragment in fragments:
        fragments_removed.check(fragment not in body, fragment)
    return {"removal_recall": recall, "removal_precision": precision, "body_lines_kept": kept,
            "fragments_removed": fragments_removed}


def score_prefixes(gold_items: Iterable[str], system_items: Iterable[str]) -> Counts:
    """Duplicate lines: gold gives line prefixes, a system line matches one it starts with."""
    gold_n = [norm(x) for x in gold_items]
    sys_n = [norm(x) for x in system_items]
    counts = Counts(sys=len(sys_n), gold=len(gold_n))
    used: set[int] = set()
    for g in gold_n:
        for i, s in enumerate(sys_n):
            if i not in used and (s.startswith(g) or g.startswith(s)):
                used.add(i)
                counts.tp += 1
                break
    return counts


def score_sets(gold_items: Iterable[str], system_items: Iterable[str]) -> Counts:
    gold_set = {name(x) for x in gold_items if x}
    sys_set = {name(x) for x in system_items if x}
    return Counts(len(gold_set & sys_set), len(sys_set), len(gold_set))


def score_metadata(gold: dict, system: dict) -> dict[str, Accuracy]:
    """Scored on a bare-text run: outlet and date only where the text states them."""
    out = {k: Accuracy() for k in ("title", "subtitle", "outlet", "published", "language")}
    out["title"].check(name(gold.get("title")) == name(system.get("title")),
                       f"{system.get('title')!r} != {gold.get('title')!r}")
    out["subtitle"].check(name(gold.get("subtitle")) == name(system.get("subtitle")),
                          f"{system.get('subtitle')!r} != {gold.get('subtitle')!r}")
    sys_outlet = name(system.get("outlet"))
    if gold.get("outlet_in_text"):
        ok = sys_outlet == name(gold.get("outlet"))
    else:
        ok = not sys_outlet or sys_outlet == name(gold.get("outlet"))
    out["outlet"].check(ok, f"{system.get('outlet')!r} != {gold.get('outlet')!r}")
    sys_date = system.get("published")
    if gold.get("published_in_text"):
        ok = sys_date == gold.get("published")
    else:
        low, high = (gold.get("published_estimate") or [None, None])[:2]
        ok = sys_date is None or sys_date == gold.get("published") or (
            low is not None and high is not None and low <= sys_date <= high)
    out["published"].check(ok, f"{sys_date!r} != {gold.get('published')!r}")
    out["language"].check(name(gold.get("language")) == name(system.get("language")),
                          f"{system.get('language')!r} != {gold.get('language')!r}")
    return out


# --- spans ---------------------------------------------------------------------------------------

def locate(evidence: str, text: str) -> tuple[int, int] | None:
    """Offsets of ``evidence`` in ``text`` (both normalised), exactly or by best partial alignment."""
    evidence = norm(evidence)
    if not evidence:
        return None
    start = text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    alignment = fuzz.partial_ratio_alignment(evidence, text, score_cutoff=85)
    if alignment is None:
        return None
    return alignment.dest_start, alignment.dest_end


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return False
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter >= shorter / 2


def match_by_evidence(gold_items: list[dict], sys_items: list[dict], text: str, same=lambda g, s: True
                      ) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching of items whose evidence spans overlap (and ``same`` holds)."""
    gold_spans = [locate(g.get("evidence") or "", text) for g in gold_items]
    sys_spans = [locate(s.get("evidence") or "", text) for s in sys_items]
    pairs: list[tuple[int, int, int]] = []
    for gi, gs in enumerate(gold_spans):
        for si, ss in enumerate(sys_spans):
            if overlaps(gs, ss) and same(gold_items[gi], sys_items[si]):
                inter = min(gs[1], ss[1]) - max(gs[0], ss[0])  # type: ignore[index]
                pairs.append((inter, gi, si))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    matched = []
    for _, gi, si in pairs:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            matched.append((gold_items[gi], sys_items[si]))
    return matched


def speaker_ok(gold_claim: dict, sys_claim: dict) -> bool:
    names = {name(gold_claim.get("speaker"))} | {name(a) for a in gold_claim.get("speaker_aliases") or []}
    return name(sys_claim.get("speaker")) in names


def score_claims(gold: dict, system: dict, doc: str) -> dict[str, Any]:
    text = norm(system.get("body"))
    gold_claims, sys_claims = gold.get("claims") or [], system.get("claims") or []
    span_matches = match_by_evidence(gold_claims, sys_claims, text)
    full = match_by_evidence(gold_claims, sys_claims, text, speaker_ok)
    counts = Counts(len(full), len(sys_claims), len(gold_claims))
    speaker, via, quote = Accuracy(), Accuracy(), Accuracy()
    for g, s in span_matches:
        speaker.check(speaker_ok(g, s), f"{doc}:{g['id']} speaker {s.get('speaker')!r} != {g.get('speaker')!r}")
    for g, s in full:
        gv, sv = [name(x) for x in g.get("via") or []], [name(x) for x in s.get("via") or []]
        via.check(gv == sv, f"{doc}:{g['id']} via {s.get('via')} != {g.get('via')}")
        if g.get("quote"):
            quote.check(norm(g["quote"]).strip(' ,."') == norm(s.get("quote")).strip(' ,."'),
                        f"{doc}:{g['id']} quote {s.get('quote')!r} != {g['quote']!r}")
    matched_ids = {g["id"] for g, _ in full}
    return {"counts": counts, "speaker": speaker, "via": via, "quote": quote,
            "missed": [f"{doc}:{g['id']} {g.get('speaker')}: {g.get('evidence', '')[:60]}"
                       for g in gold_claims if g["id"] not in matched_ids],
            "pairs": {g["id"]: s.get("id") for g, s in full}}


def score_events(gold: dict, system: dict, doc: str) -> dict[str, Any]:
    text = norm(system.get("body"))
    gold_events, sys_events = gold.get("events") or [], system.get("events") or []
    full = match_by_evidence(gold_events, sys_events, text, lambda g, s: g.get("type") == s.get("type"))
    counts = Counts(len(full), len(sys_events), len(gold_events))
    location, when, claimed = Accuracy(), Accuracy(), Accuracy()
    for g, s in full:
        gl = {name(x) for x in g.get("locations") or []}
        sl = {name(x) for x in s.get("locations") or []}
        location.check(bool(gl & sl) or (not gl and not sl), f"{doc}:{g['id']} locations {s.get('locations')} vs {g.get('locations')}")
        when.check(g.get("date") == s.get("date"), f"{doc}:{g['id']} date {s.get('date')} != {g.get('date')}")
        claimed.check(name(g.get("claimed_by")) == name(s.get("claimed_by")),
                      f"{doc}:{g['id']} claimed_by {s.get('claimed_by')!r} != {g.get('claimed_by')!r}")
    matched_ids = {g["id"] for g, _ in full}
    return {"counts": counts, "location": location, "date": when, "claimed_by": claimed,
            "missed": [f"{doc}:{g['id']} {g['type']}: {g.get('evidence', '')[:60]}"
                       for g in gold_events if g["id"] not in matched_ids]}


def bcubed(gold_clusters: dict[str, list[str]], sys_clusters: dict[str, list[str]]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items of the gold clustering."""
    gold_of = {item: key for key, items in gold_clusters.items() for item in items}
    sys_of = {item: key for key, items in sys_clusters.items() for item in items}
    items = list(gold_of)
    for i, item in enumerate(items):  # items the system left out are singletons
        sys_of.setdefault(item, f"__single_{i}")
    p = r = 0.0
    for item in items:
        same_gold = {x for x in items if gold_of[x] == gold_of[item]}
        same_sys = {x for x in items if sys_of[x] == sys_of[item]}
        both = len(same_gold & same_sys)
        p += both / len(same_sys)
        r += both / len(same_gold)
    p, r = p / len(items), r / len(items)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
