"""JSON Lines: one article per line, a broken line is one failure and the rest go on.

Each line is an object with ``text`` (plain text) or ``html`` (a page or fragment, run through
the HTML reader), and optionally ``source``, ``id``, ``url``, ``title``, ``published``,
``outlet``, ``language`` or anything else::

    {"source": "000_x.txt", "text": "...", "published": "2024-05-12", "outlet": null}

The record's ``source`` becomes the article's source, else ``FILE:LINE``. Every other key except
``text`` and ``html`` goes into ``meta`` (keys whose value is ``null`` are left out, so a missing
value never hides one found later); when ``html`` is used, the page's metadata fills the keys the
record leaves out. The file is streamed, and ``max_bytes`` applies to each line.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

from sitroom.errors import EmptyInput, InputError, MalformedInput
from sitroom.ingest.decode import check_bytes, check_size, normalize_newlines
from sitroom.model import Article, Failure

_CONTENT_KEYS = ("text", "html")


def read_jsonl(stream: IO[bytes], source: str, *, max_bytes: int) -> Iterator[Article | Failure]:
    """Articles from a JSON Lines stream; a failure (source ``FILE:LINE``) for each bad line.

    Raises :class:`EmptyInput` for a file without records and :class:`BinaryInput` for one that
    is not text at all.
    """
    head = stream.read(8192)
    check_bytes(head, max_bytes=max(max_bytes, len(head)))
    stream.seek(0)
    records = 0
    for n, line, size in _lines(stream, max_bytes):
        if line is not None and not line.strip():
            continue
        records += 1
        try:
            check_size(size, max_bytes, f"line {n}")
            yield _article(line or b"", n, source)
        except InputError as exc:
            yield Failure(f"{source}:{n}", str(exc))
    if not records:
        raise EmptyInput("no records (only blank lines)")


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or ``None`` when cut at ``max_bytes``, size without the newline)."""
    n = 0
    while line := stream.readline(max_bytes + 2):
        n += 1
        if line.endswith(b"\n") or len(line) <= max_bytes:
            yield n, line, len(line.rstrip(b"\r\n"))
            continue
        size = len(line)
        while chunk := stream.readline(1 << 20):
            size += len(chunk.rstrip(b"\r\n"))
            if chunk.endswith(b"\n"):
                break
        yield n, None, size


def _article(line: bytes, n: int, file_source: str) -> Article:
    if n == 1:
        line = line.removeprefix(codecs.BOM_UTF8)
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedInput(
            f"undecodable bytes on line {n}: JSON Lines must be UTF-8 "
            f"(byte 0x{line[exc.start : exc.start + 1].hex()} at column {exc.start + 1})"
        ) from None
    try:
        record = json.loads(text.strip())
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"malformed JSON on line {n}: {exc.msg.removesuffix(' at')} at column {exc.colno}"
        ) from None
    if not isinstance(record, dict):
        raise MalformedInput(
            f"line {n} is a JSON {_json_type(record)}, expected an object with 'text' or 'html'"
        )
    for key in (*_CONTENT_KEYS, "source"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise MalformedInput(
                f"'{key}' on line {n} is a JSON {_json_type(record[key])}, expected a string"
            )
    meta: dict[str, Any] = {k: v for k, v in record.items() if k not in _CONTENT_KEYS and v is not None}
    if (record.get("text") or "").strip():
        raw_text = normalize_newlines(record["text"])
    elif (record.get("html") or "").strip():
        from sitroom.ingest.html import extract_html  # trafilatura loads only for records that carry HTML

        extracted = extract_html(record["html"], url=record.get("url"))
        raw_text = extracted.text
        meta = {**extracted.meta, **meta}
    elif any(key in record for key in _CONTENT_KEYS):
        raise EmptyInput(f"line {n}: '{'text' if 'text' in record else 'html'}' is empty")
    else:
        raise MalformedInput(f"line {n} has neither 'text' nor 'html'")
    source = record.get("source") or ""
    return Article(source=source.strip() or f"{file_source}:{n}", raw_text=raw_text, meta=meta)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
