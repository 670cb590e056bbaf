"""Russian and Ukrainian text read in its own language (sitroom.extract.cyrillic).

The sentences are written for these tests: short reports of the kind a ministry, a governor or an
agency posts, with names in oblique cases. Each checks what an analyst would read off the output:
canonical English names, the speaker, the development and its day.
"""

import pytest

from sitroom.config import load_settings
from sitroom.extract import cyrillic
from sitroom.extract.cyrillic.parse import parse as natasha_parse
from sitroom.kb import KB
from sitroom.model import Article
from sitroom.process import build_pipeline

pytestmark = pytest.mark.slow  # natasha's and pymorphy3's models


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(load_settings(env={}))


def run(pipeline, text: str, published: str = "2024-06-03", **meta) -> Article:
    return pipeline(Article(source="<test>", raw_text=text, meta={"published": published, **meta}))


def places(article: Article) -> set[str]:
    return {e.canonical for e in article.entities if e.label == "location"}


def labels(pipeline, text: str) -> dict[str, str]:
    """Each name sitroom reads in ``text``, with the label it gives it."""
    return {t.span.text: t.label for t in cyrillic.typed_mentions(run(pipeline, text), KB.load())}


def people(article: Article) -> set[str]:
    return {e.canonical for e in article.entities if e.label == "person"}


@pytest.mark.parametrize(("text", "language", "place"), [
    ("Вечером беспилотники атаковали энергетический объект в Харькове, сообщили местные власти.", "ru", "Kharkiv"),
    ("Увечері безпілотники атакували енергетичний об'єкт у Харкові, повідомили місцеві власті.", "uk", "Kharkiv"),
    ("Ночью ракета попала в жилой дом в Запорожье, рассказали спасатели.", "ru", "Zaporizhzhia"),
    ("Сили оборони утримують позиції поблизу Куп'янська, заявили військові.", "uk", "Kupiansk"),
    ("Бои продолжаются у Волчанска, передают местные журналисты.", "ru", "Vovchansk"),
    ("Обстріл Нікополя тривав усю ніч, повідомили в міській раді.", "uk", "Nikopol"),
    ("Над Курской областью сбиты три беспилотника, заявили в региональном правительстве.", "ru", "Kursk Oblast"),
    ("Над Курською областю збили три безпілотники, повідомили в регіоні.", "uk", "Kursk Oblast"),
    # a world city over a small home namesake (a Donbas town is also called so), a home town of 80,000 not
    ("Постпред выступил на заседании в Нью-Йорке, сообщили дипломаты.", "ru", "New York City"),
    ("Ракета попала в промышленный объект в Александрии, сообщили местные власти.", "ru", "Oleksandriia"),
    # the abbreviated region word
    ("Обстріл тривав у Херсонській обл. усю ніч, повідомили рятувальники.", "uk", "Kherson Oblast"),
    # countries by their Russian and Ukrainian names, in any case
    ("Делегация прибыла в Индонезию, сообщили в министерстве.", "ru", "Indonesia"),
    ("Посол повідомив про переговори в Аргентині, передають журналісти.", "uk", "Argentina"),
])
def test_places_in_any_case_reach_their_canonical_name(pipeline, text, language, place):
    article = run(pipeline, text)
    assert article.language == language
    assert place in places(article)


def test_registry_people_and_bodies_in_oblique_cases(pipeline):
    article = run(pipeline, "Слова Игоря Конашенкова подтвердили в Министерстве обороны России.")
    assert "Igor Konashenkov" in people(article)
    assert "Ministry of Defence of Russia" in {e.canonical for e in article.entities if e.label == "organization"}
    ua = run(pipeline, "Заяву Олега Синєгубова підтримали в Генеральному штабі ЗСУ.")
    assert "Oleh Syniehubov" in people(ua)
    assert "General Staff of the Armed Forces of Ukraine" in {e.canonical for e in ua.entities}


def test_unknown_people_are_named_in_the_nominative_and_romanised(pipeline):
    article = run(pipeline, "Об этом рассказал житель села Андрей Петрович Соколов. Позже слова Андрея Соколова "
                            "подтвердил глава района.")
    assert "Andrey Sokolov" in {" ".join(n.split()[::2]) for n in people(article)} or any(
        n.startswith("Andrey") and n.endswith("Sokolov") for n in people(article))
    uk = run(pipeline, "Про це повідомила мешканка міста Оксана Мельничук.")
    assert "Oksana Melnychuk" in people(uk)


@pytest.mark.parametrize(("name", "language", "nominative"), [
    ("Ганна Іваненко", "uk", "Hanna Ivanenko"),    # not the genitive of a surname "Ганн"
    ("Ганни Іваненко", "uk", "Hanna Ivanenko"),
    ("Юлія Іваненко", "uk", "Yuliia Ivanenko"),    # not the genitive of "Юлій"
    ("Олега Петренка", "uk", "Oleh Petrenko"),
    ("Анны Петровой", "ru", "Anna Petrova"),        # not the plural "Анны"
    ("Юрия Царёва", "ru", "Yuriy Tsaryov"),
])
def test_a_first_name_is_read_as_one_in_the_nominative(name, language, nominative):
    assert cyrillic.Names(KB.load(), language).person_name(name) == nominative


def test_a_quoted_group_name_is_no_place(pipeline):
    article = run(pipeline, "Подразделения группировки войск «Днепр» нанесли удар по позициям противника.")
    assert "Dnipro" not in places(article)


def test_claims_by_verb_subject_by_source_phrase_and_after_the_statement(pipeline):
    article = run(pipeline, "Министерство обороны России заявило, что войска отразили пять атак у Волчанска.\n\n"
                            "По данным Генштаба ВСУ, бои продолжаются.\n\n"
                            "Ночью беспилотник атаковал нефтебазу под Брянском. Об этом сообщил губернатор "
                            "Александр Богомаз.")
    claims = {c.speaker: c for c in article.claims}
    assert claims["Ministry of Defence of Russia"].content.startswith("войска отразили")
    assert "General Staff of the Armed Forces of Ukraine" in claims
    bogomaz = next(c for c in article.claims if "Bogomaz" in c.speaker)
    assert "нефтебазу" in bogomaz.content  # the sentence the frame points back to


def test_ukrainian_speaker_after_the_statement(pipeline):
    article = run(pipeline, "Окупанти обстріляли Херсон, поранено двох людей, повідомив голова обласної "
                            "військової адміністрації Олександр Прокудін.")
    (claim,) = article.claims
    assert claim.speaker.startswith("Oleksandr Proku")
    strike = claim.propositions[0]
    assert (strike.predicate, strike.place, strike.side) == ("strike", "Kherson", "russia")


def test_a_denial_in_russian_negates_the_capture(pipeline):
    article = run(pipeline, "Генштаб ВСУ опроверг сообщения о захвате Работино российскими войсками.")
    (claim,) = article.claims
    (prop,) = [p for p in claim.propositions if p.predicate == "captured"]
    assert prop.negated and prop.place == "Robotyne"


def test_events_are_typed_placed_and_dated_against_the_post(pipeline):
    article = run(pipeline, "Вчора ввечері окупанти вдарили ракетами по Одесі. Загинули двоє людей.",
                  published="2024-06-03")
    attack, toll = article.events
    assert (attack.type, attack.locations, attack.date) == ("attack", ("Odesa",), "2024-06-02")
    assert toll.type == "casualties" and toll.locations == ("Odesa",) and toll.date == "2024-06-02"


@pytest.mark.parametrize(("text", "locations"), [
    ("Сили оборони знищили два катери противника в Чорному морі біля Кінбурнської коси .",
     ("Black Sea", "Kinburn Spit")),                                           # a sea and a spit are where it was
    ("Минобороны России сообщило , что ВСУ атаковали Крымский мост .", ("Crimean Bridge",)),  # not Russia
])
def test_an_event_at_sea_or_on_a_bridge_is_placed_there_not_where_the_speaker_sits(pipeline, text, locations):
    (event,) = run(pipeline, text).events
    assert event.type == "attack" and event.locations == locations


def test_a_channel_posts_in_its_owners_voice(pipeline):
    post = run(pipeline, "Сьогодні вранці ворог атакував Куп'янськ, зруйновано два будинки.",
               channel="Олег Синєгубов", outlet="Олег Синєгубов")
    (claim,) = post.claims
    assert claim.speaker == "Oleh Syniehubov" and claim.cue == "posted"
    forwarded = run(pipeline, "Сили оборони відбили дев'ять атак біля Вовчанська.",
                    channel="Олег Синєгубов", outlet="Олег Синєгубов", forwarded_from="Генеральний штаб ЗСУ")
    (claim,) = forwarded.claims
    assert claim.speaker == "General Staff of the Armed Forces of Ukraine" and claim.via == ("Oleh Syniehubov",)


def test_a_media_channel_reports_in_its_own_name(pipeline):
    post = run(pipeline, "Российские войска освободили Лукьянцы в Харьковской области.", channel="ТАСС", outlet="ТАСС")
    assert post.claims == ()  # an agency's own report is no one's claim
    assert post.events and post.events[0].locations == ("Lukiantsi",)


def test_other_languages_are_stored_and_say_they_are_not_analysed(pipeline):
    article = run(pipeline, "Die ukrainische Armee meldete am Montag schwere Kämpfe nahe der Stadt Charkiw, "
                            "berichtete die Nachrichtenagentur unter Berufung auf das Militär.")
    assert article.language == "de"
    assert article.entities == () and article.claims == ()
    (note,) = article.errors
    assert note.stage == "language" and "not analysed" in note.reason and "\n" not in note.reason


def test_registry_matcher_reads_case_forms_without_the_tagger():
    kb = KB.load()
    found = cyrillic.registry_mentions("Представители Генерального штабу ЗСУ и Министерства обороны России", kb)
    assert [e.canonical for _, _, e in found] == ["General Staff of the Armed Forces of Ukraine",
                                                  "Ministry of Defence of Russia"]


@pytest.mark.parametrize(("text", "published", "day"), [
    ("Вчера вечером", "2024-06-03", ("2024-06-02", "day")),
    ("минулої доби", "2024-06-03T08:00:00", ("2024-06-02", "day")),
    ("в ночь на 5 мая", "2024-05-06", ("2024-05-05", "day")),
    ("28 грудня", "2024-01-02", ("2023-12-28", "day")),
    ("без дня", "2024-06-03", ("2024-06-03", "article")),
    ("три дня назад", "2024-06-03", ("2024-05-31", "day")),
    ("у неділю", "2024-06-05", ("2024-06-02", "day")),  # the Sunday before a Wednesday post
    ("в понедельник", "2024-06-03", ("2024-06-03", "day")),  # a Monday post's own Monday
])
def test_sentence_dates(text, published, day):
    assert cyrillic.sentence_date(text, published) == day


def located(article: Article) -> dict[str, str]:
    return {m.text: f"{e.canonical}, {e.admin1 or e.country}" for e in article.entities if e.label == "location"
            for m in e.mentions}


def test_namesakes_are_chosen_by_the_places_named_with_them(pipeline):
    uk = located(run(pipeline, "Ворог штурмував позиції біля Мирнограда, Покровська та Новоолександрівки."))
    assert uk["Новоолександрівки"] == "Novooleksandrivka, Donetsk Oblast"
    ru = located(run(pipeline, "Бои идут у населенного пункта Петропавловка Харьковской области."))
    assert ru["Петропавловка"] == "Petropavlivka, Kharkiv Oblast"
    dpr = located(run(pipeline, "Войска заняли Новоселовку Донецкой Народной Республики."))
    assert dpr["Новоселовку"] == "Novoselivka, Donetsk Oblast" and dpr["Донецкой Народной Республики"].startswith(
        "Donetsk Oblast")


