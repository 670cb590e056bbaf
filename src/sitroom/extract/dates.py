"""Time expressions: find them in a text and normalise them against the publication date (the anchor).

    normalize("since last Friday", date(2024, 5, 13))
        -> TimeValue("2024-05-10", "since", start="2024-05-10", end="2024-05-13")
    find_times(sentence, anchor) -> [TimeMention(text, span, value), ...], in order

Rules are regular expressions over English, Russian, Ukrainian and German forms, tried in order; what they
miss, :func:`normalize` (never :func:`find_times`, which must stay fast) hands to dateparser when the text
has a month name, a year or a numeric date. Conventions, for news that mostly reports the past:

* a bare weekday is the latest such day on or before the anchor; ``last X`` / ``this past X`` the latest
  strictly before; ``next X`` / ``this coming X`` the first strictly after; ``this X`` the one in the
  anchor's ISO week.
* a day or month without a year takes the year that puts it in (anchor - 335 days, anchor + 30 days];
  ``last May`` / ``next May`` / ``May last year`` take the previous / next calendar year.
* ``yesterday`` / ``today`` / ``tonight`` / ``this morning`` / ``last night`` are days. ``overnight`` (and
  "этой ночью", "минулої ночі") is the night before the anchor: precision ``day``, value = anchor (news
  dates overnight strikes by the morning they are reported), start = anchor - 1, end = anchor.
* ``N days/weeks/months/years ago`` takes the precision of its unit (hours count as days).
* ``the past 72 hours``, ``the last three days``, ``in the past week``, ``within three days`` and
  ``in three days`` are intervals ending at the anchor (start = anchor - N, value None, ``duration`` set):
  a normaliser does not know the tense, and news mostly reports the past. ``in three days' time`` and
  ``the next three days`` go forward. ``for three days``, ``three days``, ``three-day`` are ``duration``.
* ``recently`` / ``earlier`` / ``in recent weeks`` / ``the past`` are open intervals ending at the anchor,
  ``now`` / ``currently`` the interval [anchor, anchor], ``soon`` / ``the future`` open intervals from it.
* ``last week`` / ``this week`` are ISO weeks (``2024-W19``), ``last month`` a month. ``mid-May`` is the
  month with start/end (early 1-10, mid 11-20, late 21-end); ``earlier this week`` the week with start =
  its Monday, end = anchor (``later this week``: anchor to Sunday). ``the weekend`` is the Saturday-Sunday
  on or before the anchor (an interval). ``the third quarter`` is a ``quarter`` (``2024-Q3``), ``the 1990s``
  a ``decade`` (``199``), ``last summer`` a ``season`` (``2023-SU``), ``daily`` a ``set`` (duration P1D).
* ``since X``: precision ``since``, value = X's value, start = X's first day, end = anchor.
* unknown anchor: anything relative gets value None, precision ``relative`` and a stable description in
  ``relative`` ("friday-before-publication", "P3D-before-publication", "XXXX-05-11"); absolute
  expressions keep their values. ``a year earlier`` / ``two days later`` count from a time in the story,
  not from the publication: always ``relative`` ("P1Y-before-reference").

Precisions: day, week, month, quarter, season, year, decade, since, interval, duration, set, relative,
unknown.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import ClassVar

from sitroom.model import Record, Span


@dataclass(frozen=True, slots=True)
class TimeValue(Record):
    """A normalised time: ISO ``value`` at ``precision``, with ``start``/``end`` bounds for ranges."""

    value: str | None
    precision: str
    start: str | None = None
    end: str | None = None
    relative: str | None = None   # what it is relative to, when that is unknown; value stays None
    duration: str | None = None   # ISO 8601 length ("P3D", "PT72H", "PXW" for "weeks") when one is stated


@dataclass(frozen=True, slots=True)
class TimeMention(Record):
    text: str
    span: Span
    value: TimeValue
    _nested: ClassVar[dict[str, type[Record]]] = {"span": Span, "value": TimeValue}


UNKNOWN = TimeValue(None, "unknown")

# --- vocabulary ----------------------------------------------------------------------------------

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_YSUF = r"(?:\s*(?:года|году|г\.|року|році|р\.|рік|год))?"
_MON_EN = (r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
           r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_MON_RU = (r"январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?"
           r"|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею]")
_MON_UK = (r"(?:січ|берез|квіт|трав|черв|лип|серп|верес|жовт|груд)(?:ень|ня|ні)|лют(?:ий|ого|ому)"
           r"|листопад[аі]?")
_MON_DE = r"(?-i:Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember)"
_MON = f"(?:{_MON_EN}|{_MON_RU}|{_MON_UK}|{_MON_DE})"
_MONTH3 = dict(zip("jan feb mar apr may jun jul aug sep oct nov dec mär jän mai dez okt".split(),
                   [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3, 1, 5, 12, 10]))
_MONTH3.update({k: i + 1 for i, k in enumerate("янв фев мар апр ма июн июл авг сен окт ноя дек".split())})
_MONTH3.update({k: i + 1 for i, k in enumerate("січ лют бер кві тра чер лип сер вер жов лис гру".split())})

_WD = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
       r"|понедельник[ау]?|вторник[ау]?|сред[ауы]|четверг[ау]?|пятниц[аеуы]|суббот[аеуы]|воскресень[еяю]"
       r"|понеділ(?:ок|ка)|вівтор(?:ок|ка)|серед[аиуі]|четвер(?:га)?|п['’ʼ]?ятниц[яіюи]|субот[аиуі]"
       r"|неділ[яіюи]"
       r"|(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)"
       r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht)?)")
_WD_PREFIX = [(p, int(i)) for p, i in (w.split(":") for w in (
    "sonna:5 mon:0 tue:1 wed:2 thu:3 fri:4 sat:5 sun:6 die:1 mit:2 don:3 fre:4 sam:5 son:6 пон:0 вт:1 ср:2 "
    "чет:3 пя:4 п'я:4 суб:5 вос:6 вів:1 сер:2 нед:6").split())]
_POD = (r"(?:morning|afternoon|evening|night|утром|днём|днем|вечером|ночью|вранці|зранку|вдень|ввечері"
        r"|увечері|вночі|уночі|früh|morgen|vormittag|nachmittag|abend|nacht)")

_LAST = (r"last|past|previous|this\s+past|прошл(?:ый|ую|ое|ой|ом|ого)|минувш(?:ий|ую|ее|ей|ем|его)"
         r"|минул(?:ий|у|е|ого|ої|ому|ій)|торік|letzte[nmrs]?|vergangene[nmrs]?|vorige[nmrs]?")
_NEXT = (r"next|this\s+coming|coming|следующ(?:ий|ую|ее|ей|ем|его)|наступн(?:ий|у|е|ого|ої|ому|ій)"
         r"|nächste[nmrs]?|kommende[nmrs]?")
_THIS = (r"this|current|эт(?:от|у|о|ой|ом|ого)|текущ(?:ий|ую|ее|ей|ем|его)|ц(?:ей|ю|е|ього|ієї|ій|ім)"
         r"|поточн(?:ий|у|е|ого|ої|ому|ій)|diese[nmrs]?")
_QUAL = f"(?:{_LAST}|{_NEXT}|{_THIS})"
_SINCE = r"(?:since|seit(?:\s+de[mn])?|с|со|з|із|від)"

_EN_NUMS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen").split()
_TENS = {w: 20 + 10 * i
         for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_ML_NUMS = {w: n for n, ws in enumerate(
    ["", "один одну одна одного ein eine einem einen einer", "два две двух дві двох zwei",
     "три трёх трех трьох drei", "четыре чотири vier", "пять п'ять fünf", "шесть шість sechs",
     "семь сім sieben", "восемь вісім acht", "девять дев'ять neun", "десять zehn", "elf", "zwölf"])
    for w in ws.split()}
_FEW = (r"a\s+few|few|several|some|many|a\s+number\s+of|несколько|нескольких|кілька|кількох|einigen|einige"
        r"|mehreren|mehrere|wenigen|ein\s+paar")
_NUM = (rf"(?:\d+|(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_EN_NUMS[1:10])}))?|a\s+hundred|a\s+couple\s+of"
        rf"|couple\s+of|{_FEW}|an?|{'|'.join(_EN_NUMS[1:])}"
        rf"|{'|'.join(sorted(_ML_NUMS, key=len, reverse=True))})")
_NUM = _NUM.replace("п'ять", "п['’ʼ]?ять").replace("дев'ять", "дев['’ʼ]?ять")
_UNIT = (r"(?:days?|weeks?|months?|years?|hours?|minutes?|decades?|день|дня|дней|сутки|суток|дні|днів"
         r"|доб[аиу]|недел[юиьяе]|недель|месяц(?:а|ев|е)?|год(?:а|у)?|лет|час(?:а|ов)?|тижн(?:я|і|ів)|тиждень"
         r"|місяц(?:ь|я|і|ів)|рік|року|роки|років|годин[аиу]?|tag(?:e|en)?|wochen?|monat(?:e|en)?"
         r"|jahr(?:e|en)?|stunden?)")
_UNIT_PREFIX = [("decade", "Y", 10), ("day", "D", 1), ("week", "W", 1), ("month", "M", 1), ("year", "Y", 1),
                ("hour", "H", 1), ("minute", "MIN", 1), ("годин", "H", 1), ("ден", "D", 1), ("дн", "D", 1),
                ("сут", "D", 1), ("доб", "D", 1), ("недел", "W", 1), ("тиж", "W", 1), ("месяц", "M", 1),
                ("місяц", "M", 1), ("год", "Y", 1), ("лет", "Y", 1), ("рік", "Y", 1), ("рок", "Y", 1),
                ("час", "H", 1), ("tag", "D", 1), ("woche", "W", 1), ("monat", "M", 1), ("jahr", "Y", 1),
                ("stunde", "H", 1)]
_PART = (r"(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of|(?:beginning|end)\s+of"
         r"|начале|середине|конце|початку|середині|кінці|anfang|mitte|ende)")
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
            "winter": ("WI", 12)}
_PRESENT = (r"now|right\s+now|currently|current|at\s+present|at\s+the\s+moment|presently|nowadays|сейчас|ныне"
            r"|зараз|нині|наразі|jetzt|derzeit|zurzeit")
_PAST = (r"recently|recent|lately|previously|formerly|the\s+past|earlier|недавно|ранее|нещодавно|раніше"
         r"|kürzlich|vor\s+kurzem|neulich")
_FUTURE = (r"soon|shortly|(?:the\s+)?(?:near\s+)?future|скоро|вскоре|незабаром|в\s+будущем|у\s+майбутньому"
           r"|bald|künftig")


def _g(m: re.Match, name: str) -> str | None:
    """The first non-empty group called ``name`` or ``name_2``, ``name_3``..."""
    for key, value in m.groupdict().items():
        if value is not None and key.split("_")[0] == name:
            return value
    return None


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    return _MONTH3.get(w[:3]) or _MONTH3.get(w[:2], 0) or (3 if w.startswith("mae") else 0)


def _weekday(word: str) -> int:
    w = word.lower().replace("’", "'").replace("ʼ", "'")
    return next(i for prefix, i in _WD_PREFIX if w.startswith(prefix))


def _unit(word: str) -> tuple[str, int]:
    w = word.lower()
    return next((code, mult) for prefix, code, mult in _UNIT_PREFIX if w.startswith(prefix))


def _num(text: str | None) -> int | None:
    if text is None:
        return 1
    t = " ".join(text.lower().replace("’", "'").replace("ʼ", "'").split())
    if t[0].isdigit():
        return int(t)
    if t in ("a", "an") or "couple" in t:
        return 1 if t in ("a", "an") else 2
    if t == "a hundred":
        return 100
    parts = re.split(r"[\s-]+", t)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_EN_NUMS.index(parts[1]) if len(parts) > 1 else 0)
    if t in _EN_NUMS:
        return _EN_NUMS.index(t)
    return _ML_NUMS.get(t)   # None: "several", "a few"


def _qual(word: str | None) -> int | None:
    """-1 for last/past, +1 for next/coming, 0 for this; None when absent."""
    if not word:
        return None
    w = " ".join(word.lower().split())
    for sign, pattern in ((-1, _LAST), (1, _NEXT), (0, _THIS)):
        if re.fullmatch(pattern, w):
            return sign
    return None


# --- date arithmetic -----------------------------------------------------------------------------

def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


def _shift(d: date, n: int, code: str) -> date:
    if code == "D":
        return d + timedelta(days=n)
    if code == "H":
        return d + timedelta(days=(1 if n > 0 else -1) * -(-abs(n) // 24))
    if code == "W":
        return d + timedelta(weeks=n)
    if code in ("M", "Y"):
        return _add_months(d, n * (12 if code == "Y" else 1))
    return d


def _at(d: date, code: str) -> TimeValue:
    """The calendar unit of ``code`` that contains ``d``."""
    if code == "W":
        return TimeValue(_iso_week(d), "week")
    if code == "M":
        return TimeValue(f"{d.year:04d}-{d.month:02d}", "month")
    if code == "Y":
        return TimeValue(f"{d.year:04d}", "year")
    return TimeValue(d.isoformat(), "day")


def _unit_bounds(d: date, code: str) -> tuple[date, date]:
    if code == "W":
        start = d - timedelta(days=d.weekday())
        return start, start + timedelta(days=6)
    if code == "M":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    return date(d.year, 1, 1), date(d.year, 12, 31)


def _duration(n: int | None, code: str) -> str:
    count = "X" if n is None else str(n)
    return f"PT{count}{'H' if code == 'H' else 'M'}" if code in ("H", "MIN") else f"P{count}{code}"


def _infer_year(a: date, month: int, day: int = 1) -> int:
    candidate = date(a.year, month, min(day, calendar.monthrange(a.year, month)[1]))
    if candidate > a + timedelta(days=30):
        return a.year - 1
    return a.year + 1 if candidate <= a - timedelta(days=335) else a.year


def _part_bounds(part: str | None, start: date, end: date) -> tuple[str | None, str | None]:
    """Narrow [start, end] to its early / middle / late third."""
    if not part:
        return None, None
    p = part.lower()
    span = (end - start).days + 1
    if any(k in p for k in ("early", "beginning", "start", "начал", "почат", "anfang")):
        return start.isoformat(), (start + timedelta(days=span // 3 - 1)).isoformat()
    third, two_thirds = start + timedelta(days=span // 3), start + timedelta(days=2 * span // 3)
    if any(k in p for k in ("mid", "middle", "середин", "mitte")):
        return third.isoformat(), (two_thirds - timedelta(days=1)).isoformat()
    return two_thirds.isoformat(), end.isoformat()


def _rel(description: str) -> TimeValue:
    return TimeValue(None, "relative", relative=description)


# --- rules: each a regular expression and a function of (match, anchor) ---------------------------

def _h_numeric(m: re.Match, a: date | None) -> TimeValue | None:
    y, mo, d = _g(m, "y"), _g(m, "m"), _g(m, "d")
    if d is None:                                   # m/d/y, unless the first number cannot be a month
        first, second = int(_g(m, "p")), int(_g(m, "q"))
        mo, d = (second, first) if first > 12 else (first, second)
    year = int(y) + (0 if len(y) == 4 else 2000 if int(y) < 50 else 1900)
    try:
        return TimeValue(date(year, int(mo), int(d)).isoformat(), "day")
    except ValueError:
        return None


def _h_daymonth(m: re.Match, a: date | None) -> TimeValue | None:
    mon, d, d2, y = _month(_g(m, "mon")), int(_g(m, "d")), _g(m, "dd"), _g(m, "y")
    if d > calendar.monthrange(2000, mon)[1]:
        return None
    if y is None and a is None:
        return _rel(f"XXXX-{mon:02d}-{d:02d}")
    year = int(y) if y else _infer_year(a, mon, d)
    try:
        day = date(year, mon, d)
        end = date(year, mon, int(d2)) if d2 else None
    except ValueError:
        return None
    if end is not None and end > day:
        return TimeValue(None, "interval", day.isoformat(), end.isoformat())
    return TimeValue(day.isoformat(), "day")


def _h_month(m: re.Match, a: date | None) -> TimeValue | None:
    mon, y, part, q = _month(_g(m, "mon")), _g(m, "y"), _g(m, "part"), _qual(_g(m, "q"))
    if y is None and a is None:
        return _rel(f"XXXX-{mon:02d}")
    year = int(y) if y else _infer_year(a, mon) if q is None else a.year + q   # "last May": the year before
    first = date(year, mon, 1)
    start, end = _part_bounds(part, first, _unit_bounds(first, "M")[1])
    return TimeValue(f"{year:04d}-{mon:02d}", "month", start, end)


def _h_year(m: re.Match, a: date | None) -> TimeValue:
    year = int(_g(m, "y"))
    start, end = _part_bounds(_g(m, "part"), date(year, 1, 1), date(year, 12, 31))
    return TimeValue(str(year), "year", start, end)


def _h_decade(m: re.Match, a: date | None) -> TimeValue:
    if _g(m, "dec"):
        return TimeValue(_g(m, "dec")[:3], "decade")
    dd = int(_g(m, "dd"))
    century = 20 if a is not None and dd <= a.year % 100 else 19
    return TimeValue(f"{century}{dd // 10}", "decade")


def _h_quarter(m: re.Match, a: date | None) -> TimeValue | None:
    n, y, yq = _g(m, "n"), _g(m, "y"), _qual(_g(m, "yq"))
    q = -1 if (_g(m, "q") or "").lower() == "latest" else _qual(_g(m, "q"))
    if yq is not None and a is not None:
        y = str(a.year + yq)
    if n:
        n = int(n.lstrip("Qq")[0]) if n[-1].isdigit() or n[0].isdigit() else \
            ["first", "second", "third", "fourth"].index(n.lower()) + 1
    if y:
        return TimeValue(f"{y}-Q{n}", "quarter")
    if a is None:
        return _rel(f"XXXX-Q{n}" if n else f"quarter-{ {-1: 'before', 1: 'after'}.get(q, 'of')}-publication")
    if n:
        start = date(a.year, 3 * n - 2, 1)
        return TimeValue(f"{a.year - (start > a + timedelta(days=92))}-Q{n}", "quarter")
    k = a.year * 4 + (a.month - 1) // 3 + (q if q is not None else -1)
    return TimeValue(f"{k // 4}-Q{k % 4 + 1}", "quarter")


def _h_season(m: re.Match, a: date | None) -> TimeValue | None:
    code, month = _SEASONS[_g(m, "s").lower()]
    y, q = _g(m, "y"), _qual(_g(m, "q"))
    if y:
        return TimeValue(f"{y}-{code}", "season")
    if a is None:
        return _rel(f"XXXX-{code}")
    starts = [date(year, month, 1) for year in range(a.year - 2, a.year + 2)]
    if q == -1:
        start = max(s for s in starts if _add_months(s, 3) <= a)
    elif q == 1:
        start = min(s for s in starts if s > a)
    elif q == 0:
        start = next((s for s in starts if s <= a < _add_months(s, 3)), min(s for s in starts if s > a))
    else:
        start = max(s for s in starts if s <= a + timedelta(days=30))
    return TimeValue(f"{start.year}-{code}", "season")


def _h_ago(m: re.Match, a: date | None) -> TimeValue:
    n, (code, mult) = _num(_g(m, "n")), _unit(_g(m, "u"))
    if n is None:                                         # "several days ago"
        return TimeValue(None, "interval", None, a.isoformat()) if a else _rel("before-publication")
    if a is None:
        return _rel(f"{_duration(n * mult, code)}-before-publication")
    return _at(_shift(a, -n * mult, code), code)


def _h_reference(m: re.Match, a: date | None) -> TimeValue:
    """"a year earlier", "two days after": relative to a time in the story, not to the publication."""
    n, (code, mult) = _num(_g(m, "n")), _unit(_g(m, "u"))
    dur = _duration(None if n is None else n * mult, code)
    direction = "after" if _g(m, "dir").lower() in ("later", "after", "afterwards") else "before"
    return TimeValue(None, "relative", relative=f"{dur}-{direction}-reference", duration=dur)


def _h_set(m: re.Match, a: date | None) -> TimeValue:
    """"daily", "every week": a frequency; ``duration`` is the period."""
    word = (_g(m, "u") or m.group()).lower()
    code = next((c for key, c in (("hour", "H"), ("week", "W"), ("wöch", "W"), ("month", "M"), ("year", "Y"),
                                  ("annual", "Y"), ("jähr", "Y")) if key in word), "D")
    return TimeValue(None, "set", duration=_duration(1, code))


def _h_span(m: re.Match, a: date | None) -> TimeValue:
    direction = (_g(m, "dir") or "").lower()
    n, (code, mult) = _num(_g(m, "n")), _unit(_g(m, "u"))
    if _g(m, "n") is None and _g(m, "u").lower().endswith("s"):     # "the coming weeks"
        n = None
    if direction.startswith("recent"):
        return TimeValue(None, "interval", None, a.isoformat()) if a else _rel("before-publication")
    forward = direction.startswith(("coming", "next", "follow", "kommend", "nächst"))
    dur = _duration(None if n is None else n * mult, code)
    if a is None:
        return TimeValue(None, "relative", relative=f"{dur}-{'from' if forward else 'up-to'}-publication",
                         duration=dur)
    other = None if n is None else _shift(a, (n if forward else -n) * mult, code).isoformat()
    start, end = (a.isoformat(), other) if forward else (other, a.isoformat())
    return TimeValue(None, "interval", start, end, duration=dur)


def _h_within(m: re.Match, a: date | None) -> TimeValue:
    n, (code, mult) = _num(_g(m, "n")), _unit(_g(m, "u"))
    dur = _duration(None if n is None else n * mult, code)
    if _g(m, "time"):                                     # "in three days' time": forward
        if a is None:
            return _rel(f"{dur}-after-publication")
        return _at(_shift(a, n * mult, code), code) if n else TimeValue(None, "interval", a.isoformat(), None,
                                                                         duration=dur)
    if a is None:
        return TimeValue(None, "relative", relative=f"{dur}-up-to-publication", duration=dur)
    start = None if n is None else _shift(a, -n * mult, code).isoformat()
    return TimeValue(None, "interval", start, a.isoformat(), duration=dur)


def _h_duration(m: re.Match, a: date | None) -> TimeValue:
    n, (code, mult) = _num(_g(m, "n")) if _g(m, "n") else None, _unit(_g(m, "u"))
    return TimeValue(None, "duration", duration=_duration(None if n is None else n * mult, code))


def _h_calendar(m: re.Match, a: date | None) -> TimeValue:
    q, mod = _qual(_g(m, "q")) or 0, (_g(m, "mod") or "").lower()
    code = _unit(_g(m, "u"))[0] if "торік" not in m.group().lower() else "Y"
    if "торік" in m.group().lower():
        q = -1
    if a is None:
        where = {-1: "before", 0: "of", 1: "after"}[q]
        unit = {"W": "week", "M": "month", "Y": "year"}[code]
        return _rel(f"{mod.split()[0] + '-' if mod else ''}{unit}-{where}-publication")
    d = _shift(a, q, code)
    first, last = _unit_bounds(d, code)
    tv = _at(d, code)
    if mod in ("earlier", "later") and q == 0:
        lo, hi = (first, a) if mod == "earlier" else (a, last)
        return replace(tv, start=lo.isoformat(), end=hi.isoformat())
    start, end = _part_bounds(mod, first, last)
    return replace(tv, start=start, end=end)


def _h_weekend(m: re.Match, a: date | None) -> TimeValue:
    q = _qual(_g(m, "q"))
    if a is None:
        return _rel({1: "weekend-after-publication", 0: "weekend-of-publication-week"}.get(
            q, "weekend-before-publication"))
    if q == 1:
        sat = a + timedelta(days=(5 - a.weekday()) % 7 or 7)
    elif q == 0:
        sat = a - timedelta(days=a.weekday()) + timedelta(days=5)
    else:
        sat = a - timedelta(days=(a.weekday() - 5) % 7)
        if q == -1 and a <= sat + timedelta(days=1) and "past" not in (_g(m, "q") or "").lower():
            sat -= timedelta(days=7)
    return TimeValue(None, "interval", sat.isoformat(), (sat + timedelta(days=1)).isoformat())


def _h_weekday(m: re.Match, a: date | None) -> TimeValue:
    wd, qword = _weekday(_g(m, "wd")), (_g(m, "q") or "").lower()
    q = _qual(qword) if not qword.startswith(("early", "earlier", "late")) else None
    name = calendar.day_name[wd].lower()
    if a is None:
        return _rel(f"{name}-" + {None: "on-or-before-publication", -1: "before-publication",
                                  1: "after-publication", 0: "of-publication-week"}[q])
    if q == 1:
        d = a + timedelta(days=(wd - a.weekday()) % 7 or 7)
    elif q == 0:
        d = a - timedelta(days=a.weekday()) + timedelta(days=wd)
    else:
        d = a - timedelta(days=(a.weekday() - wd) % 7 or (7 if q == -1 else 0))
    return TimeValue(d.isoformat(), "day")


_RELDAY = [  # (key found in the lowered text, day offset or None for "the night before", description)
    ("позавч", -2, "P2D-before"), ("vorgest", -2, "P2D-before"), ("before yesterday", -2, "P2D-before"),
    ("after tomorrow", 2, "P2D-after"), ("übermorg", 2, "P2D-after"), ("yesterday", -1, "P1D-before"),
    ("вчер", -1, "P1D-before"), ("вчор", -1, "P1D-before"), ("учор", -1, "P1D-before"),
    ("gestern", -1, "P1D-before"), ("last night", -1, "P1D-before"), ("tomorrow", 1, "P1D-after"),
    ("завтра", 1, "P1D-after"), ("night", None, "night-before"), ("ноч", None, "night-before"),
    ("nacht", None, "night-before"), ("", 0, "")]


def _h_relday(m: re.Match, a: date | None) -> TimeValue:
    text = " ".join(m.group().lower().split())
    if "overnight" in text:
        offset, desc = None, "night-before"
    else:
        offset, desc = next((o, d) for key, o, d in _RELDAY if key in text and not (
            key in ("night", "ноч", "nacht") and any(k in text for k in ("tonight", "сегодня", "heute"))))
    if a is None:
        return _rel(f"{desc}-publication" if desc else "publication-day")
    if offset is None:
        return TimeValue(a.isoformat(), "day", (a - timedelta(days=1)).isoformat(), a.isoformat())
    return TimeValue((a + timedelta(days=offset)).isoformat(), "day")


def _h_ref(m: re.Match, a: date | None) -> TimeValue:
    text = " ".join(m.group().lower().split())
    kind = next(k for k, p in (("present", _PRESENT), ("past", _PAST), ("future", _FUTURE))
                if re.fullmatch(p, text))
    if a is None:
        return _rel({"present": "publication-time", "past": "before-publication",
                     "future": "after-publication"}[kind])
    iso = a.isoformat()
    return TimeValue(None, "interval", None if kind == "past" else iso, None if kind == "future" else iso)


_NUMX = rf"(?:{_NUM})"
_APPROX = (r"(?:about|nearly|almost|some|around|roughly|just|only|under|over|more\s+than|less\s+than"
           r"|at\s+least|up\s+to)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_RULE_SPECS: list[tuple[str, str, Callable[[re.Match, date | None], TimeValue | None]]] = [
    ("iso", rf"(?P<y>{_YEAR})-(?P<m>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12]\d|3[01])", _h_numeric),
    ("dotted", rf"(?P<d>{_DAY})\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{_YEAR}|\d\d)(?!\.\d)", _h_numeric),
    ("slash", rf"(?P<p>\d{{1,2}})/(?P<q>\d{{1,2}})/(?P<y>{_YEAR}|\d\d)", _h_numeric),
    ("mdy", rf"(?:{_WD},?\s+)?(?P<mon>{_MON})\s+(?P<d>{_DAY})(?:st|nd|rd|th)?(?!\d)"
            rf"(?:\s*(?:[-–]|to|and|through)\s*(?P<dd>{_DAY})(?:st|nd|rd|th)?(?!\d))?"
            rf"(?:,?\s+(?P<y>{_YEAR}))?", _h_daymonth),
    ("dmy", rf"(?:{_WD},?\s+(?:den\s+)?)?(?:the\s+(?=\d+(?:st|nd|rd|th)))?(?P<d>{_DAY})(?:st|nd|rd|th|\.)?"
            rf"(?:\s*(?:[-–]|to|and|bis|по|до)\s*(?P<dd>{_DAY})(?:st|nd|rd|th|\.)?)?"
            rf"(?:\s+of)?\s+(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}){_YSUF})?", _h_daymonth),
    ("quarter", rf"(?:the\s+)?(?:(?P<q>{_QUAL}|latest)\s+)?(?:(?P<y>{_YEAR})(?:['’]s)?\s+"
                rf"|(?P<yq>this|last|next)\s+year['’]s\s+)?(?:fiscal\s+)?"
                rf"(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of\s+(?:fiscal\s+)?"
                rf"(?P<y_2>{_YEAR}))?|(?P<n_2>Q[1-4])\s*(?P<y_3>{_YEAR})?"
                rf"|(?:the\s+)?(?P<q_2>{_QUAL}|latest)\s+quarter", _h_quarter),
    ("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<dec>(?:1[89]|20)\d0)|['’](?P<dd>\d0))['’]?s",
     _h_decade),
    ("season", rf"(?:(?P<q>{_LAST}|{_NEXT}|this|the|early|late)\s+)?(?:(?:early|late|mid)[\s-])?"
               rf"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?", _h_season),
    ("month", rf"(?:{_PART}[\s-]*|(?P<q>last|this|next|past)\s+)?(?P<mon>{_MON})"
              rf"(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}){_YSUF}|\s+(?P<q_2>this|last|next)\s+year)?", _h_month),
    ("year", rf"(?:{_PART}[\s-]*)?(?:(?:the\s+)?(?:year|fiscal(?:\s+year)?)\s+|jahre?s?\s+)?"
             rf"(?P<y>{_YEAR})(?![.,]\d){_YSUF}", _h_year),
    ("ago", rf"(?:{_APPROX}\s+)?(?P<n>{_NUMX})\s+(?P<u>{_UNIT})\s+(?:ago|назад|тому)"
            rf"|vor\s+(?P<n_2>{_NUMX})\s+(?P<u_2>{_UNIT})", _h_ago),
    ("reference", rf"(?:{_APPROX}\s+)?(?P<n>{_NUMX})\s+(?P<u>{_UNIT})"
                  rf"\s+(?P<dir>earlier|later|before|after|previously|afterwards)", _h_reference),
    ("set", r"daily|nightly|weekly|monthly|yearly|annually|hourly|(?:every|each)\s+(?:single\s+)?"
            r"(?P<u>day|night|week|month|year|hour|morning|evening)"
            r"|ежедневно|щодня|täglich|wöchentlich|jährlich", _h_set),
    ("span", rf"(?:the\s+(?P<dir>past|last|previous|preceding|recent|coming|next|following)"
             rf"|(?P<dir_2>past|coming|recent)|(?P<dir_3>last|previous|next)(?=\s+{_NUMX}\s))"
             rf"\s+(?:(?P<n>{_NUMX})\s+)?(?P<u>{_UNIT})"
             rf"|(?:за|в\s+течение|протягом)\s+(?P<dir_4>последн\w*|прошедш\w*|минувш\w*|прошл\w*|останн\w*"
             rf"|минул\w*|попередн\w*)\s+(?:(?P<n_2>{_NUMX})\s+)?(?P<u_2>{_UNIT})"
             rf"|(?:in|während)\s+den\s+(?P<dir_5>letzten|vergangenen|zurückliegenden|kommenden|nächsten)"
             rf"\s+(?:(?P<n_3>{_NUMX})\s+)?(?P<u_3>{_UNIT})", _h_span),
    ("within", rf"(?P<pre>within|in|over|за|в\s+течение|протягом|innerhalb(?:\s+von)?|binnen)"
               rf"\s+(?:(?:the\s+(?:space|course)\s+of|{_APPROX})\s+)?(?P<n>{_NUMX})\s+(?P<u>{_UNIT})"
               rf"(?P<time>['’]?\s+time)?", _h_within),
    ("calendar", rf"(?:(?P<mod>earlier|later|early|late|the\s+(?:end|beginning|start|middle)\s+of)\s+)?"
                 rf"(?P<q>{_QUAL}|the\s+current|(?<=of\s)the)\s+(?P<u>week|month|year|недел[еюиья]"
                 rf"|месяц[еау]?|год[ау]?|тижн[яі]|тиждень|місяц[ьяі]|ро(?:ку|ці|к)|рік|woche|monat[s]?"
                 rf"|jahr(?:es|s)?)|торік", _h_calendar),
    ("weekend", rf"(?:(?P<q>{_QUAL}|the\s+(?:past|previous|coming|next))\s+|the\s+)weekend"
                rf"|на\s+(?:(?P<q_2>{_QUAL})\s+)?(?:выходных|вихідних)"
                rf"|(?:am|übers)\s+(?:(?P<q_3>{_QUAL})\s+)?wochenende", _h_weekend),
    ("weekday", rf"(?:(?P<q>{_QUAL}|early|late|earlier|later)\s+)?(?P<wd>{_WD})(?:\s+{_POD})?", _h_weekday),
    ("relday", rf"(?:(?:early|late|earlier|later)\s+)?(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
               rf"|yesterday|today|tonight|tomorrow|last\s+night|overnight"
               rf"|this\s+(?:morning|afternoon|evening)|позавчера|вчера|сегодня|завтра|позавчора|вчора|учора"
               rf"|сьогодні|vorgestern|gestern|heute|übermorgen"
               rf"|(?:этой|прошлой|минувшей)\s+ночью|(?:цієї|минулої)\s+ночі|(?:letzte|vergangene)\s+nacht"
               rf"|in\s+der\s+(?:letzten|vergangenen)\s+nacht)(?:\s+{_POD})?", _h_relday),
    ("duration", rf"(?:(?:{_APPROX}|the(?:\s+first)?)\s+)?(?P<n>{_NUMX})(?:\s+more)?[\s-](?P<u>{_UNIT})"
                 rf"(?![\s-]old\b)(?:-long)?|(?P<u_2>days|weeks|months|years|decades|hours)", _h_duration),
    ("ref", rf"{_PRESENT}|{_PAST}|{_FUTURE}", _h_ref),
]
_FLAGS = re.IGNORECASE
_RULES = {name: (re.compile(pattern, _FLAGS), handler) for name, pattern, handler in _RULE_SPECS}
_PREP = re.compile(r"^(?:on|in|at|over|between|for|during|throughout|after|by|as\s+of|from|until|till|of"
                   r"|am|im|um|в|во|у|на)\s+", _FLAGS)


def _since(tv: TimeValue, a: date | None) -> TimeValue:
    if tv.precision == "relative":
        return replace(tv, relative=f"since-{tv.relative}")
    if tv.precision == "duration" and tv.duration:   # "seit drei Tagen"
        if a is None:
            return replace(tv, precision="relative", relative=f"{tv.duration}-up-to-publication")
        m = re.fullmatch(r"PT?(\d+)([DWMYH])", tv.duration)
        start = _shift(a, -int(m.group(1)), m.group(2)).isoformat() if m else None
        return TimeValue(None, "interval", start, a.isoformat(), duration=tv.duration)
    start = tv.start or _first_day(tv.value)
    if start is None:
        return UNKNOWN
    return TimeValue(tv.value or start, "since", start, a.isoformat() if a else None)


def _first_day(value: str | None) -> str | None:
    if not value:
        return None
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        return date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1).isoformat()
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{m.group(1)}-{dict(SP=3, SU=6, FA=9, WI=12)[m.group(2)]:02d}-01"
    if re.fullmatch(r"\d{3,4}(-\d\d){0,2}", value):                 # decade, year, month, day
        return (value.ljust(4, "0") + "-01-01")[:10]
    return None


def period_bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day of an ISO day, week, month, quarter, season, year or decade value
    ("2023-08" -> 2023-08-01, 2023-08-31), or None for what is no such value."""
    first = _first_day(value)
    if first is None:
        return None
    start = date.fromisoformat(first)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return start, start
    if "-W" in value:
        return start, start + timedelta(days=6)
    if re.fullmatch(r"\d{4}-\d\d", value):
        return _unit_bounds(start, "M")
    if re.fullmatch(r"\d{4}", value):
        return _unit_bounds(start, "Y")
    months = 120 if len(value) == 3 else 3  # a decade ("202"), else a quarter or a season
    return start, _add_months(start, months) - timedelta(days=1)


