"""Quality gate with a ratchet: scores on ../shared/gold/seeds may rise, never silently fall.

Floors live in ``gold_floors.json``; when a change raises a score, raise its floor in the same
commit. ``corpus.relations`` (recall) was lowered from 0.92 to 0.28 on purpose when relations moved
to propositions (since raised to 0.64): the old recall came from 193 relations for 14 gold ones at
11% precision; the floor on ``corpus.relations_precision`` now guards the other side. That floor was
lowered from 0.44 to 0.36 when each claim came to keep two relations instead of one: the measure
is a lower bound (gold relation lists are not exhaustive), and the by-eye audit of the sample
corpus (docs/audit/relations.toml) judged the added relations real. ``entities.organizations.f1`` was
lowered from 0.979 to 0.961 when bodies that speak in claims became organisations of the article:
in seeds 003 and 004 the gold's own claims have the speaker "Armed Forces of Ukraine" while their
organisation lists leave it out (seed 001 and nine dev articles list it), and those are the only two
organisations added on the seeds; the dev F1 rose 0.661 -> 0.714. Skipped when ../shared is absent.
"""

import json
from pathlib import Path

import pytest

from sitroom.eval import evaluate
from sitroom.link import analyze
from sitroom.process import build_pipeline

FLOORS = json.loads((Path(__file__).parent / "gold_floors.json").read_text())
#: the 21 dev articles ratchet the same way (``gold_floors_dev.json``): they measure generality, so a
#: change that lowers them needs a written reason here as much as for the seeds. ``claims.speaker`` and
#: ``claims.via`` were lowered (0.831 -> 0.827, 0.851 -> 0.845) when the learned cue model came in:
#: claims F1 rose and the right speakers and vias rose in number (74 -> 77, 69 -> 71), but both are
#: shares of the matched claims, and two of the newly matched claims carry a description ("the local
#: police chief", a person the parser does not tag) or no via; the rules that followed (wire credit
#: lines, media as relays) raised both above their old floors again. ``events.location`` went 0.846 ->
#: 0.842 when the learned line classifier came: it is a share of the matched events (33/39 -> 32/38);
#: with the headline now found and skipped, one gold event that only its headline mention matched is
#: no longer matched, while events F1, dates and ``claimed_by`` all rose. ``claims.speaker`` (0.914 ->
#: 0.909) and ``corpus.relations_precision`` (0.695 -> 0.66) went down when digest pages ("Key
#: Takeaways from the ISW:") gave their bullet points to the institute: claims F1 rose 0.825 -> 0.843
#: and relations recall 0.611 -> 0.639, but one new bullet ("... reportedly impacted ...") is the
#: gold's "reports", and the institute's "the offensive failed", now placed in the oblast, disputes the
#: later advances of 29 and 30 May, pairs the gold lists leave out and the by-eye dev audit judged real
DEV_FLOORS = json.loads((Path(__file__).parent / "gold_floors_dev.json").read_text())


def _flatten(report: dict) -> dict[str, float]:
    flat = {}
    for key, acc in report["cleaning"].items():
        flat[f"cleaning.{key}"] = acc["accuracy"]
    for key in ("duplicates", "attribution_tags"):
        flat[f"{key}.f1"] = report[key]["f1"]
    for key, acc in report["metadata"].items():
        flat[f"metadata.{key}"] = acc["accuracy"]
    for key, counts in report["entities"].items():
        flat[f"entities.{key}.f1"] = counts["f1"]
    for section in ("claims", "events"):
        flat[f"{section}.f1"] = report[section]["f1"]
        for key, value in report[section].items():
            if isinstance(value, dict) and "accuracy" in value:
                flat[f"{section}.{key}"] = value["accuracy"]
    if report.get("corpus"):
        flat["corpus.stories.f1"] = report["corpus"]["stories"]["f1"]
        flat["corpus.relations"] = report["corpus"]["relations"]["accuracy"]
        flat["corpus.relations_precision"] = report["corpus"]["relations_precision"]["accuracy"]
    return flat


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("name, floors", [("seeds", FLOORS), ("dev", DEV_FLOORS)])
def test_gold_gate_scores_hold_their_floors(shared, settings, name, floors):
    report = evaluate(shared / "gold" / name, build_pipeline(settings), settings, analyze=analyze).as_dict()
    scores = _flatten(report)
    below = {k: (scores.get(k), floor) for k, floor in floors.items() if (scores.get(k) or 0.0) < floor - 1e-9}
    assert not below, f"{name}: scores below their floors (score, floor): {below}"
    # issue 11: relations grow with what is asserted, not with the claims (at most 3 per gold relation)
    assert report["corpus"]["relations_volume"] <= MAX_RELATIONS_VOLUME, report["corpus"]["relations_volume"]


MAX_RELATIONS_VOLUME = 3.0
