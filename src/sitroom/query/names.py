"""Names as people type them: any known variant of a place, speaker or outlet to the canonical name
the store holds, or a one-line reason naming the closest known names.

"Kharkov", "Харків" and "Kharkivska oblast" are read through the gazetteer (a region filter
prefers the oblast, a place filter the settlement), "Russian MoD" and "tass.com" through the
registry; a name that is stored as given is taken as it is, and a place the gazetteer knows but no
article names yet is its canonical name (it finds nothing, rightly). Whatever else does not resolve
is refused with the nearest stored names (rapidfuzz), never silently matched to nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rapidfuzz import fuzz, process

from sitroom.errors import SitroomError


class UnknownName(SitroomError, ValueError):
    """A filter value that names nothing stored; the message says what is close."""


def closest(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    found = process.extract(name, list(dict.fromkeys(known)), scorer=fuzz.WRatio, limit=n, score_cutoff=60)
    return [match for match, _score, _index in found]


def refuse(what: str, name: str, known: Iterable[str]) -> UnknownName:
    near = closest(name, known)
    hint = f"; closest known: {', '.join(near)}" if near else ""
    return UnknownName(f"unknown {what} {name!r}{hint}")


def place_name(name: str, stored: Callable[[str], bool], known: Callable[[], Iterable[str]],
               region: bool = False) -> str:
    """The stored canonical name of a place typed as ``name``."""
    if stored(name):
        return name
    from sitroom.kb.gazetteer import Gazetteer

    candidates = Gazetteer.load().candidates(name)
    if region:  # "--region Kharkov": the oblast before the city
        candidates.sort(key=lambda p: p.kind != "region")
    for place in candidates:
        if stored(place.name):
            return place.name
    if candidates:  # a real place nothing stored names yet: its canonical name, which finds nothing
        return candidates[0].name
    raise refuse("place", name, known())


def registry_name(name: str, stored: Callable[[str], bool], known: Callable[[], Iterable[str]], what: str,
                  outlet: bool = False) -> str:
    """The stored canonical name of a speaker or outlet typed as ``name`` (a variant, an acronym or,
    for an outlet, its web domain)."""
    if stored(name):
        return name
    from sitroom.kb.registry import Registry

    registry = Registry.load()
    entries = [registry.outlet(name)] if outlet else registry.lookup(name)
    if not outlet and not any(entries):
        entries = [registry.fuzzy(name)]
    for entry in entries:
        if entry is not None and stored(entry.canonical):
            return entry.canonical
    lowered = {k.casefold(): k for k in known()}
    if name.casefold() in lowered:
        return lowered[name.casefold()]
    raise refuse(what, name, lowered.values())


def stored_names(store, **filters):
    """``filters`` with their place, region, speaker / claimant and outlet as the store names them
    (the CLI's report and export: the same reading as the API's)."""
    from sitroom.store.catalog import Catalog

    cat = Catalog(store.engine)
    out = dict(filters)
    for key in ("place", "region"):
        if out.get(key):
            out[key] = place_name(out[key], lambda n: cat.place(n) is not None, lambda: cat.names("location"),
                                  region=key == "region")
    for key in ("speaker", "claimed_by"):
        if out.get(key):
            out[key] = registry_name(out[key], cat.has_speaker, cat.speaker_names, "speaker")
    if out.get("outlet") and out["outlet"] != "unknown":
        out["outlet"] = registry_name(out["outlet"], lambda n: n in cat.outlets(), cat.outlets, "outlet", outlet=True)
    return out
