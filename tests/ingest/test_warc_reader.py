"""warc: HTML responses become articles; other records are skipped; a broken record is one failure."""

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitroom.ingest import read_inputs
from sitroom.ingest.decode import human_size
from sitroom.model import Article, Failure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()
DATE = "2024-06-01T10:00:00Z"


def response(writer, uri, body, *, status="200 OK", content_type="text/html; charset=utf-8", date=DATE):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri, "response", payload=BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": date}
    )
    writer.write_record(record)


def request(writer, uri):
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "ledger.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(uri, "request", payload=BytesIO(b""), http_headers=http))


def page(sentence: str) -> bytes:
    return (
        f"<html><head><title>{sentence[:20]}</title></head><body><article>"
        f"<p>{sentence}</p><p>{sentence} Officials gave no further details.</p></article></body></html>"
    ).encode()


def build(path: Path, gz: bool, fill) -> Path:
    with path.open("wb") as fh:
        fill(WARCWriter(fh, gzip=gz))
    return path


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_articles(tmp_path, gz):
    def fill(w):
        request(w, "https://ledger.example/news/ferry-reopens")
        response(w, "https://ledger.example/news/ferry-reopens", PAGE)
        response(w, "https://ledger.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
        response(w, "https://ledger.example/old", b"", status="301 Moved Permanently")
        response(
            w, "https://ledger.example/missing", page("A page that is not there."), status="404 Not Found"
        )
        response(
            w,
            "https://ledger.example/news/second",
            page("Council members met on Thursday to discuss the budget."),
        )

    path = build(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz, fill)
    first, second = read_inputs([path])
    assert first.source == "https://ledger.example/news/ferry-reopens"
    assert first.raw_text.startswith("Ferry crossing reopens after storm\nThe ferry between Port Alder")
    assert first.meta["url"] == "https://ledger.example/news/ferry-reopens"
    assert first.meta["fetched"] == DATE
    assert first.meta["published"] == "2024-05-12"  # from the page, never from WARC-Date
    assert first.meta["outlet"] == "Northcoast Ledger"
    assert second.source == "https://ledger.example/news/second"
    assert "published" not in second.meta


def test_warc_http_charset_decides_the_encoding(tmp_path):
    text = "Колонна техники прошла через мост утром, сообщили в районной администрации города."

    def fill(w):
        response(
            w,
            "https://ru.example/a",
            page(text).decode().encode("cp1251"),
            content_type="text/html; charset=windows-1251",
        )

    (article,) = read_inputs([build(tmp_path / "ru.warc.gz", True, fill)])
    assert article.raw_text.startswith(text)
    assert article.meta["encoding"] == "cp1251"


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_broken_record_is_one_failure_and_reading_goes_on(tmp_path, gz):
    buf = BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    response(writer, "https://a.example/1", page("The first report says the bridge is open again."))
    start = buf.tell()
    response(writer, "https://a.example/2", page("The second report is damaged in the archive."))
    end = buf.tell()
    response(writer, "https://a.example/3", page("The third report says buses run on time today."))
    data = buf.getvalue()
    if gz:  # the second gzip member overwritten with bytes that are no gzip header
        broken = bytes((i * 37 + 11) % 251 for i in range(end - start)).replace(b"\x1f", b"\x20")
    else:  # the second record's version line mangled
        broken = data[start:end].replace(b"WARC/1.0\r\n", b"WARX/9.9 \x01garbage\r\n", 1)
    path = tmp_path / ("damaged.warc.gz" if gz else "damaged.warc")
    path.write_bytes(data[:start] + broken + data[end:])

    items = list(read_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    assert items[0].source == "https://a.example/1"
    assert items[2].source == "https://a.example/3"
    assert items[1].source == str(path)
    assert items[1].reason.startswith("WARC record 2: ")
    assert items[1].reason.endswith("; skipped to the next record")
    assert items[1].reason.isprintable() and len(items[1].reason) < 200


def test_warc_bad_payloads_are_failures_for_their_records(tmp_path):
    big = page("A long page. " * 150)
    assert len(big) > 1000  # reported in full, not as the 401 bytes read before giving up

    def fill(w):
        response(w, "https://a.example/empty", b"")
        response(w, "https://a.example/shell", b"<html><body><div id='app'></div></body></html>")
        response(w, "https://a.example/big", big)
        response(w, "https://a.example/ok", page("Short and fine report about the harbour."))

    items = list(read_inputs([build(tmp_path / "mixed.warc.gz", True, fill)], max_bytes=400))
    reasons = [i.reason for i in items if isinstance(i, Failure)]
    assert reasons == [
        "WARC record 1 (https://a.example/empty): empty file",
        "WARC record 2 (https://a.example/shell): no main text found in the HTML: an index page, "
        "a script-only shell or a paywall?",
        f"WARC record 3 (https://a.example/big): payload is {human_size(len(big))}, over the 400-byte limit "
        "(ingest.max_bytes)",
    ]
    assert [i.source for i in items if isinstance(i, Article)] == ["https://a.example/ok"]


def test_warc_without_html_responses_is_a_failure(tmp_path):
    def fill(w):
        request(w, "https://a.example/")
        response(w, "https://a.example/app.js", b"var a = 1;", content_type="application/javascript")

    path = build(tmp_path / "nohtml.warc.gz", True, fill)
    (failure,) = read_inputs([path])
    assert failure == Failure(str(path), "WARC file has no HTML responses (2 records read)")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"Just a text file named like an archive.", "not a WARC file (it does not start with 'WARC/')"),
        (b"%PDF-1.4 ...", "not a WARC file (it looks like PDF document)"),
    ],
)
def test_warc_not_a_warc_file_is_a_failure(tmp_path, data, reason):
    path = tmp_path / "x.warc"
    path.write_bytes(data)
    (failure,) = read_inputs([path])
    assert failure.reason == reason


@pytest.mark.parametrize(
    ("cut", "reason"),
    [
        (60, "WARC record 2 (https://a.example/2): record is truncated ("),
        (200, "WARC record 2: truncated at the end of the file ("),
    ],
    ids=["payload-cut", "header-cut"],
)
def test_warc_truncated_archive_keeps_what_it_read(tmp_path, cut, reason):
    def fill(w):
        response(w, "https://a.example/1", page("The first report says the bridge is open again."))
        response(w, "https://a.example/2", page("The second report is cut off by a full disk."))

    path = build(tmp_path / "cut.warc.gz", True, fill)
    path.write_bytes(path.read_bytes()[:-cut])
    article, failure = read_inputs([path])
    assert article.source == "https://a.example/1"
    assert failure.source == str(path)
    assert failure.reason.startswith(reason)
