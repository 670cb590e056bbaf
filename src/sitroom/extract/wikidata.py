"""Wikidata items on the entities of an article, in every language (``Entity.wikidata``): a place
the gazetteer knows carries the item an open source ties to its GeoNames id, a person or body of the
registry the item its name was matched to (:mod:`sitroom.kb.wikidata`). People and bodies the
registry does not know carry none."""

from __future__ import annotations

from dataclasses import replace

from sitroom.kb.wikidata import entry_item, place_item
from sitroom.model import Article, Entity
from sitroom.pipeline import stage


def _item(entity: Entity) -> str | None:
    if entity.label == "location":
        return place_item(entity.id)
    return entry_item(entity.label, entity.canonical)


@stage(requires=["entities"], assigns=["entities"], name="wikidata")
def wikidata_items(article: Article) -> Article:
    """Each place and registry person or body gets its Wikidata item, if one is known."""
    article.entities = tuple(replace(e, wikidata=item) if (item := _item(e)) else e for e in article.entities)
    return article
