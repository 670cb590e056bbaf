"""Claim extraction on fresh sentences: one test per construction."""

import pytest

from sitroom.clean import clean
from sitroom.clean.metadata import titles
from sitroom.extract.claims import claims
from sitroom.extract.entities import entities
from sitroom.extract.parse import make_parse_stage
from sitroom.model import Article, RemovedLine
from sitroom.pipeline import Pipeline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extract():
    pipeline = Pipeline([clean, titles, make_parse_stage(), entities, claims])

    def _run(text):
        article = pipeline(Article("t.txt", text))
        return [(c.speaker, tuple(c.via), c.quote, c.cue, c) for c in article.claims], article

    return _run


def speakers(found):
    return [f[0] for f in found]


def test_claims_reporting_verb_with_that_clause(extract):
    found, article = extract("The Ukrainian General Staff said on Tuesday that three assaults near the river were repelled.")
    assert speakers(found) == ["General Staff of the Armed Forces of Ukraine"]
    claim = found[0][4]
    assert article.body[claim.cue_span.start:claim.cue_span.end] == "said"
    assert "assaults near the river were repelled" in article.body[claim.content_span.start:claim.content_span.end]


def test_claims_direct_quote_straight_and_curly(extract):
    found, _ = extract('Vladimir Putin said: "The operation goes to plan." The Kremlin added nothing.')
    assert found[0][0] == "Vladimir Putin" and found[0][2] == "The operation goes to plan."
    found, _ = extract("“We will hold the bridge,” Volodymyr Zelenskyy said on Monday.")
    assert found[0][0] == "Volodymyr Zelenskyy" and found[0][2] == "We will hold the bridge,"


def test_claims_split_quote_with_he_added_goes_to_previous_person(extract):
    text = ('Igor Konashenkov stated that "units were regrouped to the south." '
            '"The move took two days. It was planned in advance," he added.')
    found, _ = extract(text)
    assert speakers(found) == ["Igor Konashenkov", "Igor Konashenkov"]
    assert found[1][2] == "The move took two days. It was planned in advance,"


def test_claims_according_to(extract):
    found, _ = extract("According to Reuters, the convoy crossed the border at dawn.")
    assert speakers(found) == ["Reuters"] and found[0][3] == "according to"
    found, _ = extract("According to statements by the Russian Defence Ministry, two villages were taken.")
    assert speakers(found) == ["Ministry of Defence of Russia"]


def test_claims_as_noted_by_agent(extract):
    found, _ = extract("As noted by The Washington Post on Friday, the offensive could stall within weeks.")
    assert speakers(found) == ["The Washington Post"]


def test_claims_participial_cue_keeps_main_subject(extract):
    found, _ = extract('NATO chief Mark Rutte spoke in Brussels, stating, "Our support will continue."')
    assert speakers(found) == ["Mark Rutte"]


def test_claims_citing_source_through_outlet(extract):
    found, _ = extract("TASS reported, citing a source in the security services, that a depot had been destroyed.")
    assert found[0][0] == "source in the security services" and found[0][1] == ("TASS",)


def test_claims_told_outlet_is_via(extract):
    found, _ = extract("A Ukrainian commander told Reuters that the line was holding.")
    assert found[0][1] == ("Reuters",)


def test_claims_impersonal_passive_continues_previous_speaker(extract):
    text = ("The Russian Defence Ministry said the assault had begun. "
            "It was also suggested that reserves might be moved north.")
    found, _ = extract(text)
    assert speakers(found) == ["Ministry of Defence of Russia", "Ministry of Defence of Russia"]


def test_claims_unnamed_sources_keep_their_description(extract):
    found, _ = extract("Analysts note that the front has barely moved. Local reports have emerged of shelling near the dam.")
    assert speakers(found) == ["analysts", "local reports"]


def test_claims_pronoun_and_description_resolution(extract):
    text = ("John Kirby spoke on Monday. He warned that an assault could come within days. "
            "The Department of Strategic Communications said reserves were moving. The department noted that "
            "roads were under fire.")
    found, _ = extract(text)
    assert speakers(found) == ["John Kirby", "Department of Strategic Communications of the Armed Forces of Ukraine",
                               "Department of Strategic Communications of the Armed Forces of Ukraine"]


