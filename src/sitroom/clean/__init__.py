"""Cleaning: raw text -> body, with what was removed, repeated or tagged recorded on the article.

The body keeps every line of article text (headline and standfirst included) as a paragraph,
separated by blank lines; page furniture, dateline prefixes and attribution tags are cut out and
recorded, each with its reason, so nothing disappears without a trace.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.clean import rules
from sitroom.clean.boilerplate import Line, classify, is_running_text
from sitroom.clean.lines_model import LineModel
from sitroom.clean.duplicates import find_duplicates
from sitroom.clean.tags import find_tags
from sitroom.model import Article, AttributionTag, RemovedLine, Span
from sitroom.pipeline import stage

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Cleaned:
    body: str
    paragraphs: list[tuple[Span, str]]
    removed: list[RemovedLine]
    tags: list[AttributionTag]
    dateline_outlet: str | None


def clean_text(raw_text: str, model: LineModel | None = None, *, learned: bool = True) -> Cleaned:
    """Body, removed lines and tags of ``raw_text``; ``model``/``learned`` as for :func:`classify`."""
    lines = classify(raw_text, model, learned=learned)
    removed = [RemovedLine(ln.text, ln.reason or "", ln.no) for ln in lines if not ln.kept]
    kept: list[Line] = [ln for ln in lines if ln.kept]

    dateline_outlet = None
    dateline_at = next((k for k, ln in enumerate(kept[:4]) if is_running_text(ln.text)), None)

    parts: list[str] = []
    paragraphs: list[tuple[Span, str]] = []
    tags: list[AttributionTag] = []
    pos = 0
    for k, ln in enumerate(kept):
        text = ln.text
        if k == dateline_at and (dl := rules.dateline(text)):
            removed.append(RemovedLine(dl.prefix.strip(), "dateline", ln.no, fragment=True))
            dateline_outlet = dl.outlet
            text = text[len(dl.prefix):]
        text, line_tags = _cut_tags(text, pos)
        tags.extend(line_tags)
        paragraphs.append((Span(pos, pos + len(text)), text))
        parts.append(text)
        pos += len(text) + len(PARAGRAPH_SEPARATOR)
    removed.sort(key=lambda r: (r.line_no, not r.fragment))
    return Cleaned(PARAGRAPH_SEPARATOR.join(parts), paragraphs, removed, tags, dateline_outlet)


def _cut_tags(text: str, offset: int) -> tuple[str, list[AttributionTag]]:
    """Remove attribution tags from one paragraph; each tag's scope is the text it closes."""
    found = find_tags(text)
    if not found:
        return text, []
    out: list[str] = []
    tags: list[AttributionTag] = []
    last = 0        # position in the original line
    new_len = 0     # length of the rebuilt line so far
    scope_start = 0
    for tag in found:
        out.append(text[last:tag.start])
        new_len += tag.start - last
        segment = "".join(out)
        start = scope_start + (len(segment[scope_start:]) - len(segment[scope_start:].lstrip(" .,;:")))
        tags.append(AttributionTag(tag.text, Span(offset + start, offset + new_len),
                                   tag.speaker, tag.source, tag.label))
        last = tag.end
        scope_start = new_len
    out.append(text[last:])
    return "".join(out).strip(), tags


@stage(requires=["raw_text"], assigns=["body", "removed", "duplicates", "attribution_tags"])
def clean(article: Article) -> Article:
    """Cut page furniture, datelines and attribution tags; flag repeated paragraphs."""
    cleaned = clean_text(article.raw_text)
    article.body = cleaned.body
    article.removed = tuple(cleaned.removed)
    article.attribution_tags = tuple(cleaned.tags)
    article.duplicates = tuple(find_duplicates(cleaned.paragraphs))
    if cleaned.dateline_outlet:
        article.meta.setdefault("dateline_outlet", cleaned.dateline_outlet)
    return article
