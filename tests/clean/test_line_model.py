import json

import pytest

from sitroom.clean import clean_text
from sitroom.clean.boilerplate import classify, is_running_text, rule_reasons
from sitroom.clean.lines_model import (
    FEATURES, REASON, LineModel, features, furniture_probabilities, load_model,
)
from sitroom.errors import ConfigError

# a scrape of an invented page: header labels, byline, caption, body, appeal, teaser, author lines
PAGE = """Newsroom
Regions, Frontline, Energy, Drones, Civilians
Ferry service across the estuary resumes after two weeks of shelling
Boats will run three times a day, the port authority says
Olha Sample, Petro Example 14 March 2025, 08:40
Passengers queue at the ferry landing on Friday. (Port authority / handout)
The port authority said on Friday that the ferry across the estuary would run again from Monday, two weeks after shelling damaged the landing stage and forced the service to stop.
Engineers worked through the nights to rebuild the pontoon, and divers checked the channel for debris, the authority said.
"We could not leave the villages on the far bank cut off any longer," the harbour master told reporters at the landing.
Tickets will cost the same as before the stoppage.
Residents of the villages had relied on a single road bridge, which is closed to trucks after it was hit in January.
Become a member
Night train timetable changes for the spring
Olha Sample
"""

FURNITURE = ["Newsroom", "Regions, Frontline, Energy, Drones, Civilians",
             "Olha Sample, Petro Example 14 March 2025, 08:40", "Become a member",
             "Night train timetable changes for the spring", "Olha Sample"]
STANDFIRST = "Boats will run three times a day, the port authority says"
BODY = ["Ferry service across the estuary resumes after two weeks of shelling",
        "Engineers worked through the nights to rebuild the pontoon, and divers checked the channel for debris, "
        "the authority said.",
        "Tickets will cost the same as before the stoppage."]


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.split("\n") if line.strip()]


def _probabilities(page: str, model: LineModel) -> dict[str, float]:
    texts = _lines(page)
    running = [is_running_text(t) for t in texts]
    reasons = rule_reasons(list(enumerate(texts)))
    return dict(zip(texts, furniture_probabilities(model, texts, reasons, running), strict=True))


def _constant(p_high: bool, **kw) -> LineModel:
    """A stand-in model that calls every line furniture (or none)."""
    return LineModel(features=FEATURES, threshold=0.5, bias=30.0 if p_high else -30.0, **kw)


@pytest.fixture(scope="module")
def model() -> LineModel:
    found = load_model()
    assert found is not None, "src/sitroom/data/models/lines.json is missing: run scripts/train_lines.py"
    return found


def test_lines_model_loads_with_its_features_and_threshold(model):
    assert model.features == FEATURES
    assert model.trees and 0.5 <= model.threshold < 1.0
    assert model.headline_threshold >= model.threshold


@pytest.mark.parametrize("page", [PAGE, "One line only", "A\nB\n\nC"])
def test_lines_model_features_one_row_per_line(page):
    texts = _lines(page)
    rows = features(texts, rule_reasons(list(enumerate(texts))), [is_running_text(t) for t in texts])
    assert len(rows) == len(texts)
    assert all(len(row) == len(FEATURES) for row in rows)


@pytest.mark.parametrize("line", FURNITURE)
def test_lines_model_scores_furniture_high(model, line):
    assert _probabilities(PAGE, model)[line] >= model.threshold


@pytest.mark.parametrize("line", BODY)
def test_lines_model_scores_prose_and_headline_low(model, line):
    assert _probabilities(PAGE, model)[line] < 0.3


def test_lines_model_removes_with_its_reason_on_top_of_the_rules(model):
    reasons = {ln.text: ln.reason for ln in classify(PAGE)}
    caption = "Passengers queue at the ferry landing on Friday. (Port authority / handout)"
    assert reasons[caption] == "photo caption"
    assert all(reasons[line] == REASON for line in FURNITURE)
    assert all(reasons[line] is None for line in [*BODY, STANDFIRST])
    rules_only = {ln.text: ln.reason for ln in classify(PAGE, learned=False)}
    assert REASON not in rules_only.values()


def test_lines_model_never_removes_running_text():
    lines = classify(PAGE, _constant(True, headline_threshold=0.0))  # everything is furniture to it
    assert any(is_running_text(ln.text) for ln in lines)
    assert all(ln.kept == is_running_text(ln.text) for ln in lines)


