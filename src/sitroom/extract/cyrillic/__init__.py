"""Russian and Ukrainian text: entities, claims and events under the same canonical names as English.

The stages here run on articles whose language is ``ru`` or ``uk`` (:data:`LANGUAGES`); the English
ones never see them (:func:`sitroom.pipeline.for_languages`). They fill the same records as the
English stages, so stories, claim groups and relations join Russian, Ukrainian and English
coverage of one development with no translation:

- **parse**: natasha (razdel segmentation, slovnet NER, morphology and syntax; the models ship in
  the natasha package, nothing is downloaded).
- **entities**: NER spans, resolved to the registry and the gazetteer through their Cyrillic
  variants in any grammatical case (natasha's normal form, the gazetteer's case endings, pymorphy3
  lemmas). People the registry does not know keep their name in the nominative.
- **claims**: a reporting verb and its subject ("Минобороны заявило, что ..."), a source after a
  preposition ("по данным ...", "за словами ..."), "об этом сообщил X" after the sentence it
  frames, a speaker before a colon ("Минобороны России: ..."), and, in a post of a channel whose
  owner the registry knows (a ministry, a governor), every development the post tells in its
  owner's voice (``Article.meta["channel"]``, set by the Telegram reader).
- **events**: trigger stems per event type (``data/lexicons/cyrillic.toml``), placed at the
  settlements (else regions) of their sentence, dated by the sentence's own day, else the
  publication date.

Evidence stays in the original language; names come out as the registry and gazetteer spell them.

Modules: :mod:`.parse` (natasha), :mod:`.names` (registry and gazetteer names in any case),
:mod:`.entities`, :mod:`.claims`, :mod:`.events`. They are imported at the first Russian or Ukrainian
article (or the first use of a name exported here), so a run over English text never pays for them.
"""

from __future__ import annotations

from importlib import import_module

from sitroom.kb import KB
from sitroom.pipeline import DeferredStage

LANGUAGES = ("ru", "uk")

#: what the package exports, by the module that defines it (imported at first use: PEP 562)
_EXPORTS = {
    "claims": ("ClaimFinder", "channel_owner", "lexicon", "make_claims_stage"),
    "entities": ("find_entities", "make_entities_stage", "typed_mentions"),
    "events": ("cyrillic_events", "find_events", "sentence_date"),
    "names": ("Names", "registry_matcher", "registry_mentions"),
    "parse": ("Parsed", "cyrillic_parse", "models"),
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = ["LANGUAGES", "stages", *sorted(_HOME)]


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)


def stages(kb: KB) -> list[DeferredStage]:
    """The per-article stages for Russian and Ukrainian, after the shared cleaning and metadata.

    Declared here and built at their first article; each built stage is checked against its
    declaration (:class:`sitroom.pipeline.DeferredStage`).
    """
    return [
        DeferredStage("parse", ("body",), ("parsed",), lambda: __getattr__("cyrillic_parse")),
        DeferredStage("entities", ("parsed",), ("entities",), lambda: __getattr__("make_entities_stage")(kb)),
        DeferredStage("claims", ("parsed", "entities"), ("claims",), lambda: __getattr__("make_claims_stage")(kb)),
        DeferredStage("events", ("parsed", "entities", "claims", "published"), ("events",),
                      lambda: __getattr__("cyrillic_events")),
    ]
