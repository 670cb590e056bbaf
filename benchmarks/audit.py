"""By-eye audit of the relations shown on the bundled sample corpus.

    python benchmarks/audit.py [--verdicts docs/audit/relations.toml] [--template]
    python benchmarks/audit.py --corpus ../shared/gold/dev/dev.jsonl --sample 40 \
        --verdicts docs/audit/relations_dev.toml [--template]

Runs ``sitroom analyze`` on ``src/sitroom/data/sample`` and lists every relation shown (both
evidence sentences, type, why), each under a key made from its relation, type and two evidence
sentences. A person reads both sentences and records a verdict in the verdicts file: ``real``
when the two claims really assert the same thing (corroboration) or really cannot both be true
(contradiction), ``wrong`` otherwise, with a short note. The script then reports, per kind, the
share of shown relations judged real. Relations without a verdict are listed (``--template``
prints TOML entries to paste and judge), so a change that shows new relations asks for new
verdicts; verdicts of relations no longer shown are ignored. With ``--corpus`` another corpus is
analysed and ``--sample`` draws a reproducible random sample of its relations; verdicts on texts not
written for sitroom are stored without their sentences (key, why, verdict, note).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERDICTS = ROOT / "docs" / "audit" / "relations.toml"


def key(rel: dict, swapped: bool = False) -> str:
    ends = (rel.get("evidence_a", ""), rel.get("evidence_b", ""))
    text = "\x1f".join((rel["relation"], rel.get("type", ""), *(ends[::-1] if swapped else ends)))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def verdict_of(rel: dict, verdicts: dict[str, dict]) -> dict | None:
    """The verdict on a relation, whichever of its claims comes first."""
    return verdicts.get(key(rel)) or verdicts.get(key(rel, swapped=True))


def shown_relations(corpus: Path | None = None) -> list[dict]:
    """The relations ``sitroom analyze`` shows for ``corpus`` (the bundled sample corpus by default)."""
    from sitroom.config import load_settings
    from sitroom.process import analyze_paths
    from sitroom.report.situation import SAMPLE_DIR

    return [r.to_dict() for r in analyze_paths([corpus or SAMPLE_DIR], load_settings(env={})).relations]


def sample(relations: list[dict], n: int | None, seed: int) -> list[dict]:
    """``n`` relations drawn at random (reproducibly, by ``seed``), or all of them."""
    if n is None or n >= len(relations):
        return relations
    return random.Random(seed).sample(sorted(relations, key=key), n)


def load_verdicts(path: Path) -> dict[str, dict]:
    if not path.is_file():
        return {}
    return {entry["key"]: entry for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("judged", [])}


def audit(relations: list[dict], verdicts: dict[str, dict]) -> dict:
    out: dict = {"unjudged": []}
    for kind in ("contradicts", "corroborates"):
        shown = [r for r in relations if r["relation"] == kind]
        judged = [verdict_of(r, verdicts)["verdict"] for r in shown if verdict_of(r, verdicts)]
        real = judged.count("real")
        out[kind] = {"shown": len(shown), "judged": len(judged), "real": real, "unsure": judged.count("unsure"),
                     "share_real": round(real / len(judged), 3) if judged else None}
        out["unjudged"] += [r for r in shown if not verdict_of(r, verdicts)]
    return out


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string (newlines escaped)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    parser.add_argument("--template", action="store_true", help="print TOML entries for unjudged relations")
    parser.add_argument("--corpus", type=Path, help="analyse this path instead of the sample corpus "
                                                    "(verdicts for texts not written for sitroom keep no sentences)")
    parser.add_argument("--sample", type=int, help="judge this many relations drawn at random")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    result = audit(sample(shown_relations(args.corpus), args.sample, args.seed), load_verdicts(args.verdicts))
    for kind in ("contradicts", "corroborates"):
        r = result[kind]
        print(f"{kind:13} shown {r['shown']:3}  judged {r['judged']:3}  real {r['real']:3}  unsure {r['unsure']:3}  "
              f"share real {r['share_real']}")
    for rel in result["unjudged"]:
        if args.template:
            print(f"\n[[judged]]\nkey = {_toml_string(key(rel))}\nverdict = \"?\"\n"
                  f"why = {_toml_string(rel['why'])}\na = {_toml_string(rel['evidence_a'])}\nb = {_toml_string(rel['evidence_b'])}")
        else:
            print(f"unjudged {key(rel)}: {rel['why']}")
    return 0 if not result["unjudged"] else 1


if __name__ == "__main__":
    sys.exit(main())
