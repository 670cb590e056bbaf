"""Propositions and relations from hand-built articles (sentences written for these tests)."""

from dataclasses import replace

import pytest

from sitroom.kb.registry import Registry
from sitroom.link import analyze
from sitroom.link.propositions import propositions
from sitroom.link.quantities import find_quantities
from sitroom.link.provenance import claim_views, fold_copies, originating_source
from sitroom.link.relations import claim_groups, relate
from sitroom.model import Article, Claim, Entity, Mention, Span

PLACES = {"Vovchansk": ("town", "Kharkiv Oblast"), "Lyptsi": ("village", "Kharkiv Oblast"),
          "Kharkiv Oblast": ("region", None), "Kupiansk": ("city", "Kharkiv Oblast"),
          "Pokrovsk": ("city", "Donetsk Oblast")}
RU, UA = "Ministry of Defence of Russia", "General Staff of the Armed Forces of Ukraine"


def article(source, published, claims, outlet="Sample Wire"):
    """``claims``: (speaker, sentence); the speaker's words come after the reporting frame."""
    body = " ".join(text for _, text in claims)
    a = Article(source=source, raw_text=body, meta={"outlet": outlet}, body=body, outlet=outlet, published=published,
                language="en")
    entities, made, at = [], [], 0
    for name, (kind, admin1) in PLACES.items():
        spans = [Mention(name, Span(i, i + len(name))) for i in _find_all(body, name)]
        if spans:
            entities.append(Entity(name, "location", tuple(spans), kind=kind, country="UA", admin1=admin1))
    for k, (speaker, text) in enumerate(claims, 1):
        made.append(Claim(f"{a.id}:c{k}", speaker, "said", Span(at, at + len(text)), text, speaker_kind="organization"))
        at += len(text) + 1
    a.entities, a.claims = tuple(entities), tuple(made)
    return propositions(a)


def _find_all(text, name):
    start = text.find(name)
    while start >= 0:
        if text[start + len(name):start + len(name) + 1] not in ("", " ", ".", ",", ";"):
            start = text.find(name, start + 1)
            continue
        yield start
        start = text.find(name, start + len(name))


def props(a):
    return [(p.predicate, p.place, p.side, p.negated) for c in a.claims for p in c.propositions]


def relations(*articles):
    return relate(claim_views(articles, Registry.load()))


@pytest.mark.parametrize("speaker, sentence, expected", [
    (RU, "The ministry said its forces had captured Lyptsi.", ("captured", "Lyptsi", "russia", False)),
    (UA, "The staff said the enemy was pushed back from Lyptsi.", ("repelled", "Lyptsi", "russia", False)),
    (UA, "The staff said Russian troops did not enter Vovchansk.", ("entered", "Vovchansk", "russia", True)),
    (UA, "The staff said Russian troops had been stopped in the Kharkiv Oblast.",
     ("stopped", "Kharkiv Oblast", "russia", False)),
    (RU, "The ministry said its units took control of a village in the Kharkiv Oblast.",
     ("captured", "Kharkiv Oblast", "russia", False)),
    (UA, "The commander said the Russians lack the troops needed for a strategic advance on Kupiansk.",
     ("threat", "Kupiansk", "russia", True)),
    (UA, "The staff said reserves were transferred from Pokrovsk to Vovchansk.",
     ("deployment", "Kharkiv Oblast", "ukraine", False)),
    (UA, "The bloggers described the withdrawals of Russian forces from Kupiansk.",
     ("withdrawal", "Kupiansk", "russia", False)),
    (UA, "The staff said guards had prevented the border from being breached in the Kharkiv Oblast.",
     ("stopped", "Kharkiv Oblast", "russia", False)),
    (UA, "The staff said a drone strike on Kupiansk killed two civilians.", ("strike", "Kupiansk", None, False)),
])
def test_propositions_read_predicate_place_side_and_polarity(speaker, sentence, expected):
    assert expected in props(article("s", "2024-05-20", [(speaker, sentence)]))


@pytest.mark.parametrize("sentence", [
    "The analyst said the war would be long and costly.",
    "The analyst said morale was a question for historians.",
])
def test_propositions_opinions_carry_none(sentence):
    assert props(article("s", "2024-05-20", [("Institute for the Study of War", sentence)])) == []


