"""``sitroom demo``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from sitroom.cli.app import ConfigOption, app, err, new_summary, progress, sample_corpus, settings_for


@app.command(epilog="Example:\n\n  sitroom demo --out demo-out")
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the demo store and outputs.")] = Path("demo-out"),
    config: ConfigOption = None,
) -> None:
    """Run the main job on the bundled sample corpus (SAMPLE DATA, invented articles)."""
    from sitroom.output import article_json
    from sitroom.process import ingest_paths
    from sitroom.store import Store

    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "sitroom.db"
    settings = settings_for(config, f"sqlite:///{db_path}")
    corpus = sample_corpus()
    typer.echo(f"Sample corpus (invented articles, sample data): {corpus}")
    with Store.open(settings.get("store", "url")) as db, progress() as bar:
        task = bar.add_task("ingesting sample corpus", total=None)
        summary = ingest_paths([str(corpus)], settings, db, on_item=lambda _: bar.advance(task))
        jsonl = out / "articles.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for article in db.articles():
                fh.write(json.dumps(article_json(article), ensure_ascii=False) + "\n")
        total = db.count()
    for failure in summary.failed:
        err.print(f"[yellow]failed[/] {escape(failure.source)}: {escape(failure.reason)}", highlight=False)
    typer.echo(f"{new_summary(summary)}, {summary.existing} already stored, {len(summary.failed)} failed; "
               f"{total} articles in {db_path}")
    typer.echo(f"Articles as JSON: {jsonl}")
    from sitroom.process import analyze_store, write_report

    result = analyze_store(settings)
    typer.echo(f"Analysis: {len(result.stories)} stories, {len(result.claim_groups)} claim groups, "
               f"{sum(r.relation == 'contradicts' for r in result.relations)} contradictions")
    report_path = out / "report-kharkiv-oblast.html"
    report_path.write_text(write_report(settings, fmt="html", region="Kharkiv Oblast",
                                        title="Kharkiv Oblast (SAMPLE DATA)"), encoding="utf-8")
    (out / "report-kharkiv-oblast.md").write_text(
        write_report(settings, fmt="md", region="Kharkiv Oblast", title="Kharkiv Oblast (SAMPLE DATA)"),
        encoding="utf-8")
    typer.echo(f"Situation report: {report_path.resolve()}  (open it in a browser; Markdown beside it)")
    typer.echo(f"Web app and API: .venv/bin/sitroom serve --store sqlite:///{db_path}  "
               f"then open http://127.0.0.1:{settings.get('serve', 'port')}/")
