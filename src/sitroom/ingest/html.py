"""HTML to main text with trafilatura, plus the page's own metadata.

Used for ``.html`` files and for the HTML bodies found in feeds, WARC records and JSONL lines.
A page's text is trafilatura's plain-text output: one paragraph, heading or list item
(``- item``) per line, table rows as ``cell | cell``. A fragment (no ``<html>`` or ``<body>``,
as in a feed entry or a JSONL ``html`` field) is the article's content already, so it is turned
into plain text the same way with lxml: trafilatura returns nothing for short fragments and
drops list items from longer ones.

Settings were chosen on the article-extraction benchmark (``benchmarks/html_extraction.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from sitroom.errors import EmptyInput, MalformedInput
from sitroom.ingest.decode import declared_charset, decode_bytes
from sitroom.model import Article


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """trafilatura settings (see its ``bare_extraction``).

    The defaults scored best on the benchmark: favouring precision raised F1 from 0.960 to 0.964
    (precision 0.942 -> 0.958, recall 0.978 -> 0.971); with it, dropping tables (0.957) or the
    fallback extractors (``fast``, 0.946) lowered F1, and favouring recall instead gave 0.959.
    Precision matters here: a stray boilerplate line can become a claim downstream. Precision mode
    also drops body paragraphs now and then, so the default mode runs beside it and its paragraphs
    of running text fill the gaps (:func:`reconcile`): F1 0.964 -> 0.967 (recall 0.971 -> 0.976,
    precision unchanged at 0.958), at twice the extraction time (0.048 s a page).
    """

    favor_precision: bool = True
    favor_recall: bool = False
    include_tables: bool = True
    include_comments: bool = False
    fast: bool = False


DEFAULT_OPTIONS = HtmlOptions()


@dataclass(frozen=True, slots=True)
class Extracted:
    """Main text and the metadata keys found (``title``, ``published``, ``outlet``, ``url``, ``author``)."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)


#: A page whose main text has fewer words than this yielded navigation, not an article.
MIN_PAGE_WORDS = 5

_TAG = re.compile(r"<\s*[A-Za-z!?/]")
_FULL_PAGE = re.compile(r"<\s*(html|head|body|title)[\s>]|<!doctype\s+html", re.IGNORECASE)


def is_fragment(html: str) -> bool:
    """True for markup without ``<html>``, ``<head>``, ``<body>``, ``<title>`` or a doctype."""
    return _FULL_PAGE.search(html) is None


def extract_html(html: str, *, url: str | None = None, options: HtmlOptions = DEFAULT_OPTIONS) -> Extracted:
    """Main text and metadata of an HTML page or fragment.

    Raises :class:`MalformedInput` when the input holds no markup or cannot be parsed, and
    :class:`EmptyInput` when nothing is left after boilerplate removal.
    """
    if not html.strip():
        raise EmptyInput("empty HTML")
    if not _TAG.search(html):
        raise MalformedInput("no HTML tags found; if this is plain text, name the file .txt")
    if is_fragment(html):
        text = fragment_text(html)
        if not text:
            raise EmptyInput("HTML fragment holds no text")
        return Extracted(text)
    try:
        document = _extract(html, url, options)
        # precision mode sometimes drops body paragraphs: the default mode's running text fills them in
        full = _extract(html, url, replace(options, favor_precision=False)) if options.favor_precision else None
    except (ValueError, TypeError, etree.LxmlError) as exc:  # trafilatura's own guard is incomplete
        raise MalformedInput(f"HTML cannot be parsed: {exc}") from exc
    text = _clean_lines(document.text) if document is not None and document.text else ""
    if full is not None and full.text:
        text = reconcile(text, _clean_lines(full.text))
        document = document if document is not None else full
    if len(text.split()) < MIN_PAGE_WORDS:  # trafilatura found no article: the page's own text, for the
        page = page_text(html)  # cleaner, when it holds prose (an index page of links does not)
        text = page if any(_running(line) for line in page.split("\n")) else text
    if len(text.split()) < MIN_PAGE_WORDS:
        found = f" (only {text!r})" if text else ""
        raise EmptyInput(
            f"no main text found in the HTML{found}: an index page, a script-only shell or a paywall?"
        )
    return Extracted(text, _metadata(document) if document is not None else {})


