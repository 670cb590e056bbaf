"""text: one file, one article; lines kept exactly, newlines normalised."""

import pytest

from sitroom.errors import EmptyInput
from sitroom.ingest import read_inputs
from sitroom.ingest.text import read_text
from sitroom.model import Article, Failure

TEXT = (
    "Officials in the fictional town of Norvik said a convoy reached the depot on Tuesday.\n"
    "\n"
    "   An indented line the cleaner may want to see as it is.\n"
    "[Sample Wire attribution]\n"
)


def test_text_keeps_lines_unchanged():
    article = read_text(TEXT.encode(), "notes.txt", max_bytes=10_000)
    assert isinstance(article, Article)
    assert article.raw_text == TEXT
    assert article.source == "notes.txt"
    assert article.meta == {"encoding": "utf-8"}
    assert article.id  # content hash, set by the record


def test_text_normalises_crlf_only(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode())
    (article,) = read_inputs([path])
    assert article.raw_text == TEXT


def test_text_source_is_the_path_as_given(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A line of sample text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (article,) = read_inputs(["sub/a.txt"])
    assert article.source == "sub/a.txt"


def test_text_records_the_legacy_encoding(tmp_path):
    path = tmp_path / "ru.txt"
    text = "Колонна техники прошла через мост утром, сообщили в районной администрации.\n"
    path.write_bytes(text.encode("cp1251"))
    (article,) = read_inputs([path])
    assert article.raw_text == text
    assert article.meta["encoding"] == "cp1251"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_text_empty_file_is_a_failure(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    (failure,) = read_inputs([path])
    assert isinstance(failure, Failure)
    assert failure.stage == "ingest"
    assert failure.source == str(path)
    with pytest.raises(EmptyInput):
        read_text(data, "empty.txt", max_bytes=100)


def test_text_image_named_txt_is_a_failure(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (failure,) = read_inputs([path])
    assert failure.reason == "binary file (looks like PNG image), not text"


def test_text_too_large_is_a_failure(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    (failure,) = read_inputs([path], max_bytes=100)
    assert failure.reason == "file is 500 bytes, over the 100-byte limit (ingest.max_bytes)"


def test_text_undecodable_is_a_failure(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    (failure,) = read_inputs([path])
    assert failure.reason.startswith("undecodable bytes: ")
