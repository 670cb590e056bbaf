"""Stages and the pipeline that chains them.

A stage is a small callable ``Article -> Article`` that declares which article fields it
``requires`` and which it ``assigns`` (as spaCy's ``Language.factory(..., assigns=...)``). The
pipeline checks, when it is built, that every requirement is assigned by an earlier stage or by
the reader, so a misordered pipeline fails at construction rather than halfway through a corpus.

``Pipeline.pipe`` streams articles and routes a failing article to an error policy:
``raise`` stops the run, ``skip`` drops the article, ``record`` keeps it with the failure noted
in ``article.errors``. One bad article never stops a run unless asked to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from sitroom.errors import PipelineError
from sitroom.model import Article, Failure

ErrorPolicy = Literal["raise", "skip", "record"]

#: Fields an article has as soon as a reader produces it.
READER_ASSIGNS: frozenset[str] = frozenset({"source", "raw_text", "id", "meta"})


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


@dataclass(frozen=True)
class FunctionStage:
    """Wraps a plain function as a stage (see :func:`stage`)."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[[Article], Article]

    def __call__(self, article: Article) -> Article:
        return self.func(article)


def stage(
    *, requires: Sequence[str] = (), assigns: Sequence[str] = (), name: str | None = None
) -> Callable[[Callable[[Article], Article]], FunctionStage]:
    """Declare a function ``Article -> Article`` as a stage."""

    def wrap(func: Callable[[Article], Article]) -> FunctionStage:
        return FunctionStage(name or func.__name__, tuple(requires), tuple(assigns), func)

    return wrap


class Pipeline:
    def __init__(self, stages: Iterable[Stage]):
        self.stages: tuple[Stage, ...] = tuple(stages)
        self._check_order()

    def _check_order(self) -> None:
        available = set(READER_ASSIGNS)
        for st in self.stages:
            missing = [r for r in st.requires if r not in available]
            if missing:
                raise PipelineError(
                    f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage "
                    f"assigns; put a stage assigning it before {st.name!r}"
                )
            available.update(st.assigns)

    @property
    def names(self) -> list[str]:
        return [st.name for st in self.stages]

    def __call__(self, article: Article) -> Article:
        for st in self.stages:
            article = st(article)
        return article

    def pipe(self, articles: Iterable[Article], on_error: ErrorPolicy = "record") -> Iterator[Article]:
        for article in articles:
            current = article
            failed = False
            for st in self.stages:
                try:
                    current = st(current)
                except Exception as exc:  # noqa: BLE001 - routed to the error policy
                    if on_error == "raise":
                        raise PipelineError(f"{article.source}: stage {st.name!r} failed: {exc}") from exc
                    failure = Failure(article.source, f"{type(exc).__name__}: {exc}", stage=st.name)
                    current.errors = (*current.errors, failure)
                    failed = True
                    break
            if failed and on_error == "skip":
                continue
            yield current
