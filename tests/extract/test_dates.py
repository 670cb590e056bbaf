"""Time expressions normalised against the publication date, and found in fresh sentences."""

from datetime import date

import pytest

from sitroom.extract.dates import TimeMention, TimeValue, find_times, normalize

MON = date(2024, 5, 13)   # a Monday
WED = date(2024, 5, 15)
FRI = date(2024, 5, 17)


@pytest.mark.parametrize("expression, anchor, value, precision", [
    # weekdays: the latest on or before the anchor; last = strictly before; next = strictly after
    ("on Monday", MON, "2024-05-13", "day"),
    ("on Sunday", MON, "2024-05-12", "day"),
    ("Thursday", FRI, "2024-05-16", "day"),
    ("Monday night", MON, "2024-05-13", "day"),
    ("last Friday", MON, "2024-05-10", "day"),
    ("last Monday", MON, "2024-05-06", "day"),
    ("since last Friday", MON, "2024-05-10", "since"),
    ("next Tuesday", MON, "2024-05-14", "day"),
    ("this coming Sunday", MON, "2024-05-19", "day"),
    # days around the anchor
    ("yesterday", MON, "2024-05-12", "day"),
    ("today", MON, "2024-05-13", "day"),
    ("tonight", MON, "2024-05-13", "day"),
    ("this morning", MON, "2024-05-13", "day"),
    ("last night", MON, "2024-05-12", "day"),
    ("overnight", MON, "2024-05-13", "day"),
    ("the day before yesterday", MON, "2024-05-11", "day"),
    ("tomorrow", MON, "2024-05-14", "day"),
    ("in three days' time", MON, "2024-05-16", "day"),
    # "ago" takes the precision of its unit
    ("two days ago", MON, "2024-05-11", "day"),
    ("three weeks ago", MON, "2024-W17", "week"),
    ("a month ago", MON, "2024-04", "month"),
    ("ten years ago", MON, "2014", "year"),
    # calendar units
    ("last week", MON, "2024-W19", "week"),
    ("this week", MON, "2024-W20", "week"),
    ("next week", MON, "2024-W21", "week"),
    ("last month", MON, "2024-04", "month"),
    ("this year", MON, "2024", "year"),
    ("last year", MON, "2023", "year"),
    # day and month names: the year that puts them in (anchor - 335 days, anchor + 30 days]
    ("May 11", MON, "2024-05-11", "day"),
    ("11 May", MON, "2024-05-11", "day"),
    ("on May 11", MON, "2024-05-11", "day"),
    ("the 11th of May", MON, "2024-05-11", "day"),
    ("Saturday, May 11", MON, "2024-05-11", "day"),
    ("June 10", MON, "2024-06-10", "day"),
    ("July 20", MON, "2023-07-20", "day"),
    ("Dec. 28", date(2024, 1, 5), "2023-12-28", "day"),
    ("Jan. 3", date(2023, 12, 28), "2024-01-03", "day"),
    ("May 11, 2024", MON, "2024-05-11", "day"),
    ("September", MON, "2023-09", "month"),
    ("in September 2022", MON, "2022-09", "month"),
    ("2022", MON, "2022", "year"),
    ("mid-May", MON, "2024-05", "month"),
    ("early September", date(2022, 9, 20), "2022-09", "month"),
    ("last May", MON, "2023-05", "month"),
    ("the end of last month", MON, "2024-04", "month"),
    ("earlier this week", FRI, "2024-W20", "week"),
    ("earlier this month", MON, "2024-05", "month"),
    # numeric forms
    ("2024-05-13", None, "2024-05-13", "day"),
    ("13.05.2024", None, "2024-05-13", "day"),
    ("5/13/2024", None, "2024-05-13", "day"),
    # coarser units
    ("the third quarter", date(1989, 10, 26), "1989-Q3", "quarter"),
    ("the first quarter of 2024", MON, "2024-Q1", "quarter"),
    ("last summer", MON, "2023-SU", "season"),
    ("the 1990s", MON, "199", "decade"),
    ("the early 2000s", MON, "200", "decade"),
    ("since May 2022", MON, "2022-05", "since"),
    # Russian, Ukrainian, German
    ("в понедельник", MON, "2024-05-13", "day"),
    ("в прошлую пятницу", MON, "2024-05-10", "day"),
    ("с прошлой пятницы", MON, "2024-05-10", "since"),
    ("вчера вечером", MON, "2024-05-12", "day"),
    ("11 мая", MON, "2024-05-11", "day"),
    ("в мае", MON, "2024-05", "month"),
    ("на прошлой неделе", MON, "2024-W19", "week"),
    ("три дня назад", MON, "2024-05-10", "day"),
    ("у неділю", MON, "2024-05-12", "day"),
    ("минулої п’ятниці", MON, "2024-05-10", "day"),
    ("позавчора", MON, "2024-05-11", "day"),
    ("11 травня 2024 року", None, "2024-05-11", "day"),
    ("минулого тижня", MON, "2024-W19", "week"),
    ("am Montag", MON, "2024-05-13", "day"),
    ("am vergangenen Freitag", MON, "2024-05-10", "day"),
    ("gestern Abend", MON, "2024-05-12", "day"),
    ("am 11. Mai 2024", None, "2024-05-11", "day"),
    ("letzte Woche", MON, "2024-W19", "week"),
    ("vor drei Tagen", MON, "2024-05-10", "day"),
    ("seit Freitag", MON, "2024-05-10", "since"),
])
def test_dates_normalize_value_and_precision(expression, anchor, value, precision):
    tv = normalize(expression, anchor)
    assert (tv.value, tv.precision) == (value, precision)


