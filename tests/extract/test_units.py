"""Military units named by number and type (sentences written for these tests)."""

import pytest

from sitroom.extract.units import find_units


@pytest.mark.parametrize("text, expected", [
    ("Drones hit positions of the Ukrainian army's 47th mechanised and 110th separate mechanized brigades.",
     {"47th Mechanized Brigade (Ukraine)", "110th Separate Mechanized Brigade (Ukraine)"}),
    ("Russia's 76th Guards Air Assault Division took part in the attack.", {"76th Guards Air Assault Division (Russia)"}),
    ("Soldiers of Ukraine's 3rd Assault Brigade said the road was cut.", {"3rd Assault Brigade (Ukraine)"}),
    ("The 92nd brigade was moved east.", set()),  # no side given: left out, not guessed
    ("On the 3rd day of fighting the town held.", set()),
])
def test_units_named_with_their_side(text, expected):
    assert {u.canonical for u in find_units(text)} == expected


def test_units_keep_every_mention():
    text = "Ukraine's 28th Mechanized Brigade held. Later the Ukrainian 28th mechanised brigade withdrew."
    (unit,) = find_units(text)
    assert unit.side == "ukraine" and len(unit.mentions) == 2


def test_units_an_untyped_number_shares_the_type_named_after_it():
    names = [e.canonical for e in find_units("equipment of Russia's 25th and 41st motor rifle regiments near X")]
    assert names == ["25th Motor Rifle Regiment (Russia)", "41st Motor Rifle Regiment (Russia)"]
    assert [e.canonical for e in find_units("the Ukrainian 28th and 93rd brigades")] == [
        "28th Brigade (Ukraine)", "93rd Brigade (Ukraine)"]
