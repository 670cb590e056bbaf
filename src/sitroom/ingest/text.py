"""Plain text files: one file, one article, lines kept as they are (the cleaner needs them)."""

from __future__ import annotations

from sitroom.ingest.decode import decode_bytes
from sitroom.model import Article


def read_text(data: bytes, source: str, *, max_bytes: int) -> Article:
    """Decode a text file into an article; ``raw_text`` differs from the file only in newlines.

    Raises an :class:`~sitroom.errors.InputError` for empty, binary, oversized or undecodable input.
    """
    decoded = decode_bytes(data, max_bytes=max_bytes)
    meta: dict[str, object] = {"encoding": decoded.encoding}
    if decoded.replaced:
        meta["replaced_bytes"] = decoded.replaced
    return Article(source=source, raw_text=decoded.text, meta=meta)
