"""Decide, line by line, what of a plain-text scrape is article body.

Single-line rules (:mod:`sitroom.clean.rules`) are combined with the position of a line in the
page, because the same short line means different things in different places:

* the *header zone* (before the first paragraph of running text) holds section labels;
* a "Read also:" label opens a *teaser list* that ends at the first line of running text;
* a related-stories heading or a comment form after the body opens the *footer zone*, and all
  that follows is furniture;
* at the *tail* of the body, an author or outlet blurb and truncated teasers ("..." or cut off
  mid-sentence) go too;
* an embedded post's text, the short lines just above its credit line ("— Name (@handle) May 25,
  2024"), goes with the credit.

On top of these, a learned line classifier (:mod:`sitroom.clean.lines_model`) removes a line the
rules keep when it judges it furniture at a threshold chosen for precision (reason
``"furniture (model)"``). It never removes running text, the page's headline or its standfirst,
and the rules' removals stand; what it removes may uncover more teasers at the tail.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.clean import lines_model, rules
from sitroom.clean.lines_model import LineModel


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


def classify(raw_text: str, model: LineModel | None = None, *, learned: bool = True) -> list[Line]:
    """Every non-empty line of ``raw_text`` with the reason it is not body (or None).

    ``model`` is the line classifier to add (default: the shipped one, when present);
    ``learned=False`` applies the rules alone.
    """
    items = [(no, line.strip()) for no, line in enumerate(raw_text.split("\n")) if line.strip()]
    texts = [text for _, text in items]
    reasons = rule_reasons(items)
    model = (model or lines_model.load_model()) if learned else None
    if model is not None:
        _learned(texts, reasons, model)
        # what the model took may uncover more teasers at the tail
        _tail(items, reasons, next((k for k, t in enumerate(texts) if is_running_text(t)), len(texts)))
    return [Line(no, text, reason) for (no, text), reason in zip(items, reasons, strict=True)]


def rule_reasons(items: list[tuple[int, str]]) -> list[str | None]:
    """The rules' verdict on each non-empty line of a page, given as (line number, stripped text):
    single-line rules, then zones."""
    texts = [text for _, text in items]
    reasons: list[str | None] = [rules.line_reason(text) for text in texts]
    first_body = next((k for k, t in enumerate(texts) if is_running_text(t)), len(texts))

    _header_zone(items, reasons, first_body)
    _embedded_posts(items, reasons)
    _teaser_lists(items, reasons)
    _footer_zone(items, reasons, first_body)
    _tail(items, reasons, first_body)
    return reasons


def _learned(texts: list[str], reasons: list[str | None], model: LineModel) -> None:
    """Remove the kept lines the model calls furniture at its threshold; never running text.

    The page's headline is kept (:func:`lines_model.headline_at`), with its copies in any case and
    the standfirst under it (:func:`lines_model.standfirst_at`).
    """
    running = [is_running_text(t) for t in texts]
    if not any(r is None and not run for r, run in zip(reasons, running, strict=True)):
        return
    probabilities = lines_model.furniture_probabilities(model, texts, reasons, running)
    at = lines_model.headline_at(texts, reasons, running, probabilities, model.headline_threshold)
    headline = _folded(texts[at]) if at is not None else None
    standfirst = None if at is None else lines_model.standfirst_at(
        texts, reasons, running, probabilities, model.headline_threshold, at)
    for k, p in enumerate(probabilities):
        # a repeated headline is a duplicate (flagged as such), not furniture
        if (reasons[k] is None and not running[k] and p >= model.threshold and k != standfirst
                and _folded(texts[k]) != headline):
            reasons[k] = lines_model.REASON


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _header_zone(items: list[tuple[int, str]], reasons: list[str | None], first_body: int) -> None:
    for k in range(min(first_body, len(items))):
        if reasons[k] is None and rules.is_section_label(items[k][1]):
            reasons[k] = "section label"


#: an embedded post (X/Twitter) carries at most this many characters
POST_CHARS = 280


def _embedded_posts(items: list[tuple[int, str]], reasons: list[str | None]) -> None:
    """The text of an embedded post: the kept lines just above its credit line, within a post's length.

    Where the page separates paragraphs with blank lines, the post is the block directly above the
    credit; where it does not, running text ends the post. A line ending in ":" introduces the post
    and is body.
    """
    blank_lines = any(b[0] - a[0] > 1 for a, b in zip(items, items[1:]))
    for k in range(len(items)):
        if reasons[k] != "embedded post credit":
            continue
        j, total = k - 1, 0
        while j >= 0 and reasons[j] is None and not items[j][1].endswith(":"):
            total += len(items[j][1])
            if total > POST_CHARS or (j < k - 1 and (
                    items[j + 1][0] - items[j][0] > 1 if blank_lines else is_running_text(items[j][1]))):
                break
            j -= 1
        for i in range(j + 1, k):  # j: the first line above the post
            reasons[i] = "embedded post"


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
    cut_offs = 0
    while k > first_body:
        text = items[k][1]
        if reasons[k] is not None:
            k -= 1
            continue
        truncated = text.endswith(("...", "…")) and not text.endswith(('."', "…\"", '..."'))
        # a teaser's lede cut off mid-sentence: running text ending in a lower-case word, no full stop
        last_word = text.split()[-1]
        cut_off = cut_offs < 3 and last_word.isalpha() and last_word.islower() and is_running_text(text)
        if not (truncated or cut_off):
            break
        cut_offs += cut_off and not truncated
        reasons[k] = "teaser"
        if k - 1 > first_body and reasons[k - 1] is None and rules.is_headline_like(items[k - 1][1], 16):
            reasons[k - 1] = "teaser"
        k -= 1
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