@pytest.mark.parametrize("sentence", [
    "The paper said the capture of Kupiansk would shock the public.",  # a hypothesis about a capture
    "The ministry said its staff met, which comes as Ukrainian troops retook Kupiansk.",  # the writer's context
])
def test_propositions_hypotheses_and_context_carry_none(sentence):
    assert [p for p in props(article("s", "2024-05-20", [(RU, sentence)])) if p[0] == "captured"] == []


@pytest.mark.parametrize("sentence, reported", [
    ("The staff said thousands fled Kupiansk since Friday, when Russian forces launched the operation.", False),
    ("The staff said Russia captured two villages after launching an offensive in the Kharkiv Oblast.", False),
    ("The staff said the Russian offensive in the Kharkiv Oblast had lost its tempo.", False),
    ("The staff said that at the start of the offensive Russia had 30,000 troops in the Kharkiv Oblast.", False),
    ("The staff said Russian troops have launched an assault in the Kharkiv Oblast.", True),
    ("The staff said a thousand Russian troops took part in a cross-border attack on the Kharkiv Oblast.", True),
])
def test_propositions_an_offensive_in_the_setting_is_not_reported(sentence, reported):
    found = [p for p in props(article("s", "2024-05-20", [(UA, sentence)])) if p[0] == "offensive_started"]
    assert bool(found) == reported


def test_propositions_no_comment_says_nothing():
    a = article("s", "2024-05-20", [(RU, "The ministry has not commented on the strike on Kupiansk.")])
    cue = a.body.index("commented")
    a.claims = tuple(replace(c, cue="commented", cue_span=Span(cue, cue + len("commented"))) for c in a.claims)
    assert props(propositions(a)) == []


def test_propositions_the_city_is_the_one_the_article_calls_so_and_names_most():
    a = article("s", "2024-05-20", [(UA, "The staff said a strike hit the city of Vovchansk."),
                                    (UA, "The staff said Vovchansk lies 50 km from the city of Kupiansk."),
                                    (UA, "The staff said homes were destroyed in the city.")])
    assert props(a)[-1] == ("damage", "Vovchansk", None, False)


@pytest.mark.parametrize("speaker, sentence, expected", [
    (UA, "The council said life was normal and denied reports of a mass exodus from Kupiansk.",
     [("evacuation", "Kupiansk", None, True)]),
    (UA, "The colonel said Russian claims to have captured Lyptsi were fiction.", [("captured", "Lyptsi", "russia", True)]),
    (UA, "The staff said reports of the capture of Lyptsi do not correspond to reality.",
     [("captured", "Lyptsi", "russia", True)]),
    (UA, "The staff said the enemy keeps repeating its so-called capture of Lyptsi.", [("captured", "Lyptsi", "russia", True)]),
    (RU, "The ministry said troops completed the capture of Lyptsi on the road to Kupiansk.",
     [("captured", "Lyptsi", "russia", False)]),
    (RU, "The ministry said Russian strikes repeatedly hit Kupiansk.", []),  # a pattern, not an event
    (UA, "The staff said Russian losses near Kupiansk amounted to 90 killed and wounded.", []),  # losses, not a strike
])
def test_propositions_denials_objects_patterns_and_losses(speaker, sentence, expected):
    assert props(article("s", "2024-05-20", [(speaker, sentence)])) == expected


def test_propositions_prospective_gain_becomes_a_threat():
    (p,) = props(article("s", "2024-05-20", [(RU, "The ministry said its troops may soon capture Lyptsi.")]))
    assert p[:3] == ("threat", "Lyptsi", "russia")


def test_propositions_quantities_read_tolls_and_forces():
    found = {q.unit: q.value for q in find_quantities("shelling killed three people and injured 11, "
                                                      "with up to 1,000 troops and about 400 sq km on may 17")}
    assert found == {"killed": 3, "injured": 11, "troops": 1000, "km2": 400}


def test_relations_capture_against_repelled_assault_is_control_disputed():
    a = article("a", "2024-05-20", [(RU, "The ministry said its forces had captured Lyptsi.")])
    b = article("b", "2024-05-21", [(UA, "The staff said the enemy assault on Lyptsi was repelled.")])
    (rel,) = relations(a, b)
    assert (rel.relation, rel.type, rel.independent) == ("contradicts", "control disputed", True)
    assert rel.evidence_a and rel.evidence_b and 0 < rel.confidence <= 1


