"""``sitroom analyze``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sitroom.cli.app import ConfigOption, OptionalPaths, StoreOption, app, progress, settings_for


@app.command(epilog="Examples:\n\n  sitroom analyze seeds.jsonl --json > analysis.json\n\n"
                    "  sitroom analyze --store sqlite:///war.db")
def analyze(
    paths: OptionalPaths = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis document (JSON).")] = False,
    config: ConfigOption = None,
    store: StoreOption = None,
) -> None:
    """Stories, claim provenance, corroboration, contradictions and outlet framing across articles."""
    from sitroom.output import analysis_json
    from sitroom.process import analyze_paths, analyze_store

    settings = settings_for(config, store)
    with progress() as bar:
        bar.add_task("analysing", total=None)
        result = analyze_paths(paths, settings) if paths else analyze_store(settings)
    if as_json:
        typer.echo(json.dumps(analysis_json(result), ensure_ascii=False))
    else:
        contradictions = sum(r.relation == "contradicts" for r in result.relations)
        typer.echo(f"{len(result.articles)} articles, {len(result.stories)} stories, "
                   f"{len(result.claim_groups)} claim groups, {contradictions} contradictions, "
                   f"{len(result.relations) - contradictions} corroborations, {len(result.outlets)} outlets")