def test_claims_metonym_speaker_is_the_government(extract):
    found, _ = extract("Kiev accused Moscow of shelling a hospital in the city centre.")
    assert speakers(found) == ["Government of Ukraine"]


def test_claims_attribution_tag_adds_via_for_its_speaker_only(extract):
    text = ("The Russian Defence Ministry claimed the capture of a village. The regional governor, Oleh Syniehubov, "
            "said shelters were open [Oleh Syniehubov statement; attribution: Ukrinform].")
    found, _ = extract(text)
    by_speaker = {f[0]: f[1] for f in found}
    assert by_speaker["Ministry of Defence of Russia"] == ()
    assert by_speaker["Oleh Syniehubov"] == ("Ukrinform",)


def test_claims_negation_and_hedging_flags(extract):
    found, _ = extract("The mayor said there was no plan to evacuate the city. Officials warned that strikes may resume.")
    mayor, officials = found[0][4], found[1][4]
    assert mayor.negated and not mayor.hedged
    assert officials.hedged


def test_claims_passive_addressee_is_not_a_speaker(extract):
    found, _ = extract("Residents are urged to follow official channels and to stay in shelters.")
    assert found == []


def test_claims_headline_and_repeated_paragraph_are_not_evidence(extract):
    text = ("Minister says bridge is safe\n\n"
            "The defence minister said on Monday that the bridge was safe and open to traffic, despite shelling.\n\n"
            "Minister says bridge is safe")
    found, _ = extract(text)
    assert len(found) == 1


def test_claims_ids_unique_and_evidence_within_body(extract):
    found, article = extract("Analysts note that the front is static. The mayor said the city was calm.")
    ids = [f[4].id for f in found]
    assert len(set(ids)) == len(ids) == 2 and all(i.startswith(article.id) for i in ids)
    assert all(0 <= f[4].evidence.start < f[4].evidence.end <= len(article.body) for f in found)


@pytest.mark.parametrize("text, expected", [
    # a regional body named by its level belongs to the article's oblast
    ("Shelling hit two villages near Kupiansk in the Kharkiv region overnight, the regional prosecutor's office said.",
     "Kharkiv Oblast Prosecutor's Office"),
    # an unqualified defence ministry belongs to the side that has been speaking
    ("Russia said on Monday it had taken a village near Kupiansk. The defence ministry said its units had advanced.",
     "Ministry of Defence of Russia"),
    # a surname alone is the person named in full before
    ("Ivan Hordiienko, a Ukrainian brigade commander, spoke on Friday. \"The line holds,\" Hordiienko said.",
     "Ivan Hordiienko"),
    # analysts of a named institute speak for it
    ("ISW analysts assessed that the offensive had stalled near the border.", "Institute for the Study of War"),
    # channels on a platform are not the platform speaking
    ("Several Ukrainian Telegram channels reported that the bridge had been hit.", "Ukrainian Telegram channels"),
    # an outlet named with its kind
    ('The "Unian" agency reported that two drones had been shot down.', "UNIAN"),
    # a title before a name: the person speaks, not the office
    ("Head of the Kharkiv Regional Military Administration Oleh Syniehubov said two people were injured.",
     "Oleh Syniehubov"),
])
def test_claims_descriptions_made_specific_from_the_article(extract, text, expected):
    found, _ = extract(text)
    assert speakers(found)[-1] == expected


def test_claims_first_name_alone_is_no_known_person(extract):
    found, article = extract("Viktor Hrebeniuk, a local official, said the bridge was closed.")
    assert speakers(found) == ["Viktor Hrebeniuk"] and not any("Orban" in a.canonical for a in article.actors)


