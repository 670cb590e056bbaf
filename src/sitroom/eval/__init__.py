"""``sitroom eval GOLD_DIR``: score the system against a folder of ``*.gold.json`` files.

Each gold file ``NNN_<id>.gold.json`` annotates a raw text ``NNN_<id>.txt``, looked for in
``--texts``, beside the gold file, and in ``GOLD_DIR/../../<name of GOLD_DIR>`` (the layout of
``shared/gold/seeds`` -> ``shared/seeds``). Every article is run twice: as bare text (metadata is
scored only where the text states it) and with the feed metadata of ``input_meta`` (everything
else, since event dates are resolved against the publication date).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.config import Settings
from sitroom.errors import InputError
from sitroom.eval import score
from sitroom.model import Article
from sitroom.output import article_json
from sitroom.pipeline import Pipeline

ENTITY_KEYS = ("locations", "persons", "organizations")


@dataclass
class Report:
    documents: int = 0
    cleaning: dict[str, score.Accuracy] = field(default_factory=dict)
    duplicates: score.Counts = field(default_factory=score.Counts)
    tags: score.Counts = field(default_factory=score.Counts)
    metadata: dict[str, score.Accuracy] = field(default_factory=dict)
    entities: dict[str, score.Counts] = field(default_factory=dict)
    entity_misses: list[str] = field(default_factory=list)
    claims: score.Counts = field(default_factory=score.Counts)
    claim_checks: dict[str, score.Accuracy] = field(default_factory=dict)
    claim_misses: list[str] = field(default_factory=list)
    events: score.Counts = field(default_factory=score.Counts)
    event_checks: dict[str, score.Accuracy] = field(default_factory=dict)
    event_misses: list[str] = field(default_factory=list)
    corpus: dict[str, Any] = field(default_factory=dict)

    def _merge(self, target: dict, key: str, value: Any) -> None:
        target.setdefault(key, type(value)()).add(value)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "cleaning": {k: v.as_dict() for k, v in self.cleaning.items()},
            "duplicates": self.duplicates.as_dict(),
            "attribution_tags": self.tags.as_dict(),
            "metadata": {k: v.as_dict() for k, v in self.metadata.items()},
            "entities": {k: v.as_dict() for k, v in self.entities.items()},
            "entity_misses": self.entity_misses,
            "claims": {**self.claims.as_dict(), **{k: v.as_dict() for k, v in self.claim_checks.items()},
                       "missed": self.claim_misses},
            "events": {**self.events.as_dict(), **{k: v.as_dict() for k, v in self.event_checks.items()},
                       "missed": self.event_misses},
            "corpus": self.corpus,
        }


def find_text(gold_file: Path, doc: str, texts_dir: Path | None) -> Path:
    gold_dir = gold_file.parent
    candidates = [texts_dir] if texts_dir else []
    candidates += [gold_dir, gold_dir.parent.parent / gold_dir.name, gold_dir.parent / gold_dir.name]
    for folder in candidates:
        path = folder / f"{doc}.txt"
        if path.is_file():
            return path
    raise InputError(f"no raw text {doc}.txt for {gold_file}; pass --texts DIR")


def _run(pipeline: Pipeline, source: str, text: str, meta: dict[str, Any]) -> Article:
    return pipeline(Article(source=source, raw_text=text, meta=dict(meta)))


def evaluate(gold_dir: Path, pipeline: Pipeline, settings: Settings, texts_dir: Path | None = None,
             analyze=None) -> Report:
    """Score ``pipeline`` on every gold file in ``gold_dir``.

    ``analyze`` (optional) is the corpus stage (:func:`sitroom.link.analyze`): given the system
    articles it returns their :class:`~sitroom.model.Analysis`. Articles are scored in their JSON
    form (``sitroom extract --json``), which has the gold format's field names.
    """
    report = Report()
    gold_files = sorted(p for p in gold_dir.glob("*.gold.json") if p.name != "corpus.gold.json")
    if not gold_files:
        raise InputError(f"no *.gold.json files in {gold_dir}")
    system_docs: dict[str, Article] = {}
    claim_pairs: dict[str, dict[str, str]] = {}
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = gold.get("doc") or gold_file.name.removesuffix(".gold.json")
        raw_path = find_text(gold_file, doc, texts_dir)
        raw = raw_path.read_text(encoding="utf-8")
        meta = {k: v for k, v in (gold.get("input_meta") or {}).items() if v is not None}
        bare = article_json(_run(pipeline, raw_path.name, raw, {}))
        system_docs[doc] = _run(pipeline, raw_path.name, raw, meta)
        fed = article_json(system_docs[doc])
        report.documents += 1

        for key, value in score.score_boilerplate(raw, gold, bare).items():
            report._merge(report.cleaning, key, value)
        report.duplicates.add(score.score_prefixes(gold.get("duplicate_lines") or [], bare["duplicate_lines"]))
        report.tags.add(score.score_sets(gold.get("attribution_tags") or [], bare["attribution_tags"]))
        for key, value in score.score_metadata(gold, bare).items():
            report._merge(report.metadata, key, value)

        for key in ENTITY_KEYS:
            gold_names = [e["canonical"] for e in gold.get(key) or []]
            sys_names = [e["canonical"] for e in fed.get(key) or []]
            report._merge(report.entities, key, score.score_sets(gold_names, sys_names))
            g, s = {score.name(x) for x in gold_names}, {score.name(x) for x in sys_names}
            report.entity_misses += [f"{doc} {key} missing {x}" for x in sorted(g - s)]
            report.entity_misses += [f"{doc} {key} extra {x}" for x in sorted(s - g)]

        # a capital standing for its government ("Kiev sends reserves"): the name as written (without an
        # article: "the Kremlin" and "Kremlin" are one name) and the actor it stands for
        gold_metonyms = [_metonym(m) for m in gold.get("metonyms") or []]
        sys_metonyms = [_metonym(m) for m in fed.get("metonyms") or []]
        report._merge(report.entities, "metonyms", score.score_sets(gold_metonyms, sys_metonyms))

        claims = score.score_claims(gold, fed, doc)
        report.claims.add(claims["counts"])
        for key in ("speaker", "via", "quote"):
            report._merge(report.claim_checks, key, claims[key])
        report.claim_misses += claims["missed"]
        claim_pairs[doc] = claims["pairs"]

        events = score.score_events(gold, fed, doc)
        report.events.add(events["counts"])
        for key in ("location", "date", "claimed_by"):
            report._merge(report.event_checks, key, events[key])
        report.event_misses += events["missed"]

    corpus_file = gold_dir / "corpus.gold.json"
    if corpus_file.is_file() and analyze is not None:
        report.corpus = score_corpus(json.loads(corpus_file.read_text(encoding="utf-8")),
                                     system_docs, claim_pairs, analyze)
    return report


def _metonym(m: dict) -> str:
    name = re.sub(r"^the\s+", "", m["mention"].strip(), flags=re.IGNORECASE)
    return f"{name} -> {m['refers_to']}"


def score_corpus(corpus: dict, system_docs: dict[str, Article], claim_pairs: dict[str, dict[str, str]],
                 analyze) -> dict[str, Any]:
    """Stories (B-cubed) and relations against ``corpus.gold.json``.

    Relations are scored three ways (``../shared/gold/README.md``): recall of gold pairs with the
    right label; precision among predicted relations whose two claims both match gold claims (a
    corroboration is right when gold puts both claims in one group of corroborating claims, a
    contradiction when gold contradicts their two groups anywhere: a lower bound, since gold lists
    are not exhaustive); and volume, predicted relations per gold relation.
    """
    analysis = analyze(list(system_docs.values())).parts()
    doc_of = {article.id: doc for doc, article in system_docs.items()}
    sys_stories = {s["id"]: [doc_of.get(i, i) for i in s["articles"]] for s in analysis["stories"]}
    out: dict[str, Any] = {"stories": score.bcubed(corpus.get("stories") or {}, sys_stories)}
    predicted = analysis["relations"]
    relations = {frozenset((rel["a"], rel["b"])): rel for rel in predicted}
    gold_of: dict[str, str] = {}  # system claim id -> gold "doc-prefix:cK"
    gold_rels = corpus.get("relations") or []
    for doc, pairs in claim_pairs.items():  # gold names claims "NNN:cK" after the file's number
        prefix = doc.split("_", 1)[0]
        gold_of.update({sys_id: f"{prefix}:{gold_id}" for gold_id, sys_id in pairs.items() if sys_id})
    system_of = {ref: sys_id for sys_id, ref in gold_of.items()}
    found = score.Accuracy()
    independence = score.Accuracy()
    for gold_rel in gold_rels:
        ids = [system_of.get(gold_rel["a"]), system_of.get(gold_rel["b"])]
        rel = relations.get(frozenset(ids)) if all(ids) else None
        ok = rel is not None and rel.get("relation") == gold_rel["relation"]
        reason = "" if all(ids) else " (claim not extracted)"
        found.check(ok, f"{gold_rel['a']} {gold_rel['relation']} {gold_rel['b']}{reason}")
        if ok and gold_rel["relation"] == "corroborates":
            same_source = "same" in gold_rel.get("why", "").lower() or "repetition" in gold_rel.get("why", "").lower()
            independence.check(bool(rel.get("independent")) != same_source,
                               f"{gold_rel['a']}~{gold_rel['b']} independent={rel.get('independent')}")
    out["relations"] = found.as_dict()
    out["relations_precision"] = relation_precision(gold_rels, predicted, gold_of).as_dict()
    out["relations_volume"] = len(predicted) / len(gold_rels) if gold_rels else None
    out["relations_predicted"] = len(predicted)
    out["independence"] = independence.as_dict()
    return out


def relation_precision(gold_rels: list[dict], predicted: list[dict], gold_of: dict[str, str]) -> score.Accuracy:
    """Predicted relations judged against gold groups (see :func:`score_corpus`)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rel in gold_rels:
        if rel["relation"] == "corroborates":
            parent[find(rel["a"])] = find(rel["b"])
    opposed = {frozenset((find(r["a"]), find(r["b"]))) for r in gold_rels if r["relation"] == "contradicts"}
    judged = score.Accuracy()
    for rel in predicted:
        a, b = gold_of.get(rel["a"]), gold_of.get(rel["b"])
        if a is None or b is None:
            continue
        if rel["relation"] == "corroborates":
            ok = find(a) == find(b)
        else:
            ok = frozenset((find(a), find(b))) in opposed
        judged.check(ok, f"{a} {rel['relation']} {b}: {rel.get('why', '')}")
    return judged


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def format_report(report: Report) -> str:
    """A plain table for people; ``--json`` gives :meth:`Report.as_dict`."""
    rows: list[tuple[str, str]] = [("documents", str(report.documents))]
    for key, acc in report.cleaning.items():
        rows.append((f"cleaning {key.replace('_', ' ')}", f"{_fmt(acc.value)}  ({acc.right}/{acc.total})"))
    for label, c in (("duplicate lines", report.duplicates), ("attribution tags", report.tags)):
        rows.append((label, f"P {_fmt(c.precision)}  R {_fmt(c.recall)}  F1 {_fmt(c.f1)}"))
    for key, acc in report.metadata.items():
        rows.append((f"metadata {key}", f"{_fmt(acc.value)}  ({acc.right}/{acc.total})"))
    for key, c in report.entities.items():
        rows.append((f"entities {key}", f"P {_fmt(c.precision)}  R {_fmt(c.recall)}  F1 {_fmt(c.f1)}"))
    rows.append(("claims", f"P {_fmt(report.claims.precision)}  R {_fmt(report.claims.recall)}  "
                           f"F1 {_fmt(report.claims.f1)}"))
    for key, acc in report.claim_checks.items():
        rows.append((f"claims {key}", f"{_fmt(acc.value)}  ({acc.right}/{acc.total})"))
    rows.append(("events", f"P {_fmt(report.events.precision)}  R {_fmt(report.events.recall)}  "
                           f"F1 {_fmt(report.events.f1)}"))
    for key, acc in report.event_checks.items():
        rows.append((f"events {key}", f"{_fmt(acc.value)}  ({acc.right}/{acc.total})"))
    if report.corpus:
        rows.append(("stories B-cubed F1", _fmt(report.corpus["stories"]["f1"])))
        rel = report.corpus["relations"]
        rows.append(("relations found", f"{_fmt(rel['accuracy'])}  ({rel['right']}/{rel['total']})"))
        prec = report.corpus["relations_precision"]
        rows.append(("relations precision", f"{_fmt(prec['accuracy'])}  ({prec['right']}/{prec['total']} judged)"))
        volume = report.corpus["relations_volume"]
        rows.append(("relations volume", f"{_fmt(volume)}  ({report.corpus['relations_predicted']} predicted)"))
        ind = report.corpus.get("independence")
        if ind and ind.get("total"):  # found corroborations whose independence matches the gold's "same ..."
            rows.append(("relations independence", f"{_fmt(ind['accuracy'])}  ({ind['right']}/{ind['total']})"))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
