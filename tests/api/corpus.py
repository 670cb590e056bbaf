"""A small invented corpus built by hand (no model): three outlets on one village, one elsewhere.

Every text here was written for these tests. ``build_store(url)`` stores the articles and the
corpus analysis (``sitroom.link.analyze``) and returns the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.link import analyze
from sitroom.link.propositions import propositions
from sitroom.model import Article, Claim, Entity, Event, Mention, Span
from sitroom.store import Store

PLACES = {
    "Lyptsi": dict(id="702989", kind="village", country="UA", admin1="Kharkiv Oblast", lat=50.209, lon=36.421),
    "Vovchansk": dict(id="689304", kind="town", country="UA", admin1="Kharkiv Oblast", lat=50.291, lon=36.941),
    "Kupiansk": dict(id="703656", kind="city", country="UA", admin1="Kharkiv Oblast", lat=49.710, lon=37.616),
    "Kharkiv Oblast": dict(id="706482", kind="region", country="UA", lat=49.617, lon=36.5),
    "Sumy": dict(id="692194", kind="city", country="UA", admin1="Sumy Oblast", lat=50.919, lon=34.781),
}
SIDES = {"Ministry of Defence of Russia": "russia", "General Staff of the Armed Forces of Ukraine": "ukraine",
         "Oleh Syniehubov": "ukraine"}


@dataclass
class Draft:
    """An article written as text plus the annotations a pipeline would have found in it."""

    outlet: str
    published: str
    title: str
    body: str
    places: dict[str, list[str]]                       # canonical -> surface forms in the body
    actors: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # canonical -> (label, forms)
    claims: list[dict] = field(default_factory=list)   # speaker, evidence, content, via?, negated?
    events: list[dict] = field(default_factory=list)   # type, locations, claim (index) or None, date

    def article(self, source: str) -> Article:
        raw = f"{self.title}\n\n{self.body}"
        a = Article(source=source, raw_text=raw, body=self.body, title=self.title, outlet=self.outlet,
                    outlet_basis="metadata", published=self.published, published_basis="metadata", language="en")

        def mentions(forms: list[str]) -> tuple[Mention, ...]:
            out = []
            for form in forms:
                start = self.body.index(form)
                out.append(Mention(form, Span(start, start + len(form))))
            return tuple(out)

        entities = [Entity(name, "location", mentions(forms), **PLACES[name]) for name, forms in self.places.items()]
        entities += [Entity(name, label, mentions(forms), side=SIDES.get(name))
                     for name, (label, forms) in self.actors.items()]
        claims = []
        for n, c in enumerate(self.claims, 1):
            start = self.body.index(c["evidence"])
            claims.append(Claim(id=f"{a.id}:c{n}", speaker=c["speaker"], cue=c.get("cue", "said"),
                                evidence=Span(start, start + len(c["evidence"])), content=c["content"],
                                via=tuple(c.get("via", ())), speaker_kind=c.get("kind", "organization"),
                                negated=c.get("negated", False), hedged=c.get("hedged", False)))
        events = []
        for n, e in enumerate(self.events, 1):
            claim = claims[e["claim"]] if e.get("claim") is not None else None
            span = claim.evidence if claim else Span(0, min(len(self.body), 40))
            events.append(Event(id=f"{a.id}:e{n}", type=e["type"], evidence=span, locations=tuple(e["locations"]),
                                date=e.get("date", self.published), date_precision="day",
                                claimed_by=claim.speaker if claim else self.outlet,
                                claim_id=claim.id if claim else None,
                                status="claimed" if claim else "reported", subtype=e.get("subtype")))
        a.entities, a.claims, a.events = tuple(entities), tuple(claims), tuple(events)
        return propositions(a)


DRAFTS = {
    "t/redwire-lyptsi.txt": Draft(
        "Red Wire", "2024-06-03", "Units advance at Liptsy, ministry says",
        "Units of the northern grouping took control of the outskirts of Liptsy in the Kharkov region, "
        "the Defence Ministry said on Monday.\n\n"
        "The ministry said its artillery destroyed a depot near Volchansk during the night.",
        {"Lyptsi": ["Liptsy"], "Kharkiv Oblast": ["Kharkov region"], "Vovchansk": ["Volchansk"]},
        {"Ministry of Defence of Russia": ("organization", ["Defence Ministry"])},
        [dict(speaker="Ministry of Defence of Russia",
              evidence="Units of the northern grouping took control of the outskirts of Liptsy in the Kharkov "
                       "region, the Defence Ministry said on Monday.",
              content="units of the northern grouping took control of the outskirts of Liptsy"),
         dict(speaker="Ministry of Defence of Russia",
              evidence="The ministry said its artillery destroyed a depot near Volchansk during the night.",
              content="its artillery destroyed a depot near Volchansk")],
        [dict(type="territory_change", locations=["Lyptsi"], claim=0, date="2024-06-02"),
         dict(type="attack", subtype="shelling", locations=["Vovchansk"], claim=1, date="2024-06-02")]),
    "t/bluepost-lyptsi.txt": Draft(
        "Blue Post", "2024-06-03", "Assault on Lyptsi repelled, General Staff reports",
        "Defenders repelled an assault near Lyptsi overnight, the General Staff reported on Monday.\n\n"
        "The General Staff denied that enemy troops had taken control of the village.",
        {"Lyptsi": ["Lyptsi"]},
        {"General Staff of the Armed Forces of Ukraine": ("organization", ["General Staff"])},
        [dict(speaker="General Staff of the Armed Forces of Ukraine",
              evidence="Defenders repelled an assault near Lyptsi overnight, the General Staff reported on Monday.",
              content="defenders repelled an assault near Lyptsi overnight", cue="reported"),
         dict(speaker="General Staff of the Armed Forces of Ukraine", cue="denied", negated=True,
              evidence="The General Staff denied that enemy troops had taken control of the village.",
              content="enemy troops had taken control of the village")],
        [dict(type="attack", subtype="ground assault", locations=["Lyptsi"], claim=0, date="2024-06-02")]),
    "t/grey-kupiansk.txt": Draft(
        "Grey Agency", "2024-06-05", "Families leave Kupiansk after shelling",
        "Families were evacuated from Kupiansk after shelling on Tuesday, regional governor Oleh Syniehubov "
        "said, according to Blue Post.\n\nBuses left the city in the morning.",
        {"Kupiansk": ["Kupiansk"]},
        {"Oleh Syniehubov": ("person", ["Oleh Syniehubov"])},
        [dict(speaker="Oleh Syniehubov", kind="person", via=["Blue Post"],
              evidence="Families were evacuated from Kupiansk after shelling on Tuesday, regional governor Oleh "
                       "Syniehubov said, according to Blue Post.",
              content="families were evacuated from Kupiansk after shelling on Tuesday")],
        [dict(type="evacuation", locations=["Kupiansk"], claim=0, date="2024-06-04"),
         dict(type="other", locations=["Kupiansk"], claim=None)]),
    "t/redwire-sumy.txt": Draft(
        "Red Wire", "2024-07-20", "Drone workshop hit in Sumy",
        "A drone workshop in Sumy was hit by a missile, the Defence Ministry said.",
        {"Sumy": ["Sumy"]},
        {"Ministry of Defence of Russia": ("organization", ["Defence Ministry"])},
        [dict(speaker="Ministry of Defence of Russia",
              evidence="A drone workshop in Sumy was hit by a missile, the Defence Ministry said.",
              content="a drone workshop in Sumy was hit by a missile")],
        [dict(type="attack", subtype="missile", locations=["Sumy"], claim=0)]),
}

INJECTION = ("<script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=1>")


def injection_draft() -> Draft:
    """An article whose every field carries markup that would run if it were not escaped."""
    script, img = INJECTION
    body = (f"Officials in Sumy said {script} the bridge was closed {img} on Friday.\n\n"
            f"Witnesses quoted {img} reported smoke.")
    return Draft(f"Evil {img} Outlet", "2024-07-21", f"Bridge {script} closed", body, {"Sumy": ["Sumy"]},
                 {f"Officials {img}": ("organization", [f"{img}"])},
                 [dict(speaker=f"Officials {script}", via=[f"Relay {img}"],
                       evidence=f"Officials in Sumy said {script} the bridge was closed {img} on Friday.",
                       content=f"the bridge was closed {img}")],
                 [dict(type="other", locations=["Sumy"], claim=0)])


def articles(with_injection: bool = False) -> list[Article]:
    out = [d.article(src) for src, d in DRAFTS.items()]
    if with_injection:
        out.append(injection_draft().article("t/evil.txt"))
    return out


def build_store(url: str, with_injection: bool = False) -> Store:
    store = Store.open(url)
    stored = articles(with_injection)
    for a in stored:
        store.add(a)
    store.save_analysis(analyze(stored))
    return store
