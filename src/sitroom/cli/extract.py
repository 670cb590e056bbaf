"""``sitroom extract``."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from sitroom.cli.app import (ConfigOption, InputPaths, WorkersOption, app, default_workers, err, progress,
                             settings_for)
from sitroom.model import Article, Failure


@app.command(epilog="Examples:\n\n  sitroom extract article.txt --json\n\n"
                    "  sitroom extract seeds.jsonl --json > out.jsonl\n\n"
                    "  sitroom extract crawl/ --json --workers 2 > out.jsonl")
def extract(
    paths: InputPaths,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article (JSONL).")] = False,
    config: ConfigOption = None,
    workers: WorkersOption = None,
) -> None:
    """Extract without storing: print each article as JSON (docs/output-schema.md) or a summary."""
    from sitroom.output import article_json
    from sitroom.process import process, read

    settings = settings_for(config)
    failed = 0
    with progress() as bar:
        task = bar.add_task("extracting", total=None)
        for item in process(read(paths, settings), settings, workers=workers or default_workers()):
            bar.advance(task)
            if isinstance(item, Failure):
                failed += 1
                err.print(f"[yellow]failed[/] {escape(item.source)}: {escape(item.reason)}", highlight=False)
            elif as_json:
                typer.echo(json.dumps(article_json(item), ensure_ascii=False))
            else:
                typer.echo(_summary_line(item))
    if failed and not as_json:
        err.print(f"{failed} input(s) failed")


def _summary_line(article: Article) -> str:
    words = len((article.body or "").split())
    return (f"{article.source}\t{article.outlet or '-'}\t{article.published or '-'}\t{article.language or '-'}\t"
            f"{words} words\t{len(article.removed)} removed\t{article.title or ''}")
