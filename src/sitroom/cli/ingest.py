"""``sitroom ingest``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from sitroom.cli.app import (ConfigOption, InputPaths, StoreOption, WorkersOption, app, default_workers, err,
                             new_summary, progress, settings_for)


@app.command(epilog="Examples:\n\n  sitroom ingest articles/ feed.xml crawl.warc.gz\n\n"
                    "  sitroom ingest 'scrapes/*.txt' --store sqlite:///war.db\n\n"
                    "  sitroom ingest crawl/ --workers 1")
def ingest(
    paths: InputPaths,
    config: ConfigOption = None,
    store: StoreOption = None,
    analyze_after: Annotated[bool, typer.Option("--analyze/--no-analyze",
                                                help="Update the corpus analysis after new articles.")] = True,
    workers: WorkersOption = None,
) -> None:
    """Read articles into the store (idempotent: stored articles are skipped)."""
    from sitroom.process import ingest_paths
    from sitroom.store import Store

    settings = settings_for(config, store)
    with Store.open(settings.get("store", "url")) as db, progress() as bar:
        task = bar.add_task("ingesting", total=None)
        summary = ingest_paths(paths, settings, db, on_item=lambda _: bar.advance(task),
                               workers=workers or default_workers())
        total = db.count()
    for failure in summary.failed:
        err.print(f"[yellow]failed[/] {escape(failure.source)}: {escape(failure.reason)}", highlight=False)
    typer.echo(f"{new_summary(summary)}, {summary.existing} already stored, {len(summary.failed)} failed; "
               f"{total} articles in the store")
    if summary.new and analyze_after:
        from sitroom.process import analyze_store

        result = analyze_store(settings)
        typer.echo(f"analysis updated: {len(result.stories)} stories, {len(result.relations)} relations")
