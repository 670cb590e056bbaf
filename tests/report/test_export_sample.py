"""On the bundled sample corpus: an exported event names only the claims that assert it."""

import pytest

from sitroom.config import load_settings
from sitroom.link import analyze
from sitroom.link.relations import _entries, event_proposition, proposition_key
from sitroom.model import Article
from sitroom.process import process, read
from sitroom.report.export import Context, event_rows
from sitroom.report.situation import SAMPLE_DIR

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample():
    settings = load_settings(env={})
    articles = [a for a in process(read([SAMPLE_DIR], settings), settings) if isinstance(a, Article)]
    return articles, analyze(articles)


def test_export_event_claim_ids_assert_the_events_proposition(sample):
    articles, result = sample
    claims = {c.id: c for a in articles for c in a.claims}
    places = {e.canonical: e.admin1 for a in articles for e in a.entities if e.label == "location"}
    context = Context.from_analysis(result)
    rows = [(event, row) for a in articles for event in a.events for row in event_rows(a, context)
            if row["sitroom_event_id"] == event.id]
    shared = 0
    for event, row in rows:
        claim = claims.get(event.claim_id or "")
        where = [*event.locations, *(places[n] for n in event.locations if places.get(n))]
        key = claim and event_proposition(event.type, where, [p.to_dict() for p in claim.propositions])
        if not key:
            assert row["claim_ids"] in ([], [event.claim_id])
            continue
        for cid in row["claim_ids"]:
            asserted = [proposition_key(e) for p in claims[cid].propositions for e in _entries(p.to_dict())]
            assert key in asserted, (event.id, cid, key, asserted)
        shared += len(row["claim_ids"]) > 1
    assert shared, "no event of the sample corpus is asserted by more than one claim"
