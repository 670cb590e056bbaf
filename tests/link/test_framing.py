"""Outlet framing profiles (sitroom.link.framing), on small invented articles."""

from __future__ import annotations

import json

import pytest

from sitroom.errors import ConfigError
from sitroom.link.framing import Lexicon, lexicon, profile, profile_outlets
from sitroom.model import Article, Claim, Entity, Event, Mention, Span


def doc(body: str = "", outlet: str | None = "Test Outlet", **extra) -> Article:
    for key in ("claims", "events", "entities"):
        extra[key] = tuple(extra.get(key, ()))
    return Article(source="t.txt", raw_text=body, outlet=outlet, body=body, **extra)


def claim(speaker: str | None, kind: str | None = "organization", hedged=False, negated=False) -> Claim:
    return Claim("t:c1", speaker or "", "said", Span(0, 1), "", speaker_kind=kind, hedged=hedged, negated=negated)


def event(status: str) -> Event:
    return Event("t:e1", "attack", Span(0, 1), status=status)


def place(canonical: str, *mentions: tuple[str, int]) -> Entity:
    return Entity(canonical, "location", tuple(Mention(text, Span(at, at + len(text))) for text, at in mentions))


MOSCOW_STYLE = [
    doc("Units advanced west of Kharkov overnight. The special military operation goes on, officials in "
        "Kiev were told, and two hamlets were liberated.", outlet="Northern Herald",
        title="Kiev loses ground near Kharkov"),
    doc("Fighting near Kharkov continued as troops liberated a rail depot.", outlet="Northern Herald"),
]
KYIV_STYLE = [
    doc("Shelling hit Kharkiv again. Since the invasion began, Kyiv has asked for air defence; the "
        "occupied villages east of Kharkiv remain cut off.", outlet="Dnipro Daily"),
]


def test_framing_russian_usage_leans_positive():
    p = profile(MOSCOW_STYLE)
    choices = p["lexical_choices"]
    assert choices["Kiev/Kyiv"] | {"forms": None} == {
        "kind": "place", "russian_side": 2, "ukrainian_side": 0, "neutral": 0, "lean": 1.0, "forms": None}
    assert choices["Kharkov/Kharkiv"]["russian_side"] == 3  # the title counts too
    assert choices["liberated/captured"]["lean"] == 1.0
    assert choices["special military operation/invasion"]["lean"] == 1.0
    assert p["overall_lean"] == 1.0 and p["pairs_observed"] == 4
    assert p["articles"] == 2 and p["words"] == 32
    top = p["evidence"][0]
    assert top == {"pair": "Kharkov/Kharkiv", "russian_side": 3, "ukrainian_side": 0, "lean": 1.0,
                   "examples": {"Kharkov": 3}}


def test_framing_ukrainian_usage_leans_negative():
    p = profile(KYIV_STYLE)
    assert p["overall_lean"] == -1.0
    assert p["lexical_choices"]["Kharkov/Kharkiv"]["forms"] == {"Kharkiv": 2}
    assert p["lexical_choices"]["liberated/captured"]["forms"] == {"occupied": 1}
    assert {e["pair"] for e in p["evidence"]} == {
        "Kharkov/Kharkiv", "Kiev/Kyiv", "liberated/captured", "special military operation/invasion"}


def test_framing_mixed_usage_gives_share_difference():
    p = profile([doc("Kiev, Kiev, Kiev and once Kyiv. Liberated, then captured.")])
    assert p["lexical_choices"]["Kiev/Kyiv"]["lean"] == 0.5
    assert p["lexical_choices"]["liberated/captured"]["lean"] == 0.0
    assert p["overall_lean"] == 0.25


