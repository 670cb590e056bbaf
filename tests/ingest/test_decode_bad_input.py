"""decode: empty, binary, oversized and undecodable input are refused with a one-line reason."""

import gzip

import pytest

from sitroom.errors import BinaryInput, EmptyInput, MalformedInput, TooLarge
from sitroom.ingest.decode import check_bytes, check_size, decode_bytes, human_size


def test_decode_refuses_empty_input():
    with pytest.raises(EmptyInput, match="^empty file$"):
        decode_bytes(b"", max_bytes=100)


def test_decode_refuses_whitespace_only_input():
    with pytest.raises(EmptyInput, match="only whitespace"):
        decode_bytes(b" \r\n\t\n", max_bytes=100)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"JFIF", "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04" + b"\x14\x00" * 8, "ZIP archive"),
        (gzip.compress(b"plain words inside"), "gzip-compressed data"),
        (b"word word \x00\x01\x02 word", "contains NUL bytes"),
    ],
)
def test_decode_refuses_binary_input(data, name):
    with pytest.raises(BinaryInput, match=name) as info:
        decode_bytes(data, max_bytes=1000)
    assert str(info.value).startswith("binary file (")
    assert "\n" not in str(info.value)


def test_decode_binary_reason_suggests_decompressing():
    with pytest.raises(BinaryInput, match="decompress it first"):
        decode_bytes(gzip.compress(b"text"), max_bytes=1000)


def test_decode_allows_expected_binary_kinds():
    check_bytes(gzip.compress(b"WARC/1.0"), max_bytes=1000, allow=("gzip-compressed data",))


def test_decode_refuses_input_over_the_limit():
    with pytest.raises(TooLarge) as info:
        decode_bytes(b"a" * 251, max_bytes=250)
    assert str(info.value) == "file is 251 bytes, over the 250-byte limit (ingest.max_bytes)"


def test_decode_too_large_reason_in_megabytes():
    with pytest.raises(TooLarge, match=r"^file is 31.2 MB, over the 20 MB limit \(ingest.max_bytes\)$"):
        check_size(31_200_000, 20_000_000)


def test_decode_size_check_comes_before_content_checks():
    with pytest.raises(TooLarge):
        decode_bytes(b"\x89PNG\r\n\x1a\n" * 10, max_bytes=10)


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0 bytes"), (999, "999 bytes"), (1_500, "1.5 KB"), (20_000_000, "20 MB"), (31_200_000, "31.2 MB")],
)
def test_decode_human_size(n, text):
    assert human_size(n) == text


def test_decode_refuses_undecodable_bytes():
    data = bytes(range(0x80, 0x100)) * 4
    with pytest.raises(MalformedInput, match=r"^undecodable bytes: .*re-save the file as UTF-8$"):
        decode_bytes(data, max_bytes=10_000)


def test_decode_refuses_bytes_that_contradict_their_bom():
    with pytest.raises(MalformedInput, match="utf-8 byte order mark"):
        decode_bytes(b"\xef\xbb\xbfok \xff\xfe not utf-8", max_bytes=1000)
