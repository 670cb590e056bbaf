"""Wikidata items of gazetteer places and registry entries, read on first use, once per process.

- ``data/gazetteer/wikidata.tsv.gz`` (``geonameid, item``), built by ``scripts/build_wikidata.py``
  from Natural Earth and Who's On First (see the gazetteer's ``SOURCES.md``);
- ``data/registry/wikidata.tsv`` (``label, canonical, item`` and the source of each row): registry
  people and bodies matched by exact name in Wikidata extracts (see the registry's ``SOURCES.md``).
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import lru_cache
from importlib import resources

WIKIDATA_FILE = "wikidata.tsv.gz"
REGISTRY_FILE = "wikidata.tsv"


@lru_cache(maxsize=1)
def _items() -> dict[str, str]:
    data = resources.files("sitroom").joinpath("data", "gazetteer", WIKIDATA_FILE).read_bytes()
    return dict(line.split("\t", 1) for line in gzip.decompress(data).decode("utf-8").splitlines() if "\t" in line)


@lru_cache(maxsize=1)
def _entries() -> dict[tuple[str, str], str]:
    text = resources.files("sitroom").joinpath("data", "registry", REGISTRY_FILE).read_text(encoding="utf-8")
    return {(row["label"], row["canonical"]): row["item"]
            for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)}


def place_item(place_id: str | None) -> str | None:
    """The Wikidata item (``Q1899``) of the gazetteer place with this GeoNames id, if a source gives one."""
    return _items().get(place_id) if place_id else None


def entry_item(label: str, canonical: str) -> str | None:
    """The Wikidata item of the registry's person or organisation of this canonical name, if known."""
    return _entries().get((label, canonical))
