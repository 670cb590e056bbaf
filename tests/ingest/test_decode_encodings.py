"""decode: BOMs, UTF-8, declared and detected legacy encodings, newline normalisation."""

import codecs

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sitroom.ingest.decode import (
    content_type_charset,
    declared_charset,
    decode_bytes,
    normalize_newlines,
    sniff_binary,
)

RU = (
    "Вечером в районе порта прозвучали два взрыва, сообщили местные власти. Пострадавших нет.\n"
    "Жители просят уточнить график работы пунктов обогрева на следующей неделе."
)
UK = (
    "Увечері в районі порту пролунали два вибухи, повідомила місцева влада. Постраждалих немає.\n"
    "Мешканці просять уточнити графік роботи пунктів обігріву на наступному тижні."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(RU, "cp1251"), (RU, "koi8-r"), (UK, "cp1251"), (UK, "koi8-u")],
    ids=["ru-cp1251", "ru-koi8-r", "uk-cp1251", "uk-koi8-u"],
)
def test_decode_detects_cyrillic_legacy_encodings(text, encoding):
    decoded = decode_bytes(text.encode(encoding), max_bytes=10_000)
    assert decoded.text == text
    assert decoded.encoding == codecs.lookup(encoding).name


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_decode_strips_byte_order_marks(encoding):
    decoded = decode_bytes(RU.encode(encoding), max_bytes=10_000)
    assert decoded.text == RU
    assert not decoded.text.startswith("\ufeff")


def test_decode_prefers_utf8():
    decoded = decode_bytes(UK.encode("utf-8"), max_bytes=10_000)
    assert (decoded.text, decoded.encoding, decoded.replaced) == (UK, "utf-8", 0)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_decode_normalises_newlines(newline):
    text = "First line.\n\nThird line after a blank one.\n"
    decoded = decode_bytes(text.replace("\n", newline).encode(), max_bytes=10_000)
    assert decoded.text == text


def test_decode_uses_declared_encoding_when_it_fits():
    # koi8-r bytes also decode as cp1251 (to nonsense); the declaration settles it.
    data = RU.encode("koi8-r")
    assert decode_bytes(data, max_bytes=10_000, declared="KOI8-R").text == RU


def test_decode_ignores_unknown_declared_encoding():
    assert decode_bytes(RU.encode("cp1251"), max_bytes=10_000, declared="x-no-such-charset").text == RU


def test_decode_tolerates_a_stray_byte_in_utf8():
    data = RU.encode("utf-8") + b" \xff " + UK.encode("utf-8")
    decoded = decode_bytes(data, max_bytes=10_000)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 1
    assert decoded.text.startswith(RU)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<html><head><meta charset="windows-1251"></head>', "windows-1251"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8-r"),
        (b"<?xml version='1.0' encoding='KOI8-U'?><rss/>", "KOI8-U"),
        (b"<html><body>no declaration</body></html>", None),
    ],
)
def test_decode_reads_declared_charset(head, expected):
    assert declared_charset(head) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", "UTF-8"),
        ('text/html; charset="cp1251"', "cp1251"),
        ("text/html", None),
        (None, None),
    ],
)
def test_decode_reads_content_type_charset(header, expected):
    assert content_type_charset(header) == expected


@given(st.text(min_size=1))
def test_decode_utf8_round_trips_any_text(text):
    data = text.encode("utf-8")
    assume(text.strip() and not text.startswith("\ufeff") and sniff_binary(data) is None)
    decoded = decode_bytes(data, max_bytes=len(data))
    assert decoded.text == normalize_newlines(text)
    assert "\r" not in decoded.text
