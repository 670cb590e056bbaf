"""Score attributed claims (speaker, cue, content) against PolNeAR's attribution annotations.

    python benchmarks/polnear.py [--bench-dir DIR] [--split dev|train] [--limit N] [--samples N] [--json OUT]

Data (read at run time, never copied into the repository): PolNeAR v1.0.0 (Newell et al., LREC 2018),
``{split}/text/*.txt`` and brat standoff ``{split}/attributions/*.ann``, by default from
``../shared/bench/polnear`` beside the repository. An ``.ann`` file has ``T`` lines
(``T3<TAB>Content 315 448;463 553<TAB>text``; roles ``Source``, ``Cue``, ``Content``, possibly
discontinuous, plus ``Attribution`` triggers and ``Discard``/``Discuss`` notes, which are ignored) and
``E`` lines tying them together (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``; an
``Attribution-no-source`` event has no ``Source``; a second content fragment is ``Content2``). One
Source span may serve several attributions ("he said ... and added ..."); it is one gold span.
Articles annotated by several annotators (quality control) are scored against the first annotator's
file in name order.

System: each text is the body as it is (no cleaning, so offsets are the file's), run through the
``parse``, ``entities`` and ``claims`` stages; a claim's ``speaker_span``, ``cue_span`` and
``content_span`` are its Source, Cue and Content.

Scoring, per document, for each role: a system span matches a gold span of that role when they overlap
by at least half of the shorter one (discontinuous spans: summed fragments); matching is one-to-one,
greedy by overlap ratio. Identical system spans (two claims sharing a speaker phrase) count once.
Precision, recall and F1 are micro-averaged over the split. ``attribution`` matches a claim to a gold
attribution when the cue matches and, where gold has a source, the speaker span matches too;
``attribution+content`` also needs the content to match. Claims without a cue span count as false
positives there.

PolNeAR's sources are speakers as written ("he", "officials"). ``pronoun sources`` takes the gold
Source spans that are personal pronouns, and of those whose span a claim matched, the share whose
resolved ``speaker`` is a name rather than a pronoun or a description (a pronoun the claims stage cannot
resolve yields no claim, so this share is near 1 by construction). Whether it is the right person is
estimated by a rough proxy (the name's last word occurs in the nearest preceding gold Source that is a
name); ``--samples N`` prints N of them with the text before them, to check by eye.

``attribution recall by kind of gold cue`` splits recall by the gold cue: a verb of the claims lexicon
(``reporting_verbs``), another verb ("called", "wants", "polls show"), "according to", a noun ("her
claim that"), punctuation (a colon, a dash before a name).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DIR = REPO.parent / "shared" / "bench" / "polnear"
ROLES = ("source", "cue", "content")
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "us", "me"})

Frags = tuple[tuple[int, int], ...]


@dataclass
class Attribution:
    id: str
    source: Frags | None
    cue: Frags
    content: Frags
    source_id: str | None = None
    cue_class: str = ""


@dataclass
class Doc:
    name: str
    text: str
    attributions: list[Attribution]
    annotator: str = ""
    claims: list = field(default_factory=list)

    def gold_spans(self, role: str) -> list[Frags]:
        """Distinct gold spans of a role (a Source shared by several attributions is one span)."""
        seen: dict[Frags, None] = {}
        for a in self.attributions:
            frags = getattr(a, role)
            if frags:
                seen.setdefault(frags, None)
        return list(seen)


# --- reading ------------------------------------------------------------------------------------

def parse_frags(offsets: str) -> Frags:
    """'315 448;463 553' -> ((315, 448), (463, 553))."""
    out = []
    for part in offsets.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(sorted(out))


def parse_ann(text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, Frags]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            spans.setdefault(parts[0], (label, parse_frags(offsets)))
        elif parts[0].startswith("E"):
            args = [tuple(a.split(":", 1)) for a in parts[1].split() if ":" in a]
            events.append((parts[0], args))
    out = []
    for eid, args in events:
        roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        source_id = None
        for role, tid in args:
            base = re.sub(r"\d+$", "", role)
            if base in roles and tid in spans:
                roles[base].extend(spans[tid][1])
                if base == "Source":
                    source_id = tid
        if not roles["Cue"] and not roles["Content"]:
            continue
        out.append(Attribution(eid, tuple(sorted(roles["Source"])) or None, tuple(sorted(roles["Cue"])),
                               tuple(sorted(roles["Content"])), source_id))
    return out


def load(split_dir: Path, limit: int | None = None) -> list[Doc]:
    docs = []
    by_stem: dict[str, list[Path]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        by_stem.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    texts = sorted((split_dir / "text").glob("*.txt"))
    for path in texts[:limit] if limit else texts:
        anns = by_stem.get(path.stem)
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        docs.append(Doc(path.stem, text, parse_ann(anns[0].read_text(encoding="utf-8")),
                        annotator=anns[0].stem.rsplit("_", 1)[1]))
    return docs


# --- running --------------------------------------------------------------------------------------

def run_claims(docs: list[Doc]) -> None:
    """Fills ``doc.claims`` with sitroom's claims on the raw text."""
    from sitroom.extract.claims import claims
    from sitroom.extract.entities import entities
    from sitroom.extract.parse import make_parse_stage
    from sitroom.model import Article
    from sitroom.pipeline import Pipeline

    pipeline = Pipeline([make_parse_stage(), entities, claims],
                        provided=["body", "duplicates", "attribution_tags", "title"])
    articles = [Article(source=d.name, raw_text=d.text, body=d.text) for d in docs]
    by_name = {d.name: d for d in docs}
    for article in pipeline.pipe(articles):
        if article.errors:
            print(f"{article.source}: {article.errors[0].reason}", file=sys.stderr)
        doc = by_name[article.source]
        doc.claims = list(article.claims)
        if article.parsed is not None:
            for a in doc.attributions:
                a.cue_class = cue_class(article.parsed, a.cue)
        article.parsed = None  # a parsed train split would not fit in memory


