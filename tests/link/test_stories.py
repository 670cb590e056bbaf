import random
from dataclasses import replace

import pytest

from sitroom.link.stories import StoryIndex, StoryParams, build_index, cluster_stories, tokens
from sitroom.model import Article, Entity, Mention, Span


def article(source, published, body, places=(), persons=(), organizations=()):
    """A small article (id = source, so stories list sources); mentions point into ``body``."""

    def entities(names, label):
        out = []
        for canonical, surface in names:
            start = body.find(surface)
            mentions = (Mention(surface, Span(start, start + len(surface))),) if start >= 0 else ()
            out.append(Entity(canonical, label, mentions))
        return out

    found = entities(places, "location") + entities(persons, "person") + entities(organizations, "organization")
    return Article(source=source, raw_text=body, id=source, published=published, body=body, entities=tuple(found))


PORT_2024 = [
    article("port-a.txt", "2024-03-04",
            "Drones struck the grain terminal in the river port of Kherson overnight, setting two silos on "
            "fire. The regional governor said firefighters worked until dawn and that the terminal had "
            "halted loading.",
            places=[("Kherson", "Kherson")], persons=[("Oleksandr Prokudin", "regional governor")]),
    article("port-b.txt", "2024-03-05",
            "A fire at the grain terminal of the Cherson river port burned for hours after a drone attack, "
            "officials said. Loading at the terminal was halted and two silos were lost.",
            places=[("Kherson", "Cherson")]),
    article("port-c.txt", "2024-03-06",
            "Grain exports from Chersons port are suspended: the drone strike on the terminal destroyed "
            "silos and the governor says loading will not resume this week.",
            places=[("Kherson", "Chersons")], persons=[("Oleksandr Prokudin", "governor")]),
]
PORT_2022 = article(
    "port-old.txt", "2022-03-07",
    "Drones struck the grain terminal in the river port of Kherson, and silos burned through the night. "
    "Loading at the terminal was halted, the governor said.",
    places=[("Kherson", "Kherson")])
UNRELATED = article(
    "budget.txt", "2024-03-05",
    "Lawmakers in Lisbon approved the annual budget after a late-night session, with pension increases and "
    "a cut in fuel duty that the opposition called unaffordable.",
    places=[("Lisbon", "Lisbon")], organizations=[("Assembly of the Republic", "Lawmakers")])


def story_of(stories, source):
    return next(sid for sid, members in stories.items() if source in members)


def test_stories_spelling_variants_join_one_story():
    stories = cluster_stories(PORT_2024)
    assert list(stories.values()) == [["port-a.txt", "port-b.txt", "port-c.txt"]]


def test_stories_same_place_and_kind_two_years_apart_stay_apart():
    stories = cluster_stories([*PORT_2024, PORT_2022])
    assert stories[story_of(stories, "port-old.txt")] == ["port-old.txt"]
    assert len(stories[story_of(stories, "port-a.txt")]) == 3


def test_stories_same_text_inside_the_window_joins():
    """The control for the test above: only the date keeps the 2022 article out."""
    moved = replace(PORT_2022, published="2024-03-08")
    stories = cluster_stories([*PORT_2024, moved])
    assert story_of(stories, "port-old.txt") == story_of(stories, "port-a.txt")


def test_stories_unrelated_article_stays_alone():
    stories = cluster_stories([*PORT_2024, UNRELATED])
    assert stories[story_of(stories, "budget.txt")] == ["budget.txt"]
    assert len(stories) == 2


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stories_incremental_add_matches_batch(seed):
    docs = [*PORT_2024, PORT_2022, UNRELATED]
    shuffled = docs[:]
    random.Random(seed).shuffle(shuffled)
    batch = cluster_stories(shuffled)

    index = StoryIndex()
    first = cluster_stories(sorted(docs, key=lambda d: d.published)[:3])
    for doc in sorted(docs, key=lambda d: d.published):
        story_id = index.add(doc)
        assert doc.id in index.stories()[story_id]
        if len(index) == 3:
            assert index.stories() == first
    assert index.stories() == batch


def test_stories_ids_come_from_the_first_article_and_stay():
    index = StoryIndex()
    sid = index.add(PORT_2024[0])
    assert sid == "s-port-a.txt"
    assert index.add(PORT_2024[1]) == sid
    assert index.add(UNRELATED) == "s-budget.txt"
    assert index.add(PORT_2024[2]) == sid
    assert list(index.stories()) == [sid, "s-budget.txt"]


def test_stories_undated_article_matched_on_content_with_its_own_threshold():
    copy = replace(PORT_2024[1], source="undated-copy.txt", id="undated-copy.txt", published=None)
    stories = cluster_stories([*PORT_2024, copy])
    assert story_of(stories, "undated-copy.txt") == story_of(stories, "port-a.txt")
    strict = StoryParams(undated_in_dated_threshold=1.01)  # against a dated story
    stories = cluster_stories([*PORT_2024, copy], strict)
    assert stories[story_of(stories, "undated-copy.txt")] == ["undated-copy.txt"]
    undated = [replace(a, published=None) for a in PORT_2024]  # no dates anywhere: the stricter one
    assert len(cluster_stories(undated, StoryParams(undated_threshold=1.01))) == 3


def test_stories_each_add_scores_a_bounded_number_of_candidates():
    params = StoryParams(max_candidates=4)
    docs = [article(f"n{i}.txt", "2024-05-01",
                    f"Shelling near the bridge of sector {i} wounded civilians, the district office said.",
                    places=[("Sector", "sector")])
            for i in range(60)]
    index = build_index(docs, params)
    assert index.comparisons <= params.max_candidates * len(docs)


def test_stories_tokens_drop_stopwords_and_fold_plurals():
    assert tokens("The drones and the silos of Kherson") == ["drone", "silo", "kherson"]


@pytest.mark.parametrize("with_mentions, joined", [(True, True), (False, False)])
def test_stories_text_uses_canonical_names_for_spelling_variants(with_mentions, joined):
    """Text alone (no entity or place weight): ``Kharkov`` counts as ``Kharkiv`` only through its mention."""
    first = article("x.txt", "2024-05-10", "Explosions were heard in Kharkov after midnight, residents said.",
                    places=[("Kharkiv", "Kharkov")])
    if not with_mentions:
        first = replace(first, entities=(Entity("Kharkiv", "location"),))
    second = article("y.txt", "2024-05-10", "Kharkiv residents reported loud explosions after midnight.",
                     places=[("Kharkiv", "Kharkiv")])
    params = StoryParams(w_entities=0.0, w_places=0.0, threshold=0.55)
    assert (len(cluster_stories([first, second], params)) == 1) is joined


def test_stories_adding_the_same_source_again_changes_nothing():
    index = StoryIndex()
    for doc in PORT_2024:
        index.add(doc)
    before = index.stories()
    assert index.add(PORT_2024[1]) == "s-port-a.txt"
    assert index.stories() == before and len(index) == 3


def test_stories_a_long_running_story_with_a_gap_in_its_coverage_stays_one():
    # a terminal hit again and again: coverage resumes three weeks after the last report
    later = replace(PORT_2024[0], source="port-d.txt", id="port-d.txt", published="2024-03-27")
    stories = cluster_stories([*PORT_2024, later])
    assert story_of(stories, "port-d.txt") == story_of(stories, "port-a.txt")
    # farther than the long window, even the same words are another story (2022 against 2024)
    much_later = replace(later, source="port-e.txt", id="port-e.txt", published="2024-07-01")
    stories = cluster_stories([*PORT_2024, much_later])
    assert story_of(stories, "port-e.txt") != story_of(stories, "port-a.txt")
