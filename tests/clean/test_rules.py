import pytest

from sitroom.clean import rules


@pytest.mark.parametrize("line, reason", [
    ("Leave a Reply", "comment form"),
    ("Your email address will not be published.", "comment form"),
    ("Required fields are marked *", "comment form"),
    ("Back to top button", "page chrome"),
    ("Share this article", "page chrome"),
    ("- Sponsor -spot_img", "page chrome"),
    ("Sign up for our daily newsletter", "page chrome"),
    ("READ MORE: Why the northern front matters this spring", "read-more link"),
    ("Read also:", "read-more link"),
    ("Читайте также: Обстрел Харькова", "read-more link"),
    ("Related: Drone strikes hit a depot near Sumy", "read-more link"),
    ("Source: www.example-news.test", "source line"),
    ("FILE PHOTO. Soldiers at a checkpoint © Sample Photo Agency", "photo caption"),
    ("Photo: A destroyed bridge near the river", "photo caption"),
    ("By Olena Marchuk and Peter Hale", "byline or credits"),
    ("(Reporting by Anna Petrenko; Editing by Tom Hall)", "byline or credits"),
    ("Published: 14 March 2025, 09:30", "date line"),
    ("March 14, 2025", "date line"),
    ("Firefighters at the scene in Kupiansk on June 3. (Regional administration / Telegram)", "photo caption"),
    ("A view shows a damaged school after shelling in the town.", "photo caption"),
    ("— Sample Reporter (@sample_reporter) June 3, 2025", "embedded post credit"),
    ("by Sample Writer and the news desk June 3, 2025 9:15 AM 2 min read", "page chrome"),
    ("This audio is created with AI assistance", "page chrome"),
    ("Authors: Sample Writer, Another Author, and Third W. Person.", "byline or credits"),
])
def test_rules_line_reason_flags_furniture(line, reason):
    assert rules.line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Related to this, the governor said shelters stayed open overnight.",
    "Sponsors of the bill said it would pass.",
    "He told dpa that the bridge was intact.",
    "By the end of the week, the brigade had moved north.",
    "The source said the convoy left at dawn.",
    "Comments from the ministry came late on Tuesday.",
    "A view of the front from the town hall was impossible, the mayor said, as shelling went on all night.",
    "The brigade (which the ministry calls a unit / formation) held the bridge for a week, the staff said.",
])
def test_rules_line_reason_keeps_body_sentences(line):
    assert rules.line_reason(line) is None


@pytest.mark.parametrize("line, expected", [
    ("World & Europe", True),
    ("Home > World > Europe", True),
    ("Russia & Former Soviet Union", True),
    ("Military", True),
    ("Drones hit a depot near Sumy", False),
    ("Russia & Ukraine Talks Stall", False),
])
def test_rules_section_label(line, expected):
    assert rules.is_section_label(line) is expected


@pytest.mark.parametrize("line, prefix, outlet", [
    ("(SAMPLEWIRE) Officials in the region said on Monday that the shelters were full.", "(SAMPLEWIRE) ", "SAMPLEWIRE"),
    ("KYIV, March 3 (Reuters) - Ukraine said on Monday its forces held the line near the river.",
     "KYIV, March 3 (Reuters) - ", "Reuters"),
    ("MOSCOW, March 3. /TASS/. The ministry said units had advanced near two villages overnight.",
     "MOSCOW, March 3. /TASS/. ", "TASS"),
    ("KHARKIV, Ukraine — Air raid sirens sounded across the city for the third night in a row.",
     "KHARKIV, Ukraine — ", None),
    ("WARSAW -- The defence minister said two more battalions would move to the eastern border.", "WARSAW -- ", None),
])
def test_rules_dateline_prefix(line, prefix, outlet):
    found = rules.dateline(line)
    assert found is not None and found.prefix == prefix and found.outlet == outlet


def test_rules_dateline_needs_running_text():
    assert rules.dateline("(AP) Photo") is None
    assert rules.dateline("UKRAINE — a short label") is None
