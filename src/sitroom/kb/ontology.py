"""The event ontology: event types with their triggers, ACLED and PLOVER mappings, and the words
that make a trigger hypothetical (``data/lexicons/events.toml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from sitroom.data import load_lexicon


@dataclass(frozen=True)
class EventType:
    name: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    objects: frozenset[str]
    participants: frozenset[str]
    subtypes: dict[str, tuple[str, ...]]
    acled: tuple[str, str]
    plover: str
    campaign: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Ontology:
    types: dict[str, EventType]
    irrealis: frozenset[str]
    modals: frozenset[str]
    prevented: frozenset[str] = frozenset()
    inchoative: frozenset[str] = frozenset()
    orders: frozenset[str] = frozenset()
    called_off: frozenset[str] = frozenset()

    @cached_property
    def triggers(self) -> frozenset[str]:
        """Every word or lemma an event type may be triggered by: its verbs, nouns and the first words
        of its phrases."""
        return frozenset(w for et in self.types.values() for w in (*et.verbs, *et.nouns, *(p[0] for p in et.phrases)))


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    data = load_lexicon("events")
    types = {}
    for name, spec in data["types"].items():
        types[name] = EventType(
            name, frozenset(spec.get("verbs", ())), frozenset(spec.get("nouns", ())),
            tuple(tuple(p) for p in spec.get("phrases", ())), frozenset(spec.get("objects", ())),
            frozenset(spec.get("participants", ())),
            {k: tuple(v) for k, v in spec.get("subtypes", {}).items()},
            (spec["acled_event_type"], spec["acled_sub_event_type"]), spec["plover"],
            frozenset(spec.get("campaign", ())))
    modality = data["modality"]
    return Ontology(types, frozenset(modality["irrealis"]), frozenset(modality["modals"]),
                    frozenset(modality.get("prevented", ())), frozenset(modality.get("inchoative", ())),
                    frozenset(modality.get("orders", ())), frozenset(modality.get("called_off", ())))