CUE_CLASSES = ("reporting verb", "other verb", "according to", "noun", "punctuation", "other")


def cue_class(parsed, cue: Frags) -> str:
    """What kind of cue gold has: a verb of the claims lexicon, another verb, 'according to', ..."""
    from sitroom.extract.claims import lexicon

    tokens = [t for t in parsed if any(s <= t.idx < e for s, e in cue)]
    if not tokens:
        return "other"
    if any(t.lower_ == "according" for t in tokens):
        return "according to"
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    if verbs:
        return "reporting verb" if verbs[-1].lemma_.lower() in lexicon().reporting else "other verb"
    if any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
        return "noun"
    if all(t.is_punct for t in tokens):
        return "punctuation"
    return "other"


# --- scoring --------------------------------------------------------------------------------------

def frags_of(span) -> Frags | None:
    return None if span is None or len(span) == 0 else ((span.start, span.end),)


def size(frags: Frags) -> int:
    return sum(e - s for s, e in frags)


def overlap(a: Frags, b: Frags) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def ratio(a: Frags | None, b: Frags | None) -> float:
    """Overlap over the shorter span; a match is >= 0.5."""
    if not a or not b:
        return 0.0
    shorter = min(size(a), size(b))
    return overlap(a, b) / shorter if shorter else 0.0


def greedy(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """One-to-one matching, best pairs first: {system index: gold index}."""
    used_s: set[int] = set()
    used_g: set[int] = set()
    out = {}
    for _, s, g in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if s not in used_s and g not in used_g:
            used_s.add(s)
            used_g.add(g)
            out[s] = g
    return out


def match_role(system: list[Frags], gold: list[Frags]) -> dict[int, int]:
    pairs = [(r, i, j) for i, s in enumerate(system) for j, g in enumerate(gold) if (r := ratio(s, g)) >= 0.5]
    return greedy(pairs)


def claim_spans(doc: Doc, role: str) -> list[Frags]:
    attr = {"source": "speaker_span", "cue": "cue_span", "content": "content_span"}[role]
    seen: dict[Frags, None] = {}
    for c in doc.claims:
        if (f := frags_of(getattr(c, attr))) is not None:
            seen.setdefault(f, None)
    return list(seen)


def match_attributions(doc: Doc, with_content: bool = False) -> dict[int, int]:
    """{claim index: gold attribution index}."""
    pairs = []
    for i, c in enumerate(doc.claims):
        cue, src, content = frags_of(c.cue_span), frags_of(c.speaker_span), frags_of(c.content_span)
        for j, a in enumerate(doc.attributions):
            r = ratio(cue, a.cue)
            if r < 0.5:
                continue
            score = r
            if a.source is not None:
                rs = ratio(src, a.source)
                if rs < 0.5:
                    continue
                score += rs
            if with_content:
                rc = ratio(content, a.content)
                if rc < 0.5:
                    continue
                score += rc
            pairs.append((score, i, j))
    return greedy(pairs)


def prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"tp": tp, "system": n_sys, "gold": n_gold, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0}


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in PRONOUNS


