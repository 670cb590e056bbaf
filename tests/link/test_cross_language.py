"""One claim across languages: a Russian ministry's Telegram post, an English agency relay of it and
a Ukrainian governor's denial (fixtures in tests/fixtures/telegram, written for the project).

The post and the relay are one claim group with one originating source (the ministry), not two
confirmations; the denial contradicts it across languages. Then the same exports go through
ingest, analyze, report and export as an analyst would run them.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.config import load_settings
from sitroom.model import RelationKind
from sitroom.process import analyze_paths

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "telegram"
INPUTS = [FIXTURES / "mod_russia.json", FIXTURES / "synegubov.json", FIXTURES / "relay.jsonl"]


@pytest.fixture(scope="module")
def analysis():
    return analyze_paths(INPUTS, load_settings(env={}))


def claim_index(analysis):
    return {c.id: (a, c) for a in analysis.articles for c in a.claims}


def capture_groups(analysis):
    return [g for g in analysis.claim_groups
            if g.proposition.get("predicate") == "captured" and g.proposition.get("place") == "Lukiantsi"]


def test_post_and_relay_are_one_group_with_one_source(analysis):
    claims = claim_index(analysis)
    asserted = [g for g in capture_groups(analysis) if not g.proposition["negated"]]
    assert len(asserted) == 1
    (group,) = asserted
    languages = sorted(claims[c][0].language for c in group.claims)
    assert languages == ["en", "ru"]
    assert group.sources == ("Ministry of Defence of Russia",)
    assert all(claims[c][1].speaker == "Ministry of Defence of Russia" for c in group.claims)
    same = [r for r in analysis.relations if r.relation == RelationKind.CORROBORATES
            and {claims[r.a][0].language, claims[r.b][0].language} == {"en", "ru"}]
    assert same and not any(r.independent for r in same)


def test_ukrainian_denial_contradicts_across_languages(analysis):
    claims = claim_index(analysis)
    denials = [r for r in analysis.relations if r.relation == RelationKind.CONTRADICTS and r.type == "denial"]
    pairs = {frozenset((claims[r.a][0].language, claims[r.b][0].language)) for r in denials}
    assert frozenset(("ru", "uk")) in pairs and frozenset(("en", "uk")) in pairs
    uk = next(claims[r.b if claims[r.b][0].language == "uk" else r.a][1] for r in denials)
    assert uk.speaker == "Oleh Syniehubov"


def test_the_three_accounts_are_one_story(analysis):
    capture = {a.id for a in analysis.articles
               if any(p.place == "Lukiantsi" for c in a.claims for p in c.propositions)}
    assert len(capture) == 3
    assert any(capture <= set(s.articles) for s in analysis.stories)


def test_telegram_exports_through_ingest_analyze_report_and_export(tmp_path):
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'tg.db'}"
    ingested = runner.invoke(app, ["ingest", *map(str, INPUTS), "--store", url, "--workers", "1"])
    assert ingested.exit_code == 0, ingested.output
    assert "6 new" in ingested.stdout  # 2 + 3 posts with text, 1 relay; service and photo posts skipped
    assert runner.invoke(app, ["analyze", "--store", url]).exit_code == 0
    report = runner.invoke(app, ["report", "--region", "Kharkiv Oblast", "--format", "json", "--store", url])
    assert report.exit_code == 0, report.output
    assert "Lukiantsi" in report.stdout and "Oleh Syniehubov" in report.stdout
    events = runner.invoke(app, ["export", "events", "-f", "csv", "--store", url])
    rows = list(csv.DictReader(io.StringIO(events.stdout)))
    kharkiv = [r for r in rows if r["location"] == "Kharkiv"]
    assert kharkiv and kharkiv[0]["event_date"] == "2024-05-14"  # "вчора" in a post of the 15th
    claims = runner.invoke(app, ["export", "claims", "-f", "jsonl", "--store", url])
    records = [json.loads(line) for line in claims.stdout.splitlines() if line.strip()]
    forwarded = [r for r in records if r["speaker"] == "General Staff of the Armed Forces of Ukraine"]
    assert forwarded and forwarded[0]["via"] == ["Oleh Syniehubov"]


def test_unrelated_posts_of_one_day_are_separate_stories(tmp_path):
    posts = [
        "Вечером противник нанес ракетный удар по Харькову, пострадали три человека, сообщили в городской "
        "администрации.",
        "В Херсоне продолжается эвакуация жителей прибрежных районов, сообщили в областной администрации.",
        "Над Курской областью сбиты четыре беспилотника, сообщил губернатор.",
    ]
    export = {"name": "Новости фронта", "type": "public_channel", "id": 77,
              "messages": [{"id": k, "type": "message", "date": "2024-06-03T1%d:00:00" % k, "text": text}
                           for k, text in enumerate(posts)]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    analysis = analyze_paths([path], load_settings(env={}))
    assert len(analysis.articles) == 3 and len(analysis.stories) == 3
