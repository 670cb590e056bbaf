from sitroom.clean.boilerplate import classify

PAGE = """World | Europe

Shelters fill up as shelling nears the river town

Residents describe a sleepless week on the eastern bank

Photo: A shelter entrance in the town centre © Sample Photo Agency

Local officials said on Tuesday that more than two hundred people had spent the night in basement shelters, as artillery fire moved closer to the river crossing.

Read also:
- Grain exports resume from the southern ports
- Parliament debates a new mobilisation bill
The regional administration said buses would run twice a day for anyone who wanted to leave, and that no one would be forced to go.

A volunteer who runs the largest shelter said supplies of water and bread were enough for a week, but warned that medicine was running short.

Maria Kovalenko is a correspondent covering the eastern front for the Sample Herald.

Related Stories
Drone debris damages a school in the regional capital
Officials in the city reported minor damage after debris fell...
Leave a Comment
Your email address will not be published.
"""


def test_boilerplate_classify_keeps_body_and_headline():
    kept = [ln.text for ln in classify(PAGE) if ln.kept]
    assert kept[0] == "Shelters fill up as shelling nears the river town"
    assert kept[1] == "Residents describe a sleepless week on the eastern bank"
    assert any(t.startswith("Local officials said on Tuesday") for t in kept)
    assert any(t.startswith("The regional administration said buses") for t in kept)
    assert any(t.startswith("A volunteer who runs") for t in kept)
    assert len(kept) == 5


def test_boilerplate_classify_reasons():
    reasons = {ln.text: ln.reason for ln in classify(PAGE) if not ln.kept}
    assert reasons["World | Europe"] == "section label"
    assert reasons["Photo: A shelter entrance in the town centre © Sample Photo Agency"] == "photo caption"
    assert reasons["Read also:"] == "read-more link"
    assert reasons["- Grain exports resume from the southern ports"] == "teaser list"
    assert reasons["Maria Kovalenko is a correspondent covering the eastern front for the Sample Herald."] == "author bio"
    assert reasons["Related Stories"] == "related-stories block"
    assert reasons["Leave a Comment"].startswith(("comment form", "related-stories"))


def test_boilerplate_trailing_teasers_without_heading():
    page = ("Headline about the front\n\n" + "The ministry said the brigade held its positions through the night "
            "despite heavy shelling, and that losses were light. " * 2 + "\n\n"
            "Another story about grain exports\n\nPorts in the south reopened on Monday after a pause...\n")
    lines = classify(page)
    assert [ln.reason for ln in lines][-2:] == ["teaser", "teaser"]


def test_boilerplate_bio_only_at_the_tail():
    page = ("A headline\n\nA reporter covering the war, Ivan Sample, said he saw the convoy cross the bridge at dawn "
            "and counted more than forty trucks heading north toward the border.\n\n"
            "The convoy was later seen near the border crossing, local residents said, adding that it stopped twice.\n")
    assert all(ln.kept for ln in classify(page))
