"""What sitroom knows before it reads an article: the registry of people, bodies and outlets
(:mod:`~sitroom.kb.registry`), the gazetteer of places (:mod:`~sitroom.kb.gazetteer`) and the
event ontology (:mod:`~sitroom.kb.ontology`), each loaded once from ``sitroom/data``.

Every layer may use the knowledge base; the knowledge base uses only :mod:`sitroom.model`,
:mod:`sitroom.data` and :mod:`sitroom.errors` (see ``docs/architecture.md``).
"""