def test_lines_model_keeps_the_headline_its_copies_and_the_standfirst():
    copy = "FERRY SERVICE ACROSS THE ESTUARY RESUMES AFTER TWO WEEKS OF SHELLING"
    page = PAGE.replace("Olha Sample, Petro", f"{copy}\nOlha Sample, Petro")
    # sure of nothing at the headline threshold: the headline stays, with its copy and the standfirst
    kept = [ln.text for ln in classify(page, _constant(True, headline_threshold=1.01)) if ln.kept]
    assert kept[:3] == ["Ferry service across the estuary resumes after two weeks of shelling",
                        "Boats will run three times a day, the port authority says",
                        copy]
    assert "Newsroom" not in kept


def test_lines_model_removes_nothing_when_it_calls_nothing_furniture():
    assert classify(PAGE, _constant(False)) == classify(PAGE, learned=False)


def test_lines_model_clean_text_offsets_stay_consistent(model):
    cleaned = clean_text(PAGE)
    assert cleaned.paragraphs
    for span, text in cleaned.paragraphs:
        assert cleaned.body[span.start:span.end] == text
    assert cleaned.body == "\n\n".join(text for _, text in cleaned.paragraphs)
    removed = {r.text for r in cleaned.removed if r.reason == REASON}
    assert removed == set(FURNITURE)
    assert not removed & {text for _, text in cleaned.paragraphs}
    numbers = [r.line_no for r in cleaned.removed]
    assert numbers == sorted(numbers)


def test_lines_model_round_trip_through_json(model):
    again = LineModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again == model
    texts = _lines(PAGE)
    rows = features(texts, rule_reasons(list(enumerate(texts))), [is_running_text(t) for t in texts])
    assert again.probabilities(rows) == model.probabilities(rows)


def test_lines_model_logistic_form_scores():
    coef = [0.0] * len(FEATURES)
    coef[FEATURES.index("log_words")] = -2.0
    logistic = LineModel(features=FEATURES, threshold=0.5, bias=0.0, mean=(0.0,) * len(FEATURES),
                         scale=(1.0,) * len(FEATURES), coef=tuple(coef))
    probabilities = _probabilities(PAGE, logistic)
    assert probabilities["Newsroom"] > probabilities["Tickets will cost the same as before the stoppage."]
    assert LineModel.from_dict(logistic.to_dict()) == logistic


@pytest.mark.parametrize("change", [{"format": "other/1"}, {"features": ["log_chars"]}])
def test_lines_model_rejects_a_file_of_another_kind(model, change):
    with pytest.raises(ConfigError, match="retrain"):
        LineModel.from_dict({**model.to_dict(), **change})


@pytest.mark.shared
def test_lines_model_keeps_every_body_line_of_the_seeds(shared):
    from sitroom.eval.score import score_boilerplate

    for gold_file in sorted((shared / "gold" / "seeds").glob("*_*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        raw = (shared / "seeds" / gold_file.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        removed = [r.text for r in cleaned.removed if not r.fragment]
        scores = score_boilerplate(raw, gold, {"body": cleaned.body, "boilerplate_lines": removed})
        assert scores["body_lines_kept"].value in (None, 1.0), gold_file.name
        assert scores["removal_precision"].value in (None, 1.0), gold_file.name


def test_trees_walked_for_a_whole_page_give_each_lines_log_odds_to_the_bit(model):
    import math
    import random

    from sitroom.clean.lines_model import Tree

    rng = random.Random(7)
    rows = [[rng.choice([0.0, 1.0, rng.uniform(-2, 12)]) for _ in FEATURES] for _ in range(40)]
    stump = Tree(feature=(0,), threshold=(0.0,), left=(-1,), right=(-1,), value=(0.25,))
    split = Tree(feature=(0, 0, 0), threshold=(1.0, 0.0, 0.0), left=(1, -1, -1), right=(2, -1, -1),
                 value=(0.0, -1.5, 2.0))
    uneven = LineModel(features=FEATURES, threshold=0.5, bias=0.1, trees=(stump, split), learning_rate=0.5)
    for m in (model, uneven):
        one_by_one = [1.0 / (1.0 + math.exp(-m.log_odds(r))) for r in rows]
        assert m.probabilities(rows) == one_by_one