def test_a_list_of_regions_shares_its_region_word(pipeline):
    article = run(pipeline, "Над Курской, Брянской и Белгородской областями сбиты беспилотники.")
    assert {"Kursk Oblast", "Bryansk Oblast", "Belgorod Oblast"} <= places(article)
    assert not {"Kursk", "Bryansk"} & places(article)


def test_a_front_named_after_a_town_is_that_town_in_its_oblast(pipeline):
    article = run(pipeline, "На Покровському напрямку Сили оборони відбили 20 атак, повідомив Генштаб ЗСУ.")
    assert "Pokrovsk" in places(article) and "Pokrovske" not in places(article)
    (claim,) = article.claims
    assert {(p.predicate, p.place) for p in claim.propositions} == {("repelled", "Donetsk Oblast")} or any(
        p.place in ("Pokrovsk", "Donetsk Oblast") for p in claim.propositions)


@pytest.mark.parametrize(("text", "towns"), [
    ("Ситуация на Кураховском направлении остается сложной.", {"Kurakhove"}),     # the tagger ran on to the word
    ("Бої тривають на Костянтинівському напрямку.", {"Kostiantynivka"}),           # the largest town of the stem
    ("Сили оборони тримаються на Запорізькому напрямку.", {"Zaporizhzhia"}),       # з of the adjective, жж of the city
    ("Противник наступает на Угледарском и Кураховском направлениях.", {"Vuhledar", "Kurakhove"}),
])
def test_fronts_named_after_towns_in_either_language(pipeline, text, towns):
    assert towns <= places(run(pipeline, text))


def test_a_weapon_after_a_place_is_no_part_of_it(pipeline):
    article = run(pipeline, "Росіяни вдарили по Харкову КАБами, постраждали четверо людей.")
    assert "Kharkiv" in places(article)


def test_the_defence_forces_by_their_ukrainian_name(pipeline):
    article = run(pipeline, "Сили оборони звільнили Роботине, а уряд посилює сили оборони країни.")
    [forces] = [e for e in article.entities if e.label == "organization"]
    assert forces.canonical == "Armed Forces of Ukraine" and [m.text for m in forces.mentions] == ["Сили оборони"]


def test_a_channel_named_in_two_languages_is_its_owner(pipeline):
    post = run(pipeline, "Сили оборони відбили 12 атак біля Торецька.",
               channel="Генеральний штаб ЗСУ / General Staff of the Armed Forces of Ukraine")
    assert [c.speaker for c in post.claims] == ["General Staff of the Armed Forces of Ukraine"]


def test_a_forward_from_a_channel_the_registry_lacks_speaks_as_that_channel(pipeline):
    post = run(pipeline, "Вночі окупанти вдарили по Нікополю з артилерії.", channel="Олег Синєгубов",
               forwarded_from="Нікопольська громада")
    (claim,) = post.claims
    assert claim.speaker == "Нікопольська громада" and claim.via == ("Oleh Syniehubov",)


def test_a_quoted_weapon_is_nobody_and_air_defence_is_no_body(pipeline):
    post = run(pipeline, "Вночі противник атакував область ударними БпЛА типу «Шахед», сили ППО збили вісім.")
    assert not people(post)
    assert not {e.canonical for e in post.entities if e.label == "organization"} & {"ППО", "БпЛА"}


def test_a_military_blogger_speaks_in_his_own_channel(pipeline):
    post = run(pipeline, "Штурмовые отряды вошли в Красногоровку и закрепились на окраине.", channel="Военкор Котенок")
    (claim,) = post.claims
    assert claim.speaker == "Voenkor Kotenok"
    assert [(p.predicate, p.place) for p in claim.propositions][:1] == [("entered", "Krasnohorivka")]
    assert post.events[0].type == "territory_change"


@pytest.mark.parametrize(("text", "district"), [
    ("Днем ВСУ выпустили по Белгородскому району 15 снарядов.", "Belgorodsky District"),
    ("Обстрел Суджанского района продолжался всю ночь.", "Sudzhansky District"),
    ("Ворог обстріляв села Бахмутського району.", "Bakhmut Raion"),
    ("Окупанти атакували Сумський район дронами.", "Sumy Raion"),
])
def test_a_district_named_by_its_centre(pipeline, text, district):
    article = run(pipeline, text)
    assert district in places(article)
    assert district in article.events[0].locations


def test_an_agency_citing_a_ministry_relays_it(pipeline):
    article = run(pipeline, "Российские войска взяли под контроль Очеретино, сообщает ТАСС со ссылкой на "
                            "Минобороны России.")
    (claim,) = article.claims
    assert (claim.speaker, claim.via) == ("Ministry of Defence of Russia", ("TASS",))
    unnamed = run(pipeline, "Украинские военные отошли из Авдеевки, пишет РИА Новости со ссылкой на источник "
                            "в силовых структурах.")
    (claim,) = unnamed.claims
    assert claim.speaker_kind == "unnamed" and claim.speaker.startswith("источник")
    assert claim.via == ("RIA Novosti",)


def test_a_spokesman_named_after_his_body_is_the_speaker(pipeline):
    article = run(pipeline, "Как заявил официальный представитель Минобороны Игорь Конашенков, за сутки "
                            "уничтожены три склада боеприпасов.")
    (claim,) = article.claims
    assert claim.speaker == "Igor Konashenkov" and claim.content.startswith("за сутки")


def test_a_frame_pointing_back_to_nothing_makes_no_claim(pipeline):
    assert run(pipeline, "Об этом сообщает пресс-служба Генерального штаба ВСУ.").claims == ()


def test_relays_in_ukrainian_and_a_capture_in_scare_quotes(pipeline):
    relay = run(pipeline, "Сили оборони звільнили Роботине, повідомляє Укрінформ з посиланням на Генштаб ЗСУ.")
    (claim,) = relay.claims
    assert (claim.speaker, claim.via) == ("General Staff of the Armed Forces of Ukraine", ("Ukrinform",))
    assert [(p.predicate, p.place, p.side) for p in claim.propositions] == [("captured", "Robotyne", "ukraine")]
    scare = run(pipeline, "У Міноборони РФ заявили про «звільнення» Очеретиного.")
    (claim,) = scare.claims
    assert [(p.predicate, p.place, p.negated) for p in claim.propositions] == [("captured", "Ocheretyne", False)]


def test_a_death_toll_told_as_a_noun_is_a_strike(pipeline):
    article = run(pipeline, "Губернатор Вячеслав Гладков сообщил о гибели двух мирных жителей в Шебекино.")
    (claim,) = article.claims
    assert claim.speaker == "Vyacheslav Gladkov"
    assert [(p.predicate, p.place) for p in claim.propositions] == [("strike", "Shebekino")]


@pytest.mark.parametrize(("text", "person"), [
    ("Засновником компанії є Богдан Тимків, повідомили у прокуратурі.", "Bohdan Tymkiv"),
    ("Свідком у справі стала Лілія Близнюк.", "Liliia Blyzniuk"),
])
def test_ukrainian_first_names_the_tagger_leaves_out(pipeline, text, person):
    assert person in people(run(pipeline, text))


def test_ingest_counts_an_unanalysed_language_apart_from_failures(tmp_path):
    from typer.testing import CliRunner

    from sitroom.cli import app

    (tmp_path / "de.txt").write_text("Die ukrainische Armee meldete am Montag schwere Kämpfe nahe der Stadt Charkiw, "
                                     "berichtete die Nachrichtenagentur unter Berufung auf das Militär.",
                                     encoding="utf-8")
    url = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "de.txt"), "--store", url, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout and "0 failed, 1 stored but not analysed (language)" in result.stdout


def test_the_registry_matcher_follows_the_registry_it_is_given():
    from sitroom.kb.registry import Entry, Registry

    shipped = KB.load()
    own = Registry([Entry("Oksana Testenko", "person", "person", "a village head", "ukraine", "UA",
                          aliases=("Оксана Тестенко",))])
    kb = KB(**{**shipped.__dict__, "registry": own})
    found = cyrillic.registry_mentions("Про це розповіла Оксані Тестенко.", kb)
    assert [e.canonical for _, _, e in found] == ["Oksana Testenko"]
    assert cyrillic.registry_mentions("Заяву Генштабу ЗСУ", shipped)[0][2].canonical.startswith("General Staff")


def test_ukrainian_is_respelt_for_the_tagger_and_spans_keep_the_text_as_written():
    line = "Речниця Повітряних сил Юлія Іваненко розповіла про атаку."
    spans = natasha_parse(line, "uk").spans
    assert ("Юлія Іваненко", "PER") in {(s.text, s.label) for s in spans}
    assert all(line[s.start:s.end] == s.text for s in spans)


def test_a_word_that_is_no_noun_opening_a_sentence_is_no_place(pipeline):
    article = run(pipeline, "Крім того, вночі у Харкові пролунали вибухи, повідомив міський голова.")
    assert article.language == "uk"
    assert places(article) == {"Kharkiv"}   # "Крім" ("besides") is not Crimea, however it is spelt


@pytest.mark.parametrize(("text", "body"), [
    ("Голова Сумської ОВА Олег Петренко повідомив про обстріл.", "Сумської ОВА"),
    ("Рішення Диканської райради оскаржили в суді.", "Диканської райради"),
    ("Заяву оприлюднив голова Мелітопольської міської ради Іван Федоров.", "Мелітопольської міської ради"),
    # a state body by its head, what it does and the country or region it serves, as one name
    ("Міністерство доходів і зборів України оприлюднило звіт.", "Міністерство доходів і зборів України"),
    ("Управління Державної служби з надзвичайних ситуацій України у Сумській області", ("Управління Державної служби "
     "з надзвичайних ситуацій України")),
])
def test_councils_and_administrations_are_bodies_without_the_name_after_them(text, body):
    names = cyrillic.Names(KB.load(), "uk")
    assert body in {b.text for b in cyrillic.entities._named_bodies(text, names)}


def test_a_place_inside_a_quoted_statement_is_a_place(pipeline):
    article = run(pipeline, "«Этой ночью беспилотники атаковали предприятие в Белгороде», — написал губернатор.")
    assert "Belgorod" in places(article)


def test_a_pronoun_opening_a_sentence_is_nobody(pipeline):
    article = run(pipeline, "Ольга Петренко повернулася до Ізюма. Вона знайшла свій будинок зруйнованим.")
    assert article.language == "uk"
    assert people(article) == {"Olha Petrenko"}   # "Вона" ("she") had been a person called Von


def test_adjectives_of_places_are_demonyms_apart_from_places(pipeline):
    article = run(pipeline, "Российский беспилотник атаковал британское судно у берегов Московской области, "
                            "сообщили в Министерстве обороны Великобритании.")
    assert {(d["mention"], d["refers_to"]) for d in article.meta["demonyms"]} == {
        ("Российский", "Russia"), ("британское", "United Kingdom")}   # "Московской области" is a place
    assert "Russia" not in places(article) and "Moscow Oblast" in places(article)
    uk = run(pipeline, "Над Києвом збили американські ракети, повідомили в польському посольстві.")
    assert {d["refers_to"] for d in uk.meta["demonyms"]} == {"United States", "Poland"}


@pytest.mark.parametrize(("text", "city"), [
    ("Раненых доставили в белгородскую больницу.", "Belgorod"),
    ("Переговоры прошли на стамбульской площадке.", "Istanbul"),
    ("Поранених доправили до запорізької лікарні.", "Zaporizhzhia"),
])
def test_adjectives_of_cities_are_demonyms(pipeline, text, city):
    assert city in {d["refers_to"] for d in run(pipeline, text).meta["demonyms"]}


