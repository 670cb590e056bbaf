"""Military units named by number in Russian and Ukrainian (sitroom.extract.cyrillic.units)."""

import pytest

from sitroom.extract.cyrillic.units import find_units
from sitroom.extract.units import find_units as english_units


@pytest.mark.parametrize(("text", "title", "side"), [
    ("Бійці 47-ї окремої механізованої бригади ЗСУ знищили танк.", "47th Separate Mechanized Brigade", "ukraine"),
    ("Штурм отразили бойцы 3-й отдельной штурмовой бригады ВСУ.", "3rd Separate Assault Brigade", "ukraine"),
    ("Подразделения российской 58-й общевойсковой армии продвинулись.", "58th Combined Arms Army", "russia"),
    ("Позиції утримують воїни 92-ї ОШБр.", "92nd Separate Assault Brigade", "ukraine"),  # the army's abbreviation
    ("Українські захисники з 241-ї бригади територіальної оборони.", "241st Territorial Defense Brigade", "ukraine"),
    ("Окупанти перекинули 76-ту десантно-штурмову дивізію.", "76th Air Assault Division", "russia"),
    ("Загинув боєць 128-ї окремої гірсько-штурмової бригади.", "128th Separate Mountain Assault Brigade", None),
    ("Войска встретились с частями 1-й армии США.", "1st Army", None),       # another country's, after it
])
def test_a_unit_by_number_gets_its_english_title_and_the_side_the_text_gives(text, title, side):
    [unit] = find_units(text)
    assert unit.title == title
    assert (unit.side[2] if unit.side else None) == side
    assert text[unit.start:unit.end] == unit.text


@pytest.mark.parametrize("text", [
    "До міста прибули 5 батальйонів резерву.",     # a count, not a unit's number
    "Вони отримали на 2 бригади більше техніки.",
    "У 2014 р. бригаду переформували.",
])
def test_counts_and_years_are_no_units(text):
    assert find_units(text) == []


def test_the_title_is_the_one_english_text_gives_the_unit():
    english = english_units("Ukraine's 47th Separate Mechanized Brigade held the line.")
    [unit] = find_units("Лінію тримала 47-ма окрема механізована бригада ЗСУ.")
    assert [e.canonical for e in english] == [f"{unit.title} ({unit.side[0]})"]


def test_a_unit_the_registry_knows_carries_its_side_unless_the_text_gives_another():
    from sitroom.extract.cyrillic.units import unit_entity
    from sitroom.kb import KB

    registry = KB.load().registry
    [known] = find_units("Село звільнили бійці 3-ї окремої штурмової бригади.")
    entity = unit_entity(known, registry)
    assert known.side is None and (entity.canonical, entity.side) == ("3rd Assault Brigade", "ukraine")
    [other] = find_units("Позиции заняли бойцы 3-й отдельной штурмовой бригады ВС РФ.")
    assert unit_entity(other, registry).side == "russia"
    [unknown] = find_units("Загинув боєць 128-ї окремої гірсько-штурмової бригади.")
    assert unit_entity(unknown, registry) is None
