"""Corpus-level analysis: stories, provenance, corroboration, contradiction, outlet framing.

:func:`analyze` takes :class:`~sitroom.model.Article` records and returns an
:class:`~sitroom.model.Analysis`: stories and copy groups by article id, claim groups, relations and
outlet profiles (its JSON document, ``sitroom analyze --json``, is built by
:func:`sitroom.output.analysis_json`). Claim ids are those of the articles, so everything stays
traceable to its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitroom.model import Analysis, Article


def analyze(articles: Iterable[Article]) -> Analysis:
    """Stories, copy groups, claim groups, relations and outlet profiles of ``articles``, analysed
    together in corpus order (:class:`sitroom.link.corpus.CorpusAnalysis`, which also extends a
    stored analysis with new articles)."""
    from sitroom.link.corpus import analyze as fold

    return fold(articles)
