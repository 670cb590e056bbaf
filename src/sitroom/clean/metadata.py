"""Title, standfirst, outlet, publication date and language of a cleaned article.

What a feed, a JSONL record or an HTML page supplied (``article.meta``) wins over what the text
says; what the text says is only read from places that are about the article itself (a dateline,
a "Source:" line, an outlet blurb, a date line), never from outlets the article merely cites.
Each value records its basis (``outlet_basis``, ``published_basis``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from urllib.parse import urlparse

from sitroom.clean import rules
from sitroom.clean.boilerplate import is_running_text
from sitroom.model import Article, normalize_text
from sitroom.pipeline import stage

_TITLE_MAX_WORDS = 20


def _paragraphs(article: Article) -> list[str]:
    return [p for p in (article.body or "").split("\n\n") if p.strip()]


def _looks_like_title(text: str) -> bool:
    n = len(text.split())
    if not 0 < n <= _TITLE_MAX_WORDS or is_running_text(text):
        return False
    return rules.is_headline_like(text, _TITLE_MAX_WORDS) or (n <= 15 and rules.n_sentences(text) <= 1)


@stage(requires=["body", "duplicates"], assigns=["title", "subtitle"])
def titles(article: Article) -> Article:
    """Headline and standfirst: from metadata, else the opening short lines of the body."""
    paragraphs = _paragraphs(article)
    if len(paragraphs) < 2:
        article.title = article.meta.get("title") or None
        return article
    meta_title = article.meta.get("title")
    first = paragraphs[0]
    if meta_title:
        article.title = meta_title
    elif _looks_like_title(first):
        article.title = first
    else:
        return article
    # the standfirst follows the headline (a repeated headline in between is skipped)
    rest = [p for p in paragraphs[1:] if normalize_text(p) != normalize_text(article.title)]
    if normalize_text(first) == normalize_text(article.title) and len(rest) >= 2:
        candidate = rest[0]
        n = len(candidate.split())
        if 5 <= n <= 40 and not is_running_text(candidate) and rules.n_sentences(candidate) <= 1:
            article.subtitle = candidate
    return article


# --- outlet -------------------------------------------------------------------------------------

_BLURB_OUTLET = re.compile(
    r"\b(?i:editor[- ]in[- ]chief|editor|reporter|correspondent|writer|journalist|contributor|columnist)"
    r"\s+(?i:of|at|for|with)\s+(?P<name>(?:the\s+)?[A-Z][\w&'-]*(?:\.[a-z]{2,})?(?:\s+[A-Z][\w&'-]*){0,3})",
)
_COPYRIGHT_OUTLET = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?(?P<name>[A-Z][\w&.' -]{1,40})", re.I)


def canonical_outlet(name_or_domain: str) -> str:
    """The registry's name for an outlet (``www.ntv.de`` -> ``n-tv``), else a tidy form of the input."""
    from sitroom.kb.registry import Registry

    value = name_or_domain.strip().strip(".")
    registry = Registry.load()
    entry = registry.by_domain(value) if "." in value and " " not in value else None
    entry = entry or registry.outlet(value)
    if entry is not None:
        return entry.canonical
    if "." in value and " " not in value:
        host = urlparse(value if "//" in value else f"//{value}").hostname or value
        return host.removeprefix("www.")
    return value


def _outlet_from_text(article: Article) -> tuple[str, str] | None:
    for line in article.removed:
        if line.reason == "source line" and (m := rules.SOURCE_LINE.match(line.text)):
            return canonical_outlet(m.group("value")), "source line"
    if dl := article.meta.get("dateline_outlet"):
        return canonical_outlet(dl), "dateline"
    for line in article.removed:
        if line.reason == "author bio" and (m := _BLURB_OUTLET.search(line.text)):
            return canonical_outlet(m.group("name")), "outlet blurb"
    for line in article.removed:
        if line.reason == "page chrome" and (m := _COPYRIGHT_OUTLET.search(line.text)):
            name = m.group("name").split("All rights")[0].strip(" .,")
            if name:
                return canonical_outlet(name), "copyright line"
    return None


@stage(requires=["body", "removed"], assigns=["outlet", "outlet_basis"])
def outlet(article: Article) -> Article:
    """The publishing outlet: metadata, then the URL, then what the page says about itself."""
    from_text = _outlet_from_text(article)
    if from_text:
        article.meta["outlet_in_text"] = from_text[0]
    if name := article.meta.get("outlet"):
        article.outlet, article.outlet_basis = canonical_outlet(str(name)), "metadata"
    elif url := article.meta.get("url") or (article.source if "://" in article.source else None):
        article.outlet, article.outlet_basis = canonical_outlet(str(url)), "url"
    elif from_text:
        article.outlet, article.outlet_basis = from_text
    return article


# --- publication date --------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


def iso_date(value: object) -> str | None:
    """``2024-05-13T10:00:00Z`` / ``2024-05-13`` / a date -> ``2024-05-13``; anything else -> None."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str) and (m := _ISO_DATE.search(value)):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    if isinstance(value, str) and (m := _DOTTED_DATE.search(value)):
        try:  # 10.03.2025: dotted numeric dates are day-first wherever they are written
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return None
    if isinstance(value, str) and value.strip():
        return _parse_date(value)
    return None


def _parse_date(text: str) -> str | None:
    import dateparser  # slow to import; only needed for free-text dates

    parsed = dateparser.parse(text, languages=["en", "ru", "uk", "de", "fr"],
                              settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if parsed else None


_LABELLED = re.compile(r"^(published|posted|date|veröffentlicht|опубликовано|опубліковано)\b", re.I)


@stage(requires=["body", "removed"], assigns=["published", "published_basis"])
def published(article: Article) -> Article:
    """Publication date from metadata, else from a date line on the page; unknown stays unknown."""
    if value := iso_date(article.meta.get("published")):
        article.published, article.published_basis = value, "metadata"
        return article
    dated = [line for line in article.removed if line.reason == "date line"]
    # a "Published:" line beats an "Updated:" one; otherwise the first date on the page
    dated.sort(key=lambda line: not _LABELLED.match(line.text))
    for line in dated:
        text = re.sub(r"^[^\d]*?(?=\d|\b[A-Z][a-z]{2})", "", line.text) if ":" in line.text else line.text
        if value := iso_date(text):
            article.published, article.published_basis = value, "text: date line"
            return article
    return article


# --- language ----------------------------------------------------------------------------------

#: a sample this long is told apart by trigrams alone (lingua's low-accuracy mode, which loads in a
#: few hundredths of a second where the full models take most of a second); shorter ones get the full
#: models, loaded when first needed and for the script in play only
SHORT_SAMPLE = 200


@lru_cache(maxsize=8)
def _detector(candidates: tuple[str, ...], short: bool = False):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in candidates]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    return (builder if short else builder.with_low_accuracy_mode()).build()


def make_language_stage(candidates: tuple[str, ...] = ("en", "ru", "uk", "de", "fr", "es", "it", "pl")):
    @stage(requires=["body"], assigns=["language"], name="language")
    def language(article: Article) -> Article:
        """ISO 639-1 language of the body (metadata wins when it names one)."""
        if given := article.meta.get("language"):
            article.language = str(given).lower()[:2]
            return article
        sample = (article.body or "")[:3000]
        if sample.strip():
            found = _detector(tuple(candidates), len(sample) < SHORT_SAMPLE).detect_language_of(sample)
            article.language = found.iso_code_639_1.name.lower() if found else None
        return article

    return language