@pytest.mark.parametrize("expression, anchor, precision, start, end, duration", [
    ("the past 72 hours", MON, "interval", "2024-05-10", "2024-05-13", "PT72H"),
    ("the last three days", MON, "interval", "2024-05-10", "2024-05-13", "P3D"),
    ("in the past week", MON, "interval", "2024-05-06", "2024-05-13", "P1W"),
    ("within three days", MON, "interval", "2024-05-10", "2024-05-13", "P3D"),
    ("in three days", MON, "interval", "2024-05-10", "2024-05-13", "P3D"),
    ("the next two days", MON, "interval", "2024-05-13", "2024-05-15", "P2D"),
    ("the past few weeks", MON, "interval", None, "2024-05-13", "PXW"),
    ("за последние сутки", MON, "interval", "2024-05-12", "2024-05-13", "P1D"),
    ("in den letzten zwei Wochen", MON, "interval", "2024-04-29", "2024-05-13", "P2W"),
    ("recently", MON, "interval", None, "2024-05-13", None),
    ("earlier", MON, "interval", None, "2024-05-13", None),
    ("in recent weeks", MON, "interval", None, "2024-05-13", None),
    ("now", MON, "interval", "2024-05-13", "2024-05-13", None),
    ("soon", MON, "interval", "2024-05-13", None, None),
    ("the weekend", MON, "interval", "2024-05-11", "2024-05-12", None),
    ("over the weekend", WED, "interval", "2024-05-11", "2024-05-12", None),
    ("next weekend", MON, "interval", "2024-05-18", "2024-05-19", None),
    ("May 10-12", MON, "interval", "2024-05-10", "2024-05-12", None),
    ("overnight", MON, "day", "2024-05-12", "2024-05-13", None),
    ("mid-May", MON, "month", "2024-05-11", "2024-05-20", None),
    ("earlier this week", FRI, "week", "2024-05-13", "2024-05-17", None),
    ("since last Friday", MON, "since", "2024-05-10", "2024-05-13", None),
    ("three days", MON, "duration", None, None, "P3D"),
    ("for two weeks", MON, "duration", None, None, "P2W"),
    ("five-year", MON, "duration", None, None, "P5Y"),
    ("daily", MON, "set", None, None, "P1D"),
])
def test_dates_normalize_ranges_and_durations(expression, anchor, precision, start, end, duration):
    tv = normalize(expression, anchor)
    assert (tv.precision, tv.start, tv.end, tv.duration) == (precision, start, end, duration)
    if precision in ("interval", "duration", "set"):
        assert tv.value is None


@pytest.mark.parametrize("expression, relative", [
    ("yesterday", "P1D-before-publication"),
    ("today", "publication-day"),
    ("on Friday", "friday-on-or-before-publication"),
    ("last Friday", "friday-before-publication"),
    ("since last Friday", "since-friday-before-publication"),
    ("next Tuesday", "tuesday-after-publication"),
    ("three days ago", "P3D-before-publication"),
    ("the past three days", "P3D-up-to-publication"),
    ("last week", "week-before-publication"),
    ("this month", "month-of-publication"),
    ("May 11", "XXXX-05-11"),
    ("September", "XXXX-09"),
    ("the weekend", "weekend-before-publication"),
    ("overnight", "night-before-publication"),
    ("вчера", "P1D-before-publication"),
    ("am Montag", "monday-on-or-before-publication"),
])
def test_dates_unknown_anchor_is_relative_never_guessed(expression, relative):
    tv = normalize(expression, None)
    assert (tv.value, tv.precision, tv.relative) == (None, "relative", relative)


@pytest.mark.parametrize("expression, value, precision", [
    ("May 11, 2024", "2024-05-11", "day"),
    ("September 2022", "2022-09", "month"),
    ("2022", "2022", "year"),
    ("11 мая 2024 года", "2024-05-11", "day"),
])
def test_dates_unknown_anchor_absolute_keeps_value(expression, value, precision):
    tv = normalize(expression, None)
    assert (tv.value, tv.precision) == (value, precision)


