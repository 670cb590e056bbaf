from sitroom.clean import clean_text
from sitroom.clean.duplicates import find_duplicates

BODY = [
    "Brigade holds the line near the river",
    "Brigade holds the line near the river",
    "Ukrainian troops repelled three assaults on the village overnight, the brigade's press officer said, "
    "adding that the bridge across the river remained intact.",
    "The regional governor ordered the evacuation of families with children from four border settlements, "
    "citing shelling that damaged a school and a clinic.",
    "Buses left from the central square at noon, and volunteers handed out water and blankets to those "
    "waiting at the station.",
    "In short, the brigade repelled three assaults on the village overnight and the bridge across the river "
    "remained intact, while the governor ordered families with children evacuated from border settlements.",
]


def _paragraphs():
    cleaned = clean_text("\n".join(BODY))
    return cleaned.paragraphs


def test_duplicates_repeated_headline_points_at_first():
    found = find_duplicates(_paragraphs())
    repeated = [d for d in found if d.reason == "repeated line"]
    assert len(repeated) == 1
    assert repeated[0].of is not None and repeated[0].of.start == 0


def test_duplicates_appended_summary_flagged_body_not():
    paragraphs = _paragraphs()
    found = find_duplicates(paragraphs)
    flagged = {d.span.start for d in found}
    assert paragraphs[-1][0].start in flagged
    assert not any(p[0].start in flagged for p in paragraphs[2:5])


def test_duplicates_summary_must_close_the_article():
    paragraphs = _paragraphs()
    reordered = paragraphs[:2] + [paragraphs[5]] + paragraphs[2:5]
    assert [d.reason for d in find_duplicates(reordered)] == ["repeated line"]


def test_duplicates_a_recap_of_earlier_news_is_not_a_summary():
    paragraphs = _paragraphs()
    recap = ("As a reminder, the brigade repelled three assaults on the village overnight and the bridge across "
             "the river remained intact, while the governor ordered families with children evacuated.")
    body = "\n".join(BODY[:-1] + [recap])
    paragraphs = clean_text(body).paragraphs
    assert [d.reason for d in find_duplicates(paragraphs)] == ["repeated line"]
