"""jsonl: one article per line; a broken line is one failure and the other lines still count."""

import json
from pathlib import Path

import pytest

from sitroom.ingest import read_inputs
from sitroom.model import Article, Failure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    path.write_bytes(b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines) + b"\n")
    return path


def record(n: int, **extra) -> str:
    return json.dumps({"text": f"Sample report number {n} about a road repair.", **extra})


def test_jsonl_one_broken_line_of_ten(tmp_path):
    lines = [record(n) for n in range(1, 11)]
    lines[2] = '{"text": "unterminated'
    path = write_lines(tmp_path / "batch.jsonl", lines)
    items = list(read_inputs([path]))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) == 9 and len(failures) == 1
    assert failures[0].source == f"{path}:3"
    assert failures[0].reason.startswith(
        "malformed JSON on line 3: Unterminated string starting at column 10"
    )
    assert [a.source for a in articles][:3] == [f"{path}:1", f"{path}:2", f"{path}:4"]


def test_jsonl_fixture_records():
    first, second, third = read_inputs([FIXTURES / "records.jsonl"])
    assert first.source == "a01_bakery.txt"
    assert first.raw_text.split("\n") == [
        "A bakery in the old town reopened on Monday after repairs.",
        "The owner said the ovens had been replaced.",
    ]
    assert first.meta == {"source": "a01_bakery.txt", "published": "2024-05-12"}  # null outlet left out
    assert second.source.endswith("records.jsonl:2")
    assert second.meta == {
        "id": "r2",
        "url": "https://gazette.example/bridge",
        "title": "Bridge inspection",
        "outlet": "Sample Gazette",
        "language": "en",
    }
    assert second.id != "r2"  # the article id stays the content hash
    assert third.source.endswith("records.jsonl:4")  # the blank line 3 is skipped, numbering kept
    assert third.raw_text.startswith("The central library will extend its opening hours")
    assert third.meta == {"title": "Library hours", "published": "2024-05-15"}


def test_jsonl_record_keys_win_over_page_metadata(tmp_path):
    page = (
        "<html><head><title>Page title</title></head><body><article><p>"
        + "Words of the page body here. " * 5
        + "</p></article></body></html>"
    )
    path = write_lines(tmp_path / "r.jsonl", [json.dumps({"html": page, "title": "Record title"})])
    (article,) = read_inputs([path])
    assert article.meta["title"] == "Record title"


def test_jsonl_text_newlines_are_normalised(tmp_path):
    path = write_lines(tmp_path / "r.jsonl", [json.dumps({"text": "one\r\ntwo\rthree"})])
    (article,) = read_inputs([path])
    assert article.raw_text == "one\ntwo\nthree"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": 1', "malformed JSON on line 1: "),
        ("[1, 2]", "line 1 is a JSON array, expected an object with 'text' or 'html'"),
        ('"just a string"', "line 1 is a JSON string, expected an object"),
        ('{"title": "no body"}', "line 1 has neither 'text' nor 'html'"),
        ('{"text": "   "}', "line 1: 'text' is empty"),
        ('{"text": 42}', "'text' on line 1 is a JSON number, expected a string"),
        ('{"text": "ok", "source": ["a"]}', "'source' on line 1 is a JSON array, expected a string"),
        ('{"html": "<div><script>x()</script></div>"}', "HTML fragment holds no text"),
        (
            b'{"text": "caf\xe9"}',
            "undecodable bytes on line 1: JSON Lines must be UTF-8 (byte 0xe9 at column 14)",
        ),
    ],
)
def test_jsonl_bad_line_is_a_failure(tmp_path, line, reason):
    path = write_lines(tmp_path / "bad.jsonl", [line, record(2)])
    failure, article = read_inputs([path])
    assert isinstance(failure, Failure) and isinstance(article, Article)
    assert failure.source == f"{path}:1"
    assert reason in failure.reason
    assert "\n" not in failure.reason


def test_jsonl_line_over_the_limit_is_a_failure(tmp_path):
    long_text = "word " * 100
    path = write_lines(tmp_path / "big.jsonl", [record(1), json.dumps({"text": long_text}), record(3)])
    items = list(read_inputs([path], max_bytes=200))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    assert items[1].reason.startswith("line 2 is 512 bytes, over the 200-byte limit")


def test_jsonl_utf8_bom_on_the_first_line_is_ignored(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + record(1).encode() + b"\n")
    (article,) = read_inputs([path])
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\n \n\n", "no records (only blank lines)"),
        (
            b"\x1f\x8b\x08\x00rest",
            "binary file (looks like gzip-compressed data), not text; decompress it first",
        ),
    ],
)
def test_jsonl_empty_or_binary_file_is_a_failure(tmp_path, data, reason):
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    (failure,) = read_inputs([path])
    assert failure == Failure(str(path), reason)


@pytest.mark.shared
def test_jsonl_reads_the_shared_seed_corpus():
    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "seeds.jsonl"
    if not seeds.is_file():
        pytest.skip(f"{seeds} is absent")
    items = list(read_inputs([seeds]))
    assert items and all(isinstance(i, Article) for i in items), [i for i in items if isinstance(i, Failure)][
        :3
    ]
    assert all(a.source.endswith(".txt") for a in items)
    assert len({a.source for a in items}) == len(items)