def test_relations_denial_contradicts():
    a = article("a", "2024-05-20", [(RU, "The ministry said its troops entered Vovchansk.")])
    b = article("b", "2024-05-20", [(UA, "The staff said Russian troops did not enter Vovchansk.")])
    (rel,) = relations(a, b)
    assert rel.type == "denial"


def test_relations_same_event_from_opposite_sides_is_independent_corroboration():
    a = article("a", "2024-05-20", [(RU, "The ministry said its troops entered Vovchansk.")])
    b = article("b", "2024-05-20", [(UA, "The staff said Russian troops entered Vovchansk.")])
    (rel,) = relations(a, b)
    assert rel.relation == "corroborates" and rel.independent and rel.sides == ("russia", "ukraine")


def test_relations_same_source_is_not_independent():
    a = article("a", "2024-05-20", [(RU, "The ministry said its troops entered Vovchansk.")])
    b = article("b", "2024-05-20", [(RU, "The ministry said its units entered Vovchansk.")], outlet="Other Wire")
    (rel,) = relations(a, b)
    assert rel.relation == "corroborates" and not rel.independent


def test_relations_capture_of_a_village_corroborates_gains_in_its_oblast_reported_with_it():
    a = article("a", "2024-05-20", [(RU, "The ministry said its forces had captured Lyptsi.")])
    b = article("b", "2024-05-21", [(UA, "The staff said Russian troops took control of two villages in the "
                                         "Kharkiv Oblast.")])
    (rel,) = relations(a, b)
    assert rel.relation == "corroborates" and "Kharkiv Oblast" in rel.why
    weeks_later = article("c", "2024-06-10", [(UA, "The staff said Russian troops took control of two villages in "
                                                   "the Kharkiv Oblast.")])
    assert relations(a, weeks_later) == []  # an oblast's gains weeks later are other villages


@pytest.mark.parametrize("advance_day, halt_day, disputed", [
    ("2024-05-29", "2024-05-24", True),   # still advancing after the halt was announced
    ("2024-05-24", "2024-05-24", True),
    ("2024-05-12", "2024-05-24", False),  # advanced, then stopped: the course of an offensive
])
def test_relations_an_advance_disputes_a_halt_only_when_not_earlier(advance_day, halt_day, disputed):
    a = article("a", advance_day, [(RU, "The ministry said its forces kept advancing in the Kharkiv Oblast.")])
    b = article("b", halt_day, [(UA, "The staff said Russian troops had been stopped in the Kharkiv Oblast.")])
    assert [r.type for r in relations(a, b)] == (["outcome conflict"] if disputed else [])


@pytest.mark.parametrize("gain, disputed", [
    ("The ministry said its forces captured Lyptsi.", False),  # one village: local gains go on in a halt
    ("The ministry said its forces took control of 30 square kilometres in the Kharkiv Oblast.", True),
])
def test_relations_a_halt_is_disputed_by_gains_of_the_front_not_of_one_village(gain, disputed):
    a = article("a", "2024-05-25", [(RU, gain)])
    b = article("b", "2024-05-24", [(UA, "The staff said Russian troops had been stopped in the Kharkiv Oblast.")])
    assert bool([r for r in relations(a, b) if r.relation == "contradicts"]) == disputed


def test_propositions_the_writers_reading_is_not_the_claim():
    a = article("s", "2024-05-20", [(UA, "The staff said Russian units moved near the border of the Kharkiv Oblast, "
                                         "sparking fears of a major offensive on Kupiansk.")])
    assert [p for p in props(a) if p[0] == "threat"] == []


def test_relations_one_speaker_twice_in_one_article_repeats_itself_on_a_town_only():
    town = article("a", "2024-05-20", [(UA, "The staff said Russia could attack Kupiansk."),
                                       (UA, "The staff said Russian forces plan to attack Kupiansk.")])
    front = article("b", "2024-05-20", [(UA, "The staff said Russian troops had been stopped in the Kharkiv Oblast."),
                                        (UA, "The staff said the Russian advance was halted in the Kharkiv Oblast.")])
    assert [r.relation for r in relations(town)] == ["corroborates"]
    assert relations(front) == []


