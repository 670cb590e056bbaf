"""The by-eye audit holds: every relation shown on the sample corpus, and every one of 40 drawn at
random from what is shown on the 21 dev articles, has a verdict, and at least 80% of the shown
contradictions and of the shown corroborations were judged real.

A change that shows new relations fails here until someone reads them and records verdicts in
``docs/audit/relations.toml`` (``python benchmarks/audit.py --template`` prints the entries).
"""

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _audit():
    spec = importlib.util.spec_from_file_location("audit_benchmark", ROOT / "benchmarks" / "audit.py")
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    return audit


def test_audit_of_the_sample_corpus_relations():
    audit = _audit()
    result = audit.audit(audit.shown_relations(), audit.load_verdicts(audit.VERDICTS))
    assert [audit.key(r) for r in result["unjudged"]] == []
    for kind in ("contradicts", "corroborates"):
        assert result[kind]["shown"] > 0 and result[kind]["share_real"] >= 0.8, (kind, result[kind])


@pytest.mark.shared
def test_audit_of_a_random_sample_of_the_dev_relations(shared):
    audit = _audit()
    drawn = audit.sample(audit.shown_relations(shared / "gold" / "dev" / "dev.jsonl"), 40, 11)
    result = audit.audit(drawn, audit.load_verdicts(ROOT / "docs" / "audit" / "relations_dev.toml"))
    assert [audit.key(r) for r in result["unjudged"]] == []
    for kind in ("contradicts", "corroborates"):
        assert result[kind]["shown"] > 0 and result[kind]["share_real"] >= 0.8, (kind, result[kind])
