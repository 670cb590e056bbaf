"""Wikidata items of gazetteer places: ``data/gazetteer/wikidata.tsv.gz`` (``geonameid, item``),
built by ``scripts/build_wikidata.py`` from Natural Earth and Who's On First (see the gazetteer's
``SOURCES.md``). Read on first use, once per process."""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

WIKIDATA_FILE = "wikidata.tsv.gz"


@lru_cache(maxsize=1)
def _items() -> dict[str, str]:
    data = resources.files("sitroom").joinpath("data", "gazetteer", WIKIDATA_FILE).read_bytes()
    return dict(line.split("\t", 1) for line in gzip.decompress(data).decode("utf-8").splitlines() if "\t" in line)


def place_item(place_id: str | None) -> str | None:
    """The Wikidata item (``Q1899``) of the gazetteer place with this GeoNames id, if a source gives one."""
    return _items().get(place_id) if place_id else None