@pytest.mark.parametrize("outlet, meta, removed, body, wire", [
    ("Daily Paper", {"dateline_outlet": "Reuters"}, (), "Troops advanced, the ministry said.", "Reuters"),
    ("Daily Paper", {}, (RemovedLine("— AP", "credit", 12),), "Troops advanced, the ministry said.", "Associated Press"),
    ("Daily Paper", {}, (RemovedLine("(Reporting by A. Writer; Editing by B. Editor)", "credit", 12),),
     "Troops advanced.", "Reuters"),
    ("Daily Paper", {}, (), "Moscow says its forces entered the town, BBC reports.\n\nMore text here.", "BBC"),
    ("Daily Paper", {}, (), "Troops advanced, the staff said. (Reporting by A. Writer; Editing by B. Editor)",
     "Reuters"),
    ("TASS", {"dateline_outlet": "TASS"}, (), "Troops advanced, the ministry said.", None),  # the publisher itself
    ("Daily Paper", {}, (), "Published 2 hours ago\nAFP\nTroops advanced, the ministry said.", "Agence France-Presse"),
    ("Daily Paper", {}, (), "Troops advanced, the ministry said.\nAFP officials visited the front.", None),
])
def test_claims_wire_copy_is_every_claims_relay(outlet, meta, removed, body, wire):
    from sitroom.extract.voices import wire_of
    from sitroom.kb.registry import Registry

    article = Article("t.txt", body, body=body, outlet=outlet, meta=meta, removed=removed)
    assert wire_of(article, Registry.load()) == wire


def test_claims_content_in_the_sentence_before(extract):
    found, article = extract("Russian troops shelled three border villages overnight.\n\n"
                             "Ukrainian Telegram channels reported on this.\n\n"
                             "The staff's assessment of the front was bleak.\n\n"
                             "This is stated in a report by the Institute for the Study of War.")
    evidence = {f[0]: article.body[f[4].evidence.start:f[4].evidence.end] for f in found}
    assert evidence["Ukrainian Telegram channels"].startswith("Russian troops shelled")
    assert evidence["Institute for the Study of War"].startswith("The staff's assessment")


def test_claims_labelled_quote_runs_over_paragraphs(extract):
    found, _ = extract("Cars burned in Kupiansk\n\nPolice described a quiet night that ended in a fire near the "
                       "station.\n\nSource: the regional police\n\nQuote: \"Two cars were burned on Monday.\n\n"
                       "The driver was not hurt.\"\n\nThe mayor visited the site later.")
    quoted = [(f[0], f[2]) for f in found if f[3] == "quote"]
    assert quoted == [("regional police", "Two cars were burned on Monday."),
                      ("regional police", "The driver was not hurt.")]


@pytest.mark.parametrize("text, speaker, via", [
    ("\u201cThe bridge will not hold,\u201d said Petro Lysenko, a district official, Interfax reported.",
     "Petro Lysenko", ["Interfax"]),
    ("The regional governor said two villages were shelled overnight, TASS reported.", None, ["TASS"]),
])
def test_claims_a_medium_reporting_a_speakers_words_is_the_relay(extract, text, speaker, via):
    found, _ = extract(text)
    assert len(found) == 1 and list(found[0][1][:1]) == via
    assert speaker is None or found[0][0] == speaker


def test_claims_a_body_that_speaks_is_an_organisation_of_the_article(extract):
    _, article = extract("Ukrainian troops held the line near the river. The Ukrainian military said two "
                         "assaults were repelled overnight. Kyiv said more aid was needed.")
    bodies = {e.canonical: e for e in article.entities if e.label == "organization"}
    assert "Armed Forces of Ukraine" in bodies and bodies["Armed Forces of Ukraine"].mentions
    assert not any(name.startswith("Government of") for name in bodies)  # a capital speaking is metonymy


def test_claims_a_named_speaker_the_tagger_missed_is_a_person(extract):
    _, article = extract('"The enemy is taking positions on the streets," Oleksiy Kharkivskiy, the patrol police '
                         'chief, said on Facebook. Residents left the town.')
    persons = [e.canonical for e in article.entities if e.label == "person"]
    assert persons == ["Oleksii Kharkivskyi"]


def test_claims_stated_by_a_titled_person_is_the_person(extract):
    found, _ = extract("The brigade holds the bridge. This was stated by the Commander of the Armed Forces of Ukraine "
                       "Oleksandr Syrskyi during a briefing.")
    assert speakers(found) == ["Oleksandr Syrskyi"]


def test_claims_a_role_resolves_to_the_name_given_that_role_later(extract):
    found, _ = extract("Russian forces were taking positions inside the town and fighting there was intense, the local "
                       'police chief said.\n\n"The situation is difficult," Oleksiy Kharkivskiy, the town\'s patrol '
                       "police chief, said.")
    assert speakers(found)[0] == speakers(found)[1] == "Oleksii Kharkivskyi"


