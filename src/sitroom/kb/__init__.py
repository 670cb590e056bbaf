"""What sitroom knows before it reads an article: the registry of people, bodies and outlets
(:mod:`~sitroom.kb.registry`), the gazetteer of places (:mod:`~sitroom.kb.gazetteer`) and the
event ontology (:mod:`~sitroom.kb.ontology`), each loaded once from ``sitroom/data``.

Every layer may use the knowledge base; the knowledge base uses only :mod:`sitroom.model`,
:mod:`sitroom.data` and :mod:`sitroom.errors` (see ``docs/architecture.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitroom.kb.gazetteer import Gazetteer
    from sitroom.kb.ontology import Ontology
    from sitroom.kb.registry import Registry


@dataclass(frozen=True)
class KB:
    """The knowledge base a pipeline's stages share, loaded once and passed to their factories."""

    registry: Registry
    gazetteer: Gazetteer
    ontology: Ontology

    @classmethod
    def load(cls) -> KB:
        """The shipped registry, gazetteer and ontology (each loaded once per process)."""
        from sitroom.kb.gazetteer import Gazetteer
        from sitroom.kb.ontology import ontology
        from sitroom.kb.registry import Registry

        return cls(Registry.load(), Gazetteer.load(), ontology())


__all__ = ["KB"]
