"""Which files to read, in which order, and which reader each one needs.

Inputs may be files, directories (walked recursively for names matching the patterns, hidden
entries skipped, sorted so every run reads the same files in the same order) or glob patterns.
A file named explicitly is read whatever its name; its kind comes from the extension and, where
that says nothing or is ambiguous (``.xml``, no extension), from its first bytes.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Literal

from sitroom.ingest.decode import BOMS
from sitroom.model import Failure

Kind = Literal["text", "html", "feed", "warc", "jsonl", "telegram"]

_EXTENSIONS: tuple[tuple[str, Kind], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "telegram"),  # a Telegram Desktop channel export (result.json); other JSON is refused with a reason
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".txt", "text"),
    (".text", "text"),
)
_GLOB_CHARS = re.compile(r"[*?\[]")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


def expand(inputs: Iterable[str | Path], patterns: Sequence[str]) -> Iterator[tuple[str, Path] | Failure]:
    """(source, path) for every file to read, each once; a failure for an input that names nothing."""
    seen: set[Path] = set()
    for given in inputs:
        for item in _expand_one(str(given), patterns):
            if isinstance(item, Failure):
                yield item
                continue
            key = item[1].resolve()
            if key not in seen:
                seen.add(key)
                yield item


def _expand_one(given: str, patterns: Sequence[str]) -> Iterator[tuple[str, Path] | Failure]:
    path = Path(given)
    if path.is_file():
        yield given, path
    elif path.is_dir():
        found = _walk(path, patterns)
        if not found:
            yield Failure(given, f"directory has no files matching {', '.join(patterns)} (ingest.patterns)")
        yield from found
    elif _GLOB_CHARS.search(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            yield Failure(given, "no files match this pattern")
        for match in matches:
            if Path(match).is_dir():
                yield from _walk(Path(match), patterns)
            elif Path(match).is_file():
                yield match, Path(match)
    elif path.exists():
        yield Failure(given, "not a regular file or directory")
    else:
        yield Failure(given, "no such file or directory")


def _walk(root: Path, patterns: Sequence[str]) -> list[tuple[str, Path]]:
    lowered = [p.lower() for p in patterns]
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith(".") or not any(fnmatch.fnmatchcase(name.lower(), p) for p in lowered):
                continue
            path = Path(dirpath) / name
            found.append((str(path), path))
    found.sort(key=lambda item: item[1].relative_to(root).parts)
    return found


def detect_kind(path: Path, head: bytes) -> Kind:
    """The reader for a file, from its extension and, when that is not decisive, its first bytes."""
    name = path.name.lower()
    for ext, kind in _EXTENSIONS:
        if name.endswith(ext):
            return kind
    if name.endswith(".xml"):
        return _markup_kind(head, default="feed")
    return sniff_kind(head)


def sniff_kind(head: bytes) -> Kind:
    """Guess a file's kind from its first few KB (for names without a telling extension)."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            if zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/"):
                return "warc"
        except zlib.error:
            pass
        return "text"  # refused as binary by the text reader, with a reason
    for bom, _ in BOMS:
        head = head.removeprefix(bom)
    start = head.lstrip()
    if start.startswith(b"{"):
        from sitroom.ingest.telegram import looks_like_export

        return "telegram" if looks_like_export(start) else "jsonl"
    if start.startswith(b"<"):
        return _markup_kind(start, default="feed" if start.startswith(b"<?xml") else "html")
    return "text"


def _markup_kind(head: bytes, default: Kind) -> Kind:
    """Feed or HTML, by whichever root element comes first (a feed may quote HTML inside)."""
    feed, html = _FEED_ROOT.search(head), _HTML_START.search(head)
    if feed and (not html or feed.start() < html.start()):
        return "feed"
    return "html" if html else default
