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
:mod:`.entities`, :mod:`.claims`, :mod:`.events`.
"""

from __future__ import annotations

from sitroom.extract.cyrillic.claims import ClaimFinder, channel_owner, lexicon, make_claims_stage
from sitroom.extract.cyrillic.entities import find_entities, make_entities_stage, typed_mentions
from sitroom.extract.cyrillic.events import cyrillic_events, find_events, sentence_date
from sitroom.extract.cyrillic.names import Names, registry_matcher, registry_mentions
from sitroom.extract.cyrillic.parse import LANGUAGES, Parsed, cyrillic_parse, models, parse
from sitroom.kb import KB

__all__ = ["LANGUAGES", "ClaimFinder", "Names", "Parsed", "channel_owner", "cyrillic_events", "cyrillic_parse",
           "find_entities", "find_events", "lexicon", "make_claims_stage", "make_entities_stage", "models", "parse",
           "registry_matcher", "registry_mentions", "sentence_date", "stages", "typed_mentions"]


def stages(kb: KB) -> list:
    """The per-article stages for Russian and Ukrainian, after the shared cleaning and metadata."""
    return [cyrillic_parse, make_entities_stage(kb), make_claims_stage(kb), cyrillic_events]
