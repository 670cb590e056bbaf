"""Wikidata items of places: the shipped table is the build's output, and places carry their item
in English and in Russian text alike."""

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom.config import load_settings
from sitroom.extract.wikidata import wikidata_items
from sitroom.kb.registry import Registry
from sitroom.kb.wikidata import place_item
from sitroom.model import Article, Entity
from sitroom.process import build_pipeline

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_table_is_up_to_date():
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "build_wikidata.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_a_settlement_whose_id_one_source_also_gives_a_village_takes_the_item_both_sources_agree_on():
    assert place_item("703448") == "Q1899"     # Kyiv: Who's On First also puts the id on a village
    assert place_item("690791") == "Q212"      # Ukraine, by its ISO code
    assert place_item("706482") == "Q170666"   # Kharkiv Oblast, from Natural Earth's regions
    assert place_item("703446") is None        # Kyiv Oblast: Natural Earth gives it the city's item
    assert place_item(None) is None and place_item("not-an-id") is None


def test_places_by_their_id_and_registry_people_and_bodies_by_their_name_get_an_item():
    article = Article(source="<test>", raw_text="")
    article.entities = (Entity("Kyiv", "location", id="703448"), Entity("Somewhere", "location"),
                        Entity("Kyiv Independent", "organization", id="703448"),
                        Entity("Vladimir Putin", "person"), Entity("Ministry of Defence of Russia", "organization"),
                        Entity("Vladimir Putin", "location"))
    items = [e.wikidata for e in wikidata_items(article).entities]
    assert items == ["Q1899", None, None, "Q7747", "Q1146492", None]


def test_every_registry_item_names_a_registry_entry_and_no_item_two():
    registry = Registry.load()
    known = {(e.label, e.canonical) for e in registry.entries}
    rows = list(csv.DictReader((REPO / "src" / "sitroom" / "data" / "registry" / "wikidata.tsv").open(encoding="utf-8"),
                               delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all((r["label"], r["canonical"]) in known for r in rows)
    assert all(re.fullmatch(r"Q[1-9]\d*", r["item"]) and r["source"] for r in rows)
    assert len({r["item"] for r in rows}) == len(rows)


@pytest.mark.slow
def test_places_carry_their_item_in_english_and_in_russian():
    pipeline = build_pipeline(load_settings(env={}))
    for text in ("Drones struck an energy facility in Kharkiv overnight, the regional governor said.",
                 "Ночью беспилотники атаковали энергетический объект в Харькове, сообщил губернатор."):
        article = pipeline(Article(source="<test>", raw_text=text, meta={"published": "2024-06-03"}))
        assert {e.canonical: e.wikidata for e in article.entities if e.label == "location"}["Kharkiv"] == "Q42308"
