"""Decide, line by line, what of a plain-text scrape is article body.

Single-line rules (:mod:`sitroom.clean.rules`) are combined with the position of a line in the
page, because the same short line means different things in different places:

* the *header zone* (before the first paragraph of running text) holds section labels;
* a "Read also:" label opens a *teaser list* that ends at the first line of running text;
* a related-stories heading or a comment form after the body opens the *footer zone*, and all
  that follows is furniture;
* at the *tail* of the body, an author or outlet blurb and truncated teasers ("...") go too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.clean import rules


@dataclass(frozen=True, slots=True)
class Line:
    no: int          # 0-based line number in the raw text
    text: str        # the line, stripped
    reason: str | None = None  # why it is not body, or None when kept

    @property
    def kept(self) -> bool:
        return self.reason is None


def is_running_text(text: str) -> bool:
    """A paragraph of prose: several sentences, or one long one."""
    n = len(text.split())
    return n >= 25 or (n >= 12 and rules.n_sentences(text) >= 2)


def classify(raw_text: str) -> list[Line]:
    """Every non-empty line of ``raw_text`` with the reason it is not body (or None)."""
    items = [(no, line.strip()) for no, line in enumerate(raw_text.split("\n")) if line.strip()]
    reasons: list[str | None] = [rules.line_reason(text) for _, text in items]
    first_body = next((k for k, (_, t) in enumerate(items) if is_running_text(t)), len(items))

    _header_zone(items, reasons, first_body)
    _teaser_lists(items, reasons)
    _footer_zone(items, reasons, first_body)
    _tail(items, reasons, first_body)
    return [Line(no, text, reason) for (no, text), reason in zip(items, reasons, strict=True)]


def _header_zone(items: list[tuple[int, str]], reasons: list[str | None], first_body: int) -> None:
    for k in range(min(first_body, len(items))):
        if reasons[k] is None and rules.is_section_label(items[k][1]):
            reasons[k] = "section label"


def _teaser_lists(items: list[tuple[int, str]], reasons: list[str | None]) -> None:
    """After a bare "Read also:" label, list items and short headlines are links, not body."""
    k = 0
    while k < len(items):
        text = items[k][1]
        label_only = reasons[k] == "read-more link" and (
            text.rstrip().endswith((":", "»", ">", "-", "—")) or len(text.split()) <= 4
        )
        k += 1
        if not label_only:
            continue
        while k < len(items):
            t = items[k][1]
            if rules.LIST_ITEM.match(t) or (rules.is_headline_like(t, 14) and not is_running_text(t)):
                reasons[k] = reasons[k] or "teaser list"
                k += 1
            else:
                break


def _footer_zone(items: list[tuple[int, str]], reasons: list[str | None], first_body: int) -> None:
    for k in range(first_body + 1, len(items)):
        if rules.FOOTER_MARKER.match(items[k][1]):
            for j in range(k, len(items)):
                reasons[j] = reasons[j] or "related-stories block"
            return


def _tail(items: list[tuple[int, str]], reasons: list[str | None], first_body: int) -> None:
    """Walk back from the end over furniture: teasers, then at most two blurb lines."""
    k = len(items) - 1
    while k > first_body:
        text = items[k][1]
        if reasons[k] is not None:
            k -= 1
        elif text.endswith(("...", "…")) and not text.endswith(('."', "…\"", '..."')):
            reasons[k] = "teaser"
            if k - 1 > first_body and reasons[k - 1] is None and rules.is_headline_like(items[k - 1][1], 16):
                reasons[k - 1] = "teaser"
            k -= 1
        else:
            break
    blurbs = 0
    while k > first_body and blurbs < 2:
        text = items[k][1]
        if reasons[k] is None and rules.BIO.search(text) and '"' not in text and "“" not in text:
            reasons[k] = "author bio"
            blurbs += 1
            k -= 1
        elif reasons[k] is not None:
            k -= 1
        else:
            break
