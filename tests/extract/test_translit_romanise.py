"""Romanisation: the official Ukrainian KMU 2010 table, Russian news styles, German."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitroom.extract.translit import german, kmu2010, looks_ukrainian, ru_variants, uk_variants, ukrainian_person


@pytest.mark.parametrize(
    "uk, official",
    [
        # examples printed in the resolution's table
        ("Згорани", "Zghorany"),
        ("Розгон", "Rozghon"),
        ("Щербухи", "Shcherbukhy"),
        ("Гоща", "Hoshcha"),
        ("Юрій", "Yurii"),
        ("Знам'янка", "Znamianka"),
        ("Їжакевич", "Yizhakevych"),
        ("Київ", "Kyiv"),
        ("Харків", "Kharkiv"),
        ("Єнакієве", "Yenakiieve"),
        ("Короп'є", "Koropie"),
        ("Йосипівка", "Yosypivka"),
        ("Стрий", "Stryi"),
        ("Олексій", "Oleksii"),
        ("Ямпіль", "Yampil"),
        ("Феодосія", "Feodosiia"),
        ("Ґалаґан", "Galagan"),
        ("Згурівка", "Zghurivka"),
        ("Вовчанськ", "Vovchansk"),
        ("Куп’янськ", "Kupiansk"),
        ("Ізюм", "Izium"),
        ("Балаклія", "Balakliia"),
        ("Костянтинівка", "Kostiantynivka"),
        ("Сєвєродонецьк", "Sievierodonetsk"),
        ("Біла Церква", "Bila Tserkva"),
        ("Івано-Франківськ", "Ivano-Frankivsk"),
        ("ЗГОРАНИ", "ZGHORANY"),
    ],
)
def test_translit_kmu2010_official_examples(uk, official):
    assert kmu2010(uk) == official


@pytest.mark.parametrize(
    "ru, expected",
    [
        ("Харьков", {"Kharkov"}),
        ("Волчанск", {"Volchansk"}),
        ("Весёлое", {"Vesyoloye", "Vesyoloe", "Veseloye", "Veseloe"}),
        ("Нескучное", {"Neskuchnoye", "Neskuchnoe"}),
        ("Липцы", {"Liptsy", "Liptsi"}),
        ("Изюм", {"Izyum"}),
        ("Балаклея", {"Balakleya"}),
        ("Купянск", {"Kupyansk"}),
        ("Красноармейск", {"Krasnoarmeysk", "Krasnoarmeisk"}),
        ("Константиновка", {"Konstantinovka"}),
        ("Северодонецк", {"Severodonetsk"}),
        ("Запорожье", {"Zaporozhye"}),
        ("Красный Лиман", {"Krasnyy Liman", "Krasny Liman"}),
        ("Ельня", {"Yelnya"}),
    ],
)
def test_translit_russian_news_styles(ru, expected):
    assert expected <= set(ru_variants(ru))


def test_translit_russian_standard_form_first():
    assert ru_variants("Харьков")[0] == "Kharkov"
    assert ru_variants("Красноармейск")[0] == "Krasnoarmeysk"
    assert len(ru_variants("Весёлое Красное Поле", limit=5)) == 5


@pytest.mark.parametrize(
    "uk, older",
    [("Куп'янськ", "Kupyansk"), ("Костянтинівка", "Kostyantynivka"), ("Миколаїв", "Mykolayiv")],
)
def test_translit_ukrainian_older_spellings(uk, older):
    variants = uk_variants(uk)
    assert variants[0] == kmu2010(uk) and older in variants


@pytest.mark.parametrize(
    "cyr, de",
    [("Харків", "Charkiw"), ("Волчанск", "Woltschansk"), ("Одеса", "Odessa"), ("Запоріжжя", "Saporischschja")],
)
def test_translit_german(cyr, de):
    assert german(cyr) == de


def test_translit_german_language_given():
    assert german("Житомир", ukrainian=True) == "Schytomyr"
    assert german("Житомир", ukrainian=False) == "Schitomir"


def test_translit_ukrainian_letters_detected():
    assert looks_ukrainian("Харків") and not looks_ukrainian("Харьков")


KATOTTG = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "katottg"


@pytest.mark.shared
@pytest.mark.skipif(not KATOTTG.is_dir(), reason="../shared/data is absent")
def test_translit_kmu2010_matches_katottg_column():
    path = sorted(KATOTTG.glob("katottg_2*.tsv"))[-1]
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    wrong = [r["name_uk"] for r in rows if kmu2010(r["name_uk"].strip()) != r["name_kmu2010"].strip()]
    assert len(rows) > 20_000 and not wrong[:10]


@pytest.mark.parametrize("name, expected", [
    ("Oleksiy Kharkivskiy", "Oleksii Kharkivskyi"),   # Ukrainian given name: KMU 2010 spelling
    ("Andriy Sample", "Andrii Sample"),
    ("Serhiy Kovalskyy", "Serhii Kovalskyi"),
    ("Aleksey Petrovsky", "Aleksey Petrovsky"),       # a Russian given name keeps the usual English form
    ("Mary Smith", "Mary Smith"),
])
def test_translit_ukrainian_person_names(name, expected):
    assert ukrainian_person(name) == expected
