"""The scope of a question, defined once: a place, an oblast, a box (and, where asked, dates).

The store turns a :class:`Scope` into SQL over its event index (:meth:`Scope.where`); the API's
article lists and the situation report test places against it (:meth:`Scope.holds`). The box is
parsed in one place (:func:`parse_bbox`) for the CLI, the API and the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: (west, south, east, north) in degrees
BBox = tuple[float, float, float, float]


def parse_bbox(text: str | None) -> BBox | None:
    """``"west,south,east,north"`` -> four floats; ``ValueError`` with a one-line reason otherwise."""
    if not text:
        return None
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise ValueError(f"bbox {text!r} must be four numbers west,south,east,north (e.g. 36,49.5,38,50.5)") \
            from None
    if west > east or south > north:
        raise ValueError(f"bbox {text!r}: west must not exceed east, nor south north")
    return west, south, east, north


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a question is about: one place, an oblast and everything in it, a box. Empty: everywhere."""

    place: str | None = None
    region: str | None = None
    bbox: BBox | None = None

    def __bool__(self) -> bool:
        return bool(self.place or self.region or self.bbox)

    def holds(self, canonical: str, admin1: str | None = None, lat: float | None = None,
              lon: float | None = None) -> bool:
        """Whether a place (its canonical name, oblast and coordinates) is inside the scope."""
        if self.place and canonical != self.place:
            return False
        if self.region and canonical != self.region and admin1 != self.region:
            return False
        if self.bbox:
            west, south, east, north = self.bbox
            if lat is None or lon is None or not (west <= lon <= east and south <= lat <= north):
                return False
        return True

    def where(self, place: Any, admin1: Any, lat: Any, lon: Any) -> list[Any]:
        """The same test as SQLAlchemy conditions over columns holding a place's name, oblast and coordinates."""
        conditions = []
        if self.place:
            conditions.append(place == self.place)
        if self.region:
            conditions.append((admin1 == self.region) | (place == self.region))
        if self.bbox:
            west, south, east, north = self.bbox
            conditions.append(lon.between(west, east) & lat.between(south, north))
        return conditions
