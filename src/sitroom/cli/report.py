"""``sitroom report``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.app import (BBoxOption, ConfigOption, PlaceOption, RegionOption, SinceOption, StoreOption,
                             UntilOption, app, err, settings_for)


@app.command(epilog="Examples:\n\n  sitroom report --region 'Kharkiv Oblast' --since 2024-05-01 --until 2024-05-31 --out kharkiv.html\n\n"
                    "  sitroom report --place Vovchansk --format md\n\n"
                    "  sitroom report --bbox 36,49.5,38,50.5 --out box.html")
def report(
    place: PlaceOption = None,
    region: RegionOption = None,
    bbox: BBoxOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: Annotated[Optional[str], typer.Option(help="Report title.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, md or json")] = "html",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write (default: standard output).")] = None,
    tile_url: Annotated[Optional[str], typer.Option(help="Map tile URL template (default: report.tile_url).")] = None,
    config: ConfigOption = None,
    store: StoreOption = None,
) -> None:
    """A situation report for a place and a time window: developments by story, each sentence cited and
    marked confirmed / claimed / contested, contradictions, map, timeline, outlet framing."""
    from sitroom.process import write_report

    settings = settings_for(config, store, **{"report.tile_url": tile_url})
    text = write_report(settings, fmt=fmt, place=place, region=region, bbox=bbox, since=since, until=until,
                        title=title)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
        err.print(f"report written to {out}", highlight=False)
