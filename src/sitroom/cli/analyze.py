"""``sitroom analyze``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sitroom.cli.app import ConfigOption, OptionalPaths, StoreOption, app, progress, settings_for


@app.command(epilog="Examples:\n\n  sitroom analyze seeds.jsonl --json > analysis.json\n\n"
                    "  sitroom analyze --store sqlite:///war.db\n\n"
                    "  sitroom analyze --rebuild --store sqlite:///war.db")
def analyze(
    paths: OptionalPaths = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis document (JSON).")] = False,
    config: ConfigOption = None,
    store: StoreOption = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Redo the store's analysis from scratch in corpus order, instead of extending it "
                          "with the articles it does not hold yet.")] = False,
) -> None:
    """Stories, claim provenance, corroboration, contradictions and outlet framing across articles.

    Over the store (no PATH), the stored analysis is brought up to date: new articles extend it.
    """
    from sitroom.output import analysis_json
    from sitroom.process import analyze_paths, analyze_store

    settings = settings_for(config, store)
    with progress() as bar:
        bar.add_task("analysing", total=None)
        result = analyze_paths(paths, settings) if paths else analyze_store(settings, rebuild=rebuild)
    if as_json:
        typer.echo(json.dumps(analysis_json(result), ensure_ascii=False))
    else:
        contradictions = sum(r.relation == "contradicts" for r in result.relations)
        articles = sum(len(story.articles) for story in result.stories)
        typer.echo(f"{articles} articles, {len(result.stories)} stories, "
                   f"{len(result.claim_groups)} claim groups, {contradictions} contradictions, "
                   f"{len(result.relations) - contradictions} corroborations, {len(result.outlets)} outlets")