def _apply(name: str, text: str, a: date | None) -> TimeValue | None:
    rx, handler = _RULES[name]
    m = rx.fullmatch(text)
    return handler(m, a) if m else None


def _interpret(text: str, a: date | None) -> TimeValue | None:
    bare = re.sub(r"['’]s$", "", text.rstrip(".,;:!?"), flags=re.IGNORECASE)
    for candidate in dict.fromkeys((text, _PREP.sub("", text), bare, _PREP.sub("", bare))):
        since = re.match(rf"{_SINCE}\s+", candidate, _FLAGS)
        body = candidate[since.end():] if since else candidate
        for name in _RULES:
            tv = _apply(name, body, a)
            if tv is not None:
                return _since(tv, a) if since else tv
    return None


def normalize(expression: str, anchor: date | None) -> TimeValue:
    """One time expression, normalised against ``anchor`` (the publication date; None when unknown)."""
    text = " ".join(unicodedata.normalize("NFKC", expression).split())
    text = re.sub(r"\b\w", lambda m: m.group().upper(), text.lower())   # month names match by case
    if not text:
        return UNKNOWN
    return _interpret(text, anchor) or _dateparser(text, anchor) or UNKNOWN


@functools.lru_cache(maxsize=64)
def _date_data_parser(anchor: date | None):
    from dateparser.date import DateDataParser

    base = datetime.combine(anchor or date(2000, 1, 1), datetime.min.time())
    return DateDataParser(languages=["en", "ru", "uk", "de"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})