def test_dates_story_relative_expressions_are_not_resolved_against_publication():
    tv = normalize("two days later", MON)
    assert (tv.value, tv.precision, tv.relative) == (None, "relative", "P2D-after-reference")
    assert tv.duration == "P2D"


@pytest.mark.parametrize("expression", ["", "the village", "several tanks", "May God help us"])
def test_dates_normalize_unknown(expression):
    assert normalize(expression, MON).value is None


@pytest.mark.parametrize("text, anchor, expected", [
    ("Officials said on Monday that shelling had intensified since last Friday.", MON,
     [("Monday", "2024-05-13", "day"), ("since last Friday", "2024-05-10", "since")]),
    ("Over the past 72 hours at least 2000 residents left, a statement issued yesterday said.", MON,
     [("the past 72 hours", None, "interval"), ("yesterday", "2024-05-12", "day")]),
    ("The convoy arrived on 11 May and left two days ago.", MON,
     [("11 May", "2024-05-11", "day"), ("two days ago", "2024-05-11", "day")]),
    ("In September 2022 the line moved east; by mid-May it had settled.", MON,
     [("September 2022", "2022-09", "month"), ("mid-May", "2024-05", "month")]),
    ("The talks, held earlier this week, will resume next Tuesday.", FRI,
     [("earlier this week", "2024-W20", "week"), ("next Tuesday", "2024-05-21", "day")]),
    ("Drones struck the depot overnight, the third raid this week.", MON,
     [("overnight", "2024-05-13", "day"), ("this week", "2024-W20", "week")]),
    ("Output fell in the first quarter of 2024 and in the 1990s.", MON,
     [("the first quarter of 2024", "2024-Q1", "quarter"), ("the 1990s", "199", "decade")]),
    ("Вчера вечером над городом сбили два беспилотника.", MON, [("Вчера вечером", "2024-05-12", "day")]),
    ("У неділю ввечері рятувальники працювали до ранку.", MON, [("неділю ввечері", "2024-05-12", "day")]),
    ("Am Montag, 13. Mai 2024, meldete das Ministerium neue Angriffe.", MON,
     [("Montag, 13. Mai 2024", "2024-05-13", "day")]),
    ("Since the 1980s the town has changed.", None, [("Since the 1980s", "198", "since")]),
])
def test_dates_find_times_spans_values(text, anchor, expected):
    found = find_times(text, anchor)
    assert [(m.text, m.value.value, m.value.precision) for m in found] == expected
    assert all(text[m.span.start:m.span.end] == m.text for m in found)


@pytest.mark.parametrize("text", [
    "May God protect them, a 45-year-old resident said.",
    "Reporters watched the fall of the town from a hill.",
    "Jan Novak, the mayor, toured the site with 2024 volunteers.",
    "Some 2000 troops and 1500 vehicles crossed; the index closed at 2082.1 points.",
    "They march on, and the second team follows.",
])
def test_dates_find_times_ignores_lookalikes(text):
    assert find_times(text, MON) == []


def test_dates_find_times_unknown_anchor_keeps_spans():
    found = find_times("The strike came on Friday, two days after the 12 May talks.", None)
    assert [(m.text, m.value.precision, m.value.relative) for m in found] == [
        ("Friday", "relative", "friday-on-or-before-publication"),
        ("two days after", "relative", "P2D-after-reference"),
        ("12 May", "relative", "XXXX-05-12"),
    ]


def test_dates_find_times_non_overlapping_in_order():
    text = "On Saturday, May 11, and again on Sunday, troops moved; by today the roads were shut."
    found = find_times(text, MON)
    assert [m.text for m in found] == ["Saturday, May 11", "Sunday", "today"]
    assert all(a.span.end <= b.span.start for a, b in zip(found, found[1:]))


def test_dates_mention_round_trips_through_dict():
    mention = find_times("Shelling continued since last Friday.", MON)[0]
    assert TimeMention.from_dict(mention.to_dict()) == mention
    value = normalize("the past 72 hours", MON)
    assert TimeValue.from_dict(value.to_dict()) == value


def test_dates_find_times_prefix_dispatch_changes_nothing(monkeypatch):
    """Trying only the rules that can start with a word's first letters finds what trying all rules does."""
    from sitroom.extract import dates

    texts = [
        "On Saturday, May 11, and again since last Friday; the '80s, 13.05.2024 and Q3 2024 figures.",
        "С 11 мая, з 11 травня, seit dem 11. Mai, у п’ятницю, am Montagabend, vor drei Tagen, торік.",
        "Within three days, for years, daily, the past 72 hours, a year earlier, in recent weeks, soon.",
    ]
    fast = [find_times(t, MON) for t in texts]
    dates._rules_for.cache_clear()
    monkeypatch.setattr(dates, "_partial_rules", lambda: None)
    try:
        assert [find_times(t, MON) for t in texts] == fast
    finally:
        dates._rules_for.cache_clear()
    assert all(fast)