def test_claims_two_speakers_in_one_sentence_keep_their_own_clauses(extract):
    found, article = extract("Reports indicate that the brigade lost two tanks near the river, while Russian "
                             "bloggers claimed that the whole battalion had been routed.")
    spans = {f[0]: article.body[f[4].evidence.start:f[4].evidence.end] for f in found}
    assert spans["reports"].endswith("near the river") and "routed" not in spans["reports"]
    assert spans["Russian bloggers"].startswith("while Russian bloggers claimed")


def test_claims_a_relay_in_one_clause_stays_one_piece(extract):
    found, article = extract("As the agency reported, the ministry claimed that three villages were taken.")
    assert len({(f[4].evidence.start, f[4].evidence.end) for f in found}) == 1


def test_claims_split_keeps_a_claim_whose_content_lies_outside_its_clause():
    from sitroom.extract.claims import Draft, _split_at_clauses
    from sitroom.model import Span

    body = "The mayor said, and the governor claimed that the bridge stood, that the city was calm."
    sentence = Span(0, len(body))
    mayor = Draft("mayor", "unnamed", "said", sentence, "that the city was calm.", speaker_span=Span(4, 9),
                  cue_span=Span(10, 14), content_span=Span(body.index("that the city"), len(body)))
    governor = Draft("governor", "unnamed", "claimed", sentence, "that the bridge stood",
                     speaker_span=Span(24, 32), cue_span=Span(33, 40),
                     content_span=Span(body.index("that the bridge"), body.index(", that the city")))
    _split_at_clauses([mayor, governor], body)  # must not fail on the mayor's content past the joint
    assert mayor.sentence.end == len(body) and "city was calm" in mayor.content
    assert "bridge stood" in governor.content


def test_claims_a_pronoun_after_a_name_the_entities_missed_is_that_speaker(extract):
    found, _ = extract("Maria Lopez said the shelter was full. She said the town needed drinking water.")
    assert speakers(found) == ["Maria Lopez", "Maria Lopez"]


def test_claims_a_local_with_a_famous_surname_is_not_the_famous_one(extract):
    found, _ = extract("Peter Novak, a farmer near Izium, said the field behind his house was mined.")
    assert speakers(found) == ["Peter Novak"]


def test_claims_said_with_a_colon_speaks_the_quotation_below(extract):
    found, article = extract('Water is back in Kupiansk\n\nThe mayor of Kupiansk said:\n\n'
                             '"We have water again. The pumps will hold."\n\nRepairs went on overnight.')
    assert speakers(found) == ["mayor of Kupiansk"]
    assert "The pumps will hold." in article.span_text(found[0][4].evidence)


def test_claims_said_with_a_colon_and_no_quotation_claims_nothing_of_the_next_line(extract):
    found, _ = extract("Repairs in Kupiansk\n\nThe mayor said:\n\nRepairs went on overnight near the station.")
    assert speakers(found) == []


@pytest.mark.parametrize("text, speaker", [
    ("The railway operator said that two stations near Kupiansk were closed.", "railway operator"),
    ("A 60-year-old woman said the shelling lasted until dawn.", "60-year-old woman"),
    ("The governor said after the night's attack the town would need new generators.", "governor"),
    ("The bridge, the ministry said, had been hit twice before noon.", "ministry"),
])
def test_claims_described_speakers_clauses_without_that_and_parentheticals(extract, text, speaker):
    found, _ = extract("Reports from the region\n\n" + text)
    assert speakers(found) == [speaker]


def test_claims_reportedly_is_told_on_unnamed_reports(extract):
    found, _ = extract("Night in Kharkiv\n\nFive people reportedly suffered from shock after the drone attack.")
    assert [(f[0], f[3]) for f in found] == [("reports", "reportedly")]
    found, _ = extract("Night in Kharkiv\n\nThe governor said five people reportedly suffered from shock.")
    assert speakers(found) == ["governor"]  # a named source keeps the claim


def test_claims_in_a_digest_other_voices_come_through_its_source(extract):
    text = ("Key Takeaways from the ISW:\n\n"
            "• US officials reportedly assess that Russia is buying shells abroad.\n"
            "• Russian forces likely advanced near Lyptsi.")
    found, _ = extract("Daily assessment\n\n" + text)
    by_speaker = {f[0]: f[1] for f in found}
    assert by_speaker["US officials"] == ("Institute for the Study of War",)
    assert by_speaker["Institute for the Study of War"] == ()