def _dateparser(text: str, a: date | None) -> TimeValue | None:
    """dateparser for forms the rules miss, only where a date is plausible: a month name, a year, d/m/y."""
    if not re.search(rf"(?<!\w)(?:{_MON}|{_YEAR})(?!\w)|\d[./-]\d", text, _FLAGS):
        return None
    if a is None and not re.search(rf"\b{_YEAR}\b", text):
        return None                                        # relative: never resolve against today
    try:
        data = _date_data_parser(a).get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    return _at(d, {"year": "Y", "month": "M", "week": "W"}.get(data.period or "day", "D"))


# --- finding -------------------------------------------------------------------------------------

_BARE_MONTH_OK = re.compile(r"\b(?:in|of|since|until|till|by|from|through|to|and|or|during|early|mid|late"
                            r"|last|next|this|end|beginning|в|у|im|seit|bis|до|с|з)\s*$", _FLAGS)
_YEAR_NOUN = re.compile(r"\s*(?:%|(?i:percent|per\s+cent)|[a-z]+s\b|people|men|women|children|police"
                        r"|personnel)")
_NOT_PLURAL = {"was", "has", "is", "as", "its", "his", "this", "thus", "always", "across", "plus", "us"}
_QUANTITY = re.compile(r"(?:about|some|over|nearly|almost|than|around|approximately|roughly|least|another"
                       r"|No\.)\s*$", _FLAGS)


