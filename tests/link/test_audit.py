"""The by-eye audit holds: every relation shown on the sample corpus has a verdict, and at least
80% of the shown contradictions and of the shown corroborations were judged real.

A change that shows new relations fails here until someone reads them and records verdicts in
``docs/audit/relations.toml`` (``python benchmarks/audit.py --template`` prints the entries).
"""

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_audit_of_the_sample_corpus_relations():
    spec = importlib.util.spec_from_file_location("audit_benchmark", ROOT / "benchmarks" / "audit.py")
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    result = audit.audit(audit.shown_relations(), audit.load_verdicts(audit.VERDICTS))
    assert [audit.key(r) for r in result["unjudged"]] == []
    for kind in ("contradicts", "corroborates"):
        assert result[kind]["shown"] > 0 and result[kind]["share_real"] >= 0.8, (kind, result[kind])
