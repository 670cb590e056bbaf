import pytest

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
    page = ("Convoy seen crossing the bridge at dawn\n\nA reporter covering the war, Ivan Sample, said he saw the convoy cross the bridge at dawn "
            "and counted more than forty trucks heading north toward the border.\n\n"
            "The convoy was later seen near the border crossing, local residents said, adding that it stopped twice.\n")
    assert all(ln.kept for ln in classify(page))


EMBED_PAGE = """Floodwater reaches the lower town

The river rose by two metres overnight, the mayor said. The lower town was cut off by morning.

Water is in the square now.
Stay away from the embankment, please.

— Sample Mayor (@samplemayor) April 2, 2025

Rescue crews said they had taken more than forty people from the upper floors of houses by noon.

He wrote on X:

The bridge is closed until further notice.
— Sample Mayor (@samplemayor) April 2, 2025
"""


@pytest.mark.parametrize("page", [EMBED_PAGE, EMBED_PAGE.replace("\n\n", "\n")])
def test_boilerplate_embedded_post_goes_with_its_credit(page):
    reasons = {ln.text: ln.reason for ln in classify(page, learned=False)}
    assert reasons["Water is in the square now."] == "embedded post"
    assert reasons["Stay away from the embankment, please."] == "embedded post"
    assert reasons["The bridge is closed until further notice."] == "embedded post"
    assert reasons["— Sample Mayor (@samplemayor) April 2, 2025"] == "embedded post credit"
    # the line introducing a post, and the paragraphs before it, are body
    assert reasons["He wrote on X:"] is None
    assert reasons["The river rose by two metres overnight, the mayor said. The lower town was cut off by "
                   "morning."] is None


def test_boilerplate_embedded_post_is_the_block_above_its_credit():
    page = EMBED_PAGE.replace("the mayor said. The lower town was cut off by morning.", "the mayor said.")
    reasons = {ln.text: ln.reason for ln in classify(page, learned=False)}
    assert reasons["The river rose by two metres overnight, the mayor said."] is None
    assert reasons["Water is in the square now."] == "embedded post"


def test_boilerplate_teaser_with_a_lede_cut_off_mid_sentence():
    body = ("The ministry said the brigade held its positions through the night despite heavy shelling, "
            "and that losses were light. ") * 2
    page = (f"Headline about the front line\n\n{body}\n\n{body}\n\n"
            "Grain exports resume from the southern ports\n"
            "ODESA - Ships loaded with grain left the southern ports on Monday for the first time in weeks, "
            "and port officials said more were waiting to sail once the")
    reasons = [ln.reason for ln in classify(page, learned=False)]
    assert reasons == [None, None, None, "teaser", "teaser"]


def test_boilerplate_a_last_paragraph_ending_in_a_sign_off_is_body():
    body = ("The ministry said the brigade held its positions through the night despite heavy shelling, "
            "and that losses were light. ") * 2
    page = f"Headline about the front line\n\n{body}\n\n{body} Officials gave no figures — Sample Agency"
    assert all(ln.kept for ln in classify(page, learned=False))
