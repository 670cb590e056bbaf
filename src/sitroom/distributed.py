"""Enrichment on Ray Data (``sitroom ingest --engine ray``), for back-fills too big for one machine.

The reader's articles go to a Ray Dataset in chunks of :data:`CHUNK` (so the driver never holds a
whole back-fill); ``map_batches`` runs them through actors that each build the pipeline once (the
spaCy model, the knowledge base) and process batches of ``nlp.batch_size``; one actor per CPU
Ray grants (``--workers``, default the machine's cores), each asking for one CPU. Order is
preserved (``DataContext.execution_options.preserve_order``), so the results come back in input
order, reader failures in their places, and the store is written by one writer exactly as with
the local engine: the output is the same.

Without ``address`` a local Ray is started with ``num_cpus`` = workers; with one (``--ray-address``,
e.g. ``ray://head:10001`` or ``auto`` on a cluster node) the work runs on that cluster, whose
workers need sitroom installed at the same version. Ray is an optional extra: ``pip install
'sitroom[ray]'``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from sitroom.config import Settings
from sitroom.errors import ConfigError
from sitroom.model import Article, Failure
from sitroom.pipeline import batches

#: reader items handed to Ray per Dataset
CHUNK = 2000


class _Enricher:
    """A Ray actor holding the pipeline; called with batches of article records (JSON strings)."""

    def __init__(self, values: dict[str, dict[str, Any]], build_pipeline: Callable[[Settings], Any]) -> None:
        settings = Settings(values)
        self.pipeline = build_pipeline(settings)
        self.on_error = settings.get("pipeline", "on_error")
        self.batch_size = int(settings.get("nlp", "batch_size"))

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        articles = [Article.from_dict(orjson.loads(record)) for record in batch["record"]]
        done = self.pipeline.pipe(articles, on_error=self.on_error, batch_size=self.batch_size)
        return {"record": [orjson.dumps(article.to_dict()).decode() for article in done]}


def start(address: str | None = None, workers: int | None = None) -> None:
    """Connect to the Ray cluster at ``address``, or start a local one with ``workers`` CPUs."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError("--engine ray needs Ray: pip install 'sitroom[ray]'") from exc
    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, configure_logging=False)


def stop() -> None:
    import ray

    ray.shutdown()


def process_ray(items: Iterable[Article | Failure], settings: Settings, workers: int,
                build_pipeline: Callable[[Settings], Any]) -> Iterator[Article | Failure]:
    """:func:`sitroom.process.process` on Ray Data (call :func:`start` first); same output, same order.
    ``build_pipeline`` makes each actor's pipeline."""
    import ray

    ray.data.DataContext.get_current().execution_options.preserve_order = True
    batch_size = int(settings.get("nlp", "batch_size"))
    for chunk in batches(items, CHUNK):
        records = [orjson.dumps(item.to_dict()).decode() for item in chunk if isinstance(item, Article)]
        done: Iterator[Article] = iter(())
        if records:
            dataset = ray.data.from_items([{"record": r} for r in records]).map_batches(
                _Enricher, fn_constructor_kwargs={"values": settings.values, "build_pipeline": build_pipeline},
                batch_size=batch_size,
                concurrency=max(1, min(workers, len(records) // batch_size + 1)), num_cpus=1)
            done = (Article.from_dict(orjson.loads(row["record"])) for row in dataset.iter_rows())
        for item in chunk:
            yield item if isinstance(item, Failure) else next(done)


def write_parquet(articles: Iterable[Article], path) -> int:
    """Enriched articles as Parquet: one row per article, its index columns and its whole record (JSON)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": a.id, "source": a.source, "outlet": a.outlet, "publisher": a.publisher, "published": a.published,
             "title": a.title, "language": a.language, "claims": len(a.claims), "events": len(a.events),
             "record": orjson.dumps(a.to_dict()).decode()} for a in articles]
    schema = pa.schema([("id", pa.string()), ("source", pa.string()), ("outlet", pa.string()),
                        ("publisher", pa.string()), ("published", pa.string()), ("title", pa.string()),
                        ("language", pa.string()), ("claims", pa.int32()), ("events", pa.int32()),
                        ("record", pa.string())])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)
