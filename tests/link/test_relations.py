"""Claim relations from hand-built article documents: provenance, polarity, independence."""

from sitroom.extract.registry import Registry
from sitroom.link.relations import claim_groups, claim_views, originating_source, relate


def doc(source, claims, locations=(), events=(), outlet="Sample Wire"):
    body = " ".join(c["text"] for c in claims)
    pos, out = 0, []
    for k, c in enumerate(claims, 1):
        out.append({"id": f"{source}:c{k}", "speaker": c["speaker"], "speaker_kind": c.get("kind", "organization"),
                    "via": c.get("via", []), "content": c["text"], "quote": None, "negated": c.get("negated", False),
                    "evidence_span": {"start": pos, "end": pos + len(c["text"])}})
        pos += len(c["text"]) + 1
    locs = []
    for name, admin1, kind in locations:
        at = body.find(name)
        locs.append({"canonical": name, "admin1": admin1, "kind": kind,
                     "mentions": [{"text": name, "start": at, "end": at + len(name)}] if at >= 0 else []})
    return {"source": source, "outlet": outlet, "body": body, "claims": out, "locations": locs, "events": list(events)}


PLACES = [("Vovchansk", "Kharkiv Oblast", "town"), ("Kharkiv", "Kharkiv Oblast", "city")]


def views(*docs):
    return claim_views(docs, {d["source"]: "story" for d in docs}, Registry.load())


def test_relations_opposite_polarity_on_same_target_contradicts():
    a = doc("a", [{"speaker": "Ministry of Defence of Russia", "text": "Troops launched an assault on Vovchansk."}], PLACES)
    b = doc("b", [{"speaker": "General Staff of the Armed Forces of Ukraine",
                   "text": "There was no assault on Vovchansk.", "negated": True}], PLACES)
    (rel,) = relate(views(a, b))
    assert rel.relation == "contradicts" and "denies" in rel.why


def test_relations_same_report_from_opposite_sides_is_independent_corroboration():
    a = doc("a", [{"speaker": "Ministry of Defence of Russia", "text": "Units captured villages near Vovchansk."}], PLACES)
    b = doc("b", [{"speaker": "General Staff of the Armed Forces of Ukraine",
                   "text": "Russian units captured two villages near Vovchansk."}], PLACES)
    (rel,) = relate(views(a, b))
    assert rel.relation == "corroborates" and rel.independent and "russia and ukraine" in rel.why


def test_relations_same_originating_source_is_not_independent():
    a = doc("a", [{"speaker": "Ministry of Defence of Russia", "text": "Units captured villages near Vovchansk."}], PLACES)
    b = doc("b", [{"speaker": "Ministry of Defence of Russia", "text": "Forces secured villages near Vovchansk."}],
            PLACES, outlet="Other Wire")
    (rel,) = relate(views(a, b))
    assert rel.relation == "corroborates" and not rel.independent


def test_relations_sub_units_fold_into_their_parent_body():
    claim = {"speaker": "General Staff of the Armed Forces of Ukraine", "speaker_kind": "organization", "via": []}
    assert originating_source(claim, Registry.load()) == "Armed Forces of Ukraine"
    anonymous = {"speaker": "source in the military", "speaker_kind": "unnamed", "via": ["TASS"]}
    assert originating_source(anonymous, Registry.load()) == "TASS"


def test_relations_calm_versus_development_contradicts():
    a = doc("a", [{"speaker": "Ihor Terekhov", "text": "The situation in Kharkiv is calm."}], PLACES)
    b = doc("b", [{"speaker": "Strana.ua", "text": "Residents began evacuating from Kharkiv."}], PLACES)
    (rel,) = relate(views(a, b))
    assert rel.relation == "contradicts" and "calm" in rel.why


def test_relations_unrelated_places_do_not_relate():
    a = doc("a", [{"speaker": "Ministry of Defence of Russia", "text": "Units captured villages near Vovchansk."}], PLACES)
    b = doc("b", [{"speaker": "General Staff of the Armed Forces of Ukraine", "text": "Units captured a hill near Bakhmut."}],
            [("Bakhmut", "Donetsk Oblast", "city")])
    assert relate(views(a, b)) == []


def test_relations_groups_carry_status():
    a = doc("a", [{"speaker": "Ministry of Defence of Russia", "text": "Units captured villages near Vovchansk."}], PLACES)
    b = doc("b", [{"speaker": "General Staff of the Armed Forces of Ukraine",
                   "text": "Russian units captured two villages near Vovchansk."}], PLACES)
    c = doc("c", [{"speaker": "Ministry of Defence of Russia", "text": "There was no attack on Kharkiv.", "negated": True},
                  {"speaker": "Strana.ua", "text": "An attack on Kharkiv began at dawn."}], PLACES)
    vs = views(a, b, c)
    groups = {tuple(g["claims"]): g["status"] for g in claim_groups(vs, relate(vs))}
    assert groups[("a:c1", "b:c1")] == "confirmed across sides"
    assert "contested" in groups.values()