def test_the_country_or_region_a_body_serves_is_a_place_of_its_own(pipeline):
    article = run(pipeline, "Об этом сообщила пресс-служба Законодательного собрания Кировской области. "
                            "Заявление поддержали в Палате представителей США.")
    assert {"Kirov Oblast", "United States"} <= places(article)
    # a person a body is named after is no place, though towns bear the name
    named = run(pipeline, "Лекцию прочитал президент Института Пушкина.")
    assert "Pushkin" not in places(named)


@pytest.mark.parametrize("text", [
    "Пожежа сталася у будинку на вул. Гагаріна, 12 у Сумах.",
    "Аварію ліквідували на вулиці Шевченка в Ізюмі.",
    "Обстрел повредил дома на улице Ленина в Белгороде.",
])
def test_a_street_named_after_a_person_is_no_person(pipeline, text):
    article = run(pipeline, text)
    assert people(article) == set()
    street = next(t for t in cyrillic.typed_mentions(article, KB.load()) if t.span.text.lower().startswith(("вул", "ул")))
    assert street.label == "location" and street.place is None   # on no map: not among the places output
    assert len(places(article)) == 1


@pytest.mark.parametrize(("text", "street"), [
    ("Ремонт завершили на вул. Садовій.\nДалі буде.", "вул. Садовій"),              # the full stop ends the sentence
    ("Укриття відкрили на вул. М. Грушевського, 4 в Ірпені.", "вул. М. Грушевського, 4"),  # an initial keeps its stop
    ("Магазин на вул. Лугова, 31 / 33 у Сумах закрито.", "вул. Лугова, 31 / 33"),           # a corner house
    ("Пункт обігріву відкрили на просп. Перемоги 12.", "просп. Перемоги 12"),              # no comma, ends the clause
    ("Його бачили на вул. Садовій 2 роки тому.", "вул. Садовій"),                           # a number that is no house
])
def test_a_streets_span_ends_with_its_name_or_number(text, street):
    from sitroom.extract.cyrillic.entities import ADDRESS

    assert [m.group() for m in ADDRESS.finditer(text)] == [street]


@pytest.mark.parametrize(("text", "streets"), [
    ("Підрядник відремонтує вул. Садову, Шевченка та Лесі Українки в Ізюмі.",
     ["вул. Садову", "Шевченка", "Лесі Українки"]),
    ("Прорвало трубу на перехресті вулиць Франка та Коцюбинського.", ["Франка", "Коцюбинського"]),
    ("ДТП сталася на перекрестке Ленина и Мира.", ["Ленина", "Мира"]),                  # a crossroads of two
    ("Ремонт улиц Гагарина, Мира и 8 Марта начнется летом.", ["Гагарина", "Мира", "8 Марта"]),
    ("Офіс на вул. Лугова, 9, Суми, відкрили знову.", ["вул. Лугова, 9"]),        # a city after a house number
    ("Асфальт покладуть на б-р Миру, 30 років Перемоги та Гоголя.",                # no house number 30: a street
     ["б-р Миру", "30 років Перемоги", "Гоголя"]),
    ("Черга стояла на Поштовій площі до вечора.", ["Поштовій площі"]),            # the adjective before the word
    ("Головна вулиця міста тепер пішохідна.", []),                                # an ordinary adjective opening it
])
def test_the_streets_of_a_list_are_streets_not_people(pipeline, text, streets):
    article = run(pipeline, text)
    typed = cyrillic.typed_mentions(article, KB.load())
    found = [t.span.text for t in typed if t.label == "location" and t.place is None]
    assert found == streets
    assert not any(t.label == "person" for t in typed)


@pytest.mark.parametrize(("text", "places_listed"), [
    ("Акції пройшли в Рівному, Луцьку, Полтаві і в Києві.", {"Rivne", "Lutsk", "Poltava", "Kyiv"}),
    ("Прем'єри відбулися в Лондоні, Парижі та Вашингтоні.", {"London", "Paris", "Washington"}),
])
def test_a_name_listed_with_places_is_a_place(pipeline, text, places_listed):
    article = run(pipeline, text)
    assert places_listed <= places(article) and people(article) == set()


def test_a_place_after_its_settlement_word_though_the_dictionary_reads_a_surname(pipeline):
    # "Харкові" is also a surname's form; after "м." it is the city, as "Ігор" after "міста" stays a person
    assert "Kharkiv" in places(run(pipeline, "Будинок на околиці купили в м. Харкові минулого тижня."))
    assert people(run(pipeline, "Очільник міста Ігор Терехов прибув на місце.")) != set()


def test_a_unit_by_number_is_its_sides_organisation_and_can_speak(pipeline):
    article = run(pipeline, "Бійці 92-ї ОШБр відбили штурм біля Куп'янська, повідомила 92-га ОШБр.")
    unit = next(e for e in article.entities if e.kind == "military")
    assert (unit.canonical, unit.side, len(unit.mentions)) == ("92nd Separate Assault Brigade (Ukraine)", "ukraine", 2)
    assert [c.speaker for c in article.claims] == [unit.canonical]
    # the registry's unit by the title; a unit whose side the text leaves open is a name, but no entity
    known = run(pipeline, "Бойцы 3-й отдельной штурмовой бригады ВСУ отразили атаку.")
    assert "3rd Assault Brigade" in {e.canonical for e in known.entities}
    open_side = run(pipeline, "Загинув боєць 128-ї окремої гірсько-штурмової бригади.")
    assert not any("Brigade" in e.canonical or "бригад" in e.canonical for e in open_side.entities)


@pytest.mark.parametrize(("text", "place"), [
    ("Бійці відбили штурм під Часовим Яром.", "Chasiv Yar"),          # a possessive adjective in the instrumental
    ("Бои идут у Часова Яра, сообщили военные.", "Chasiv Yar"),        # the tagger's person, after "у"
    ("Ракета влучила в Кривий Ріг уночі.", "Kryvyi Rih"),
    ("Ворог обстріляв Велику Новосілку та Кривий Ріг.", "Kryvyi Rih"),  # the tagger's person, found whole
    ("Уламки впали в Шебекиному, повідомили місцеві.", "Shebekino"),   # a case form the dictionary lacks
])
def test_war_towns_in_oblique_cases(pipeline, text, place):
    article = run(pipeline, text)
    assert place in places(article) and people(article) == set()


def test_a_person_from_a_place_is_a_person_and_a_place(pipeline):
    article = run(pipeline, "До журі увійшли Володимир Ковальчук з Луцька та Сергій Засядько з Рівненської області.")
    typed = [(t.span.text, t.label) for t in cyrillic.typed_mentions(article, KB.load())]
    assert typed == [("Володимир Ковальчук", "person"), ("Луцька", "location"),
                     ("Сергій Засядько", "person"), ("Рівненської області", "location")]


@pytest.mark.parametrize(("text", "village", "district"), [
    ("Базу відпочинку в селі Коблеве Березанського району продали.", "Kobleve", "Berezan Raion"),
    ("Удар пришелся по селу Тёткино Глушковского района.", "Tëtkino", "Glushkovsky District"),
])
def test_the_district_after_a_village_is_a_place_of_its_own(pipeline, text, village, district):
    article = run(pipeline, text)
    assert {village, district} <= {e.canonical for e in article.entities if e.label == "location"}


@pytest.mark.parametrize(("text", "body"), [
    ("Известно, что колонна ушла на север.", None),             # "it is known", not the newspaper Izvestia
    ("Известный блогер опубликовал видео.", None),
    ("Об этом сообщили «Известиям» в министерстве.", "Izvestia"),
])
def test_a_registry_name_in_any_case_but_not_a_word_that_shares_its_stem(pipeline, text, body):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert [t.entry.canonical for t in typed if t.entry is not None] == ([body] if body else [])


@pytest.mark.parametrize(("text", "orgs"), [
    ("Губернатор написал в Twitter, что угрозы нет.", []),        # where it was posted: a medium
    ("Про це він повідомив у своєму Telegram-каналі.", []),
    ("Twitter заблокировал аккаунт губернатора.", ["Twitter"]),  # the company, acting
])
def test_a_platform_a_statement_was_posted_on_is_no_actor(pipeline, text, orgs):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert [t.span.text for t in typed if t.label == "organization"] == orgs


@pytest.mark.parametrize(("text", "outlet", "body"), [
    ("Минобороны сообщило об отражении атаки у Купянска.", "TASS", "Ministry of Defence of Russia"),
    ("Как сообщили в Генштабе, атака у Купянска отбита.", "Ukrinform", "General Staff of the Armed Forces of Ukraine"),
    ("Минобороны сообщило об отражении атаки у Купянска.", None, None),        # whose, nothing tells
    ("Генштаб ЗСУ звітує щодня. Як зазначили в Генштабі, бої тривають біля Куп'янська.", None,
     "General Staff of the Armed Forces of Ukraine"),                           # named with its country before
])
def test_a_bare_national_body_is_the_one_the_article_tells(pipeline, text, outlet, body):
    article = pipeline(Article(source="<test>", raw_text=text, outlet=outlet, meta={"published": "2024-06-03"}))
    bodies = [e for e in article.entities if e.label == "organization"]
    assert [(e.canonical, len(e.mentions)) for e in bodies] == ([(body, text.count("Ген") or 1)] if body else [])
    assert all(c.speaker == body for c in article.claims)


@pytest.mark.parametrize(("text", "label"), [
    ("На це Калязін відповів, що сам усе перевірить.", "person"),   # a town's namesake who answers
    ("Олена завжди прокидалася першою.", "person"),                  # a word between: "завжди", "не", "вже"
    ("Харків відповів на удар новими укриттями.", "location"),       # a city: its people, its government
])
def test_a_namesake_of_a_town_who_speaks_is_a_person(pipeline, text, label):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert [t.label for t in typed] == [label]


def test_a_common_word_opening_a_sentence_is_no_village_abroad(pipeline):
    # "Бійці" ("fighters") romanised is a village in Russia's Altai; opening a sentence it is the word
    typed = cyrillic.typed_mentions(run(pipeline, "Бійці відбили штурм на світанку."), KB.load())
    assert typed == []