def test_claims_a_sideless_ministry_that_speaks_for_one_side_is_that_sides(extract):
    _, article = extract("Villages in the north\n\nRussia said on Saturday it had taken four villages near the "
                         "border. The defence ministry said its troops had liberated the villages after heavy fighting.")
    orgs = {e.canonical for e in article.entities if e.label == "organization"}
    assert "Ministry of Defence" not in orgs


@pytest.mark.parametrize("text, body", [
    ("Ihor Petrenko, the head of the Kharkiv regional police, said the road was closed.",
     "Main Directorate of the National Police in Kharkiv Oblast"),
    ("The Sumy Oblast prosecutor's office said two men were wounded in Sumy Oblast.", "Sumy Oblast Prosecutor's Office"),
])
def test_claims_an_oblasts_branch_of_a_national_body_is_named_as_ukraine_names_it(extract, text, body):
    _, article = extract("News from the region\n\n" + text)
    assert body in {e.canonical for e in article.entities if e.label == "organization"}


def test_claims_a_stance_among_a_group_is_that_groups_claim(extract):
    found, _ = extract("Worries at the front\n\nThere are concerns among Ukrainian commanders about what could "
                       "happen if the river crossing is lost.")
    assert speakers(found) == ["Ukrainian commanders"]


@pytest.mark.parametrize("sentence, speaker", [
    ("Officials are confident that the line near Lyptsi will hold.", "officials"),
    ("The governor was worried the dam could fail within days.", "governor"),
])
def test_claims_a_stance_stated_with_an_adjective_is_a_claim(extract, sentence, speaker):
    found, _ = extract("Along the front\n\n" + sentence)
    assert speakers(found) == [speaker]


def test_claims_according_to_inside_a_quotation_is_the_quoted_speakers(extract):
    found, _ = extract('Toll rises\n\n"According to updated data, two people died. The fire covered 3,000 square '
                       'metres," the governor said.')
    assert speakers(found) == ["governor"]


@pytest.mark.parametrize("sentence, speaker", [
    ("The plant's chief engineer says that the turbines were not damaged.", "plant's chief engineer"),
    ("A local schoolteacher wrote that the shelling had stopped by noon.", "local schoolteacher"),
    ("A retired colonel told reporters that the bridge could not carry tanks.", "retired colonel"),
])
def test_claims_a_described_subject_the_article_does_not_name_speaks(extract, sentence, speaker):
    found, _ = extract("Along the river\n\n" + sentence)
    assert speakers(found) == [speaker]


@pytest.mark.parametrize("sentence", [
    "A reporter asked whether the bridge would reopen.",
    "Supply teams reported delays on the northern road.",
])
def test_claims_a_described_subject_asking_or_reporting_no_clause_claims_nothing(extract, sentence):
    found, _ = extract("Along the river\n\n" + sentence)
    assert found == []


def test_claims_a_verb_inside_the_quotation_is_not_the_frame(extract):
    found, _ = extract('Night shelling\n\nMaria Hrytsenko runs the shelter. "I still believe the walls will hold," '
                       "she said.")
    assert [(f[0], f[3]) for f in found] == [("Maria Hrytsenko", "said")]


def test_claims_a_country_outside_the_registry_speaks_through_its_government(extract):
    found, _ = extract("Shipping talks\n\nChile said that the vessel would be inspected in port.")
    assert speakers(found) == ["Government of Chile"]


@pytest.mark.parametrize("sentence, speaker, content", [
    ("The ministry called the report unsubstantiated and fabricated.", "ministry", "the report unsubstantiated and fabricated"),
    ("Separatist leaders branded the mayor a traitor.", "separatist leaders", "the mayor a traitor"),
])
def test_claims_naming_something_as_something_is_a_judgement_claimed(extract, sentence, speaker, content):
    found, article = extract("Along the river\n\n" + sentence)
    assert [f[0].lower() for f in found] == [speaker]
    claim = found[0][4]
    assert article.body[claim.content_span.start:claim.content_span.end] == content


def test_claims_naming_someone_to_a_place_is_no_claim(extract):
    found, _ = extract("Along the river\n\nThe governor called residents to the shelters.")
    assert found == []


