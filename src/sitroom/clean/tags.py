"""Inline editorial attribution tags: ``[TASS attribution]``, ``[X statement; attribution: Y]``.

Wire rewrites close a paragraph (or a sentence) with a bracketed note of where it came from.
Such a tag is not body text: it is attribution metadata for the text it closes. Brackets that
are editorial insertions inside quotes ("he [the minister] said") or footnote marks are left
alone: a tag must use the vocabulary of attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TAG = re.compile(r"[ \t]*\[(?P<inner>[^\[\]\n]{2,200})\]")
_ATTRIBUTION_WORDS = re.compile(
    r"\b(attribution|attributed|statement|statements|source|sources|citing|cited|via|according\s+to|"
    r"reporting|communications?|briefings?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ParsedTag:
    start: int
    end: int
    text: str
    speaker: str | None
    source: str | None
    label: str | None


def parse_inner(inner: str) -> tuple[str | None, str | None, str | None]:
    """``"Vitaly Ganchev statement; attribution: Strana"`` -> (speaker, source, label)."""
    speaker = source = None
    labels: list[str] = []
    for part in (p.strip() for p in inner.split(";")):
        if not part:
            continue
        if m := re.fullmatch(r"(?i)(attribution|attributed\s+to|source|sources|via|citing)\s*:?\s*(.+)", part):
            source = source or m.group(2).strip()
        elif m := re.fullmatch(r"(?i)(.+?)\s+(attribution|report|reporting)", part):
            source = source or m.group(1).strip()
        elif m := re.fullmatch(r"(?i)(.+?)\s+(statement|statements|remarks|comments)", part):
            speaker = speaker or m.group(1).strip()
        elif re.fullmatch(r"(?i)attribution|attributed|sourced", part):
            continue
        else:
            labels.append(part)
    return speaker, source, "; ".join(labels) or None


def find_tags(line: str) -> list[ParsedTag]:
    """Attribution tags in one line, with the offsets to cut (leading blanks included)."""
    found = []
    for m in TAG.finditer(line):
        inner = m.group("inner").strip()
        if not _ATTRIBUTION_WORDS.search(inner):
            continue
        speaker, source, label = parse_inner(inner)
        found.append(ParsedTag(m.start(), m.end(), f"[{inner}]", speaker, source, label))
    return found
