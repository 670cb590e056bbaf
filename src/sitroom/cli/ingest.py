"""``sitroom ingest``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from sitroom.cli.app import (ConfigOption, InputPaths, StoreOption, WorkersOption, app, default_workers, err,
                             new_summary, progress, settings_for)


class Engine(str, Enum):
    local = "local"
    ray = "ray"


@app.command(epilog="Examples:\n\n  sitroom ingest articles/ feed.xml crawl.warc.gz\n\n"
                    "  sitroom ingest 'scrapes/*.txt' --store sqlite:///war.db\n\n"
                    "  sitroom ingest ChatExport_2024-05-14/result.json   (a Telegram channel export)\n\n"
                    "  sitroom ingest crawl/ --workers 1\n\n"
                    "  sitroom ingest backfill/ --engine ray --ray-address ray://head:10001\n\n"
                    "  sitroom ingest backfill/ --engine ray --out enriched.parquet")
def ingest(
    paths: InputPaths,
    config: ConfigOption = None,
    store: StoreOption = None,
    analyze_after: Annotated[bool, typer.Option("--analyze/--no-analyze",
                                                help="Update the corpus analysis after new articles.")] = True,
    workers: WorkersOption = None,
    engine: Annotated[Engine, typer.Option("--engine", help="Where articles are processed: here (local, "
                                                            "--workers processes) or on Ray Data (ray).")] = Engine.local,
    ray_address: Annotated[Optional[str], typer.Option(
        "--ray-address", help="The Ray cluster to run on (e.g. ray://head:10001, or auto on a cluster node); "
                              "default: a local Ray with --workers CPUs.")] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", help="Write the processed articles to this Parquet file instead of the store.")] = None,
) -> None:
    """Read articles into the store (idempotent: stored articles are skipped).

    New articles extend the stored corpus analysis (stories, relations, claim groups).
    """
    from sitroom.process import ingest_paths

    settings = settings_for(config, store)
    workers = workers or default_workers()
    if out is not None and out.suffix != ".parquet":
        raise typer.BadParameter(f"{out}: --out writes Parquet; name the file .parquet", param_hint="--out")
    if engine is Engine.ray:
        from sitroom.distributed import start

        start(ray_address, workers)
    try:
        if out is not None:
            _to_parquet(paths, settings, out, workers, engine)
            return
        from sitroom.store import Store

        with Store.open(settings.get("store", "url")) as db, progress() as bar:
            task = bar.add_task("ingesting", total=None)
            summary = ingest_paths(paths, settings, db, on_item=lambda _: bar.advance(task), workers=workers,
                                   engine=engine.value)
            total = db.count()
    finally:
        if engine is Engine.ray:
            from sitroom.distributed import stop

            stop()
    for failure in summary.failed:
        err.print(f"[yellow]failed[/] {escape(failure.source)}: {escape(failure.reason)}", highlight=False)
    for note in summary.not_analysed:
        err.print(f"[dim]not analysed[/] {escape(note.source)}: {escape(note.reason)}", highlight=False)
    unread = f", {len(summary.not_analysed)} stored but not analysed (language)" if summary.not_analysed else ""
    typer.echo(f"{new_summary(summary)}, {summary.existing} already stored, {len(summary.failed)} failed{unread}; "
               f"{total} articles in the store")
    if summary.new and analyze_after:
        from sitroom.process import analyze_store

        with progress() as bar:
            bar.add_task("updating the analysis", total=None)
            result = analyze_store(settings)
        typer.echo(f"analysis updated: {len(result.stories)} stories, {len(result.relations)} relations")


def _to_parquet(paths, settings, out: Path, workers: int, engine: Engine) -> None:
    from sitroom.distributed import write_parquet
    from sitroom.model import Article
    from sitroom.process import process, read

    done = process(read(paths, settings), settings, workers=workers, engine=engine.value)
    failed: list = []
    with progress() as bar:
        task = bar.add_task("processing", total=None)

        def articles():
            for item in done:
                bar.advance(task)
                if isinstance(item, Article):
                    failed.extend(item.errors)
                    yield item
                else:
                    failed.append(item)

        written = write_parquet(articles(), out)
    for failure in failed:
        err.print(f"[yellow]failed[/] {escape(failure.source)}: {escape(failure.reason)}", highlight=False)
    typer.echo(f"{written} articles written to {out}, {len(failed)} failed")
