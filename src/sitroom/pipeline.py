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
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar, runtime_checkable

from sitroom.errors import PipelineError
from sitroom.model import Article, Failure

T = TypeVar("T")

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


@dataclass
class DeferredStage:
    """A stage declared now and built at its first article, so a run that never needs it never imports it.

    The pipeline is checked against the declaration when it is built; the stage ``build`` returns
    must declare the same name, requirements and assignments, or its first use raises.
    """

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    build: Callable[[], Stage]
    _built: Stage | None = field(default=None, init=False, repr=False)

    @property
    def stage(self) -> Stage:
        if self._built is None:
            built = self.build()
            declared = (self.name, self.requires, self.assigns)
            if (built.name, tuple(built.requires), tuple(built.assigns)) != declared:
                raise PipelineError(f"stage {built.name!r} declares {built.requires} -> {built.assigns}, "
                                    f"not the {self.requires} -> {self.assigns} it was deferred with")
            self._built = built
        return self._built

    def __call__(self, article: Article) -> Article:
        return self.stage(article)

    def pipe(self, articles: list[Article]) -> list[Article]:
        batched = getattr(self.stage, "pipe", None)
        return list(batched(articles)) if batched is not None else [self.stage(a) for a in articles]


class Pipeline:
    def __init__(self, stages: Iterable[Stage], provided: Iterable[str] = ()):
        """``provided``: fields the caller sets on articles beyond what a reader does."""
        self.stages: tuple[Stage, ...] = tuple(stages)
        self._check_order(set(provided))

    def _check_order(self, provided: set[str]) -> None:
        available = set(READER_ASSIGNS) | provided
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

    def __call__(self, article: Article | str) -> Article:
        """Run every stage on one article (a plain string is taken as an article's raw text)."""
        article = _article(article)
        for st in self.stages:
            article = st(article)
        return article

    def pipe(self, articles: Iterable[Article | str], on_error: ErrorPolicy = "record",
             batch_size: int = 32) -> Iterator[Article]:
        """Stream articles (or raw texts) through the stages, in order, a batch at a time.

        A stage with a ``pipe(articles)`` method gets the whole batch (spaCy parses a batch
        faster than one text at a time); if it fails, it is retried article by article so the
        failure is pinned on the article that caused it.
        """
        for batch in batches((_article(a) for a in articles), batch_size):
            live = list(batch)
            failed: set[int] = set()
            for st in self.stages:
                todo = [a for a in live if id(a) not in failed]
                batched = getattr(st, "pipe", None)
                if batched is not None and len(todo) > 1:
                    try:
                        done = list(batched(todo))
                    except Exception:  # noqa: BLE001 - retried one by one below
                        done = None
                    if done is not None:
                        swap = {id(a): b for a, b in zip(todo, done, strict=True)}
                        live = [swap.get(id(a), a) for a in live]
                        continue
                for k, article in enumerate(live):
                    if id(article) in failed:
                        continue
                    try:
                        live[k] = st(article)
                    except Exception as exc:  # noqa: BLE001 - routed to the error policy
                        if on_error == "raise":
                            raise PipelineError(f"{article.source}: stage {st.name!r} failed: {exc}") from exc
                        failure = Failure(article.source, f"{type(exc).__name__}: {exc}", stage=st.name)
                        article.errors = (*article.errors, failure)
                        failed.add(id(article))
            for article in live:
                if id(article) in failed and on_error == "skip":
                    continue
                yield article


def _article(item: Article | str) -> Article:
    if isinstance(item, str):
        return Article(source="<text>", raw_text=item)
    return item


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True)
class LanguageGate:
    """A stage that runs only on articles of some languages; the others pass through untouched.

    ``languages`` lists ISO 639-1 codes; ``None`` in it stands for an article whose language is
    unknown (an empty or undetected body); with ``exclude`` the stage runs on every other language.
    Name, requirements and assignments are the stage's own, so a pipeline of several languages is
    declared and checked like one of a single language.
    """

    stage: Stage
    languages: frozenset[str | None]
    exclude: bool = False

    def runs_on(self, article: Article) -> bool:
        return (article.language in self.languages) != self.exclude

    @property
    def name(self) -> str:
        return self.stage.name

    @property
    def requires(self) -> tuple[str, ...]:
        return self.stage.requires

    @property
    def assigns(self) -> tuple[str, ...]:
        return self.stage.assigns

    def __call__(self, article: Article) -> Article:
        return self.stage(article) if self.runs_on(article) else article

    def pipe(self, articles: list[Article]) -> list[Article]:
        mine = [a for a in articles if self.runs_on(a)]
        batched = getattr(self.stage, "pipe", None)
        done = list(batched(mine)) if batched is not None and len(mine) > 1 else [self.stage(a) for a in mine]
        swap = {id(a): b for a, b in zip(mine, done, strict=True)}
        return [swap.get(id(a), a) for a in articles]


def for_languages(languages: Iterable[str | None], stages: Iterable[Stage], exclude: bool = False) -> list[Stage]:
    """``stages``, each run only on articles in one of ``languages`` (in none of them with ``exclude``)."""
    chosen = frozenset(languages)
    return [LanguageGate(st, chosen, exclude) for st in stages]