def test_a_river_after_its_abbreviation(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Пляж облаштують на березі р. Дністер біля мосту."), KB.load())
    assert [(t.span.text, t.label) for t in typed] == [("Дністер", "location")]
    dated = cyrillic.typed_mentions(run(pipeline, "У 2014 р. Олег Ляшко очолив партію."), KB.load())
    assert ("Олег Ляшко", "person") in [(t.span.text, t.label) for t in dated]


@pytest.mark.parametrize(("text", "place"), [
    ("Обстріли околиць Харкова тривали всю ніч.", "Kharkiv"),              # the tagger ran back to "Обстріли"
    ("Після виборів він став президентом Сполучених Штатів.", "United States"),  # two words the tagger broke up
    ("Делегація з Південної Кореї прибула до Києва.", "South Korea"),
    ("Колишній мер Алупки подав у відставку.", "Alupka"),                      # a small town after its mayor
    ("Прокуратура міста Луцька подала скаргу.", "Lutsk"),                      # "міста", not only "місто"
])
def test_a_place_name_is_found_whole_and_alone(pipeline, text, place):
    article = run(pipeline, text)
    assert place in places(article)
    spans = [t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "location"]
    assert not any(s.startswith(("Обстріли", "Після")) for s in spans)


def test_a_given_name_is_no_village_of_that_name(pipeline):
    article = run(pipeline, "Андрій довго чекав на Дору біля вокзалу у Львові.")
    assert "Lviv" in places(article) and len(places(article)) == 1   # villages are called Дора too


@pytest.mark.parametrize(("text", "place"), [
    ("Війська закріпилися на лівому березі річки Оскіл.", "Oskil River"),    # a village is called Oskil too
    ("Бои идут у острова Змеиный.", "Snake Island"),
    ("Кораблі стояли в Чорному морі .", "Black Sea"),                         # not the village of Chorne
    ("Над Каховським водосховищем збили дрон .", "Kakhovka Reservoir"),
    ("Удар по Крымскому мосту отражен .", "Crimean Bridge"),
    ("Обстріл ЗАЕС тривав уночі .", "Zaporizhzhia Nuclear Power Plant"),   # a place, not a body
    ("Запорожская АЭС осталась без внешнего питания .", "Zaporizhzhia Nuclear Power Plant"),
    ("Підрив Каховської ГЕС затопив села .", "Kakhovka Dam"),
])
def test_a_sea_river_or_island_of_the_war_is_that_feature(pipeline, text, place):
    assert places(run(pipeline, text)) == {place}


@pytest.mark.parametrize(("text", "place"), [
    ("Підрозділи закріпилися на лівому березі Дніпра .", "Dnipro River"),   # the river, not the city
    ("Подразделения закрепились на левом берегу Днепра .", "Dnipro River"),
    ("Восьмого березня Дніпро атакували дрони .", "Dnipro"),                 # "березня" is March: the city
])
def test_a_name_after_the_word_for_a_bank_is_the_river(pipeline, text, place):
    assert places(run(pipeline, text)) == {place}


@pytest.mark.parametrize(("text", "regions"), [
    ("Бої тривають на Слобожанщині та в Приазов’ї .", {"Slobozhanshchyna", "Pryazovia"}),
    ("Дрони атакували об'єкти на півдні Таврії .", {"Tavria"}),          # villages are called Tavriia too
    ("Учения прошли в Полесье и на Подолье .", {"Polissia", "Podillia"}),
])
def test_the_historical_lands_of_ukraine_are_regions(pipeline, text, regions):
    assert places(run(pipeline, text)) == regions


@pytest.mark.parametrize(("text", "place"), [
    ("Війська форсували Дністер уночі .", "Dniester River"),   # "Війська" ("troops") is no Biysk
    ("Лодки заметили на Днестре у села .", "Dniester River"),
])
def test_a_river_no_town_shares_a_name_with_is_named_bare(pipeline, text, place):
    assert places(run(pipeline, text)) == {place}


def test_an_ordinary_noun_opening_a_sentence_is_cut_off_the_place_after_it(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Оборонці Маріуполя трималися на Азовсталі до травня ."), KB.load())
    assert {t.span.text: t.place.name for t in typed if t.label == "location"} == {
        "Маріуполя": "Mariupol", "Азовсталі": "Azovstal"}


def test_two_seas_sharing_their_word_are_each_named(pipeline):
    assert places(run(pipeline, "На акваторії Чорного та Азовського морів штормить .")) == {"Black Sea", "Sea of Azov"}


def test_a_river_the_gazetteer_does_not_know_is_a_place_on_no_map(pipeline):
    article = run(pipeline, "Війська закріпилися на лівому березі річки Вовча.")   # towns are called Vovcha too
    typed = [t for t in cyrillic.typed_mentions(article, KB.load()) if t.span.text == "Вовча"]
    assert [(t.label, t.place) for t in typed] == [("location", None)]
    assert places(article) == set()


def test_a_word_opening_a_line_of_dialogue_is_no_place(pipeline):
    article = run(pipeline, "Ми зустрілися біля школи.\n— Зараз підемо до Ізюма, — сказав він.")
    assert places(article) == {"Izium"}   # "Зараз" ("now"), after the dash, is a village's name too


@pytest.mark.parametrize(("text", "body"), [
    ("Тендер виграло НВП «Інтертерм» з Харкова.", "НВП «Інтертерм»"),             # a legal form not listed anywhere
    ("Гендиректор ООО УК «Северсталь» подал в отставку.", "ООО УК «Северсталь»"),
    ("Суд скасував рішення Київради про оренду.", "Київради"),                     # a city's council in one word
    ("Депутаты Мосгордумы приняли закон.", "Мосгордумы"),
    ("Її співвласником є директор «Будмонтажу» Петро Коваль.", "Будмонтажу"),      # who runs it: a company
    ("Фірма отримала від «Укрзалізниці» 3 млн грн.", "Укрзалізниці"),              # a payment from it
    ("Засновником є Торговий дім «Альфа».", "Альфа"),
    ("Підрядником стало ТОВ «Будівельна компанія «Граніт» з Полтави.", "ТОВ «Будівельна компанія «Граніт»"),  # nested
    ("Договор подписало ООО «Компания «Восход».", "ООО «Компания «Восход»"),
])
def test_bodies_by_legal_form_council_word_or_owner(text, body):
    names = cyrillic.Names(KB.load(), "ru" if "ы" in text else "uk")
    assert body in {b.text for b in cyrillic.entities._named_bodies(text, names)}


@pytest.mark.parametrize("text", [
    "Протокол составлен по статье 19.7 КоАП РФ «Непредставление сведений».",   # an article of a code of law
    "Компания разослала СМС «за одного участника».",                           # a quotation, not a name
    "Рішення оскаржать у суді. Естрада зібрала глядачів.",                      # a word that only ends like a council
])
def test_no_body_in_a_law_a_quotation_or_a_common_word(text):
    names = cyrillic.Names(KB.load(), "ru" if "ы" in text or "СМС" in text else "uk")
    assert cyrillic.entities._named_bodies(text, names) == []


@pytest.mark.parametrize(("text", "language", "body"), [
    ("В июне правительство Мали подписало соглашение.", "ru", "правительство Мали"),
    ("Об этом сообщила полиция Нью-Йорка.", "ru", "полиция Нью-Йорка"),
    ("Заявление опубликовало министерство культуры Польши.", "ru", "министерство культуры Польши"),
    ("Приговор вынес Верховный суд Испании.", "ru", "Верховный суд Испании"),
    ("Листи надійшли від прокуратури Луганської області.", "uk", "прокуратури Луганської області"),
])
def test_a_body_of_a_country_region_or_city_named_in_lower_case(text, language, body):
    names = cyrillic.Names(KB.load(), language)
    assert body in {b.text for b in cyrillic.entities._named_bodies(text, names)}


def test_a_lower_case_head_takes_only_genitives_to_its_place():
    names = cyrillic.Names(KB.load(), "ru")
    text = "Представитель суда рассказал о Москве. Родители приехали на суд из Китая."
    assert cyrillic.entities._named_bodies(text, names) == []


def test_a_body_holding_a_registry_body_is_named_but_the_registry_body_speaks(pipeline):
    article = run(pipeline, "Как сообщили в пресс-службе Главного управления МВД России по Нижегородской области, "
                            "задержан подозреваемый.")
    typed = cyrillic.typed_mentions(article, KB.load())
    holder = next(t for t in typed if t.holder)
    assert holder.label == "organization" and holder.span.text.startswith("Главного управления МВД")
    inner = next(t for t in typed if t.entry is not None and t.span.text == "МВД России")
    assert holder.span.start <= inner.span.start and inner.span.end <= holder.span.end
    assert all(c.speaker == inner.entry.canonical for c in article.claims)


def test_a_court_named_by_its_district_opening_a_sentence_is_a_body(pipeline):
    article = run(pipeline, "Пресненский суд вынес приговор. Решение обжалуют.")
    assert "Пресненский суд" in {t.span.text for t in cyrillic.typed_mentions(article, KB.load())
                                 if t.label == "organization"}


@pytest.mark.parametrize(("text", "language", "town"), [
    ("Фірма зареєстрована в Новгородківському р-ні, с. Тарасівка, вул. Шкільна.", "uk", "Тарасівка"),
    ("Центр зайнятості (смт Саврань) оголосив тендер.", "uk", "Саврань"),
    ("Він мешкає у м. Котовськ Одеської області.", "uk", "Котовськ"),
    ("Его арестовали в городе Павия на севере Италии.", "ru", "Павия"),
])
def test_a_name_after_a_word_for_a_settlement_is_a_place(text, language, town):
    names = cyrillic.Names(KB.load(), language)
    assert town in {t.text for t in cyrillic.entities._settlements(text, [], names)}


@pytest.mark.parametrize(("text", "language"), [
    ("Площа квартири 44 кв. м. Вона дісталася від батьків.", "uk"),       # square metres, then a sentence
    ("Он познакомился с Анной в Москве.", "ru"),                           # "с" is "with"
    ("Про це заявив очільник міста Ігор Слюзар.", "uk"),                    # a person after "міста"
])
def test_no_settlement_after_a_unit_a_preposition_or_before_a_person(text, language):
    names = cyrillic.Names(KB.load(), language)
    assert cyrillic.entities._settlements(text, [], names) == []


@pytest.mark.parametrize(("text", "body"), [
    ("Згідно з ухвалою Печерського райсуду м. Києва, арешт скасовано.", "Печерського райсуду м. Києва"),
    ("Рішення Господарського суду міста Києва набрало сили.", "Господарського суду міста Києва"),
])
def test_a_court_with_the_city_it_serves(text, body):
    names = cyrillic.Names(KB.load(), "uk")
    assert body in {b.text for b in cyrillic.entities._named_bodies(text, names)}


def test_the_title_of_a_work_is_no_body(pipeline):
    article = run(pipeline, "В программе такие картины, как «Цирк», «Весна» и «Волга-Волга». "
                            "Компания «Мосфильм» выпустила фильм режиссёра Григория Александрова «Светлый путь».")
    bodies = {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}
    assert not bodies & {"Цирк", "Весна", "Волга-Волга", "Светлый путь"}


@pytest.mark.parametrize(("text", "things"), [
    ("Удобрение продают под торговыми марками «Колос», «Нива» и «Жнец».", {"Колос", "Нива", "Жнец"}),
    ("Над морем летели винищувачі «Спитфайр» і «Харрікейн».", {"Спитфайр", "Харрікейн"}),
    ("Пожар начался у хранилища «Подгорный» рядом с АЭС.", {"Подгорный", "АЭС"}),
    ("В больнице умер от COVID-19 известный тренер.", {"COVID-19"}),
])
def test_brands_aircraft_depots_and_diseases_are_no_bodies(pipeline, text, things):
    article = run(pipeline, text)
    bodies = {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}
    assert not bodies & things


@pytest.mark.parametrize(("text", "span", "canonical"), [
    ("Как сообщило во вторник министерство здравоохранения, коек не хватает.", "министерство здравоохранения",
     "Ministry of Health"),
    ("Міністерство оборони заявило про збиті дрони.", "Міністерство оборони", "Ministry of Defence"),
    ("Он работал в министерстве иностранных дел и в посольстве.", "министерстве иностранных дел",
     "Ministry of Foreign Affairs"),
    ("Міністерство культури визначило переможців конкурсу.", "Міністерство культури", None),
])
def test_a_ministry_named_by_its_portfolio_alone_is_a_body(pipeline, text, span, canonical):
    article = run(pipeline, text)
    bodies = {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}
    assert span in bodies
    if canonical is not None:   # the same canonical body as "the defence ministry" in English text
        assert canonical in {e.canonical for e in article.entities}


@pytest.mark.parametrize(("text", "body"), [
    ("Жалобу подали в Европейский суд по правам человека.", "Европейский суд по правам человека"),
    ("Судья Европейского суда по правам человека вынес решение.", "Европейского суда по правам человека"),
])
def test_a_short_noun_of_a_registry_name_is_read_in_any_case(pipeline, text, body):
    article = run(pipeline, text)
    assert body in {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}
    assert "European Court of Human Rights" in {e.canonical for e in article.entities}


def test_an_ordinary_word_opening_a_bodys_name_is_no_registry_body(pipeline):
    article = run(pipeline, "Агентство по охране окружающей среды США пришло к выводу. Издание «Агентство» узнало об этом.")
    bodies = [t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"]
    assert bodies == ["Агентство по охране окружающей среды США", "Агентство"]  # the outlet, where it is one


@pytest.mark.parametrize(("text", "body"), [
    ("Он возглавил совет переходного правительства Мали.", "переходного правительства Мали"),
    ("Скончался глава духовного управления мусульман Ингушетии.", "духовного управления мусульман Ингушетии"),
    ("Глава нового правительства Мали выступил по радио.", "правительства Мали"),   # when, not which
])
def test_a_lower_case_adjective_telling_which_body_belongs_to_its_name(pipeline, text, body):
    article = run(pipeline, text)
    assert body in {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}


@pytest.mark.parametrize(("text", "body", "place"), [
    ("Полиция Нью-Йорка сообщила о задержании.", "Полиция Нью-Йорка", "New York City"),  # opening a sentence
    ("Итальянская прокуратура города Павия обвинила его.", "Итальянская прокуратура города Павия", "Pavia"),
    ("Прокуратура міста Ірпінь відкрила справу.", "Прокуратура міста Ірпінь", "Irpin"),  # a town's name after "міста"
])
def test_a_common_body_of_a_named_city_or_country(pipeline, text, body, place):
    article = run(pipeline, text)
    assert body in {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}
    assert place in places(article)


@pytest.mark.parametrize(("text", "body"), [
    ("Вантаж затримала Київська регіональна митниця.", "Київська регіональна митниця"),
    ("Він закінчив Московский государственный институт международных отношений.",
     "Московский государственный институт международных отношений"),                  # what it does, in the genitive
    ("Ділянку передали Київському державному лісогосподарському об'єднанню «Ліс» у 2010 році.",
     "Київському державному лісогосподарському об'єднанню «Ліс»"),                     # its own name in quotes
    ("Спектакль показали на сцене Алтайского краевого театра драмы им. В. М. Шукшина.",
     "Алтайского краевого театра драмы им. В. М. Шукшина"),                           # the person it is named after
])
def test_a_body_named_by_the_adjective_of_its_place_and_its_kind(pipeline, text, body):
    article = run(pipeline, text)
    assert body in {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}


def test_a_place_adjective_before_a_word_that_is_no_body_names_none(pipeline):
    article = run(pipeline, "Київська влада має великі плани на літо.")
    assert not [t for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"]


@pytest.mark.parametrize(("text", "body"), [
    ("Працівники Державної фінансової інспекції в Луганській області встановили порушення.",
     "Державної фінансової інспекції в Луганській області"),                    # a registry body's regional office
    ("Начальник Управления по контролю за оборотом наркотиков по Москве уволен.",
     "Управления по контролю за оборотом наркотиков по Москве"),
])
def test_a_branch_is_named_with_the_region_it_serves(pipeline, text, body):
    article = run(pipeline, text)
    assert body in {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}


def test_a_body_acting_in_a_town_keeps_its_own_name(pipeline):
    article = run(pipeline, "Служба безпеки України у Києві затримала агента.")
    bodies = {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}
    assert bodies == {"Служба безпеки України"} and "Kyiv" in places(article)


@pytest.mark.parametrize(("text", "names"), [
    ("Организация «Сеть поддержки выборов» (Election Support Network, ESN) назвала итоги.",
     {"Сеть поддержки выборов", "Election Support Network", "ESN"}),
    ("Фонд борьбы с коррупцией (ФБК) опубликовал расследование.", {"Фонд борьбы с коррупцией", "ФБК"}),
])
def test_a_bodys_other_names_in_parentheses_are_names_of_it(pipeline, text, names):
    article = run(pipeline, text)
    assert names <= {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}


def test_parentheses_holding_no_name_give_none(pipeline):
    article = run(pipeline, "Заседание Совета безопасности ООН (в среду вечером) прошло спокойно.")
    bodies = {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}
    assert "Совета безопасности ООН" in bodies and not any("среду" in b for b in bodies)


def test_a_closing_quote_is_no_part_of_a_name(pipeline):
    article = run(pipeline, 'Его выдвинула партия "Объединение за Мали" на выборах.')
    assert "Объединение за Мали" in {t.span.text for t in cyrillic.typed_mentions(article, KB.load())}


@pytest.mark.parametrize(("text", "body", "person"), [
    ("Правительство Медведева внесло законопроект.", "Правительство Медведева", "Медведева"),
    ("В 1919 году правительство А. Колчака пало.", "правительство А. Колчака", "Колчака"),
    ("Он работал в администрации Джорджа Буша-младшего.", "администрации Джорджа Буша-младшего",
     "Джорджа Буша-младшего"),                                   # not the town of George in South Africa
])
def test_a_government_named_after_its_leader_holds_a_person(pipeline, text, body, person):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert body in {t.span.text for t in typed if t.label == "organization"}
    assert person in {t.span.text for t in typed if t.label == "person"}


@pytest.mark.parametrize(("text", "body"), [
    ("Шеф полиции Сан-Диего рассказал о преступлении.", "полиции Сан-Диего"),    # a name that does not decline
    ("Выступая в ландтаге Гессена, он назвал эпидемию испытанием.", "ландтаге Гессена"),
    ("Толедо сбежал в США, власти Перу добиваются его экстрадиции.", "власти Перу"),
])
def test_more_common_bodies_of_a_named_place(pipeline, text, body):
    article = run(pipeline, text)
    assert body in {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}


@pytest.mark.parametrize(("text", "speaker"), [
    ("Как заявили власти России, удары продолжатся.", "Government of Russia"),
    ("Влада України заявила, що обстріли тривають.", "Government of Ukraine"),
])
def test_a_countrys_authorities_are_its_government_as_in_english(pipeline, text, speaker):
    article = run(pipeline, text)
    assert speaker in {e.canonical for e in article.entities}
    assert [c.speaker for c in article.claims] == [speaker]


def test_a_woman_called_vlada_is_no_authorities(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Влада Іванова розповіла про обстріл."), KB.load())
    assert [(t.span.text, t.label) for t in typed] == [("Влада Іванова", "person")]   # not Ivanovo's authorities


@pytest.mark.parametrize(("text", "department", "parent"), [
    ("Управління житлового господарства Донецької міськради уклало угоду.",
     "Управління житлового господарства Донецької міськради", "Донецької міськради"),
    ("Відділ освіти Зміївської райдержадміністрації уклав угоду.",
     "Відділ освіти Зміївської райдержадміністрації", "Зміївської райдержадміністрації"),
])
def test_a_department_named_before_its_body_holds_it(pipeline, department, parent, text):
    bodies = {t.span.text for t in cyrillic.typed_mentions(run(pipeline, text), KB.load()) if t.label == "organization"}
    assert {department, parent} <= bodies


def test_a_ministry_word_before_a_verb_names_no_body(pipeline):
    article = run(pipeline, "Міністерство перерахувало кошти фірмі.")
    assert not [t for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"]


def test_ukrainian_state_bodies_by_name_and_abbreviation_in_any_case(pipeline):
    article = run(pipeline, "Детективи НАБУ передали справу до суду. Позицію Мін'юсту підтримав Держгеокадастр.")
    bodies = {e.canonical for e in article.entities if e.label == "organization"}
    assert {"National Anti-Corruption Bureau of Ukraine", "Ministry of Justice of Ukraine",
            "State Service of Ukraine for Geodesy, Cartography and Cadastre"} <= bodies


@pytest.mark.parametrize(("text", "language", "echoes"), [
    ("Підряд отримало ТОВ «Дорбудсервіс».\n\nЗа договором «Дорбудсервіс» мав завершити ремонт, "
     "але роботи «Дорбудсервісу» затягнулися.", "uk", {"Дорбудсервіс", "Дорбудсервісу"}),
    ("Поставщиком стало ООО «Промтехснаб». Позже «Промтехснабу» перечислили аванс.", "ru", {"Промтехснабу"}),
])
def test_a_company_named_once_is_the_same_company_in_quotes_elsewhere(pipeline, text, language, echoes):
    article = run(pipeline, text)
    assert article.language == language
    found = {t.span.text for t in cyrillic.entities.typed_mentions(article, KB.load()) if t.label == "organization"}
    assert echoes <= found


@pytest.mark.parametrize(("known", "seen", "same"), [
    ("Онур", "Онуром", True), ("Укргеоекологія", "Укргеоекології", True), ("Альфа", "Альфа", True),
    ("Альфа", "Альфа-Банк", False), ("Київ", "Київстар", False), ("Наші гроші", "Наші гроші Львів", False),
])
def test_a_quoted_name_in_another_case_is_the_same_name(known, seen, same):
    assert cyrillic.entities._same_name(known, seen) is same


def test_no_quoted_name_echoes_without_a_body_named_so():
    assert cyrillic.entities._echoes("Пісня «Щедрик» звучала, а «Щедрика» слухали всі.", []) == []


@pytest.mark.parametrize(("text", "branch", "inner"), [
    ("Штраф наклало Черкаське територіальне відділення АМКУ.", "Черкаське територіальне відділення АМКУ", "АМКУ"),
    ("Справу розслідує Управління СБУ у Чернігівській області.", "Управління СБУ у Чернігівській області", "СБУ"),
    ("Об этом сообщило Главное управление МЧС по Курской области.",
     "Главное управление МЧС по Курской области", "МЧС"),
])
def test_a_branch_of_a_registry_body_is_a_body_holding_it(pipeline, text, branch, inner):
    article = run(pipeline, text)
    typed = cyrillic.typed_mentions(article, KB.load())
    holder = next(t for t in typed if t.span.text == branch)
    assert holder.label == "organization" and holder.holder
    assert any(t.span.text == inner and t.entry is not None for t in typed)


def test_a_registry_body_alone_is_no_branch(pipeline):
    article = run(pipeline, "СБУ у Києві затримала агента, повідомили в службі.")
    assert not any(t.holder for t in cyrillic.typed_mentions(article, KB.load()))


@pytest.mark.parametrize(("text", "language", "name", "cut"), [
    ("Уляна підійшла .", "uk", "Уляна підійшла", "Уляна"),
    ("Пенсійний Фонд вибирає банки", "uk", "Пенсійний Фонд вибирає", "Пенсійний Фонд"),
    ("Ассоциации имени Людвига ван Бетховена", "ru", "Ассоциации имени Людвига ван Бетховена",
     "Ассоциации имени Людвига ван Бетховена"),                      # a particle of a name stays
])
def test_a_name_run_on_into_a_verb_is_cut_before_it(text, language, name, cut):
    from sitroom.extract.cyrillic.parse import NerSpan

    names = cyrillic.Names(KB.load(), language)
    start = text.index(name)
    span = cyrillic.entities._without_clause(NerSpan(start, start + len(name), "LOC", name, name), names)
    assert span.text == cut and span.end == start + len(cut)


@pytest.mark.parametrize(("text", "name"), [
    ("Книжку залишили в Оксаночки на столі .", "Оксаночки"),
    ("Вечеряли ми в Петруся Коваленка .", "Петруся Коваленка"),
])
def test_a_ukrainian_person_the_russian_tagger_placed_is_a_person(pipeline, text, name):
    article = run(pipeline, text)
    typed = {t.span.text: t.label for t in cyrillic.typed_mentions(article, KB.load())}
    assert typed.get(name) == "person"


@pytest.mark.parametrize(("text", "word", "adjective"), [
    ("Лежить на дні Медової ріки .", "Медової", True),         # a village of Medova, but here the river's adjective
    ("Рідні жили в Приазовському , біля моря .", "Приазовському", False),  # the town, no noun after it
])
def test_a_small_place_read_as_the_adjective_of_the_next_noun(text, word, adjective):
    from sitroom.extract.cyrillic.parse import NerSpan

    names = cyrillic.Names(KB.load(), "uk")
    start = text.index(word)
    span = NerSpan(start, start + len(word), "LOC", word, word)
    place = names.place(word, word)
    assert place is not None and place.population < 100_000
    assert cyrillic.entities._adjective_of_next_noun(text, span, place, names) is adjective


@pytest.mark.parametrize(("text", "place"), [
    ("Одеса була одним із найбільших портів імперії .", "Odesa"),
    ("Тоді все змінилося .\nЛьвів зустрів гостей дощем .", "Lviv"),
])
def test_a_large_city_opening_a_ukrainian_sentence_is_a_place(pipeline, text, place):
    assert place in places(run(pipeline, text))


def test_an_ordinary_word_opening_a_sentence_is_no_foreign_place(pipeline):
    article = run(pipeline, "Мені сказали про це вчора . Тема розмови була інша .")
    assert not places(article)


@pytest.mark.parametrize(("text", "canonical"), [
    ("Рішення ухвалили на засіданні Кабінету Міністрів.", "Government of Ukraine"),
    ("Про це повідомили в Міносвіти.", "Ministry of Education and Science of Ukraine"),
    ("Справу розслідує Генпрокуратура.", "Office of the Prosecutor General of Ukraine"),
    ("Про атаку повідомили в Держспецзв’язку.", "State Special Communications Service of Ukraine"),  # typed apostrophe
    ("Про атаку повідомили в Держспецзв'язку.", "State Special Communications Service of Ukraine"),
])
def test_ukrainian_state_bodies_in_any_case_and_with_any_apostrophe(text, canonical):
    from sitroom.extract.cyrillic.names import registry_mentions

    kb = KB.load()
    found = {e.canonical for _, _, e in registry_mentions(text, kb, cyrillic.Names(kb, "uk"))}
    assert canonical in found


def test_a_government_named_in_lower_case_is_the_registry_body_and_speaks(pipeline):
    article = run(pipeline, "Как заявили в правительстве России, поставки будут продолжены.")
    assert [c.speaker for c in article.claims] == ["Government of Russia"]


def test_the_civil_service_in_lower_case_is_no_state_body():
    from sitroom.extract.cyrillic.names import registry_mentions

    kb = KB.load()
    assert registry_mentions("Він пішов на державну службу.", kb, cyrillic.Names(kb, "uk")) == []


@pytest.mark.parametrize(("text", "canonical"), [
    ("Об этом сообщили в Минфине России.", "Ministry of Finance of Russia"),
    ("Заключённого перевели по решению ФСИН.", "Federal Penitentiary Service"),
    ("Жалобу отклонил Мосгорсуд.", "Moscow City Court"),
    ("Санкции затронули Роснефть и Сбербанк.", "Sberbank"),
])
def test_russian_bodies_in_any_case(text, canonical):
    from sitroom.extract.cyrillic.names import registry_mentions

    kb = KB.load()
    assert canonical in {e.canonical for _, _, e in registry_mentions(text, kb, cyrillic.Names(kb, "ru"))}


@pytest.mark.parametrize(("text", "speaker"), [
    ("В четверг Кремль заявил, что переговоры невозможны.", "Government of Russia"),
    ("Как заявили в Кремле, переговоры невозможны.", "Government of Russia"),
    ("В Москве заявили, что удар был нанесён по складу.", "Government of Russia"),
    ("У Києві повідомили, що ракети збито.", "Government of Ukraine"),   # the dictionary reads "Києві" as Кий
])
def test_a_capital_or_its_seat_speaks_for_its_government_as_in_english(pipeline, text, speaker):
    assert [c.speaker for c in run(pipeline, text).claims] == [speaker]


def test_a_capital_where_others_speak_is_no_speaker(pipeline):
    claims = run(pipeline, "В Москве прошёл концерт, сообщили организаторы.").claims
    assert "Government of Russia" not in {c.speaker for c in claims}


def test_a_bodys_other_names_in_parentheses_are_one_entity_with_it(pipeline):
    article = run(pipeline, "Организация «Сеть поддержки выборов» (Election Support Network, ESN) назвала итоги.")
    bodies = [e for e in article.entities if e.label == "organization"]
    assert [(e.canonical, [m.text for m in e.mentions]) for e in bodies] == [
        ("Сеть поддержки выборов", ["Сеть поддержки выборов", "Election Support Network", "ESN"])]


def test_a_country_in_parentheses_after_a_body_stays_a_place(pipeline):
    article = run(pipeline, "В среду федеральный суд Сан-Франциско (США) обязал компанию выплатить компенсацию.")
    assert "United States" in places(article)
    assert "США" not in {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "organization"}


@pytest.mark.parametrize(("text", "name", "inside"), [
    ("Делегація працювала у Східній Європі два тижні .", "Східній Європі", "Європі"),
    ("Переправу навели через річку біля Південного Бугу .", "Південного Бугу", "Бугу"),
    ("Эксперты обсудили ситуацию на Ближнем Востоке и в Центральной Азии .", "Центральной Азии", "Азии"),
    ("Біженці з Північно-Східної України прибули до Львова .", "Північно-Східної України", "України"),
])
def test_a_compass_word_before_a_place_is_part_of_the_regions_name(pipeline, text, name, inside):
    spans = {t.span.text: t for t in cyrillic.typed_mentions(run(pipeline, text), KB.load()) if t.label == "location"}
    assert name in spans and inside not in spans


def test_a_compass_adjective_of_a_common_noun_joins_no_place(pipeline):
    spans = {t.span.text for t in cyrillic.typed_mentions(run(pipeline, "У Західній частині Києва вимкнули світло ."), KB.load())}
    assert "Західній частині Києва" not in spans and "Києва" in spans


@pytest.mark.parametrize(("text", "law", "country"), [
    ("Рада діяла відповідно до Закону України « Про оборону » , сказав депутат .", "Закону України « Про оборону »", "України"),
    ("Його обвинувачують за статтею 111 КК України .", "КК України", "України"),
    ("Дело возбуждено по статье 207 УК РФ .", "УК РФ", "РФ"),
    ("Суд послался на нормы Уголовного кодекса Российской Федерации .", "Уголовного кодекса Российской Федерации",
     "Российской Федерации"),
])
def test_a_laws_name_is_no_body_and_keeps_its_country_as_a_place(pipeline, text, law, country):
    article = run(pipeline, text)
    typed = {(t.span.text, t.label) for t in cyrillic.typed_mentions(article, KB.load())}
    assert (law, "law") in typed and (country, "location") in typed
    assert not any(label == "organization" for name, label in typed if name in law)
    assert all(law not in e.canonical and law not in {m.text for m in e.mentions} for e in article.entities)


def test_legislation_in_general_is_no_law_by_name(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Це грубе порушення законодавства України ."), KB.load())
    assert not any(t.label == "law" for t in typed)


@pytest.mark.parametrize(("text", "language", "name"), [
    ("Мітинг пройшов у Стрийському парку біля входу .", "uk", "Стрийському парку"),
    ("Фірма зареєстрована на Сейшельських островах .", "uk", "Сейшельських островах"),
    ("Вертолёт упал в воды Чесапикского залива .", "ru", "Чесапикского залива"),
])
def test_a_landmark_named_by_an_adjective_before_its_word_is_one_place(pipeline, text, language, name):
    article = run(pipeline, text)
    assert article.language == language
    assert name in {t.span.text for t in cyrillic.typed_mentions(article, KB.load()) if t.label == "location"}


def test_an_ordinary_word_for_a_park_is_no_landmark(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Водії скаржаться на паркування біля ринку ."), KB.load())
    assert not any(t.label == "location" for t in typed)


@pytest.mark.parametrize(("text", "body", "place", "registry"), [
    # Crimea's parliament, not Ukraine's: a government's name with a region's after it is the region's own
    ("Рішення ухвалила Верховна Рада Автономної Республіки Крим .", "Верховна Рада Автономної Республіки Крим",
     "Crimea", "Verkhovna Rada"),
    # a country the registry's generic ministry does not name
    ("Министерство обороны Республики Беларусь сообщило об учениях .", "Министерство обороны Республики Беларусь",
     "Belarus", "Ministry of Defence"),
    ("Постанову затвердила Рада міністрів Автономної Республіки Крим .", "Рада міністрів Автономної Республіки Крим",
     "Crimea", None),
])
def test_a_body_named_for_another_place_is_that_places_own(pipeline, text, body, place, registry):
    article = run(pipeline, text)
    typed = cyrillic.typed_mentions(article, KB.load())
    assert (body, "organization") in {(t.span.text, t.label) for t in typed}
    assert place in places(article)
    assert registry not in {t.entry.canonical for t in typed if t.entry is not None}
    assert registry not in {a.canonical for a in article.actors}


def test_a_body_named_with_its_own_country_is_the_registrys(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Верховна Рада України ухвалила закон ."), KB.load())
    assert "Verkhovna Rada" in {t.entry.canonical for t in typed if t.entry is not None}


@pytest.mark.parametrize(("text", "body", "registry"), [
    ("Представник Нацгвардії України виступив у суді .", "Нацгвардії України", "National Guard of Ukraine"),
    ("Вона працює в інституті НАН України понад десять років .", "НАН України", None),
    ("Він член-кореспондент НАН України .", "НАН України", None),
])
def test_a_body_named_with_its_countrys_name_after_it_is_one_name(pipeline, text, body, registry):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    bodies = {t.span.text: t for t in typed if t.label == "organization"}
    assert list(bodies) == [body]
    assert (bodies[body].entry.canonical if bodies[body].entry else None) == registry
    assert "України" in {t.span.text for t in typed if t.label == "location"}


@pytest.mark.parametrize(("text", "name", "label"), [
    # a surname the text gives a person is that person again ...
    ("Капітан Олег Калязін приїхав першим . Згодом документи підписав Калязін .", "Калязін", "person"),
    ("Іван Лиман приїхав першим . Згодом про це розповідав Лиман . Бої точаться біля Лимана .", "Лиман", "person"),
    # ... but the town where a word of place stands before it
    ("Іван Лиман приїхав першим . Згодом про це розповідав Лиман . Бої точаться біля Лимана .", "Лимана", "location"),
])
def test_a_name_the_text_gives_a_person_means_that_person_elsewhere_in_it(pipeline, text, name, label):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert label in {t.label for t in typed if t.span.text == name}
    assert len({t.label for t in typed if t.span.text == name}) == 1


@pytest.mark.parametrize("text", ["Відео поширили в Інтернеті вчора .", "Фейки распространяются в Интернете быстро ."])
def test_the_internet_is_no_place_or_body(pipeline, text):
    assert not cyrillic.typed_mentions(run(pipeline, text), KB.load())


def test_a_surname_alone_is_the_registry_person_named_in_full_before(pipeline):
    article = run(pipeline, "Борис Джонсон выступил в парламенте . Позже Джонсон заявил журналистам о новых мерах .")
    assert people(article) == {"Boris Johnson"}
    assert [c.speaker for c in article.claims] == ["Boris Johnson"]


def test_a_full_name_in_two_cases_is_one_person_but_not_a_man_and_a_woman(pipeline):
    article = run(pipeline, "Лиам Хоулетт ушёл из группы . С Лиамом Хоулеттом мы больше не говорили .")
    assert len(people(article)) == 1
    article = run(pipeline, "Олександр Іванов і Олександра Іванова прийшли разом .")
    assert len(people(article)) == 2


@pytest.mark.parametrize("text", [
    "Розділ I\n\nЗАГАЛЬНІ ПОЛОЖЕННЯ\n\nСтаття 1 визначає порядок роботи .",   # a heading in capitals
    "Він щовечора дивився італійський серіал « Спрут » про комісара .",       # a work's title, spaced quotes
])
def test_headings_and_titles_of_works_are_no_bodies(pipeline, text):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert not any(t.label == "organization" for t in typed)


def test_a_bodys_abbreviations_in_capitals_are_no_heading():
    names = cyrillic.Names(KB.load(), "ru")
    assert cyrillic.entities._heading("ЗАГАЛЬНІ ПОЛОЖЕННЯ", cyrillic.Names(KB.load(), "uk"))
    assert not cyrillic.entities._heading("ЦК КПСС", names)


@pytest.mark.parametrize(("text", "word", "place"), [
    ("Він вистрілив у темряву .\n\nКуля пройшла наскрізь .", "Куля", False),       # "bullet", not a village
    ("Школу збудують у с.\nСтаврове наступного року .", "Ставрове", True),         # a village after "с."
])
def test_an_ordinary_word_opening_a_sentence_is_no_village_unless_after_a_settlement_word(pipeline, text, word, place):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert any(t.span.text == word and t.label == "location" for t in typed) is place


@pytest.mark.parametrize(("text", "word"), [
    ("Проект з реконструкції Бортницької станції аерації , яка вже давно потребує ремонту .", "Бортницької"),
    ("Вона вийшла на Студентську алею й закрокувала нею .", "Студентську"),
])
def test_an_unknown_capitalised_adjective_of_the_next_noun_is_no_place(pipeline, text, word):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert not any(t.span.text == word and t.label == "location" for t in typed)


@pytest.mark.parametrize("text", ["Війська РФ вночі атакували Харківщину дронами .",
                                  "Войска России продвинулись под Купянском , сообщили блогеры ."])
def test_a_countrys_troops_named_with_the_country_are_its_armed_forces(pipeline, text):
    article = run(pipeline, text)
    assert ("Russian Armed Forces", "russia") in {(a.canonical, a.side) for a in article.actors}


def test_russias_groups_of_forces_by_their_ukrainian_names(pipeline):
    article = run(pipeline, "Підрозділи угруповання військ « Центр » зайняли вигідніші позиції , заявили в Міноборони РФ .")
    assert "Group of Forces Center (Tsentr)" in {e.canonical for e in article.entities}
    # the ordinary word opening the sentence ("units of") names no body of its own
    assert not any(t.span.text.startswith("Підрозділи") for t in cyrillic.typed_mentions(article, KB.load()))


@pytest.mark.parametrize(("text", "speaker"), [
    ("По словам Лапина , группировка заняла выгодные рубежи .", "Lapin"),     # a man's surname in the genitive
    ("По словам Лапиной , группировка заняла выгодные рубежи .", "Lapina"),   # a woman's
    ("За словами Кузьміної , обстріл тривав годину .", "Kuzmina"),
])
def test_a_surname_after_according_to_is_read_in_the_genitive(pipeline, text, speaker):
    assert [c.speaker for c in run(pipeline, text).claims] == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Как сообщает ТАСС со ссылкой на Минобороны , силы ПВО сбили 20 беспилотников .", "Ministry of Defence of Russia"),
    ("Як повідомляє Укрінформ з посиланням на Міноборони , ворог втратив 1200 осіб .", "Ministry of Defence of Ukraine"),
])
def test_a_bare_ministry_an_agency_relays_is_its_countrys(pipeline, text, speaker):
    assert [c.speaker for c in run(pipeline, text).claims] == [speaker]


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Документи передали до УЦОЯО минулого тижня .", "УЦОЯО", "organization"),   # a body the dictionary abbreviates
    ("Він народився в УРСР і служив у війську .", "УРСР", "location"),            # a state that is no more
    ("Штраф наклали за статтею 130 КУпАП .", "КУпАП", "law"),                     # a code of law alone
])
def test_abbreviations_read_as_bodies_former_states_and_codes(pipeline, text, name, label):
    typed = labels(pipeline, text)
    assert typed.get(name) == label


@pytest.mark.parametrize("text", ["Повідомлення надіслали через СМС учора .", "Обстріл ЗАЕС тривав уночі ."])
def test_common_abbreviations_and_plants_are_no_bodies(pipeline, text):
    assert not any(t.label == "organization" for t in cyrillic.typed_mentions(run(pipeline, text), KB.load()))


def test_a_seat_of_government_on_no_map_is_the_government_a_capital_stays_a_place(pipeline):
    article = run(pipeline, "В четверг Кремль объявил об отставке генералов , а делегация прибыла в Москву .")
    assert "Government of Russia" in {e.canonical for e in article.entities if e.label == "organization"}
    assert "Moscow" in places(article)


@pytest.mark.parametrize(("text", "names"), [
    ("Ягоди виросли на плантаціях у Африці або Центральній Америці .", {"Африці", "Центральній Америці"}),
    ("Князь Лев у Високому Замку довго не витримав .", {"Високому Замку"}),   # an adjective the dictionary reads as a noun first
])
def test_places_apart_over_or_and_a_castle_by_its_adjective(pipeline, text, names):
    typed = {t.span.text for t in cyrillic.typed_mentions(run(pipeline, text), KB.load()) if t.label == "location"}
    assert names <= typed


@pytest.mark.parametrize(("text", "name", "label"), [
    ("У 2010 році у Лондоні відбувся перший конгрес .", "Лондоні", "location"),       # a surname too, after "у"
    ("Усе почалося п'ятнадцять років тому в рідному Харкові .", "Харкові", "location"),  # over an adjective
    ("Вона пішла до Наталі по пораду .", "Наталі", "person"),                          # a given name, not Natal
])
def test_a_large_city_after_a_preposition_of_place_is_a_place_though_a_surname(pipeline, text, name, label):
    typed = labels(pipeline, text)
    assert typed.get(name) == label


@pytest.mark.parametrize(("text", "body"), [
    ("Суд зобов'язав Полтавську облдержадміністрацію скасувати розпорядження .", "Полтавську облдержадміністрацію"),
    ("Він балотується у Бердичівську міськраду від місцевої партії .", "Бердичівську міськраду"),
    ("Акт підписала Сумська районна державна адміністрація .", "Сумська районна державна адміністрація"),
    ("Кошти отримала Чернігівська міська держадміністрація минулого тижня .", "Чернігівська міська держадміністрація"),
    ("Депутат Тульской областной думы предложил закон .", "Тульской областной думы"),
])
def test_a_local_council_or_administration_by_its_places_adjective_is_a_body(pipeline, text, body):
    typed = labels(pipeline, text)
    assert typed.get(body) == "organization"


@pytest.mark.parametrize(("text", "region"), [
    ("Кандидат висувався до Ніжинської райради Чернігівської області від партії .", "Чернігівської області"),
    ("Ділянка лежить у межах Лозівської сільської ради Харківської області .", "Харківської області"),
])
def test_a_council_is_no_place_though_the_region_after_it_is(pipeline, text, region):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert {t.span.text for t in typed if t.label == "location"} == {region}


@pytest.mark.parametrize(("text", "name"), [
    ("Рішення Бучанської міської ради оскаржили . Бучанська міська рада заявила про це .", "Бучанська міська рада"),
    ("Кабінету Міністрів Молдови надіслали лист . Кабінет Міністрів Молдови відповів .", "Кабінет Міністрів Молдови"),
    ("Решение Тверского районного суда обжаловали . Тверской районный суд отказал .", "Тверской районный суд"),
])
def test_a_body_the_registry_does_not_know_is_one_entity_in_every_case(pipeline, text, name):
    bodies = [e for e in run(pipeline, text).entities if e.label == "organization"]
    assert [(e.canonical, len(e.mentions)) for e in bodies] == [(name, 2)]


@pytest.mark.parametrize(("language", "name", "nominative"), [
    ("uk", "Івано-Франківської облради", "Івано-Франківська облрада"),       # each capital of a hyphenated word
    ("uk", "Збройних сил Молдови", "Збройні сили Молдови"),                   # in the plural
    ("ru", "Московского академического театра Сатиры", "Московский академический театр Сатиры"),
    ("uk", "ТОВ «Зоряне небо»", "ТОВ «Зоряне небо»"),                         # a legal form and a quoted name
    ("ru", "Роме", "Роме"),                                                     # Roma or rum: left as it is
])
def test_a_bodys_name_in_the_nominative(language, name, nominative):
    from sitroom.extract.cyrillic.names import Names
    assert Names.of(KB.load(), language).body_name(name) == nominative


@pytest.mark.parametrize(("text", "body", "government"), [
    ("Кабінету Міністрів Молдови надіслали лист .", "Кабінет Міністрів Молдови", False),   # Moldova's, not Ukraine's
    ("Кабінет Міністрів України ухвалив постанову .", "Government of Ukraine", True),       # its own country
    ("Кабмін передав Литві документи .", "Government of Ukraine", True),                    # a country it gives to
])
def test_a_registry_body_named_with_another_countrys_name_is_a_body_of_its_own(pipeline, text, body, government):
    bodies = {e.canonical for e in run(pipeline, text).entities if e.label == "organization"}
    assert body in bodies
    assert ("Government of Ukraine" in bodies) == government


@pytest.mark.parametrize("text", [
    "Навіть клімат тут особливий .",              # an ordinary word left after a particle
    "М’який клімат і тиша допомогли одужати .",   # an adjective and an ordinary noun opening a sentence
    "Цю гору насипали за півстоліття .",          # a pronoun opening it
    "Полагодив усі крани в квартирі .",           # a verb opening it
])
def test_an_ordinary_phrase_opening_a_sentence_is_no_place(pipeline, text):
    assert not any(t.label == "location" for t in cyrillic.typed_mentions(run(pipeline, text), KB.load()))


def test_an_adjective_before_a_word_for_a_kind_of_place_opening_a_sentence_may_be_a_name(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Лиса гора височіла над містом ."), KB.load())
    assert {t.span.text for t in typed if t.label == "location"} == {"Лиса гора"}


@pytest.mark.parametrize(("text", "place"), [
    ("Після армії він вчився у Бахмачі на електрика .", "Bakhmach"),        # a town of 17,000, a surname too
    ("Він працює на шахті в сусідньому Торезі .", "Chystyakove"),           # over an adjective; renamed since
])
def test_a_town_in_the_locative_after_in_is_a_place_though_a_surname(pipeline, text, place):
    assert places(run(pipeline, text)) == {place}


@pytest.mark.parametrize(("text", "body"), [
    ("Бійці «Азову» тримали оборону на заводі .", "Azov Brigade"),          # a weak name, in quotes
    ("Командир «Азова» рассказал о потерях противника .", "Azov Brigade"),
    ("Угруповання «Хортиця» повідомило про відбиті штурми .", "Khortytsia Operational-Strategic Group"),
])
def test_a_units_weak_name_in_quotes_is_the_unit(pipeline, text, body):
    assert body in {e.canonical for e in run(pipeline, text).entities if e.label == "organization"}


def test_a_units_weak_name_bare_after_in_is_the_town(pipeline):
    article = run(pipeline, "Беспилотники атаковали нефтебазу в Азове .")
    assert places(article) == {"Azov"} and not any(e.label == "organization" for e in article.entities)


@pytest.mark.parametrize("text", [
    "Командир сказав журналістам : « Коли стемніло , ми вийшли з підвалу » .",  # a quotation a colon brings in
    "Біль вщухав від пігулок , і він заснув .",               # "pain", not Biel in Switzerland
    "Бліде світло ліхтаря падало на підлогу .",               # "pale", not Blida in Algeria
])
def test_an_ordinary_word_opening_a_quotation_or_a_sentence_is_no_place_abroad(pipeline, text):
    assert not any(t.label == "location" for t in cyrillic.typed_mentions(run(pipeline, text), KB.load()))


def test_a_city_of_millions_opening_a_sentence_stays_a_place(pipeline):
    assert "Prague" in places(run(pipeline, "Відповідь надійшла ввечері . Прага прокинулася під дощем ."))


def test_a_given_name_a_foreign_town_bears_is_a_person(pipeline):
    typed = {t.span.text: t.label for t in cyrillic.typed_mentions(
        run(pipeline, "Листи від Катерини приходили до мене щотижня ."), KB.load())}
    assert typed.get("Катерини") == "person"                 # Catherine, not Katerini in Greece


@pytest.mark.parametrize(("text", "body"), [
    ("Его дед служил в Красной армии до 1946 года .", "Красной армии"),   # a name ending in the word for its
    ("Вона вступила до Комуністичної партії ще студенткою .", "Комуністичної партії"),  # kind: villages bear it too
    ("Текст публикуется вместе с решением Суда по этому делу .", "Суда"),  # the Court, though villages are Suda
    ("Гроші надійшли на рахунок в Ощадбанку ще навесні .", "Ощадбанку"),  # institutions the tagger read as places
    ("Поранених доставили до Донецького опікового центру .", "Донецького опікового центру"),
    ("Документи лежать на обліку в Міністерстві .", "Міністерстві"),
])
def test_a_body_named_by_the_word_for_its_kind_is_no_place(pipeline, text, body):
    assert labels(pipeline, text).get(body) == "organization"


@pytest.mark.parametrize(("text", "government"), [
    ("В заявлении Даунинг-стрит говорится, что помощь Украине будет продолжена .", "Government of the United Kingdom"),
    ("Єлисейський палац заявив , що Франція передасть Україні нові ракети .", "Government of France"),
])
def test_a_seat_of_government_speaks_for_it_in_russian_and_ukrainian(pipeline, text, government):
    assert government in {e.canonical for e in run(pipeline, text).entities if e.label == "organization"}


@pytest.mark.parametrize(("language", "name", "country"), [
    ("uk", "Об'єднаних Арабських Еміратів", "United Arab Emirates"),   # headed by its first noun, plural
    ("uk", "Сполучених Штатів Америки", "United States"),
    ("ru", "Объединённых Арабских Эмиратах", "United Arab Emirates"),  # a participle first
])
def test_a_countrys_name_headed_by_a_plural_noun_in_any_case(language, name, country):
    place = cyrillic.Names.of(KB.load(), language).place(name, name)
    assert place is not None and place.name == country


def test_a_country_the_tagger_took_for_a_person_is_a_place(pipeline):
    assert places(run(pipeline, "Делегація прибула з Об'єднаних Арабських Еміратів у вівторок .")) == {
        "United Arab Emirates"}


@pytest.mark.parametrize(("text", "state"), [
    ("Він служив у Радянському Союзі до 1991 року .", "Радянському Союзі"),
    ("Прадед жил ещё в Российской империи .", "Российской империи"),
    ("Місто належало Речі Посполитій .", "Речі Посполитій"),
])
def test_a_former_state_by_its_name_is_a_place_on_no_map(pipeline, text, state):
    typed = [(t.span.text, t.label, t.place) for t in cyrillic.typed_mentions(run(pipeline, text), KB.load())]
    assert (state, "location", None) in typed


def test_a_hero_of_a_former_state_is_a_title_not_a_place(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "На зустріч прийшли ветерани , Герої Радянського Союзу ."), KB.load())
    assert not any("Союзу" in t.span.text for t in typed if t.label == "location")


@pytest.mark.parametrize("text", [
    "Будівництво почалося у центрі Івано-Франківська .",          # a hyphenated town the tagger took for a person
    "Пожежа Станіславова ( Івано-Франківська ) сталася давно .",  # a name in parentheses, spaced as tokenised text
])
def test_a_hyphenated_town_is_one_place_whole(pipeline, text):
    typed = list(labels(pipeline, text).items())
    assert ("Івано-Франківська", "location") in typed and not any(s.strip() != s for s, _ in typed)


@pytest.mark.parametrize(("text", "address"), [
    ("Уламки впали біля будинку на Оболонському проспекті, 6 .", "Оболонському проспекті, 6"),  # named before the word
    ("Ракета влучила в будинок на вул. Промислова, буд. 29 .", "вул. Промислова, буд. 29"),      # "буд." before the number
    ("Снаряд попал в дом на ул. Садовая, д. 5 .", "ул. Садовая, д. 5"),
    ("Мешканці вулиці Садової , 8 лишилися без світла .", "вулиці Садової , 8"),                # tokenised text
    ("Вибух пролунав на вул Перемоги, 12 уночі .", "вул Перемоги, 12"),                         # "вул" without its point
])
def test_a_street_address_takes_in_its_house_number(pipeline, text, address):
    typed = list(labels(pipeline, text).items())
    assert (address, "location") in typed


@pytest.mark.parametrize(("text", "address"), [
    ("Уламки впали на вул. 40-річчя Перемоги вранці .", "вул. 40-річчя Перемоги"),   # a street named with a number
    ("Пошкоджено будинок на вул. 50 років Жовтня, 239 .", "вул. 50 років Жовтня, 239"),
    ("Снаряд влучив у вул . Лаврська , 12 .", "вул . Лаврська , 12"),                  # tokenised text
])
def test_a_street_named_with_a_number_or_after_a_line_break(pipeline, text, address):
    typed = list(labels(pipeline, text).items())
    assert (address, "location") in typed


@pytest.mark.parametrize(("text", "country"), [
    ("Жоден з них не розшукується за запитом ОАЕ .", "United Arab Emirates"),
    ("Переговоры прошли при посредничестве ОАЭ .", "United Arab Emirates"),
])
def test_a_country_by_its_abbreviation(pipeline, text, country):
    assert places(run(pipeline, text)) == {country}


def test_a_street_whose_name_begins_on_the_next_line():
    text = "Обстріляли будинок на пр.\nГагаріна, 201 / 1 у середу ."   # as a page's text may break a line
    article = Article(source="<test>", raw_text=text)
    article.body, article.language = text, "uk"
    typed = cyrillic.typed_mentions(cyrillic.cyrillic_parse(article), KB.load())
    assert ("пр.\nГагаріна, 201 / 1", "location") in [(t.span.text, t.label) for t in typed]


@pytest.mark.parametrize(("text", "named"), [
    ("Уламки впали біля парку Годлевського вночі .", "парку Годлевського"),   # a park named after a person
    ("Рух на мосту Патона перекрили .", "мосту Патона"),
    ("Служба йшла в церкві святого Миколая .", "церкві святого Миколая"),       # a church after its saint
])
def test_a_place_named_after_someone_is_one_place_not_a_person(pipeline, text, named):
    typed = list(labels(pipeline, text).items())
    assert (named, "location") in typed and not any(label == "person" for _, label in typed)


def test_the_airport_of_a_city_leaves_the_city_a_place(pipeline):
    assert "Donetsk" in places(run(pipeline, "Бої йшли за аеропорт Донецька всю зиму ."))


@pytest.mark.parametrize("text", [
    "Обстріл почався на Великдень , а перемир'я на Різдво ніхто не дотримав .",
    "Перемирие на Рождество и на Пасху так и не объявили .",
])
def test_the_feasts_of_the_year_are_no_places(pipeline, text):
    assert not any(t.label == "location" for t in cyrillic.typed_mentions(run(pipeline, text), KB.load()))


def test_an_abbreviation_of_an_ordinary_phrase_is_no_body(pipeline):
    text = "У майновому реєстрі за пошуком по ПІБ Філіпчука є дані лише про будинок ."   # "full name"
    assert "ПІБ" not in {t.span.text for t in cyrillic.typed_mentions(run(pipeline, text), KB.load())}


@pytest.mark.parametrize(("name", "place"), [
    ("Кривого Рогу", "Kryvyi Rih"),          # the dictionary lacks "рогу" and "розі" as forms of "ріг"
    ("Кривому Розі", "Kryvyi Rih"),
    ("Малій Токмачці", "Mala Tokmachka"),    # к before і became ц
    ("Великому Бурлуці", "Velykyi Burluk"),
    ("Новому Бузі", "Novyi Buh"),            # г before і became з
])
def test_a_town_of_an_adjective_and_a_noun_the_dictionary_lacks_in_that_case(name, place):
    found = cyrillic.Names.of(KB.load(), "uk").place(name, name)
    assert found is not None and found.name == place


@pytest.mark.parametrize(("text", "name", "body"), [
    ("Кабінет міністрів ухвалив постанову про евакуацію .", "Кабінет міністрів", "Government of Ukraine"),
    ("Виплати затримав Пенсійний фонд України .", "Пенсійний фонд України", None),
])
def test_a_bodys_later_words_in_either_case(pipeline, text, name, body):
    typed = {t.span.text: t for t in cyrillic.typed_mentions(run(pipeline, text), KB.load())}
    assert name in typed and typed[name].label == "organization"
    assert body is None or typed[name].entry.canonical == body


def test_a_bodys_own_word_is_no_town_abroad(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Звернення надійшло до Пенсійного Фонду України ."), KB.load())
    assert not any(t.span.text == "Фонду" for t in typed)             # Fondi is in Italy


@pytest.mark.parametrize(("text", "person"), [
    ("Он получил Гран-при конкурса имени Петра Чайковского .", "Петра Чайковского"),   # a town is called so too
    ("Він закінчив університет імені Т. Г. Шевченка .", "Шевченка"),
])
def test_a_name_after_in_honour_of_is_a_person_not_a_place(pipeline, text, person):
    typed = cyrillic.typed_mentions(run(pipeline, text), KB.load())
    assert not any(t.label == "location" and t.span.text.endswith(person.split()[-1]) for t in typed)


def test_an_ordinary_word_capitalised_in_a_title_is_no_town_abroad(pipeline):
    typed = cyrillic.typed_mentions(run(pipeline, "Он был удостоен звания Герой Социалистического Труда ."), KB.load())
    assert not any(t.label == "location" for t in typed)                # not Gera in Germany


@pytest.mark.parametrize(("text", "expected"), [
    ("Компанія постачала пальне аеропортам Донецька та Львова щороку .", {"Donetsk", "Lviv"}),  # "Донецька та"
    ("Ремонт доріг охопив околиці Полтави та Сум .", {"Poltava", "Sumy"}),    # "Сум": a city in three letters
    ("Обстріли Харкова та Сум тривали всю ніч .", {"Kharkiv", "Sumy"}),
])
def test_places_the_tagger_ran_together_over_and_are_each_a_place(pipeline, text, expected):
    assert places(run(pipeline, text)) == expected
