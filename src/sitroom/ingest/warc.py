"""WARC archives (plain or gzipped) via warcio: each HTML response becomes an article.

``source`` is the record's ``WARC-Target-URI``; ``meta["url"]`` is the same and
``meta["fetched"]`` the ``WARC-Date`` (when the page was fetched, which says nothing about when
it was published; ``meta["published"]`` comes only from the page's own metadata). Requests,
metadata, revisits, non-HTML payloads and non-2xx responses are skipped. A broken record is one
failure: the reader looks for the next record header and goes on. ``max_bytes`` applies to each
record's payload, not to the archive.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from sitroom.errors import EmptyInput, InputError, MalformedInput
from sitroom.ingest.decode import check_size, content_type_charset, human_size, sniff_binary
from sitroom.ingest.html import read_html
from sitroom.model import Article, Failure

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP = b"\x1f\x8b\x08"
_RECORD_ERRORS = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    ChunkedDataException,
    zlib.error,
    EOFError,
    ValueError,
    OSError,
)


def read_warc(stream: IO[bytes], source: str, *, max_bytes: int) -> Iterator[Article | Failure]:
    """Articles for the HTML responses in a seekable WARC stream; a failure per broken record.

    Raises :class:`EmptyInput` when the archive holds no HTML response and
    :class:`MalformedInput` when it is not a WARC file at all.
    """
    head = stream.read(16)
    if not head:
        raise EmptyInput("empty file")
    gzipped = head.startswith(_GZIP)
    if not gzipped and not head.startswith(b"WARC/"):
        kind = sniff_binary(head)
        found = (
            f"it looks like {kind}"
            if kind and not kind.startswith("contains")
            else "it does not start with 'WARC/'"
        )
        raise MalformedInput(f"not a WARC file ({found})")
    marker = _GZIP if gzipped else b"\nWARC/"
    n = produced = 0
    pos = 0
    while pos is not None:
        stream.seek(pos)
        records = ArchiveIterator(stream)
        try:
            for record in records:
                n += 1
                item = _read_record(record, n, source, max_bytes)
                if item is not None:
                    produced += 1
                    yield item
            left = _unread(stream, records.offset)
            if left:
                produced += 1
                yield Failure(
                    source,
                    f"WARC record {n + 1}: truncated at the end of the file ({human_size(left)} unread)",
                )
            break
        except _RECORD_ERRORS as exc:
            n += 1
            produced += 1
            yield Failure(source, f"WARC record {n}: {_one_line(exc)}; skipped to the next record")
            pos = _find(stream, marker, records.offset + 1, skip=0 if gzipped else 1)
    if not produced:
        raise EmptyInput(f"WARC file has no HTML responses ({n} records read)")


def _read_record(record: Any, n: int, source: str, max_bytes: int) -> Article | Failure | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    content_type = record.content_type
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type")
    if content_type and not content_type.split(";")[0].strip().lower().startswith(_HTML_TYPES):
        return None
    where = f"WARC record {n}" + (f" ({uri})" if uri else "")
    try:
        payload = _read_upto(record.content_stream(), max_bytes + 1)
        check_size(max(len(payload), record.payload_length), max_bytes, "payload")
        missing = getattr(record.raw_stream, "limit", 0)
        if missing > 0:
            raise MalformedInput(
                f"record is truncated ({human_size(missing)} missing); the archive is incomplete"
            )
        article = read_html(
            payload,
            uri or f"{source}#{n}",
            max_bytes=max_bytes,
            url=uri or None,
            declared=content_type_charset(content_type),
        )
    except InputError as exc:
        return Failure(source, f"{where}: {exc}")
    except _RECORD_ERRORS as exc:
        return Failure(source, f"{where}: payload cannot be read: {_one_line(exc)}")
    fetched = record.rec_headers.get_header("WARC-Date")
    if fetched:
        article.meta["fetched"] = fetched
    return article


def _read_upto(stream: Any, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``, fewer only at its end."""
    chunks: list[bytes] = []
    total = 0
    while total < limit and (chunk := stream.read(min(1 << 16, limit - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _unread(stream: IO[bytes], offset: int) -> int:
    """Bytes after ``offset`` that are not just blank lines (a record cut off by a full disk)."""
    stream.seek(offset)
    rest = stream.read(1 << 16)
    if not rest.strip():
        return 0
    return stream.seek(0, 2) - offset


def _find(stream: IO[bytes], marker: bytes, start: int, *, skip: int) -> int | None:
    """Offset of the next ``marker`` at or after ``start`` (plus ``skip``), or ``None``."""
    stream.seek(start)
    offset, tail = start, b""
    while chunk := stream.read(1 << 20):
        buf = tail + chunk
        hit = buf.find(marker)
        if hit >= 0:
            return offset - len(tail) + hit + skip
        tail = buf[-(len(marker) - 1) :]
        offset += len(chunk)
    return None


def _one_line(exc: BaseException, limit: int = 120) -> str:
    """The error as one printable line (warcio quotes the raw bytes of a broken header)."""
    text = "".join(ch if ch.isprintable() and ord(ch) < 0x7F else "?" for ch in str(exc).replace("\n", " "))
    text = " ".join(text.split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."
