"""Genders for "he" and "she": the first-name table, titles and roles, the registry's field."""

import subprocess
import sys
from pathlib import Path

from sitroom.extract import gender
from sitroom.kb.registry import Registry
from sitroom.model import Actor, Span

REPO = Path(__file__).resolve().parents[2]


def test_first_names_hold_clear_names_and_leave_out_shared_ones():
    names = gender.first_names()
    assert names["olena"] == "f" and names["iryna"] == "f" and names["oleh"] == "m" and names["mykola"] == "m"
    assert names["ursula"] == "f" and names["antonin"] == "m"
    assert "sasha" not in names and "kim" not in names  # given to both: the article has to say


def test_name_gender_reads_the_first_name_or_a_role_word():
    assert gender.name_gender("Tetiana Koval") == "f"
    assert gender.name_gender("Spokeswoman Anna Vold") == "f"
    assert gender.name_gender("Mr Yevhen Koval") == "m"
    assert gender.name_gender("Koval") is None  # a surname alone says nothing
    assert gender.name_gender("Sasha Koval") is None


def actors(body: str, *names: str) -> list[Actor]:
    return [Actor(Span(body.index(n), body.index(n) + len(n)), n, "person") for n in names]


def test_genders_from_titles_roles_and_pronouns_in_the_same_sentence():
    body = ("Ms Robin Vale met Casey Stone, a spokesman for the port. Later, Kris Lane said his unit had moved. "
            "Jo Park spoke. She left.")
    found = gender.genders(body, actors(body, "Robin Vale", "Casey Stone", "Kris Lane", "Jo Park"))
    assert found["Robin Vale"] == "f" and found["Casey Stone"] == "m" and found["Kris Lane"] == "m"
    assert "Jo Park" not in found  # a pronoun of the next sentence could be anyone's


def test_genders_take_the_registry_first():
    registry = Registry.load()
    body = "Kaja Kallas spoke in Brussels."
    assert gender.genders(body, actors(body, "Kaja Kallas"), registry) == {"Kaja Kallas": "f"}


def test_every_registry_person_has_a_gender_and_the_file_is_up_to_date():
    registry = Registry.load()
    people = [e for e in registry.entries if e.label == "person"]
    assert people and all(e.gender in ("m", "f") for e in people)
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "registry_genders.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_genders_count_the_first_name_once_however_often_the_person_is_named():
    body = ("Olena Koval spoke about his unit. Later Olena Koval returned with his men. "
            "Olena Koval left with his car.")
    found = gender.genders(body, [Actor(Span(m, m + 11), "Olena Koval", "person")
                                  for m in (0, body.index("Olena", 5), body.rindex("Olena"))])
    assert found == {"Olena Koval": "m"}  # three pronouns in the person's own sentences outweigh the name
