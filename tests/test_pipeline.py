import pytest

from sitroom.errors import PipelineError
from sitroom.model import Article
from sitroom.pipeline import Pipeline, stage


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
