"""Who claims to hold a settlement, read from claim groups of control."""

from __future__ import annotations

import pytest

from sitroom.report.control import claimed_holder, control_entries


@pytest.mark.parametrize("proposition, holder", [
    ({"predicate": "captured", "side": "russia"}, "russia"),
    ({"predicate": "captured", "side": "russia", "negated": True}, "ukraine"),
    ({"predicate": "entered", "side": "ukraine"}, "ukraine"),
    ({"predicate": "repelled", "side": "russia"}, "ukraine"),      # the attacker's assault failed
    ({"predicate": "withdrawal", "side": "ukraine"}, "russia"),
    ({"predicate": "captured", "side": None}, None),               # whose capture is not said
    ({"predicate": "strike", "side": "russia"}, None),             # not a claim of control
])
def test_control_claimed_holder(proposition, holder):
    assert claimed_holder(proposition) == holder


def test_control_entries_per_place_oldest_first_and_only_in_scope():
    groups = [
        {"id": "g1", "claims": ["a:c1"], "status": "contested", "sources": ["MoD"], "sides": ["russia"],
         "proposition": {"predicate": "captured", "place": "Lyptsi", "side": "russia"}},
        {"id": "g2", "claims": ["b:c1", "c:c1"], "status": "confirmed across sides", "sources": ["Staff", "Wire"],
         "sides": ["ukraine", "west"], "proposition": {"predicate": "repelled", "place": "Lyptsi", "side": "russia"}},
        {"id": "g3", "claims": ["d:c1"], "status": "single source", "sources": ["X"], "sides": [],
         "proposition": {"predicate": "captured", "place": "Izium", "side": "russia"}},
    ]
    dates = {"a:c1": "2024-05-14", "b:c1": "2024-05-12", "c:c1": "2024-05-13"}  # d:c1 is out of the window
    entries = control_entries(groups, dates)
    assert list(entries) == ["Lyptsi"]
    assert [(e["group"], e["holder"], e["status"], e["first"], e["latest"]) for e in entries["Lyptsi"]] == [
        ("g2", "ukraine", "confirmed across sides", "2024-05-12", "2024-05-13"),
        ("g1", "russia", "contested", "2024-05-14", "2024-05-14")]