@pytest.mark.parametrize(
    ("text", "pair", "russian", "ukrainian"),
    [
        ("KIEV said so.", "Kiev/Kyiv", 1, 0),
        ("Kievan Rus and the Kyiv Independent and Dynamo Kiev.", "Kiev/Kyiv", 0, 0),
        ("Kiev-based analysts.", "Kiev/Kyiv", 1, 0),
        ("the so-called DPR and the self-proclaimed \u201cLPR\u201d", "DPR/Donetsk Oblast", 0, 2),
        ("the Donetsk People\u2019s Republic and the Donetsk region", "DPR/Donetsk Oblast", 1, 1),
        ("a full-scale invasion", "special military operation/invasion", 0, 1),
        ("the so-called 'special military operation'", "special military operation/invasion", 0, 1),
        ("neo-Nazis, neo Nazis and neonazis", "neo-Nazis/occupiers", 3, 0),
        ("the occupiers and ruscists", "neo-Nazis/occupiers", 0, 2),
        ("the Kiev regime", "Kiev regime/Kremlin regime", 1, 0),
        ("Russia\u2019s war drags on", "Ukrainian crisis/Russia's war", 0, 1),
        ("aid to Ukraine. Crisis talks", "Ukrainian crisis/Russia's war", 0, 0),
        ("troops were regrouping near Artemovsk", "regrouping/retreat", 1, 0),
        ("the retreat from Bakhmut", "Artemovsk/Bakhmut", 0, 1),
        ("Krasnoarmeysk, that is Pokrovsk", "Krasnoarmeysk/Pokrovsk", 1, 1),
        ("Lugansk and Luhansk Oblast", "Lugansk/Luhansk", 1, 1),
        ("Ukrainian militants fired on Ukrainian soldiers", "militants/soldiers", 1, 1),
    ],
)
def test_framing_variant_counts(text, pair, russian, ukrainian):
    c = profile([doc(text)])["lexical_choices"][pair]
    assert (c["russian_side"], c["ukrainian_side"]) == (russian, ukrainian)


def test_framing_distanced_variant_is_shown_with_its_qualifier():
    forms = profile([doc("the so-called DPR")])["lexical_choices"]["DPR/Donetsk Oblast"]["forms"]
    assert forms == {"so-called DPR": 1}


def test_framing_distancing_flips_terms_not_place_spellings():
    c = profile([doc("the so-called Kyiv regime")])["lexical_choices"]
    assert c["Kiev regime/Kremlin regime"]["forms"] == {"so-called Kyiv regime": 1}
    assert c["Kiev regime/Kremlin regime"]["lean"] == -1.0
    assert c["Kiev/Kyiv"]["forms"] == {"Kyiv": 1} and c["Kiev/Kyiv"]["lean"] == -1.0


def test_framing_no_occurrence_gives_null_lean():
    p = profile([doc("Rain fell on the harbour. The ferry was late.")])
    assert all(c["lean"] is None for c in p["lexical_choices"].values())
    assert p["overall_lean"] is None and p["pairs_observed"] == 0 and p["evidence"] == []
    assert p["hedging"] is None and p["unattributed_share"] is None
    assert p["quoted_sides"]["shares"]["russia"] is None


def test_framing_quoted_sides_resolve_speakers_through_registry():
    claims = [
        claim("Ministry of Defence of Russia"),
        claim("Ministry of Defence of Russia"),
        claim("General Staff of the Armed Forces of Ukraine"),
        claim("military sources", kind="unnamed"),
        claim("Qwzx Plorbing Bureau"),
        claim(None, kind=None),
    ]
    q = profile([doc("Statements were issued.", claims=claims)])["quoted_sides"]
    assert q["counts"] == {"ukraine": 1, "russia": 2, "west": 0, "neutral": 0, "other": 0, "unknown": 3}
    assert q["shares"]["russia"] == pytest.approx(2 / 6, abs=1e-4)
    assert q["shares"]["unknown"] == 0.5


def test_framing_quoted_side_prefers_the_article_entity():
    d = doc("x", claims=[claim("Harbour Watch Group")],
            entities=[Entity("Harbour Watch Group", "organization", side="west")])
    assert profile([d])["quoted_sides"]["counts"]["west"] == 1


def test_framing_hedging_negation_and_unattributed_shares():
    claims = [claim("Ministry of Defence of Russia", hedged=True), claim("United Nations", negated=True),
              claim("United Nations", hedged=True), claim("United Nations")]
    events = [event("reported"), event("claimed"), event("reported"), event("reported")]
    p = profile([doc("Claims and events.", claims=claims, events=events)])
    assert p["hedging"] == 0.5 and p["negation"] == 0.25
    assert p["claims"] == {"total": 4, "hedged": 2, "negated": 1}
    assert p["events"] == {"total": 4, "reported": 3, "claimed": 1}
    assert p["unattributed_share"] == 0.75
    assert p["quoted_sides"]["counts"]["neutral"] == 3