def test_propositions_a_placeless_toll_is_the_article_towns_only_when_it_has_one():
    one = article("a", "2024-05-20", [(UA, "The staff said a strike hit Kupiansk."),
                                      (UA, "The staff said Kupiansk was shelled again."),
                                      (UA, "The staff said two people were killed.")])
    two = article("b", "2024-05-20", [(UA, "The staff said a strike hit Kupiansk."),
                                      (UA, "The staff said Lyptsi was shelled again."),
                                      (UA, "The staff said two people were killed.")])
    assert props(one)[-1] == ("strike", "Kupiansk", None, False)
    assert all(p[1] != "Kupiansk" for p in props(two)[2:])


@pytest.mark.parametrize("sentence, expected", [
    ("The staff said the enemy got bogged down in street battles for Vovchansk.",
     ("stopped", "Vovchansk", "russia", False)),  # a halt at one town
    ("The staff said Russian units were stopped in the Vovchansk area.",
     ("stopped", "Kharkiv Oblast", "russia", False)),  # a town's area is its oblast's front
    ("The staff said Russian troops were liberating small settlements near Vovchansk.",
     ("advancing", "Kharkiv Oblast", "russia", False)),  # unnamed villages taken: the front moves
])
def test_propositions_place_a_front_at_the_town_it_names(sentence, expected):
    assert props(article("s", "2024-05-20", [(UA, sentence)])) == [expected]


def test_relations_a_slowed_offensive_disputes_no_advance():
    a = article("a", "2024-05-20", [(RU, "The ministry said its forces kept advancing in the Kharkiv Oblast.")])
    b = article("b", "2024-05-20", [(UA, "The staff said Russian troops had to reduce the tempo of their attacks in "
                                         "the Kharkiv Oblast.")])
    assert props(b) == [("slowed", "Kharkiv Oblast", "russia", False)]
    assert relations(a, b) == []


@pytest.mark.parametrize("sentence", [
    "The staff said Russian forces made gains on the eastern front.",
    "The staff said Russian forces advanced along the entire front line.",
])
def test_propositions_a_front_named_elsewhere_is_not_the_articles_oblast(sentence):
    a = article("s", "2024-05-20", [(UA, "The staff said Vovchansk in the Kharkiv Oblast was shelled."), (UA, sentence)])
    assert [p for p in props(a) if p[0] == "advancing"] == []


@pytest.mark.parametrize("where, place", [("northern Kharkiv", "Kharkiv Oblast"), ("Kharkiv", "Kharkiv")])
def test_propositions_a_compass_word_before_a_regional_capital_names_its_oblast(where, place):
    a = article("s", "2024-05-20", [(UA, f"The staff said Russian troops were stopped in {where}.")])
    at = a.body.index("Kharkiv")
    city = Entity("Kharkiv", "location", (Mention("Kharkiv", Span(at, at + 7)),), kind="city", country="UA",
                  admin1="Kharkiv Oblast")
    a.entities = (*a.entities, city)
    assert props(propositions(a)) == [("stopped", place, "russia", False)]


def test_relations_one_side_at_two_moments_is_no_outcome_conflict():
    a = article("a", "2024-05-24", [(UA, "The staff said Russian forces kept advancing in the Kharkiv Oblast.")])
    b = article("b", "2024-05-24", [("Government of Ukraine", "The government said Russian troops had been stopped "
                                                              "in the Kharkiv Oblast.")])
    assert relations(a, b) == []


def test_relations_entry_then_held_back_does_not_dispute_entry():
    a = article("a", "2024-05-15", [(UA, "The staff said Russian troops entered Vovchansk but were pushed back "
                                         "from its centre.")])
    b = article("b", "2024-05-15", [(RU, "The ministry said its troops entered Vovchansk.")])
    assert [r.relation for r in relations(a, b)] == ["corroborates"]


def test_relations_one_days_toll_of_one_place_needs_no_stated_day():
    a = article("a", "2024-05-25", [(UA, "The agency said two people were killed in the strike on Kupiansk.")])
    b = article("b", "2024-05-25", [("Oleh Syniehubov", "The governor said two people were killed in Kupiansk "
                                                       "by the strike.")])
    c = article("c", "2024-05-25", [("Oleh Syniehubov", "The governor said a strike on Kupiansk injured a man.")])
    assert [r.relation for r in relations(a, b)] == ["corroborates"]
    assert relations(a, c) == []  # no shared toll, no stated day: maybe another strike