def _extract(html: str, url: str | None, options: HtmlOptions):
    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=options.include_comments,
        include_tables=options.include_tables, favor_precision=options.favor_precision,
        favor_recall=options.favor_recall, fast=options.fast)


def _running(line: str) -> bool:
    """A paragraph of prose, not a label, caption or link: long, or several sentences."""
    n = len(line.split())
    return n >= 25 or (n >= 12 and len(re.findall(r"[.!?][\"'”’)]*(?:\s|$)", line)) >= 2)


def reconcile(precise: str, full: str) -> str:
    """The default mode's lines in its order, keeping those precision mode kept and the paragraphs
    of running text it dropped; precision mode's text when it stands alone (nothing it kept is lost)."""
    if not precise:
        return "\n".join(line for line in full.split("\n") if _running(line)) or full
    kept = {" ".join(line.split()) for line in precise.split("\n")}
    lines = [line for line in full.split("\n") if " ".join(line.split()) in kept or _running(line)]
    if not {" ".join(line.split()) for line in lines} >= kept - {""}:
        return precise  # the two modes cut the page differently: trust precision mode
    return "\n".join(lines)


def page_text(html: str) -> str:
    """The text of a whole page's ``<body>`` as lines (see :func:`fragment_text`), or ``""``."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    if body is None:
        return ""
    return fragment_text(etree.tostring(body, encoding="unicode"))


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment: block elements and ``<br>`` start new lines.

    Raises :class:`MalformedInput` when lxml cannot parse the fragment.
    """
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInput(f"HTML fragment cannot be parsed: {exc}") from exc
    for el in root.xpath("//script|//style|//noscript|//template"):
        el.drop_tree()
    break_blocks(root)
    return _clean_lines(root.text_content())


def break_blocks(root, *, bullet: str = "- ", cell: str = " | ", mark: dict[str, str] | None = None,
                 blocks: frozenset[str] | None = None) -> None:
    """Put line breaks into an lxml tree the way a page is read as plain text: ``blocks`` (default:
    the usual block elements) and ``<br>`` start new lines, list items start with ``bullet``, table
    cells end with ``cell``; ``mark`` prefixes the text of the given tags (e.g. to find ``<h1>``
    lines afterwards)."""
    blocks = _BLOCKS if blocks is None else blocks
    for el in root.iter(etree.Element):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag == "li":
            el.text = "\n" + bullet + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        elif tag in blocks:
            el.text = "\n" + (mark or {}).get(tag, "") + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        elif tag in ("td", "th"):
            el.tail = cell + (el.tail or "")


_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol dl dt dd blockquote pre table tr section article header "
    "footer aside figure figcaption hr address main".split()
)


def _clean_lines(text: str) -> str:
    lines = (" ".join(line.split()).removesuffix(" |") for line in text.splitlines())
    return "\n".join(line for line in lines if line and line != "-")


def _metadata(document: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, value in (
        ("title", document.title),
        ("published", document.date),
        ("outlet", document.sitename or document.hostname),
        ("url", document.url),
        ("author", document.author),
    ):
        if value:
            meta[key] = value
    return meta


def read_html(
    data: bytes,
    source: str,
    *,
    max_bytes: int,
    url: str | None = None,
    declared: str | None = None,
) -> Article:
    """An HTML file (or WARC payload) as an article with the page's metadata in ``meta``.

    ``declared`` is an encoding named outside the bytes (an HTTP header); a ``<meta charset>``
    inside them is used when it is absent.
    """
    decoded = decode_bytes(data, max_bytes=max_bytes, declared=declared or declared_charset(data))
    extracted = extract_html(decoded.text, url=url)
    meta = {**extracted.meta, "encoding": decoded.encoding}
    if url:
        meta["url"] = url
    return Article(source=source, raw_text=extracted.text, meta=meta)
