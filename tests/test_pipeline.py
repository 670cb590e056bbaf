import pytest

from sitroom.errors import PipelineError
from sitroom.model import Article
from sitroom.pipeline import DeferredStage, Pipeline, stage


@stage(requires=["raw_text"], assigns=["body"])
def upper(article):
    article.body = article.raw_text.upper()
    return article


@stage(requires=["body"], assigns=["title"])
def first_word(article):
    if not article.body:
        raise ValueError("empty body")
    article.title = article.body.split()[0]
    return article


def test_pipeline_checks_declared_order():
    with pytest.raises(PipelineError, match="requires body"):
        Pipeline([first_word, upper])
    assert Pipeline([upper, first_word]).names == ["upper", "first_word"]


def test_pipeline_error_policies():
    items = [Article("a", "one two"), Article("b", ""), Article("c", "three")]
    pipeline = Pipeline([upper, first_word])
    recorded = list(pipeline.pipe(items, on_error="record"))
    assert [a.title for a in recorded] == ["ONE", None, "THREE"]
    assert recorded[1].errors[0].stage == "first_word" and "empty body" in recorded[1].errors[0].reason
    skipped = list(pipeline.pipe([Article("a", "x"), Article("b", "")], on_error="skip"))
    assert [a.source for a in skipped] == ["a"]
    with pytest.raises(PipelineError, match="b: stage 'first_word' failed"):
        list(pipeline.pipe([Article("b", "")], on_error="raise"))


def test_a_deferred_stage_is_built_at_its_first_article_and_must_match_its_declaration():
    built = []

    def build():
        built.append(1)
        return first_word

    deferred = DeferredStage("first_word", ("body",), ("title",), build)
    pipeline = Pipeline([upper, deferred])
    assert built == []                                     # checked against the declaration, not built
    assert [a.title for a in pipeline.pipe([Article("a", "one two"), Article("b", "three")])] == ["ONE", "THREE"]
    assert pipeline(Article("c", "four")).title == "FOUR" and built == [1]
    wrong = DeferredStage("first_word", ("body",), ("published",), lambda: first_word)
    with pytest.raises(PipelineError, match="deferred with"):
        wrong(Article("d", "five"))


@pytest.mark.slow
def test_pipeline_stages_use_the_knowledge_base_they_are_given(settings):
    """Stage factories take the registry from the KB passed in (as spaCy passes nlp to a factory):
    without the shipped registry, a ministry is no longer resolved to its canonical name."""
    from dataclasses import replace

    from sitroom.kb import KB
    from sitroom.kb.registry import Registry
    from sitroom.process import build_pipeline

    text = "The Russian Defence Ministry said on Tuesday that its forces had captured Lyptsi."
    shipped = build_pipeline(settings)(text)
    bare = build_pipeline(settings, kb=replace(KB.load(), registry=Registry([])))(text)
    assert [c.speaker for c in shipped.claims] == ["Ministry of Defence of Russia"]
    assert [c.speaker for c in bare.claims] != ["Ministry of Defence of Russia"]


def test_process_stops_collecting_what_its_first_batch_loaded_once_per_process(monkeypatch):
    import gc

    import sitroom.process as process_module
    from sitroom.config import load_settings

    settings = load_settings(env={})
    size = int(settings.get("nlp", "batch_size"))
    pipeline = Pipeline([upper])
    monkeypatch.setattr(process_module, "_settled", False)
    frozen = gc.get_freeze_count()
    items = [Article(f"a{k}", "some words") for k in range(2 * size + 1)]
    try:
        first = list(process_module.process(items[:size - 1], settings, pipeline=pipeline))
        assert [a.body for a in first] == ["SOME WORDS"] * (size - 1)
        assert gc.get_freeze_count() == frozen  # no batch filled yet
        assert len(list(process_module.process(items, settings, pipeline=pipeline))) == len(items)
        assert gc.get_freeze_count() > frozen and process_module._settled
        again = gc.get_freeze_count()
        list(process_module.process(items, settings, pipeline=pipeline))
        assert gc.get_freeze_count() == again  # once per process
    finally:
        gc.unfreeze()


def test_the_cyrillic_stages_build_what_they_declare():
    from sitroom.extract import cyrillic
    from sitroom.kb import KB

    deferred = cyrillic.stages(KB.load())
    assert [d.stage.name for d in deferred] == ["parse", "entities", "claims", "events"]


def test_an_english_run_never_imports_the_cyrillic_stages():
    """Start-up: the Russian and Ukrainian modules are imported at the first article in those languages."""
    import subprocess
    import sys

    code = ("import sys; from sitroom.config import load_settings; from sitroom.process import build_pipeline; "
            "p = build_pipeline(load_settings(env={})); "
            "a = p('Officials in Kharkiv said on Monday that the bridge had been repaired.'); "
            "print(a.language, sorted(m for m in sys.modules if m.startswith('sitroom.extract.cyrillic.')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["en", "[]"]
