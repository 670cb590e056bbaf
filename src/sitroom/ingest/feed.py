"""RSS and Atom feeds: each entry that carries its article's text becomes an article.

An entry is usable when it embeds content (``content:encoded``, Atom ``content``) or a summary
long enough to be the article rather than a teaser. Entries with only a title, link or teaser
are skipped and counted in one failure record, since their text has to be fetched from the
linked page. Feeds that parse despite errors (feedparser's "bozo" flag) are accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from sitroom.errors import EmptyInput, InputError, MalformedInput
from sitroom.ingest.decode import check_bytes, normalize_newlines
from sitroom.ingest.html import extract_html, fragment_text
from sitroom.model import Article, Failure

#: A summary this long (characters, markup removed) is taken as the article, not a teaser.
MIN_SUMMARY_CHARS = 400

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(data: bytes, source: str, *, max_bytes: int) -> Iterator[Article | Failure]:
    """Articles for the usable entries of a feed file; failures for entries that break.

    Raises :class:`MalformedInput` for a file that is not a feed and :class:`EmptyInput` for a
    feed without usable entries.
    """
    check_bytes(data, max_bytes=max_bytes)
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not any(_content(e) or e.get("link") for e in parsed.entries):
        if parsed.get("bozo"):
            problem = " ".join(str(parsed.get("bozo_exception")).split())
            raise MalformedInput(f"not a parseable RSS/Atom feed: {problem}")
        raise MalformedInput("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)")
    if not parsed.entries:
        raise EmptyInput("feed has no entries")
    outlet = _plain(parsed.feed.get("title"))
    yielded = skipped = 0
    for n, entry in enumerate(parsed.entries, start=1):
        content = _content(entry)
        if content is None:
            skipped += 1
            continue
        entry_source = entry.get("link") or f"{source}#{n}"
        try:
            text = _entry_text(*content, url=entry.get("link"))
        except InputError as exc:
            yield Failure(entry_source, f"feed entry {n}: {exc}")
            continue
        yielded += 1
        yield Article(source=entry_source, raw_text=text, meta=_entry_meta(entry, outlet))
    if not yielded and skipped:
        raise EmptyInput(
            f"feed has no entries with content ({_entries(skipped)} only a title, link or short "
            "summary; fetch the linked pages instead)"
        )
    if skipped:
        yield Failure(
            source,
            f"{skipped} of {len(parsed.entries)} feed entries skipped: only a title, link or short "
            "summary; fetch the linked pages for their text",
        )


def _entries(n: int) -> str:
    return "1 entry has" if n == 1 else f"{n} entries have"


def _content(entry: Any) -> tuple[str, str] | None:
    """(value, type) of the entry's fullest embedded text, or ``None`` for a teaser."""
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    if contents:
        html = [c for c in contents if c.get("type") in _HTML_TYPES]
        best = max(html or contents, key=lambda c: len(c["value"]))
        return best["value"], best.get("type") or "text/html"
    summary = entry.get("summary") or ""
    if len(_plain(summary) or "") >= MIN_SUMMARY_CHARS:
        detail = entry.get("summary_detail") or {}
        return summary, detail.get("type") or "text/html"
    return None


def _entry_text(value: str, kind: str, *, url: str | None) -> str:
    if kind in _HTML_TYPES and "<" in value:
        return extract_html(value, url=url).text
    text = normalize_newlines(value).strip()
    if not text:
        raise EmptyInput("entry content is empty")
    return text


def _plain(value: str | None) -> str | None:
    if not value:
        return None
    if "<" in value:
        try:
            value = fragment_text(value)
        except InputError:
            pass
    return " ".join(value.split()) or None


def _entry_meta(entry: Any, outlet: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, value in (
        ("title", _plain(entry.get("title"))),
        ("published", entry_date(entry)),
        ("url", entry.get("link")),
        ("outlet", outlet),
        ("author", _plain(entry.get("author"))),
    ):
        if value:
            meta[key] = value
    return meta


def entry_date(entry: Any) -> str | None:
    """Publication (else update) date as ``YYYY-MM-DD``, in the time zone the feed wrote it in."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        day = _parse_day(raw) if raw else None
        if day is None and entry.get(f"{key}_parsed"):
            day = date(*entry[f"{key}_parsed"][:3])
        if day is not None:
            return day.isoformat()
    return None


def _parse_day(raw: str) -> date | None:
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw.strip()).date()
    except ValueError:
        return None
