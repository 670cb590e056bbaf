"""sitroom: a sourced situation picture from conflict news coverage.

The Python API (``docs/python-api.md``)::

    import sitroom

    nlp = sitroom.load()                       # the per-article pipeline, loaded once
    article = nlp("Kharkiv was shelled on Monday, the governor said.")
    article.claims                             # who said what, through whom
    articles = list(nlp.pipe(texts))           # many texts (or Article records), in batches
    analysis = sitroom.analyze(articles)       # stories, copies, corroboration, contradiction
    with sitroom.Store.open("sqlite:///war.db") as store:
        store.add(article)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "Pipeline", "Store", "__version__", "analyze", "load", "load_settings"]

if TYPE_CHECKING:
    from sitroom.config import Settings
    from sitroom.pipeline import Pipeline


def load(settings: Settings | None = None, **overrides: Any) -> Pipeline:
    """The per-article pipeline (cleaning, metadata, parsing, entities, claims, events, propositions).

    ``settings`` defaults to the shipped defaults; ``overrides`` are ``section__key=value``
    (e.g. ``nlp__batch_size=8``). The pipeline takes a text or an :class:`Article`; ``.pipe()``
    takes many.
    """
    from sitroom.config import load_settings
    from sitroom.process import build_pipeline

    flat = {key.replace("__", "."): value for key, value in overrides.items()}
    return build_pipeline(settings or load_settings(env={}, overrides=flat))


def __getattr__(name: str) -> Any:  # the rest of the API, imported when first used
    if name in ("Article", "Analysis"):
        from sitroom import model

        return getattr(model, name)
    if name == "Pipeline":
        from sitroom.pipeline import Pipeline

        return Pipeline
    if name == "Store":
        from sitroom.store import Store

        return Store
    if name == "analyze":
        from sitroom.link import analyze

        return analyze
    if name == "load_settings":
        from sitroom.config import load_settings

        return load_settings
    raise AttributeError(f"module 'sitroom' has no attribute {name!r}")
