import pytest

from sitroom.link.syndication import MAX_CANDIDATES, CopyIndex, originating, shingles, syndication_groups
from sitroom.model import Article

WIRE = (
    "Air defence units shot down eleven of fourteen drones launched overnight at the southern region, the "
    "regional military administration said on Tuesday. Debris fell on a warehouse on the outskirts of the "
    "city and started a fire that crews put out by morning. Nobody was hurt, according to the "
    "administration, which said power lines in two villages were damaged and repair teams were "
    "already at work. Schools in the district will open as usual, the head of the administration "
    "added in a video statement."
)
REWRITE = (
    "Air defence units downed eleven of fourteen drones launched overnight at the southern region, the "
    "regional military administration said on Tuesday. Debris fell on a warehouse on the outskirts of the "
    "city and started a fire that crews put out by morning. No one was hurt, according to the "
    "administration, which said power lines in two villages were damaged and repair teams were "
    "already at work. Schools in the district will open as usual, the head of the administration "
    "added in a video statement."
)
TRIMMED = WIRE.split(" Nobody was")[0]  # the first two sentences: under half the shingles
UNRELATED = (
    "The central bank left its key rate unchanged on Thursday, citing slowing inflation and a stronger "
    "currency, and said it expected to ease policy gradually in the second half of the year."
)


def doc(source, body, published=None):
    return Article(source=source, raw_text=source + body, id=source, published=published, body=body)


def test_syndication_rewrite_grouped_unrelated_left_out():
    docs = [doc("wire", WIRE), doc("bank", UNRELATED), doc("rewrite", REWRITE)]
    assert syndication_groups(docs) == [["wire", "rewrite"]]


def test_syndication_trimmed_copy_grouped_by_containment():
    docs = [doc("wire", WIRE), doc("trimmed", TRIMMED)]
    assert syndication_groups(docs) == [["wire", "trimmed"]]
    assert syndication_groups(docs, containment=1.01) == []


def test_syndication_groups_are_transitive_and_ordered():
    docs = [doc("bank", UNRELATED), doc("rewrite", REWRITE), doc("wire", WIRE), doc("trimmed", TRIMMED),
            doc("bank-copy", UNRELATED)]
    assert syndication_groups(docs) == [["bank", "bank-copy"], ["rewrite", "wire", "trimmed"]]


def test_syndication_empty_and_short_bodies():
    docs = [doc("empty", ""), doc("short", "Sirens again."), doc("short-copy", "Sirens again!")]
    assert syndication_groups(docs) == [["short", "short-copy"]]
    assert shingles("") == set()


@pytest.mark.parametrize("group, expected", [
    ([doc("b", WIRE, "2024-03-02"), doc("a", WIRE, "2024-03-03")], "b"),
    ([doc("b", WIRE, "2024-03-02"), doc("a", WIRE, "2024-03-02")], "a"),
    ([doc("a", WIRE), doc("b", WIRE, "2024-03-09")], "b"),
    ([doc("b", WIRE), doc("a", WIRE)], "a"),
])
def test_syndication_originating_earliest_then_source(group, expected):
    assert originating(group) == expected


def test_syndication_originating_needs_a_group():
    with pytest.raises(ValueError):
        originating([])


def test_syndication_same_text_is_one_group_even_without_a_body():
    one, two = (Article(source=s, raw_text="Sirens.", meta={"outlet": s}, body="") for s in ("A", "B"))
    assert one.id != two.id and syndication_groups([one, two]) == [[one.id, two.id]]


def test_syndication_checks_a_bounded_number_of_look_alikes_and_still_finds_the_copy():
    # templated bulletins: every one shares a long block with the others (candidates for each), none
    # is a copy of another; the last text is a copy of the fifth
    block = " ".join(f"shared{k}" for k in range(40))
    bulletins = [f"{block} " + " ".join(f"own{i}x{k}" for k in range(40)) for i in range(80)]
    articles = [doc(f"b{i}", text) for i, text in enumerate(bulletins)]
    articles.append(doc("copy", bulletins[4].replace("own4x39", "changed")))
    read: list[int] = []

    def text_of(ids):
        read.append(len(ids))
        return {i: next(a.body for a in articles if a.id == i) for i in ids}

    index = CopyIndex(text_of)
    for article in articles:
        index.add(article)
    assert index.groups() == [["b4", "copy"]]
    assert max(read) <= MAX_CANDIDATES < len(articles) - 1
