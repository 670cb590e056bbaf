"""Files, HTML pages, feeds, WARC archives and JSON Lines in; articles (or failures) out.

    read_inputs(paths) -> Article | Failure, ...
      paths.expand       files, directories (walked, sorted), glob patterns
      paths.detect_kind  extension, else the first bytes
      text.read_text     .txt            one article, lines as they are
      html.read_html     .html .htm      main text + page metadata (trafilatura)
      feed.read_feed     .rss .atom .xml one article per entry with content (feedparser)
      warc.read_warc     .warc[.gz]      one article per HTML response (warcio)
      jsonl.read_jsonl   .jsonl          one article per line
      telegram.read_telegram  .json      one article per message of a Telegram channel export
      decode             bytes -> str, and the size / empty / binary checks they all share

Readers raise :class:`~sitroom.errors.InputError` subclasses; :func:`read_inputs` turns each
into a :class:`~sitroom.model.Failure` with a one-line reason and goes on with the next input,
so one bad file (or one bad line, entry or record inside a container) never stops a run.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from sitroom.errors import InputError
from sitroom.ingest.decode import check_size
from sitroom.ingest.jsonl import read_jsonl
from sitroom.ingest.paths import Kind, detect_kind, expand
from sitroom.ingest.telegram import read_telegram
from sitroom.ingest.text import read_text
from sitroom.model import Article, Failure

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_PATTERNS", "read_file", "read_inputs"]


def _ingest_defaults() -> dict[str, object]:
    text = resources.files("sitroom").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["ingest"]


_DEFAULTS = _ingest_defaults()
#: ``ingest.max_bytes`` and ``ingest.patterns`` from ``sitroom/defaults.toml``.
DEFAULT_MAX_BYTES: int = int(_DEFAULTS["max_bytes"])  # type: ignore[call-overload]
DEFAULT_PATTERNS: tuple[str, ...] = tuple(_DEFAULTS["patterns"])  # type: ignore[arg-type]


def read_inputs(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    patterns: Sequence[str] = DEFAULT_PATTERNS,
) -> Iterator[Article | Failure]:
    """Read every input named by ``paths`` (files, directories, glob patterns), in a stable order.

    Yields an :class:`Article` per text, page, feed entry, WARC response or JSONL line, and a
    :class:`Failure` (``stage="ingest"``) per input that cannot be read. Never raises for one
    bad input. ``max_bytes`` limits each file, or each record of a WARC or JSONL file.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for item in expand(paths, patterns):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_file(item[1], item[0], max_bytes=max_bytes)


def read_file(
    path: Path, source: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Failure]:
    """Articles from one file, whatever its kind; failures instead of exceptions."""
    source = str(path) if source is None else source
    kind: Kind | None = None
    try:
        with path.open("rb") as stream:
            head = stream.read(8192)
            kind = detect_kind(path, head)
            stream.seek(0)
            if kind == "jsonl":
                yield from read_jsonl(stream, source, max_bytes=max_bytes)
                return
            if kind == "warc":
                from sitroom.ingest.warc import read_warc  # (the HTML and feed libraries load when needed)

                yield from read_warc(stream, source, max_bytes=max_bytes)
                return
            check_size(path.stat().st_size, max_bytes)
            data = stream.read()
        if kind == "text":
            yield read_text(data, source, max_bytes=max_bytes)
        elif kind == "html":
            from sitroom.ingest.html import read_html

            yield read_html(data, source, max_bytes=max_bytes)
        elif kind == "telegram":
            yield from read_telegram(data, source, max_bytes=max_bytes)
        else:
            from sitroom.ingest.feed import read_feed

            yield from read_feed(data, source, max_bytes=max_bytes)
    except InputError as exc:
        yield Failure(source, str(exc))
    except OSError as exc:
        yield Failure(source, f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - one input never stops a run
        yield Failure(
            source,
            f"unexpected {type(exc).__name__} in the {kind or 'file'} reader: {exc}; please report it",
        )
