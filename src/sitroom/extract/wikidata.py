"""Wikidata items on the entities of an article, in every language: a place the gazetteer knows
carries its item (``Entity.wikidata``) when an open source ties the item to the place's GeoNames id
(:mod:`sitroom.kb.wikidata`). People and bodies carry none yet: no open table of items for the
registry's names was found to build one from."""

from __future__ import annotations

from dataclasses import replace

from sitroom.kb.wikidata import place_item
from sitroom.model import Article
from sitroom.pipeline import stage


@stage(requires=["entities"], assigns=["entities"], name="wikidata")
def wikidata_items(article: Article) -> Article:
    """Each place entity with a gazetteer id gets the Wikidata item of that id, if one is known."""
    article.entities = tuple(
        replace(e, wikidata=item) if e.label == "location" and (item := place_item(e.id)) else e
        for e in article.entities)
    return article
