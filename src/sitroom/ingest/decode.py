"""Bytes to text: size, emptiness and binary checks, BOMs, UTF-8, then detected legacy encodings.

Every reader calls :func:`check_bytes` (or :func:`decode_bytes`, which calls it) before it looks
at content, so a 30 MB PDF renamed ``.txt`` is refused with the same one-line reason whichever
reader it reached. Legacy encodings (cp1251 and koi8-r/koi8-u are common on Russian and
Ukrainian sites) are detected with ``charset_normalizer``; no encoding tables are kept here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from sitroom.errors import BinaryInput, EmptyInput, MalformedInput, TooLarge

#: Leading bytes of formats that are certainly not text, with a name for the reason line.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
)

#: Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Share of invalid bytes tolerated in otherwise valid UTF-8 (scraped text often has a few).
UTF8_ERROR_SHARE = 0.01

_NEWLINES = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was decoded (``replaced``: bytes turned into U+FFFD)."""

    text: str
    encoding: str
    replaced: int = 0


def human_size(n: int) -> str:
    """``31.2 MB``, ``20 MB``, ``1.5 KB``, ``250 bytes``."""
    if n < 1000:
        return f"{n} bytes"
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if n < scale * 1000 or unit == "GB":
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")


def check_size(size: int, max_bytes: int, what: str = "file") -> None:
    """Raise :class:`TooLarge` when ``size`` exceeds ``max_bytes``."""
    if size > max_bytes:
        limit = f"{max_bytes}-byte" if max_bytes < 1000 else human_size(max_bytes)
        raise TooLarge(f"{what} is {human_size(size)}, over the {limit} limit (ingest.max_bytes)")


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format ``data`` starts with, or ``None`` when it may be text."""
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    for magic, name in MAGIC_NUMBERS:
        if data.startswith(magic):
            return name
    if b"\x00" in data[:8192]:
        return "contains NUL bytes"
    return None


def check_bytes(data: bytes, *, max_bytes: int, what: str = "file", allow: tuple[str, ...] = ()) -> None:
    """Size, empty and binary checks shared by every reader.

    ``allow`` names binary kinds the caller expects (a WARC reader allows gzip).
    """
    check_size(len(data), max_bytes, what)
    if not data:
        raise EmptyInput(f"empty {what}")
    kind = sniff_binary(data)
    if kind is not None and kind not in allow:
        hint = "; decompress it first" if "compressed" in kind else ""
        looks = kind if kind.startswith("contains") else f"looks like {kind}"
        raise BinaryInput(f"binary {what} ({looks}), not text{hint}")


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return _NEWLINES.sub("\n", text)


def decode_bytes(
    data: bytes,
    *,
    max_bytes: int,
    declared: str | None = None,
    what: str = "file",
) -> Decoded:
    """Decode ``data`` to text with ``\\n`` newlines.

    Order: BOM; UTF-8; the ``declared`` encoding (an HTML meta tag or HTTP header) when it
    decodes cleanly; UTF-8 with a handful of bad bytes replaced; ``charset_normalizer``.
    Raises :class:`EmptyInput`, :class:`BinaryInput`, :class:`TooLarge` or
    :class:`MalformedInput` (undecodable bytes).
    """
    check_bytes(data, max_bytes=max_bytes, what=what)
    decoded = _decode(data, declared)
    text = normalize_newlines(decoded.text)
    if not text.strip():
        raise EmptyInput(f"{what} holds only whitespace")
    return Decoded(text, decoded.encoding, decoded.replaced)


def _decode(data: bytes, declared: str | None) -> Decoded:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise MalformedInput(
                    f"undecodable bytes: file starts with a {encoding} byte order mark but byte "
                    f"{exc.start + len(bom)} is not valid {encoding}; re-save it as UTF-8"
                ) from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    if declared:
        encoding = _known_encoding(declared)
        if encoding == "iso8859-1":
            encoding = "cp1252"  # as browsers do (WHATWG Encoding Standard)
        if encoding and encoding != "utf-8":
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    best = from_bytes(data).best()
    if best is None:
        bad = data[first_error.start : first_error.start + 1]
        raise MalformedInput(
            f"undecodable bytes: not UTF-8 (byte 0x{bad.hex()} at offset {first_error.start}) and no "
            "known encoding fits; re-save the file as UTF-8"
        )
    return Decoded(str(best), codecs.lookup(best.encoding).name)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes (a truncated or spliced scrape) rather than a legacy encoding."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte >= 20 and replaced <= UTF8_ERROR_SHARE * multibyte:
        return Decoded(text, "utf-8", replaced)
    return None


def _known_encoding(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def declared_charset(head: bytes) -> str | None:
    """The encoding an HTML ``<meta charset>`` or XML declaration names in the first 4 KB."""
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head[:4096])
        if match:
            return match.group(1).decode("ascii")
    return None


def content_type_charset(content_type: str | None) -> str | None:
    """``text/html; charset=windows-1251`` -> ``windows-1251``."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None
