"""``sitroom eval``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.cli.app import ConfigOption, app, settings_for


@app.command("eval", epilog="Examples:\n\n  sitroom eval ../shared/gold/seeds\n\n"
                            "  sitroom eval gold/ --texts raw/ --json")
def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of *.gold.json files (and corpus.gold.json).")],
    texts: Annotated[Optional[Path], typer.Option("--texts", help="Folder of the raw NNN_<id>.txt files.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Scores as JSON.")] = False,
    config: ConfigOption = None,
) -> None:
    """Score the system against gold annotations, stage by stage."""
    from sitroom.eval import evaluate, format_report
    from sitroom.process import build_pipeline

    from sitroom.link import analyze

    settings = settings_for(config)
    report = evaluate(gold_dir, build_pipeline(settings), settings, texts_dir=texts, analyze=analyze)
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))
