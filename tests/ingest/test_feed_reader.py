"""feed: RSS/Atom entries with content become articles; teasers, junk and broken feeds do not."""

from pathlib import Path

import pytest

from sitroom.errors import EmptyInput, MalformedInput
from sitroom.ingest import read_inputs
from sitroom.ingest.feed import MIN_SUMMARY_CHARS, read_feed
from sitroom.model import Article, Failure

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def rss(*items: str, title: str = "Sample Feed") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://feed.example</link>{''.join(items)}</channel></rss>"
    ).encode()


def item(title: str, link: str | None = None, *, description: str = "", content: str = "") -> str:
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if description:
        parts.append(f"<description>{description}</description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return f"<item>{''.join(parts)}</item>"


def test_feed_rss_entries_with_content_become_articles():
    items = list(read_inputs([FIXTURES / "feed_rss.xml"]))
    first, second, skipped = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source == "https://courier.example/2024/05/water-restored"
    assert first.raw_text == (
        "Repair crews restored the water supply to the eastern district early on Sunday, the utility "
        "company said.\nThe company added that pressure would stay low in upper floors until the evening."
    )
    assert first.meta == {
        "title": "Water supply restored in the eastern district",
        "published": "2024-05-12",  # 01:30 +0300 is still 12 May where it was written
        "url": "https://courier.example/2024/05/water-restored",
        "outlet": "Valley Courier",
        "author": "Petra Sample",
    }
    assert second.source.endswith("feed_rss.xml#2")  # no link: file#entry
    assert "url" not in second.meta
    assert isinstance(skipped, Failure)
    assert skipped.reason.startswith("1 of 3 feed entries skipped")


def test_feed_atom_content_and_updated_date():
    (article,) = read_inputs([FIXTURES / "feed_atom.xml"])
    assert article.source == "https://bulletin.example/road-cleared"
    assert article.raw_text.split("\n") == [
        "Snowploughs cleared the road to the pass on Friday, the district office said.",
        "Drivers were told to carry chains until the end of the month.",
    ]
    assert article.meta["published"] == "2024-05-10"
    assert article.meta["outlet"] == "Hill Station Bulletin"


def test_feed_long_summary_counts_as_content():
    body = "The harbour master said the channel would be dredged in stages over the summer. " * 6
    assert len(body) >= MIN_SUMMARY_CHARS
    data = rss(
        f"<item><title>Dredging</title><link>https://feed.example/d</link><description>{body}</description></item>"
    )
    (article,) = read_feed(data, "f.xml", max_bytes=100_000)
    assert article.raw_text == body.strip()


def test_feed_plain_text_content_is_kept_as_text():
    data = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        b'<entry><title>e</title><content type="text">Line one of the entry.\n'
        b"Line two &lt;b&gt;as typed&lt;/b&gt;.</content></entry></feed>"
    )
    (article,) = read_feed(data, "f.atom", max_bytes=100_000)
    assert article.raw_text == "Line one of the entry.\nLine two <b>as typed</b>."


def test_feed_with_only_teasers_is_one_failure(tmp_path):
    path = tmp_path / "teasers.rss"
    path.write_bytes(
        rss(
            item("A", "https://feed.example/a", description="Short teaser."),
            item("B", "https://feed.example/b"),
        )
    )
    (failure,) = read_inputs([path])
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("feed has no entries with content")


def test_feed_without_entries_is_a_failure():
    with pytest.raises(EmptyInput, match="feed has no entries"):
        list(read_feed(rss(), "f.xml", max_bytes=10_000))


def test_feed_bozo_but_parseable_is_accepted():
    # an undefined entity makes feedparser flag the feed, but it still reads the entry
    data = rss(
        "<item><title>Bozo &nbsp; entry</title><link>https://feed.example/b</link>"
        "<content:encoded><![CDATA[<p>The entry text survives a sloppy feed.</p>]]></content:encoded></item>"
    )
    (article,) = read_feed(data, "f.xml", max_bytes=100_000)
    assert article.raw_text == "The entry text survives a sloppy feed."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is { not xml <at all", "not a parseable RSS/Atom feed"),
        (b"<?xml version='1.0'?><inventory><item>bolts</item></inventory>", "not an RSS or Atom feed"),
    ],
)
def test_feed_unparseable_or_not_a_feed_is_a_failure(data, reason):
    with pytest.raises(MalformedInput, match=reason):
        list(read_feed(data, "f.xml", max_bytes=10_000))


def test_feed_entry_with_empty_content_is_a_failure_for_that_entry():
    data = rss(
        item("Empty", "https://feed.example/e", content="<div><script>x()</script></div>"),
        item("Fine", "https://feed.example/f", content="<p>Fine text.</p>"),
    )
    failure, article = read_feed(data, "f.xml", max_bytes=100_000)
    assert failure == Failure("https://feed.example/e", "feed entry 1: HTML fragment holds no text")
    assert article.raw_text == "Fine text."


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"%PDF-1.4 binary", "binary file (looks like PDF document), not text")],
)
def test_feed_empty_or_binary_file_is_a_failure(tmp_path, data, reason):
    path = tmp_path / "x.rss"
    path.write_bytes(data)
    (failure,) = read_inputs([path])
    assert failure.reason == reason


def test_feed_too_large_is_a_failure():
    (failure,) = read_inputs([FIXTURES / "feed_rss.xml"], max_bytes=500)
    assert failure.reason.startswith("file is 1.2 KB, over the 500-byte limit")
