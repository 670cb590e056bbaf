"""The ``sitroom`` command line: thin wrappers over plain functions in :mod:`sitroom.process`.

This is the only place that reads the process environment and turns errors into exit codes
(see :func:`main`).
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitroom.config import Settings, load_settings
from sitroom.errors import SitroomError
from sitroom.model import Article, Failure

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
BBoxOption = Annotated[Optional[str], typer.Option("--bbox", metavar="W,S,E,N", callback=_bbox,
                                                   help="Box west,south,east,north (degrees).")]
class Status(str, Enum):
    claimed = "claimed"
    reported = "reported"


class ExportKind(str, Enum):
    events = "events"
    claims = "claims"


StatusOption = Annotated[Optional[Status], typer.Option(help="claimed (carried by a claim) or reported "
                                                             "(the outlet's own)")]
InputPaths = Annotated[list[str], typer.Argument(help="Files, directories or glob patterns.", callback=_existing)]
#: output file suffix -> export format
EXPORT_SUFFIXES = {"csv": "csv", "geojson": "geojson", "json": "geojson", "parquet": "parquet", "jsonl": "jsonl"}


def settings_for(config: Path | None, store: str | None = None, **overrides: object) -> Settings:
    return load_settings(config, env=os.environ, overrides={"store.url": store, **overrides})


def progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)


def sample_corpus() -> Path:
    return Path(str(resources.files("sitroom").joinpath("data", "sample")))


@app.command(epilog="Examples:\n\n  sitroom ingest articles/ feed.xml crawl.warc.gz\n\n"
                    "  sitroom ingest 'scrapes/*.txt' --store sqlite:///war.db")
def ingest(
    paths: InputPaths,
    config: ConfigOption = None,
    store: StoreOption = None,
    analyze_after: Annotated[bool, typer.Option("--analyze/--no-analyze",
                                                help="Update the corpus analysis after new articles.")] = True,
) -> None:
    """Read articles into the store (idempotent: stored articles are skipped)."""
    from sitroom.process import ingest_paths
    from sitroom.store import Store

    settings = settings_for(config, store)
    with Store.open(settings.get("store", "url")) as db, progress() as bar:
        task = bar.add_task("ingesting", total=None)
        summary = ingest_paths(paths, settings, db, on_item=lambda _: bar.advance(task))
        total = db.count()
    for failure in summary.failed:
        err.print(f"[yellow]failed[/] {escape(failure.source)}: {escape(failure.reason)}", highlight=False)
    typer.echo(f"{_new(summary)}, {summary.existing} already stored, {len(summary.failed)} failed; "
               f"{total} articles in the store")
    if summary.new and analyze_after:
        from sitroom.process import analyze_store

        result = analyze_store(settings)
        typer.echo(f"analysis updated: {len(result.stories)} stories, {len(result.relations)} relations")


@app.command(epilog="Examples:\n\n  sitroom extract article.txt --json\n\n"
                    "  sitroom extract seeds.jsonl --json > out.jsonl")
def extract(
    paths: InputPaths,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article (JSONL).")] = False,
    config: ConfigOption = None,
) -> None:
    """Extract without storing: print each article as JSON (docs/output-schema.md) or a summary."""
    from sitroom.output import article_json
    from sitroom.process import process, read

    settings = settings_for(config)
    failed = 0
    with progress() as bar:
        task = bar.add_task("extracting", total=None)
        for item in process(read(paths, settings), settings):
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


@app.command(epilog="Examples:\n\n  sitroom analyze seeds.jsonl --json > analysis.json\n\n"
                    "  sitroom analyze --store sqlite:///war.db")
def analyze(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, directories or globs; none = the store.",
                                                         callback=_existing)] = None,
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


@app.command("export", epilog="Examples:\n\n  sitroom export events -o events.csv --region 'Kharkiv Oblast'\n\n"
                              "  sitroom export claims -f jsonl --side russia --since 2024-05-01 > claims.jsonl\n\n"
                              "  sitroom export events -o events.geojson")
def export_command(
    kind: Annotated[ExportKind, typer.Argument(help="events or claims")],
    output: Annotated[str, typer.Option("-o", "--output", help="File to write, or - for standard output.")] = "-",
    fmt: Annotated[Optional[str], typer.Option("-f", "--format",
                                               help="csv (ACLED columns), jsonl, geojson or parquet; "
                                                    "default from the file suffix, else jsonl.")] = None,
    place: Annotated[Optional[str], typer.Option(help="A place's canonical name.")] = None,
    region: Annotated[Optional[str], typer.Option(help="An oblast, including everything in it.")] = None,
    bbox: BBoxOption = None,
    since: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
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


@app.command(epilog="Examples:\n\n  sitroom report --region 'Kharkiv Oblast' --since 2024-05-01 --until 2024-05-31 --out kharkiv.html\n\n"
                    "  sitroom report --place Vovchansk --format md\n\n"
                    "  sitroom report --bbox 36,49.5,38,50.5 --out box.html")
def report(
    place: Annotated[Optional[str], typer.Option(help="A settlement (canonical name).")] = None,
    region: Annotated[Optional[str], typer.Option(help="An oblast, including everything in it.")] = None,
    bbox: BBoxOption = None,
    since: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD")] = None,
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


@app.command(epilog="Examples:\n\n  sitroom serve\n\n  sitroom serve --store sqlite:///war.db --port 9000")
def serve(
    host: Annotated[Optional[str], typer.Option(help="Address to bind (default serve.host: 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port (default serve.port).")] = None,
    config: ConfigOption = None,
    store: StoreOption = None,
) -> None:
    """The web app and REST API (OpenAPI at /api/openapi.json) over the store."""
    from sitroom.api import serve as run_server

    settings = settings_for(config, store, **{"serve.host": host, "serve.port": port})
    err.print(f"serving {settings.get('store', 'url')} at http://{settings.get('serve', 'host')}:"
              f"{settings.get('serve', 'port')}/", highlight=False)
    run_server(settings)


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
    typer.echo(f"{_new(summary)}, {summary.existing} already stored, {len(summary.failed)} failed; "
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


def main() -> None:
    """Entry point: usage errors and sitroom's own errors become one line on stderr and exit code 2."""
    # typer (pinned) vendors click; its usage errors are these classes, not click's own
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx is not None else "")
        sys.exit(0)
    except UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "sitroom"
        message = exc.format_message().replace("Value error, ", "")
        err.print(f"[red]{escape(where)}:[/] {escape(message)}", highlight=False)
        sys.exit(2)
    except SitroomError as exc:
        err.print(f"[red]sitroom:[/] {escape(str(exc))}", highlight=False)
        sys.exit(2)
    except typer.Abort:
        err.print("[red]sitroom:[/] interrupted", highlight=False)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


def _new(summary) -> str:
    replaced = f" ({summary.replaced} in place of a copy with less metadata)" if summary.replaced else ""
    return f"{summary.new} new{replaced}"
