"""The learned reporting-cue model beside the lexicon (sitroom.extract.cues), on sentences written here."""

from __future__ import annotations

import pytest

from sitroom.extract.cues import CueModel, cue_model

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipelines():
    from sitroom.clean import clean
    from sitroom.clean.metadata import titles
    from sitroom.extract.claims import make_claims_stage
    from sitroom.extract.entities import entities
    from sitroom.extract.parse import make_parse_stage
    from sitroom.pipeline import Pipeline

    parse = make_parse_stage()
    return {name: Pipeline([clean, titles, parse, entities, make_claims_stage(cues=cues)], provided=["published"])
            for name, cues in (("model", True), ("lexicon", False))}


def claims(pipeline, text):
    from sitroom.model import Article

    article = pipeline(Article(source="t.txt", raw_text="Headline of the day\n\n" + text))
    return [(c.speaker, c.cue) for c in article.claims]


def test_cues_model_ships_and_round_trips():
    model = cue_model()
    assert model is not None and 0 < model.threshold < 1 and len(model.weights) > 1000
    assert CueModel.from_json(model.to_json()).weights == pytest.approx(model.weights, abs=1e-4)


@pytest.mark.parametrize("text, cue", [
    ("Mayor Ihor Terekhov lamented that the rescue crews had no rest through the night.", "lamented"),
    ("Senator Jane Roe slammed the new budget, which cuts funding for schools.", "slammed"),
])
def test_cues_model_adds_verbs_outside_the_lexicon(pipelines, text, cue):
    assert cue in [c for _, c in claims(pipelines["model"], text)]
    assert cue not in [c for _, c in claims(pipelines["lexicon"], text)]


@pytest.mark.parametrize("text", [
    "The general ordered the troops to withdraw from the northern bank.",
    "Workers repaired the damaged bridge over the river on Sunday.",
])
def test_cues_model_leaves_actions_alone(pipelines, text):
    assert claims(pipelines["model"], text) == []


def test_cues_unnamed_description_resolves_to_the_person_named_with_that_role(pipelines):
    text = ("Troops entered the border town on Wednesday, the local police chief said. "
            "\"The situation is difficult,\" Jane Roe, the town's patrol police chief, said on Facebook.")
    assert {s for s, _ in claims(pipelines["model"], text)} == {"Jane Roe"}
