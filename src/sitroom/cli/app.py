"""The Typer app and what its commands share: options, settings, progress, the error console."""

from __future__ import annotations

import os
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitroom.config import Settings, load_settings

app = typer.Typer(
    name="sitroom",
    help="Turn conflict news coverage from outlets with opposite agendas into a sourced situation picture.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)

def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` as four floats (:func:`sitroom.query.parse_bbox`), or a usage error."""
    from sitroom.query import parse_bbox

    try:
        return parse_bbox(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _existing(paths: list[str] | None) -> list[str] | None:
    """Input paths must exist (a glob must match something): a typo stops the run before it starts."""
    import glob

    for path in paths or ():
        if not (Path(path).exists() or (glob.has_magic(path) and glob.glob(path, recursive=True))):
            raise typer.BadParameter(f"no such file or directory: {path}")
    return paths


ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Project settings file (TOML); "
                                                                         "default: $SITROOM_CONFIG if set.")]
StoreOption = Annotated[Optional[str], typer.Option("--store", help="Store URL (default: store.url).")]
WorkersOption = Annotated[Optional[int], typer.Option("--workers", min=1, help="Processes that extract articles, each with "
                                                                     "its own models (default: the machine's cores); "
                                                                     "the output is the same for any number.")]


def default_workers() -> int:
    import os

    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
BBoxOption = Annotated[Optional[str], typer.Option("--bbox", metavar="W,S,E,N", callback=_bbox,
                                                   help="Box west,south,east,north (degrees).")]
class Status(str, Enum):
    claimed = "claimed"
    reported = "reported"


class ExportKind(str, Enum):
    events = "events"
    claims = "claims"


PlaceOption = Annotated[Optional[str], typer.Option(help="A place's canonical name.")]
RegionOption = Annotated[Optional[str], typer.Option(help="An oblast, including everything in it.")]
SinceOption = Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")]
UntilOption = Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")]
StatusOption = Annotated[Optional[Status], typer.Option(help="claimed (carried by a claim) or reported "
                                                             "(the outlet's own)")]
InputPaths = Annotated[list[str], typer.Argument(help="Files, directories or glob patterns.", callback=_existing)]
#: paths that may be left out (a command that then reads the store)
OptionalPaths = Annotated[Optional[list[str]], typer.Argument(help="Files, directories or globs; none = the store.",
                                                              callback=_existing)]
#: output file suffix -> export format
EXPORT_SUFFIXES = {"csv": "csv", "geojson": "geojson", "json": "geojson", "parquet": "parquet", "jsonl": "jsonl"}


def settings_for(config: Path | None, store: str | None = None, **overrides: object) -> Settings:
    return load_settings(config, env=os.environ, overrides={"store.url": store, **overrides})


def progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)


def sample_corpus() -> Path:
    return Path(str(resources.files("sitroom").joinpath("data", "sample")))


def new_summary(summary) -> str:
    replaced = f" ({summary.replaced} in place of a copy with less metadata)" if summary.replaced else ""
    return f"{summary.new} new{replaced}"
