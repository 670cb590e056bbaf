"""``sitroom export``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.app import (EXPORT_SUFFIXES, BBoxOption, ConfigOption, ExportKind, PlaceOption,
                             RegionOption, SinceOption, StatusOption, StoreOption, UntilOption, app, err,
                             settings_for)


@app.command("export", epilog="Examples:\n\n  sitroom export events -o events.csv --region 'Kharkiv Oblast'\n\n"
                              "  sitroom export claims -f jsonl --side russia --since 2024-05-01 > claims.jsonl\n\n"
                              "  sitroom export events -o events.geojson")
def export_command(
    kind: Annotated[ExportKind, typer.Argument(help="events or claims")],
    output: Annotated[str, typer.Option("-o", "--output", help="File to write, or - for standard output.")] = "-",
    fmt: Annotated[Optional[str], typer.Option("-f", "--format",
                                               help="csv (ACLED columns), jsonl, geojson or parquet; "
                                                    "default from the file suffix, else jsonl.")] = None,
    place: PlaceOption = None,
    region: RegionOption = None,
    bbox: BBoxOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    type: Annotated[Optional[str], typer.Option(help="Event type.")] = None,
    status: StatusOption = None,
    claimed_by: Annotated[Optional[str], typer.Option(help="Who asserts the event.")] = None,
    speaker: Annotated[Optional[str], typer.Option(help="Claim speaker.")] = None,
    side: Annotated[Optional[str], typer.Option(help="Speaker side: ukraine, russia, west, ...")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Publishing outlet.")] = None,
    config: ConfigOption = None,
    store: StoreOption = None,
) -> None:
    """Export events or claims from the store for analysts' tools (CSV in ACLED's conventions, GeoJSON, ...)."""
    from sitroom.report.export import export
    from sitroom.store import Store

    settings = settings_for(config, store)
    suffix = Path(output).suffix.lstrip(".").lower() if output != "-" else ""
    if fmt is None and suffix and suffix not in EXPORT_SUFFIXES:
        raise typer.BadParameter(f"unknown output suffix .{suffix}: use .{', .'.join(EXPORT_SUFFIXES)} or pass "
                                 f"--format", param_hint="'--output'")
    fmt = fmt or EXPORT_SUFFIXES.get(suffix, "jsonl")
    filters = {"place": place, "region": region, "bbox": bbox, "since": since, "until": until, "type": type,
               "status": status.value if status else None, "claimed_by": claimed_by, "speaker": speaker, "side": side, "outlet": outlet}
    with Store.open(settings.get("store", "url")) as db:
        if output == "-":
            target = sys.stdout.buffer if fmt == "parquet" else sys.stdout
            rows = export(db, kind.value, fmt, target, **filters)
        else:
            rows = export(db, kind.value, fmt, Path(output), **filters)
    err.print(f"{rows} rows written" + (f" to {output}" if output != "-" else ""), highlight=False)
