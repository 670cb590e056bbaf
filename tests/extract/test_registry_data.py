"""The registry data files: shape, breadth, no accidental collisions, round-trips."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from sitroom.errors import ConfigError
from sitroom.kb.registry import SIDES, Entry, Registry, entry_from_json, normalize_name

DATA = Path(str(resources.files("sitroom") / "data" / "registry"))
# Namesakes that share a spelling on purpose; anything else sharing a strong alias is a mistake.
NAMESAKES = {
    frozenset({"Oleksandr Lytvynenko", "Alexander Litvinenko"}),
    frozenset({"Vitali Klitschko", "Wladimir Klitschko"}),
}


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


def test_registry_data_files_are_valid_json_with_a_schema() -> None:
    for name in ("persons.json", "organizations.json", "outlets.json"):
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
        assert data["schema"] == "sitroom-registry/v1"
        assert data["kind"] == name.removesuffix(".json")
        assert data["entries"]
    assert (DATA / "SOURCES.md").is_file()


def test_registry_data_is_broad(reg: Registry) -> None:
    assert reg.count("person") >= 300
    assert reg.count("organization", outlets=False) >= 150
    outlets_with_domains = [e for e in reg if e.is_outlet and e.domains]
    assert len(outlets_with_domains) >= 150


def test_registry_data_entries_are_well_formed(reg: Registry) -> None:
    for e in reg:
        assert e.side in SIDES or (e.side is None and e.country is None), e.canonical
        assert e.label in ("person", "organization")
        assert (e.kind == "person") == (e.label == "person"), e.canonical
        assert e.role and e.canonical == e.canonical.strip()
        assert all(r.start is None or r.end is None or r.start <= r.end for r in e.roles), e.canonical
        assert 0 < e.prior <= 1
        for d in e.domains:
            assert d == d.lower() and "://" not in d and not d.startswith("www."), d


def test_registry_data_strong_aliases_do_not_collide(reg: Registry) -> None:
    owners: dict[str, set[str]] = {}
    for name, e in reg.names():
        owners.setdefault(normalize_name(name), set()).add(e.canonical)
    clashes = {k: v for k, v in owners.items() if len(v) > 1 and frozenset(v) not in NAMESAKES}
    assert clashes == {}


def test_registry_data_litvinenko_namesakes_can_be_told_apart(reg: Registry) -> None:
    official = reg.get("Oleksandr Lytvynenko")
    defector = reg.get("Alexander Litvinenko")
    assert official is not None and defector is not None
    assert official.side == "ukraine" and defector.side == "other"
    assert "Alexander Litvinenko" in official.aliases  # how Russian-language copy renders him
    assert defector.active is not None and defector.active[1] == 2006
    assert defector.prior < official.prior
    assert {"polonium", "london"} <= set(defector.context)
    assert {"nsdc", "secretary"} <= set(official.context)
    assert not set(official.context) & set(defector.context)


def test_registry_data_roles_change_over_time(reg: Registry) -> None:
    medvedev = reg.get("Dmitry Medvedev")
    assert medvedev is not None
    assert medvedev.role_in(2010) == "President of Russia"
    assert medvedev.role_in(2024) == "Deputy Chairman of the Security Council of Russia"
    shoigu, syrskyi = reg.get("Sergei Shoigu"), reg.get("Oleksandr Syrskyi")
    assert shoigu is not None and shoigu.role_in(2022) == "Minister of Defence of Russia"
    assert syrskyi is not None and syrskyi.role_in(2022) == "Commander of the Ground Forces of Ukraine"


def test_registry_data_entry_round_trips_through_json(reg: Registry) -> None:
    for name in ("Dmitry Medvedev", "TASS", "Alexander Litvinenko", "Ministry of Foreign Affairs"):
        e = reg.get(name)
        assert e is not None
        assert Entry.from_dict(json.loads(json.dumps(e.to_dict()))) == e


def test_registry_data_load_is_cached() -> None:
    assert Registry.load() is Registry.load()


@pytest.mark.parametrize(
    "bad",
    [
        {"canonical": "X Y", "role": "r", "side": "moon", "country": "UA"},
        {"canonical": "X Y", "role": "r", "side": "ukraine", "country": "UKR"},
        {"canonical": "X Y", "side": "ukraine", "country": "UA"},
        {"role": "r", "side": "ukraine"},
    ],
)
def test_registry_data_rejects_bad_entries(bad: dict) -> None:
    with pytest.raises(ConfigError):
        entry_from_json(bad, "person", "test")


def test_registry_data_rejects_duplicates() -> None:
    a = entry_from_json({"canonical": "Same Name", "role": "r", "side": "other"}, "person", "t")
    b = entry_from_json({"canonical": "same name", "role": "r", "side": "other"}, "person", "t")
    with pytest.raises(ConfigError):
        Registry([a, b])


def test_registry_data_loads_from_another_directory(tmp_path: Path) -> None:
    entry = {"canonical": "Test Outlet", "kind": "media", "role": "r", "side": "neutral"}
    entry["domains"] = ["example.test"]
    (tmp_path / "outlets.json").write_text(json.dumps({"schema": "sitroom-registry/v1", "entries": [entry]}))
    other = Registry.load(tmp_path)
    found = other.by_domain("www.example.test")
    assert len(other) == 1 and found is not None and found.canonical == "Test Outlet"