def test_claims_citing_a_reason_keeps_the_speaker(extract):
    found, _ = extract("Along the river\n\nThe Ukrainian General Staff said the corridor stayed closed, citing "
                       "the danger of mines on the road.")
    assert speakers(found) == ["General Staff of the Armed Forces of Ukraine"]


@pytest.mark.parametrize("text, speaker", [
    ("The shelter was full by nine. “Where are we supposed to go now?” a volunteer asked. Nobody answered.",
     "volunteer"),
    ('The water kept rising. "Is this the end?" Petro Kovalenko said, looking at the river.', "Petro Kovalenko"),
])
def test_claims_a_frame_alone_speaks_the_quotation_cut_off_before_it(extract, text, speaker):
    found, _ = extract("Along the river\n\n" + text)
    assert speakers(found) == [speaker]
    assert found[0][4].quote.strip("\"“”").startswith(("Where", "Is this"))


def test_claims_a_frame_after_a_quotation_already_framed_is_not_repeated(extract):
    found, _ = extract('Along the river\n\n"The dam will hold," the engineer said. Later that day the governor '
                       "said nothing more.")
    assert speakers(found) == ["engineer"]


def test_claims_the_statement_speaks_for_whoever_spoke_just_before(extract):
    found, _ = extract('Along the river\n\nThe regional governor said the dam was intact. "Repairs will take a week," '
                       "the statement said.")
    assert speakers(found) == ["regional governor", "regional governor"]


@pytest.mark.parametrize("sentence, speaker", [
    ("The DeepState monitoring group said Russian forces had advanced near Toretsk.", "DeepState"),
    ("The Russian defence ministry statement said troops had advanced near Toretsk.", "Ministry of Defence of Russia"),
    ("A Kyiv-based analyst said the front near Toretsk was holding.", "Kyiv-based analyst"),
])
def test_claims_a_body_named_in_front_of_its_description_speaks(extract, sentence, speaker):
    found, _ = extract("Along the front\n\n" + sentence)
    assert speakers(found) == [speaker]


def test_claims_an_outlet_quoting_a_speaker_as_saying_is_the_relay(extract):
    found, _ = extract("Air defence\n\nInterfax news agency quoted the Russian defence ministry as saying that three "
                       "missiles were intercepted over Crimea.")
    assert [(f[0], f[1]) for f in found] == [("Ministry of Defence of Russia", ("Interfax",))]


def test_claims_a_speaker_said_according_to_an_agency_is_the_speakers_through_the_agency(extract):
    found, _ = extract("Front update\n\nRussian forces have captured the town of Novohrodivka in the Donetsk region, the "
                       "Russian Defence Ministry said on Tuesday, according to the state news agency TASS.")
    assert [(f[0], f[1]) for f in found] == [("Ministry of Defence of Russia", ("TASS",))]


def test_claims_the_short_name_of_a_body_that_spoke_is_that_body(extract):
    found, _ = extract('Front update\n\nUkraine\'s General Staff said its troops held Novohrodivka. "The enemy\'s '
                       'claims are false," the General Staff said.')
    assert speakers(found) == ["General Staff of the Armed Forces of Ukraine"] * 2


@pytest.mark.parametrize("sentence", [
    "Ukraine's General Staff declined to comment on the operation.",
    "Dmitry Peskov did not respond to a request for comment.",
    "The ministry has yet to confirm the report.",
])
def test_claims_declining_to_comment_says_nothing(extract, sentence):
    found, _ = extract("No comment\n\n" + sentence)
    assert found == []


def test_claims_share_of_a_group_speaks_for_the_group(extract):
    found, _ = extract("The institute polled 1,800 adults in May. Seven in 10 Ukrainians say they reject a ceasefire "
                       "that cedes land.")
    assert [(f[0], f[4].speaker_kind) for f in found] == [("Ukrainians", "unnamed")]
    found, _ = extract("About half of the displaced residents said they would go back once the shelling stopped.")
    assert [(f[0], f[4].speaker_kind) for f in found] == [("displaced residents", "unnamed")]
    found, _ = extract("In the survey, 62 percent of respondents said the front had held. Another 20 percent said "
                       "it had moved west.")
    assert speakers(found) == ["respondents", "respondents"]


def test_claims_a_number_alone_speaks_only_in_a_poll(extract):
    found, _ = extract("Four soldiers were wounded in the shelling. Two said the shelter had been hit twice.")
    assert found == []


