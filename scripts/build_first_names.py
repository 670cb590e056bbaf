#!/usr/bin/env python
"""Build the first-name gender table (src/sitroom/data/names/first_names.tsv.gz).

"He" and "she" resolve to the nearest person of a matching gender (sitroom.extract.gender). For
people outside the registry the gender comes from their first name. The source is the name data of
nomquamgender 0.1.4 (Van Buskirk, Clauset and Larremore, MIT License): for each given name, how many
sources and people it was counted in and the share of them who were women, p(gf). This script keeps
the names that were counted for at least ``--min-count`` people in at least ``--min-sources`` of its
sources (words that only a few sources list as names, "Supreme", "Colonel", drop out) and that are
given to one gender at least ``--share`` of the time, and writes them sorted as ``name<TAB>m|f`` lines, gzip-compressed with
a fixed timestamp, so the same source gives the same bytes.

Names given to both ("Jordan", "Sasha", "Kim", "Valery") are left out: for them the article has to
show the gender. The source file is read from the installed nomquamgender package (``pip install
sitroom[build]``) without importing it (it imports pandas), or from ``--source``.

Usage:
    python scripts/build_first_names.py [--source name_data.json] [--out PATH] [--min-count 50] [--share 0.9] [--min-sources 5]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "sitroom" / "data" / "names" / "first_names.tsv.gz"
NAME = re.compile(r"[a-z][a-z'-]*[a-z]")


def source_path() -> Path:
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("nomquamgender is not installed: pip install 'sitroom[build]', or pass --source")
    return Path(next(iter(spec.submodule_search_locations))) / "name_data.json"


def table(data: dict, min_count: int, share: float, min_sources: int) -> list[tuple[str, str]]:
    rows = []
    for name, values in data.items():
        sources, counts, p_female = values[0], values[1], values[2]
        if not NAME.fullmatch(name) or counts < min_count or sources < min_sources:
            continue
        if p_female >= share:
            rows.append((name, "f"))
        elif p_female <= 1 - share:
            rows.append((name, "m"))
    return sorted(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-count", type=int, default=50)
    parser.add_argument("--share", type=float, default=0.9)
    parser.add_argument("--min-sources", type=int, default=5)
    args = parser.parse_args(argv)
    data = json.loads((args.source or source_path()).read_text(encoding="utf-8"))
    rows = table(data, args.min_count, args.share, args.min_sources)
    text = "".join(f"{name}\t{gender}\n" for name, gender in rows).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as out:
        out.write(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(buffer.getvalue())
    women = sum(1 for _, g in rows if g == "f")
    print(f"{len(rows)} names ({women} women's, {len(rows) - women} men's) -> {args.out} "
          f"({len(buffer.getvalue()) // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
