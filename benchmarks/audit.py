"""By-eye audit of the relations shown on the bundled sample corpus.

    python benchmarks/audit.py [--verdicts docs/audit/relations.toml] [--template]

Runs ``sitroom analyze`` on ``src/sitroom/data/sample`` and lists every relation shown (both
evidence sentences, type, why), each under a key made from its relation, type and two evidence
sentences. A person reads both sentences and records a verdict in the verdicts file: ``real``
when the two claims really assert the same thing (corroboration) or really cannot both be true
(contradiction), ``wrong`` otherwise, with a short note. The script then reports, per kind, the
share of shown relations judged real. Relations without a verdict are listed (``--template``
prints TOML entries to paste and judge), so a change that shows new relations asks for new
verdicts; verdicts of relations no longer shown are ignored.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERDICTS = ROOT / "docs" / "audit" / "relations.toml"


def key(rel: dict) -> str:
    text = "\x1f".join((rel["relation"], rel.get("type", ""), rel.get("evidence_a", ""), rel.get("evidence_b", "")))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def shown_relations() -> list[dict]:
    from sitroom.config import load_settings
    from sitroom.process import analyze_paths
    from sitroom.report.situation import SAMPLE_DIR

    return [r.to_dict() for r in analyze_paths([SAMPLE_DIR], load_settings(env={})).relations]


def load_verdicts(path: Path) -> dict[str, dict]:
    if not path.is_file():
        return {}
    return {entry["key"]: entry for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("judged", [])}


def audit(relations: list[dict], verdicts: dict[str, dict]) -> dict:
    out: dict = {"unjudged": []}
    for kind in ("contradicts", "corroborates"):
        shown = [r for r in relations if r["relation"] == kind]
        judged = [verdicts[key(r)]["verdict"] for r in shown if key(r) in verdicts]
        real = judged.count("real")
        out[kind] = {"shown": len(shown), "judged": len(judged), "real": real,
                     "share_real": round(real / len(judged), 3) if judged else None}
        out["unjudged"] += [r for r in shown if key(r) not in verdicts]
    return out


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    parser.add_argument("--template", action="store_true", help="print TOML entries for unjudged relations")
    args = parser.parse_args(argv)
    result = audit(shown_relations(), load_verdicts(args.verdicts))
    for kind in ("contradicts", "corroborates"):
        r = result[kind]
        print(f"{kind:13} shown {r['shown']:3}  judged {r['judged']:3}  real {r['real']:3}  share real {r['share_real']}")
    for rel in result["unjudged"]:
        if args.template:
            print(f"\n[[judged]]\nkey = {_toml_string(key(rel))}\nverdict = \"?\"\n"
                  f"why = {_toml_string(rel['why'])}\na = {_toml_string(rel['evidence_a'])}\nb = {_toml_string(rel['evidence_b'])}")
        else:
            print(f"unjudged {key(rel)}: {rel['why']}")
    return 0 if not result["unjudged"] else 1


if __name__ == "__main__":
    sys.exit(main())
