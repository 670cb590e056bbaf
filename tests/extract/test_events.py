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