def test_framing_profile_outlets_groups_and_buckets_unknown():
    docs = [*MOSCOW_STYLE, *KYIV_STYLE, doc("Kyiv.", outlet=None), doc("Kiev.", outlet=""), Article("u.txt", "Kyiv.", body="Kyiv.")]
    profiles = profile_outlets(iter(docs))
    assert set(profiles) == {"Northern Herald", "Dnipro Daily", "unknown"}
    assert profiles["Northern Herald"]["overall_lean"] > 0 > profiles["Dnipro Daily"]["overall_lean"]
    assert profiles["unknown"]["articles"] == 3
    assert profiles["unknown"]["lexical_choices"]["Kiev/Kyiv"]["lean"] == pytest.approx(-1 / 3, abs=1e-4)
    json.dumps(profiles)  # plain JSON


def test_framing_place_spellings_from_location_mentions_without_body():
    d = doc("", outlet="Wire", entities=[place("Kharkiv", ("Kharkov", 0), ("Kharkov", 20)),
                                         place("Pokrovsk", ("Pokrovsk", 40))])
    c = profile([d])["lexical_choices"]
    assert c["Kharkov/Kharkiv"]["russian_side"] == 2
    assert c["Krasnoarmeysk/Pokrovsk"]["ukrainian_side"] == 1


def test_framing_body_wins_over_location_mentions():
    d = doc("Kharkov", entities=[place("Kharkiv", ("Kharkov", 0))])
    assert profile([d])["lexical_choices"]["Kharkov/Kharkiv"]["russian_side"] == 1


def test_framing_text_whose_casefold_changes_length():
    # "ß" casefolds to "ss": matching falls back to word-by-word folding and keeps offsets right
    forms = profile([doc("Die Straße nach Kiev, dann Kyiv.")])["lexical_choices"]["Kiev/Kyiv"]["forms"]
    assert forms == {"Kiev": 1, "Kyiv": 1}


def test_framing_shipped_lexicon_covers_the_basic_pairs():
    names = {p.name for p in lexicon().pairs}
    assert {"Kiev/Kyiv", "Kharkov/Kharkiv", "Lugansk/Luhansk", "Artemovsk/Bakhmut", "Krasnoarmeysk/Pokrovsk",
            "liberated/captured", "regrouping/retreat", "special military operation/invasion",
            "Kiev regime/Kremlin regime", "neo-Nazis/occupiers", "DPR/Donetsk Oblast", "militants/soldiers",
            "Ukrainian crisis/Russia's war"} <= names
    assert all(p.russia and p.ukraine for p in lexicon().pairs)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[pairs]]\nname = "a"\nrussia = ["x"]\n', "needs a name"),
        ('[[pairs]]\nname = "a"\nrussia = ["x"]\nukraine = ["X"]\n', "two sides"),
        ('[[pairs]]\nname = "a"\nrussia = ["x"]\nukraine = ["y"]\nkind = "person"\n', "kind"),
        ("distancing = []\n", "no \\[\\[pairs"),
        ("pairs = [", "fix the lexicon"),
    ],
)
def test_framing_lexicon_errors(toml, message):
    with pytest.raises(ConfigError, match=message):
        Lexicon.from_toml(toml)


def test_framing_custom_lexicon():
    lex = Lexicon.from_toml('distancing = ["so-called"]\n'
                            '[[pairs]]\nname = "A/B"\nrussia = ["alpha"]\nukraine = ["beta gamma"]\n')
    p = profile([doc("alpha; beta  gamma; beta. gamma; so-called alpha")], lexicon=lex)
    assert list(p["lexical_choices"]) == ["A/B"]
    assert p["lexical_choices"]["A/B"]["forms"] == {"alpha": 1, "beta gamma": 1, "so-called alpha": 1}
    assert p["lexical_choices"]["A/B"]["lean"] == pytest.approx(-1 / 3, abs=1e-4)