def test_claims_participle_speaks_for_the_subject_of_its_verb(extract):
    found, _ = extract("The governor toured the damaged school on Friday, saying the strike had hit classrooms.")
    assert speakers(found) == ["governor"]
    found, _ = extract("The regional governor answered critics by saying the shelters had been inspected in May.")
    assert speakers(found) == ["regional governor"]


def test_claims_participle_after_a_reported_clause_is_not_its_subject(extract):
    found, _ = extract("The ministry said the troops advanced near the village, claiming the defenders had fled.")
    assert all(f[0] != "troops" for f in found) and "ministry" in speakers(found)[0].lower()


def test_claims_she_and_he_skip_people_of_the_other_gender(extract):
    found, _ = extract("The talks ended late. Maria Zakharova spoke to reporters after Sergei Lavrov left. She said the "
                       "talks had failed.")
    assert speakers(found) == ["Maria Zakharova"]
    found, _ = extract("The visit was brief. Mayor Ihor Terekhov met Ms Jane Doe at the station. He said the metro "
                       "would reopen on Monday.")
    assert speakers(found) == ["Ihor Terekhov"]


def test_claims_she_with_no_woman_named_is_nobody(extract):
    found, _ = extract("The visit was brief. Oleh Syniehubov met Dmytro Chubenko at the hospital. She said the ward "
                       "had been moved.")
    assert found == []


def test_claims_they_after_a_group_is_the_group(extract):
    found, _ = extract("Local residents said the bridge had been hit at dawn. They added that the ferry still ran.")
    assert speakers(found) == ["local residents", "local residents"]


def test_claims_a_dateline_is_not_the_speaker(extract):
    found, _ = extract("Warsaw sends troops east\nWARSAW -- Defence Minister Jan Nowak, speaking at a base near the "
                       "border on Friday, said two more battalions would move east.")
    assert all("Poland" not in f[0] and "Warsaw" not in f[0] for f in found)
    assert speakers(found) == ["Jan Nowak"]


def test_claims_words_quoted_before_the_frame_are_not_its_subject(extract):
    found, _ = extract("The governor spoke on local television. “My reaction was anger, pure anger,” the regional "
                       "governor said in an interview.")
    assert speakers(found) == ["regional governor"]


def test_claims_the_main_clause_frames_a_speaker_before_an_aside(extract):
    found, _ = extract("Vladimir Putin, who called the “special operation” a success, said the army would press on.")
    assert [(f[0], f[3]) for f in found] == [("Vladimir Putin", "said")]


def test_claims_a_relative_clause_speaker_is_written_as_its_pronoun(extract):
    found, article = extract("The strike was condemned by local officials, who said the school had been empty.")
    claim = found[0][4]
    assert found[0][0] == "local officials" and article.body[claim.speaker_span.start:claim.speaker_span.end] == "who"


def test_claims_a_claim_reported_inside_another_is_the_reporters(extract):
    found, _ = extract("The regional governor said the Russian ministry had admitted losses near the river.")
    assert speakers(found) == ["regional governor"]


def test_claims_an_aside_inside_a_claim_keeps_its_own_speaker(extract):
    found, _ = extract("The commander warned that the situation was tense on the eastern front, where Russia says "
                       "its forces have advanced.")
    assert set(speakers(found)) == {"commander", "Government of Russia"}


def test_claims_a_transcript_turn_is_its_speakers_statement(extract):
    text = ("Interview with the governor\nThe host, Anna Koval, spoke to Governor Oleh Syniehubov on Sunday.\n"
            "SYNIEHUBOV: Forty-two shelters are open. Three more will open tomorrow.\n"
            "Kharkiv: Two people were injured in the night strike.\nNote: This interview was edited for length.")
    found, article = extract(text)
    assert [(f[0], f[3]) for f in found] == [("Oleh Syniehubov", ":")]
    claim = found[0][4]
    assert article.body[claim.evidence.start:claim.evidence.end].endswith("Three more will open tomorrow.")


def test_claims_a_label_line_with_nothing_after_its_colon_is_no_turn(extract):
    found, article = extract("Interview with the governor\nThe host, Anna Koval, spoke to Governor Oleh Syniehubov.\n"
                             "SYNIEHUBOV:\n\nThe campaign says the city is calm.")
    assert not article.errors
    assert [f[3] for f in found] == ["says"]