def _plausible(name: str, m: re.Match, text: str, start: int, end: int) -> bool:
    """Reject finder hits that are words or numbers rather than times (bare "May", "2000 troops")."""
    before, after = text[max(0, start - 16):start], text[end:end + 24]
    if name == "month" and not (_g(m, "y") or _g(m, "part") or _g(m, "q")):
        word = _g(m, "mon")
        if not word[-1].isalpha() or len(word) <= 4 and word[0].isupper() and \
                word not in ("May", "June", "July"):
            return False                                  # a bare "Jan" or "Sept.": a name, or noise
        if word in ("May", "March"):
            return bool(_BARE_MONTH_OK.search(before))
    if name == "year" and not _g(m, "part") and m.group().isdigit():
        if before.rstrip().endswith(("$", "€", "£")) or _QUANTITY.search(before):
            return False
        noun = _YEAR_NOUN.match(after)
        if noun and noun.group().strip().lower() not in _NOT_PLURAL:
            return False
    if name == "season" and not _g(m, "y") and (_g(m, "q") or "").lower() in ("", "the"):
        return bool(_g(m, "q")) and not (_g(m, "s").lower() in ("fall", "spring") and after.startswith(" of"))
    if name == "duration" and _g(m, "u_2"):     # bare "years": only after "for", "in", "over"...
        return bool(re.search(r"\b(?:for|over|in|within|after|take|takes|took|taken|lasted)\s+$", before,
                              _FLAGS))
    if name == "ref" and m.group().lower() == "earlier":
        return bool(re.match(r"\s*(?:[,.;:)\u2013\u2014-]|$|(?:on|in|this|today|that\s+day)\b)", after))
    return True


