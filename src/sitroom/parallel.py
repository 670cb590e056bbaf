"""Articles processed in several processes, each holding its own models; results in input order.

The reader's items are cut into batches of ``nlp.batch_size``; each batch's articles go to a worker
process that built the pipeline once (:func:`_start`), and its results come back in the order the
items were read, failures of the reader kept in their places. At most ``2 x workers`` batches are
in flight, so memory stays bounded on any input size. An input that fits in one batch is processed
here, without starting workers; a batch whose worker died is processed here too. Processes are forked where the platform allows (the parent's loaded
modules are shared), else spawned.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any

from sitroom.config import Settings
from sitroom.model import Article, Failure
from sitroom.pipeline import batches

_WORKER: dict[str, Any] = {}  # the pipeline of this worker process
log = logging.getLogger(__name__)


def _start(values: dict[str, dict[str, Any]], build_pipeline: Callable[[Settings], Any]) -> None:
    settings = Settings(values)
    _WORKER.update(pipeline=build_pipeline(settings), on_error=settings.get("pipeline", "on_error"),
                   batch_size=int(settings.get("nlp", "batch_size")))


def _run(articles: list[Article]) -> list[Article]:
    out = list(_WORKER["pipeline"].pipe(articles, on_error=_WORKER["on_error"], batch_size=_WORKER["batch_size"]))
    for article in out:
        article.parsed = None  # the spaCy Doc stays in the worker; nothing after extraction reads it
    return out


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def process_parallel(items: Iterable[Article | Failure], settings: Settings, workers: int,
                     build_pipeline: Callable[[Settings], Any],
                     local: Callable[[list[Article | Failure]], Iterator[Article | Failure]],
                     ) -> Iterator[Article | Failure]:
    """:func:`sitroom.process.process` over ``workers`` processes (see the module docstring):
    ``build_pipeline`` makes each worker's pipeline, ``local`` processes an input of one batch here."""
    batch_size = int(settings.get("nlp", "batch_size"))
    source = iter(items)
    first = list(islice(source, batch_size))
    following = list(islice(source, batch_size))
    if not following:  # one batch: not worth a process
        yield from local(first)
        return
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start,
                             initargs=(settings.values, build_pipeline)) as pool:
        pending: deque[tuple[list[Article | Failure], Future | None]] = deque()
        for batch in batches(chain(first, following, source), batch_size):
            articles = [item for item in batch if isinstance(item, Article)]
            try:
                pending.append((batch, pool.submit(_run, articles) if articles else None))
            except BrokenProcessPool:
                pending.append((batch, _BROKEN))
            if len(pending) >= 2 * workers:
                yield from _merge(*pending.popleft(), local)
        while pending:
            yield from _merge(*pending.popleft(), local)


_BROKEN: Any = object()  # a batch the pool could not take: it is processed here


def _merge(batch: list[Article | Failure], future: Future | None,
           local: Callable[[list[Article | Failure]], Iterator[Article | Failure]]) -> Iterator[Article | Failure]:
    try:
        if future is _BROKEN:
            raise BrokenProcessPool("the pool was broken before this batch")
        done = iter(future.result() if future is not None else ())
    except BrokenProcessPool:
        # a worker died (out of memory, killed): this batch, and any after it, are processed here,
        # so the run goes on with the same output, one process slower
        log.warning("a worker process died; processing its batch of %d items in the main process", len(batch))
        yield from local(batch)
        return
    for item in batch:
        yield item if isinstance(item, Failure) else next(done)