def test_relations_of_undated_claims_stay_inside_one_story():
    a = article("a", None, [(RU, "The ministry said its forces had captured Lyptsi.")])
    b = article("b", None, [(UA, "The staff said the enemy assault on Lyptsi was repelled.")])
    docs = [a, b]
    apart = relate(claim_views(docs, Registry.load(), story_of={a.id: "s1", b.id: "s2"}))
    together = relate(claim_views(docs, Registry.load(), story_of={a.id: "s1", b.id: "s1"}))
    assert apart == [] and [r.type for r in together] == ["control disputed"]


def test_relations_military_and_civilian_accounts_of_one_strike_conflict():
    a = article("a", "2024-05-20", [(UA, "The staff said a missile strike on Kupiansk on Sunday hit a residential "
                                         "building and killed two civilians.")])
    b = article("b", "2024-05-20", [(RU, "The ministry said a strike on Kupiansk on Sunday hit an ammunition depot "
                                         "and no civilians were harmed.")])
    (rel,) = relations(a, b)
    assert (rel.relation, rel.type) == ("contradicts", "target conflict")


@pytest.mark.parametrize("a, b", [
    # strikes need their day across articles
    (("2024-05-20", UA, "The staff said a missile strike on Kupiansk killed two people."),
     ("2024-05-20", UA, "The staff said the strike on Kupiansk killed five people.")),
    # the same time window
    (("2024-05-01", RU, "The ministry said its forces had captured Lyptsi."),
     ("2024-06-20", UA, "The staff said the enemy assault on Lyptsi was repelled.")),
    # different settlements
    (("2024-05-20", RU, "The ministry said its forces had captured Lyptsi."),
     ("2024-05-20", UA, "The staff said the enemy assault on Vovchansk was repelled.")),
])
def test_relations_need_one_place_and_time(a, b):
    (day_a, speaker_a, text_a), (day_b, speaker_b, text_b) = a, b
    assert relations(article("a", day_a, [(speaker_a, text_a)]), article("b", day_b, [(speaker_b, text_b)])) == []


def test_relations_later_higher_toll_is_an_update_and_a_lower_one_a_conflict():
    a = article("a", "2024-05-20", [(UA, "The staff said a missile strike on Kupiansk on Sunday killed two people.")])
    b = article("b", "2024-05-20", [(UA, "The staff said the strike on Kupiansk on Sunday killed five people.")])
    (rel,) = relations(a, b)
    assert (rel.relation, rel.type) == ("corroborates", "update")
    c = article("c", "2024-05-20", [(RU, "The ministry said a strike on Kupiansk on Sunday killed nine people.")])
    assert {r.type for r in relations(a, c)} == {"quantity conflict"}


def test_relations_many_copies_make_no_more_relations():
    a = article("a", "2024-05-20", [(RU, "The ministry said its forces had captured Lyptsi.")])
    b = article("b", "2024-05-21", [(UA, "The staff said the enemy assault on Lyptsi was repelled.")])
    copies = [article(f"copy{k}", "2024-05-21", [(UA, "The staff said the enemy assault on Lyptsi was repelled.")],
                      outlet=f"Site {k}") for k in range(20)]
    result = analyze([a, b, *copies])
    assert len(result.relations) == 1
    group = next(g for g in result.claim_groups if b.claims[0].id in g.claims)
    assert len(group.copies) == 20


def test_relations_fold_copies_keeps_the_first_claim():
    a = article("a", "2024-05-20", [(UA, "The staff said the enemy assault on Lyptsi was repelled.")])
    b = article("b", "2024-05-20", [(UA, "The staff said the enemy assault on Lyptsi was repelled.")], outlet="Copy")
    views = claim_views([a, b], Registry.load(), {a.id: a.id, b.id: a.id})
    (kept,) = fold_copies(views)
    assert kept.copies == [b.claims[0].id]


