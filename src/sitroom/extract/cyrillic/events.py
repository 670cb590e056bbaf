"""Typed, located, dated developments told in a Russian or Ukrainian body: trigger stems per event
type, the places of the sentence, the day the sentence tells of against the post's date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitroom.extract.cyrillic.claims import lexicon
from sitroom.extract.cyrillic.parse import Parsed
from sitroom.kb.gazetteer import FEATURE_KINDS, SETTLEMENT_KINDS
from sitroom.model import Article, Event, Span
from sitroom.pipeline import stage

MONTHS = {"январ": 1, "феврал": 2, "лют": 2, "март": 3, "берез": 3, "апрел": 4, "квіт": 4, "ма": 5, "трав": 5,
          "июн": 6, "черв": 6, "июл": 7, "лип": 7, "август": 8, "серп": 8, "сентябр": 9, "верес": 9, "октябр": 10,
          "жовт": 10, "ноябр": 11, "листопад": 11, "декабр": 12, "груд": 12, "січ": 1}


DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s+(январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
                       r"січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд)\w*(?:\s+(\d{4}))?", re.IGNORECASE)


RELATIVE_DAYS = [(re.compile(r"(?i)(?<!\w)(?:вчера|вчора|минувш\w+ сутки|минулої доби|минулу добу|прошедшие сутки)(?!\w)"), -1),
                 (re.compile(r"(?i)(?<!\w)(?:позавчера|позавчора)(?!\w)"), -2),
                 (re.compile(r"(?i)(?<!\w)(?:сегодня|сьогодні|этой ночью|цієї ночі|утром|вранці|сейчас|зараз)(?!\w)"), 0)]


NUMBERS = {"один": 1, "одна": 1, "два": 2, "две": 2, "дві": 2, "три": 3, "четыре": 4, "чотири": 4, "пять": 5, "п'ять": 5}


DAYS_AGO = re.compile(r"(?i)(?<!\w)(\d{1,2}|один|одна|два|две|дві|три|четыре|чотири|пять|п'ять)\s+"
                      r"(?:день|дня|дней|дні|днів)\s+(?:назад|тому)(?!\w)")


#: Monday .. Sunday, the stems of both languages
WEEKDAYS = (("понедельник", "понеділ"), ("вторник", "вівтор"), ("сред", "серед"), ("четверг", "четвер"),
            ("пятниц", "п'ятниц"), ("суббот", "субот"), ("воскресень", "неділ"))


WEEKDAY = re.compile(r"(?i)(?<!\w)(?:в|во|у)\s+(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|"
                     r"понеділок|вівторок|середу|четвер|п'ятницю|суботу|неділю)(?!\w)")


def sentence_date(text: str, published: str | None) -> tuple[str | None, str | None]:
    """The day a sentence tells of: a day and month ("5 декабря", "в ночь на 5 грудня"), a relative day
    ("вчера", "минулої доби", "три дня назад", "в воскресенье") against the publication date, else the
    publication date."""
    anchor = date.fromisoformat(published[:10]) if published else None
    m = DAY_MONTH.search(text)
    if m:
        stem = m.group(2).lower()
        month = next(v for k, v in MONTHS.items() if stem.startswith(k))
        year = int(m.group(3)) if m.group(3) else (anchor.year if anchor else None)
        if year is not None:
            try:
                day = date(year, month, int(m.group(1)))
            except ValueError:
                day = None
            if day is not None:
                if not m.group(3) and anchor is not None and day > anchor:
                    day = day.replace(year=year - 1)
                return day.isoformat(), "day"
    if anchor is not None:
        for pattern, shift in RELATIVE_DAYS:
            if pattern.search(text):
                return (anchor + timedelta(days=shift)).isoformat(), "day"
        if m := DAYS_AGO.search(text):
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1).lower()]
            return (anchor - timedelta(days=n)).isoformat(), "day"
        if m := WEEKDAY.search(text):  # the last such day on or before the post
            wanted = next(k for k, stems in enumerate(WEEKDAYS) if m.group(1).lower().startswith(stems))
            return (anchor - timedelta(days=(anchor.weekday() - wanted) % 7)).isoformat(), "day"
        return anchor.isoformat(), "article"
    return None, None


def find_events(article: Article) -> list[Event]:
    body = article.body or ""
    parsed: Parsed = article.parsed
    lex = lexicon()
    bodies = [m.span for e in article.entities if e.label == "organization" for m in e.mentions]
    # a place inside a body's name is where the body is, not where the event was: "Минобороны России"
    places = [(m.span, e) for e in article.entities if e.label == "location" for m in e.mentions
              if not any(b.start <= m.span.start and m.span.end <= b.end for b in bodies)]
    out: list[Event] = []
    for sent in parsed.sentences:
        text = body[sent.start:sent.end]
        low = text.lower()
        found = None
        for name, pattern in lex.events.items():
            m = pattern.search(low)
            if m is None:
                continue
            before = low[max(0, m.start() - 30):m.start()]
            if lex.prospective.search(before) or lex.negation.search(before.rsplit(None, 1)[-1] if before.strip() else ""):
                continue                                    # "пытались захватить", "не захватили"
            found = (name, m)  # the lexicon lists the types most telling first: ground taken before its assault
            break
        if found is None:
            continue
        name, m = found
        if lex.called_false.search(low, m.end()):
            continue                                        # "... не відповідає дійсності": a denial, no event
        here = [e for span, e in places if sent.start <= span.start < sent.end]
        # settlements, and the seas, rivers, spits and plants of the curated features ("в Чорному морі")
        settlements = [e for e in here if e.kind in SETTLEMENT_KINDS or e.kind in FEATURE_KINDS]
        regions = [e for e in here if e.kind == "region"]
        districts = [e for e in here if e.kind == "raion"]
        locations = tuple(dict.fromkeys(e.canonical for e in (settlements or districts or regions or
                                                             [e for e in here if e.kind == "country"])))
        when, precision = sentence_date(text, article.published)
        if not locations and out:  # "five people were injured": where and when the development before it was
            locations = out[-1].locations
            if precision == "article":
                when, precision = out[-1].date, out[-1].date_precision
        claim = next((c for c in article.claims if c.evidence.start <= sent.start and sent.end <= c.evidence.end
                      or c.content_span is not None and c.content_span.start <= sent.start < c.content_span.end), None)
        out.append(Event(id=f"{article.id}:e{len(out)}", type=name, evidence=Span(sent.start, sent.end),
                         locations=locations, date=when, date_precision=precision,
                         claimed_by=claim.speaker if claim else None, claim_id=claim.id if claim else None,
                         status="claimed" if claim else "reported",
                         trigger=Span(sent.start + m.start(), sent.start + m.end())))
    return out


@stage(requires=["parsed", "entities", "claims", "published"], assigns=["events"], name="events")
def cyrillic_events(article: Article) -> Article:
    """Typed, located, dated developments told in a Russian or Ukrainian body."""
    article.events = tuple(find_events(article))
    return article
