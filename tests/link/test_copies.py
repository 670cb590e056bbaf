"""Syndicated copies of the seed articles add no relation (benchmarks/copies.py with fewer copies)."""

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds" / "seeds.jsonl"


@pytest.mark.skipif(not SEEDS.is_file(), reason="../shared/seeds is not here")
def test_copies_of_the_seeds_add_no_relation(tmp_path):
    spec = importlib.util.spec_from_file_location("copies_benchmark", ROOT / "benchmarks" / "copies.py")
    copies = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copies)
    out = tmp_path / "copies.json"
    assert copies.main(["--copies", "40", "--seeds", str(SEEDS), "--json", str(out)]) == 0, out.read_text()
