"""Every gold location mention has a candidate with the gold canonical name, kind, country, admin1.

Reads ``../shared/gold/seeds/*.gold.json`` at run time; skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.kb.gazetteer import Gazetteer

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "seeds"


def _gold_mentions() -> list[tuple[str, str, dict]]:
    if not GOLD.is_dir():
        return []
    out = []
    for path in sorted(GOLD.glob("*.gold.json")):
        for loc in json.loads(path.read_text(encoding="utf-8")).get("locations") or []:
            for mention in loc["mentions"]:
                out.append((path.name, mention, loc))
    return out


MENTIONS = _gold_mentions()


@pytest.mark.shared
@pytest.mark.skipif(not MENTIONS, reason="../shared/gold is absent")
@pytest.mark.parametrize("source, mention, loc", MENTIONS, ids=[f"{s}:{m}" for s, m, _ in MENTIONS])
def test_gazetteer_gold_mentions_resolve(source, mention, loc):
    found = Gazetteer.load().candidates(mention)
    want = (loc["canonical"], loc["kind"], loc["country"], loc["admin1"])
    got = [(p.name, p.kind, p.country, p.admin1) for p in found]
    assert want in got, f"{source}: {mention!r} -> {got[:5]}"