def is_name(speaker: str) -> bool:
    """A resolved speaker that names someone: not a pronoun, starts with a capital ("sources" does not)."""
    s = speaker.strip()
    return bool(s) and not is_pronoun(s) and s[:1].isupper()


def pronoun_resolution(docs: list[Doc]) -> tuple[dict, list[dict]]:
    """Gold pronoun sources, and how the claims that matched them resolved the speaker.

    ``agrees_with_previous_source`` is a rough proxy for correctness (PolNeAR has no coreference):
    the resolved speaker's last word occurs in the nearest preceding gold Source that is a name.
    """
    counts = {"gold": 0, "matched": 0, "named": 0, "pronoun": 0, "description": 0,
              "agrees_with_previous_source": 0}
    by_pronoun: dict[str, list[int]] = {}
    rows = []
    for doc in docs:
        sources = sorted(doc.gold_spans("source"))
        named = [g for g in sources if re.search(r"\b[A-Z][a-z]", doc.text[g[0][0]:g[-1][1]])
                 and not is_pronoun(doc.text[g[0][0]:g[-1][1]])]
        golds = [g for g in sources if is_pronoun(doc.text[g[0][0]:g[-1][1]])]
        if not golds:
            continue
        spans = [frags_of(c.speaker_span) for c in doc.claims]
        pairs = [(r, i, j) for i, s in enumerate(spans) for j, g in enumerate(golds)
                 if s and (r := ratio(s, g)) >= 0.5]
        matched = {j: i for i, j in greedy(pairs).items()}
        for j, g in enumerate(golds):
            word = doc.text[g[0][0]:g[-1][1]].lower()
            tally = by_pronoun.setdefault(word, [0, 0, 0])
            counts["gold"] += 1
            tally[0] += 1
            if j not in matched:
                continue
            claim = doc.claims[matched[j]]
            counts["matched"] += 1
            tally[1] += 1
            kind = "named" if is_name(claim.speaker) else "pronoun" if is_pronoun(claim.speaker) else "description"
            counts[kind] += 1
            tally[2] += kind == "named"
            before = [n for n in named if n[0][0] < g[0][0]]
            previous = doc.text[before[-1][0][0]:before[-1][-1][1]] if before else None
            last_word = claim.speaker.split()[-1].lower() if claim.speaker.split() else ""
            agrees = bool(previous and last_word and re.search(rf"\b{re.escape(last_word)}\b", previous.lower()))
            counts["agrees_with_previous_source"] += agrees
            rows.append({"doc": doc.name, "at": g[0][0], "pronoun": word, "speaker": claim.speaker,
                         "speaker_kind": claim.speaker_kind, "previous_named_source": previous, "agrees": agrees,
                         "context": doc.text[max(0, g[0][0] - 300):g[-1][1] + 60]})
    counts["named_rate"] = counts["named"] / counts["matched"] if counts["matched"] else 0.0
    counts["agreement_rate"] = counts["agrees_with_previous_source"] / counts["matched"] if counts["matched"] else 0.0
    counts["by_pronoun"] = {w: {"gold": t[0], "matched": t[1], "named": t[2]} for w, t in sorted(by_pronoun.items())}
    return counts, rows


