"""Plain functions the CLI, the API and the batch runner share: build the pipeline, run it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.clean import clean
from sitroom.clean.metadata import make_language_stage, outlet, published, titles
from sitroom.config import Settings, load_settings
from sitroom.extract import cyrillic
from sitroom.extract.claims import make_claims_stage
from sitroom.extract.entities import make_entities_stage
from sitroom.extract.events import make_events_stage
from sitroom.extract.parse import make_parse_stage
from sitroom.extract.wikidata import wikidata_items
from sitroom.kb import KB
from sitroom.link.propositions import make_propositions_stage
from sitroom.model import Analysis, Article, Failure
from sitroom.pipeline import Pipeline, Stage, for_languages, stage

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported only by the commands that store
    from sitroom.store import Store


#: the languages whose text is analysed; an article in another is stored with a note that it is not
ENGLISH = ("en", None)  # an article whose language is unknown is read as English
ANALYSED = (*ENGLISH, *cyrillic.LANGUAGES)


#: the stage of the note an article in a language that is not analysed carries
NOT_ANALYSED = "language"


@stage(requires=["language"], assigns=["errors"], name="not analysed")
def not_analysed(article: Article) -> Article:
    """An article in a language sitroom has no stages for is stored, and says so."""
    note = Failure(article.source, f"text in {article.language!r} is stored but not analysed "
                   f"(analysed: {', '.join(c for c in ANALYSED if c)})", stage=NOT_ANALYSED)
    article.errors = (*article.errors, note)
    return article


def article_stages(settings: Settings, kb: KB | None = None) -> list[Stage]:
    """The per-article stages, in order; those that need the knowledge base get ``kb`` (loaded once).

    After cleaning and metadata, each language has the stages that fit it, chosen by the detected
    language (:func:`sitroom.pipeline.for_languages`): spaCy's English pipeline, natasha's for
    Russian and Ukrainian (:mod:`sitroom.extract.cyrillic`). Propositions are read the same way in
    every language, from lexicons of each.
    """
    kb = kb or KB.load()
    return [
        clean,
        titles,
        outlet,
        published,
        make_language_stage(tuple(settings.get("language", "candidates"))),
        *for_languages(ENGLISH, [
            make_parse_stage(settings.get("nlp", "model"), int(settings.get("nlp", "batch_size"))),
            make_entities_stage(kb),
            make_claims_stage(kb),
            make_events_stage(kb),
        ]),
        *for_languages(cyrillic.LANGUAGES, cyrillic.stages(kb)),
        *for_languages(ANALYSED, [wikidata_items]),
        make_propositions_stage(kb),
        *for_languages(ANALYSED, [not_analysed], exclude=True),
    ]


def build_pipeline(settings: Settings | None = None, kb: KB | None = None) -> Pipeline:
    return Pipeline(article_stages(settings or load_settings(env={}), kb))


def read(paths: Iterable[str | Path], settings: Settings) -> Iterator[Article | Failure]:
    from sitroom.ingest import read_inputs

    ingest = settings.ingest
    return read_inputs(paths, max_bytes=int(ingest["max_bytes"]), patterns=tuple(ingest["patterns"]))


def process(
    items: Iterable[Article | Failure], settings: Settings, pipeline: Pipeline | None = None, workers: int = 1,
    engine: str = "local",
) -> Iterator[Article | Failure]:
    """Run the pipeline over what a reader produced, in batches; failures pass through at once.

    With ``workers`` > 1 the batches go to that many processes, each holding its own models
    (:func:`sitroom.parallel.process_parallel`); with ``engine="ray"`` they go to Ray Data actors
    (:mod:`sitroom.distributed`; start Ray first). Results come back in input order and are the same
    as with one worker.
    """
    if engine == "ray":
        from sitroom.distributed import process_ray

        yield from process_ray(items, settings, workers, build_pipeline)
        return
    if workers > 1 and pipeline is None:
        from sitroom.parallel import process_parallel

        yield from process_parallel(items, settings, workers, build_pipeline, lambda batch: process(batch, settings))
        return
    pipeline = pipeline or build_pipeline(settings)
    on_error = settings.get("pipeline", "on_error")
    batch_size = int(settings.get("nlp", "batch_size"))
    buffer: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        buffer.append(item)
        if len(buffer) >= batch_size:
            yield from pipeline.pipe(buffer, on_error=on_error, batch_size=batch_size)
            buffer = []
            _settle()
    yield from pipeline.pipe(buffer, on_error=on_error, batch_size=batch_size)


_settled = False


def _settle() -> None:
    """After a process's first batch has loaded the models and the knowledge base, the garbage
    collector stops walking them: millions of long-lived objects it would otherwise re-examine at
    every full collection (a tenth of a second per hundred articles). Once per process."""
    global _settled
    if not _settled:
        import gc

        gc.freeze()
        _settled = True


@dataclass
class IngestSummary:
    new: int = 0
    existing: int = 0
    #: new articles that replaced a stored copy of their text that had no publisher or less metadata
    replaced: int = 0
    failed: list[Failure] = field(default_factory=list)
    #: articles stored in a language sitroom does not analyse (their notes are in the failures table too)
    not_analysed: list[Failure] = field(default_factory=list)


def ingest_paths(
    paths: Iterable[str | Path], settings: Settings, store: Store,
    on_item: Callable[[Article | Failure], None] | None = None, workers: int = 1, engine: str = "local",
) -> IngestSummary:
    """Read, process and store; already stored articles are skipped before processing.

    Each article is committed on its own, so an interrupted run keeps what it stored and a
    re-run adds only what is missing. Failures are recorded in the store and returned. With
    ``workers`` > 1 articles are processed in that many processes and written here, by one
    writer, in input order; ``engine`` is :func:`process`'s.
    """
    summary = IngestSummary()

    def unseen() -> Iterator[Article | Failure]:
        for item in read(paths, settings):
            if isinstance(item, Article) and store.knows(item):
                summary.existing += 1
                if on_item is not None:
                    on_item(item)
            else:
                yield item

    for item in process(unseen(), settings, workers=workers, engine=engine):
        if isinstance(item, Article):
            added = store.add(item)
            if added.new:
                summary.new += 1
                summary.replaced += bool(added.replaced)
            else:  # the same text twice in one run
                summary.existing += 1
            failures = list(item.errors)
        else:
            failures = [item]
        for failure in failures:
            store.add_failure(failure)
            (summary.not_analysed if failure.stage == NOT_ANALYSED else summary.failed).append(failure)
        if on_item is not None:
            on_item(item)
    return summary


def analyze_paths(paths: Iterable[str | Path], settings: Settings) -> Analysis:
    """Extract the articles at ``paths`` and analyse them together (nothing stored)."""
    from sitroom.link import analyze

    return analyze(a for a in process(read(paths, settings), settings) if isinstance(a, Article))


def analyze_store(settings: Settings, rebuild: bool = False) -> Analysis:
    """Bring the stored analysis up to date with the stored articles, and return it.

    The analysis is extended with the articles it does not hold yet, from the working state saved
    with it (:class:`sitroom.link.corpus.CorpusAnalysis`): adding a few articles costs a few
    articles' work, not the corpus's. It is redone from scratch, in corpus order, with ``rebuild``,
    when there is no saved state, when the state was made by another version of the rules, or when
    an article it holds is no longer stored (replaced by a copy that names its publisher).
    """
    from sitroom.link.corpus import STATE_VERSION, CorpusAnalysis
    from sitroom.store import Store

    with Store.open(settings.get("store", "url")) as db, db.analysis_lock():
        ids = db.ids()
        state = None if rebuild else db.load_state()
        if state is not None and (state.get("version") != STATE_VERSION
                                  or not state["stories"]["story_of"].keys() <= set(ids)):
            state = None
        fold = CorpusAnalysis(text_of=db.bodies, state=state)
        todo = [i for i in ids if not fold.known(i)]
        for k in range(0, len(todo), 500):
            chunk = todo[k:k + 500]
            found = db.get_many(chunk)
            fold.add(found[i] for i in chunk if i in found)
        result = fold.result()
        if todo or state is None:
            db.save_analysis(result, state=fold.to_state(), extends=state is not None)
    return result


def write_report(settings: Settings, *, fmt: str = "html", **scope) -> str:
    """A situation report over the store as HTML, Markdown or JSON (see sitroom.report.situation)."""
    import json

    from sitroom.report.situation import build_report, render_html, render_markdown
    from sitroom.store import Store

    with Store.open(settings.get("store", "url")) as db:
        data = build_report(db, **scope)
    if fmt == "html":
        return render_html(data, tile_url=settings.get("report", "tile_url"))
    if fmt == "md":
        return render_markdown(data)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, default=str)
    from sitroom.errors import ConfigError

    raise ConfigError(f"unknown report format {fmt!r}; choose html, md or json")
