"""Every person and organisation the gold files name resolves from each of its mentions.

Reads ``../shared/gold/seeds/*.gold.json`` at run time; skipped when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.kb.registry import Registry

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "seeds"
FILES = sorted(GOLD.glob("*.gold.json")) if GOLD.is_dir() else []
# Claim speakers that are descriptions, not entities ("analysts", "a source within the military").
DESCRIPTIONS = ("analyst", "report", "source", "press service", "official", "expert", "observer")

pytestmark = [pytest.mark.shared, pytest.mark.skipif(not FILES, reason="../shared/gold is absent")]


def _docs() -> list[dict]:
    return [json.loads(f.read_text(encoding="utf-8")) for f in FILES if not f.name.startswith("corpus")]


def _mentions() -> list[tuple[str, str, str]]:
    out = []
    for doc in _docs():
        for key, label in (("persons", "person"), ("organizations", "organization")):
            for ent in doc.get(key, []):
                out.extend((label, ent["canonical"], m) for m in ent["mentions"])
    return out


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


@pytest.mark.parametrize(("label", "canonical", "mention"), _mentions())
def test_registry_gold_mention_resolves(reg: Registry, label: str, canonical: str, mention: str) -> None:
    assert reg.get(canonical) is not None, f"{canonical!r} missing from the registry"
    candidates = [e.canonical for e in reg.lookup(mention)]
    fuzzy = reg.fuzzy(mention)
    assert canonical in candidates or (fuzzy is not None and fuzzy.canonical == canonical)
    assert reg.get(canonical).label == label  # type: ignore[union-attr]


def test_registry_gold_speakers_and_outlets_are_known(reg: Registry) -> None:
    missing = []
    for doc in _docs():
        claims = doc.get("claims", [])
        names = {c["speaker"] for c in claims} | {v for c in claims for v in c["via"]}
        names |= {e.get("claimed_by") for e in doc.get("events", []) if e.get("claimed_by")}
        names |= {m["refers_to"] for m in doc.get("metonyms", [])}
        for name in names:
            if not any(word in name.lower() for word in DESCRIPTIONS) and reg.get(name) is None:
                missing.append(name)
        if doc.get("outlet"):
            found = reg.outlet(doc["outlet"])
            assert found is not None and found.canonical == doc["outlet"]
    assert missing == []


def test_registry_gold_metonyms_resolve(reg: Registry) -> None:
    for doc in _docs():
        for m in doc.get("metonyms", []):
            found = reg.metonym(m["mention"])
            assert found is not None and found.canonical == m["refers_to"], m


def test_registry_gold_mentions_resolve_in_their_article(reg: Registry) -> None:
    """With the article's words around each mention, resolve() picks the gold entity."""
    wrong = []
    for f in FILES:
        if f.name.startswith("corpus"):
            continue
        doc = json.loads(f.read_text(encoding="utf-8"))
        raw = GOLD.parent.parent / "seeds" / f.name.replace(".gold.json", ".txt")
        if not raw.is_file():
            continue
        text = raw.read_text(encoding="utf-8")
        for key in ("persons", "organizations"):
            for ent in doc.get(key, []):
                for mention in ent["mentions"]:
                    at = text.find(mention)
                    found = reg.resolve(mention, text=text, at=at if at >= 0 else None)
                    if found is None or found.canonical != ent["canonical"]:
                        wrong.append((mention, ent["canonical"], found and found.canonical))
    assert wrong == []