def score(docs: list[Doc]) -> dict:
    results: dict = {}
    for role in ROLES:
        tp = n_sys = n_gold = 0
        for doc in docs:
            system, gold = claim_spans(doc, role), doc.gold_spans(role)
            tp += len(match_role(system, gold))
            n_sys += len(system)
            n_gold += len(gold)
        results[role] = prf(tp, n_sys, n_gold)
    n_claims = sum(len(d.claims) for d in docs)
    n_attr = sum(len(d.attributions) for d in docs)
    for name, with_content in (("attribution", False), ("attribution+content", True)):
        tp = sum(len(match_attributions(d, with_content)) for d in docs)
        results[name] = prf(tp, n_claims, n_attr)
    by_class = {}
    for cls in CUE_CLASSES:
        gold = sum(1 for d in docs for a in d.attributions if a.cue_class == cls)
        found = sum(1 for d in docs for j in match_attributions(d).values() if d.attributions[j].cue_class == cls)
        if gold:
            by_class[cls] = {"gold": gold, "found": found, "recall": found / gold}
    results["attribution_recall_by_cue"] = by_class
    results["pronoun_sources"], _ = pronoun_resolution(docs)
    results["claims_without_cue_span"] = sum(1 for d in docs for c in d.claims if c.cue_span is None)
    results["claims_without_speaker_span"] = sum(1 for d in docs for c in d.claims if c.speaker_span is None)
    return results


# --- main -----------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, metavar="N", help="score only the first N articles")
    parser.add_argument("--samples", type=int, default=0, metavar="N",
                        help="print N pronoun sources with the speaker they were resolved to")
    parser.add_argument("--seed", type=int, default=0, help="for --samples")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the scores as JSON to OUT")
    args = parser.parse_args(argv)

    split_dir = args.bench_dir / args.split
    if not (split_dir / "text").is_dir() or not (split_dir / "attributions").is_dir():
        print(f"PolNeAR data not found in {split_dir} (expects text/*.txt and attributions/*.ann); "
              "give its location with --bench-dir", file=sys.stderr)
        return 0
    docs = load(split_dir, args.limit)
    start = time.perf_counter()
    run_claims(docs)
    elapsed = time.perf_counter() - start
    r = score(docs)
    n_attr = sum(len(d.attributions) for d in docs)
    n_claims = sum(len(d.claims) for d in docs)
    r["articles"], r["gold_attributions"], r["claims"], r["seconds"] = len(docs), n_attr, n_claims, elapsed
    print(f"PolNeAR {args.split}: {len(docs)} articles, {n_attr} gold attributions, {n_claims} claims "
          f"({elapsed:.1f} s)\n")
    print(f"{'':<22} {'gold':>6} {'system':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for name in (*ROLES, "attribution", "attribution+content"):
        s = r[name]
        print(f"{name:<22} {s['gold']:>6} {s['system']:>6} {s['tp']:>6} {s['precision']:>6.3f} "
              f"{s['recall']:>6.3f} {s['f1']:>6.3f}")
    print("\nattribution recall by kind of gold cue:")
    for cls, c in r["attribution_recall_by_cue"].items():
        print(f"  {cls:<16} {c['found']:>5}/{c['gold']:<5} {c['recall']:.3f}")
    p = r["pronoun_sources"]
    print(f"\npronoun sources: {p['gold']} in gold, {p['matched']} matched by a claim's speaker span; "
          f"resolved to a name {p['named']} ({p['named_rate']:.1%}), left a pronoun {p['pronoun']}, "
          f"a description {p['description']}")
    print("  " + ", ".join(f"{w} {t['named']}/{t['matched']}/{t['gold']}" for w, t in p["by_pronoun"].items())
          + "   (named/matched/gold)")
    print(f"  the name agrees with the nearest preceding named gold source (rough proxy for right person): "
          f"{p['agrees_with_previous_source']}/{p['matched']} ({p['agreement_rate']:.1%})")
    print(f"claims without a cue span: {r['claims_without_cue_span']}, "
          f"without a speaker span: {r['claims_without_speaker_span']}")
    if args.samples:
        _, rows = pronoun_resolution(docs)
        for row in random.Random(args.seed).sample(rows, min(args.samples, len(rows))):
            context = " ".join(row["context"].split())
            print(f"\n[{row['doc']} @{row['at']}] {row['pronoun']!r} -> {row['speaker']!r} ({row['speaker_kind']}); "
                  f"previous named source {row['previous_named_source']!r}\n  ...{context}...")
    if args.json:
        args.json.write_text(json.dumps(r, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