def test_relations_sub_units_fold_into_their_parent_body():
    claim = Claim("x:c1", UA, "said", Span(0, 1), "", speaker_kind="organization")
    assert originating_source(claim, Registry.load()) == "Armed Forces of Ukraine"
    anonymous = Claim("x:c2", "source in the military", "said", Span(0, 1), "", speaker_kind="unnamed",
                      via=("TASS",))
    assert originating_source(anonymous, Registry.load()) == "TASS"


def test_relations_groups_carry_status():
    a = article("a", "2024-05-20", [(RU, "The ministry said its forces had captured Lyptsi.")])
    b = article("b", "2024-05-21", [(UA, "The staff said the enemy assault on Lyptsi was repelled.")])
    views = claim_views([a, b], Registry.load())
    groups = claim_groups(views, relate(views))
    assert {g.status for g in groups} == {"contested"}
    assert all(g.proposition["place"] == "Lyptsi" for g in groups)


def test_relations_no_capture_of_a_region_denies_no_advance_in_it():
    ru = article("a", "2024-05-20", [(RU, "The ministry said Russian troops advanced in the Kharkiv Oblast.")])
    ua = article("b", "2024-05-20", [(UA, "The staff said Russian troops did not capture anything in the Kharkiv Oblast.")])
    assert not [r for r in relations(ru, ua) if r.relation == "contradicts"]


def test_relations_a_relay_of_a_ministry_claim_is_the_ministrys_and_a_denial_contradicts_it(tmp_path):
    from sitroom.config import load_settings
    from sitroom.process import process

    texts = {
        "a1.txt": "Russia says it captured Novohrodivka\n\nRussia's Defence Ministry said on Tuesday that its forces "
                  "had captured the town of Novohrodivka in Ukraine's Donetsk region.",
        "a2.txt": "Ukraine denies loss of Novohrodivka\n\nUkraine's General Staff said on Tuesday that its troops were "
                  "still holding positions in Novohrodivka and denied Russian claims that the town had been captured.",
        "a3.txt": "Capture claimed\n\nRussian forces have captured the town of Novohrodivka in the Donetsk region, the "
                  "Russian Defence Ministry said on Tuesday, according to the state news agency TASS.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = load_settings(env={})
    from sitroom.process import read
    articles = [a for a in process(read([tmp_path], settings), settings) if isinstance(a, Article)]
    result = analyze(articles)
    kinds = {(r.relation, r.independent) for r in result.relations}
    assert ("corroborates", False) in kinds  # the ministry and its relay through TASS: one source
    assert ("contradicts", True) in kinds    # the General Staff's denial
    assert ("corroborates", True) not in kinds


@pytest.mark.parametrize("text, kind, value", [
    ("the death toll from the strike on the city has risen to nine, the governor said", "killed", 9),
    ("the number of injured rose to 21 by the evening", "injured", 21),
    ("the toll now stands at 14", "killed", 14),
])
def test_quantities_a_toll_told_as_a_level_reached(text, kind, value):
    assert {q.unit: q.value for q in find_quantities(text)}.get(kind) == value


def test_quantities_victims_are_not_counted_as_dead():
    assert "killed" not in {q.unit for q in find_quantities("the number of victims has increased to 11")}


@pytest.mark.parametrize("text, target", [
    ("its forces struck a plant that was assembling drones for the ukrainian army", "military"),
    ("the strike hit a defence industry enterprise", "military"),
    ("the strike hit a residential neighbourhood next to the industrial zone", "civilian"),
])
def test_phrasing_what_a_strike_hit(text, target):
    from sitroom.link.phrasing import strike_target

    assert strike_target(text) == target


def test_relations_each_side_holding_the_same_town_is_a_contradiction():
    a = article("a", "2024-08-08", [(RU, "The ministry said Lyptsi remained under Russian control.")])
    b = article("b", "2024-08-09", [(UA, "The staff said Ukrainian forces had taken full control of Lyptsi.")])
    (rel,) = relations(a, b)
    assert (rel.relation, rel.type) == ("contradicts", "held by both")


def test_propositions_an_attempt_to_seize_is_no_capture():
    found = props(article("s", "2024-05-20", [(UA, "The staff said that in an attempt to seize Lyptsi, Russia moved "
                                                   "reserves from other sectors.")]))
    assert not [p for p in found if p[0] == "captured"]