# find_times tries the rules only at word starts, and there only those that can begin with the next three
# characters; which ones can is found once per prefix by partial matching with the ``regex`` package (a
# dateparser dependency). In order, the first rule that matches and passes ``_plausible`` wins.
_WORD = re.compile(r"[^\W_]+")


@functools.cache
def _finder(name: str, since: bool) -> re.Pattern:
    head = rf"{_SINCE}\s+" if since else ""
    return re.compile(rf"(?<![\w$€£]){head}(?:{_RULES[name][0].pattern})(?!\w)", _FLAGS)


@functools.cache
def _partial_rules() -> tuple[list, object] | None:
    try:
        import regex
    except ImportError:                                   # slower, same results: try every rule everywhere
        return None
    return ([(name, regex.compile(pattern, regex.IGNORECASE)) for name, pattern, _ in _RULE_SPECS],
            regex.compile(rf"{_SINCE}\s", regex.IGNORECASE))


@functools.lru_cache(maxsize=65536)
def _rules_for(prefix: str) -> tuple[tuple[str, bool], ...]:
    if _partial_rules() is None:
        return tuple((name, since) for since in (True, False) for name in _RULES)
    rules, since = _partial_rules()
    plain = tuple((name, False) for name, rx in rules
                  if rx.match(prefix, partial=True) or rx.match(prefix.capitalize(), partial=True))
    return tuple((name, True) for name, _ in rules) + plain if since.match(prefix, partial=True) else plain


def _match_at(text: str, start: int, anchor: date | None) -> TimeMention | None:
    for name, since in _rules_for(text[start:start + 3].lower()):
        m = _finder(name, since).match(text, start)
        if m is None:
            continue
        body_start = start + re.match(rf"{_SINCE}\s+", m.group(), _FLAGS).end() if since else start
        rule = _RULES[name][0].fullmatch(text, body_start, m.end()) if since else m
        if rule is None or not _plausible(name, rule, text, body_start, m.end()):
            continue
        tv = _RULES[name][1](rule, anchor)
        if tv is not None and tv.precision != "unknown":
            return TimeMention(m.group(), Span(start, m.end()), _since(tv, anchor) if since else tv)
    return None


def find_times(text: str, anchor: date | None) -> list[TimeMention]:
    """Every time expression in ``text``, non-overlapping and in order, normalised against ``anchor``."""
    out: list[TimeMention] = []
    end = 0
    for w in _WORD.finditer(text):
        start = w.start()
        if start < end:
            continue
        found = _match_at(text, start - 1, anchor) if start and text[start - 1] in "'’" else None  # '80s
        if found := found or _match_at(text, start, anchor):
            out.append(found)
            end = found.span.end
    return out
