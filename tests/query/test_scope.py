"""One scope definition: the SQL the store runs and the test the API and reports apply agree."""

import pytest
from sqlalchemy import Column, Float, MetaData, String, Table, create_engine, insert, select

from sitroom.query import Scope, parse_bbox

PLACES = [("Vovchansk", "Kharkiv Oblast", 50.29, 36.94), ("Kharkiv Oblast", None, 49.5, 36.5),
          ("Pokrovsk", "Donetsk Oblast", 48.28, 37.18), ("Nowhere", None, None, None)]
SCOPES = [Scope(), Scope(place="Vovchansk"), Scope(region="Kharkiv Oblast"), Scope(bbox=(36.0, 48.0, 37.0, 51.0)),
          Scope(region="Kharkiv Oblast", bbox=(36.8, 50.0, 37.0, 50.5)), Scope(region="Sumy Oblast")]


@pytest.mark.parametrize("scope", SCOPES)
def test_scope_sql_and_python_agree(scope):
    meta = MetaData()
    table = Table("p", meta, Column("place", String), Column("admin1", String), Column("lat", Float),
                  Column("lon", Float))
    engine = create_engine("sqlite://")
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(table), [dict(zip(("place", "admin1", "lat", "lon"), p)) for p in PLACES])
        query = select(table.c.place)
        for condition in scope.where(table.c.place, table.c.admin1, table.c.lat, table.c.lon):
            query = query.where(condition)
        in_sql = set(conn.execute(query).scalars())
    assert in_sql == {p[0] for p in PLACES if scope.holds(*p)}


def test_scope_region_includes_the_oblast_itself_and_what_is_in_it():
    assert [p[0] for p in PLACES if Scope(region="Kharkiv Oblast").holds(*p)] == ["Vovchansk", "Kharkiv Oblast"]


@pytest.mark.parametrize("text, reason", [("1,2,x", "four numbers"), ("1,2,3", "four numbers"),
                                          ("3,0,1,1", "west must not exceed east")])
def test_scope_bbox_reasons(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_bbox(text)
    assert parse_bbox("36,49.5,38,50.5") == (36.0, 49.5, 38.0, 50.5) and parse_bbox("") is None
